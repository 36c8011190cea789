use super::{declare_rule, is_legacy_flow, Check, Ctx};
use crate::extract::Known;
use crate::finding::Diag;

declare_rule! {
    pub struct LegacyAuthFlowsMixed: "COG102", "legacy-auth-flows-mixed", Error, Both,
    "`explicit_auth_flows` mixes legacy values with `ALLOW_*` values"
}

impl Check for LegacyAuthFlowsMixed {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let Known::Value(flows) = cx.body().list("explicit_auth_flows") else {
            return;
        };
        let legacy = flows.known().find(|(f, _)| is_legacy_flow(f));
        let allow = flows.known().find(|(f, _)| f.starts_with("ALLOW_"));
        if let (Some((legacy, legacy_span)), Some((allow, allow_span))) = (legacy, allow) {
            out.push(
                Diag::new(flows.span, "explicit_auth_flows mixes legacy values with ALLOW_* values")
                    .label(legacy_span, format!("legacy `{legacy}`"))
                    .label(allow_span, format!("`{allow}`"))
                    .help(format!(
                        "replace `{legacy}` with `{}`; AWS rejects legacy values together with ALLOW_* values",
                        super::LEGACY_FLOWS.iter().find(|(l, _)| *l == legacy).map_or("", |(_, r)| r)
                    )),
            );
        }
    }
}
