use super::url::is_loopback_http;
use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::Diag;

declare_rule! {
    pub struct LocalhostCallbackUrl: "COG210", "localhost-callback-url", Info, Both,
    "a loopback `http://` callback URL, meant for development only"
}

impl Check for LocalhostCallbackUrl {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let Known::Value(list) = cx.body().list("callback_urls") else {
            return;
        };
        for (url, span) in list.known() {
            if is_loopback_http(url) {
                out.push(
                    Diag::new(span, format!("callback URL `{url}` points at this machine"))
                        .help("fine for development; keep it out of production clients"),
                );
            }
        }
    }
}
