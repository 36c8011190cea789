use super::edits::{offer_all, remove_items, replace_item};
use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::{Applicability, Diag};

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
            // `implicit` becomes `code`, or goes when `code` is there: both need callback URLs,
            // and `client_credentials` excludes both (COG103), so nothing else changes.
            let at: Vec<usize> = flows
                .items
                .iter()
                .enumerate()
                .filter(|(_, i)| i.value.as_deref() == Some("implicit"))
                .map(|(n, _)| n)
                .collect();
            let edits = if flows.contains("code") || at.len() > 1 {
                if flows.contains("code") {
                    remove_items(&flows, &at)
                } else {
                    let code = replace_item(&flows, flows.items[at[0]].span, "code");
                    remove_items(&flows, &at[1..])
                        .zip(code)
                        .map(|(mut e, code)| {
                            e.push(code);
                            e
                        })
                }
            } else {
                replace_item(&flows, span, "code").map(|e| vec![e])
            };
            out.push(offer_all(
                Diag::new(
                    span,
                    "the implicit grant returns tokens in the URL fragment",
                )
                .help("use the `code` flow with PKCE instead (the app then exchanges the code for tokens)"),
                edits,
            )
            // The app must then exchange a code for tokens.
            .fix_as(Applicability::Unsafe, "use the `code` flow"));
        }
    }
}
