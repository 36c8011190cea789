use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::Diag;

declare_rule! {
    pub struct UserExistenceErrorsNotPrevented: "COG204", "user-existence-errors-not-prevented", Warning, Both,
    "`prevent_user_existence_errors` unset or `LEGACY`, which lets anyone enumerate users"
}

impl Check for UserExistenceErrorsNotPrevented {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let help = "set `prevent_user_existence_errors = \"ENABLED\"`";
        match cx.body().string("prevent_user_existence_errors") {
            Known::Unset => out.push(
                Diag::new(
                    cx.client.labels_span,
                    "user existence errors are not prevented",
                )
                .primary("`prevent_user_existence_errors` is not set, so AWS uses LEGACY")
                .help(help),
            ),
            Known::Value(v) if v.value == "LEGACY" => out.push(
                Diag::new(v.span, "user existence errors are not prevented")
                    .primary("LEGACY reveals whether a user exists")
                    .help(help),
            ),
            _ => {}
        }
    }
}
