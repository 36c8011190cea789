use super::edits::is_own;
use super::{declare_rule, suggest, Check, Ctx, BUILT_IN_PROVIDERS};
use crate::extract::Known;
use crate::finding::{Applicability, Diag};

declare_rule! {
    pub struct UnmatchedIdentityProvider: "COG213", "unmatched-identity-provider", Info, Both,
    "an identity provider name that none of the module's `aws_cognito_identity_provider`s has"
}

/// AWS caps a provider name at 32 characters; longer or empty names are COG006's.
const MAX_NAME: usize = 32;

impl Check for UnmatchedIdentityProvider {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let Known::Value(providers) = cx.body().list("supported_identity_providers") else {
            return;
        };
        // (name, reference) of every provider the module declares; any unknown name (a
        // `for_each` of providers, a variable) could be the one, so the rule says nothing.
        let mut declared = Vec::new();
        for idp in cx.module.of_type("aws_cognito_identity_provider") {
            let Known::Value(name) = idp.body.string("provider_name") else {
                return;
            };
            let repeated = idp.body.attr("count").is_some() || idp.body.attr("for_each").is_some();
            if repeated {
                return;
            }
            declared.push((name.value, format!("{}.provider_name", idp.address())));
        }
        if declared.is_empty() {
            return;
        }
        for (name, span) in providers.known() {
            let skip = BUILT_IN_PROVIDERS
                .iter()
                .any(|b| b.eq_ignore_ascii_case(name))
                || name.is_empty()
                || name.chars().count() > MAX_NAME
                || declared.iter().any(|(d, _)| d == name);
            if skip {
                continue;
            }
            let diag = Diag::new(
                span,
                format!("no `aws_cognito_identity_provider` in this module is named `{name}`"),
            );
            let closest = suggest::closest(name, declared.iter().map(|(d, _)| &**d));
            out.push(match declared.iter().find(|(d, _)| Some(&**d) == closest) {
                // The reference, not the literal: a literal would race with the provider (COG110).
                Some((d, reference)) => {
                    let diag = diag.help(format!("did you mean `{d}`? reference it: `{reference}`"));
                    if is_own(&providers, span) {
                        // Another name than the one written: a guess at what was meant.
                        diag.replace(span, reference.clone()).fix_as(
                            Applicability::Unsafe,
                            format!("replace with `{reference}`"),
                        )
                    } else {
                        diag
                    }
                }
                None => {
                    let names = declared
                        .iter()
                        .map(|(d, _)| format!("`{d}`"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    diag.help(format!(
                        "the module declares {names}; if `{name}` is created elsewhere, ignore this (AWS fails with \"The provider {name} does not exist for User Pool\" otherwise)"
                    ))
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::lint_texts;
    use crate::rules::RuleSelection;

    fn codes(text: &str) -> Vec<&'static str> {
        let selection = RuleSelection {
            select: Some(vec!["COG213".to_string()]),
            ..RuleSelection::default()
        };
        let report = lint_texts(&[("main.tf", text)], &selection);
        report.findings.iter().map(|f| f.code()).collect()
    }

    const CLIENT: &str = r#"
resource "aws_cognito_user_pool_client" "c" {
  name                         = "c"
  user_pool_id                 = "eu-west-1_abc"
  supported_identity_providers = ["COGNITO", "Okta"]
}
"#;

    #[test]
    fn silent_without_identity_providers_in_the_module() {
        assert!(codes(CLIENT).is_empty());
    }

    #[test]
    fn silent_when_a_declared_name_is_unknown() {
        let idp = r#"
variable "name" {
  type = string
}

resource "aws_cognito_identity_provider" "a" {
  user_pool_id  = "eu-west-1_abc"
  provider_name = "AzureAD"
  provider_type = "OIDC"
}

resource "aws_cognito_identity_provider" "b" {
  user_pool_id  = "eu-west-1_abc"
  provider_name = var.name
  provider_type = "SAML"
}
"#;
        assert!(codes(&format!("{idp}{CLIENT}")).is_empty());
        let known = idp.replace("var.name", "\"Partner\"");
        assert_eq!(codes(&format!("{known}{CLIENT}")), ["COG213"]);
    }
}
