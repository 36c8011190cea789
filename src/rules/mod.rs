//! The rule catalogue: one file per rule, one line per rule in [`RULES`].
//!
//! Rules read a client through [`Ctx`] and push plain [`Diag`]s; code, name, severity and
//! docs come from the rule's [`RuleMeta`]. A rule file declares its metadata with
//! `declare_rule!` (see `declare.rs`) and implements its check.

mod declare;
mod duration;
mod edits;
mod options;
pub mod run;
mod selection;
pub(crate) mod suggest;
mod url;

mod cog000_syntax_error;
mod cog001_token_validity_out_of_range;
mod cog002_token_validity_unit_unset;
mod cog003_value_out_of_range;
mod cog004_invalid_enum_value;
mod cog005_list_too_long;
mod cog006_invalid_string_value;
mod cog007_invalid_client_name;
mod cog008_analytics_configuration_conflict;
mod cog009_duplicate_block;
mod cog010_unknown_argument;
mod cog011_missing_required_argument;
mod cog012_wrong_value_type;
mod cog101_default_redirect_uri_not_in_callback_urls;
mod cog102_legacy_auth_flows_mixed;
mod cog103_client_credentials_not_exclusive;
mod cog104_client_credentials_without_secret;
mod cog105_client_credentials_standard_scope;
mod cog106_oauth_enabled_without_flows_or_scopes;
mod cog107_code_flow_without_callback_urls;
mod cog108_insecure_callback_url;
mod cog109_unknown_oauth_scope;
mod cog110_invalid_identity_provider;
mod cog111_invalid_attribute_permission;
mod cog112_context_data_without_secret;
mod cog113_user_auth_requires_essentials_tier;
mod cog114_refresh_rotation_grace_period_unset;
mod cog201_legacy_auth_flow;
mod cog202_password_auth_flow;
mod cog203_implicit_grant;
mod cog204_user_existence_errors_not_prevented;
mod cog205_token_revocation_disabled;
mod cog206_oauth_settings_without_oauth_enabled;
mod cog207_refresh_token_flow_missing;
mod cog208_token_outlives_refresh_token;
mod cog209_insecure_logout_url;
mod cog210_localhost_callback_url;
mod cog211_long_lived_refresh_token;
mod cog212_empty_write_attributes;
mod cog213_unmatched_identity_provider;
mod cog900_unused_suppression;
mod cog901_suppression_without_reason;
mod cog902_unused_baseline_entry;
mod cog903_evaluation_budget_exceeded;
pub(crate) mod cog904_unknown_value;
mod cog990_internal_error;

use crate::extract::{BodyView, ModuleView, Resource};
use crate::finding::{Diag, Severity};
use crate::schema::ClientKind;

pub(crate) use declare::{declare_rule, Check, CheckWith};
pub use options::{NoOptions, OptionKind, OptionMeta, ReadOptions, RuleOptions};

pub use cog000_syntax_error::SYNTAX_ERROR;
pub use cog900_unused_suppression::UNUSED_SUPPRESSION;
pub use cog901_suppression_without_reason::SUPPRESSION_WITHOUT_REASON;
pub use cog902_unused_baseline_entry::UNUSED_BASELINE_ENTRY;
pub use cog903_evaluation_budget_exceeded::{budget_finding, EVALUATION_BUDGET_EXCEEDED};
pub use cog904_unknown_value::UNKNOWN_VALUE;
pub use cog990_internal_error::INTERNAL_ERROR;
pub use selection::RuleSelection;

/// Which resources a rule reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppliesTo {
    /// `aws_cognito_user_pool_client` and `aws_cognito_managed_user_pool_client`.
    Both,
    /// `aws_cognito_user_pool_client` alone: the rule is not run on managed clients.
    UserPoolClientOnly,
    /// Suppression comments, not resources (COG900, COG901).
    Comments,
    /// The entries of a `--baseline` file (COG902).
    Baseline,
}

