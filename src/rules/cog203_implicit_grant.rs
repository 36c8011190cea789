use super::edits::{offer, rewrite};
use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::Diag;

declare_rule! {
    pub struct ImplicitGrant: "COG203", "implicit-grant", Warning, Both,
    "the implicit grant returns tokens in the URL; use `code` with PKCE"
}

impl Check for ImplicitGrant {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let Known::Value(flows) = cx.body().list("allowed_oauth_flows") else {
            return;
        };
        if let Some(span) = flows.find("implicit") {
            // `implicit` becomes `code`, once: both need callback URLs, and `client_credentials`
            // excludes both (COG103), so nothing else changes.
            let mut flows_after: Vec<&str> = Vec::new();
            for (flow, _) in flows.known() {
                let flow = if flow == "implicit" { "code" } else { flow };
                if !flows_after.contains(&flow) {
                    flows_after.push(flow);
                }
            }
            out.push(offer(
                Diag::new(
                    span,
                    "the implicit grant returns tokens in the URL fragment",
                )
                .help("use the `code` flow with PKCE instead (the app then exchanges the code for tokens)"),
                rewrite(&flows, flows_after),
            ));
        }
    }
}
