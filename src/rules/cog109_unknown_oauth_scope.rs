use super::suggest::closest;
use super::{declare_rule, Check, Ctx, STANDARD_SCOPES};
use crate::extract::{Known, Resource};
use crate::finding::Diag;
use crate::value::Span;

declare_rule! {
    pub struct UnknownOauthScope: "COG109", "unknown-oauth-scope", Error, Both,
    "a scope that is neither standard nor `identifier/name` of a resource server"
}

impl Check for UnknownOauthScope {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let Known::Value(scopes) = cx.body().list("allowed_oauth_scopes") else {
            return;
        };
        for (scope, span) in scopes.known() {
            if STANDARD_SCOPES.contains(&scope) || scope.is_empty() {
                continue;
            }
            match scope.rsplit_once('/') {
                None => {
                    let help = if scope.eq_ignore_ascii_case("cognito") {
                        "did you mean `aws.cognito.signin.user.admin`?".to_string()
                    } else if let Some(s) = closest(scope, STANDARD_SCOPES.iter().copied()) {
                        format!("did you mean `{s}`?")
                    } else {
                        "use a standard scope (openid, email, phone, profile, aws.cognito.signin.user.admin) or a resource-server scope `identifier/name`".to_string()
                    };
                    out.push(
                        Diag::new(span, format!("Invalid scope requested: {scope}")).help(help),
                    );
                }
                Some(_) => check_resource_scope(cx, scope, span, out),
            }
        }
    }
}

/// `identifier/name`: when a resource server of the module has that identifier and its scopes
/// are all known, `name` must be one of them.
fn check_resource_scope(cx: &Ctx, scope: &str, span: Span, out: &mut Vec<Diag>) {
    for server in cx.module.of_type("aws_cognito_resource_server") {
        let Known::Value(identifier) = server.body.string("identifier") else {
            continue;
        };
        let Some(name) = scope
            .strip_prefix(identifier.value.as_str())
            .and_then(|r| r.strip_prefix('/'))
        else {
            continue;
        };
        let Some(names) = scope_names(server) else {
            return;
        };
        if names.iter().any(|n| n == name) {
            return;
        }
        let help = match closest(name, names.iter().map(String::as_str)) {
            Some(s) => format!("did you mean `{}/{s}`?", identifier.value),
            None if names.is_empty() => {
                format!("add a `scope {{ scope_name = \"{name}\" }}` block to the resource server")
            }
            None => format!(
                "the resource server defines {}",
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        out.push(
            Diag::new(
                span,
                format!(
                    "resource server `{}` has no scope `{name}`",
                    identifier.value
                ),
            )
            .label(identifier.span, "resource server identifier")
            .help(help),
        );
        return;
    }
}

/// The resource server's scope names, `None` when any is not known.
fn scope_names(server: &Resource) -> Option<Vec<String>> {
    let mut names = Vec::new();
    for block in server.body.blocks.iter().filter(|b| b.name == "scope") {
        let body = block.body.as_ref()?;
        names.push(body.string("scope_name").value()?.value);
    }
    Some(names)
}
