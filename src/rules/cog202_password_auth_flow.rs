use super::{declare_rule, is_legacy_flow, Check, Ctx, PASSWORD_FLOWS};
use crate::extract::Known;
use crate::finding::Diag;

declare_rule! {
    pub struct PasswordAuthFlow: "COG202", "password-auth-flow", Warning, Both,
    "an auth flow that sends the password itself instead of an SRP proof"
}

impl Check for PasswordAuthFlow {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let Known::Value(flows) = cx.body().list("explicit_auth_flows") else {
            return;
        };
        for (flow, span) in flows.known() {
            if !PASSWORD_FLOWS.contains(&flow) {
                continue;
            }
            // Advice, not a replacement: SRP changes how apps sign in, and a legacy value gets
            // its `ALLOW_*` twin from COG201 or COG102 first.
            let help = if is_legacy_flow(flow) {
                "replace the legacy value as COG201 or COG102 says, then prefer `ALLOW_USER_SRP_AUTH` where apps can use SRP: it proves the password without sending it"
            } else {
                "prefer `ALLOW_USER_SRP_AUTH` where apps can use SRP: it proves the password without sending it"
            };
            out.push(
                Diag::new(
                    span,
                    format!("`{flow}` sends the user's password to Cognito"),
                )
                .help(help),
            );
        }
    }
}
