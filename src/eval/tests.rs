use super::*;

fn eval(src: &str) -> Value {
    let expr = hcl_edit::parser::parse_expr(src).expect("test expression parses");
    Evaluator::new(0, &NoScope).eval(&expr).value
}

fn s(v: &str) -> Value {
    Value::string(v)
}

#[test]
fn literals_and_arithmetic() {
    assert_eq!(eval("12 * 2"), Value::Number(24.0));
    assert_eq!(eval("(1 + 2) * 3"), Value::Number(9.0));
    assert_eq!(eval("\"12\" + 1"), Value::Number(13.0));
    assert_eq!(eval("-5"), Value::Number(-5.0));
    assert_eq!(eval("!true"), Value::Bool(false));
    assert_eq!(eval("1 / 0"), Value::UNKNOWN);
}

#[test]
fn templates_of_literals_are_known() {
    assert_eq!(
        eval(r#""https://${"app"}.example.com""#),
        s("https://app.example.com")
    );
    assert_eq!(eval(r#""${12}""#), Value::Number(12.0));
    assert_eq!(eval(r#""a%{ if true }b%{ endif }""#), s("ab"));
    assert_eq!(
        eval(r#""%{ for x in ["a", "b"] }${x}%{ endfor }""#),
        s("ab")
    );
}

#[test]
fn references_are_unknown_without_a_scope() {
    assert_eq!(eval("var.app_url"), Value::UNKNOWN);
    assert_eq!(eval(r#""https://${var.domain}/cb""#), Value::UNKNOWN);
    assert_eq!(eval("aws_cognito_user_pool.pool.id"), Value::UNKNOWN);
    assert_eq!(eval("var.enabled ? 1 : 2"), Value::UNKNOWN);
}

#[test]
fn conditionals_on_literals_pick_a_branch() {
    assert_eq!(eval(r#"true ? "a" : "b""#), s("a"));
    assert_eq!(eval(r#"1 > 2 ? "a" : "b""#), s("b"));
}

#[test]
fn partly_unknown_lists_keep_known_elements() {
    let Value::List(items) = eval(r#"[var.a, "https://x"]"#) else {
        panic!("expected a list")
    };
    assert_eq!(items.get(0).unwrap().value, Value::UNKNOWN);
    assert_eq!(items.get(1).unwrap().value, s("https://x"));
}

#[test]
fn for_expressions_and_functions() {
    assert!(values_equal(
        &eval(r#"[for u in ["a", "b"] : upper(u)]"#),
        &eval(r#"["A", "B"]"#)
    ));
    assert!(values_equal(
        &eval(r#"{ for k, v in { a = 1 } : upper(k) => v * 2 }"#),
        &eval(r#"{ A = 2 }"#)
    ));
    assert_eq!(eval(r#"join(",", ["a", "b"])"#), s("a,b"));
    assert_eq!(
        eval(r#"length(concat(["a"], ["b", "c"]))"#),
        Value::Number(3.0)
    );
    assert_eq!(eval(r#"try(var.x.y, "fallback")"#), Value::UNKNOWN);
    assert_eq!(eval(r#"try({a = 1}.b, "fallback")"#), s("fallback"));
    assert_eq!(eval(r#"can({a = 1}.b)"#), Value::Bool(false));
    assert_eq!(eval(r#"format("%s-%d", "a", 3)"#), s("a-3"));
    assert_eq!(eval(r#"lookup({a = "x"}, "b", "y")"#), s("y"));
    assert_eq!(eval(r#"upper(var.x)"#), Value::UNKNOWN);
    assert_eq!(eval(r#"timestamp()"#), Value::UNKNOWN);
}
