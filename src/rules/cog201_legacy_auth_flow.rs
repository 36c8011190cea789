use super::{declare_rule, Check, Ctx, LEGACY_FLOWS};
use crate::extract::Known;
use crate::finding::Diag;

declare_rule! {
    pub struct LegacyAuthFlow: "COG201", "legacy-auth-flow", Warning, Both,
    "a legacy `explicit_auth_flows` value; use its `ALLOW_*` replacement"
}

impl Check for LegacyAuthFlow {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let Known::Value(flows) = cx.body().list("explicit_auth_flows") else {
            return;
        };
        for (flow, span) in flows.known() {
            if let Some((_, replacement)) = LEGACY_FLOWS.iter().find(|(l, _)| *l == flow) {
                out.push(
                    Diag::new(span, format!("`{flow}` is a legacy auth flow value"))
                        .help(format!(
                            "replace it with `{replacement}`, and add `ALLOW_REFRESH_TOKEN_AUTH` (and `ALLOW_USER_SRP_AUTH` if apps sign in with SRP)"
                        )),
                );
            }
        }
    }
}
