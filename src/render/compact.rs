//! `path:line:column: severity[CODE] message`, one line per finding, for problem matchers.
//! Suppressed findings, when listed, say `suppressed` where the severity goes, so that problem
//! matchers (which accept `error`, `warning`, `info`) skip them.

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
    let _ = write!(
        out,
        "{}:{line}:{column}: {severity}[{}] ",
        file.display, finding.code
    );
    // One line per finding, whatever the message holds.
    for part in finding.diag.message.split(['\n', '\r']).enumerate() {
        if part.0 > 0 {
            out.push(' ');
        }
        out.push_str(part.1);
    }
    out.push('\n');
}