/// What every finding of a rule shares, and what `rules` and `explain` print.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    pub applies_to: AppliesTo,
    /// The rule's page in `rules/`, compiled in.
    pub doc: &'static str,
    /// What `rule "CODE" { ... }` in the config file may set besides `enabled` and `severity`.
    pub options: &'static [OptionMeta],
    /// Reads the settings of `options` the config file gives into the rule's options type.
    pub read_options: ReadOptions,
}

/// Rules are one each by code.
impl PartialEq for RuleMeta {
    fn eq(&self, other: &RuleMeta) -> bool {
        self.code == other.code
    }
}

impl Eq for RuleMeta {}

impl RuleMeta {
    /// The page's path in the repository (`rules/COG101-name.md`).
    pub fn doc_path(&self) -> String {
        format!("rules/{}-{}.md", self.code, self.name)
    }

    /// The first paragraph of the page's "What it does" section, as one line.
    pub fn description(&self) -> String {
        let section = self
            .doc
            .split_once("## What it does")
            .map_or("", |(_, rest)| rest);
        section
            .trim_start()
            .split("\n\n")
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// What a rule sees: one client and its module.
pub struct Ctx<'a> {
    pub client: &'a Resource,
    pub kind: ClientKind,
    pub module: &'a ModuleView,
    /// The rule's options from the config file; `declare_rule!` hands them to the rule typed.
    pub options: &'a RuleOptions,
}

impl<'a> Ctx<'a> {
    pub fn body(&self) -> &'a BodyView {
        &self.client.body
    }

    pub fn is_managed(&self) -> bool {
        self.kind == ClientKind::ManagedUserPoolClient
    }
}

/// What the registry runs: every rule in [`RULES`] is one, by way of `declare_rule!`.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>);
}

/// Every client rule, by code. COG000, COG900 to COG904 and COG990 are reported by other
/// stages (the parser, the suppression and baseline passes, the evaluation budgets, the
/// unknown-value notes, the panic guard): [`all_meta`] adds their metadata.
pub static RULES: &[&dyn Rule] = &[
    &cog001_token_validity_out_of_range::TokenValidityOutOfRange,
    &cog002_token_validity_unit_unset::TokenValidityUnitUnset,
    &cog003_value_out_of_range::ValueOutOfRange,
    &cog004_invalid_enum_value::InvalidEnumValue,
    &cog005_list_too_long::ListTooLong,
    &cog006_invalid_string_value::InvalidStringValue,
    &cog007_invalid_client_name::InvalidClientName,
    &cog008_analytics_configuration_conflict::AnalyticsConfigurationConflict,
    &cog009_duplicate_block::DuplicateBlock,
    &cog010_unknown_argument::UnknownArgument,
    &cog011_missing_required_argument::MissingRequiredArgument,
    &cog012_wrong_value_type::WrongValueType,
    &cog101_default_redirect_uri_not_in_callback_urls::DefaultRedirectUriNotInCallbackUrls,
    &cog102_legacy_auth_flows_mixed::LegacyAuthFlowsMixed,
    &cog103_client_credentials_not_exclusive::ClientCredentialsNotExclusive,
    &cog104_client_credentials_without_secret::ClientCredentialsWithoutSecret,
    &cog105_client_credentials_standard_scope::ClientCredentialsStandardScope,
    &cog106_oauth_enabled_without_flows_or_scopes::OauthEnabledWithoutFlowsOrScopes,
    &cog107_code_flow_without_callback_urls::CodeFlowWithoutCallbackUrls,
    &cog108_insecure_callback_url::InsecureCallbackUrl,
    &cog109_unknown_oauth_scope::UnknownOauthScope,
    &cog110_invalid_identity_provider::InvalidIdentityProvider,
    &cog111_invalid_attribute_permission::InvalidAttributePermission,
    &cog112_context_data_without_secret::ContextDataWithoutSecret,
    &cog113_user_auth_requires_essentials_tier::UserAuthRequiresEssentialsTier,
    &cog114_refresh_rotation_grace_period_unset::RefreshRotationGracePeriodUnset,
    &cog201_legacy_auth_flow::LegacyAuthFlow,
    &cog202_password_auth_flow::PasswordAuthFlow,
    &cog203_implicit_grant::ImplicitGrant,
    &cog204_user_existence_errors_not_prevented::UserExistenceErrorsNotPrevented,
    &cog205_token_revocation_disabled::TokenRevocationDisabled,
    &cog206_oauth_settings_without_oauth_enabled::OauthSettingsWithoutOauthEnabled,
    &cog207_refresh_token_flow_missing::RefreshTokenFlowMissing,
    &cog208_token_outlives_refresh_token::TokenOutlivesRefreshToken,
    &cog209_insecure_logout_url::InsecureLogoutUrl,
    &cog210_localhost_callback_url::LocalhostCallbackUrl,
    &cog211_long_lived_refresh_token::LongLivedRefreshToken,
    &cog212_empty_write_attributes::EmptyWriteAttributes,
    &cog213_unmatched_identity_provider::UnmatchedIdentityProvider,
];

