use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::Diag;

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
        let diag = match cx.body().boolean("generate_secret") {
            Known::Value(s) if s.value => return,
            Known::Value(s) => diag.label(s.span, "no secret"),
            Known::Unset => diag.primary("the client has no secret"),
            Known::Unknown => return,
        };
        out.push(diag.help(
            "set `generate_secret = true` (it replaces the client: a new client ID and secret)",
        ));
    }
}
