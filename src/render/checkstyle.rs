//! Checkstyle XML, which Jenkins (warnings-ng), reviewdog and many CI servers read: one `<file>`
//! per file with findings, one `<error>` per finding (checkstyle's severities include ours:
//! `error`, `warning`, `info`). Suppressed findings, when listed, have
//! checkstyle's own `ignore` severity.

use super::xml::{escape, DECLARATION};
use super::{positions, summary_line, Parts, RenderOptions};
use crate::finding::Finding;
use crate::report::Report;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The document in parts: the `<file>` elements are drawn as they are written, a chunk of
/// files at a time on the worker threads (see [`Parts`]).
pub fn render<'r>(
    report: &'r Report,
    suppressed: &'r [Box<Finding>],
    options: &RenderOptions,
) -> Parts<'r> {
    // Findings are sorted by file already; the map keeps that order and merges the suppressed.
    let mut by_file: BTreeMap<&str, Vec<(&Finding, &str)>> = BTreeMap::new();
    let listed = report
        .findings
        .iter()
        .map(|f| (&**f, f.severity.as_str()))
        .chain(suppressed.iter().map(|f| (&**f, "ignore")));
    for (finding, severity) in listed {
        let file = report.source(finding.diag.span.file).display.as_str();
        by_file.entry(file).or_default().push((finding, severity));
    }
    let mut head = String::from(DECLARATION);
    // The summary holds only words and numbers, so it cannot end the comment early.
    if !options.quiet {
        let _ = writeln!(head, "<!-- cognito-lint: {} -->", summary_line(report));
    }
    head.push_str("<checkstyle version=\"4.3\">\n");
    let files: Vec<(&str, Vec<(&Finding, &str)>)> = by_file.into_iter().collect();
    let mut parts = Parts::new();
    parts.text(head);
    parts.drawn(files.len(), move |range, mut out| {
        for (file, findings) in &files[range] {
            element(&mut out, report, file, findings);
        }
        out
    });
    parts.text("</checkstyle>\n");
    parts
}

/// One file's `<file>` element, with an `<error>` for each of its findings.
fn element(out: &mut String, report: &Report, file: &str, findings: &[(&Finding, &str)]) {
    let _ = writeln!(out, "  <file name=\"{}\">", escape(file));
    for &(finding, severity) in findings {
        let (start, _) = positions(report.source(finding.diag.span.file), finding.diag.span);
        let _ = writeln!(
            out,
            "    <error line=\"{}\" column=\"{}\" severity=\"{severity}\" message=\"{}\" source=\"cognito-lint.{}.{}\"/>",
            start.line,
            start.column,
            escape(&finding.diag.message),
            finding.code(),
            finding.name(),
        );
    }
    out.push_str("  </file>\n");
}
