use super::{declare_rule, Check, Ctx};
use crate::extract::{BlockArg, Known};
use crate::finding::Diag;

declare_rule! {
    pub struct MissingRequiredArgument: "COG011", "missing-required-argument", Error, Both,
    "a required argument is missing (`name`, `user_pool_id`, a name selector, `feature`)"
}

impl Check for MissingRequiredArgument {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let body = cx.body();
        let labels = cx.client.labels_span;
        let resource = cx.kind.resource_type();
        let mut required = vec!["user_pool_id"];
        if !cx.is_managed() {
            required.insert(0, "name");
        }
        for name in required {
            if body.is_unset(name) {
                out.push(
                    Diag::new(labels, format!("{resource} requires `{name}`"))
                        .primary(format!("`{name}` is missing"))
                        .help(format!("set `{name}`")),
                );
            }
        }
        if cx.is_managed() {
            // Set even when the value is not known (see `BodyView::set_at`).
            let prefix = body.set_at("name_prefix");
            let pattern = body.set_at("name_pattern");
            match (&prefix, &pattern) {
                (Known::Unset, Known::Unset) => out.push(
                    Diag::new(
                        labels,
                        format!("{resource} requires `name_prefix` or `name_pattern`"),
                    )
                    .primary("no name selector")
                    .help(
                        "set `name_prefix` (or `name_pattern`) to the name of the client to adopt",
                    ),
                ),
                (Known::Value(p), Known::Value(n)) => out.push(
                    Diag::new(
                        *n,
                        "set exactly one of `name_prefix` and `name_pattern`, not both",
                    )
                    .label(*p, "name_prefix set here")
                    .help("remove `name_pattern` or `name_prefix`"),
                ),
                _ => {}
            }
        }
        if let BlockArg::Present(block, rotation) = body.block("refresh_token_rotation") {
            if rotation.is_unset("feature") {
                out.push(
                    Diag::new(
                        block.ident_span,
                        "`refresh_token_rotation` requires `feature`",
                    )
                    .help("set `feature = \"ENABLED\"` or `feature = \"DISABLED\"`"),
                );
            }
        }
    }
}
