use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::Diag;

declare_rule! {
    pub struct ContextDataWithoutSecret: "COG112", "context-data-without-secret", Error, UserPoolClientOnly,
    "`enable_propagate_additional_user_context_data` on a client without a secret"
}

impl Check for ContextDataWithoutSecret {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let Known::Value(flag) = cx
            .body()
            .boolean("enable_propagate_additional_user_context_data")
        else {
            return;
        };
        if !flag.value {
            return;
        }
        let diag = Diag::new(
            flag.span,
            "additional user context data needs a client with a secret",
        );
        let diag = match cx.body().boolean("generate_secret") {
            Known::Value(s) if s.value => return,
            Known::Value(s) => diag.label(s.span, "no secret"),
            Known::Unset => diag,
            Known::Unknown => return,
        };
        out.push(diag.help("set `generate_secret = true` (it forces a new client: Terraform destroys this one and creates another, with a new client ID and a new secret), or remove `enable_propagate_additional_user_context_data`"));
    }
}
