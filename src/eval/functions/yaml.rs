//! `yamldecode` and `yamlencode`. Terraform reads YAML with go-cty-yaml, which resolves plain
//! scalars as YAML 1.1 does (`yes` and `on` are true, `~` is null); the document is read here
//! with yaml-rust2's event parser and resolved the same way. What go-cty-yaml does that is not
//! imitated (timestamps, merge keys, infinities, other tags) is unknown.

use super::encoding::{Origin, MAX_DECODED, MAX_NESTING};
use super::{Args, Output};
use crate::eval::MAX_STRING;
use crate::value::{format_number, Spanned, Value};
use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

pub(super) fn yamldecode(args: Args) -> Output {
    args.arity(1)?;
    let text = args.string(0)?;
    let origin = Origin::of(&args, &text);
    let mut builder = Builder {
        origin: &origin,
        offsets: Offsets::new(&text),
        stack: Vec::new(),
        anchors: HashMap::new(),
        documents: 0,
        root: None,
        budget: MAX_DECODED,
        unknown: false,
    };
    // A document the parser rejects is unknown rather than an error: yaml-rust2 and go-yaml
    // may disagree at the edges, and `try` would then take its fallback.
    if Parser::new_from_str(&text)
        .load(&mut builder, true)
        .is_err()
        || builder.unknown
    {
        return Ok(None);
    }
    match builder.documents {
        0 => Ok(Some(Value::Null)),
        1 => Ok(builder.root.map(|r| r.value)),
        _ => Ok(None),
    }
}

/// Byte offsets of the parser's character positions, read forward.
struct Offsets<'t> {
    text: &'t str,
    chars: usize,
    bytes: usize,
}

impl<'t> Offsets<'t> {
    fn new(text: &'t str) -> Offsets<'t> {
        Offsets {
            text,
            chars: 0,
            bytes: 0,
        }
    }

    fn byte(&mut self, chars: usize) -> usize {
        if chars < self.chars {
            (self.chars, self.bytes) = (0, 0);
        }
        for c in self.text[self.bytes..].chars() {
            if self.chars == chars {
                break;
            }
            self.chars += 1;
            self.bytes += c.len_utf8();
        }
        self.bytes
    }
}

/// A collection being built: a list, or an object with the key awaiting its value.
enum Open {
    List(usize, Vec<Spanned<Value>>, usize),
    Object(usize, Vec<(String, Spanned<Value>)>, Option<String>, usize),
}

struct Builder<'a, 't> {
    origin: &'a Origin,
    offsets: Offsets<'t>,
    stack: Vec<Open>,
    anchors: HashMap<usize, Spanned<Value>>,
    documents: usize,
    root: Option<Spanned<Value>>,
    budget: usize,
    /// Something go-cty-yaml reads that is not imitated: the result is unknown.
    unknown: bool,
}

impl Builder<'_, '_> {
    fn span_at(&mut self, mark: Marker, len: usize) -> crate::value::Span {
        let start = self.offsets.byte(mark.index());
        self.origin.span(start..start + len)
    }

    /// A finished value: into the open collection, or the document's root.
    fn add(&mut self, value: Spanned<Value>, anchor: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, value.clone());
        }
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some(Open::List(_, items, _)) => items.push(value),
            Some(Open::Object(_, items, key, _)) => match key.take() {
                Some(k) => {
                    if items.iter().any(|(k2, _)| *k2 == k) {
                        self.unknown = true;
                    }
                    items.push((k, value));
                }
                None => match value.value {
                    Value::String(k) if k != "<<" => *key = Some(k.to_string()),
                    // A key that is not a string, or a merge key.
                    _ => self.unknown = true,
                },
            },
        }
    }
}

