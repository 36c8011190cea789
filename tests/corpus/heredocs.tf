locals {
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Name": "${var.name}",
      %{~ if var.enabled ~}
      "Enabled": true,
      %{~ else ~}
      "Enabled": false,
      %{~ endif ~}
      "Items": [%{ for i, x in var.items }"${x}"%{ if i < length(var.items) - 1 },%{ endif }%{ endfor }]
    }
  EOT
  plain = <<EOT
no indent stripping, $${not_interpolated} and %%{not_a_directive}
  ${upper("interpolated")}
EOT
  empty_heredoc = <<EOT
EOT
  dollar_at_end = "cost: 5$"
  percent_at_end = "100%"
  lone_dollar_brace = "$${"
}

resource "aws_cognito_user_pool_client" "heredoc" {
  name         = <<-NAME
    heredoc-name
  NAME
  user_pool_id = aws_cognito_user_pool.pool.id
}
