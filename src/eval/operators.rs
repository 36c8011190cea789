//! Unary and binary operators, and Terraform's `==`.

use super::EvalError;
use crate::value::Value;
use hcl_edit::expr::{BinaryOperator, UnaryOperator};

pub(super) fn unary(op: UnaryOperator, value: &Value) -> Result<Value, EvalError> {
    Ok(match (op, value) {
        (_, unknown @ Value::Unknown(_)) => unknown.clone(),
        (UnaryOperator::Neg, v) => Value::Number(-v.as_number().ok_or(EvalError)?),
        (UnaryOperator::Not, v) => Value::Bool(!v.as_bool().ok_or(EvalError)?),
    })
}

pub(super) fn binary(op: BinaryOperator, lhs: &Value, rhs: &Value) -> Result<Value, EvalError> {
    use BinaryOperator::*;
    // `false && x` and `true || x` are still unknown in Terraform when x is unknown.
    if lhs.is_unknown() || rhs.is_unknown() {
        return Ok(Value::unknown_from([lhs, rhs]));
    }
    let num = |v: &Value| v.as_number().ok_or(EvalError);
    let boolean = |v: &Value| v.as_bool().ok_or(EvalError);
    Ok(match op {
        // Collections with unknown elements are equal or not only where the known parts decide.
        Eq => equal_if_known(lhs, rhs).map_or_else(|| Value::unknown_from([lhs, rhs]), Value::Bool),
        NotEq => equal_if_known(lhs, rhs)
            .map_or_else(|| Value::unknown_from([lhs, rhs]), |e| Value::Bool(!e)),
        LessEq => Value::Bool(num(lhs)? <= num(rhs)?),
        GreaterEq => Value::Bool(num(lhs)? >= num(rhs)?),
        Less => Value::Bool(num(lhs)? < num(rhs)?),
        Greater => Value::Bool(num(lhs)? > num(rhs)?),
        Plus => Value::Number(num(lhs)? + num(rhs)?),
        Minus => Value::Number(num(lhs)? - num(rhs)?),
        Mul => Value::Number(num(lhs)? * num(rhs)?),
        Div => {
            let d = num(rhs)?;
            if d == 0.0 {
                return Err(EvalError);
            }
            Value::Number(num(lhs)? / d)
        }
        Mod => {
            let d = num(rhs)?;
            if d == 0.0 {
                return Err(EvalError);
            }
            Value::Number(num(lhs)? % d)
        }
        And => Value::Bool(boolean(lhs)? && boolean(rhs)?),
        Or => Value::Bool(boolean(lhs)? || boolean(rhs)?),
    })
}

/// Equality ignoring spans, as Terraform's `==` (no conversion between types).
pub fn values_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(a, b)| values_equal(&a.value, &b.value))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter().all(|(k, v)| {
                    y.iter()
                        .any(|(k2, v2)| k == k2 && values_equal(&v.value, &v2.value))
                })
        }
        _ => a == b,
    }
}

/// Terraform's `==` on values that may be partly unknown: `None` when the unknown parts
/// decide it (`[var.x] == ["a"]`), known when the known parts do (`[var.x] == ["a", "b"]`).
pub(super) fn equal_if_known(a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Unknown(_), _) | (_, Value::Unknown(_)) => None,
        (Value::List(x), Value::List(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            all_equal(
                x.iter()
                    .zip(y)
                    .map(|(a, b)| equal_if_known(&a.value, &b.value)),
            )
        }
        (Value::Object(x), Value::Object(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            all_equal(x.iter().map(|(k, v)| {
                let (_, w) = y.iter().find(|(k2, _)| k == *k2)?;
                equal_if_known(&v.value, &w.value)
            }))
            .or_else(|| {
                // A key missing from the other object decides, even next to unknowns.
                x.iter()
                    .any(|(k, _)| !y.iter().any(|(k2, _)| k == k2))
                    .then_some(false)
            })
        }
        _ => Some(values_equal(a, b)),
    }
}

/// False when one is false, unknown when none is false but one is unknown, else true.
fn all_equal(results: impl Iterator<Item = Option<bool>>) -> Option<bool> {
    let mut unknown = false;
    for r in results {
        match r {
            Some(false) => return Some(false),
            None => unknown = true,
            Some(true) => {}
        }
    }
    (!unknown).then_some(true)
}