impl MarkedEventReceiver for Builder<'_, '_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.unknown {
            return;
        }
        let Some(budget) = self.budget.checked_sub(1) else {
            self.unknown = true;
            return;
        };
        self.budget = budget;
        match ev {
            Event::DocumentStart => self.documents += 1,
            Event::Scalar(text, style, anchor, tag) => {
                let span = self.span_at(mark, text.len());
                match resolve(&text, style, tag.as_ref()) {
                    Some(v) => self.add(Spanned::new(v, span), anchor),
                    None => self.unknown = true,
                }
            }
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag)
                if tag.is_some() =>
            {
                let _ = anchor;
                self.unknown = true;
            }
            Event::SequenceStart(anchor, _) => {
                let start = self.offsets.byte(mark.index());
                self.stack.push(Open::List(anchor, Vec::new(), start));
            }
            Event::MappingStart(anchor, _) => {
                let start = self.offsets.byte(mark.index());
                self.stack
                    .push(Open::Object(anchor, Vec::new(), None, start));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let end = self.offsets.byte(mark.index());
                let (anchor, value, start) = match self.stack.pop() {
                    Some(Open::List(a, items, s)) => (a, Value::List(items.into()), s),
                    Some(Open::Object(a, items, _, s)) => (a, Value::Object(items.into()), s),
                    None => return,
                };
                let span = self.origin.span(start..end.max(start));
                self.add(Spanned::new(value, span), anchor);
            }
            Event::Alias(id) => match self.anchors.get(&id).cloned() {
                Some(v) => {
                    // An alias copies its value: counted again, or aliases of aliases would
                    // build a billion values from a few lines.
                    match self.budget.checked_sub(size(&v.value)) {
                        Some(b) => self.budget = b,
                        None => self.unknown = true,
                    }
                    if !self.unknown {
                        self.add(v, 0);
                    }
                }
                None => self.unknown = true,
            },
            _ => {}
        }
        if self.stack.len() > MAX_NESTING {
            self.unknown = true;
        }
    }
}

fn size(value: &Value) -> usize {
    match value {
        Value::List(items) => 1 + items.iter().map(|i| size(&i.value)).sum::<usize>(),
        Value::Object(items) => 1 + items.iter().map(|(_, v)| size(&v.value)).sum::<usize>(),
        _ => 1,
    }
}

/// A scalar's value as go-cty-yaml resolves it; `None` for what is not imitated.
fn resolve(text: &str, style: TScalarStyle, tag: Option<&Tag>) -> Option<Value> {
    let tag = match tag {
        None => None,
        Some(t) if t.handle == "!!" => Some(t.suffix.as_str()),
        Some(_) => return None,
    };
    match tag {
        Some("str") => return Some(Value::String(text.to_string().into())),
        Some("null") => return Some(Value::Null),
        Some("bool") => return plain_bool(text).map(Value::Bool),
        Some("int" | "float") => return number(text),
        Some(_) => return None,
        None if style != TScalarStyle::Plain => {
            return Some(Value::String(text.to_string().into()))
        }
        None => {}
    }
    if let Some(b) = plain_bool(text) {
        return Some(Value::Bool(b));
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        _ => {}
    }
    let first = text.bytes().next().unwrap_or(b' ');
    match first {
        b'.' | b'0'..=b'9' | b'+' | b'-' => {
            // Infinities, NaN and timestamps: not imitated.
            let lower = text.to_ascii_lowercase();
            if lower.contains("inf") || lower.contains("nan") || looks_like_date(text) {
                return None;
            }
            if let Some(n) = number(text) {
                return Some(n);
            }
            if text.starts_with("0b") || text.starts_with("-0b") {
                return None;
            }
            Some(Value::String(text.to_string().into()))
        }
        _ => Some(Value::String(text.to_string().into())),
    }
}

fn plain_bool(text: &str) -> Option<bool> {
    match text {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            Some(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            Some(false)
        }
        _ => None,
    }
}

/// A decimal number, `_` allowed between digits.
fn number(text: &str) -> Option<Value> {
    let plain = text.replace('_', "");
    let ok = !plain.is_empty()
        && plain
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'));
    if !ok {
        return None;
    }
    plain
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .map(Value::Number)
}

fn looks_like_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() > 4 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-'
}

/// go-cty-yaml's output for simple values: double-quoted strings, block collections. Strings
/// the emitter would fold or escape (long, or with quotes, backslashes or control characters)
/// make the result unknown rather than a guess of go-yaml's line breaking.
pub(super) fn yamlencode(args: Args) -> Output {
    args.arity(1)?;
    let mut out = String::new();
    if !emit(&args.values[0].value, 0, &mut out, Context::Top) || out.len() > MAX_STRING {
        return Ok(None);
    }
    Ok(Some(Value::String(out.into())))
}

#[derive(Clone, Copy, PartialEq)]
enum Context {
    Top,
    ListItem,
    MapValue,
}

fn scalar(value: &Value) -> Option<String> {
    Some(match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format_number(*n),
        Value::String(s) => {
            let plain = s.len() < 60
                && s.bytes()
                    .all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\');
            if !plain {
                return None;
            }
            format!("\"{}\"", s.as_str())
        }
        _ => return None,
    })
}

