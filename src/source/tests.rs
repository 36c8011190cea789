use super::*;

#[test]
fn columns_far_along_a_long_line_count_characters_as_near_ones() {
    let mut text = "\u{feff}x = [".to_string();
    while text.len() < 50_000 {
        text.push_str("\"é\r\", ");
    }
    text.push_str("]\r\nnext = 1\n");
    let file = SourceFile::new(0, "f.tf.json".into(), "f.tf.json".into(), text.clone());
    for offset in (0..text.len())
        .filter(|o| text.is_char_boundary(*o))
        .step_by(97)
    {
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let naive = text[line_start..offset]
            .chars()
            .filter(|&c| c != '\r' && c != '\u{feff}')
            .count();
        let line = text[..offset].matches('\n').count() + 1;
        assert_eq!(file.line_col(offset), (line, naive + 1), "at {offset}");
    }
}

#[test]
fn positions_kept_on_release_are_the_ones_the_text_gives() {
    let mut text = "\u{feff}a = \"é\"\r\n\n  b = [".to_string();
    while text.len() < 10_000 {
        text.push_str("\"ü\", ");
    }
    text.push_str("]\nlast");
    let whole = file(&text);
    let offsets: Vec<usize> = (0..text.len() + 3).step_by(7).collect();
    let mut released = file(&text);
    released.release_text(offsets.iter().copied());
    for offset in offsets {
        assert_eq!(
            released.line_col(offset),
            whole.line_col(offset),
            "at {offset}"
        );
    }
}

fn file(text: &str) -> SourceFile {
    SourceFile::new(0, "main.tf".into(), "main.tf".into(), text.to_string())
}

#[test]
fn line_and_column_count_characters() {
    let f = file("a = 1\nbé = \"x\"\n");
    assert_eq!(f.line_col(0), (1, 1));
    assert_eq!(f.line_col(6), (2, 1));
    // "bé = " is 6 bytes but 5 characters.
    assert_eq!(f.line_col(12), (2, 6));
}

#[test]
fn crlf_does_not_shift_columns() {
    let f = file("a = 1\r\nb = 2\r\n");
    assert_eq!(f.line_col(7), (2, 1));
    assert_eq!(f.line_range(1), Some(0..5));
}

#[test]
fn invalid_utf8_is_a_syntax_error_at_the_bad_byte() {
    let (text, err) = decode(0, b"a = \"\xff\"\n".to_vec());
    assert!(text.contains('\u{fffd}'));
    assert_eq!(err.unwrap().span.start, 5);
}

#[test]
fn a_repeated_argument_parses_and_keeps_its_name() {
    let body = parse_hcl(&file("a = 1\nb = 2\na = 3\n")).unwrap();
    let names: Vec<&str> = body.attributes().map(|a| a.key.as_str()).collect();
    assert_eq!(names, ["a", "b", "a"]);
    assert_eq!(body.attributes().nth(2).unwrap().key.span(), Some(12..13));
    // In a body of many arguments too, whose keys the parser indexes instead of searching.
    let many: String = (0..40).map(|i| format!("k{i} = {i}\n")).collect();
    let body = parse_hcl(&file(&(many + "k3 = 0\n"))).unwrap();
    let names: Vec<&str> = body.attributes().map(|a| a.key.as_str()).collect();
    assert_eq!((names.len(), names[40]), (41, "k3"));
}

#[test]
fn a_repeated_one_letter_argument_parses_in_a_text_with_every_letter() {
    let text =
        "# abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ\nx {\n  a = 1\n  a = 2\n}\n";
    let body = parse_hcl(&file(text)).unwrap();
    let block = body.blocks().next().unwrap();
    let names: Vec<&str> = block.body.attributes().map(|a| a.key.as_str()).collect();
    assert_eq!(names, ["a", "a"]);
}

#[test]
fn a_repeated_object_key_is_not_a_syntax_error() {
    assert!(parse_hcl(&file(
        "x = { a = 1, a = 2 }\ny = { \"k\" = 1, \"k\" = 2 }\n"
    ))
    .is_ok());
}

#[test]
fn a_repeated_object_key_keeps_the_last_value_in_small_and_large_objects() {
    // Small objects are searched for the key and large ones indexed (see the vendored parser).
    for len in [3, 40] {
        let mut items: Vec<String> = (0..len).map(|i| format!("k{i} = {i}")).collect();
        items.extend(["k0 = 100", "\"q\" = 1", "\"q\" = 2", "(k2) = 102"].map(String::from));
        let text = format!("x = {{ {} }}\n", items.join(", "));
        let body = parse_hcl(&file(&text)).unwrap();
        let Some(hcl_edit::expr::Expression::Object(object)) =
            body.attributes().next().map(|a| &a.value)
        else {
            panic!("an object");
        };
        let values: Vec<(String, String)> = object
            .iter()
            .map(|(k, v)| {
                let key = match k {
                    hcl_edit::expr::ObjectKey::Ident(ident) => ident.to_string(),
                    hcl_edit::expr::ObjectKey::Expression(e) => e.to_string(),
                };
                (key, v.expr().to_string())
            })
            .collect();
        // A repeat replaces its key's value; the computed key is an item of its own.
        assert_eq!(values.len(), len + 2, "{values:?}");
        assert_eq!(values[0].1.trim(), "100");
        assert_eq!(values[len].1.trim(), "2");
        assert_eq!(values[len + 1].0.trim(), "(k2)");
    }
}

#[test]
fn parse_error_has_a_position() {
    let err = parse_hcl(&file("resource \"x\" \"y\" {\n  a = \n}\n")).unwrap_err();
    assert!(err.span.start > 0);
    assert!(err.message.starts_with("invalid HCL"));
}

#[test]
fn counted_characters_are_the_decoded_ones_but_carriage_returns_and_byte_order_marks() {
    let naive = |t: &str| t.chars().filter(|&c| c != '\r' && c != '\u{feff}').count();
    let pieces = [
        "a", "é", "€", "😀", "\r", "\u{feff}", "\u{fe}", "\u{ef}", " ", "\u{85}",
    ];
    // Every pair of pieces, repeated past the sixteen bytes counted at a time.
    for a in pieces {
        for b in pieces {
            for n in [1, 7, 20] {
                let text = format!("{a}{b}").repeat(n);
                assert_eq!(counted(&text), naive(&text), "{text:?}");
            }
        }
    }
}
