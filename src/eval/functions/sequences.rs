//! Functions that cut, order or count lists: `chunklist`, `range`, `reverse`, `slice`, `sort`,
//! `sum`. Cutting a known list keeps its unknown elements where they are.

use super::{list_arg, Args, Function, Output};
use crate::eval::{EvalError, MAX_ELEMENTS};
use crate::value::{Spanned, Value};

pub(super) const FUNCTIONS: &[Function] = &[
    Function::lenient("chunklist", chunklist),
    Function::new("range", range),
    Function::lenient("reverse", reverse),
    Function::lenient("slice", slice),
    Function::new("sort", sort),
    Function::new("sum", sum),
];

fn chunklist(args: Args) -> Output {
    args.arity(2)?;
    let size = args.integer(1)?;
    let span = args.span;
    let items = list_arg(args.values.into_iter().next().unwrap())?;
    if size < 0 {
        return Err(EvalError);
    }
    if items.is_empty() {
        return Ok(Some(Value::List(Vec::new().into())));
    }
    let size = if size == 0 {
        items.len()
    } else {
        size as usize
    };
    let chunks = items
        .chunks(size)
        .map(|chunk| Spanned::new(Value::List(chunk.to_vec().into()), span))
        .collect();
    Ok(Some(Value::List(chunks)))
}

/// `range(limit)`, `range(start, limit)`, `range(start, limit, step)`.
fn range(args: Args) -> Output {
    let span = args.span;
    let (start, limit, step) = match args.values.len() {
        1 => (0.0, args.number(0)?, 1.0),
        2 => {
            let (start, limit) = (args.number(0)?, args.number(1)?);
            (start, limit, if start > limit { -1.0 } else { 1.0 })
        }
        3 => (args.number(0)?, args.number(1)?, args.number(2)?),
        _ => return Err(EvalError),
    };
    if step == 0.0 {
        return Err(EvalError);
    }
    // The length first: `range(1e9)` must not allocate.
    let count = ((limit - start) / step).ceil().max(0.0);
    if count > MAX_ELEMENTS as f64 {
        return Ok(None);
    }
    let out = (0..count as usize)
        .map(|i| Spanned::new(Value::Number(start + step * i as f64), span))
        .collect();
    Ok(Some(Value::List(out)))
}

fn reverse(args: Args) -> Output {
    let mut items = list_arg(args.only()?)?;
    items.reverse();
    Ok(Some(Value::List(items.into())))
}

fn slice(args: Args) -> Output {
    args.arity(3)?;
    let (start, end) = (args.integer(1)?, args.integer(2)?);
    let items = list_arg(args.values.into_iter().next().unwrap())?;
    if start < 0 || end < start || end as usize > items.len() {
        return Err(EvalError);
    }
    Ok(Some(Value::List(
        items
            .into_iter()
            .skip(start as usize)
            .take((end - start) as usize)
            .collect(),
    )))
}

/// Strings in lexical order (numbers and bools as their strings, as Terraform converts them).
fn sort(args: Args) -> Output {
    let items = list_arg(args.only()?)?;
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let text = item.value.as_string().ok_or(EvalError)?;
        out.push(Spanned::new(Value::String(text.into()), item.span));
    }
    out.sort_by(|a, b| a.value.as_str().cmp(&b.value.as_str()));
    Ok(Some(Value::List(out.into())))
}

fn sum(args: Args) -> Output {
    let items = list_arg(args.only()?)?;
    if items.is_empty() {
        return Err(EvalError);
    }
    let mut total = 0.0;
    for item in items {
        total += item.value.as_number().ok_or(EvalError)?;
    }
    Ok(total.is_finite().then_some(Value::Number(total)))
}
