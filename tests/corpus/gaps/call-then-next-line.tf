# After a function call or a list in an expression, hcl-edit let the rest of that expression
# run on past the end of its line: here `true` took the next line's `(var.key)` as call
# arguments, and `b` the same, a syntax error Terraform does not see.
locals {
  tags = {
    Name = timestamp() ? "yes" : true
    (var.key) = "value"
    other = [1] == var.list ? 1 : b
    (var.other) = 2
  }
}
