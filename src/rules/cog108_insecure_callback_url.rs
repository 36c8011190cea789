use super::url::{describe, problem};
use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::Diag;

declare_rule! {
    pub struct InsecureCallbackUrl: "COG108", "insecure-callback-url", Error, Both,
    "a callback URL that is plain http to a non-loopback host, has a fragment, or is relative"
}

impl Check for InsecureCallbackUrl {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let body = cx.body();
        let mut urls = Vec::new();
        if let Known::Value(list) = body.list("callback_urls") {
            urls.extend(
                list.known()
                    .map(|(u, s)| (u.to_string(), s, "callback URL")),
            );
        }
        if let Known::Value(item) = body.string("default_redirect_uri") {
            urls.push((item.value, item.span, "default_redirect_uri"));
        }
        for (url, span, what) in urls {
            if let Some(p) = problem(&url) {
                let (message, help) = describe(&url, &p, what);
                out.push(Diag::new(span, message).help(help));
            }
        }
    }
}
