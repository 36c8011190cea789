//! Collection functions: lists and maps. What each knows of a partly-unknown collection follows
//! Terraform's: a known list with unknown elements has a known length, its known elements can
//! be picked, and its keys are known; what needs every element (`distinct`, `compact`) waits.

use super::{list_arg, Args, Function, Output};
use crate::eval::operators::equal_if_known;
use crate::eval::{EvalError, MAX_ELEMENTS};
use crate::value::{Span, Spanned, Value};

pub(super) const FUNCTIONS: &[Function] = &[
    Function::lenient("alltrue", alltrue),
    Function::lenient("anytrue", anytrue),
    Function::open("coalesce", coalesce),
    Function::open("coalescelist", coalescelist),
    Function::new("compact", compact),
    Function::lenient("concat", concat),
    Function::lenient("contains", contains),
    Function::new("distinct", distinct),
    Function::lenient("element", element),
    Function::lenient("flatten", flatten),
    Function::lenient("index", index),
    Function::lenient("keys", keys),
    Function::lenient("length", length),
    Function::open("lookup", lookup),
    Function::new("matchkeys", matchkeys),
    Function::lenient("merge", merge),
    Function::lenient("one", one),
    Function::new("transpose", transpose),
    Function::lenient("values", values),
    Function::lenient("zipmap", zipmap),
];

fn concat(args: Args) -> Output {
    // The size first: many long lists would be joined only to be dropped.
    let total: usize = args
        .values
        .iter()
        .map(|a| match &a.value {
            Value::List(items) => items.len(),
            _ => 0,
        })
        .sum();
    if total > MAX_ELEMENTS {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(total);
    for a in args.values {
        match a.value {
            Value::List(items) => out.extend(items),
            _ => return Err(EvalError),
        }
    }
    Ok(Some(Value::List(out.into())))
}

/// A list whose nested lists are all known flattens, whatever the other elements are.
fn flatten(args: Args) -> Output {
    let mut out = Vec::new();
    if !flatten_into(args.only()?, &mut out)? {
        return Ok(None);
    }
    if out.iter().any(|v| v.value.is_unknown()) {
        // An unknown element may be a list: the length is unknown.
        return Ok(None);
    }
    Ok(Some(Value::List(out.into())))
}

/// Appends the leaves of `value`; `Ok(false)` past [`MAX_ELEMENTS`] (the result is unknown).
fn flatten_into(value: Spanned<Value>, out: &mut Vec<Spanned<Value>>) -> Result<bool, EvalError> {
    match value.value {
        Value::List(items) => {
            for item in items {
                if !flatten_into(item, out)? {
                    return Ok(false);
                }
            }
        }
        _ => out.push(value),
    }
    Ok(out.len() <= MAX_ELEMENTS)
}

fn distinct(args: Args) -> Output {
    let items = list_arg(args.only()?)?;
    Ok(Some(Value::List(
        super::sets::without_repeats(items).into(),
    )))
}

fn compact(args: Args) -> Output {
    let items = list_arg(args.only()?)?;
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
    // A known match decides; without one, an element that may match leaves it unknown.
    let mut unknown = false;
    for item in items {
        match equal_if_known(&item.value, wanted) {
            Some(true) => return Ok(Some(Value::Bool(true))),
            None => unknown = true,
            Some(false) => {}
        }
    }
    Ok((!unknown).then_some(Value::Bool(false)))
}

fn index(args: Args) -> Output {
    args.arity(2)?;
    let Value::List(items) = &args.values[0].value else {
        return Err(EvalError);
    };
    for (i, item) in items.iter().enumerate() {
        match equal_if_known(&item.value, &args.values[1].value) {
            None => return Ok(None),
            Some(true) => return Ok(Some(Value::Number(i as f64))),
            Some(false) => {}
        }
    }
    Err(EvalError)
}

fn element(args: Args) -> Output {
    args.arity(2)?;
    let Value::List(items) = &args.values[0].value else {
        return Err(EvalError);
    };
    let i = args.integer(1)?;
    if items.is_empty() {
        return Err(EvalError);
    }
    if i < 0 {
        // An error in older Terraform, the end of the list in newer: unknown.
        return Ok(None);
    }
    Ok(items.get((i as usize) % items.len()).map(|e| e.value))
}

fn one(args: Args) -> Output {
    let items = list_arg(args.only()?)?;
    match items.len() {
        0 => Ok(Some(Value::Null)),
        1 => Ok(Some(items.into_iter().next().unwrap().value)),
        _ => Err(EvalError),
    }
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
    let mut items = items.to_vec();
    items.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Some(Value::List(
        items
            .into_iter()
            .map(|(k, v)| {
                if keys {
                    Spanned::new(Value::string(k), v.span)
                } else {
                    v
                }
            })
            .collect(),
    )))
}

