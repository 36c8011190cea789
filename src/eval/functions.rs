//! The Terraform functions that configurations use around client arguments. A function not
//! listed here yields an unknown value: never a guess.

use super::{values_equal, EvalError, EvalResult, Evaluator};
use crate::value::{format_number, Span, Spanned, Value};
use hcl_edit::expr::Expression;

pub(super) fn call(
    ev: &mut Evaluator,
    name: &str,
    args: &[&Expression],
    expand_final: bool,
    span: Span,
) -> EvalResult {
    let known = |value| Ok(Spanned::new(value, span));
    // `try` and `can` see errors; every other function sees values.
    match name {
        "try" => {
            for arg in args {
                if let Ok(value) = ev.try_eval(arg) {
                    return Ok(Spanned { span, ..value });
                }
            }
            return Err(EvalError);
        }
        "can" => {
            let [arg] = args else { return Err(EvalError) };
            return match ev.try_eval(arg) {
                Ok(v) if v.value.is_wholly_known() => known(Value::Bool(true)),
                Ok(_) => known(Value::Unknown),
                Err(_) => known(Value::Bool(false)),
            };
        }
        _ => {}
    }
    let mut values: Vec<Spanned<Value>> = Vec::with_capacity(args.len());
    for arg in args {
        values.push(ev.try_eval(arg)?);
    }
    if expand_final {
        match values.pop().map(|v| v.value) {
            Some(Value::List(items)) => values.extend(items),
            Some(Value::Unknown) => return known(Value::Unknown),
            _ => return Err(EvalError),
        }
    }
    // Functions that keep element spans where they can, so findings point at the literal.
    match apply(name, values, span) {
        Ok(Some(value)) => known(value),
        Ok(None) => known(Value::Unknown),
        Err(e) => Err(e),
    }
}

