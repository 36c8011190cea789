use super::edits::{offer, set_attr, set_written};
use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::{Applicability, Diag};

declare_rule! {
    pub struct ClientCredentialsWithoutSecret: "COG104", "client-credentials-without-secret", Error, UserPoolClientOnly,
    "`client_credentials` on a client without `generate_secret = true`"
}

impl Check for ClientCredentialsWithoutSecret {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let Known::Value(flows) = cx.body().list("allowed_oauth_flows") else {
            return;
        };
        let Some(cc) = flows.find("client_credentials") else {
            return;
        };
        let diag = Diag::new(
            cc,
            "client_credentials flow can not be selected if client does not have a client secret",
        );
        let (diag, edit) = match cx.body().boolean("generate_secret") {
            Known::Value(s) if s.value => return,
            Known::Value(s) => (
                diag.label(s.span, "no secret"),
                set_written(cx.body(), "generate_secret", "true"),
            ),
            Known::Unset => (
                diag.primary("the client has no secret"),
                set_attr(cx.body(), "  ", "generate_secret", "true"),
            ),
            Known::Unknown => return,
        };
        // A new client, with a new ID and secret every app must be given.
        out.push(
            offer(diag.help(GENERATE_SECRET_HELP), edit)
                .fix_as(Applicability::Unsafe, "set `generate_secret = true`"),
        );
    }
}

/// `generate_secret` is ForceNew: the change is not in place, and apps must get the new ID.
pub(super) const GENERATE_SECRET_HELP: &str = "set `generate_secret = true`; `generate_secret` forces a new client: Terraform destroys this one and creates another, with a new client ID and a new secret, so every app using the client must be given both";
