use super::{declare_rule, Check, Ctx};
use crate::extract::BodyView;
use crate::finding::{quoted, Applicability, Diag};
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
            if let (Some(args), Ok(body)) = (block_arguments(&block.name), &block.body) {
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
            for (i, item) in items.iter().enumerate() {
                match &item.value {
                    Value::List(_) => {
                        let help = if items.len() == 1 {
                            format!("`[\"${{var.list}}\"]` is Terraform 0.11 syntax for a list variable; write `{name} = var.list`, without the brackets")
                        } else {
                            "to add a list's elements to this list, write `concat([...], var.list)` or `flatten([...])`".to_string()
                        };
                        out.push(
                            Diag::new(
                                item.span,
                                format!("element {i} of `{name}` is a list, not a string"),
                            )
                            .help(help),
                        )
                    }
                    Value::Object(_) => report(name, "a list of strings", &item, out),
                    Value::Null => {
                        report(name, "a list of strings, without null elements", &item, out)
                    }
                    _ => {}
                }
            }
            return;
        }
    };
    if !ok && !matches!(v, Value::Null | Value::Unknown(_)) {
        report(name, expected, value, out);
    }
}

fn report(name: &str, expected: &str, value: &Spanned<Value>, out: &mut Vec<Diag>) {
    if matches!(value.value, Value::Null | Value::Unknown(_)) {
        return;
    }
    let got = match &value.value {
        Value::String(s) => format!("the string `\"{}\"`", s.as_str()),
        other => format!("{} `{other}`", article(other.type_name())),
    };
    let diag = Diag::new(
        value.span,
        format!("`{name}` expects {expected}, got {got}"),
    );
    out.push(match (expected, &value.value) {
        ("a list of strings", Value::String(s)) => {
            let list = wrapped(name, s);
            let mut help = format!("wrap it in a list: `{list}`");
            let readers = list_readers(name);
            if !readers.is_empty() {
                help.push_str(&format!(
                    " (the list is then checked like any other: {})",
                    readers.join(", ")
                ));
            }
            // Terraform rejects the string today; the list of it is what the string said.
            diag.help(help)
                .replace(value.span, list.clone())
                .may_raise(readers)
                .fix_as(Applicability::Safe, format!("wrap it in a list: `{list}`"))
        }
        ("a bool (`true` or `false`)", _) => diag.help("write `true` or `false`, without quotes"),
        ("a number", _) => diag.help("write a whole number, for example `60`"),
        _ => diag.help(format!("write {expected}")),
    });
}

/// A string as the list it was meant to be. Scopes are separated by spaces in OAuth requests,
/// and a string of several is several scopes (one string with a space is COG006's error).
fn wrapped(name: &str, s: &str) -> String {
    let items: Vec<String> = if name == "allowed_oauth_scopes" && s.split_whitespace().count() > 1 {
        s.split_whitespace().map(quoted).collect()
    } else {
        vec![quoted(s)]
    };
    format!("[{}]", items.join(", "))
}

/// The rules that read a list argument, and may report it once it is a list.
fn list_readers(name: &str) -> &'static [&'static str] {
    match name {
        "explicit_auth_flows" => &["COG004", "COG102", "COG113", "COG201", "COG202", "COG207"],
        "allowed_oauth_flows" => &[
            "COG004", "COG103", "COG104", "COG105", "COG107", "COG203", "COG206",
        ],
        "allowed_oauth_scopes" => &["COG006", "COG105", "COG109", "COG206"],
        "callback_urls" => &["COG006", "COG101", "COG108", "COG206", "COG210"],
        "logout_urls" => &["COG006", "COG206", "COG209"],
        "supported_identity_providers" => &["COG006", "COG110"],
        "read_attributes" | "write_attributes" => &["COG111"],
        _ => &[],
    }
}

fn article(type_name: &str) -> String {
    match type_name {
        "object" => "an object".to_string(),
        other => format!("a {other}"),
    }
}
