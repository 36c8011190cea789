use super::{allow_twin, declare_rule, list_text, modern_flows, password_note, Check, Ctx};
use crate::extract::Known;
use crate::finding::{Applicability, Diag};

declare_rule! {
    pub struct LegacyAuthFlow: "COG201", "legacy-auth-flow", Warning, Both,
    "a legacy `explicit_auth_flows` value; use its `ALLOW_*` replacement"
}

impl Check for LegacyAuthFlow {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let Known::Value(flows) = cx.body().list("explicit_auth_flows") else {
            return;
        };
        // A list with an `ALLOW_*` value is mixed: COG102 reports it (one mistake, one finding).
        if flows.known().any(|(f, _)| f.starts_with("ALLOW_")) {
            return;
        }
        let modern = modern_flows(&flows);
        let custom_only = flows.contains("CUSTOM_AUTH_FLOW_ONLY");
        for (flow, span) in flows.known() {
            let Some(twin) = allow_twin(flow) else {
                continue;
            };
            let mut help = match &modern {
                Some(modern) => format!(
                    "write `explicit_auth_flows = {}`: `{twin}` replaces `{flow}`",
                    list_text(modern)
                ),
                None => format!("replace it with `{twin}`"),
            };
            if !flows.contains("ALLOW_REFRESH_TOKEN_AUTH") {
                help.push_str(match modern {
                    Some(_) => ", with `ALLOW_REFRESH_TOKEN_AUTH` added",
                    None => ", and add `ALLOW_REFRESH_TOKEN_AUTH`",
                });
                help.push_str(" (AWS rejects `ALLOW_*` lists without it)");
            }
            if !custom_only {
                help.push_str("; add `ALLOW_USER_SRP_AUTH` too if apps sign in with SRP");
            }
            if let Some(note) = modern.as_deref().and_then(password_note) {
                help.push_str(&format!("; {note}"));
            }
            let diag = Diag::new(span, format!("`{flow}` is a legacy auth flow value")).help(help);
            out.push(match &modern {
                // The `ALLOW_*` twins are what AWS reads the legacy values as.
                Some(modern) => diag.replace(flows.span, list_text(modern)).fix_as(
                    Applicability::Safe,
                    format!("write `explicit_auth_flows = {}`", list_text(modern)),
                ),
                None => diag,
            });
        }
    }
}
