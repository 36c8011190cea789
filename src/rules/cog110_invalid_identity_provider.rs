use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::{Diag, Severity};

declare_rule! {
    pub struct InvalidIdentityProvider: "COG110", "invalid-identity-provider", Error, Both,
    "an identity provider name in the wrong case, or one that may not exist yet when the client is created"
}

const BUILT_IN: &[&str] = &[
    "COGNITO",
    "Facebook",
    "Google",
    "SignInWithApple",
    "LoginWithAmazon",
];

impl Check for InvalidIdentityProvider {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let Known::Value(providers) = cx.body().list("supported_identity_providers") else {
            return;
        };
        let client_refs: Vec<&String> = cx.body().attrs.iter().flat_map(|a| &a.refs).collect();
        for (name, span) in providers.known() {
            if BUILT_IN.contains(&name) {
                continue;
            }
            // A custom provider declared in this module, by its (known) provider_name.
            let declared = cx.module.of_type("aws_cognito_identity_provider").find(|idp| {
                matches!(idp.body.string("provider_name"), Known::Value(n) if n.value == name)
            });
            if let Some(idp) = declared {
                if !client_refs.iter().any(|r| **r == idp.address()) {
                    let Known::Value(provider_name) = idp.body.string("provider_name") else {
                        continue;
                    };
                    out.push(
                        Diag::new(span, format!("the client may be created before identity provider `{name}`"))
                            .label(provider_name.span, "provider defined here")
                            .help(format!(
                                "use `{}.provider_name` instead of the literal, or add `depends_on = [{}]`; otherwise AWS may fail with \"The provider {name} does not exist for User Pool\"",
                                idp.address(),
                                idp.address()
                            ))
                            .at_most(Severity::Warning),
                    );
                }
                continue;
            }
            if let Some(builtin) = BUILT_IN.iter().find(|b| b.eq_ignore_ascii_case(name)) {
                out.push(
                    Diag::new(
                        span,
                        format!(
                            "`{name}` is not a provider name; built-in names are case-sensitive"
                        ),
                    )
                    .help(format!("did you mean `\"{builtin}\"`?")),
                );
            }
        }
    }
}
