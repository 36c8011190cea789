use super::{declare_rule, is_native, Check, Ctx};
use crate::extract::{BodyView, Known};
use crate::finding::{Applicability, Diag};
use crate::value::Span;

declare_rule! {
    pub struct OauthSettingsWithoutOauthEnabled: "COG206", "oauth-settings-without-oauth-enabled", Warning, Both,
    "OAuth flows, scopes or URLs set while `allowed_oauth_flows_user_pool_client` is not true"
}

const LISTS: &[&str] = &[
    "allowed_oauth_flows",
    "allowed_oauth_scopes",
    "callback_urls",
    "logout_urls",
];

/// The hosted UI starts serving OAuth for the client: behaviour changes.
const FIX: &str = "set `allowed_oauth_flows_user_pool_client = true`";

impl Check for OauthSettingsWithoutOauthEnabled {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let body = cx.body();
        let flag = match body.boolean("allowed_oauth_flows_user_pool_client") {
            Known::Value(f) if f.value => return,
            Known::Value(f) => Some(f.span),
            Known::Unset => None,
            Known::Unknown => return,
        };
        let set = settings(body);
        // One finding per client, naming every setting: on the flag, or on the block header.
        let names: Vec<String> = set.iter().map(|(n, _)| format!("`{n}`")).collect();
        let Some((last, rest)) = names.split_last() else {
            return;
        };
        let (names_text, verb) = match rest {
            [] => (last.clone(), "is"),
            _ => (format!("{} and {last}", rest.join(", ")), "are"),
        };
        let mut diag = match flag {
            Some(flag_span) => Diag::new(
                flag_span,
                format!("{names_text} {verb} set but OAuth is disabled for this client"),
            )
            .primary("OAuth disabled here"),
            None => Diag::new(
                cx.client.labels_span,
                format!("{names_text} {verb} set but OAuth is not enabled for this client"),
            )
            .primary("`allowed_oauth_flows_user_pool_client` is not set"),
        };
        for (name, span) in &set {
            diag = diag.label(*span, format!("`{name}` set here"));
        }
        let has = |name| set.iter().any(|(n, _)| *n == name);
        if !(has("allowed_oauth_flows") && has("allowed_oauth_scopes")) {
            // Enabling OAuth without flows and scopes is COG106's error: the user chooses.
            out.push(diag.help("set `allowed_oauth_flows_user_pool_client = true` together with `allowed_oauth_flows` and `allowed_oauth_scopes` (COG106 requires both), or remove these settings if the client does not use the hosted UI; the hosted UI ignores them otherwise"));
            return;
        }
        let diag = diag.help("set `allowed_oauth_flows_user_pool_client = true`; the hosted UI ignores the OAuth settings otherwise");
        out.push(match body.attr("allowed_oauth_flows_user_pool_client") {
            // `false`, or `null` (unset).
            Some(attr) => diag
                .replace(attr.value.span, "true")
                .fix_as(Applicability::Unsafe, FIX),
            None => {
                let first = body
                    .attrs
                    .iter()
                    .filter(|a| set.iter().any(|(n, _)| *n == a.name))
                    .min_by_key(|a| a.key_span.start)
                    .filter(|a| is_native(a.key_span, &a.name))
                    .map(|a| a.key_span);
                match first {
                    // A top-level resource's arguments are indented by two spaces.
                    Some(key) => diag
                        .replace(
                            Span::point(key.file, key.start as usize),
                            "allowed_oauth_flows_user_pool_client = true\n  ",
                        )
                        .fix_as(Applicability::Unsafe, FIX),
                    None => diag,
                }
            }
        });
    }
}

/// The OAuth settings the client sets (non-empty), in source order.
fn settings(body: &BodyView) -> Vec<(&'static str, Span)> {
    let mut set: Vec<(&'static str, Span)> = LISTS
        .iter()
        .filter_map(|name| match body.list(name) {
            Known::Value(list) if !list.is_empty() => Some((*name, list.span)),
            _ => None,
        })
        .collect();
    // A template with text (`"https://${aws_lb.web.dns_name}/"`) is set and not empty, even
    // before its value is known.
    if let Known::Value(span) = body.non_empty_string_at("default_redirect_uri") {
        set.push(("default_redirect_uri", span));
    }
    set.sort_by_key(|(_, span)| span.start);
    set
}
