//! The Terraform functions that configurations use around client arguments. A function not
//! listed here yields an unknown value: never a guess.
//!
//! Each family's file holds its functions and their table, sorted by name; [`FAMILIES`] lists
//! the tables. To add a function, write it in its family's file and give it a row there. The
//! row says how much of its arguments the function must see known, as in Terraform (go-cty's
//! stdlib and Terraform's `internal/lang/funcs`): `Function::new` for one whose result is
//! unknown when any part of an argument is (string functions, sets, encodings);
//! `Function::lenient` for one that gets known collections with unknown parts and decides
//! itself (`length` of a list with an unknown element is known); `Function::open` for one
//! that sees unknown arguments too (`coalesce` returns a known argument before an unknown
//! one). Results keep their elements' spans where they can, so that findings point at the
//! literal.

mod attempt;
mod collections;
mod conversion;
mod encoding;
mod filesystem;
mod numbers;
mod regex;
mod sequences;
mod sets;
mod strings;
mod yaml;

pub use filesystem::{FileReader, ModuleFiles};
pub(super) use sets::set_of;

use super::{EvalError, EvalResult, Evaluator};
use crate::value::{CauseKind, Span, Spanned, Value};
use hcl_edit::expr::Expression;

/// Every function's table, one per family.
const FAMILIES: &[&[Function]] = &[
    collections::FUNCTIONS,
    conversion::FUNCTIONS,
    encoding::FUNCTIONS,
    filesystem::FUNCTIONS,
    numbers::FUNCTIONS,
    regex::FUNCTIONS,
    sequences::FUNCTIONS,
    sets::FUNCTIONS,
    strings::FUNCTIONS,
];

/// How much of its arguments a function must see known before it is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sees {
    /// Every argument wholly known: otherwise the result is unknown.
    Known,
    /// Every argument known at its top (a list, perhaps with unknown elements).
    Shallow,
    /// Unknown arguments too: the function decides.
    Anything,
}

/// One row of a family's table.
pub(super) struct Function {
    name: &'static str,
    sees: Sees,
    apply: fn(Args) -> Output,
}

impl Function {
    const fn new(name: &'static str, apply: fn(Args) -> Output) -> Function {
        Function {
            name,
            sees: Sees::Known,
            apply,
        }
    }

    const fn lenient(name: &'static str, apply: fn(Args) -> Output) -> Function {
        Function {
            name,
            sees: Sees::Shallow,
            apply,
        }
    }

    const fn open(name: &'static str, apply: fn(Args) -> Output) -> Function {
        Function {
            name,
            sees: Sees::Anything,
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

    /// The `i`th argument as a whole number.
    fn integer(&self, i: usize) -> Result<i64, EvalError> {
        let n = self.number(i)?;
        if n.fract() != 0.0 || n.abs() > 1e15 {
            return Err(EvalError);
        }
        Ok(n as i64)
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

    /// A string made by the function, at the call.
    fn made(&self, value: Value) -> Spanned<Value> {
        Spanned::new(value, self.span)
    }
}

/// A list argument's items.
fn list_arg(arg: Spanned<Value>) -> Result<Vec<Spanned<Value>>, EvalError> {
    match arg.value {
        Value::List(items) => Ok(items.to_vec()),
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
        "try" => return attempt::attempt(ev, args, span),
        "can" => return attempt::can(ev, args, span),
        _ => {}
    }
    let mut values: Vec<Spanned<Value>> = Vec::with_capacity(args.len());
    for arg in args {
        values.push(ev.try_eval(arg)?);
    }
    if expand_final {
        match values.pop().map(|v| v.value) {
            Some(Value::List(items)) => values.extend(items),
            Some(unknown @ Value::Unknown(_)) => return known(unknown),
            _ => return Err(EvalError),
        }
    }
    if let Some(result) = filesystem::call(ev, name, &values, span) {
        return result;
    }
    // The reason, should the result be unknown, is the first unknown argument's; taken
    // before the arguments move into the function, and only when one of them is unknown.
    let from_args = values
        .iter()
        .any(|v| !v.value.is_wholly_known())
        .then(|| Value::unknown_from(values.iter().map(|v| &v.value)));
    match apply(name, values, span) {
        Ok(Some(Value::Unknown(reason))) if reason.is_none() => {
            known(unknown_result(name, from_args, span))
        }
        Ok(Some(value)) => known(value),
        Ok(None) => known(unknown_result(name, from_args, span)),
        Err(e) => Err(e),
    }
}

/// Why a call's result is unknown: the function is not one the linter evaluates, its result
/// changes at every run, or an argument was unknown.
fn unknown_result(name: &str, from_args: Option<Value>, span: Span) -> Value {
    if IMPURE.contains(&name) {
        return Value::unknown(CauseKind::Impure, format!("{name}()"), span);
    }
    if lookup(name).is_none() {
        return Value::unknown(CauseKind::Function, name, span);
    }
    // Known arguments, and still no result: past a size limit, or an error Terraform reports.
    from_args.unwrap_or_else(|| Value::unknown(CauseKind::Invalid, format!("{name}(…)"), span))
}

/// Functions whose result Terraform computes anew at every run: never known before apply.
const IMPURE: &[&str] = &["bcrypt", "plantimestamp", "timestamp", "uuid"];

/// `Ok(None)` when the result is unknown (an unknown argument, or an unsupported function).
fn apply(name: &str, args: Vec<Spanned<Value>>, span: Span) -> Output {
    let Some(function) = lookup(name) else {
        return Ok(None);
    };
    let unknown = match function.sees {
        Sees::Known => args.iter().any(|a| !a.value.is_wholly_known()),
        Sees::Shallow => args.iter().any(|a| a.value.is_unknown()),
        Sees::Anything => false,
    };
    if unknown {
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
    fn these_look_into_partly_unknown_arguments() {
        let names = |sees: Sees| -> Vec<&str> {
            let mut names: Vec<&str> = FAMILIES
                .iter()
                .flat_map(|family| family.iter())
                .filter(|f| f.sees == sees)
                .map(|f| f.name)
                .collect();
            names.sort_unstable();
            names
        };
        assert_eq!(
            names(Sees::Shallow),
            [
                "alltrue",
                "anytrue",
                "chunklist",
                "concat",
                "contains",
                "element",
                "flatten",
                "index",
                "keys",
                "length",
                "merge",
                "nonsensitive",
                "one",
                "reverse",
                "sensitive",
                "slice",
                "tolist",
                "tomap",
                "toset",
                "values",
                "zipmap"
            ]
        );
        assert_eq!(
            names(Sees::Anything),
            ["coalesce", "coalescelist", "lookup"]
        );
    }
}
