# Terraform ends a heredoc only at a line holding the delimiter alone; hcl-edit also ended it
# at a line starting with the delimiter (`EOT x`), then called the rest a syntax error.
locals {
  script = <<EOT
first line
 EOT is how this heredoc ends
EOT)
EOT # not a comment
EOT
  indented = <<-EOT
    a
    EOT, still content
    EOT
}
