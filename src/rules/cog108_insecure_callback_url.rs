use super::edits::is_own;
use super::url::{describe, problem, secure};
use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::{quoted, Applicability, Diag};
use crate::value::Span;

declare_rule! {
    pub struct InsecureCallbackUrl: "COG108", "insecure-callback-url", Error, Both,
    "a callback URL that is plain http to a non-loopback host, has a fragment, or is relative"
}

impl Check for InsecureCallbackUrl {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let body = cx.body();
        let callback_list = body.list("callback_urls");
        // (url, span, whether the element can be replaced on its own), borrowed from the
        // values: every URL of every client is looked at, and few are reported.
        let mut callbacks: Vec<(&str, Span, bool)> = Vec::new();
        if let Known::Value(list) = &callback_list {
            // Whether an element is its list's only one at its span: for a long list (thousands
            // from a `for` share one span) counted once rather than per element.
            let long = list.items.len() > 64;
            let mut at_span: std::collections::HashMap<Span, usize> = Default::default();
            if long {
                for item in &list.items {
                    *at_span.entry(item.span).or_default() += 1;
                }
            }
            callbacks.extend(list.known().map(|(u, s)| {
                let own = (!long || at_span.get(&s) == Some(&1)) && is_own(list, s);
                (u, s, own)
            }));
        }
        let redirect = body.string("default_redirect_uri").value();
        let callback_urls = callbacks
            .iter()
            .map(|&(u, s, own)| (u, s, own, "callback URL"));
        let redirect_uri =
            (redirect.iter()).map(|r| (&*r.value, r.span, true, "default_redirect_uri"));
        for (url, span, own, what) in callback_urls.chain(redirect_uri) {
            let Some(p) = problem(url) else {
                continue;
            };
            let (message, mut help) = describe(url, &p, what);
            let Some(fixed) = secure(url).filter(|_| own) else {
                out.push(Diag::new(span, message).help(help));
                continue;
            };
            // default_redirect_uri must stay one of callback_urls (COG101): an equal URL on
            // the other side changes with it.
            let mut twins: Vec<Span> = callbacks
                .iter()
                .filter(|(u, s, _)| *u == url && *s != span)
                .map(|(_, s, _)| *s)
                .collect();
            if callbacks.iter().any(|(u, _, own)| *u == url && !own) {
                out.push(Diag::new(span, message).help(help));
                continue;
            }
            twins.extend(
                redirect
                    .iter()
                    .filter(|r| r.value == url && r.span != span)
                    .map(|r| r.span),
            );
            if !twins.is_empty() {
                let other = if what == "default_redirect_uri" {
                    "callback_urls"
                } else {
                    "default_redirect_uri"
                };
                help.push_str(&format!(
                    ", in {other} too (default_redirect_uri must stay one of callback_urls, COG101)"
                ));
            }
            let mut diag = Diag::new(span, message)
                .help(help)
                .replace(span, quoted(&fixed));
            diag = diag.fix_as(
                // The app must serve the new URL.
                Applicability::Unsafe,
                format!("replace with `{}`", quoted(&fixed)),
            );
            for twin in twins {
                diag = diag.replace(twin, quoted(&fixed));
            }
            out.push(diag);
        }
    }
}
