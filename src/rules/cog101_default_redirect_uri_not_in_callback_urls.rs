use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::Diag;

declare_rule! {
    pub struct DefaultRedirectUriNotInCallbackUrls: "COG101", "default-redirect-uri-not-in-callback-urls", Error, Both,
    "`default_redirect_uri` is not one of `callback_urls`"
}

impl Check for DefaultRedirectUriNotInCallbackUrls {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let body = cx.body();
        let Known::Value(redirect) = body.string("default_redirect_uri") else {
            return;
        };
        // The empty string is COG006's finding.
        if redirect.value.is_empty() {
            return;
        }
        let message = format!(
            "default_redirect_uri `{}` is not in callback_urls",
            redirect.value
        );
        match body.list("callback_urls") {
            Known::Unset => out.push(
                Diag::new(redirect.span, message)
                    .primary("callback_urls is not set")
                    .help(format!("add `callback_urls = [\"{}\"]`", redirect.value)),
            ),
            Known::Value(list) if list.is_fully_known() && !list.contains(&redirect.value) => {
                let near = list
                    .known()
                    .find(|(url, _)| same_but_for_slash_or_case(url, &redirect.value));
                let help = match near {
                    Some((url, _)) => format!(
                        "callback_urls has `{url}`, which differs only by case or a trailing slash; AWS compares exactly"
                    ),
                    None => format!("add `\"{}\"` to callback_urls", redirect.value),
                };
                out.push(
                    Diag::new(redirect.span, message)
                        .label(list.span, "callback_urls defined here")
                        .help(help),
                );
            }
            _ => {}
        }
    }
}

fn same_but_for_slash_or_case(a: &str, b: &str) -> bool {
    a.trim_end_matches('/')
        .eq_ignore_ascii_case(b.trim_end_matches('/'))
}
