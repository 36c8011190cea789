//! Encoding functions: JSON, YAML (in `yaml`), CSV, base64 and URL encoding. Encoders need
//! wholly known values; decoders give known values from known text. A decoded file's values
//! point into the file (see [`Origin`]), so that a finding on one says where it was set.

use super::{Args, Function, Output};
use crate::eval::{EvalError, MAX_ELEMENTS, MAX_STRING};
use crate::value::{format_number, Range, Span, Spanned, Value};
use base64::Engine as _;
use jsonc_parser::ast::Value as Json;

pub(super) const FUNCTIONS: &[Function] = &[
    Function::new("base64decode", base64decode),
    Function::new("base64encode", base64encode),
    Function::new("csvdecode", csvdecode),
    Function::new("jsondecode", jsondecode),
    Function::new("jsonencode", jsonencode),
    Function::new("urlencode", urlencode),
    Function::new("yamldecode", super::yaml::yamldecode),
    Function::new("yamlencode", super::yaml::yamlencode),
];

/// Decoded values, lists and objects together, past which a document is unknown: a 1 MiB
/// document could otherwise build half a million values.
pub(super) const MAX_DECODED: usize = 16 * MAX_ELEMENTS;

/// Nesting past which a document is unknown.
pub(super) const MAX_NESTING: usize = 64;

/// Where a decoded value was written: in the file the text was read from when the text is a
/// whole file (`jsondecode(file(...))`), else nowhere more precise than the call.
pub(super) struct Origin {
    call: Span,
    /// The file the text is, when it is one.
    file: Option<Range>,
}

impl Origin {
    pub(super) fn of(args: &Args, text: &str) -> Origin {
        // `file()` gives its text the whole file as origin; nothing else starts at 0 and
        // covers exactly the text.
        let file = args.values[0]
            .span
            .origin
            .filter(|r| r.bytes() == (0..text.len()));
        Origin {
            call: args.span,
            file,
        }
    }

    /// The span of a value at `range` of the text.
    pub(super) fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span {
            origin: self
                .file
                .map(|f| Range::new(f.file, range.start, range.end)),
            ..self.call
        }
    }
}

fn base64encode(args: Args) -> Output {
    args.arity(1)?;
    let text = args.string(0)?;
    if text.len() / 3 * 4 > MAX_STRING {
        return Ok(None);
    }
    Ok(Some(Value::String(
        base64::engine::general_purpose::STANDARD
            .encode(text)
            .into(),
    )))
}

/// Terraform rejects text that does not decode to UTF-8.
fn base64decode(args: Args) -> Output {
    args.arity(1)?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(args.string(0)?)
        .map_err(|_| EvalError)?;
    Ok(Some(Value::String(
        String::from_utf8(bytes).map_err(|_| EvalError)?.into(),
    )))
}

/// Go's `url.QueryEscape`: letters, digits and `-_.~` stay, a space is `+`.
fn urlencode(args: Args) -> Output {
    args.arity(1)?;
    let text = args.string(0)?;
    if text.len().saturating_mul(3) > MAX_STRING {
        return Ok(None);
    }
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    Ok(Some(Value::String(out.into())))
}

fn jsondecode(args: Args) -> Output {
    args.arity(1)?;
    let text = args.string(0)?;
    if nesting(&text) > MAX_NESTING {
        return Ok(None);
    }
    let origin = Origin::of(&args, &text);
    // Text the parser rejects is unknown rather than an error: it and Go's encoding/json
    // might disagree at the edges, and `try` would then take its fallback.
    let Ok(Some(json)) = crate::json::parse(&text) else {
        return Ok(None);
    };
    let mut budget = MAX_DECODED;
    Ok(from_json(&json, &origin, &mut budget).map(|v| v.value))
}

