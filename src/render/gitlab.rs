//! GitLab Code Quality: a JSON array of issues (`description`, `check_name`, `fingerprint`,
//! `severity`, `location.path`, `location.lines.begin`) that GitLab shows in merge requests when
//! a job uploads it as `artifacts:reports:codequality`. GitLab has no place for suppressed
//! findings, nor for the notes on unknown values (COG904), so they are never listed.

use super::escape::escape_line;
use super::sarif::fingerprint;
use crate::finding::Severity;
use crate::report::Report;
use serde_json::{json, Value};
use std::collections::HashMap;

pub fn render(report: &Report) -> String {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    let issues: Vec<Value> = report
        .findings
        .iter()
        .filter(|f| !f.is_note())
        .map(|finding| {
            let file = report.source(finding.diag.span.file);
            let (line, _) = file.line_col(finding.diag.span.start);
            // The same identity as SARIF's: GitLab compares issues between the merge request
            // and its target branch by fingerprint, so it must not change when code moves.
            let hash = fingerprint(report, finding);
            let occurrence = seen.entry(hash).or_insert(0);
            *occurrence += 1;
            json!({
                // Shown as text in the merge request widget.
                "description": format!(
                    "{} {}: {}",
                    finding.code,
                    finding.name,
                    escape_line(&finding.diag.message)
                ),
                "check_name": finding.code,
                "fingerprint": format!("{hash:016x}:{occurrence}"),
                "severity": severity(finding.severity),
                "location": {
                    "path": file.display,
                    "lines": { "begin": line },
                },
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&issues).expect("the issues always serialize");
    out.push('\n');
    out
}

/// GitLab's scale is info, minor, major, critical, blocker; ours maps onto its lower half, as
/// ESLint's and ruff's GitLab formatters do.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}
