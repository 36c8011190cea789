//! Edits in a `.tf.json` file. Rules write edits in native syntax against the text a JSON file
//! stands for, and the module stage maps their ends back to the JSON (see
//! `SpanMap::map_edit`); here the text becomes JSON: a value stays (a native literal is JSON)
//! or becomes a template string (`"${aws_x.y.name}"`), a key is quoted, an inserted argument
//! becomes a property, and a removed property takes its comma.

use crate::finding::{Edit, Finding};
use crate::source::SourceFile;
use crate::value::Span;

/// Writes the edits of `findings` that fall in `.tf.json` files among `sources` in JSON syntax;
/// a fix with an edit that has no JSON form is dropped.
pub fn in_json_syntax(findings: &mut [Box<Finding>], sources: &[Box<SourceFile>]) {
    // Most modules have no JSON file: then no fix changes, and none is copied.
    let json: Vec<&SourceFile> = sources
        .iter()
        .filter(|s| crate::discover::is_json_config(&s.path))
        .map(|s| &**s)
        .collect();
    if json.is_empty() {
        return;
    }
    let json_text = |id| json.iter().find(|s| s.id == id).map(|s| s.text.as_str());
    for f in findings {
        let Some(fix) = &mut f.diag.fix else {
            continue;
        };
        if fix.edits.iter().all(|e| json_text(e.span.file).is_none()) {
            continue;
        }
        let translated: Option<Vec<Edit>> = fix
            .edits
            .iter()
            .map(|e| match json_text(e.span.file) {
                Some(text) if e.span.bytes().end <= text.len() => to_json(text, e),
                Some(_) => None,
                None => Some(e.clone()),
            })
            .collect();
        match translated {
            Some(edits) => fix.edits = edits,
            None => f.diag.fix = None,
        }
    }
}

/// `edit` (native text, JSON range) as an edit of the JSON `text`; `None` when it has no JSON
/// form.
pub(crate) fn to_json(text: &str, edit: &Edit) -> Option<Edit> {
    let std::ops::Range { start, end } = edit.span.bytes();
    let old = &text[start..end];
    let with = |start: usize, end: usize, with: String| {
        Some(Edit {
            span: Span::new(edit.span.file, start..end),
            text: with.into(),
        })
    };
    if edit.text.is_empty() {
        return match property_start(text, start, old) {
            Some(prop) => {
                let (from, to) = with_comma(text, prop, end);
                with(from, to, String::new())
            }
            None => Some(edit.clone()),
        };
    }
    if start == end && edit.text.starts_with(", ") {
        // Elements added to a list (`, "x"`): JSON already.
        return serde_json::from_str::<serde_json::Value>(&format!("[0{}]", edit.text))
            .is_ok()
            .then(|| edit.clone());
    }
    if start == end {
        // `name = value\n<indent>` before a property: a property before it.
        let (name, rest) = edit.text.split_once(" = ")?;
        let value = rest.split_once('\n').map_or(rest, |(v, _)| v);
        if !text[start..].starts_with('"') || !is_name(name) {
            return None;
        }
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let indent = &text[line_start..start];
        let indent = match indent.trim().is_empty() {
            true => format!("\n{indent}"),
            false => " ".to_string(),
        };
        return with(
            start,
            start,
            format!("{}: {},{indent}", quoted(name), json_value(value)),
        );
    }
    if key_of(old).is_some() {
        // A whole property rewritten (`name = value`).
        let (name, value) = edit.text.split_once(" = ")?;
        return is_name(name)
            .then(|| format!("{}: {}", quoted(name), json_value(value)))
            .and_then(|text| with(start, end, text));
    }
    if old.starts_with('"') && is_name(&edit.text) && is_key(text, end) {
        return with(start, end, quoted(&edit.text));
    }
    with(start, end, json_value(&edit.text))
}

/// A native value as JSON: literals are the same text; an expression becomes a template.
fn json_value(native: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(native) {
        Ok(_) => native.to_string(),
        Err(_) => quoted(&format!("${{{native}}}")),
    }
}

