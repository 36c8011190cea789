//! `path:line:column: severity[CODE] message`, one line per finding, for problem matchers.
//! Suppressed findings, when listed, say `suppressed` where the severity goes, so that problem
//! matchers (which accept `error`, `warning`, `info`) skip them.

use super::positions;
use crate::finding::Finding;
use crate::Report;

pub fn render(report: &Report, suppressed: &[Finding]) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        out.push_str(&line(report, finding, finding.severity.as_str()));
    }
    for finding in suppressed {
        out.push_str(&line(report, finding, "suppressed"));
    }
    out
}

/// One finding's line, newline included.
pub(super) fn line(report: &Report, finding: &Finding, severity: &str) -> String {
    let file = report.source(finding.diag.span.file);
    let (start, _) = positions(file, finding.diag.span);
    let message = finding.diag.message.replace(['\n', '\r'], " ");
    format!(
        "{}:{}:{}: {severity}[{}] {message}\n",
        file.display, start.line, start.column, finding.code
    )
}
