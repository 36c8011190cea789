use super::edits::{append, offer};
use super::{declare_rule, is_legacy_flow, Check, Ctx};
use crate::extract::Known;
use crate::finding::{Applicability, Diag};

declare_rule! {
    pub struct RefreshTokenFlowMissing: "COG207", "refresh-token-flow-missing", Warning, Both,
    "`explicit_auth_flows` without `ALLOW_REFRESH_TOKEN_AUTH`: sessions cannot be refreshed"
}

impl Check for RefreshTokenFlowMissing {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let Known::Value(flows) = cx.body().list("explicit_auth_flows") else {
            return;
        };
        if flows.is_empty() || !flows.is_fully_known() {
            return;
        }
        if flows.known().any(|(f, _)| is_legacy_flow(f))
            || flows.contains("ALLOW_REFRESH_TOKEN_AUTH")
        {
            return;
        }
        out.push(offer(
            Diag::new(flows.span, "explicit_auth_flows lacks ALLOW_REFRESH_TOKEN_AUTH")
                .help("add `\"ALLOW_REFRESH_TOKEN_AUTH\"`; without it apps cannot refresh tokens (AWS has rejected such lists: \"REFRESH_TOKEN_AUTH should always be allowed\")"),
            append(&flows, ["ALLOW_REFRESH_TOKEN_AUTH"]),
        )
        // AWS rejects `ALLOW_*` lists without it: the list fails today.
        .fix_as(Applicability::Safe, "add `\"ALLOW_REFRESH_TOKEN_AUTH\"`"));
    }
}
