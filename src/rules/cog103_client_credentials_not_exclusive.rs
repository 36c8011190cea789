use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::Diag;

declare_rule! {
    pub struct ClientCredentialsNotExclusive: "COG103", "client-credentials-not-exclusive", Error, Both,
    "`client_credentials` is combined with `code` or `implicit`"
}

impl Check for ClientCredentialsNotExclusive {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let Known::Value(flows) = cx.body().list("allowed_oauth_flows") else {
            return;
        };
        let Some(cc) = flows.find("client_credentials") else {
            return;
        };
        let others: Vec<_> = flows
            .known()
            .filter(|(f, _)| matches!(*f, "code" | "implicit"))
            .collect();
        if others.is_empty() {
            return;
        }
        let mut diag = Diag::new(
            cc,
            "client_credentials must be the only OAuth flow of a client",
        );
        for (flow, span) in &others {
            diag = diag.label(*span, format!("`{flow}` set here"));
        }
        out.push(diag.help(
            "use one client for machine-to-machine access (client_credentials) and another for users (code)",
        ));
    }
}
