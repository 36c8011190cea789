use super::{declare_rule, Check, Ctx, STANDARD_SCOPES};
use crate::extract::Known;
use crate::finding::Diag;

declare_rule! {
    pub struct ClientCredentialsStandardScope: "COG105", "client-credentials-standard-scope", Error, Both,
    "`client_credentials` with a standard scope; only resource-server scopes work"
}

impl Check for ClientCredentialsStandardScope {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let Known::Value(flows) = cx.body().list("allowed_oauth_flows") else {
            return;
        };
        let Some(cc) = flows.find("client_credentials") else {
            return;
        };
        let Known::Value(scopes) = cx.body().list("allowed_oauth_scopes") else {
            return;
        };
        for (scope, span) in scopes.known() {
            if STANDARD_SCOPES.contains(&scope) {
                out.push(
                    Diag::new(span, format!("{scope} is not supported with client_credentials flow"))
                        .label(cc, "client_credentials set here")
                        .help("client_credentials only issues resource-server scopes (`identifier/scope`); remove the standard scopes"),
                );
            }
        }
    }
}
