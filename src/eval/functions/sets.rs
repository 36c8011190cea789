//! Set functions. A set with unknown elements has no known length (an unknown element may
//! equal another), so these wait for wholly known arguments, as Terraform's do.

use super::{list_arg, Args, Function, Output};
use crate::eval::{values_equal, EvalError, MAX_ELEMENTS};
use crate::value::{Spanned, Value};

pub(super) const FUNCTIONS: &[Function] = &[
    Function::new("setintersection", setintersection),
    Function::new("setproduct", setproduct),
    Function::new("setsubtract", setsubtract),
    Function::new("setsymmetricdifference", setsymmetricdifference),
    Function::new("setunion", setunion),
];

fn setunion(args: Args) -> Output {
    set_operation(args, |out, list| out.extend(list))
}

fn setintersection(args: Args) -> Output {
    set_operation(args, |out, list| {
        out.retain(|o| list.iter().any(|i| values_equal(&o.value, &i.value)))
    })
}

fn setsubtract(args: Args) -> Output {
    args.arity(2)?;
    set_operation(args, |out, list| {
        out.retain(|o| !list.iter().any(|i| values_equal(&o.value, &i.value)))
    })
}

fn setsymmetricdifference(args: Args) -> Output {
    set_operation(args, |out, list| {
        let list = without_repeats(list);
        let (shared, only_new): (Vec<_>, Vec<_>) = list
            .into_iter()
            .partition(|i| out.iter().any(|o| values_equal(&o.value, &i.value)));
        out.retain(|o| !shared.iter().any(|i| values_equal(&o.value, &i.value)));
        out.extend(only_new);
    })
}

/// The first list as a set, combined with each of the others in turn.
fn set_operation(args: Args, combine: fn(&mut Vec<Spanned<Value>>, Vec<Spanned<Value>>)) -> Output {
    let mut lists = Vec::with_capacity(args.values.len());
    for a in args.values {
        lists.push(list_arg(a)?);
    }
    let mut iter = lists.into_iter();
    let mut out = without_repeats(iter.next().ok_or(EvalError)?);
    for list in iter {
        combine(&mut out, list);
        if out.len() > MAX_ELEMENTS {
            return Ok(None);
        }
    }
    Ok(Some(Value::List(set_of(out).into())))
}

/// Every combination of one element of each list, the first list varying slowest.
fn setproduct(args: Args) -> Output {
    let span = args.span;
    let mut lists = Vec::with_capacity(args.values.len());
    for a in args.values {
        lists.push(list_arg(a)?);
    }
    if lists.len() < 2 {
        return Err(EvalError);
    }
    // The size first: the product of a few lists outgrows any budget long before it is built.
    let mut count: usize = 1;
    for list in &lists {
        count = count.saturating_mul(list.len());
    }
    if count.saturating_mul(lists.len()) > MAX_ELEMENTS {
        return Ok(None);
    }
    let mut out: Vec<Vec<Spanned<Value>>> = vec![Vec::new()];
    for list in &lists {
        out = out
            .into_iter()
            .flat_map(|prefix| {
                list.iter().map(move |item| {
                    let mut row = prefix.clone();
                    row.push(item.clone());
                    row
                })
            })
            .collect();
    }
    Ok(Some(Value::List(
        out.into_iter()
            .map(|row| Spanned::new(Value::List(row.into()), span))
            .collect(),
    )))
}

/// The items without repeats, in first-seen order; unknown items are kept (they may differ).
pub(super) fn without_repeats(items: Vec<Spanned<Value>>) -> Vec<Spanned<Value>> {
    let mut out: Vec<Spanned<Value>> = Vec::with_capacity(items.len());
    for item in items {
        if item.value.is_unknown() || !out.iter().any(|o| values_equal(&o.value, &item.value)) {
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
