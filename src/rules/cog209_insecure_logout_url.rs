use super::edits::is_own;
use super::url::{describe, problem, secure};
use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::{quoted, Applicability, Diag};

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
                let diag = Diag::new(span, message).help(help);
                out.push(match secure(url).filter(|_| is_own(&list, span)) {
                    // The app must serve the new URL.
                    Some(fixed) => diag.replace(span, quoted(&fixed)).fix_as(
                        Applicability::Unsafe,
                        format!("replace with `{}`", quoted(&fixed)),
                    ),
                    None => diag,
                });
            }
        }
    }
}
