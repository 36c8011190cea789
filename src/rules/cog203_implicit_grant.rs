use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::Diag;

declare_rule! {
    pub struct ImplicitGrant: "COG203", "implicit-grant", Warning, Both,
    "the implicit grant returns tokens in the URL; use `code` with PKCE"
}

impl Check for ImplicitGrant {
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
