use super::suggest::{closest, is_unambiguous};
use super::{declare_rule, is_well_formed_scope, Check, Ctx, STANDARD_SCOPES};
use crate::extract::{Known, Resource};
use crate::finding::{quoted, Applicability, Diag};
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
        let client_credentials = match cx.body().list("allowed_oauth_flows") {
            Known::Value(flows) => flows.contains("client_credentials"),
            _ => false,
        };
        for (scope, span) in scopes.known() {
            // A scope of the wrong length or characters is COG006's (one mistake, one finding).
            if STANDARD_SCOPES.contains(&scope) || !is_well_formed_scope(scope) {
                continue;
            }
            match scope.rsplit_once('/') {
                None => {
                    let suggestion = if scope.eq_ignore_ascii_case("cognito") {
                        Some("aws.cognito.signin.user.admin")
                    } else {
                        closest(scope, STANDARD_SCOPES.iter().copied())
                    };
                    let diag = Diag::new(span, format!("Invalid scope requested: {scope}"));
                    out.push(match suggestion {
                        // A standard scope does not work with `client_credentials` (COG105).
                        Some(s) if client_credentials => diag.help(format!(
                            "did you mean `{s}`? with `client_credentials`, only a resource-server scope `identifier/name` works (COG105)"
                        )),
                        Some(s) => diag
                            .help(format!("did you mean `{s}`?"))
                            .replace(span, quoted(s))
                            // AWS rejects the scope today; one close standard scope is meant.
                            .fix_as(
                                match is_unambiguous(scope, STANDARD_SCOPES.iter().copied(), s) {
                                    true => Applicability::Safe,
                                    false => Applicability::Unsafe,
                                },
                                format!("replace with `{}`", quoted(s)),
                            ),
                        None => diag.help("use a standard scope (openid, email, phone, profile, aws.cognito.signin.user.admin) or a resource-server scope `identifier/name`"),
                    });
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
            .strip_prefix(&*identifier.value)
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
        let suggestion = closest(name, names.iter().map(String::as_str));
        let help = match suggestion {
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
        let diag = Diag::new(
            span,
            format!(
                "resource server `{}` has no scope `{name}`",
                identifier.value
            ),
        )
        .label(identifier.span, "resource server identifier")
        .help(help);
        out.push(match suggestion {
            Some(s) => {
                let scope = quoted(&format!("{}/{s}", identifier.value));
                // Another scope of the server: a guess at what was meant.
                let message = format!("replace with `{scope}`");
                diag.replace(span, scope)
                    .fix_as(Applicability::Unsafe, message)
            }
            None => diag,
        });
        return;
    }
}

/// The resource server's scope names, `None` when any is not known.
fn scope_names(server: &Resource) -> Option<Vec<String>> {
    let mut names = Vec::new();
    for block in server.body.blocks.iter().filter(|b| b.name == "scope") {
        let body = block.body.as_ref().ok()?;
        names.push(body.string("scope_name").value()?.value.into_owned());
    }
    Some(names)
}