/// How deeply brackets nest, outside strings: checked before a parser recurses.
fn nesting(text: &str) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0, false, false);
    for b in text.bytes() {
        match (in_string, b) {
            (true, _) if escaped => escaped = false,
            (true, b'\\') => escaped = true,
            (true, b'"') => in_string = false,
            (false, b'"') => in_string = true,
            (false, b'[' | b'{') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (false, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

fn from_json(json: &Json, origin: &Origin, budget: &mut usize) -> Option<Spanned<Value>> {
    *budget = budget.checked_sub(1)?;
    let span = origin.span(crate::json::value_range(json));
    let value = match json {
        Json::NullKeyword(_) => Value::Null,
        Json::BooleanLit(b) => Value::Bool(b.value),
        Json::NumberLit(n) => Value::Number(n.value.parse::<f64>().ok().filter(|n| n.is_finite())?),
        Json::StringLit(s) => Value::String(s.value.to_string().into()),
        Json::Array(a) => Value::List(
            a.elements
                .iter()
                .map(|e| from_json(e, origin, budget))
                .collect::<Option<_>>()?,
        ),
        Json::Object(o) => {
            let mut items: Vec<(String, Spanned<Value>)> = Vec::with_capacity(o.properties.len());
            for p in &o.properties {
                let key = p.name.as_str().to_string();
                let value = from_json(&p.value, origin, budget)?;
                // A repeated key: the last one wins, as in Go.
                items.retain(|(k, _)| *k != key);
                items.push((key, value));
            }
            Value::Object(items.into())
        }
    };
    Some(Spanned::new(value, span))
}

/// Terraform's JSON: compact, object keys sorted, `<`, `>` and `&` escaped as Go does.
fn jsonencode(args: Args) -> Output {
    args.arity(1)?;
    let mut out = String::new();
    encode_json(&args.values[0].value, &mut out)?;
    Ok((out.len() <= MAX_STRING).then_some(Value::String(out.into())))
}

fn encode_json(value: &Value, out: &mut String) -> Result<(), EvalError> {
    if out.len() > MAX_STRING {
        return Ok(());
    }
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&format_number(*n)),
        Value::String(s) => json_string(s, out),
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                encode_json(&item.value, out)?;
            }
            out.push(']');
        }
        Value::Object(items) => {
            let mut sorted: Vec<(&String, Spanned<Value>)> = items.iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (k, v)) in sorted.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_string(k, out);
                out.push(':');
                encode_json(&v.value, out)?;
            }
            out.push('}');
        }
        Value::Unknown(_) => return Err(EvalError),
    }
    Ok(())
}

fn json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// CSV with a header line: a list of objects, every value a string, as Terraform reads it.
fn csvdecode(args: Args) -> Output {
    args.arity(1)?;
    let text = args.string(0)?;
    let span = args.span;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|_| EvalError)?
        .iter()
        .map(str::to_string)
        .collect();
    let mut rows = Vec::new();
    let mut budget = MAX_DECODED;
    for record in reader.records() {
        let record = record.map_err(|_| EvalError)?;
        budget = match budget.checked_sub(record.len() + 1) {
            Some(b) if rows.len() < MAX_ELEMENTS => b,
            _ => return Ok(None),
        };
        let row = headers
            .iter()
            .zip(record.iter())
            .map(|(h, v)| {
                (
                    h.clone(),
                    Spanned::new(Value::String(v.to_string().into()), span),
                )
            })
            .collect();
        rows.push(Spanned::new(Value::Object(row), span));
    }
    Ok(Some(Value::List(rows.into())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(v: &str) -> String {
        let expr = hcl_edit::parser::parse_expr(v).unwrap();
        let value = crate::eval::Evaluator::new(0, &crate::eval::NoScope)
            .eval(&expr)
            .value;
        let mut out = String::new();
        encode_json(&value, &mut out).unwrap();
        out
    }

    #[test]
    fn json_is_encoded_as_terraform_does() {
        assert_eq!(
            encoded(r#"{ b = [1, 2.5], a = "<x>" }"#),
            r#"{"a":"\u003cx\u003e","b":[1,2.5]}"#
        );
        assert_eq!(encoded("null"), "null");
        assert_eq!(nesting(r#"[[{"a": "[["}]]"#), 3);
    }
}
