//! Plan files (`terraform show -json plan.out`): every client in `planned_values`, root and
//! child modules, with its values as Terraform will send them.
//!
//! An attribute missing from `values` is unknown when `resource_changes[].change.after_unknown`
//! marks it, and unset otherwise. Attributes the provider computes, and any the linter's schema
//! does not know, are left out: a plan has passed the provider's schema checks already.

use super::parse;
use crate::extract::{AttrView, BlockView, BodyView, ModuleView, Presence, Resource};
use crate::schema::{
    argument_type, block_arguments, is_read_resource, read_only, ClientKind, BLOCKS,
};
use crate::value::{CauseKind, FileId, Span, Spanned, Value};
use jsonc_parser::ast::{Object, ObjectPropName, Value as J};
use std::collections::HashMap;

/// A module of the plan: its address prefix (`module.auth.`) and its resources.
pub struct PlanModule {
    pub prefix: String,
    pub view: ModuleView,
}

const NOT_A_PLAN: &str = "not a Terraform plan (`terraform show -json`: format_version and planned_values) nor a .tf.json configuration";

/// Reads the modules of a plan: a JSON object with `format_version` and `planned_values`. An error is an offset and a message.
pub fn read(file: FileId, text: &str) -> Result<Vec<PlanModule>, (usize, String)> {
    let doc = match parse(text)? {
        Some(J::Object(doc))
            if get(&doc, "format_version").is_some() && get(&doc, "planned_values").is_some() =>
        {
            doc
        }
        _ => return Err((0, NOT_A_PLAN.to_string())),
    };
    let mut unknown: HashMap<String, &J> = HashMap::new();
    if let Some(J::Array(changes)) = get(&doc, "resource_changes") {
        for change in &changes.elements {
            let J::Object(change) = change else { continue };
            let (Some(J::StringLit(address)), Some(J::Object(c))) =
                (get(change, "address"), get(change, "change"))
            else {
                continue;
            };
            if let Some(after_unknown) = get(c, "after_unknown") {
                unknown.insert(address.value.to_string(), after_unknown);
            }
        }
    }
    let mut modules = Vec::new();
    if let Some(J::Object(planned)) = get(&doc, "planned_values") {
        if let Some(J::Object(root)) = get(planned, "root_module") {
            collect(file, root, "", &unknown, &mut modules);
        }
    }
    Ok(modules)
}

fn get<'o, 'a>(object: &'o Object<'a>, key: &str) -> Option<&'o J<'a>> {
    object
        .properties
        .iter()
        .find(|p| prop_name(&p.name) == key)
        .map(|p| &p.value)
}

fn prop_name<'n>(name: &'n ObjectPropName) -> &'n str {
    match name {
        ObjectPropName::String(s) => &s.value,
        ObjectPropName::Word(w) => w.value,
    }
}

fn json_span(file: FileId, value: &J) -> Span {
    Span::new(file, super::value_range(value))
}

fn collect(
    file: FileId,
    module: &Object,
    prefix: &str,
    unknown: &HashMap<String, &J>,
    out: &mut Vec<PlanModule>,
) {
    let mut view = ModuleView {
        planned: true,
        ..ModuleView::default()
    };
    if let Some(J::Array(resources)) = get(module, "resources") {
        for resource in &resources.elements {
            let J::Object(resource) = resource else {
                continue;
            };
            if let Some(r) = resource_view(file, resource, unknown) {
                if r.client_kind().is_some() {
                    view.clients.push(r);
                } else {
                    view.context.push(r);
                }
            }
        }
    }
    out.push(PlanModule {
        prefix: prefix.to_string(),
        view,
    });
    if let Some(J::Array(children)) = get(module, "child_modules") {
        for child in &children.elements {
            let J::Object(child) = child else { continue };
            let Some(J::StringLit(address)) = get(child, "address") else {
                continue;
            };
            collect(file, child, &format!("{}.", address.value), unknown, out);
        }
    }
}

fn resource_view(
    file: FileId,
    resource: &Object,
    unknown: &HashMap<String, &J>,
) -> Option<Resource> {
    let text = |key: &str| match get(resource, key) {
        Some(J::StringLit(s)) => Some(s.value.to_string()),
        _ => None,
    };
    if text("mode").as_deref() != Some("managed") {
        return None;
    }
    let ty = text("type")?;
    if !is_read_resource(&ty) {
        return None;
    }
    let kind = ClientKind::from_type(&ty);
    let address = text("address")?;
    let instance = match get(resource, "index") {
        Some(J::NumberLit(n)) => Some(format!("[{}]", n.value)),
        Some(J::StringLit(s)) => Some(format!("[{:?}]", s.value)),
        _ => None,
    };
    let address_span = get(resource, "address").map(|a| json_span(file, a))?;
    let values = match get(resource, "values") {
        Some(J::Object(v)) => Some(v),
        _ => None,
    };
    let after_unknown = unknown.get(&address).copied();
    let allowed = |name: &str| match kind {
        Some(kind) => {
            (argument_type(kind, name).is_some() || BLOCKS.iter().any(|(b, _)| *b == name))
                && !read_only(kind).contains(&name)
        }
        // Pools, resource servers and identity providers: whatever the rules read.
        None => true,
    };
    Some(Resource {
        resource_type: ty.clone(),
        name: text("name")?,
        file,
        labels_span: address_span,
        block_span: Span::new(file, resource.range.start..resource.range.end),
        instance,
        body: body(
            file,
            values,
            after_unknown,
            &allowed,
            kind.is_some() || ty == "aws_cognito_user_pool" || ty == "aws_cognito_resource_server",
        ),
    })
}