/// `Ok(None)` when the result is unknown (an unknown argument, or an unsupported function).
fn apply(name: &str, args: Vec<Spanned<Value>>, span: Span) -> Result<Option<Value>, EvalError> {
    // `coalesce` and `coalescelist` may return a known argument before an unknown one, but
    // Terraform itself waits for all of them; so do we.
    let lenient = matches!(
        name,
        "concat" | "merge" | "distinct" | "flatten" | "compact"
    );
    if !lenient && args.iter().any(|a| !a.value.is_wholly_known()) {
        return Ok(None);
    }
    if lenient && args.iter().any(|a| a.value == Value::Unknown) {
        return Ok(None);
    }
    let s = |i: usize| -> Result<String, EvalError> {
        args.get(i)
            .and_then(|a| a.value.as_string())
            .ok_or(EvalError)
    };
    let n = |i: usize| -> Result<f64, EvalError> {
        args.get(i)
            .and_then(|a| a.value.as_number())
            .ok_or(EvalError)
    };
    let arity = |k: usize| {
        if args.len() == k {
            Ok(())
        } else {
            Err(EvalError)
        }
    };
    let value = match name {
        "concat" => {
            let mut out = Vec::new();
            for a in args {
                match a.value {
                    Value::List(items) => out.extend(items),
                    _ => return Err(EvalError),
                }
            }
            Value::List(out)
        }
        "flatten" => {
            arity(1)?;
            let mut out = Vec::new();
            flatten_into(args.into_iter().next().unwrap(), &mut out)?;
            if out.iter().any(|v| v.value == Value::Unknown) {
                return Ok(None);
            }
            Value::List(out)
        }
        "distinct" => {
            arity(1)?;
            let items = list_arg(args.into_iter().next().unwrap())?;
            if items.iter().any(|v| !v.value.is_wholly_known()) {
                return Ok(None);
            }
            Value::List(distinct(items))
        }
        "compact" => {
            arity(1)?;
            let items = list_arg(args.into_iter().next().unwrap())?;
            if items.iter().any(|v| v.value == Value::Unknown) {
                return Ok(None);
            }
            let out = items
                .into_iter()
                .filter(|v| !matches!(&v.value, Value::Null) && v.value.as_str() != Some(""))
                .collect();
            Value::List(out)
        }
        "toset" => {
            arity(1)?;
            Value::List(set_of(list_arg(args.into_iter().next().unwrap())?))
        }
        "tolist" => {
            arity(1)?;
            Value::List(list_arg(args.into_iter().next().unwrap())?)
        }
        "tomap" => {
            arity(1)?;
            match args.into_iter().next().unwrap().value {
                v @ Value::Object(_) => v,
                _ => return Err(EvalError),
            }
        }
        "tostring" => {
            arity(1)?;
            match &args[0].value {
                Value::Null => Value::Null,
                v => Value::String(v.as_string().ok_or(EvalError)?),
            }
        }
        "tonumber" => {
            arity(1)?;
            match &args[0].value {
                Value::Null => Value::Null,
                v => Value::Number(v.as_number().ok_or(EvalError)?),
            }
        }
        "tobool" => {
            arity(1)?;
            match &args[0].value {
                Value::Null => Value::Null,
                v => Value::Bool(v.as_bool().ok_or(EvalError)?),
            }
        }
        "lower" => Value::String(s(0)?.to_lowercase()),
        "upper" => Value::String(s(0)?.to_uppercase()),
        "trimspace" => Value::String(s(0)?.trim().to_string()),
        "trimprefix" => {
            let (text, prefix) = (s(0)?, s(1)?);
            Value::String(
                text.strip_prefix(prefix.as_str())
                    .unwrap_or(&text)
                    .to_string(),
            )
        }
        "trimsuffix" => {
            let (text, suffix) = (s(0)?, s(1)?);
            Value::String(
                text.strip_suffix(suffix.as_str())
                    .unwrap_or(&text)
                    .to_string(),
            )
        }
        "replace" => {
            let (text, from, to) = (s(0)?, s(1)?, s(2)?);
            // A `/regex/` pattern is not supported: unknown rather than a wrong answer.
            if from.len() > 1 && from.starts_with('/') && from.ends_with('/') {
                return Ok(None);
            }
            Value::String(text.replace(&from, &to))
        }
        "join" => {
            let sep = s(0)?;
            let mut parts = Vec::new();
            for list in &args[1..] {
                let Value::List(items) = &list.value else {
                    return Err(EvalError);
                };
                for item in items {
                    parts.push(item.value.as_string().ok_or(EvalError)?);
                }
            }
            Value::String(parts.join(&sep))
        }
        "split" => {
            let (sep, text) = (s(0)?, s(1)?);
            let parts: Vec<Spanned<Value>> = if text.is_empty() {
                vec![Spanned::new(Value::String(String::new()), span)]
            } else if sep.is_empty() {
                return Err(EvalError);
            } else {
                text.split(sep.as_str())
                    .map(|p| Spanned::new(Value::String(p.to_string()), span))
                    .collect()
            };
            Value::List(parts)
        }
        "format" => Value::String(format(&s(0)?, &args[1..])?),
        "formatlist" => {
            let fmt = s(0)?;
            let rest = &args[1..];
            let len = rest.iter().find_map(|a| match &a.value {
                Value::List(items) => Some(items.len()),
                _ => None,
            });
            let Some(len) = len else {
                return Ok(Some(Value::List(vec![Spanned::new(
                    Value::String(format(&fmt, rest)?),
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
                out.push(Spanned::new(Value::String(format(&fmt, &row)?), span));
            }
            Value::List(out)
        }
        "length" => {
            arity(1)?;
            Value::Number(match &args[0].value {
                Value::List(items) => items.len(),
                Value::Object(items) => items.len(),
                Value::String(text) => text.chars().count(),
                _ => return Err(EvalError),
            } as f64)
        }
        "contains" => {
            arity(2)?;
            let Value::List(items) = &args[0].value else {
                return Err(EvalError);
            };
            Value::Bool(items.iter().any(|i| values_equal(&i.value, &args[1].value)))
        }
        "element" => {
            arity(2)?;
            let Value::List(items) = &args[0].value else {
                return Err(EvalError);
            };
            let i = n(1)?;
            if items.is_empty() || i < 0.0 {
                return Err(EvalError);
            }
            items[(i as usize) % items.len()].value.clone()
        }
        "keys" | "values" => {
            arity(1)?;
            let Value::Object(items) = &args[0].value else {
                return Err(EvalError);
            };
            let mut items = items.clone();
            items.sort_by(|a, b| a.0.cmp(&b.0));
            Value::List(
                items
                    .into_iter()
                    .map(|(k, v)| {
                        if name == "keys" {
                            Spanned::new(Value::String(k), v.span)
                        } else {
                            v
                        }
                    })
                    .collect(),
            )
        }
        "lookup" => {
            if args.len() != 2 && args.len() != 3 {
                return Err(EvalError);
            }
            let Value::Object(items) = &args[0].value else {
                return Err(EvalError);
            };
            let key = s(1)?;
            match items.iter().find(|(k, _)| *k == key) {
                Some((_, v)) => v.value.clone(),
                None => args.get(2).map(|d| d.value.clone()).ok_or(EvalError)?,
            }
        }
        "merge" => {
            let mut out: Vec<(String, Spanned<Value>)> = Vec::new();
            for a in args {
                match a.value {
                    Value::Object(items) => {
                        for (k, v) in items {
                            out.retain(|(k2, _)| *k2 != k);
                            out.push((k, v));
                        }
                    }
                    Value::Null => {}
                    _ => return Err(EvalError),
                }
            }
            Value::Object(out)
        }
        "coalesce" => args
            .into_iter()
            .map(|a| a.value)
            .find(|v| !matches!(v, Value::Null) && v.as_str() != Some(""))
            .ok_or(EvalError)?,
        "coalescelist" => args
            .into_iter()
            .map(|a| a.value)
            .find(|v| matches!(v, Value::List(items) if !items.is_empty()))
            .ok_or(EvalError)?,
        "min" | "max" => {
            let mut nums = Vec::with_capacity(args.len());
            for i in 0..args.len() {
                nums.push(n(i)?);
            }
            let pick = if name == "min" { f64::min } else { f64::max };
            Value::Number(nums.into_iter().reduce(pick).ok_or(EvalError)?)
        }
        "setunion" | "setintersection" => {
            let mut lists = Vec::with_capacity(args.len());
            for a in args {
                lists.push(list_arg(a)?);
            }
            let mut iter = lists.into_iter();
            let mut out = iter.next().ok_or(EvalError)?;
            for list in iter {
                if name == "setunion" {
                    out.extend(list);
                } else {
                    out.retain(|o| list.iter().any(|i| values_equal(&o.value, &i.value)));
                }
            }
            Value::List(set_of(out))
        }
        _ => return Ok(None),
    };
    Ok(Some(value))
}

/// The items without repeats, in first-seen order; unknown items are kept (they may differ).
pub(super) fn distinct(items: Vec<Spanned<Value>>) -> Vec<Spanned<Value>> {
    let mut out: Vec<Spanned<Value>> = Vec::with_capacity(items.len());
    for item in items {
        if item.value == Value::Unknown || !out.iter().any(|o| values_equal(&o.value, &item.value))
        {
            out.push(item);
        }
    }
    out
}

/// The items as Terraform's set: without repeats, and strings in lexical order.
pub(super) fn set_of(items: Vec<Spanned<Value>>) -> Vec<Spanned<Value>> {
    let mut out = distinct(items);
    if out.iter().all(|v| v.value.as_str().is_some()) {
        out.sort_by(|a, b| a.value.as_str().cmp(&b.value.as_str()));
    }
    out
}

fn list_arg(arg: Spanned<Value>) -> Result<Vec<Spanned<Value>>, EvalError> {
    match arg.value {
        Value::List(items) => Ok(items),
        _ => Err(EvalError),
    }
}

fn flatten_into(value: Spanned<Value>, out: &mut Vec<Spanned<Value>>) -> Result<(), EvalError> {
    match value.value {
        Value::List(items) => {
            for item in items {
                flatten_into(item, out)?;
            }
        }
        _ => out.push(value),
    }
    Ok(())
}

/// Terraform's `format` for the verbs configurations use: `%s`, `%d`, `%v`, `%q`, `%%`.
fn format(spec: &str, args: &[Spanned<Value>]) -> Result<String, EvalError> {
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
