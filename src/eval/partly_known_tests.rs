//! What stays known of partly-unknown values, as Terraform has them (`var.x` is unknown here),
//! and the functions of each family.

use super::*;

fn eval(src: &str) -> Value {
    let expr = hcl_edit::parser::parse_expr(src).expect("test expression parses");
    Evaluator::new(0, &NoScope).eval(&expr).value
}

/// The value as text, unknown parts as `(known after apply)`.
fn shown(src: &str) -> String {
    eval(src).to_string()
}

const UNKNOWN: &str = "(known after apply)";

#[test]
fn collections_with_unknown_leaves_keep_their_shape() {
    assert_eq!(shown(r#"length([var.a, "b"])"#), "2");
    assert_eq!(shown(r#"length({ a = { css = var.css } })"#), "1");
    assert_eq!(shown(r#"keys({ b = var.x, a = 1 })"#), r#"["a", "b"]"#);
    assert_eq!(
        shown(r#"values({ b = var.x, a = 1 })"#),
        format!("[1, {UNKNOWN}]")
    );
    assert_eq!(shown(r#"lookup({ a = var.x, b = "y" }, "b")"#), r#""y""#);
    assert_eq!(shown(r#"lookup({ a = var.x }, "a")"#), UNKNOWN);
    assert_eq!(shown(r#"lookup({ a = 1 }, "b", var.d)"#), UNKNOWN);
    assert_eq!(shown(r#"lookup(var.m, "b", "d")"#), UNKNOWN);
    assert_eq!(shown(r#"element([var.a, "b"], 1)"#), r#""b""#);
    assert_eq!(shown(r#"merge({ a = var.x }, { b = 1 }).b"#), "1");
    assert_eq!(shown(r#"concat([var.a], ["b"])[1]"#), r#""b""#);
    assert_eq!(shown(r#"flatten([[{ a = var.x }], ["b"]])[1]"#), r#""b""#);
    // An unknown element may be a list: where the rest lands is unknown.
    assert_eq!(shown(r#"flatten([[var.a], ["b"]])"#), UNKNOWN);
    assert_eq!(shown(r#"zipmap(["a", "b"], [var.x, 1]).b"#), "1");
    assert_eq!(
        shown(r#"one([{ a = var.x }])"#),
        format!("{{a = {UNKNOWN}}}")
    );
    assert_eq!(shown(r#"slice([var.a, "b", "c"], 1, 3)"#), r#"["b", "c"]"#);
    assert_eq!(shown(r#"reverse([var.a, "b"])[0]"#), r#""b""#);
    assert_eq!(shown(r#"chunklist([var.a, "b", "c"], 2)[1]"#), r#"["c"]"#);
    assert_eq!(shown(r#"tolist([var.a, "b"])[1]"#), r#""b""#);
    assert_eq!(shown(r#"sensitive({ a = var.a, b = 1 }).b"#), "1");
}

#[test]
fn what_needs_every_element_waits_for_it() {
    assert_eq!(shown(r#"distinct([var.a, "b"])"#), UNKNOWN);
    assert_eq!(shown(r#"compact([var.a, ""])"#), UNKNOWN);
    assert_eq!(shown(r#"join(",", [var.a, "b"])"#), UNKNOWN);
    assert_eq!(shown(r#"upper(var.a)"#), UNKNOWN);
    assert_eq!(shown(r#"sort(["b", var.a])"#), UNKNOWN);
    assert_eq!(shown(r#"jsonencode({ a = var.a })"#), UNKNOWN);
    assert_eq!(shown(r#"setunion(["a"], [var.b])"#), UNKNOWN);
    // Two elements of a set may be equal once known: its length is unknown.
    assert_eq!(shown(r#"length(toset([var.a, "b"]))"#), UNKNOWN);
    assert_eq!(shown(r#"length(toset([var.a]))"#), "1");
}

#[test]
fn decisions_are_known_when_the_known_parts_decide() {
    assert_eq!(shown(r#"contains([var.a, "b"], "b")"#), "true");
    assert_eq!(shown(r#"contains([var.a, "b"], "c")"#), UNKNOWN);
    assert_eq!(shown(r#"contains(["a"], "c")"#), "false");
    assert_eq!(shown(r#"index(["a", var.x], "a")"#), "0");
    assert_eq!(shown(r#"index([var.x, "a"], "a")"#), UNKNOWN);
    assert_eq!(shown(r#"alltrue([false, var.x])"#), "false");
    assert_eq!(shown(r#"alltrue([var.x, false])"#), UNKNOWN);
    assert_eq!(shown(r#"anytrue([var.x, true])"#), "true");
    assert_eq!(shown(r#"anytrue([var.x, false])"#), UNKNOWN);
    assert_eq!(shown(r#"coalesce("", "x", var.y)"#), r#""x""#);
    assert_eq!(shown(r#"coalesce(var.y, "x")"#), UNKNOWN);
    assert_eq!(
        shown(r#"coalescelist([], [var.a], var.b)"#),
        format!("[{UNKNOWN}]")
    );
}

#[test]
fn expressions_keep_what_is_known() {
    let clients = r#"{ web = { name = "web", css = var.css }, admin = { name = "admin" } }"#;
    assert_eq!(
        shown(&format!("length({clients}) > 0 ? {clients} : {{}}")),
        format!(r#"{{web = {{name = "web", css = {UNKNOWN}}}, admin = {{name = "admin"}}}}"#)
    );
    assert_eq!(shown(r#"var.on ? { a = 1 } : {}"#), UNKNOWN);
    assert_eq!(
        shown(&format!("[for k, v in {clients} : k]")),
        r#"["web", "admin"]"#
    );
    assert_eq!(
        shown(&format!("{{ for k, v in {clients} : k => v.name }}")),
        r#"{web = "web", admin = "admin"}"#
    );
    assert_eq!(
        shown(&format!("[for k, v in {clients} : v.name]")),
        r#"["web", "admin"]"#
    );
    // The length of a `for` with an unknown condition is unknown.
    assert_eq!(shown(r#"[for v in [var.x, 1] : v if v > 0]"#), UNKNOWN);
    assert_eq!(
        shown(r#"[for v in [var.x, 1] : v if true]"#),
        format!("[{UNKNOWN}, 1]")
    );
    assert_eq!(
        shown(r#"[{ a = var.x }, { a = 1 }][*].a"#),
        format!("[{UNKNOWN}, 1]")
    );
    assert_eq!(shown(r#"{ a = var.x, b = 1 }["b"]"#), "1");
    assert_eq!(shown(r#"{ a = var.x, b = 1 }.a"#), UNKNOWN);
    assert_eq!(shown(r#"[var.x] == ["a"]"#), UNKNOWN);
    assert_eq!(shown(r#"[var.x] != ["a", "b"]"#), "true");
    assert_eq!(shown(r#"{ a = var.x } == {}"#), "false");
}

#[test]
fn string_and_regex_functions() {
    assert_eq!(
        shown(r#"replace("My App", "/[^a-z0-9]/", "-")"#),
        r#""-y--pp""#
    );
    assert_eq!(
        shown(r#"replace(lower("My App"), "/[^a-z0-9]/", "-")"#),
        r#""my-app""#
    );
    assert_eq!(shown(r#"replace("a.b", ".", "-")"#), r#""a-b""#);
    assert_eq!(
        shown(r#"regex("^(\\w+)://([^/]+)", "https://x.io/cb")"#),
        r#"["https", "x.io"]"#
    );
    assert_eq!(
        shown(r#"regex("(?P<host>[a-z.]+)$", "https://x.io")"#),
        r#"{host = "x.io"}"#
    );
    assert_eq!(shown(r#"regexall("[0-9]+", "a1b22")"#), r#"["1", "22"]"#);
    assert_eq!(shown(r#"can(regex("z", "abc"))"#), "false");
    assert_eq!(shown(r#"title("hello web-app")"#), r#""Hello Web-App""#);
    assert_eq!(shown(r#"substr("hello", -3, -1)"#), r#""llo""#);
    assert_eq!(shown(r#"trim("?!hello?!", "!?")"#), r#""hello""#);
    assert_eq!(shown(r#"chomp("x\r\n\n")"#), r#""x""#);
    assert_eq!(shown(r#"indent(2, "a\nb")"#), r#""a\n  b""#);
    assert_eq!(shown(r#"startswith("https://x", "https://")"#), "true");
    assert_eq!(shown(r#"strrev("abc")"#), r#""cba""#);
    // What Terraform computes but is not imitated is unknown, never an error for try().
    assert_eq!(shown(r#"try(format("%05d", 3), "x")"#), UNKNOWN);
    assert_eq!(shown(r#"try(format("%v", [1]), "x")"#), UNKNOWN);
    assert_eq!(shown(r#"try(split("", "abc"), [])"#), UNKNOWN);
    assert_eq!(shown(r#"try(regex("\\Qa.b\\E", "a.b"), "x")"#), UNKNOWN);
    assert_eq!(shown(r#"try(yamldecode("a: [1"), {})"#), UNKNOWN);
    assert_eq!(shown(r#"try(element(["a"], -1), "x")"#), UNKNOWN);
    assert_eq!(shown(r#"try(lookup({}, "a"), "x")"#), r#""x""#);
}

#[test]
fn numeric_collection_and_encoding_functions() {
    assert_eq!(shown("abs(-3) + ceil(1.2) + floor(1.8) + signum(-2)"), "5");
    assert_eq!(shown(r#"parseint("ff", 16)"#), "255");
    assert_eq!(shown("pow(2, 10)"), "1024");
    assert_eq!(shown("range(3)"), "[0, 1, 2]");
    assert_eq!(shown("range(5, 1, -2)"), "[5, 3]");
    assert_eq!(shown("sum([1, 2, 3])"), "6");
    assert_eq!(shown(r#"setproduct(["a", "b"], [1, 2])[3]"#), r#"["b", 2]"#);
    assert_eq!(shown(r#"setsubtract(["a", "b"], ["b"])"#), r#"["a"]"#);
    assert_eq!(
        shown(r#"setsymmetricdifference(["a", "b"], ["b", "c"])"#),
        r#"["a", "c"]"#
    );
    assert_eq!(
        shown(r#"matchkeys(["i1", "i2"], ["us", "eu"], ["eu"])"#),
        r#"["i2"]"#
    );
    assert_eq!(
        shown(r#"transpose({ a = ["1", "2"], b = ["2"] })"#),
        r#"{1 = ["a"], 2 = ["a", "b"]}"#
    );
    assert_eq!(
        shown(r#"jsondecode("{\"b\": [1, true, null], \"a\": \"x\"}")"#),
        r#"{b = [1, true, null], a = "x"}"#
    );
    assert_eq!(
        shown(r#"jsonencode(["a", 1, true])"#),
        r#""[\"a\",1,true]""#
    );
    assert_eq!(
        shown(r#"yamldecode("web:\n  callback_urls: [\"https://x\"]\n")"#),
        r#"{web = {callback_urls = ["https://x"]}}"#
    );
    assert_eq!(
        shown(r#"csvdecode("name,url\nweb,https://x\n")"#),
        r#"[{name = "web", url = "https://x"}]"#
    );
    assert_eq!(
        shown(r#"base64decode(base64encode("héllo"))"#),
        r#""héllo""#
    );
    assert_eq!(shown(r#"urlencode("a b&c/é")"#), r#""a+b%26c%2F%C3%A9""#);
    assert_eq!(shown(r#"basename("a/b/c.yaml")"#), r#""c.yaml""#);
    assert_eq!(shown(r#"dirname("a/b/c.yaml")"#), r#""a/b""#);
    // Without a module's files, reading is unknown.
    assert_eq!(shown(r#"file("clients.yaml")"#), UNKNOWN);
    assert_eq!(shown("path.module"), UNKNOWN);
}

#[test]
fn sizes_are_checked_before_building() {
    assert_eq!(shown("range(1e9)"), UNKNOWN);
    assert_eq!(shown(r#"indent(1e12, "one line")"#), UNKNOWN);
    assert_eq!(shown("length(setproduct(range(100), range(100)))"), UNKNOWN);
    assert_eq!(
        shown(
            r#"length(replace(join("", [for i in range(4000) : "aaaaaaaaaa"]), "a", join("", [for i in range(4000) : "b"])))"#
        ),
        UNKNOWN
    );
    assert_eq!(shown(r#"length(formatlist("%s", range(10)))"#), "10");
    assert_eq!(
        shown("length(flatten([for i in range(100) : range(100)]))"),
        UNKNOWN
    );
}

#[test]
fn a_set_typed_value_with_unknown_elements_is_unknown() {
    let expr = hcl_edit::parser::parse_expr(r#"[var.a, "b"]"#).unwrap();
    let value = Evaluator::new(0, &NoScope).eval(&expr);
    let set = types::Type::Set(Box::new(types::Type::String));
    assert_eq!(types::convert(value.clone(), &set).value, Value::UNKNOWN);
    let list = types::Type::List(Box::new(types::Type::String));
    assert_eq!(
        types::convert(value, &list).value.to_string(),
        format!("[{UNKNOWN}, \"b\"]")
    );
}

#[test]
fn try_and_can_wait_for_what_they_refer_to() {
    let clients = r#"[{ name = "a", css = var.css }]"#;
    assert_eq!(
        shown(&format!("[for c in {clients} : try(c.name, null)]")),
        r#"["a"]"#
    );
    assert_eq!(
        shown(&format!("[for c in {clients} : try(c.missing, null)]")),
        "[null]"
    );
    // As HCL's try: `c` is not wholly known, so neither is what is tried on it.
    assert_eq!(
        shown(&format!("[for c in {clients} : try(length(c), 0)]")),
        format!("[{UNKNOWN}]")
    );
    assert_eq!(
        shown(&format!("[for c in {clients} : can(c.name)]")),
        "[true]"
    );
    assert_eq!(
        shown(&format!("[for c in {clients} : can(keys(c))]")),
        format!("[{UNKNOWN}]")
    );
    assert_eq!(shown("try([for c in [1, 2] : c * 2], [])"), "[2, 4]");
    assert_eq!(shown(r#"try({ a = var.x, b = 1 }.b, 0)"#), UNKNOWN);
}
