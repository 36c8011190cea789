use super::suggest::{closest, is_unambiguous};
use super::{argument_span, declare_rule, is_native, Check, Ctx};
use crate::extract::BodyView;
use crate::finding::{Applicability, Diag};
use crate::schema::{
    arguments, block_arguments, read_only, ClientKind, BLOCKS, META_ARGUMENTS, META_BLOCKS,
};

declare_rule! {
    pub struct UnknownArgument: "COG010", "unknown-argument", Error, Both,
    "an argument or block the resource does not have (a typo, or one from the other client type)"
}

impl Check for UnknownArgument {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let kind = cx.kind;
        let body = cx.body();
        let resource = kind.resource_type();
        for attr in &body.attrs {
            let name = attr.name.as_str();
            if arguments(kind).any(|(n, _)| n == name) || META_ARGUMENTS.contains(&name) {
                continue;
            }
            let diag = if read_only(kind).contains(&name) {
                let diag = Diag::new(
                    attr.key_span,
                    format!("`{name}` is read-only on {resource}"),
                )
                .help(format!("remove it; the provider computes `{name}`"));
                match is_native(attr.key_span, name) {
                    // Terraform rejects it today: removing it changes nothing that works.
                    true => diag
                        .replace(argument_span(attr), "")
                        .fix_as(Applicability::Safe, format!("remove `{name}`")),
                    false => diag,
                }
            } else {
                let diag = Diag::new(
                    attr.key_span,
                    format!("{resource} has no argument `{name}`"),
                );
                match suggestion(kind, name, body) {
                    _ if !is_native(attr.key_span, name) => {
                        diag.help(suggestion(kind, name, body).help())
                    }
                    Suggestion::Remove(help) => diag
                        .help(help)
                        .replace(argument_span(attr), "")
                        .fix_as(Applicability::Safe, format!("remove `{name}`")),
                    Suggestion::Rename(help, to) => diag
                        .help(format!("{help}{}", then_read(to)))
                        .replace(attr.key_span, to)
                        .may_raise(readers(to))
                        .fix_as(
                            rename(name, to, arguments(kind).map(|(n, _)| n)),
                            format!("rename to `{to}`"),
                        ),
                    Suggestion::Advice(help) => diag.help(help),
                }
            };
            out.push(diag);
        }
        for block in &body.blocks {
            let name = block.name.as_str();
            if META_BLOCKS.contains(&name) && !block.dynamic {
                continue;
            }
            match block_arguments(name) {
                Some(args) => {
                    if let Ok(inner) = &block.body {
                        check_block_body(name, args, inner, out);
                    }
                }
                None => {
                    let names = BLOCKS.iter().map(|(n, _)| *n);
                    let diag = Diag::new(
                        block.ident_span,
                        format!("{resource} has no block `{name}`"),
                    );
                    out.push(match closest(name, names) {
                        Some(s) if is_set(body, s) => diag.help(already_set(s)),
                        // A `dynamic` block's label is the name; its ident is `dynamic`.
                        Some(s) if !block.dynamic && is_native(block.ident_span, &block.name) => diag
                            .help(format!("did you mean `{s}`?{}", then_read(s)))
                            .replace(block.ident_span, s)
                            .may_raise(readers(s))
                            .fix_as(rename(name, s, BLOCKS.iter().map(|(n, _)| *n)), format!("rename to `{s}`")),
                        Some(s) => diag.help(format!("did you mean `{s}`?")),
                        None => diag.help(format!("{resource} has the blocks `analytics_configuration`, `refresh_token_rotation` and `token_validity_units`")),
                    });
                }
            }
        }
    }
}

