use super::url::{describe, problem};
use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::Diag;

declare_rule! {
    pub struct InsecureLogoutUrl: "COG209", "insecure-logout-url", Warning, Both,
    "a logout URL that is plain http to a non-loopback host, has a fragment, or is relative"
}

impl Check for InsecureLogoutUrl {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let Known::Value(list) = cx.body().list("logout_urls") else {
            return;
        };
        for (url, span) in list.known() {
            if let Some(p) = problem(url) {
                let (message, help) = describe(url, &p, "logout URL");
                out.push(Diag::new(span, message).help(help));
            }
        }
    }
}
