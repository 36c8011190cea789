locals {
  bom = true
}
