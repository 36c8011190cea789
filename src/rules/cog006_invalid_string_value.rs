use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::Diag;
use crate::value::Span;
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    pub struct InvalidStringValue: "COG006", "invalid-string-value", Error, Both,
    "a URL, identity provider or scope string of the wrong length or characters"
}

/// The provider's (unanchored) pattern for URLs and provider names: at least one letter,
/// mark, symbol, number or punctuation character.
static VISIBLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{M}\p{S}\p{N}\p{P}]").unwrap());
/// AWS's pattern for a scope: printable ASCII without space, `"` or `\`.
static SCOPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\x21\x23-\x5B\x5D-\x7E]+$").unwrap());

impl Check for InvalidStringValue {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let body = cx.body();
        for name in ["callback_urls", "logout_urls"] {
            if let Known::Value(list) = body.list(name) {
                for (url, span) in list.known() {
                    check_text(name, "URL", url, span, 1024, out);
                }
            }
        }
        if let Known::Value(item) = body.string("default_redirect_uri") {
            check_text(
                "default_redirect_uri",
                "URL",
                &item.value,
                item.span,
                1024,
                out,
            );
        }
        if let Known::Value(list) = body.list("supported_identity_providers") {
            for (name, span) in list.known() {
                check_text(
                    "supported_identity_providers",
                    "provider name",
                    name,
                    span,
                    32,
                    out,
                );
            }
        }
        if let Known::Value(list) = body.list("allowed_oauth_scopes") {
            for (scope, span) in list.known() {
                let len = scope.chars().count();
                if len == 0 || len > 256 {
                    out.push(Diag::new(
                        span,
                        format!("a scope must be 1 to 256 characters; this one has {len}"),
                    ));
                } else if !SCOPE.is_match(scope) {
                    out.push(
                        Diag::new(
                            span,
                            format!("scope `{scope}` holds a character AWS does not allow"),
                        )
                        .help("scopes are printable ASCII without spaces, `\"` or `\\`"),
                    );
                }
            }
        }
    }
}

/// Whether `text` holds a character the provider's pattern accepts. Any ASCII letter, digit or
/// punctuation mark does, which settles nearly every URL and name without running the Unicode
/// pattern (whose first use in a run compiles large Unicode tables).
fn visible(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_graphic()) || VISIBLE.is_match(text)
}

fn check_text(attr: &str, what: &str, text: &str, span: Span, max: usize, out: &mut Vec<Diag>) {
    let len = text.chars().count();
    if len == 0 {
        out.push(
            Diag::new(span, format!("{attr} holds an empty {what}")).help(format!(
                "remove it, or write the {what}; AWS requires 1 to {max} characters"
            )),
        );
    } else if len > max {
        out.push(Diag::new(
            span,
            format!("{what} in {attr} is {len} characters long; at most {max} are allowed"),
        ));
    } else if !visible(text) {
        out.push(Diag::new(
            span,
            format!("{attr} holds a {what} with no visible character"),
        ));
    }
}
