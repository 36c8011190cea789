locals {
  x =
    1
}
