locals {
  x = "\q"
}
