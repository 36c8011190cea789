use super::suggest::closest;
use super::{declare_rule, Check, Ctx};
use crate::extract::BodyView;
use crate::finding::Diag;
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
                Diag::new(
                    attr.key_span,
                    format!("`{name}` is read-only on {resource}"),
                )
                .help(format!("remove it; the provider computes `{name}`"))
            } else {
                Diag::new(
                    attr.key_span,
                    format!("{resource} has no argument `{name}`"),
                )
                .help(suggestion(kind, name))
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
                    if let Some(inner) = &block.body {
                        check_block_body(name, args, inner, out);
                    }
                }
                None => {
                    let names = BLOCKS.iter().map(|(n, _)| *n);
                    let help = match closest(name, names) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!("{resource} has the blocks `analytics_configuration`, `refresh_token_rotation` and `token_validity_units`"),
                    };
                    out.push(
                        Diag::new(
                            block.ident_span,
                            format!("{resource} has no block `{name}`"),
                        )
                        .help(help),
                    );
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
        let help = match closest(&attr.name, args.iter().map(|(n, _)| *n)) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!(
                "`{block}` takes {}",
                args.iter()
                    .map(|(n, _)| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        out.push(
            Diag::new(
                attr.key_span,
                format!("`{block}` has no argument `{}`", attr.name),
            )
            .help(help),
        );
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

fn suggestion(kind: ClientKind, name: &str) -> String {
    let other = match kind {
        ClientKind::UserPoolClient => ClientKind::ManagedUserPoolClient,
        ClientKind::ManagedUserPoolClient => ClientKind::UserPoolClient,
    };
    if name == "generate_secret" && kind == ClientKind::ManagedUserPoolClient {
        return "the managed client adopts an existing app client and cannot create a secret; remove `generate_secret`".into();
    }
    if arguments(other).any(|(n, _)| n == name) {
        let alternative = match kind {
            ClientKind::ManagedUserPoolClient => "use `name_prefix` or `name_pattern`",
            ClientKind::UserPoolClient => "use `name`",
        };
        return format!(
            "`{name}` belongs to {}; {alternative}",
            other.resource_type()
        );
    }
    let candidates = arguments(kind)
        .map(|(n, _)| n)
        .chain(BLOCKS.iter().map(|(n, _)| *n));
    match closest(name, candidates) {
        Some(s) => format!("did you mean `{s}`?"),
        None => "see the provider's documentation for the arguments it takes".into(),
    }
}
