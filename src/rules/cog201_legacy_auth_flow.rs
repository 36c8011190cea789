use super::{Ctx, Rule, RuleMeta, LEGACY_FLOWS};
use crate::extract::Known;
use crate::finding::Diag;

pub struct LegacyAuthFlow;

static META: RuleMeta = rule_meta!(
    "COG201",
    "legacy-auth-flow",
    Warning,
    Both,
    "a legacy `explicit_auth_flows` value; use its `ALLOW_*` replacement"
);

impl Rule for LegacyAuthFlow {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

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
