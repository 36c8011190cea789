locals {
  x = <<EOT
hello
}
