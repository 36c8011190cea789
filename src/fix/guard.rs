//! What a fix may replace. Rules build edits from spans, without the text: here the text says
//! whether an edit would overwrite an expression (never: the value is not known to be what the
//! rule saw, and the user's logic would be lost) or a comment (only with `--unsafe-fixes`: the
//! meaning stays, the note goes).

/// Whether `old`, the text an edit replaces, holds only literals: strings without templates,
/// numbers, `true`, `false`, `null`, lists and objects of them, argument names before `=`,
/// comments. `json`: the text is JSON (`"key": value`).
pub fn is_literal(old: &str, json: bool) -> bool {
    let b = old.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\t' | b'\r' | b'\n' | b'[' | b']' | b',' | b'=' => i += 1,
            b'{' | b'}' | b':' if json => i += 1,
            b'#' => i = old[i..].find('\n').map_or(b.len(), |n| i + n),
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = old[i..].find('\n').map_or(b.len(), |n| i + n)
            }
            b'/' if b.get(i + 1) == Some(&b'*') => match old[i + 2..].find("*/") {
                Some(n) => i += n + 4,
                None => return false,
            },
            b'"' => {
                let mut j = i + 1;
                loop {
                    match b.get(j) {
                        None => return false,
                        Some(b'\\') => j += 2,
                        Some(b'"') => break,
                        // A template: `${` or `%{` not escaped as `$${`, `%%{`.
                        Some(&m @ (b'$' | b'%')) if b.get(j + 1) == Some(&m) => j += 2,
                        Some(b'$' | b'%') if b.get(j + 1) == Some(&b'{') => return false,
                        Some(_) => j += 1,
                    }
                }
                i = j + 1;
            }
            b'-' | b'0'..=b'9' => {
                let end = old[i + 1..]
                    .find(|ch: char| {
                        !(ch.is_ascii_alphanumeric() || ch == '.' || ch == '+' || ch == '-')
                    })
                    .map_or(b.len(), |n| i + 1 + n);
                i = end;
            }
            _ if c.is_ascii_alphabetic() || c == b'_' => {
                let end = old[i..]
                    .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_' || ch == '-'))
                    .map_or(b.len(), |n| i + n);
                let word = &old[i..end];
                let rest = old[end..].trim_start_matches([' ', '\t']);
                let key = rest.starts_with('=') && !rest.starts_with("==");
                if !(key || matches!(word, "true" | "false" | "null")) {
                    return false;
                }
                i = end;
            }
            _ => return false,
        }
    }
    true
}

/// A bare name (an argument or block renamed).
pub fn is_name(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Whether `old` and `new` are the same kind of literal: both lists, strings, objects, numbers
/// or bools (a fix moved to where a value is set must replace what the rule saw).
pub fn same_shape(old: &str, new: &str) -> bool {
    let kind = |s: &str| match s.trim_start().chars().next() {
        Some('[') => 1,
        Some('"') => 2,
        Some('{') => 3,
        Some(c) if c.is_ascii_digit() || c == '-' => 4,
        Some('t' | 'f') if matches!(s.trim(), "true" | "false") => 5,
        _ => 0,
    };
    kind(old) != 0 && kind(old) == kind(new)
}

/// Whether `old` holds a comment (`#`, `//`, `/* */` outside strings).
pub fn has_comment(old: &str) -> bool {
    // Every comment starts with `#` or `/`: most replaced text holds neither.
    memchr::memchr2(b'#', b'/', old.as_bytes()).is_some()
        && !crate::comments::comments(old).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_and_expressions() {
        for literal in [
            "[\"a\", \"b\"]",
            "\"$${not} a template\"",
            "enable_token_revocation = false",
            "[\n  \"a\", # note\n  \"b\",\n]",
            "60",
            "-1.5e3",
        ] {
            assert!(is_literal(literal, false), "{literal}");
        }
        for expression in [
            "[true ? \"a\" : \"b\"]",
            "var.flows",
            "\"${var.x}\"",
            "concat([\"a\"], local.b)",
            "x = local.y",
        ] {
            assert!(!is_literal(expression, false), "{expression}");
        }
        assert!(is_literal("\"a\": [\"b\"]", true));
    }
}
