variable "items" {
  type    = list(object({ name = string, tags = optional(map(string), {}) }))
  default = []
}

locals {
  names     = [for i in var.items : i.name]
  by_name   = { for i in var.items : i.name => i }
  grouped   = { for i in var.items : i.name => i... }
  filtered  = [for k, v in local.by_name : upper(k) if v != null]
  nested    = [for a in [1, 2] : [for b in [3, 4] : a * b]]
  splat     = var.items[*].name
  attr_splat = var.items.*.name
  legacy    = var.items.0.name
  legacy2   = aws_instance.web.0.id
  index     = var.items[0]["name"]
  cond      = length(var.items) > 0 ? var.items[0].name : null
  chained   = true ? false ? 1 : 2 : 3
  math      = -1 + 2 * 3 / 4 % 5 - (6 - 7)
  logic     = !true || false && true == (1 != 2) || 1 <= 2 && 3 >= 2 && 1 < 2 && 3 > 2
  multiline = (
    1
    + 2
    - 3
  )
  op_at_line_start = [
    "a"
  ]
  call_multiline = coalesce(
    null,
    "x",
  )
  expand    = concat([], local.names...)
  namespaced = provider::aws::arn_parse("arn:aws:iam::123456789012:role/x")
  numbers   = [1, 1.5, 1e3, 1.5E-3, 0, 007]
  empty_obj = {}
  empty_tup = []
  trailing  = [1, 2, 3,]
  obj_commas = { a = 1, b = 2, }
  obj_newlines = {
    a = 1
    "b" = 2
    (local.key) = 3
    "${local.key}x" = 4
  }
  obj_colon = { a: 1, b: 2 }
  repeated_key = { a = 1, a = 2 }
  null_value = null
  bools = [true, false]
  ident_dashes = local.some-name
  unicode_ident = local.naïve
  ünïcödé = "unicode key"
  escapes = "tab\t newline\n quote\" backslash\\ unicode\u00e9 \U0001F600"
  template = "${local.a}-${local.b}%{if true}x%{endif}"
  strip = "${~ local.a ~}"
  nested_template = "${"inner ${"deeper"}"}"
  for_template = "%{ for x in ["a", "b"] }${x},%{ endfor }"
  key_template = { "${local.a}" = 1 }
  func_no_args = timestamp()
  func_trailing_comma = max(1, 2,)
}
