//! Checkstyle XML, which Jenkins (warnings-ng), reviewdog and many CI servers read: one `<file>`
//! per file with findings, one `<error>` per finding (checkstyle's severities include ours:
//! `error`, `warning`, `info`). Suppressed findings, when listed, have
//! checkstyle's own `ignore` severity.

use super::xml::{escape, DECLARATION};
use super::{positions, summary_line, RenderOptions};
use crate::finding::Finding;
use crate::report::Report;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The document in parts: each file's `<file>` element is drawn on the worker threads.
pub fn render(
    report: &Report,
    suppressed: &[Box<Finding>],
    options: &RenderOptions,
) -> Vec<String> {
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
    let mut out = String::from(DECLARATION);
    // The summary holds only words and numbers, so it cannot end the comment early.
    if !options.quiet {
        let _ = writeln!(out, "<!-- cognito-lint: {} -->", summary_line(report));
    }
    out.push_str("<checkstyle version=\"4.3\">\n");
    let files: Vec<(&str, Vec<(&Finding, &str)>)> = by_file.into_iter().collect();
    let mut parts = vec![out];
    let elements: Vec<String> = files.par_iter().map(|(file, findings)| {
        let mut out = String::with_capacity(64 + findings.len() * 160);
        let _ = writeln!(out, "  <file name=\"{}\">", escape(file));
        for &(finding, severity) in findings {
            let (start, _) = positions(report.source(finding.diag.span.file), finding.diag.span);
            let _ = writeln!(
                out,
                "    <error line=\"{}\" column=\"{}\" severity=\"{severity}\" message=\"{}\" source=\"cognito-lint.{}.{}\"/>",
                start.line,
                start.column,
                escape(&finding.diag.message),
                finding.code,
                finding.name,
            );
        }
        out.push_str("  </file>\n");
        out
    }).collect();
    parts.extend(elements);
    parts.push("</checkstyle>\n".to_string());
    parts
}
