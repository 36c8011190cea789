//! COG903: reported when a root module's check ran past an evaluation budget
//! (`eval/limits.rs`); this file holds its metadata and builds the finding.

use super::{declare_rule, RuleSelection};
use crate::eval::Cut;
use crate::finding::{Diag, Finding};
use crate::value::Span;

declare_rule! {
    pub static EVALUATION_BUDGET_EXCEEDED: "COG903", "evaluation-budget-exceeded", Info, Both,
    "a module asked for more evaluation than the linter does: values past the cut are unknown and not checked"
}

/// The finding for the first cut a root's budgets made, at the expression where it happened.
pub fn budget_finding(cut: Cut, span: Span, selection: &RuleSelection) -> Option<Finding> {
    let meta = &EVALUATION_BUDGET_EXCEEDED;
    selection.is_enabled(meta.code, meta.name).then(|| Finding {
        rule: meta,
        severity: selection.severity_of(meta.code, meta.severity),
        at: None,
        instances: thin_vec::ThinVec::new(),
        fingerprint: None,
        diag: Diag::new(span, format!("evaluation stopped here: {}", cut.describe())).help(
            "values from here on are unknown, and the rules that read them stay silent; \
             the README's Robustness section lists the limits",
        ),
    })
}
