locals {
  x = { for = 1 }
}