/// A known key of a known map gives its element, whatever the other elements are.
fn lookup(args: Args) -> Output {
    if args.values.len() != 2 && args.values.len() != 3 {
        return Err(EvalError);
    }
    let (map, key) = (&args.values[0].value, &args.values[1].value);
    if map.is_unknown() || key.is_unknown() {
        return Ok(None);
    }
    let Value::Object(items) = map else {
        return Err(EvalError);
    };
    let key = args.string(1)?;
    let found = match items.get(&key) {
        Some(v) => v.value,
        None => args
            .values
            .get(2)
            .map(|d| d.value.clone())
            .ok_or(EvalError)?,
    };
    Ok((!found.is_unknown()).then_some(found))
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
                if out.len() > MAX_ELEMENTS {
                    return Ok(None);
                }
            }
            Value::Null => {}
            _ => return Err(EvalError),
        }
    }
    Ok(Some(Value::Object(out.into())))
}

/// The first argument that is neither null nor `""`; unknown when an unknown one comes first.
fn coalesce(args: Args) -> Output {
    for a in args.values {
        match a.value {
            Value::Unknown(_) => return Ok(None),
            Value::Null => {}
            Value::String(s) if s.is_empty() => {}
            v => return Ok(Some(v)),
        }
    }
    Err(EvalError)
}

fn coalescelist(args: Args) -> Output {
    for a in args.values {
        match a.value {
            Value::Unknown(_) => return Ok(None),
            Value::List(items) if items.is_empty() => {}
            v @ Value::List(_) => return Ok(Some(v)),
            _ => return Err(EvalError),
        }
    }
    Err(EvalError)
}

/// In order: an unknown element before any false one makes it unknown, as in Terraform.
fn alltrue(args: Args) -> Output {
    for item in list_arg(args.only()?)? {
        match item.value {
            Value::Unknown(_) => return Ok(None),
            Value::Null => return Ok(Some(Value::Bool(false))),
            v if !v.as_bool().ok_or(EvalError)? => return Ok(Some(Value::Bool(false))),
            _ => {}
        }
    }
    Ok(Some(Value::Bool(true)))
}

/// A known true element decides; otherwise an unknown one makes it unknown.
fn anytrue(args: Args) -> Output {
    let mut unknown = false;
    for item in list_arg(args.only()?)? {
        match item.value {
            Value::Unknown(_) => unknown = true,
            Value::Null => {}
            v if v.as_bool().ok_or(EvalError)? => return Ok(Some(Value::Bool(true))),
            _ => {}
        }
    }
    Ok((!unknown).then_some(Value::Bool(false)))
}

/// `values` elements whose key (same position in `keys`) is in `searchset`.
fn matchkeys(args: Args) -> Output {
    args.arity(3)?;
    let mut lists = args.values.into_iter().map(list_arg);
    let (values, keys, search) = (
        lists.next().unwrap()?,
        lists.next().unwrap()?,
        lists.next().unwrap()?,
    );
    if values.len() != keys.len() {
        return Err(EvalError);
    }
    let out = values
        .into_iter()
        .zip(keys)
        .filter(|(_, k)| {
            search
                .iter()
                .any(|s| equal_if_known(&k.value, &s.value) == Some(true))
        })
        .map(|(v, _)| v)
        .collect();
    Ok(Some(Value::List(out)))
}

/// A map from known keys to values that may be unknown.
fn zipmap(args: Args) -> Output {
    args.arity(2)?;
    let mut lists = args.values.into_iter().map(list_arg);
    let (keys, values) = (lists.next().unwrap()?, lists.next().unwrap()?);
    if keys.len() != values.len() {
        return Err(EvalError);
    }
    let mut out: Vec<(String, Spanned<Value>)> = Vec::with_capacity(keys.len());
    for (k, v) in keys.into_iter().zip(values) {
        if k.value.is_unknown() {
            return Ok(None);
        }
        let k = k.value.as_string().ok_or(EvalError)?;
        out.retain(|(k2, _)| *k2 != k);
        out.push((k, v));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Some(Value::Object(out.into())))
}

/// A map of lists of strings, turned inside out.
fn transpose(args: Args) -> Output {
    let Value::Object(items) = args.only()?.value else {
        return Err(EvalError);
    };
    let mut items = items.to_vec();
    items.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out: Vec<(String, Vec<Spanned<Value>>, Span)> = Vec::new();
    for (key, list) in items {
        for item in list_arg(list)? {
            let value = item.value.as_string().ok_or(EvalError)?;
            let key = Spanned::new(Value::string(key.clone()), item.span);
            match out.iter_mut().find(|(k, _, _)| *k == value) {
                Some((_, keys, _)) => keys.push(key),
                None => out.push((value, vec![key], item.span)),
            }
        }
        if out.len() > MAX_ELEMENTS {
            return Ok(None);
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    let out = out
        .into_iter()
        .map(|(k, keys, span)| (k, Spanned::new(Value::list(keys), span)));
    Ok(Some(Value::Object(out.collect())))
}
