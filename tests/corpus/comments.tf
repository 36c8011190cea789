# hash comment
// slash comment
/* block
   comment */
/**/
resource "aws_cognito_user_pool_client" "comments" { # trailing hash
  name         = "x" // trailing slashes
  user_pool_id = /* inline */ aws_cognito_user_pool.pool.id
  /* before */ callback_urls = [ # after bracket
    "https://example.com", # element
    // between
    "https://example.org", /* after */
  ]
}

locals {
  # only comments in this block
}

locals {
  /* only a block comment */
}
