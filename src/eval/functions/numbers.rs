//! Numeric functions.

use super::{Args, Function, Output};
use crate::eval::EvalError;
use crate::value::Value;

pub(super) const FUNCTIONS: &[Function] = &[
    Function::new("abs", abs),
    Function::new("ceil", ceil),
    Function::new("floor", floor),
    Function::new("log", log),
    Function::new("max", max),
    Function::new("min", min),
    Function::new("parseint", parseint),
    Function::new("pow", pow),
    Function::new("signum", signum),
];

fn number(n: f64) -> Output {
    Ok(n.is_finite().then_some(Value::Number(n)))
}

fn abs(args: Args) -> Output {
    args.arity(1)?;
    number(args.number(0)?.abs())
}

fn ceil(args: Args) -> Output {
    args.arity(1)?;
    number(args.number(0)?.ceil())
}

fn floor(args: Args) -> Output {
    args.arity(1)?;
    number(args.number(0)?.floor())
}

fn signum(args: Args) -> Output {
    args.arity(1)?;
    let n = args.number(0)?;
    number(if n == 0.0 { 0.0 } else { n.signum() })
}

fn log(args: Args) -> Output {
    args.arity(2)?;
    number(args.number(0)?.log(args.number(1)?))
}

fn pow(args: Args) -> Output {
    args.arity(2)?;
    number(args.number(0)?.powf(args.number(1)?))
}

/// `parseint("ff", 16)`: bases 2 to 62, as Terraform (digits, then a-z, then A-Z past 36).
fn parseint(args: Args) -> Output {
    args.arity(2)?;
    let (text, base) = (args.string(0)?, args.integer(1)?);
    if !(2..=62).contains(&base) {
        return Err(EvalError);
    }
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(&text)),
    };
    if digits.is_empty() {
        return Err(EvalError);
    }
    let mut n = 0.0f64;
    for c in digits.chars() {
        let d = match c {
            '0'..='9' => c as i64 - '0' as i64,
            'a'..='z' => c as i64 - 'a' as i64 + 10,
            'A'..='Z' if base <= 36 => c as i64 - 'A' as i64 + 10,
            'A'..='Z' => c as i64 - 'A' as i64 + 36,
            _ => return Err(EvalError),
        };
        if d >= base {
            return Err(EvalError);
        }
        n = n * base as f64 + d as f64;
    }
    number(if negative { -n } else { n })
}

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
