use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::Diag;
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    pub struct InvalidClientName: "COG007", "invalid-client-name", Error, Both,
    "a client name (or managed name selector) of the wrong length or characters"
}

/// AWS's ClientName pattern, matched against the whole name (ASCII `\w` and `\s`, as in Java).
static NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z0-9_ \t\n\x0B\f\r+=,.@-]+$").unwrap());
/// One character of that pattern, found anywhere: the provider's check of `name_pattern`, and
/// how a name's disallowed characters are picked out.
static NAME_CHAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z0-9_ \t\n\x0B\f\r+=,.@-]").unwrap());

impl Check for InvalidClientName {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let fields: &[&str] = if cx.is_managed() {
            &["name_prefix", "name_pattern"]
        } else {
            &["name"]
        };
        for &field in fields {
            let Known::Value(item) = cx.body().string(field) else {
                continue;
            };
            let name = &item.value;
            let len = name.len();
            let message = if len == 0 || len > 128 {
                Some(format!("{field} must be 1 to 128 characters; it has {len}"))
            } else if field == "name_pattern" {
                // The pattern is a regular expression, not a name: it needs one name character
                // (the provider's unanchored check) and must compile.
                if !NAME_CHAR.is_match(name) {
                    Some(format!(
                        "name_pattern `{name}` has no letter, digit or `+=,.@-` character"
                    ))
                } else {
                    // Parsed, not compiled: a pattern with large Unicode classes on a
                    // thousand instances must not cost a compilation each.
                    regex_syntax::Parser::new().parse(name).err().map(|e| {
                        format!(
                            "name_pattern `{name}` is not a valid regular expression: {}",
                            error_line(&e.to_string())
                        )
                    })
                }
            } else if !NAME.is_match(name) {
                let bad: String = name
                    .chars()
                    .filter(|c| !NAME_CHAR.is_match(&c.to_string()))
                    .take(5)
                    .collect();
                Some(format!(
                    "{field} `{name}` holds characters AWS does not allow: `{bad}`"
                ))
            } else {
                None
            };
            if let Some(message) = message {
                out.push(
                    Diag::new(item.span, message)
                        .help("client names are 1 to 128 letters, digits, spaces or `_+=,.@-`"),
                );
            }
        }
    }
}

/// The line of a regex error that says what is wrong (its last `error:` line), else its first.
fn error_line(s: &str) -> &str {
    s.lines()
        .rev()
        .find(|l| l.trim_start().starts_with("error:"))
        .unwrap_or(s.lines().next().unwrap_or(s))
        .trim()
}
