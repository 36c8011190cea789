use super::duration::{Token, UNITS};
use super::suggest::{closest, is_unambiguous};
use super::{declare_rule, Check, Ctx};
use crate::extract::{BlockArg, BodyView, Known};
use crate::finding::{quoted, Applicability, Diag};
use crate::value::Span;

declare_rule! {
    pub struct InvalidEnumValue: "COG004", "invalid-enum-value", Error, Both,
    "a value outside its allowed set (auth flows, OAuth flows, units, and others)"
}

pub const EXPLICIT_AUTH_FLOWS: &[&str] = &[
    "ADMIN_NO_SRP_AUTH",
    "CUSTOM_AUTH_FLOW_ONLY",
    "USER_PASSWORD_AUTH",
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ALLOW_CUSTOM_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
    "ALLOW_USER_AUTH",
    "ALLOW_TOKEN_EXCHANGE_DELEGATION",
    "ALLOW_TOKEN_EXCHANGE_IMPERSONATION",
];
pub const OAUTH_FLOWS: &[&str] = &["code", "implicit", "client_credentials"];
const PREVENT_USER_EXISTENCE_ERRORS: &[&str] = &["LEGACY", "ENABLED"];
const FEATURES: &[&str] = &["ENABLED", "DISABLED"];

impl Check for InvalidEnumValue {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let body = cx.body();
        for (name, allowed) in [
            ("explicit_auth_flows", EXPLICIT_AUTH_FLOWS),
            ("allowed_oauth_flows", OAUTH_FLOWS),
        ] {
            if let Known::Value(list) = body.list(name) {
                for (value, span) in list.known() {
                    let before = out.len();
                    check(name, value, span, allowed, out);
                    // The right spelling is in the list already: replacing would write it twice.
                    for diag in &mut out[before..] {
                        let twice = diag.fix.as_ref().is_some_and(|f| {
                            f.edits
                                .iter()
                                .any(|e| list.known().any(|(v, _)| quoted(v) == e.text))
                        });
                        if twice {
                            diag.fix = None;
                        }
                    }
                }
            }
        }
        check_scalar(
            body,
            "prevent_user_existence_errors",
            PREVENT_USER_EXISTENCE_ERRORS,
            out,
        );
        if let BlockArg::Present(_, units) = body.block("token_validity_units") {
            let unit_names = UNITS.map(|u| u.name());
            for token in [Token::Access, Token::Id, Token::Refresh] {
                check_scalar(units, token.unit_attr(), &unit_names, out);
            }
        }
        if let BlockArg::Present(_, rotation) = body.block("refresh_token_rotation") {
            check_scalar(rotation, "feature", FEATURES, out);
        }
    }
}

fn check_scalar(body: &BodyView, name: &str, allowed: &[&str], out: &mut Vec<Diag>) {
    if let Known::Value(item) = body.string(name) {
        check(name, &item.value, item.span, allowed, out);
    }
}

fn check(name: &str, value: &str, span: Span, allowed: &[&str], out: &mut Vec<Diag>) {
    if allowed.contains(&value) {
        return;
    }
    // Prefer the current `ALLOW_*` spelling over a legacy one (COG201 would report it).
    let current: Vec<&str> = allowed
        .iter()
        .copied()
        .filter(|a| !super::is_legacy_flow(a))
        .collect();
    let diag = Diag::new(span, format!("`{value}` is not a valid value for {name}"));
    match closest(value, current.iter().copied())
        .or_else(|| closest(value, allowed.iter().copied()))
    {
        Some(suggestion) => {
            let raised = raised_by(name, suggestion);
            let mut help = format!("did you mean `\"{suggestion}\"`?");
            if !raised.is_empty() {
                help.push_str(&format!(" (then {} may report it)", raised.join(" or ")));
            }
            out.push(
                diag.help(help)
                    .replace(span, quoted(suggestion))
                    .may_raise(raised)
                    .fix_as(
                        // AWS rejects the value today; one close spelling is what was meant.
                        match is_unambiguous(value, current.iter().copied(), suggestion) {
                            true => Applicability::Safe,
                            false => Applicability::Unsafe,
                        },
                        format!("replace with `{}`", quoted(suggestion)),
                    ),
            );
        }
        None => out.push(diag.help(format!("allowed values: {}", allowed.join(", ")))),
    }
}

/// The rules that read a corrected value and report it: a valid spelling of a value
/// discouraged on its own.
fn raised_by(name: &str, value: &str) -> &'static [&'static str] {
    match (name, value) {
        ("explicit_auth_flows", "ADMIN_NO_SRP_AUTH" | "USER_PASSWORD_AUTH") => {
            &["COG102", "COG201", "COG202"]
        }
        ("explicit_auth_flows", "CUSTOM_AUTH_FLOW_ONLY") => &["COG102", "COG201"],
        ("explicit_auth_flows", "ALLOW_USER_PASSWORD_AUTH" | "ALLOW_ADMIN_USER_PASSWORD_AUTH") => {
            &["COG202"]
        }
        ("allowed_oauth_flows", "implicit") => &["COG203"],
        ("prevent_user_existence_errors", "LEGACY") => &["COG204"],
        _ => &[],
    }
}
