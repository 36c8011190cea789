//! The instances of a block with `count` or `for_each`, as Terraform expands them.

use super::Extractor;
use crate::eval::{give_up, Binding, Cut};
use crate::value::{CauseKind, Reason, Span, Spanned, Value};
use hcl_edit::structure::Body;

/// More instances than this are checked once, unbound, like an unknown `count`: AWS allows
/// 1,000 clients a user pool, and `count = 1e12` must not take forever.
pub const MAX_INSTANCES: usize = 1024;

/// The instances of a block, or the binding it is checked once with when they are not known.
pub type Instances = Result<Vec<(String, Binding)>, Binding>;

/// The instances of a block with `count` or `for_each`: instance key and the `count` or
/// `each` binding. When the collection is unknown, the block is checked once with `count` or
/// `each` unknown, for the collection's reason.
pub fn instances(body: &Body, extractor: &Extractor) -> Option<Instances> {
    if let Some(count) = body.get_attribute("count") {
        let value = extractor.eval(&count.value);
        let unknown = |why: Value| Err(unknown_binding("count", why, value.span));
        let Some(n) = value
            .value
            .as_number()
            .filter(|n| *n >= 0.0 && n.fract() == 0.0)
        else {
            return Some(unknown(not_known(&value.value, "count", value.span)));
        };
        if n > MAX_INSTANCES as f64 {
            return Some(unknown(give_up(Cut::BlockInstances, value.span)));
        }
        return Some(Ok((0..n as usize)
            .map(|i| {
                let index = Spanned::new(Value::Number(i as f64), value.span);
                let object = Value::Object(vec![("index".to_string(), index)].into());
                (
                    format!("[{i}]"),
                    ("count".to_string(), Spanned::new(object, value.span)),
                )
            })
            .collect()));
    }
    let for_each = body.get_attribute("for_each")?;
    let value = extractor.eval(&for_each.value);
    let span = value.span;
    let unknown = |why: Value| Err(unknown_binding("each", why, span));
    let pairs: Vec<(Spanned<Value>, Spanned<Value>)> = match value.value {
        // A set of strings: key and value are the element.
        Value::List(items) => items.into_iter().map(|i| (i.clone(), i)).collect(),
        Value::Object(items) => items
            .into_iter()
            .map(|(k, v)| (Spanned::new(Value::string(k), v.span), v))
            .collect(),
        other => return Some(unknown(not_known(&other, "for_each", span))),
    };
    if pairs.len() > MAX_INSTANCES {
        return Some(unknown(give_up(Cut::BlockInstances, span)));
    }
    let mut out = Vec::with_capacity(pairs.len());
    for (key, v) in pairs {
        let Some(key_text) = key.value.as_string() else {
            return Some(unknown(not_known(&key.value, "for_each", span)));
        };
        let object = Value::Object(vec![("key".to_string(), key), ("value".to_string(), v)].into());
        out.push((
            format!("[{key_text:?}]"),
            ("each".to_string(), Spanned::new(object, span)),
        ));
    }
    Some(Ok(out))
}

/// The unknown value a `count` or `for_each` that is not a known collection stands for: its
/// own reason, or that it is not known.
fn not_known(value: &Value, argument: &str, at: Span) -> Value {
    match value.unknown_reason() {
        Some(reason) if !reason.is_none() => Value::Unknown(reason.clone()),
        _ => Value::unknown(CauseKind::Iteration, argument, at),
    }
}

/// `count` or `each` bound to an unknown value: every reference to it is unknown, for `why`.
fn unknown_binding(name: &str, why: Value, at: Span) -> Binding {
    (name.to_string(), Spanned::new(why, at))
}

/// The instances of a block as they are checked: [`instances`] (`None` without `count` or
/// `for_each`), except that a block with no instance only because of its module's own
/// defaults (`count = var.create ? 1 : 0` with `default = false`, `for_each = var.clients`
/// with `default = {}`) is checked once as a template, so that a reusable module's author
/// learns about it. A literal `0`, or a value given (tfvars, `--var`, a module argument),
/// turned the block off: no instance.
pub fn checked_instances(body: &Body, extractor: &Extractor) -> Option<Instances> {
    let found = instances(body, extractor)?;
    if let Ok(list) = &found {
        if list.is_empty() {
            if let Some(template) = template_binding(body, extractor) {
                return Some(Err(template));
            }
        }
    }
    Some(found)
}

/// The binding a block with no instance is checked with as a template, when its instances
/// are unknown with the variables given no value unknown.
fn template_binding(body: &Body, extractor: &Extractor) -> Option<Binding> {
    let scope = extractor.scope.without_defaults()?;
    let masked = Extractor {
        file: extractor.file,
        scope: &*scope,
        bindings: extractor.bindings.clone(),
    };
    let Err((name, value)) = instances(body, &masked)? else {
        return None;
    };
    let argument = if name == "count" { "count" } else { "for_each" };
    let why = Reason::new(CauseKind::Template, argument, value.span);
    Some((name, Spanned::new(Value::Unknown(why), value.span)))
}