/// Every rule's metadata, COG000 and the suppression rules included, by code.
pub fn all_meta() -> Vec<&'static RuleMeta> {
    std::iter::once(&SYNTAX_ERROR)
        .chain(RULES.iter().map(|r| r.meta()))
        .chain([&UNUSED_SUPPRESSION, &SUPPRESSION_WITHOUT_REASON])
        .chain([
            &UNUSED_BASELINE_ENTRY,
            &EVALUATION_BUDGET_EXCEEDED,
            &UNKNOWN_VALUE,
        ])
        .chain([&INTERNAL_ERROR])
        .collect()
}

/// A rule by code or name, case-insensitively for codes.
pub fn find_meta(code_or_name: &str) -> Option<&'static RuleMeta> {
    all_meta()
        .into_iter()
        .find(|m| m.code.eq_ignore_ascii_case(code_or_name) || m.name == code_or_name)
}

/// "unknown rule `X`", with the closest rule when one is close, else where the rules are listed.
pub fn unknown_rule_message(code_or_name: &str) -> String {
    let metas = all_meta();
    let near = suggest::closest(code_or_name, metas.iter().flat_map(|m| [m.code, m.name]));
    match near.and_then(find_meta) {
        Some(m) => format!(
            "unknown rule `{code_or_name}`; did you mean `{}` ({})?",
            m.code, m.name
        ),
        None => format!("unknown rule `{code_or_name}`; `cognito-lint rules` lists them"),
    }
}

/// The text of an argument, from its name to the end of its value: what a help that says
/// "remove it" deletes (the line's indentation stays, for `terraform fmt`).
pub fn argument_span(attr: &crate::extract::AttrView) -> crate::value::Span {
    crate::value::Span::new(
        attr.key_span.file,
        attr.key_span.start as usize..attr.value.span.end as usize,
    )
}

/// Whether a name is written in the native syntax, where a help's change may rename, remove or
/// insert arguments. In a `.tf.json` file the span holds the quotes of the JSON key, and such
/// an edit would not be valid JSON; replacing a value is (`finding::quoted` writes strings
/// both accept).
pub fn is_native(name_span: crate::value::Span, name: &str) -> bool {
    name_span.bytes().len() == name.len()
}

/// The rules about what an attacker gains rather than what fails to apply, with the score
/// GitHub code scanning ranks their alerts by (SARIF `security-severity`, CVSS-like: 7.0 and
/// above is high, 4.0 and above medium).
const SECURITY_SEVERITY: &[(&str, &str)] = &[
    ("COG108", "7.5"), // plain-http callback: codes and tokens readable on the way
    ("COG203", "6.5"), // implicit grant: tokens in the URL fragment
    ("COG212", "5.4"), // every attribute writable by the app
    ("COG204", "5.3"), // user enumeration
    ("COG202", "5.0"), // passwords sent to the service
    ("COG210", "5.0"), // loopback callback in a deployed client
    ("COG205", "4.3"), // refresh tokens that cannot be revoked
    ("COG209", "4.3"), // plain-http sign-out URL
    ("COG201", "4.0"), // legacy auth flows
    ("COG211", "3.1"), // long-lived refresh tokens
];

