use super::edits::{offer, set_written};
use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::{Applicability, Diag};

declare_rule! {
    pub struct UserAuthRequiresEssentialsTier: "COG113", "user-auth-requires-essentials-tier", Error, Both,
    "`ALLOW_USER_AUTH` on a client of a user pool on the Lite tier"
}

impl Check for UserAuthRequiresEssentialsTier {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let Known::Value(flows) = cx.body().list("explicit_auth_flows") else {
            return;
        };
        let Some(span) = flows.find("ALLOW_USER_AUTH") else {
            return;
        };
        let Some(pool) = cx.module.user_pool_of(cx.client) else {
            return;
        };
        let Known::Value(tier) = pool.body.string("user_pool_tier") else {
            return;
        };
        if tier.value == "LITE" {
            // The edit is in the pool's block: offered only when it is in the client's file (a
            // replacement edits one file).
            let same_file = tier.span.file == cx.client.file;
            out.push(offer(
                Diag::new(span, "ALLOW_USER_AUTH needs the user pool on the Essentials tier or higher")
                    .label(tier.span, "the pool is on the Lite tier")
                    .help("set `user_pool_tier = \"ESSENTIALS\"` on the pool, or remove ALLOW_USER_AUTH; AWS fails with FeatureUnavailableInTierException"),
                set_written(&pool.body, "user_pool_tier", "\"ESSENTIALS\"").filter(|_| same_file),
            )
            // A tier costs money: the user decides.
            .fix_as(Applicability::Unsafe, "set `user_pool_tier = \"ESSENTIALS\"`"));
        }
    }
}
