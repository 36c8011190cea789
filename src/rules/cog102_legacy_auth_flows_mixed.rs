use super::{allow_twin, declare_rule, is_legacy_flow, list_text, modern_flows, password_note};
use super::{Check, Ctx};
use crate::extract::Known;
use crate::finding::{Applicability, Diag};

declare_rule! {
    pub struct LegacyAuthFlowsMixed: "COG102", "legacy-auth-flows-mixed", Error, Both,
    "`explicit_auth_flows` mixes legacy values with `ALLOW_*` values"
}

impl Check for LegacyAuthFlowsMixed {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let Known::Value(flows) = cx.body().list("explicit_auth_flows") else {
            return;
        };
        let mut legacy = flows.known().filter(|(f, _)| is_legacy_flow(f));
        let allow = flows.known().find(|(f, _)| f.starts_with("ALLOW_"));
        let (Some((first, first_span)), Some((allow, allow_span))) = (legacy.next(), allow) else {
            return;
        };
        // The primary on the first legacy element, so that each label sits under its item.
        let mut diag = Diag::new(
            first_span,
            "explicit_auth_flows mixes legacy values with ALLOW_* values",
        )
        .primary(format!("legacy `{first}`"));
        let mut replaced = vec![first];
        for (flow, span) in legacy {
            diag = diag.label(span, format!("legacy `{flow}`"));
            replaced.push(flow);
        }
        diag = diag.label(allow_span, format!("`{allow}`"));
        let twins: Vec<String> = replaced
            .iter()
            .map(|l| format!("`{}` for `{l}`", allow_twin(l).unwrap_or_default()))
            .collect();
        let Some(modern_list) = modern_flows(&flows) else {
            out.push(diag.help(format!(
                "write {}; AWS rejects legacy values together with ALLOW_* values",
                twins.join(", ")
            )));
            return;
        };
        let modern = list_text(&modern_list);
        let mut help = format!(
            "write `explicit_auth_flows = {modern}` ({}); AWS rejects legacy values together with ALLOW_* values",
            twins.join(", ")
        );
        if let Some(note) = password_note(&modern_list) {
            help.push_str(&format!("; {note}"));
        }
        // Each legacy value has an exact `ALLOW_*` twin; AWS rejects the mixed list today.
        out.push(diag.help(help).replace(flows.span, modern.clone()).fix_as(
            Applicability::Safe,
            format!("write `explicit_auth_flows = {modern}`"),
        ));
    }
}
