use super::edits::{append, is_own, offer, offer_all, remove_attr, remove_items};
use super::{declare_rule, Check, Ctx};
use crate::extract::{Known, Resource, StrList};
use crate::finding::{quoted, Applicability, Diag};

declare_rule! {
    pub struct InvalidAttributePermission: "COG111", "invalid-attribute-permission", Error, Both,
    "read or write attributes that do not exist or cannot be written"
}

pub const STANDARD_ATTRIBUTES: &[&str] = &[
    "address",
    "birthdate",
    "email",
    "email_verified",
    "family_name",
    "gender",
    "given_name",
    "locale",
    "middle_name",
    "name",
    "nickname",
    "phone_number",
    "phone_number_verified",
    "picture",
    "preferred_username",
    "profile",
    "updated_at",
    "website",
    "zoneinfo",
    "sub",
];

/// What the referenced pool's `schema` blocks say, when all of them are known.
struct PoolSchema {
    names: Vec<String>,
    required: Vec<String>,
}

impl Check for InvalidAttributePermission {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let schema = cx.module.user_pool_of(cx.client).and_then(pool_schema);
        for name in ["read_attributes", "write_attributes"] {
            let Known::Value(list) = cx.body().list(name) else {
                continue;
            };
            for (attr, span) in list.known() {
                if let Some(custom) = attr.strip_prefix("custom:") {
                    if let Some(schema) = &schema {
                        if !custom.is_empty() && !schema.names.iter().any(|n| n == custom) {
                            out.push(
                                Diag::new(span, format!("the user pool defines no custom attribute `{custom}`"))
                                    .help(format!("add a `schema {{ name = \"{custom}\" }}` block to the pool, or fix the name")),
                            );
                        }
                    }
                    if !custom.is_empty() {
                        continue;
                    }
                }
                if !STANDARD_ATTRIBUTES.contains(&attr) {
                    let diag = Diag::new(span, format!("`{attr}` is not a user pool attribute"));
                    let custom = schema
                        .as_ref()
                        .is_some_and(|s| s.names.iter().any(|n| n == attr));
                    out.push(if custom {
                        let diag = diag.help(format!(
                            "custom attributes take the `custom:` prefix: `custom:{attr}`"
                        ));
                        offer(
                            diag,
                            is_own(&list, span).then(|| (span, quoted(&format!("custom:{attr}")))),
                        )
                        // AWS rejects the name without its prefix today.
                        .fix_as(Applicability::Safe, format!("write `custom:{attr}`"))
                    } else {
                        diag.help(format!("use a standard attribute or `custom:{attr}`"))
                    });
                } else if name == "write_attributes" && attr == "email_verified" {
                    // The list without it; an empty list would mean every attribute writable
                    // (COG212), so the last one goes with the argument.
                    let kept: Vec<&str> = list
                        .known()
                        .map(|(a, _)| a)
                        .filter(|a| *a != "email_verified")
                        .collect();
                    let edits = if kept.is_empty() {
                        cx.body()
                            .attr("write_attributes")
                            .filter(|_| list.is_fully_known())
                            .map(|a| vec![remove_attr(a)])
                    } else {
                        let at: Vec<usize> = list
                            .items
                            .iter()
                            .enumerate()
                            .filter(|(_, i)| i.value.as_deref() == Some("email_verified"))
                            .map(|(n, _)| n)
                            .collect();
                        remove_items(&list, &at)
                    };
                    out.push(offer_all(
                        Diag::new(span, "`email_verified` cannot be a write attribute")
                            .help("remove it from write_attributes, or remove `write_attributes` when it is the only one (not `[]`: COG212); keep it in read_attributes. AWS: \"Invalid write attributes specified\""),
                        edits,
                    )
                    // AWS rejects the list today.
                    .fix_as(Applicability::Safe, "remove `email_verified`"));
                }
            }
            if name == "write_attributes" {
                if let Some(schema) = &schema {
                    check_required(&list, schema, out);
                }
            }
        }
    }
}

/// Required attributes are always writable: a write list that leaves one out is rejected.
fn check_required(list: &StrList, schema: &PoolSchema, out: &mut Vec<Diag>) {
    if list.is_empty() || !list.is_fully_known() {
        return;
    }
    let missing: Vec<&String> = schema
        .required
        .iter()
        .filter(|r| !list.contains(r))
        .collect();
    if missing.is_empty() {
        return;
    }
    let names = missing
        .iter()
        .map(|m| format!("`{m}`"))
        .collect::<Vec<_>>()
        .join(", ");
    out.push(offer(
        Diag::new(list.span, format!("write_attributes leaves out {names}, which the user pool requires"))
            .help(format!("add {names}: AWS rejects a client that cannot write a required attribute (\"Invalid write attributes specified\")")),
        append(list, missing.iter().map(|m| m.as_str())),
    )
    // AWS rejects the client today.
    .fix_as(Applicability::Safe, format!("add {names}")));
}

fn pool_schema(pool: &Resource) -> Option<PoolSchema> {
    let mut schema = PoolSchema {
        names: Vec::new(),
        required: Vec::new(),
    };
    for block in pool.body.blocks.iter().filter(|b| b.name == "schema") {
        let body = block.body.as_ref().ok()?;
        let name = body.string("name").value()?.value.into_owned();
        match body.boolean("required") {
            Known::Value(r) if r.value => schema.required.push(name.clone()),
            Known::Unknown => return None,
            _ => {}
        }
        schema.names.push(name);
    }
    Some(schema)
}
