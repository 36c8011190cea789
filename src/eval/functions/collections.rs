//! Collection functions: lists, sets and maps.

use super::{list_arg, Args, Function, Output};
use crate::eval::{values_equal, EvalError};
use crate::value::{Spanned, Value};

pub(super) const FUNCTIONS: &[Function] = &[
    Function::new("coalesce", coalesce),
    Function::new("coalescelist", coalescelist),
    Function::lenient("compact", compact),
    Function::lenient("concat", concat),
    Function::new("contains", contains),
    Function::lenient("distinct", distinct),
    Function::new("element", element),
    Function::lenient("flatten", flatten),
    Function::new("keys", keys),
    Function::new("length", length),
    Function::new("lookup", lookup),
    Function::lenient("merge", merge),
    Function::new("setintersection", setintersection),
    Function::new("setunion", setunion),
    Function::new("values", values),
];

fn concat(args: Args) -> Output {
    let mut out = Vec::new();
    for a in args.values {
        match a.value {
            Value::List(items) => out.extend(items),
            _ => return Err(EvalError),
        }
    }
    Ok(Some(Value::List(out)))
}

fn flatten(args: Args) -> Output {
    let mut out = Vec::new();
    flatten_into(args.only()?, &mut out)?;
    if out.iter().any(|v| v.value == Value::Unknown) {
        return Ok(None);
    }
    Ok(Some(Value::List(out)))
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

fn distinct(args: Args) -> Output {
    let items = list_arg(args.only()?)?;
    if items.iter().any(|v| !v.value.is_wholly_known()) {
        return Ok(None);
    }
    Ok(Some(Value::List(without_repeats(items))))
}

fn compact(args: Args) -> Output {
    let items = list_arg(args.only()?)?;
    if items.iter().any(|v| v.value == Value::Unknown) {
        return Ok(None);
    }
    let out = items
        .into_iter()
        .filter(|v| !matches!(&v.value, Value::Null) && v.value.as_str() != Some(""))
        .collect();
    Ok(Some(Value::List(out)))
}

fn length(args: Args) -> Output {
    args.arity(1)?;
    Ok(Some(Value::Number(match &args.values[0].value {
        Value::List(items) => items.len(),
        Value::Object(items) => items.len(),
        Value::String(text) => text.chars().count(),
        _ => return Err(EvalError),
    } as f64)))
}

fn contains(args: Args) -> Output {
    args.arity(2)?;
    let Value::List(items) = &args.values[0].value else {
        return Err(EvalError);
    };
    let wanted = &args.values[1].value;
    Ok(Some(Value::Bool(
        items.iter().any(|i| values_equal(&i.value, wanted)),
    )))
}

fn element(args: Args) -> Output {
    args.arity(2)?;
    let Value::List(items) = &args.values[0].value else {
        return Err(EvalError);
    };
    let i = args.number(1)?;
    if items.is_empty() || i < 0.0 {
        return Err(EvalError);
    }
    Ok(Some(items[(i as usize) % items.len()].value.clone()))
}

fn keys(args: Args) -> Output {
    keys_or_values(args, true)
}

fn values(args: Args) -> Output {
    keys_or_values(args, false)
}

/// The keys, or the values, of a map, in the keys' lexical order.
fn keys_or_values(args: Args, keys: bool) -> Output {
    args.arity(1)?;
    let Value::Object(items) = &args.values[0].value else {
        return Err(EvalError);
    };
    let mut items = items.clone();
    items.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Some(Value::List(
        items
            .into_iter()
            .map(|(k, v)| {
                if keys {
                    Spanned::new(Value::String(k), v.span)
                } else {
                    v
                }
            })
            .collect(),
    )))
}

fn lookup(args: Args) -> Output {
    if args.values.len() != 2 && args.values.len() != 3 {
        return Err(EvalError);
    }
    let Value::Object(items) = &args.values[0].value else {
        return Err(EvalError);
    };
    let key = args.string(1)?;
    Ok(Some(match items.iter().find(|(k, _)| *k == key) {
        Some((_, v)) => v.value.clone(),
        None => args
            .values
            .get(2)
            .map(|d| d.value.clone())
            .ok_or(EvalError)?,
    }))
}

fn merge(args: Args) -> Output {
    let mut out: Vec<(String, Spanned<Value>)> = Vec::new();
    for a in args.values {
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
    Ok(Some(Value::Object(out)))
}

fn coalesce(args: Args) -> Output {
    let first = args
        .values
        .into_iter()
        .map(|a| a.value)
        .find(|v| !matches!(v, Value::Null) && v.as_str() != Some(""));
    Ok(Some(first.ok_or(EvalError)?))
}

fn coalescelist(args: Args) -> Output {
    let first = args
        .values
        .into_iter()
        .map(|a| a.value)
        .find(|v| matches!(v, Value::List(items) if !items.is_empty()));
    Ok(Some(first.ok_or(EvalError)?))
}

fn setunion(args: Args) -> Output {
    set_operation(args, |out, list| out.extend(list))
}

fn setintersection(args: Args) -> Output {
    set_operation(args, |out, list| {
        out.retain(|o| list.iter().any(|i| values_equal(&o.value, &i.value)))
    })
}

/// The first list as a set, combined with each of the others in turn.
fn set_operation(args: Args, combine: fn(&mut Vec<Spanned<Value>>, Vec<Spanned<Value>>)) -> Output {
    let mut lists = Vec::with_capacity(args.values.len());
    for a in args.values {
        lists.push(list_arg(a)?);
    }
    let mut iter = lists.into_iter();
    let mut out = iter.next().ok_or(EvalError)?;
    for list in iter {
        combine(&mut out, list);
    }
    Ok(Some(Value::List(set_of(out))))
}

/// The items without repeats, in first-seen order; unknown items are kept (they may differ).
fn without_repeats(items: Vec<Spanned<Value>>) -> Vec<Spanned<Value>> {
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
pub(in crate::eval) fn set_of(items: Vec<Spanned<Value>>) -> Vec<Spanned<Value>> {
    let mut out = without_repeats(items);
    if out.iter().all(|v| v.value.as_str().is_some()) {
        out.sort_by(|a, b| a.value.as_str().cmp(&b.value.as_str()));
    }
    out
}
