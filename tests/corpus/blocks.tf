terraform {}
locals {}
locals { a = 1 }
data "aws_caller_identity" "current" {}
resource "aws_cognito_user_pool" "pool" { name = "pool" }
resource aws_s3_bucket unquoted_labels {}
module "m" {
  source = "./modules/none"
  providers = {
    aws = aws.east
  }
}
provider "aws" {
  alias  = "east"
  region = "us-east-1"
}
resource "aws_cognito_user_pool_client" "dynamic" {
  name         = "d"
  user_pool_id = aws_cognito_user_pool.pool.id
  dynamic "token_validity_units" {
    for_each = [1]
    iterator = unit
    content {
      access_token = "hours"
    }
  }
  lifecycle {
    ignore_changes        = [name]
    create_before_destroy = true
    precondition {
      condition     = true
      error_message = "x"
    }
  }
  depends_on = [aws_cognito_user_pool.pool]
}
check "health" {
  assert {
    condition     = true
    error_message = "ok"
  }
}
import {
  to = aws_cognito_user_pool.pool
  id = "us-east-1_abc"
}
moved {
  from = aws_cognito_user_pool_client.old
  to   = aws_cognito_user_pool_client.dynamic
}
removed {
  from = aws_s3_bucket.gone
  lifecycle {
    destroy = false
  }
}
output "o" {
  value     = aws_cognito_user_pool_client.dynamic.id
  sensitive = true
}
