# Inside brackets and braces Terraform ignores newlines, in a for expression too; hcl-edit did
# not allow them in the collection, nor in an object for expression's key and value.
locals {
  enabled_names = [for name in var.enabled
    ? var.names
    : [] : upper(name)]
  compared = [for x in var.a == var.b
  != var.c : x]
  by_key = { for k, v in var.map : k
    + 1 => v
    + 1... }
  choice = { for k, v in var.map : k => v ?
    "yes" : "no" }
}
