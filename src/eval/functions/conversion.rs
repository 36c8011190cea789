//! Type conversion functions: `tostring`, `tonumber`, `tobool`, `tolist`, `toset`, `tomap`.

use super::{list_arg, set_of, Args, Function, Output};
use crate::eval::EvalError;
use crate::value::Value;

pub(super) const FUNCTIONS: &[Function] = &[
    Function::new("tobool", tobool),
    Function::new("tolist", tolist),
    Function::new("tomap", tomap),
    Function::new("tonumber", tonumber),
    Function::new("toset", toset),
    Function::new("tostring", tostring),
];

fn toset(args: Args) -> Output {
    Ok(Some(Value::List(set_of(list_arg(args.only()?)?))))
}

fn tolist(args: Args) -> Output {
    Ok(Some(Value::List(list_arg(args.only()?)?)))
}

fn tomap(args: Args) -> Output {
    match args.only()?.value {
        v @ Value::Object(_) => Ok(Some(v)),
        _ => Err(EvalError),
    }
}

fn tostring(args: Args) -> Output {
    Ok(Some(match args.only()?.value {
        Value::Null => Value::Null,
        v => Value::String(v.as_string().ok_or(EvalError)?),
    }))
}

fn tonumber(args: Args) -> Output {
    Ok(Some(match args.only()?.value {
        Value::Null => Value::Null,
        v => Value::Number(v.as_number().ok_or(EvalError)?),
    }))
}

fn tobool(args: Args) -> Output {
    Ok(Some(match args.only()?.value {
        Value::Null => Value::Null,
        v => Value::Bool(v.as_bool().ok_or(EvalError)?),
    }))
}