impl RuleMeta {
    /// `security-severity` for a security rule, `None` for the others.
    pub fn security_severity(&self) -> Option<&'static str> {
        SECURITY_SEVERITY
            .iter()
            .find(|(code, _)| *code == self.code)
            .map(|(_, score)| *score)
    }

    /// Tags for SARIF viewers: `security` for the rules above, `correctness` for the rules
    /// about what Terraform or AWS rejects, `maintainability` for the suppression rules.
    pub fn tags(&self) -> &'static [&'static str] {
        if self.security_severity().is_some() {
            &["security"]
        } else if self.code.starts_with("COG9") {
            &["maintainability"]
        } else {
            &["correctness"]
        }
    }
}

/// The standard OIDC and Cognito scopes.
pub const STANDARD_SCOPES: &[&str] = &[
    "phone",
    "email",
    "openid",
    "profile",
    "aws.cognito.signin.user.admin",
];

/// AWS's pattern for a scope, `[\x21\x23-\x5B\x5D-\x7E]+`: printable ASCII without space,
/// `"` or `\`. Checked on the bytes (a multi-byte character is outside the class anyway):
/// every scope of every client is checked, and a regex call costs more than the scope.
pub fn has_scope_characters(scope: &str) -> bool {
    !scope.is_empty()
        && scope
            .bytes()
            .all(|b| matches!(b, 0x21 | 0x23..=0x5B | 0x5D..=0x7E))
}

/// Whether a scope has the length (1 to 256 characters) and characters AWS accepts; COG006
/// reports the others, and COG109 leaves them to it.
pub fn is_well_formed_scope(scope: &str) -> bool {
    (1..=256).contains(&scope.chars().count()) && has_scope_characters(scope)
}

/// Legacy `explicit_auth_flows` values and what replaced them.
pub const LEGACY_FLOWS: &[(&str, &str)] = &[
    ("ADMIN_NO_SRP_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH"),
    ("CUSTOM_AUTH_FLOW_ONLY", "ALLOW_CUSTOM_AUTH"),
    ("USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH"),
];

/// The `supported_identity_providers` names AWS knows without an `aws_cognito_identity_provider`
/// of that name. Only `COGNITO` is always there: the social ones need their provider created in
/// the pool too (COG110).
pub const BUILT_IN_PROVIDERS: &[&str] = &[
    "COGNITO",
    "Facebook",
    "Google",
    "SignInWithApple",
    "LoginWithAmazon",
];

pub fn is_legacy_flow(flow: &str) -> bool {
    LEGACY_FLOWS.iter().any(|(l, _)| *l == flow)
}

/// The `ALLOW_*` value that replaced a legacy one.
pub fn allow_twin(flow: &str) -> Option<&'static str> {
    LEGACY_FLOWS
        .iter()
        .find(|(l, _)| *l == flow)
        .map(|(_, r)| *r)
}

/// Flows that send the password itself rather than an SRP proof (COG202).
pub const PASSWORD_FLOWS: &[&str] = &[
    "ALLOW_USER_PASSWORD_AUTH",
    "USER_PASSWORD_AUTH",
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ADMIN_NO_SRP_AUTH",
];

