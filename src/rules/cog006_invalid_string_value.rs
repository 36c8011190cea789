use super::{
    argument_span, declare_rule, has_scope_characters, is_literal_list, is_native, Check, Ctx,
};
use crate::extract::{Known, StrList};
use crate::finding::{Applicability, Diag};
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

impl Check for InvalidStringValue {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let body = cx.body();
        for name in ["callback_urls", "logout_urls"] {
            if let Known::Value(list) = body.list(name) {
                for (i, item) in list.items.iter().enumerate() {
                    if let Some(url) = &item.value {
                        let removal = || element_removal(&list, i);
                        check_text(name, "URL", url, item.span, 1024, removal, out);
                    }
                }
            }
        }
        if let Known::Value(item) = body.string("default_redirect_uri") {
            let removal = || {
                body.attr("default_redirect_uri")
                    .filter(|a| a.value.span.origin.is_none() && is_native(a.key_span, &a.name))
                    .map(argument_span)
            };
            check_text(
                "default_redirect_uri",
                "URL",
                &item.value,
                item.span,
                1024,
                removal,
                out,
            );
        }
        if let Known::Value(list) = body.list("supported_identity_providers") {
            for (i, item) in list.items.iter().enumerate() {
                if let Some(name) = &item.value {
                    check_text(
                        "supported_identity_providers",
                        "provider name",
                        name,
                        item.span,
                        32,
                        || element_removal(&list, i),
                        out,
                    );
                }
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
                } else if !has_scope_characters(scope) {
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

/// The text that removes element `i` of `list`, with the comma and space that separate it from
/// a neighbour: from it to the next element, or from the previous one to it. `None` for the
/// only element (an empty list may bring up another rule) and where the elements' places are
/// not their own (a list computed by a function).
fn element_removal(list: &StrList, i: usize) -> Option<Span> {
    let spans: Vec<Span> = list.items.iter().map(|i| i.span).collect();
    if spans.len() < 2 || !is_literal_list(list) {
        return None;
    }
    let this = spans[i];
    Some(match spans.get(i + 1) {
        Some(next) => Span::new(this.file, this.start as usize..next.start as usize),
        None => Span::new(this.file, spans[i - 1].end as usize..this.end as usize),
    })
}

fn check_text(
    attr: &str,
    what: &str,
    text: &str,
    span: Span,
    max: usize,
    // Only an empty text is removed: building the edit costs a pass over the list.
    removal: impl FnOnce() -> Option<Span>,
    out: &mut Vec<Diag>,
) {
    let len = text.chars().count();
    if len == 0 {
        let diag = Diag::new(span, format!("{attr} holds an empty {what}"));
        out.push(match removal() {
            Some(removal) => diag
                .help(format!("remove it; AWS requires 1 to {max} characters"))
                .replace(removal, "")
                // AWS rejects the empty value: nothing that works today changes.
                .fix_as(Applicability::Safe, format!("remove the empty {what}")),
            None => diag.help(format!(
                "remove it, or write the {what}; AWS requires 1 to {max} characters"
            )),
        });
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

#[cfg(test)]
mod tests {
    use super::has_scope_characters;

    #[test]
    fn scope_characters_are_aws_pattern() {
        let pattern = regex::Regex::new(r"^[\x21\x23-\x5B\x5D-\x7E]+$").unwrap();
        let mut texts: Vec<String> = (0u32..0x3000)
            .filter_map(char::from_u32)
            .map(|c| format!("a{c}b"))
            .collect();
        texts.extend(["", "openid", "x y", "a\"b", "a\\b", "résumé", "😀"].map(String::from));
        for text in texts {
            assert_eq!(
                has_scope_characters(&text),
                pattern.is_match(&text),
                "{text:?}"
            );
        }
    }
}
