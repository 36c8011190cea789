//! The instances of a block with `count` or `for_each`, as Terraform expands them.

use super::Extractor;
use crate::eval::{give_up, Binding, Cut};
use crate::value::{Spanned, Value};
use hcl_edit::structure::Body;

/// More instances than this are checked once, unbound, like an unknown `count`: AWS allows
/// 1,000 clients a user pool, and `count = 1e12` must not take forever.
pub const MAX_INSTANCES: usize = 1024;

/// The instances of a block with `count` or `for_each`: instance key and the `count` or
/// `each` binding. `None` when the collection is unknown (check the block once, unbound).
pub fn instances(body: &Body, extractor: &Extractor) -> Option<Vec<(String, Binding)>> {
    if let Some(count) = body.get_attribute("count") {
        let value = extractor.eval(&count.value);
        let n = value
            .value
            .as_number()
            .filter(|n| *n >= 0.0 && n.fract() == 0.0)?;
        if n > MAX_INSTANCES as f64 {
            give_up(Cut::BlockInstances, value.span);
            return None;
        }
        return Some(
            (0..n as usize)
                .map(|i| {
                    let index = Spanned::new(Value::Number(i as f64), value.span);
                    let object = Value::Object(vec![("index".to_string(), index)]);
                    (
                        format!("[{i}]"),
                        ("count".to_string(), Spanned::new(object, value.span)),
                    )
                })
                .collect(),
        );
    }
    let for_each = body.get_attribute("for_each")?;
    let value = extractor.eval(&for_each.value);
    let pairs: Vec<(Spanned<Value>, Spanned<Value>)> = match value.value {
        // A set of strings: key and value are the element.
        Value::List(items) => items.into_iter().map(|i| (i.clone(), i)).collect(),
        Value::Object(items) => items
            .into_iter()
            .map(|(k, v)| (Spanned::new(Value::String(k), v.span), v))
            .collect(),
        _ => return None,
    };
    if pairs.len() > MAX_INSTANCES {
        give_up(Cut::BlockInstances, value.span);
        return None;
    }
    let mut out = Vec::with_capacity(pairs.len());
    for (key, v) in pairs {
        let key_text = key.value.as_string()?;
        let object = Value::Object(vec![("key".to_string(), key), ("value".to_string(), v)]);
        out.push((
            format!("[{key_text:?}]"),
            ("each".to_string(), Spanned::new(object, value.span)),
        ));
    }
    Some(out)
}

/// The instances of a block as they are checked: [`instances`], except that a block with no
/// instance only because of its module's own defaults (`count = var.create ? 1 : 0` with
/// `default = false`, `for_each = var.clients` with `default = {}`) is `None`, checked once as a
/// template, so that a reusable module's author learns about it. A literal `0`, or a value
/// given (tfvars, `--var`, a module argument), turned the block off: no instance.
pub fn checked_instances(body: &Body, extractor: &Extractor) -> Option<Vec<(String, Binding)>> {
    let found = instances(body, extractor)?;
    if found.is_empty() && zero_by_default(body, extractor) {
        return None;
    }
    Some(found)
}

/// Whether the block's instances are unknown with the variables given no value unknown.
fn zero_by_default(body: &Body, extractor: &Extractor) -> bool {
    let Some(scope) = extractor.scope.without_defaults() else {
        return false;
    };
    let masked = Extractor {
        file: extractor.file,
        scope: &*scope,
        bindings: extractor.bindings.clone(),
    };
    instances(body, &masked).is_none()
}