/// The view of a `values` object. Lists of objects under a block name are blocks.
fn body(
    file: FileId,
    values: Option<&Object>,
    after_unknown: Option<&J>,
    allowed: &dyn Fn(&str) -> bool,
    typed: bool,
) -> BodyView {
    let mut view = BodyView::default();
    let unknown_of = |key: &str| -> Option<&J> {
        match after_unknown {
            Some(J::Object(o)) => get(o, key),
            _ => None,
        }
    };
    let is_block =
        |key: &str| block_arguments(key).is_some() || (typed && matches!(key, "schema" | "scope"));
    if let Some(values) = values {
        for prop in &values.properties {
            let key = prop_name(&prop.name);
            if !allowed(key) {
                continue;
            }
            let key_span = match &prop.name {
                ObjectPropName::String(s) => Span::new(file, s.range.start..s.range.end),
                ObjectPropName::Word(w) => Span::new(file, w.range.start..w.range.end),
            };
            if is_block(key) {
                if let J::Array(items) = &prop.value {
                    for (i, item) in items.elements.iter().enumerate() {
                        let J::Object(inner) = item else { continue };
                        let inner_unknown = match unknown_of(key) {
                            Some(J::Array(u)) => u.elements.get(i),
                            _ => None,
                        };
                        view.blocks.push(BlockView {
                            name: key.to_string(),
                            ident_span: key_span,
                            labels: Vec::new(),
                            body: Ok(body(file, Some(inner), inner_unknown, &|_| true, false)),
                            dynamic: false,
                        });
                    }
                    continue;
                }
            }
            let value = value(file, &prop.value, unknown_of(key));
            view.attrs.push(AttrView {
                name: key.to_string(),
                key_span,
                span: Span::new(
                    file,
                    key_span.bytes().start..value.span.bytes().end.max(key_span.bytes().end),
                ),
                value,
                refs: Vec::new(),
                presence: Presence::Maybe,
            });
        }
    }
    // Attributes known only after apply are absent from `values`.
    if let Some(J::Object(u)) = after_unknown {
        for prop in &u.properties {
            let key = prop_name(&prop.name);
            let missing = !view.attrs.iter().any(|a| a.name == key)
                && !view.blocks.iter().any(|b| b.name == key);
            if missing && allowed(key) && matches!(prop.value, J::BooleanLit(ref b) if b.value) {
                let span = json_span(file, &prop.value);
                view.attrs.push(AttrView {
                    name: key.to_string(),
                    key_span: span,
                    span,
                    value: Spanned::new(Value::unknown(CauseKind::AfterApply, "", span), span),
                    refs: Vec::new(),
                    // Computed at apply: it may still be null.
                    presence: Presence::Maybe,
                });
            }
        }
    }
    view
}

fn value(file: FileId, json: &J, unknown: Option<&J>) -> Spanned<Value> {
    let span = json_span(file, json);
    let is_unknown = matches!(unknown, Some(J::BooleanLit(b)) if b.value);
    let value = match json {
        _ if is_unknown => Value::unknown(CauseKind::AfterApply, "", span),
        J::StringLit(s) => Value::String(s.value.to_string().into()),
        J::NumberLit(n) => n.value.parse().map_or_else(
            |_| Value::unknown(CauseKind::Invalid, "", span),
            Value::Number,
        ),
        J::BooleanLit(b) => Value::Bool(b.value),
        J::NullKeyword(_) => Value::Null,
        J::Array(items) => Value::List(
            items
                .elements
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let u = match unknown {
                        Some(J::Array(u)) => u.elements.get(i),
                        _ => None,
                    };
                    value(file, item, u)
                })
                .collect(),
        ),
        J::Object(o) => Value::Object(
            o.properties
                .iter()
                .map(|p| {
                    let key = prop_name(&p.name);
                    let u = match unknown {
                        Some(J::Object(u)) => get(u, key),
                        _ => None,
                    };
                    (key.to_string(), value(file, &p.value, u))
                })
                .collect(),
        ),
    };
    Spanned::new(value, span)
}
