use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::Diag;

declare_rule! {
    pub struct PasswordAuthFlow: "COG202", "password-auth-flow", Warning, Both,
    "an auth flow that sends the password itself instead of an SRP proof"
}

const PASSWORD_FLOWS: &[&str] = &[
    "ALLOW_USER_PASSWORD_AUTH",
    "USER_PASSWORD_AUTH",
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ADMIN_NO_SRP_AUTH",
];

impl Check for PasswordAuthFlow {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let Known::Value(flows) = cx.body().list("explicit_auth_flows") else {
            return;
        };
        for (flow, span) in flows.known() {
            if PASSWORD_FLOWS.contains(&flow) {
                out.push(
                    Diag::new(span, format!("`{flow}` sends the user's password to Cognito"))
                        .help("prefer `ALLOW_USER_SRP_AUTH`, which proves the password without sending it"),
                );
            }
        }
    }
}
