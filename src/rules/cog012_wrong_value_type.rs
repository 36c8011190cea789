use super::{declare_rule, Check, Ctx};
use crate::extract::BodyView;
use crate::finding::Diag;
use crate::schema::{argument_type, block_arguments, ArgType};
use crate::value::{Spanned, Value};

declare_rule! {
    pub struct WrongValueType: "COG012", "wrong-value-type", Error, Both,
    "a known value of the wrong type (a word for a number, a string for a list)"
}

impl Check for WrongValueType {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        check_body(cx.body(), |name| argument_type(cx.kind, name), out);
        for block in &cx.body().blocks {
            if let (Some(args), Some(body)) = (block_arguments(&block.name), &block.body) {
                let lookup = |name: &str| args.iter().find(|(n, _)| *n == name).map(|(_, t)| *t);
                check_body(body, lookup, out);
            }
        }
    }
}

fn check_body(body: &BodyView, type_of: impl Fn(&str) -> Option<ArgType>, out: &mut Vec<Diag>) {
    for attr in &body.attrs {
        if let Some(ty) = type_of(&attr.name) {
            check_value(&attr.name, ty, &attr.value, out);
        }
    }
}

fn check_value(name: &str, ty: ArgType, value: &Spanned<Value>, out: &mut Vec<Diag>) {
    let v = &value.value;
    let (ok, expected) = match ty {
        ArgType::String => (!matches!(v, Value::List(_) | Value::Object(_)), "a string"),
        ArgType::Number => (
            matches!(v, Value::Number(_)) || v.as_number().is_some(),
            "a number",
        ),
        ArgType::Bool => (v.as_bool().is_some(), "a bool (`true` or `false`)"),
        ArgType::StringSet => {
            let Value::List(items) = v else {
                return report(name, "a list of strings", value, out);
            };
            for item in items {
                let bad = match &item.value {
                    Value::List(_) | Value::Object(_) => Some("a list of strings"),
                    Value::Null => Some("a list of strings, without null elements"),
                    _ => None,
                };
                if let Some(expected) = bad {
                    report(name, expected, item, out);
                }
            }
            return;
        }
    };
    if !ok && !matches!(v, Value::Null | Value::Unknown) {
        report(name, expected, value, out);
    }
}

fn report(name: &str, expected: &str, value: &Spanned<Value>, out: &mut Vec<Diag>) {
    if matches!(value.value, Value::Null | Value::Unknown) {
        return;
    }
    let got = match &value.value {
        Value::String(s) => format!("the string `\"{s}\"`"),
        other => format!("{} `{other}`", article(other.type_name())),
    };
    let help = match (expected, &value.value) {
        ("a list of strings", Value::String(s)) => format!("wrap it in a list: `[\"{s}\"]`"),
        ("a bool (`true` or `false`)", _) => "write `true` or `false`, without quotes".to_string(),
        ("a number", _) => "write a whole number, for example `60`".to_string(),
        _ => format!("write {expected}"),
    };
    out.push(
        Diag::new(
            value.span,
            format!("`{name}` expects {expected}, got {got}"),
        )
        .help(help),
    );
}

fn article(type_name: &str) -> String {
    match type_name {
        "object" => "an object".to_string(),
        other => format!("a {other}"),
    }
}
