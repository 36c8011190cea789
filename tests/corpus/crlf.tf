locals {
  a = "crlf"
  b = <<EOT
heredoc with crlf
EOT
}
