use super::{argument_span, declare_rule, is_native, Check, Ctx};
use crate::extract::{BlockArg, Known};
use crate::finding::{Applicability, Diag};
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    pub struct AnalyticsConfigurationConflict: "COG008", "analytics-configuration-conflict", Error, Both,
    "`analytics_configuration` with a conflicting or incomplete set of arguments"
}

/// The ARN pattern of the AWS API model (AnalyticsConfigurationType). Its `\w` is Java's, ASCII
/// only; written out here, since the regex crate's `\w` would take any Unicode letter (and
/// compile large tables on first use).
static ARN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^arn:[0-9A-Za-z_+=/,.@-]+:[0-9A-Za-z_+=/,.@-]+:([0-9A-Za-z_+=/,.@-]*)?:[0-9]+:[0-9A-Za-z_+=/,.@-]+(:[0-9A-Za-z_+=/,.@-]+)?(:[0-9A-Za-z_+=/,.@-]+)?$").unwrap()
});
static HEX: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[0-9a-fA-F]+$").unwrap());

impl Check for AnalyticsConfigurationConflict {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let BlockArg::Present(block, body) = cx.body().block("analytics_configuration") else {
            return;
        };
        // Whether an argument is set is known even when its value is not (a Pinpoint app's
        // `arn`, known after apply): the provider checks the conflicts on the final values.
        let arn = body.set_at("application_arn");
        let id = body.set_at("application_id");
        match (&arn, &id) {
            (Known::Value(arn), Known::Value(id)) => {
                let mut diag = Diag::new(*id, "set either `application_arn` or `application_id`, not both")
                    .label(*arn, "application_arn set here")
                    .help("with `application_arn`, remove `application_id`, `external_id` and `role_arn`");
                for name in ["application_id", "external_id", "role_arn"] {
                    if let Some(attr) = body.attr(name).filter(|a| is_native(a.key_span, name)) {
                        diag = diag.replace(argument_span(attr), "");
                        diag = diag.fix_as(
                            // Which of the two settings was meant is the user's choice.
                            Applicability::Unsafe,
                            "remove `application_id`, `external_id` and `role_arn`",
                        );
                    }
                }
                out.push(diag);
            }
            (Known::Unset, Known::Unset) => out.push(
                Diag::new(block.ident_span, "`analytics_configuration` needs `application_arn` or `application_id`")
                    .help("set `application_arn` (the Pinpoint project ARN), or `application_id` with `external_id` and `role_arn`"),
            ),
            _ => {}
        }
        if let Known::Value(arn) = &arn {
            for name in ["external_id", "role_arn"] {
                let Known::Value(span) = body.set_at(name) else {
                    continue;
                };
                let diag = Diag::new(span, format!("`{name}` conflicts with `application_arn`"))
                    .label(*arn, "application_arn set here")
                    .help(format!("remove `{name}`: with `application_arn`, Cognito uses its service-linked role"));
                out.push(
                    match body.attr(name).filter(|a| is_native(a.key_span, name)) {
                        Some(attr) => diag
                            .replace(argument_span(attr), "")
                            .fix_as(Applicability::Unsafe, format!("remove `{name}`")),
                        None => diag,
                    },
                );
            }
        }
        if let Known::Value(arn) = body.string("application_arn") {
            check_arn("application_arn", &arn.value, arn.span, out);
        }
        if let Known::Value(id_span) = id {
            // Only what is surely unset is missing: an unknown value may be set.
            let missing: Vec<&str> = ["external_id", "role_arn"]
                .into_iter()
                .filter(|n| body.is_unset(n))
                .collect();
            // With both ids set, the conflict above is the finding.
            if arn.is_unset() && !missing.is_empty() {
                out.push(
                    Diag::new(
                        id_span,
                        format!("`application_id` also requires {}", list(&missing)),
                    )
                    .help("set `external_id` and `role_arn`, or use `application_arn` instead"),
                );
            }
        }
        if let Known::Value(id) = body.string("application_id") {
            if !HEX.is_match(&id.value) {
                out.push(Diag::new(
                    id.span,
                    format!(
                        "application_id `{}` is not a hexadecimal Pinpoint project ID",
                        id.value
                    ),
                ));
            }
        }
        if let Known::Value(role) = body.string("role_arn") {
            check_arn("role_arn", &role.value, role.span, out);
        }
    }
}

fn check_arn(name: &str, value: &str, span: crate::value::Span, out: &mut Vec<Diag>) {
    if !ARN.is_match(value) {
        out.push(
            Diag::new(span, format!("{name} `{value}` is not an ARN")).help(
                "an ARN looks like `arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc123`",
            ),
        );
    }
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(" and ")
}
