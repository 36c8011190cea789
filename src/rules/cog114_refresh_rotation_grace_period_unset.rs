use super::edits::{offer, set_attr};
use super::{declare_rule, Check, Ctx};
use crate::extract::BlockArg;
use crate::finding::{Applicability, Diag};

declare_rule! {
    pub struct RefreshRotationGracePeriodUnset: "COG114", "refresh-rotation-grace-period-unset", Error, Both,
    "`refresh_token_rotation` without `retry_grace_period_seconds` fails after apply"
}

impl Check for RefreshRotationGracePeriodUnset {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let BlockArg::Present(block, rotation) = cx.body().block("refresh_token_rotation") else {
            return;
        };
        if rotation.is_unset("retry_grace_period_seconds") {
            out.push(offer(
                Diag::new(block.ident_span, "`refresh_token_rotation` does not set `retry_grace_period_seconds`")
                    .help("set `retry_grace_period_seconds = 0` (AWS's own value; up to 60 to let a client retry with the old refresh token): AWS returns 0 and the provider fails with \"Provider produced inconsistent result after apply\""),
                set_attr(rotation, "    ", "retry_grace_period_seconds", "0"),
            )
            // What AWS stores anyway, written out.
            .fix_as(Applicability::Safe, "set `retry_grace_period_seconds = 0`"));
        }
    }
}
