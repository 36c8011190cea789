//! `path:line:column: severity[CODE] message`, one line per finding, for problem matchers.

use super::positions;
use crate::Report;
use std::fmt::Write;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let file = report.source(finding.diag.span.file);
        let (start, _) = positions(file, finding.diag.span);
        let message = finding.diag.message.replace(['\n', '\r'], " ");
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {message}",
            file.display, start.line, start.column, finding.severity, finding.code
        );
    }
    out
}