fn quoted(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A string at `..end` that a `:` follows: a property's key.
fn is_key(text: &str, end: usize) -> bool {
    text[end..].trim_start().starts_with(':')
}

/// Where the property starts whose key or value `start..` (`old`) is: the range is a whole
/// property (`"key": value`) or the value of a `"//"` property. `None` for anything else (list
/// elements keep their separators in the edit).
fn property_start(text: &str, start: usize, old: &str) -> Option<usize> {
    if key_of(old).is_some() {
        return Some(start);
    }
    // The value of `"//": "..."`: the property from its key.
    let before = text[..start].trim_end();
    let before = before.strip_suffix(':')?.trim_end();
    let key = before.strip_suffix("\"//\"")?;
    Some(key.len())
}

/// The key of `"key": ...`, when `text` starts with one.
fn key_of(text: &str) -> Option<&str> {
    let rest = text.strip_prefix('"')?;
    let close = rest.find('"')?;
    rest[close + 1..]
        .trim_start()
        .starts_with(':')
        .then(|| &rest[..close])
}

/// A property's range with the comma that separates it from the next one (and the blank up to
/// it), or, for the last one, from the previous.
fn with_comma(text: &str, start: usize, end: usize) -> (usize, usize) {
    let after = &text[end..];
    let gap = after.len() - after.trim_start().len();
    if after[gap..].starts_with(',') {
        let rest = &after[gap + 1..];
        let blank = rest.len() - rest.trim_start().len();
        // Up to the next property, so that it takes this one's place and indentation.
        return (start, end + gap + 1 + blank);
    }
    let before = text[..start].trim_end();
    match before.strip_suffix(',') {
        Some(kept) => (kept.len(), end),
        None => (start, end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(text: &str, what: &str, with: &str) -> String {
        let start = text.find(what).unwrap();
        let e = Edit {
            span: Span::new(0, start..start + what.len()),
            text: with.to_string().into(),
        };
        let e = to_json(text, &e).unwrap();
        super::super::apply::splice(text, &[e])
    }

    #[test]
    fn values_keys_and_properties() {
        let text = "{\n  \"a\": \"x\",\n  \"b\": [\"y\"]\n}";
        assert_eq!(
            fix(text, "\"x\"", "\"X\""),
            "{\n  \"a\": \"X\",\n  \"b\": [\"y\"]\n}"
        );
        assert_eq!(
            fix(text, "\"x\"", "aws_x.y.name"),
            "{\n  \"a\": \"${aws_x.y.name}\",\n  \"b\": [\"y\"]\n}"
        );
        assert_eq!(
            fix(text, "\"a\"", "c"),
            "{\n  \"c\": \"x\",\n  \"b\": [\"y\"]\n}"
        );
        assert_eq!(fix(text, "\"a\": \"x\"", ""), "{\n  \"b\": [\"y\"]\n}");
        assert_eq!(fix(text, "\"b\": [\"y\"]", ""), "{\n  \"a\": \"x\"\n}");
        let at = text.find("\"a\"").unwrap();
        let e = Edit {
            span: Span::new(0, at..at),
            text: "c = true\n  ".into(),
        };
        let e = to_json(text, &e).unwrap();
        assert_eq!(
            super::super::apply::splice(text, &[e]),
            "{\n  \"c\": true,\n  \"a\": \"x\",\n  \"b\": [\"y\"]\n}"
        );
    }

    #[test]
    fn a_property_rewritten_whole() {
        let text = "{\n  \"a\": false,\n  \"b\": 1\n}";
        assert_eq!(
            fix(text, "\"a\": false", "a = true"),
            "{\n  \"a\": true,\n  \"b\": 1\n}"
        );
    }

    #[test]
    fn a_comment_key_goes_whole() {
        let text = "{\n  \"//\": \"cognito-lint:ignore COG204\",\n  \"a\": 1\n}";
        assert_eq!(
            fix(text, "\"cognito-lint:ignore COG204\"", ""),
            "{\n  \"a\": 1\n}"
        );
    }
}
