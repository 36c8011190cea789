//! String functions, `format` and `formatlist` among them. Any unknown string makes the
//! result unknown, as in Terraform. Functions that count in grapheme clusters (`substr`,
//! `strrev`) and `title` are known for ASCII text only, where clusters are characters.

use super::{Args, Function, Output};
use crate::eval::{EvalError, MAX_ELEMENTS, MAX_STRING};
use crate::value::{format_number, Spanned, Value};

pub(super) const FUNCTIONS: &[Function] = &[
    Function::new("chomp", chomp),
    Function::new("endswith", endswith),
    Function::new("format", format),
    Function::new("formatlist", formatlist),
    Function::new("indent", indent),
    Function::new("join", join),
    Function::new("lower", lower),
    Function::new("replace", replace),
    Function::new("split", split),
    Function::new("startswith", startswith),
    Function::new("strcontains", strcontains),
    Function::new("strrev", strrev),
    Function::new("substr", substr),
    Function::new("title", title),
    Function::new("trim", trim),
    Function::new("trimprefix", trimprefix),
    Function::new("trimspace", trimspace),
    Function::new("trimsuffix", trimsuffix),
    Function::new("upper", upper),
];

/// A string result, unknown past [`MAX_STRING`].
fn string(text: String) -> Output {
    Ok((text.len() <= MAX_STRING).then_some(Value::String(text.into())))
}

fn chomp(args: Args) -> Output {
    args.arity(1)?;
    string(args.string(0)?.trim_end_matches(['\n', '\r']).to_string())
}

fn endswith(args: Args) -> Output {
    args.arity(2)?;
    Ok(Some(Value::Bool(
        args.string(0)?.ends_with(&args.string(1)?),
    )))
}

fn startswith(args: Args) -> Output {
    args.arity(2)?;
    Ok(Some(Value::Bool(
        args.string(0)?.starts_with(&args.string(1)?),
    )))
}

fn strcontains(args: Args) -> Output {
    args.arity(2)?;
    Ok(Some(Value::Bool(
        args.string(0)?.contains(&args.string(1)?),
    )))
}

fn strrev(args: Args) -> Output {
    args.arity(1)?;
    let text = args.string(0)?;
    if !text.is_ascii() {
        return Ok(None);
    }
    string(text.chars().rev().collect())
}

/// `substr(text, offset, length)`: a negative offset counts from the end, a length of -1
/// takes the rest.
fn substr(args: Args) -> Output {
    args.arity(3)?;
    let (text, offset, length) = (args.string(0)?, args.integer(1)?, args.integer(2)?);
    if !text.is_ascii() {
        return Ok(None);
    }
    let len = text.len() as i64;
    let start = if offset < 0 {
        (len + offset).max(0)
    } else {
        offset
    };
    if start > len {
        return Ok(None);
    }
    let end = if length < 0 {
        len
    } else {
        (start + length).min(len)
    };
    string(text[start as usize..end as usize].to_string())
}

/// Go's `strings.Title`: a letter after anything but a letter, digit or `_` is raised.
fn title(args: Args) -> Output {
    args.arity(1)?;
    let text = args.string(0)?;
    if !text.is_ascii() {
        return Ok(None);
    }
    let mut out = String::with_capacity(text.len());
    let mut after_separator = true;
    for c in text.chars() {
        out.push(if after_separator {
            c.to_ascii_uppercase()
        } else {
            c
        });
        after_separator = !(c.is_ascii_alphanumeric() || c == '_');
    }
    string(out)
}

fn trim(args: Args) -> Output {
    args.arity(2)?;
    let (text, cutset) = (args.string(0)?, args.string(1)?);
    string(text.trim_matches(|c| cutset.contains(c)).to_string())
}

/// Every line but the first indented by `spaces`.
fn indent(args: Args) -> Output {
    args.arity(2)?;
    let (spaces, text) = (args.integer(0)?, args.string(1)?);
    if spaces < 0 {
        return Err(EvalError);
    }
    let lines = text.matches('\n').count();
    if spaces as usize > MAX_STRING || (spaces as usize).saturating_mul(lines) > MAX_STRING {
        return Ok(None);
    }
    let pad = format!("\n{}", " ".repeat(spaces as usize));
    string(text.replace('\n', &pad))
}

fn lower(args: Args) -> Output {
    Ok(Some(Value::String(args.string(0)?.to_lowercase().into())))
}

fn upper(args: Args) -> Output {
    Ok(Some(Value::String(args.string(0)?.to_uppercase().into())))
}

fn trimspace(args: Args) -> Output {
    Ok(Some(Value::String(
        args.string(0)?.trim().to_string().into(),
    )))
}

fn trimprefix(args: Args) -> Output {
    let (text, prefix) = (args.string(0)?, args.string(1)?);
    Ok(Some(Value::String(
        text.strip_prefix(prefix.as_str())
            .unwrap_or(&text)
            .to_string()
            .into(),
    )))
}

fn trimsuffix(args: Args) -> Output {
    let (text, suffix) = (args.string(0)?, args.string(1)?);
    Ok(Some(Value::String(
        text.strip_suffix(suffix.as_str())
            .unwrap_or(&text)
            .to_string()
            .into(),
    )))
}

