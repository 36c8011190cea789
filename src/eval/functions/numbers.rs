//! Numeric functions.

use super::{Args, Function, Output};
use crate::eval::EvalError;
use crate::value::Value;

pub(super) const FUNCTIONS: &[Function] = &[Function::new("max", max), Function::new("min", min)];

fn min(args: Args) -> Output {
    pick(args, f64::min)
}

fn max(args: Args) -> Output {
    pick(args, f64::max)
}

/// `min` or `max`: of one number or more.
fn pick(args: Args, pick: fn(f64, f64) -> f64) -> Output {
    let mut nums = Vec::with_capacity(args.values.len());
    for i in 0..args.values.len() {
        nums.push(args.number(i)?);
    }
    Ok(Some(Value::Number(
        nums.into_iter().reduce(pick).ok_or(EvalError)?,
    )))
}
