# A service-to-service client that uses the client_credentials grant.

resource "aws_cognito_resource_server" "orders" {
  identifier   = "https://orders.example.com"
  name         = "orders"
  user_pool_id = var.user_pool_id

  scope {
    scope_name        = "read"
    scope_description = "Read orders"
  }
}

variable "user_pool_id" {
  type = string
}

resource "aws_cognito_user_pool_client" "billing_service" {
  name         = "billing-service"
  user_pool_id = var.user_pool_id

  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["client_credentials"]
  allowed_oauth_scopes                 = ["openid", "https://orders.example.com/write"]

  prevent_user_existence_errors = "ENABLED"
}
