use super::{Ctx, Rule, RuleMeta};
use crate::extract::Known;
use crate::finding::Diag;

pub struct ImplicitGrant;

static META: RuleMeta = rule_meta!(
    "COG203",
    "implicit-grant",
    Warning,
    Both,
    "the implicit grant returns tokens in the URL; use `code` with PKCE"
);

impl Rule for ImplicitGrant {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let Known::Value(flows) = cx.body().list("allowed_oauth_flows") else {
            return;
        };
        if let Some(span) = flows.find("implicit") {
            out.push(
                Diag::new(
                    span,
                    "the implicit grant returns tokens in the URL fragment",
                )
                .help("use the `code` flow with PKCE instead"),
            );
        }
    }
}
