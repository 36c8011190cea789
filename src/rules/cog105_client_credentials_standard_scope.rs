use super::edits::{list_text, offer_all, remove_items};
use super::{declare_rule, Check, Ctx, STANDARD_SCOPES};
use crate::extract::Known;
use crate::finding::{Applicability, Diag};

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
        // Every finding of the list offers the same change: the list without its standard
        // scopes. Without any scope left, OAuth would lack scopes (COG106): no change then.
        let kept: Vec<&str> = scopes
            .known()
            .map(|(s, _)| s)
            .filter(|s| !STANDARD_SCOPES.contains(s))
            .collect();
        let (help, edit) = if kept.is_empty() || !scopes.is_fully_known() {
            ("client_credentials only issues resource-server scopes (`identifier/name`): replace the standard scopes with the resource server's (removing them all would leave `allowed_oauth_scopes` empty, COG106)".to_string(), None)
        } else {
            (
                format!("client_credentials only issues resource-server scopes (`identifier/name`): remove the standard scopes, `allowed_oauth_scopes = {}`", list_text(kept.iter().copied())),
                remove_items(
                    &scopes,
                    &scopes
                        .items
                        .iter()
                        .enumerate()
                        .filter(|(_, i)| i.value.as_deref().is_some_and(|s| STANDARD_SCOPES.contains(&s)))
                        .map(|(n, _)| n)
                        .collect::<Vec<_>>(),
                ),
            )
        };
        for (scope, span) in scopes.known() {
            if STANDARD_SCOPES.contains(&scope) {
                let diag = Diag::new(
                    span,
                    format!("{scope} is not supported with client_credentials flow"),
                )
                .label(cc, "client_credentials set here")
                .help(help.clone());
                // AWS rejects the scopes with `client_credentials` today.
                out.push(
                    offer_all(diag, edit.clone())
                        .fix_as(Applicability::Safe, "remove the standard scopes"),
                );
            }
        }
    }
}
