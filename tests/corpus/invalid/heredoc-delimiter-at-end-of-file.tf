locals {
  x = <<EOT
hello
EOT