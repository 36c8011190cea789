//! `path:line:column: severity[CODE] message`, one line per finding, for problem matchers.
//! Suppressed findings, when listed, say `suppressed` where the severity goes, so that problem
//! matchers (which accept `error`, `warning`, `info`) skip them.

use super::escape::escape_line;
use super::Parts;
use crate::finding::Finding;
use crate::report::Report;
use std::fmt::Write;

pub fn render<'r>(report: &'r Report, suppressed: &'r [Box<Finding>]) -> Parts<'r> {
    let mut parts = Parts::new();
    parts.each(&report.findings, move |out, _, finding| {
        line(out, report, finding, finding.severity.as_str())
    });
    parts.each(suppressed, move |out, _, finding| {
        line(out, report, finding, "suppressed")
    });
    parts
}

/// One finding's line, newline included.
pub(super) fn line(out: &mut String, report: &Report, finding: &Finding, severity: &str) {
    let file = report.source(finding.diag.span.file);
    let (line, column) = file.line_col(finding.diag.span.start as usize);
    let fixable = match super::is_fixable(report, finding) {
        true => "[*] ",
        false => "",
    };
    // One line per finding, whatever the path and the message hold. Pushed piece by piece:
    // a million lines through `writeln!`'s padding machinery was a visible part of the run.
    out.push_str(&escape_line(&file.display));
    let _ = write!(out, ":{line}:{column}: ");
    for piece in [severity, "[", finding.code(), "] ", fixable] {
        out.push_str(piece);
    }
    out.push_str(&escape_line(&finding.diag.message));
    out.push('\n');
}
