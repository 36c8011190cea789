//! The Terraform functions that configurations use around client arguments. A function not
//! listed here yields an unknown value: never a guess.
//!
//! Each family's file holds its functions and their table, sorted by name; [`FAMILIES`] lists
//! the tables. To add a function, write it in its family's file and give it a row there:
//! `Function::new("name", implementation)`, or `Function::lenient` for one that looks into
//! partly-unknown arguments itself. Results keep their elements' spans where they can, so
//! that findings point at the literal.

mod collections;
mod conversion;
mod encoding;
mod numbers;
mod strings;

pub(super) use collections::set_of;

use super::{EvalError, EvalResult, Evaluator};
use crate::value::{Span, Spanned, Value};
use hcl_edit::expr::Expression;

/// Every function's table, one per family.
const FAMILIES: &[&[Function]] = &[
    collections::FUNCTIONS,
    conversion::FUNCTIONS,
    encoding::FUNCTIONS,
    numbers::FUNCTIONS,
    strings::FUNCTIONS,
];

/// One row of a family's table.
pub(super) struct Function {
    name: &'static str,
    /// Whether the function is called when an argument is known but some part of it is not
    /// (it then decides itself what is known); otherwise any unknown part makes it unknown.
    lenient: bool,
    apply: fn(Args) -> Output,
}

impl Function {
    const fn new(name: &'static str, apply: fn(Args) -> Output) -> Function {
        Function {
            name,
            lenient: false,
            apply,
        }
    }

    const fn lenient(name: &'static str, apply: fn(Args) -> Output) -> Function {
        Function {
            name,
            lenient: true,
            apply,
        }
    }
}

/// A function's result: `Ok(None)` when it is unknown.
type Output = Result<Option<Value>, EvalError>;

/// A function's arguments, evaluated (the final one expanded for a call ending in `...`).
pub(super) struct Args {
    values: Vec<Spanned<Value>>,
    /// The call's span, for the values a function makes up (`split`'s parts, for example).
    span: Span,
}

impl Args {
    /// The `i`th argument as a string.
    fn string(&self, i: usize) -> Result<String, EvalError> {
        self.values
            .get(i)
            .and_then(|a| a.value.as_string())
            .ok_or(EvalError)
    }

    /// The `i`th argument as a number.
    fn number(&self, i: usize) -> Result<f64, EvalError> {
        self.values
            .get(i)
            .and_then(|a| a.value.as_number())
            .ok_or(EvalError)
    }

    /// An error unless there are exactly `k` arguments.
    fn arity(&self, k: usize) -> Result<(), EvalError> {
        if self.values.len() == k {
            Ok(())
        } else {
            Err(EvalError)
        }
    }

    /// The one argument of a function that takes one.
    fn only(self) -> Result<Spanned<Value>, EvalError> {
        self.arity(1)?;
        Ok(self.values.into_iter().next().unwrap())
    }
}

/// A list argument's items.
fn list_arg(arg: Spanned<Value>) -> Result<Vec<Spanned<Value>>, EvalError> {
    match arg.value {
        Value::List(items) => Ok(items),
        _ => Err(EvalError),
    }
}

/// Calls the function `name` on `args`, the last of which is a list to spread when
/// `expand_final` (`f(a, list...)`).
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
    match apply(name, values, span) {
        Ok(Some(value)) => known(value),
        Ok(None) => known(Value::Unknown),
        Err(e) => Err(e),
    }
}

/// `Ok(None)` when the result is unknown (an unknown argument, or an unsupported function).
fn apply(name: &str, args: Vec<Spanned<Value>>, span: Span) -> Output {
    let Some(function) = lookup(name) else {
        return Ok(None);
    };
    // `coalesce` and `coalescelist` may return a known argument before an unknown one, but
    // Terraform itself waits for all of them; so do we.
    if !function.lenient && args.iter().any(|a| !a.value.is_wholly_known()) {
        return Ok(None);
    }
    if function.lenient && args.iter().any(|a| a.value == Value::Unknown) {
        return Ok(None);
    }
    (function.apply)(Args { values: args, span })
}

fn lookup(name: &str) -> Option<&'static Function> {
    FAMILIES.iter().find_map(|family| {
        let i = family.binary_search_by(|f| f.name.cmp(name)).ok()?;
        Some(&family[i])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_table_is_sorted_and_names_are_unique() {
        let mut all = Vec::new();
        for family in FAMILIES {
            let names: Vec<&str> = family.iter().map(|f| f.name).collect();
            assert!(names.windows(2).all(|w| w[0] < w[1]), "{names:?}");
            all.extend(names);
        }
        let count = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), count, "a name in two families");
        for name in all {
            assert_eq!(lookup(name).map(|f| f.name), Some(name));
        }
        assert!(lookup("timestamp").is_none());
        assert!(lookup("try").is_none(), "try and can are not in the tables");
    }

    #[test]
    fn only_these_look_into_partly_unknown_arguments() {
        let mut lenient: Vec<&str> = FAMILIES
            .iter()
            .flat_map(|family| family.iter())
            .filter(|f| f.lenient)
            .map(|f| f.name)
            .collect();
        lenient.sort_unstable();
        assert_eq!(
            lenient,
            ["compact", "concat", "distinct", "flatten", "merge"]
        );
    }
}
