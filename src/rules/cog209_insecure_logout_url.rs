use super::url::{describe, problem};
use super::{Ctx, Rule, RuleMeta};
use crate::extract::Known;
use crate::finding::Diag;

pub struct InsecureLogoutUrl;

static META: RuleMeta = rule_meta!(
    "COG209",
    "insecure-logout-url",
    Warning,
    Both,
    "a logout URL that is plain http to a non-loopback host, has a fragment, or is relative"
);

impl Rule for InsecureLogoutUrl {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

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
