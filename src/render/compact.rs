//! `path:line:column: severity[CODE] message`, one line per finding, for problem matchers.
//! Suppressed findings, when listed, say `suppressed` where the severity goes, so that problem
//! matchers (which accept `error`, `warning`, `info`) skip them.

use super::escape::escape_line;
use super::in_parallel;
use crate::finding::Finding;
use crate::report::Report;
use std::fmt::Write;

pub fn render(report: &Report, suppressed: &[Finding]) -> Vec<String> {
    let mut parts = in_parallel(&report.findings, |out, finding| {
        line(out, report, finding, finding.severity.as_str())
    });
    parts.extend(in_parallel(suppressed, |out, finding| {
        line(out, report, finding, "suppressed")
    }));
    parts
}

/// One finding's line, newline included.
pub(super) fn line(out: &mut String, report: &Report, finding: &Finding, severity: &str) {
    let file = report.source(finding.diag.span.file);
    let (line, column) = file.line_col(finding.diag.span.start);
    let fixable = match super::is_fixable(report, finding) {
        true => "[*] ",
        false => "",
    };
    // One line per finding, whatever the path and the message hold.
    let _ = writeln!(
        out,
        "{}:{line}:{column}: {severity}[{}] {fixable}{}",
        escape_line(&file.display),
        finding.code,
        escape_line(&finding.diag.message)
    );
}
