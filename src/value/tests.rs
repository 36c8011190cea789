use super::*;

#[test]
fn numeric_strings_convert_like_terraform() {
    assert_eq!(Value::String("12".into()).as_number(), Some(12.0));
    assert_eq!(Value::String("1.5e1".into()).as_number(), Some(15.0));
    assert_eq!(Value::String(" 12".into()).as_number(), None);
    assert_eq!(Value::String("twelve".into()).as_number(), None);
    assert_eq!(Value::String("inf".into()).as_number(), None);
}

#[test]
fn values_stay_small() {
    // Every element of every list holds one: sharing made them smaller, keep them so.
    assert!(std::mem::size_of::<Value>() <= 24);
}

/// What a reference did before values were shared: every span inside rewritten.
fn seen_eagerly(v: Spanned<Value>, use_site: Span) -> Spanned<Value> {
    let value = match v.value {
        Value::List(items) => Value::list(
            items
                .to_vec()
                .into_iter()
                .map(|i| seen_eagerly(i, use_site))
                .collect(),
        ),
        Value::Object(items) => Value::object(
            items
                .to_vec()
                .into_iter()
                .map(|(k, i)| (k, seen_eagerly(i, use_site)))
                .collect(),
        ),
        other => other,
    };
    Spanned::new(value, v.span.seen_from(use_site))
}

/// Every span inside `v`, as taken out.
fn spans(v: &Spanned<Value>, out: &mut Vec<Span>) {
    out.push(v.span);
    match &v.value {
        Value::List(items) => items.iter().for_each(|i| spans(&i, out)),
        Value::Object(items) => items.iter().for_each(|(_, i)| spans(&i, out)),
        _ => {}
    }
}

#[test]
fn shared_values_move_as_if_rewritten() {
    let at = |file, start| Span::new(file, start..start + 1);
    let leaf = |file, start| Spanned::new(Value::string("x"), at(file, start));
    let mut from_cli = leaf(NO_FILE, 0);
    from_cli.span.origin = Some(at(2, 40).range());
    let inner = Spanned::new(
        Value::list(vec![leaf(1, 10), from_cli, leaf(1, 12)]),
        at(1, 9),
    );
    // A list holding a reference to `inner`, and an object around both.
    let outer = Spanned::new(
        Value::list(vec![inner.clone().seen_from(at(1, 20)), leaf(1, 21)]),
        at(1, 19),
    );
    let object = Spanned::new(
        Value::object(vec![
            ("a".into(), outer.clone()),
            ("b".into(), inner.clone()),
        ]),
        at(1, 30),
    );
    let uses = [at(1, 50), at(3, 5), at(1, 9), at(1, 20)];
    for value in [inner, outer, object] {
        for n in 1..=uses.len() {
            let (mut lazy, mut eager) = (value.clone(), value.clone());
            for site in &uses[..n] {
                lazy = lazy.seen_from(*site);
                eager = seen_eagerly(eager, *site);
            }
            let (mut a, mut b) = (Vec::new(), Vec::new());
            spans(&lazy, &mut a);
            spans(&eager, &mut b);
            assert_eq!(a, b, "{n} uses of {:?}", value.value);
            assert_eq!(lazy, eager);
        }
    }
}

#[test]
fn numbers_print_without_fraction_when_whole() {
    assert_eq!(format_number(24.0), "24");
    assert_eq!(format_number(1.5), "1.5");
    assert_eq!(Value::Number(3.0).as_string().as_deref(), Some("3"));
}

#[test]
fn quoted_strings_escape_what_hcl_reads_specially() {
    assert_eq!(
        quoted("https://a.example.com/cb"),
        r#""https://a.example.com/cb""#
    );
    assert_eq!(quoted("é and ü"), r#""é and ü""#);
    assert_eq!(quoted(r#"say "hi"\now"#), r#""say \"hi\"\\now""#);
    assert_eq!(quoted("a\tb\nc\r\u{1}\u{85}"), r#""a\tb\nc\r\u0001\u0085""#);
    // A template marker is doubled to stay literal; a lone `$` or `%` is not.
    assert_eq!(quoted("${x} %{y} $5 100%"), r#""$${x} %%{y} $5 100%""#);
    assert_eq!(quoted(""), r#""""#);
}