fn check_block_body(
    block: &str,
    args: &[(&str, crate::schema::ArgType)],
    body: &BodyView,
    out: &mut Vec<Diag>,
) {
    for attr in &body.attrs {
        if args.iter().any(|(n, _)| *n == attr.name) {
            continue;
        }
        let candidates = args.iter().map(|(n, _)| *n);
        let diag = Diag::new(
            attr.key_span,
            format!("`{block}` has no argument `{}`", attr.name),
        );
        out.push(match closest(&attr.name, candidates) {
            Some(s) if is_set(body, s) => diag.help(already_set(s)),
            Some(s) if !is_native(attr.key_span, &attr.name) => {
                diag.help(format!("did you mean `{s}`?"))
            }
            Some(s) => diag
                .help(format!("did you mean `{s}`?{}", then_read(s)))
                .replace(attr.key_span, s.to_string())
                .may_raise(readers(s))
                .fix_as(
                    rename(&attr.name, s, args.iter().map(|(n, _)| *n)),
                    format!("rename to `{s}`"),
                ),
            None => diag.help(format!(
                "`{block}` takes {}",
                args.iter()
                    .map(|(n, _)| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        });
    }
    for inner in &body.blocks {
        out.push(
            Diag::new(
                inner.ident_span,
                format!("`{block}` has no nested block `{}`", inner.name),
            )
            .help(format!("`{block}` holds only arguments")),
        );
    }
}

/// The rules that read an argument or block once a rename gives it its right name (before,
/// no rule read the misspelt one).
fn readers(name: &str) -> &'static [&'static str] {
    match name {
        "token_validity_units" => &["COG001", "COG002", "COG004", "COG208", "COG211"],
        "access_token_validity" | "id_token_validity" | "refresh_token_validity" => {
            &["COG001", "COG002", "COG208", "COG211"]
        }
        "access_token" | "id_token" | "refresh_token" => &["COG001", "COG004", "COG208", "COG211"],
        _ => &[],
    }
}

/// What the help adds when the renamed value is then checked.
fn then_read(name: &str) -> String {
    match readers(name) {
        [] => String::new(),
        codes => format!(
            " (once renamed, it is checked like any other: {})",
            codes.join(", ")
        ),
    }
}

/// The help when the name meant is set already: a rename would set it twice (COG009).
fn already_set(name: &str) -> String {
    format!("did you mean `{name}`? it is set already: keep one of the two")
}

/// Whether the body already sets `name`: a rename onto it would set it twice (COG009).
fn is_set(body: &BodyView, name: &str) -> bool {
    body.attrs.iter().any(|a| a.name == name) || body.blocks.iter().any(|b| b.name == name)
}

/// What the help proposes for an unknown argument.
/// Terraform rejects the name today: the one close name is what was meant (safe); with another
/// as close, the choice is a guess.
fn rename<'a>(name: &str, to: &str, names: impl IntoIterator<Item = &'a str>) -> Applicability {
    match is_unambiguous(name, names, to) {
        true => Applicability::Safe,
        false => Applicability::Unsafe,
    }
}

enum Suggestion {
    Remove(String),
    /// The help, and the name to write instead.
    Rename(String, &'static str),
    Advice(String),
}

impl Suggestion {
    fn help(self) -> String {
        match self {
            Suggestion::Remove(h) | Suggestion::Rename(h, _) | Suggestion::Advice(h) => h,
        }
    }
}

fn suggestion(kind: ClientKind, name: &str, body: &BodyView) -> Suggestion {
    let other = match kind {
        ClientKind::UserPoolClient => ClientKind::ManagedUserPoolClient,
        ClientKind::ManagedUserPoolClient => ClientKind::UserPoolClient,
    };
    if name == "generate_secret" && kind == ClientKind::ManagedUserPoolClient {
        return Suggestion::Remove("the managed client adopts an existing app client and cannot create a secret; remove `generate_secret`".into());
    }
    if arguments(other).any(|(n, _)| n == name) {
        let belongs = format!("`{name}` belongs to {}", other.resource_type());
        return match kind {
            ClientKind::ManagedUserPoolClient => {
                Suggestion::Advice(format!("{belongs}; use `name_prefix` or `name_pattern`"))
            }
            ClientKind::UserPoolClient if is_set(body, "name") => {
                Suggestion::Remove(format!("{belongs}; remove it, `name` is set"))
            }
            ClientKind::UserPoolClient => {
                Suggestion::Rename(format!("{belongs}; use `name`"), "name")
            }
        };
    }
    let candidates = arguments(kind)
        .map(|(n, _)| n)
        .chain(BLOCKS.iter().map(|(n, _)| *n));
    match closest(name, candidates) {
        Some(s) if is_set(body, s) => Suggestion::Advice(already_set(s)),
        // A block name is no argument: renaming `x = ...` to a block name is not a block.
        Some(s) if BLOCKS.iter().any(|(b, _)| *b == s) => {
            Suggestion::Advice(format!("did you mean the block `{s} {{ ... }}`?"))
        }
        Some(s) => Suggestion::Rename(format!("did you mean `{s}`?"), s),
        None => {
            Suggestion::Advice("see the provider's documentation for the arguments it takes".into())
        }
    }
}
