//! Plan files (`terraform show -json`): named on the command line, their planned values are
//! checked module by module, with no evaluation (the plan holds what Terraform computed).

use crate::discover::is_json_config;
use crate::json;
use crate::rules::run::{run_rules, syntax_finding, Checked};
use crate::rules::RuleSelection;
use crate::source::{SourceFile, SyntaxError};
use crate::value::Span;
use std::path::Path;

/// A `.json` file that is not a JSON configuration: read as a plan when named.
pub(super) fn is_plan_candidate(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "json") && !is_json_config(path)
}

/// Checks the clients of a plan file, module by module: the findings, the clients checked,
/// and the offsets of their objects (a plan has instances, not blocks: each counts as one).
pub(super) fn check_plan(source: &SourceFile, selection: &RuleSelection) -> (Checked, Vec<usize>) {
    match json::plan::read(source.id, &source.text) {
        Ok(modules) => {
            let mut all = Checked::default();
            let mut blocks = Vec::new();
            for module in modules {
                blocks.extend(
                    module
                        .view
                        .clients
                        .iter()
                        .map(|c| c.block_span.bytes().start),
                );
                let mut checked = run_rules(&module.view, selection, &module.prefix, &|_| true);
                // A plan is Terraform's output, not what the user writes: no edits there.
                for f in &mut checked.findings {
                    f.diag.fix = None;
                }
                all.absorb(checked);
            }
            (all, blocks)
        }
        Err((offset, message)) => {
            let error = SyntaxError {
                span: Span::point(source.id, offset),
                message,
            };
            let checked = Checked {
                findings: syntax_finding(error, selection).into_iter().collect(),
                ..Checked::default()
            };
            (checked, Vec::new())
        }
    }
}
