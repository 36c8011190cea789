use super::{Ctx, Rule, RuleMeta};
use crate::extract::Known;
use crate::finding::Diag;

pub struct PasswordAuthFlow;

static META: RuleMeta = rule_meta!(
    "COG202",
    "password-auth-flow",
    Warning,
    Both,
    "an auth flow that sends the password itself instead of an SRP proof"
);

const PASSWORD_FLOWS: &[&str] = &[
    "ALLOW_USER_PASSWORD_AUTH",
    "USER_PASSWORD_AUTH",
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ADMIN_NO_SRP_AUTH",
];

impl Rule for PasswordAuthFlow {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

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
