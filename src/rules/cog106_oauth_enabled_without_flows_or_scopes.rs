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
        // The example must not walk into the next error: `code` needs callback URLs (COG107),
        // `client_credentials` takes only resource-server scopes (COG105).
        let mut examples = Vec::new();
        if missing.contains(&"allowed_oauth_flows") {
            let has_callbacks =
                matches!(body.list("callback_urls"), Known::Value(l) if !l.is_empty());
            examples.push(if has_callbacks {
                "`allowed_oauth_flows = [\"code\"]`".to_string()
            } else {
                "`allowed_oauth_flows = [\"code\"]` with the app's `callback_urls` (the code flow needs them, COG107)".to_string()
            });
        }
        if missing.contains(&"allowed_oauth_scopes") {
            let machine = matches!(body.list("allowed_oauth_flows"), Known::Value(l) if l.contains("client_credentials"));
            examples.push(if machine {
                "a resource server's scope, `allowed_oauth_scopes = [\"identifier/name\"]` (client_credentials takes no standard scope, COG105)".to_string()
            } else {
                "`allowed_oauth_scopes = [\"openid\"]`".to_string()
            });
        }
        out.push(
            Diag::new(enabled.span, format!("OAuth is enabled but {names} {verb} empty"))
                .help(format!(
                    "AWS requires both AllowedOAuthFlows and AllowedOAuthScopes when OAuth is enabled: set them, for example {}",
                    examples.join(" and ")
                )),
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
