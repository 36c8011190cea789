use super::edits::is_own;
use super::{declare_rule, Check, Ctx, BUILT_IN_PROVIDERS};
use crate::extract::{Known, Resource};
use crate::finding::{quoted, Applicability, Diag, Severity};

declare_rule! {
    pub struct InvalidIdentityProvider: "COG110", "invalid-identity-provider", Error, Both,
    "an identity provider name in the wrong case, or one that may not exist yet when the client is created"
}

impl Check for InvalidIdentityProvider {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let Known::Value(providers) = cx.body().list("supported_identity_providers") else {
            return;
        };
        let client_refs: Vec<&String> = cx.body().attrs.iter().flat_map(|a| &a.refs).collect();
        let unreferenced = |idp: &Resource| !client_refs.iter().any(|r| **r == idp.address());
        // An identity provider declared in this module, by its (known) provider_name.
        let declared = |name: &str| {
            cx.module.of_type("aws_cognito_identity_provider").find(|idp| {
                matches!(idp.body.string("provider_name"), Known::Value(n) if n.value == name)
            })
        };
        for (name, span) in providers.known() {
            // The only provider every pool has. The social built-ins need their provider created
            // in the pool too, so they race like a SAML or OIDC one.
            if name == "COGNITO" {
                continue;
            }
            if let Some(idp) = declared(name) {
                if !unreferenced(idp) {
                    continue;
                }
                let Known::Value(provider_name) = idp.body.string("provider_name") else {
                    continue;
                };
                let address = idp.address();
                let diag = Diag::new(span, format!("the client may be created before identity provider `{name}`"))
                    .label(provider_name.span, "provider defined here")
                    .help(format!(
                        "use `{address}.provider_name` instead of the literal (or add `depends_on = [{address}]`), so that the provider exists first; otherwise AWS may fail with \"The provider {name} does not exist for User Pool\""
                    ))
                    .at_most(Severity::Warning);
                out.push(match reference(idp) {
                    // The same name, read from the provider: only the order of creation changes.
                    Some(reference) if is_own(&providers, span) => diag
                        .replace(span, reference.clone())
                        .fix_as(Applicability::Safe, format!("replace with `{reference}`")),
                    _ => diag,
                });
                continue;
            }
            if BUILT_IN_PROVIDERS.contains(&name) {
                continue;
            }
            let Some(builtin) = BUILT_IN_PROVIDERS
                .iter()
                .find(|b| b.eq_ignore_ascii_case(name))
            else {
                continue;
            };
            let diag = Diag::new(
                span,
                format!("`{name}` is not a provider name; built-in names are case-sensitive"),
            );
            // The right spelling of a provider declared here would race with it: reference it.
            let replacement = match declared(builtin).filter(|idp| unreferenced(idp)) {
                Some(idp) => reference(idp).map(|r| {
                    (
                        format!("did you mean `{builtin}`? reference the provider this module declares: `{r}`"),
                        r,
                    )
                }),
                None => Some((format!("did you mean `\"{builtin}\"`?"), quoted(builtin))),
            };
            out.push(match replacement {
                // Built-in names are case-sensitive: AWS rejects the spelling today.
                Some((help, text)) if is_own(&providers, span) => {
                    let message = format!("replace with `{text}`");
                    diag.help(help)
                        .replace(span, text)
                        .fix_as(Applicability::Safe, message)
                }
                Some((help, _)) => diag.help(help),
                None => diag.help(format!("did you mean `\"{builtin}\"`?")),
            });
        }
    }
}

/// `address.provider_name`, for a provider declared once (with `count` or `for_each` the
/// reference needs an instance key the linter cannot choose).
fn reference(idp: &Resource) -> Option<String> {
    let repeated = ["count", "for_each"]
        .iter()
        .any(|a| idp.body.attr(a).is_some());
    (!repeated).then(|| format!("{}.provider_name", idp.address()))
}
