use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::Diag;

declare_rule! {
    pub struct OauthSettingsWithoutOauthEnabled: "COG206", "oauth-settings-without-oauth-enabled", Warning, Both,
    "OAuth flows, scopes or URLs set while `allowed_oauth_flows_user_pool_client` is not true"
}

const SETTINGS: &[&str] = &[
    "allowed_oauth_flows",
    "allowed_oauth_scopes",
    "callback_urls",
    "logout_urls",
];

impl Check for OauthSettingsWithoutOauthEnabled {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let body = cx.body();
        let flag = match body.boolean("allowed_oauth_flows_user_pool_client") {
            Known::Value(f) if f.value => return,
            Known::Value(f) => Some(f.span),
            Known::Unset => None,
            Known::Unknown => return,
        };
        let mut set: Vec<(&str, crate::value::Span)> = SETTINGS
            .iter()
            .filter_map(|name| match body.list(name) {
                Known::Value(list) if !list.is_empty() => Some((*name, list.span)),
                _ => None,
            })
            .collect();
        set.sort_by_key(|(_, span)| span.start);
        let Some(((first, span), rest)) = set.split_first() else {
            return;
        };
        let mut diag = Diag::new(
            *span,
            format!("{first} is set but OAuth is not enabled for this client"),
        );
        for (name, span) in rest {
            diag = diag.label(*span, format!("{name} also set"));
        }
        let diag = match flag {
            Some(flag_span) => diag.label(flag_span, "OAuth disabled here"),
            None => diag.primary("`allowed_oauth_flows_user_pool_client` is not set"),
        };
        out.push(diag.help("set `allowed_oauth_flows_user_pool_client = true`, or remove the OAuth settings; the hosted UI ignores them otherwise"));
    }
}
