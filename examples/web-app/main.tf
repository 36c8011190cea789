# A web application's user pool and its app client, as a team might first write them.

resource "aws_cognito_user_pool" "main" {
  name = "web-app-users"

  schema {
    name                = "email"
    attribute_data_type = "String"
    required            = true
    mutable             = true
  }
}

resource "aws_cognito_user_pool_client" "web" {
  name         = "web-app"
  user_pool_id = aws_cognito_user_pool.main.id

  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code", "implicit"]
  allowed_oauth_scopes                 = ["openid", "email", "profile"]
  callback_urls = [
    "https://app.example.com/callback",
    "http://staging.example.com/callback",
    "http://localhost:3000/callback",
  ]
  default_redirect_uri = "https://app.example.com/callback/"
  logout_urls          = ["https://app.example.com/signed-out"]

  explicit_auth_flows = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  write_attributes    = ["name", "email_verified"]

  access_token_validity  = 60
  id_token_validity      = 60
  refresh_token_validity = 30

  prevent_user_existence_errors = "ENABLED"
}
