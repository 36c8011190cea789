//! String functions, `format` and `formatlist` among them.

use super::{Args, Function, Output};
use crate::eval::EvalError;
use crate::value::{format_number, Spanned, Value};

pub(super) const FUNCTIONS: &[Function] = &[
    Function::new("format", format),
    Function::new("formatlist", formatlist),
    Function::new("join", join),
    Function::new("lower", lower),
    Function::new("replace", replace),
    Function::new("split", split),
    Function::new("trimprefix", trimprefix),
    Function::new("trimspace", trimspace),
    Function::new("trimsuffix", trimsuffix),
    Function::new("upper", upper),
];

fn lower(args: Args) -> Output {
    Ok(Some(Value::String(args.string(0)?.to_lowercase())))
}

fn upper(args: Args) -> Output {
    Ok(Some(Value::String(args.string(0)?.to_uppercase())))
}

fn trimspace(args: Args) -> Output {
    Ok(Some(Value::String(args.string(0)?.trim().to_string())))
}

fn trimprefix(args: Args) -> Output {
    let (text, prefix) = (args.string(0)?, args.string(1)?);
    Ok(Some(Value::String(
        text.strip_prefix(prefix.as_str())
            .unwrap_or(&text)
            .to_string(),
    )))
}

fn trimsuffix(args: Args) -> Output {
    let (text, suffix) = (args.string(0)?, args.string(1)?);
    Ok(Some(Value::String(
        text.strip_suffix(suffix.as_str())
            .unwrap_or(&text)
            .to_string(),
    )))
}

fn replace(args: Args) -> Output {
    let (text, from, to) = (args.string(0)?, args.string(1)?, args.string(2)?);
    // A `/regex/` pattern is not supported: unknown rather than a wrong answer.
    if from.len() > 1 && from.starts_with('/') && from.ends_with('/') {
        return Ok(None);
    }
    Ok(Some(Value::String(text.replace(&from, &to))))
}

fn join(args: Args) -> Output {
    let sep = args.string(0)?;
    let mut parts = Vec::new();
    for list in &args.values[1..] {
        let Value::List(items) = &list.value else {
            return Err(EvalError);
        };
        for item in items {
            parts.push(item.value.as_string().ok_or(EvalError)?);
        }
    }
    Ok(Some(Value::String(parts.join(&sep))))
}

fn split(args: Args) -> Output {
    let (sep, text) = (args.string(0)?, args.string(1)?);
    let span = args.span;
    let parts: Vec<Spanned<Value>> = if text.is_empty() {
        vec![Spanned::new(Value::String(String::new()), span)]
    } else if sep.is_empty() {
        return Err(EvalError);
    } else {
        text.split(sep.as_str())
            .map(|p| Spanned::new(Value::String(p.to_string()), span))
            .collect()
    };
    Ok(Some(Value::List(parts)))
}

fn format(args: Args) -> Output {
    Ok(Some(Value::String(format_values(
        &args.string(0)?,
        &args.values[1..],
    )?)))
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
        return Ok(Some(Value::List(vec![Spanned::new(
            Value::String(format_values(&fmt, rest)?),
            span,
        )])));
    };
    let mut out = Vec::with_capacity(len);
    for i in 0..len {
        let row: Vec<Spanned<Value>> = rest
            .iter()
            .map(|a| match &a.value {
                Value::List(items) => items.get(i).cloned().ok_or(EvalError),
                _ => Ok(a.clone()),
            })
            .collect::<Result<_, _>>()?;
        out.push(Spanned::new(
            Value::String(format_values(&fmt, &row)?),
            span,
        ));
    }
    Ok(Some(Value::List(out)))
}

/// Terraform's `format` for the verbs configurations use: `%s`, `%d`, `%v`, `%q`, `%%`.
fn format_values(spec: &str, args: &[Spanned<Value>]) -> Result<String, EvalError> {
    let mut out = String::new();
    let mut args = args.iter();
    let mut chars = spec.chars();
    while let Some(c) = chars.next() {
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
                    'q' => out.push_str(&format!("{:?}", arg.as_string().ok_or(EvalError)?)),
                    _ => out.push_str(&arg.as_string().ok_or(EvalError)?),
                }
            }
            // Flags, widths and other verbs: not worth a partial imitation.
            _ => return Err(EvalError),
        }
    }
    Ok(out)
}