/// `replace(text, from, to)`; `from` in slashes is a pattern (see [`super::regex`]).
fn replace(args: Args) -> Output {
    args.arity(3)?;
    let (text, from, to) = (args.string(0)?, args.string(1)?, args.string(2)?);
    if let Some(pattern) = from
        .strip_prefix('/')
        .and_then(|p| p.strip_suffix('/'))
        .filter(|_| from.len() > 1)
    {
        return super::regex::replace_pattern(&text, pattern, &to);
    }
    if from.is_empty() {
        // Go inserts `to` between every character: rare, and not worth imitating.
        return Ok(None);
    }
    // The size first: many short matches replaced by a long string outgrow the budget.
    let matches = text.matches(from.as_str()).count();
    let grown = to.len().saturating_sub(from.len()).saturating_mul(matches);
    if text.len().saturating_add(grown) > MAX_STRING {
        return Ok(None);
    }
    string(text.replace(&from, &to))
}

fn join(args: Args) -> Output {
    let sep = args.string(0)?;
    if args.values.len() < 2 {
        return Err(EvalError);
    }
    let mut parts = Vec::new();
    let mut size = 0usize;
    for list in &args.values[1..] {
        let Value::List(items) = &list.value else {
            return Err(EvalError);
        };
        for item in items {
            let part = item.value.as_string().ok_or(EvalError)?;
            size = size.saturating_add(part.len() + sep.len());
            if size > MAX_STRING + sep.len() {
                return Ok(None);
            }
            parts.push(part);
        }
    }
    string(parts.join(&sep))
}

fn split(args: Args) -> Output {
    let (sep, text) = (args.string(0)?, args.string(1)?);
    let span = args.span;
    let parts: Vec<Spanned<Value>> = if text.is_empty() {
        vec![Spanned::new(Value::String(String::new().into()), span)]
    } else if sep.is_empty() {
        // Go splits into characters: rare, left unknown.
        return Ok(None);
    } else if text.matches(sep.as_str()).count() >= MAX_ELEMENTS {
        return Ok(None);
    } else {
        text.split(sep.as_str())
            .map(|p| Spanned::new(Value::String(p.to_string().into()), span))
            .collect()
    };
    Ok(Some(Value::List(parts.into())))
}

fn format(args: Args) -> Output {
    match format_values(&args.string(0)?, &args.values[1..])? {
        Some(text) => string(text),
        None => Ok(None),
    }
}

fn formatlist(args: Args) -> Output {
    let fmt = args.string(0)?;
    let span = args.span;
    let rest = &args.values[1..];
    let len = rest.iter().find_map(|a| match &a.value {
        Value::List(items) => Some(items.len()),
        _ => None,
    });
    let Some(len) = len else {
        return Ok(Some(Value::List(
            vec![Spanned::new(
                match format_values(&fmt, rest)? {
                    Some(text) => Value::String(text.into()),
                    None => return Ok(None),
                },
                span,
            )]
            .into(),
        )));
    };
    if len > MAX_ELEMENTS {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(len);
    let mut size = 0usize;
    for i in 0..len {
        let row: Vec<Spanned<Value>> = rest
            .iter()
            .map(|a| match &a.value {
                Value::List(items) => items.get(i).ok_or(EvalError),
                _ => Ok(a.clone()),
            })
            .collect::<Result<_, _>>()?;
        let Some(text) = format_values(&fmt, &row)? else {
            return Ok(None);
        };
        size += text.len();
        if size > MAX_STRING {
            return Ok(None);
        }
        out.push(Spanned::new(Value::String(text.into()), span));
    }
    Ok(Some(Value::List(out.into())))
}

/// Terraform's `format` for the verbs configurations use: `%s`, `%d`, `%v`, `%q`, `%%`.
/// `Ok(None)` for what is not imitated (flags, widths, other verbs, `%v` of a collection, `%q`
/// of text Go would escape differently): unknown, never an error `try` would catch.
fn format_values(spec: &str, args: &[Spanned<Value>]) -> Result<Option<String>, EvalError> {
    let mut out = String::new();
    let mut args = args.iter();
    let mut chars = spec.chars();
    while let Some(c) = chars.next() {
        if out.len() > MAX_STRING {
            return Ok(None);
        }
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('%') => out.push('%'),
            Some(verb @ ('s' | 'v' | 'd' | 'q')) => {
                let arg = &args.next().ok_or(EvalError)?.value;
                match verb {
                    'd' => {
                        let n = arg.as_number().ok_or(EvalError)?;
                        if n.fract() != 0.0 {
                            return Err(EvalError);
                        }
                        out.push_str(&format_number(n));
                    }
                    'q' => {
                        let text = arg.as_string().ok_or(EvalError)?;
                        let plain = text.bytes().all(|b| (0x20..0x7f).contains(&b));
                        if !plain {
                            return Ok(None);
                        }
                        out.push_str(&format!("{text:?}"));
                    }
                    'v' if matches!(arg, Value::List(_) | Value::Object(_) | Value::Null) => {
                        return Ok(None)
                    }
                    _ => out.push_str(&arg.as_string().ok_or(EvalError)?),
                }
            }
            _ => return Ok(None),
        }
    }
    Ok(Some(out))
}
