use super::{declare_rule, Check, Ctx};
use crate::extract::{BodyView, Known};
use crate::finding::Diag;

declare_rule! {
    pub struct OauthEnabledWithoutFlowsOrScopes: "COG106", "oauth-enabled-without-flows-or-scopes", Error, Both,
    "OAuth is enabled but `allowed_oauth_flows` or `allowed_oauth_scopes` is empty"
}

impl Check for OauthEnabledWithoutFlowsOrScopes {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let body = cx.body();
        let Known::Value(enabled) = body.boolean("allowed_oauth_flows_user_pool_client") else {
            return;
        };
        if !enabled.value {
            return;
        }
        let missing: Vec<&str> = ["allowed_oauth_flows", "allowed_oauth_scopes"]
            .into_iter()
            .filter(|name| is_empty(body, name))
            .collect();
        if missing.is_empty() {
            return;
        }
        let names = missing
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(" and ");
        let verb = if missing.len() == 1 { "is" } else { "are" };
        out.push(
            Diag::new(enabled.span, format!("OAuth is enabled but {names} {verb} empty"))
                .help("AWS requires both AllowedOAuthFlows and AllowedOAuthScopes when OAuth is enabled: set them, for example `allowed_oauth_flows = [\"code\"]` and `allowed_oauth_scopes = [\"openid\"]`"),
        );
    }
}

/// Unset or a known empty list.
fn is_empty(body: &BodyView, name: &str) -> bool {
    match body.list(name) {
        Known::Unset => true,
        Known::Value(list) => list.is_empty(),
        Known::Unknown => false,
    }
}
