//! Type conversion functions: `tostring`, `tonumber`, `tobool`, `tolist`, `toset`, `tomap`.
//! A list or map converts with its unknown elements; a set with more than one element, not all
//! known, is unknown (they may be equal, so its length is not known).

use super::{list_arg, set_of, Args, Function, Output};
use crate::eval::EvalError;
use crate::value::Value;

pub(super) const FUNCTIONS: &[Function] = &[
    // Marking a value sensitive hides it in Terraform's output, not from the provider.
    Function::lenient("nonsensitive", identity),
    Function::lenient("sensitive", identity),
    Function::new("tobool", tobool),
    Function::lenient("tolist", tolist),
    Function::lenient("tomap", tomap),
    Function::new("tonumber", tonumber),
    Function::lenient("toset", toset),
    Function::new("tostring", tostring),
];

fn toset(args: Args) -> Output {
    let items = list_arg(args.only()?)?;
    if items.len() > 1 && items.iter().any(|i| !i.value.is_wholly_known()) {
        return Ok(None);
    }
    Ok(Some(Value::List(set_of(items).into())))
}

fn tolist(args: Args) -> Output {
    Ok(Some(Value::List(list_arg(args.only()?)?.into())))
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
        v => Value::String(v.as_string().ok_or(EvalError)?.into()),
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

fn identity(args: Args) -> Output {
    Ok(Some(args.only()?.value))
}