/// A fully known `explicit_auth_flows` with every legacy value replaced by its `ALLOW_*` twin,
/// without duplicates, and `ALLOW_REFRESH_TOKEN_AUTH` added when missing (AWS has rejected
/// `ALLOW_*` lists without it). No `ALLOW_USER_SRP_AUTH` is added: `CUSTOM_AUTH_FLOW_ONLY`
/// meant "custom only", and the other legacy values never said SRP. `None` when an element
/// is not known. COG102 and COG201 propose it; it raises nothing but COG202's findings on the
/// password flows, which the legacy values had already.
pub fn modern_flows<'a>(flows: &'a crate::extract::StrList<'_>) -> Option<Vec<&'a str>> {
    if !flows.is_fully_known() || !is_literal_list(flows) {
        return None;
    }
    let mut out: Vec<&str> = Vec::new();
    for (flow, _) in flows.known() {
        let flow = allow_twin(flow).unwrap_or(flow);
        if !out.contains(&flow) {
            out.push(flow);
        }
    }
    if !out.contains(&"ALLOW_REFRESH_TOKEN_AUTH") {
        out.push("ALLOW_REFRESH_TOKEN_AUTH");
    }
    Some(out)
}

/// Whether a list is written as a list in the client, `[...]` with each element in its own
/// place: a help's change may then rewrite it. A list computed by a function, or set
/// elsewhere, is left as written.
pub fn is_literal_list(list: &crate::extract::StrList) -> bool {
    let spans: Vec<crate::value::Span> = list.items.iter().map(|i| i.span).collect();
    let inside = |s: &crate::value::Span| {
        s.file == list.span.file && s.start > list.span.start && s.end < list.span.end
    };
    list.span.origin.is_none()
        && spans.iter().all(|s| s.origin.is_none() && inside(s))
        && spans.windows(2).all(|w| w[0].end <= w[1].start)
}

/// `["A", "B"]`, a list of strings as HCL (and JSON) writes it.
pub fn list_text(items: &[&str]) -> String {
    let mut text = String::with_capacity(2 + items.iter().map(|i| i.len() + 4).sum::<usize>());
    text.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            text.push_str(", ");
        }
        crate::value::push_quoted(&mut text, item);
    }
    text.push(']');
    text
}

/// The part of a help that says which of `flows` still send the password (COG202).
pub fn password_note(flows: &[&str]) -> Option<String> {
    let sending: Vec<String> = flows
        .iter()
        .filter(|f| PASSWORD_FLOWS.contains(f))
        .map(|f| format!("`{f}`"))
        .collect();
    match sending.len() {
        0 => None,
        1 => Some(format!("{} still sends the password (COG202)", sending[0])),
        _ => Some(format!(
            "{} still send the password (COG202)",
            sending.join(" and ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_sorted() {
        let metas = all_meta();
        for pair in metas.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{} before {}",
                pair[0].code,
                pair[1].code
            );
        }
        let mut names: Vec<_> = metas.iter().map(|m| m.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), metas.len());
    }

    /// The settings a rule declares (which the config reader checks) are the fields its options
    /// type reads, each one optional: the reader refuses any other key before the type sees it.
    #[test]
    fn declared_options_are_what_the_options_type_reads() {
        let sample = |kind| match kind {
            OptionKind::PositiveNumber => hcl::Value::from(1.5),
        };
        for meta in all_meta() {
            let read = |settings: &hcl::Map<String, hcl::Value>| {
                (meta.read_options)(hcl::Value::Object(settings.clone()))
            };
            let mut settings = hcl::Map::new();
            assert!(read(&settings).is_ok(), "{} with no settings", meta.code);
            for option in meta.options {
                settings.insert(option.name.to_string(), sample(option.kind));
                assert!(read(&settings).is_ok(), "{} `{}`", meta.code, option.name);
            }
            settings.insert(
                "not_an_option".to_string(),
                sample(OptionKind::PositiveNumber),
            );
            assert!(read(&settings).is_err(), "{} takes unknown keys", meta.code);
        }
    }

    #[test]
    fn every_page_has_the_required_sections() {
        for meta in all_meta() {
            assert!(
                meta.doc.starts_with(&format!("# {}", meta.code)),
                "{} page title",
                meta.code
            );
            for heading in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## Use instead",
                "## Fix\n\n**Fix: ",
                "## Configuration",
                "## References",
            ] {
                assert!(
                    meta.doc.contains(heading),
                    "{} lacks {heading}",
                    meta.doc_path()
                );
            }
        }
    }
}
