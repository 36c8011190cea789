//! GitLab Code Quality: a JSON array of issues (`description`, `check_name`, `fingerprint`,
//! `severity`, `location.path`, `location.lines.begin`) that GitLab shows in merge requests when
//! a job uploads it as `artifacts:reports:codequality`. GitLab has no place for suppressed
//! findings, nor for the notes on unknown values (COG904), so they are never listed.

use super::escape::escape_line;
use super::json::elements;
use super::sarif::{fingerprint_hash, occurrences};
use super::Parts;
use crate::finding::{Finding, Severity};
use crate::report::Report;
use serde::Serialize;

/// One issue; fields in the order GitLab's examples give them.
#[derive(Serialize)]
struct Issue<'a> {
    /// Shown as text in the merge request widget.
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// The array as `serde_json::to_string_pretty` lays it out, its issues serialized in chunks
/// on the workers (CI uploads it on large trees).
pub fn render(report: &Report) -> Parts<'_> {
    let listed: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| !f.is_note())
        .map(|f| &**f)
        .collect();
    let mut parts = Parts::new();
    if listed.is_empty() {
        parts.text("[]\n");
        return parts;
    }
    // The same identity as SARIF's: GitLab compares issues between the merge request and its
    // target branch by fingerprint, so it must not change when code moves.
    let occurrences = occurrences(report, &listed, |f| f);
    parts.text("[\n");
    elements(&mut parts, listed.len(), 1, move |at| {
        let finding = listed[at];
        issue(
            report,
            finding,
            (fingerprint_hash(report, finding), occurrences[at]),
        )
    });
    parts.text("]\n");
    parts
}

fn issue<'r>(
    report: &'r Report,
    finding: &'r Finding,
    (hash, occurrence): (u64, u32),
) -> Issue<'r> {
    let file = report.source(finding.diag.span.file);
    let (line, _) = file.line_col(finding.diag.span.start as usize);
    Issue {
        description: format!(
            "{} {}: {}",
            finding.code(),
            finding.name(),
            escape_line(&finding.diag.message)
        ),
        check_name: finding.code(),
        fingerprint: format!("{hash:016x}:{occurrence}"),
        severity: severity(finding.severity),
        location: Location {
            path: &file.display,
            lines: Lines { begin: line },
        },
    }
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
