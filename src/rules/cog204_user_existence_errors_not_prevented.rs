use super::edits::{offer, set_attr, set_written};
use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::{Applicability, Diag, Severity};

declare_rule! {
    pub struct UserExistenceErrorsNotPrevented: "COG204", "user-existence-errors-not-prevented", Warning, Both,
    "`prevent_user_existence_errors` unset or `LEGACY`, which lets anyone enumerate users"
}

/// Apps that show "user not found" then get a generic error instead: behaviour changes.
const FIX: &str = "set `prevent_user_existence_errors = \"ENABLED\"`";

impl Check for UserExistenceErrorsNotPrevented {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let help = "set `prevent_user_existence_errors = \"ENABLED\"`";
        match cx.body().string("prevent_user_existence_errors") {
            // A managed client was created by another service (OpenSearch, for example), which
            // chose the setting; Terraform leaves it as it is when the argument is unset.
            Known::Unset if cx.is_managed() => out.push(offer(
                Diag::new(cx.client.labels_span, "user existence errors may not be prevented")
                    .primary("`prevent_user_existence_errors` is not set, so the client keeps what the service that created the client chose")
                    .help(format!("{help} to be sure"))
                    .at_most(Severity::Info),
                set_attr(cx.body(), "  ", "prevent_user_existence_errors", "\"ENABLED\""),
            )
            .fix_as(Applicability::Unsafe, FIX)),
            Known::Unset => out.push(offer(
                Diag::new(
                    cx.client.labels_span,
                    "user existence errors are not prevented",
                )
                .primary("`prevent_user_existence_errors` is not set, so AWS uses LEGACY")
                .help(help),
                set_attr(cx.body(), "  ", "prevent_user_existence_errors", "\"ENABLED\""),
            )
            .fix_as(Applicability::Unsafe, FIX)),
            Known::Value(v) if v.value == "LEGACY" => out.push(offer(
                Diag::new(v.span, "user existence errors are not prevented")
                    .primary("LEGACY reveals whether a user exists")
                    .help(help),
                set_written(cx.body(), "prevent_user_existence_errors", "\"ENABLED\""),
            )
            .fix_as(Applicability::Unsafe, FIX)),
            _ => {}
        }
    }
}