/// Appends `value` at `indent`; false when it is not something imitated.
fn emit(value: &Value, indent: usize, out: &mut String, context: Context) -> bool {
    if out.len() > MAX_STRING {
        return false;
    }
    let pad = " ".repeat(indent);
    match value {
        Value::List(items) if !items.is_empty() => {
            let mut first = context == Context::ListItem;
            if context == Context::MapValue {
                out.push('\n');
            }
            for item in items {
                if !first {
                    out.push_str(&pad);
                }
                first = false;
                out.push_str("- ");
                if !emit(&item.value, indent + 2, out, Context::ListItem) {
                    return false;
                }
            }
            true
        }
        Value::Object(items) if !items.is_empty() => {
            let mut sorted: Vec<(&String, &Value)> = items.values().collect();
            sorted.sort_by(|a, b| a.0.cmp(b.0));
            let mut first = context == Context::ListItem;
            let inner = if context == Context::MapValue {
                indent + 2
            } else {
                indent
            };
            if context == Context::MapValue {
                out.push('\n');
            }
            let pad = " ".repeat(inner);
            for (k, v) in sorted {
                let Some(key) = scalar(&Value::string(k.clone())) else {
                    return false;
                };
                if !first {
                    out.push_str(&pad);
                }
                first = false;
                out.push_str(&key);
                out.push(':');
                if matches!(v, Value::List(i) if !i.is_empty())
                    || matches!(v, Value::Object(i) if !i.is_empty())
                {
                    if !emit(v, inner, out, Context::MapValue) {
                        return false;
                    }
                } else {
                    out.push(' ');
                    if !emit(v, inner, out, Context::MapValue) {
                        return false;
                    }
                }
            }
            true
        }
        Value::List(_) => {
            out.push_str("[]\n");
            true
        }
        Value::Object(_) => {
            out.push_str("{}\n");
            true
        }
        v => match scalar(v) {
            Some(s) => {
                out.push_str(&s);
                out.push('\n');
                true
            }
            None => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(text: &str) -> Option<Value> {
        let args = Args {
            values: vec![Spanned::new(
                Value::String(text.into()),
                crate::value::Span::point(0, 0),
            )],
            span: crate::value::Span::point(0, 0),
        };
        yamldecode(args).ok().flatten()
    }

    fn encode(src: &str) -> Option<String> {
        let expr = hcl_edit::parser::parse_expr(src).unwrap();
        let value = crate::eval::Evaluator::new(0, &crate::eval::NoScope).eval(&expr);
        let args = Args {
            values: vec![value],
            span: crate::value::Span::point(0, 0),
        };
        match yamlencode(args) {
            Ok(Some(Value::String(s))) => Some(s.to_string()),
            _ => None,
        }
    }

    #[test]
    fn scalars_resolve_as_go_cty_yaml() {
        assert_eq!(decode("yes"), Some(Value::Bool(true)));
        assert_eq!(decode("'yes'"), Some(Value::String("yes".into())));
        assert_eq!(decode("~"), Some(Value::Null));
        assert_eq!(decode("1_000"), Some(Value::Number(1000.0)));
        assert_eq!(decode("0x1F"), Some(Value::String("0x1F".into())));
        assert_eq!(decode("2024-01-02"), None);
        assert_eq!(decode(".inf"), None);
        assert_eq!(
            decode("a: 1\nb: [x, z]\n")
                .map(|v| v.to_string())
                .as_deref(),
            Some(r#"{a = 1, b = ["x", "z"]}"#)
        );
        assert_eq!(
            decode("a: &x [1]\nb: *x\n")
                .map(|v| v.to_string())
                .as_deref(),
            Some("{a = [1], b = [1]}")
        );
        assert_eq!(decode("a: 1\n<<: {b: 2}\n"), None);
        assert!(decode("a: 1\n---\nb: 2\n").is_none());
    }

    #[test]
    fn aliases_count_against_the_budget() {
        let mut doc = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            doc.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        assert_eq!(decode(&doc), None);
    }

    #[test]
    fn encodes_simple_values_as_terraform() {
        assert_eq!(
            encode(r#"{ c = "d", a = "b" }"#).as_deref(),
            Some("\"a\": \"b\"\n\"c\": \"d\"\n")
        );
        assert_eq!(
            encode(r#"{ foo = [1, { a = "b", c = "d" }, 3], bar = "baz" }"#).as_deref(),
            Some("\"bar\": \"baz\"\n\"foo\":\n- 1\n- \"a\": \"b\"\n  \"c\": \"d\"\n- 3\n")
        );
        assert_eq!(
            encode(r#"{ a = { b = "c" } }"#).as_deref(),
            Some("\"a\":\n  \"b\": \"c\"\n")
        );
        assert_eq!(encode(r#"{ a = "say \"hi\"" }"#), None);
    }
}
