use super::{Ctx, Rule, RuleMeta};
use crate::extract::Known;
use crate::finding::Diag;

pub struct TokenRevocationDisabled;

static META: RuleMeta = rule_meta!(
    "COG205",
    "token-revocation-disabled",
    Warning,
    Both,
    "`enable_token_revocation = false`: refresh tokens cannot be revoked"
);

impl Rule for TokenRevocationDisabled {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        if let Known::Value(v) = cx.body().boolean("enable_token_revocation") {
            if !v.value {
                out.push(
                    Diag::new(v.span, "token revocation is disabled")
                        .help("remove the argument or set `enable_token_revocation = true`, so that signed-out sessions cannot be refreshed"),
                );
            }
        }
    }
}
