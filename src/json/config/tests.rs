use super::*;

#[test]
fn templates_keep_their_interpolations() {
    let mut out = String::new();
    quote_template(
        &mut out,
        r#"https://${var.domain}/cb?x="${jsonencode({"a" = 1})}""#,
    );
    assert_eq!(
        out,
        r#""https://${var.domain}/cb?x=\"${jsonencode({"a" = 1})}\"""#
    );
    let mut out = String::new();
    quote_template(&mut out, "a $${literal} %%{x}");
    assert_eq!(out, r#""a $${literal} %%{x}""#);
}

#[test]
fn literals_escape_template_sequences() {
    let mut out = String::new();
    quote_literal(&mut out, "${not} %{this}");
    assert_eq!(out, r#""$${not} %%{this}""#);
}

#[test]
fn a_client_becomes_native_syntax_with_a_map_back() {
    let json = r#"{
  "resource": {
"aws_cognito_user_pool_client": {
  "web": {
    "//": "a comment",
    "name": "web",
    "user_pool_id": "${aws_cognito_user_pool.pool.id}",
    "callback_urls": ["https://a.example.com", "http://b.example.com"],
    "access_token_validity": 48,
    "token_validity_units": [{ "access_token": "hours" }],
    "depends_on": ["aws_cognito_identity_provider.okta"]
  }
},
"aws_s3_bucket": { "b": { "bucket": "x" } }
  },
  "variable": { "v": { "type": "list(string)", "default": ["${x}"] } }
}"#;
    let g = to_hcl(json).unwrap();
    assert!(
        g.text
            .contains(r#"resource "aws_cognito_user_pool_client" "web" {"#),
        "{}",
        g.text
    );
    assert!(g
        .text
        .contains(r#"user_pool_id = "${aws_cognito_user_pool.pool.id}""#));
    assert!(g
        .text
        .contains("token_validity_units {\naccess_token = \"hours\"\n}"));
    assert!(g
        .text
        .contains("depends_on = [aws_cognito_identity_provider.okta]"));
    assert!(g.text.contains("type = list(string)"));
    assert!(g.text.contains(r#"default = ["$${x}"]"#));
    assert!(!g.text.contains("aws_s3_bucket"));
    let at = g.text.find("\"http://b.example.com\"").unwrap();
    let mapped = g.map.map(at, at + "\"http://b.example.com\"".len());
    assert_eq!(&json[mapped], "\"http://b.example.com\"");
    assert!(hcl_edit::parser::parse_body(&g.text).is_ok(), "{}", g.text);
}

#[test]
fn json_errors_have_a_position() {
    let err = to_hcl("{\"resource\": [1]}").err().unwrap();
    assert_eq!(err.0, 14);
    assert!(to_hcl("{\"a\": ").is_err());
}
