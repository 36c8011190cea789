use super::edits::{offer, set_written};
use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::{Applicability, Diag};

declare_rule! {
    pub struct TokenRevocationDisabled: "COG205", "token-revocation-disabled", Warning, Both,
    "`enable_token_revocation = false`: refresh tokens cannot be revoked"
}

impl Check for TokenRevocationDisabled {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        if let Known::Value(v) = cx.body().boolean("enable_token_revocation") {
            if !v.value {
                out.push(offer(
                    Diag::new(v.span, "token revocation is disabled")
                        .help("remove the argument or set `enable_token_revocation = true`, so that signed-out sessions cannot be refreshed"),
                    set_written(cx.body(), "enable_token_revocation", "true"),
                )
                // Revocation adds an `origin_jti` claim and lets sign-out revoke tokens.
                .fix_as(Applicability::Unsafe, "set `enable_token_revocation = true`"));
            }
        }
    }
}
