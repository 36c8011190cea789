//! GitLab Code Quality: a JSON array of issues (`description`, `check_name`, `fingerprint`,
//! `severity`, `location.path`, `location.lines.begin`) that GitLab shows in merge requests when
//! a job uploads it as `artifacts:reports:codequality`. GitLab has no place for suppressed
//! findings, nor for the notes on unknown values (COG904), so they are never listed.

use super::escape::escape_line;
use super::json::written_elements;
use super::json_writer::{key, JsonWriter};
use super::sarif::{fingerprint_hash, occurrences};
use super::Parts;
use crate::finding::{Finding, Severity};
use crate::report::Report;

/// The array as `serde_json::to_string_pretty` lays it out, its issues written in chunks
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
    written_elements(&mut parts, listed.len(), ISSUE_DEPTH, move |w, at| {
        let finding = listed[at];
        let fingerprint = (fingerprint_hash(report, finding), occurrences[at]);
        write_issue(w, report, finding, fingerprint);
    });
    parts.text("]\n");
    parts
}

/// Issues are the elements of the top-level array.
const ISSUE_DEPTH: usize = 1;

/// One issue; fields in the order GitLab's examples give them.
fn write_issue(
    w: &mut JsonWriter,
    report: &Report,
    finding: &Finding,
    (hash, occurrence): (u64, u32),
) {
    let file = report.source(finding.diag.span.file);
    let (line, _) = file.line_col(finding.diag.span.start as usize);
    w.open_object();
    // Shown as text in the merge request widget.
    w.key(key!("description"));
    let message = escape_line(&finding.diag.message);
    w.string_of(&[finding.code(), " ", finding.name(), ": ", &message]);
    w.string_entry(key!("check_name"), finding.code());
    w.key(key!("fingerprint"));
    w.fingerprint(hash, occurrence);
    w.string_entry(key!("severity"), severity(finding.severity));
    w.key(key!("location"));
    w.open_object();
    w.string_entry(key!("path"), &file.display);
    w.key(key!("lines"));
    w.open_object();
    w.number_entry(key!("begin"), line as u64);
    w.close_object();
    w.close_object();
    w.close_object();
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

#[cfg(test)]
mod tests {
    /// The parts, joined, are laid out as `serde_json` lays out the document they make: with
    /// more issues than a chunk, none, and a message with characters to escape.
    #[test]
    fn the_parts_are_the_whole_documents_pretty_printing() {
        let urls = r#"["http://x/\"q\"", "http://x/\"q\""]"#;
        let many = crate::render::test_clients(700, 700, urls);
        for text in [many.as_str(), ""] {
            let report = crate::lint_texts(&[("main.tf", text)], &crate::RuleSelection::default());
            let out = super::render(&report).concat();
            let doc: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
            assert_eq!(out, super::super::json::pretty(&doc) + "\n");
            let issues = doc.as_array().expect("an array");
            assert_eq!(issues.len(), report.findings.len());
            if let Some(first) = issues.first() {
                let keys: Vec<&str> = first.as_object().unwrap().keys().map(|k| &**k).collect();
                let expected = [
                    "description",
                    "check_name",
                    "fingerprint",
                    "severity",
                    "location",
                ];
                assert_eq!(keys, expected);
            }
        }
    }
}
