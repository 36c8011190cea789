use super::edits::{append, list_text, offer, set_attr};
use super::url::{is_loopback_http, problem};
use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::{quoted, Applicability, Diag};

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
        // The URL added to callback_urls is checked there too: a plain-http or loopback one
        // brings up COG108 or COG210 on the new element, and the help says so.
        // A callback URL on a client without OAuth enabled is COG206's.
        let oauth = matches!(body.boolean("allowed_oauth_flows_user_pool_client"), Known::Value(b) if b.value);
        let (mut note, may_raise): (String, &'static [&'static str]) = match (
            problem(&redirect.value).is_some(),
            is_loopback_http(&redirect.value),
            oauth,
        ) {
            (true, _, true) => (
                " (COG108 then reports it in callback_urls too: fix the URL first)".into(),
                &["COG108"],
            ),
            (true, _, false) => (
                " (COG108 then reports it in callback_urls too: fix the URL first)".into(),
                &["COG108", "COG206"],
            ),
            (false, true, true) => (
                " (COG210 then notes the loopback callback)".into(),
                &["COG210"],
            ),
            (false, true, false) => (
                " (COG210 then notes the loopback callback)".into(),
                &["COG210", "COG206"],
            ),
            (false, false, true) => (String::new(), &[]),
            (false, false, false) => (String::new(), &["COG206"]),
        };
        if !oauth {
            note.push_str(
                "; OAuth is not enabled on this client, so the hosted UI will not use it (COG206)",
            );
        }
        match body.list("callback_urls") {
            Known::Unset => out.push(
                offer(
                    Diag::new(redirect.span, message)
                        .primary("callback_urls is not set")
                        .help(format!(
                            "add `callback_urls = [{}]`{note}",
                            quoted(&redirect.value)
                        )),
                    set_attr(body, "  ", "callback_urls", &list_text([&*redirect.value])),
                )
                .may_raise(may_raise)
                // A new URL Cognito accepts to send codes and tokens to.
                .fix_as(
                    Applicability::Unsafe,
                    format!("add `callback_urls = [{}]`", quoted(&redirect.value)),
                ),
            ),
            Known::Value(list) if list.is_fully_known() && !list.contains(&redirect.value) => {
                let near = list
                    .known()
                    .find(|(url, _)| same_but_for_slash_or_case(url, &redirect.value));
                let diag = Diag::new(redirect.span, message)
                    .label(list.span, "callback_urls defined here");
                out.push(match near {
                    Some((url, _)) => {
                        let diag = diag.help(format!(
                            "callback_urls has `{url}`, which differs only by case or a trailing slash; AWS compares exactly: set `default_redirect_uri = {}`",
                            quoted(url)
                        ));
                        // A callback URL that AWS rejects is no better as the default.
                        if problem(url).is_none() {
                            diag.replace(redirect.span, quoted(url)).fix_as(
                                // The hosted UI then redirects elsewhere than it was told.
                                Applicability::Unsafe,
                                format!("set `default_redirect_uri = {}`", quoted(url)),
                            )
                        } else {
                            diag
                        }
                    }
                    None => offer(
                        diag.help(format!("add `{}` to callback_urls{note}", quoted(&redirect.value))),
                        append(&list, [&*redirect.value]),
                    )
                    .may_raise(may_raise)
                    .fix_as(
                        Applicability::Unsafe,
                        format!("add `{}` to callback_urls", quoted(&redirect.value)),
                    ),
                });
            }
            _ => {}
        }
    }
}

fn same_but_for_slash_or_case(a: &str, b: &str) -> bool {
    a.trim_end_matches('/')
        .eq_ignore_ascii_case(b.trim_end_matches('/'))
}
