//! JUnit XML, which GitLab (`artifacts:reports:junit`), Jenkins, Azure Pipelines and most CI
//! servers show as test results: one `<testcase>` per finding, failed, with the file as class
//! name. Suppressed findings, when listed, are skipped test cases, and so are the notes on
//! unknown values (COG904, `--show-unknown`): checks that did not run. A clean run is one
//! empty suite.

use super::xml::{escape, escape_text, DECLARATION};
use super::{help_uri, positions, summary_line, Parts};
use crate::finding::Finding;
use crate::report::Report;
use std::fmt::Write;

/// The document in parts: the test cases are drawn in chunks on the worker threads.
pub fn render<'r>(report: &'r Report, suppressed: &'r [Box<Finding>]) -> Parts<'r> {
    let notes = report.notes();
    let failures = report.findings.len() - notes;
    let skipped = suppressed.len() + notes;
    let tests = failures + skipped;
    let counts =
        format!("tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\"");
    let mut out = String::from(DECLARATION);
    let _ = writeln!(out, "<testsuites name=\"cognito-lint\" {counts}>");
    let _ = writeln!(out, "  <testsuite name=\"cognito-lint\" {counts}>");
    out.push_str("    <properties>\n");
    for (name, value) in [
        ("files", report.files.to_string()),
        ("clients", report.clients.to_string()),
        ("client_blocks", report.client_blocks.to_string()),
        ("suppressed", report.suppressed.len().to_string()),
        ("summary", summary_line(report)),
    ] {
        let _ = writeln!(
            out,
            "      <property name=\"{name}\" value=\"{}\"/>",
            escape(&value)
        );
    }
    out.push_str("    </properties>\n");
    let mut parts = Parts::new();
    parts.text(out);
    parts.each(&report.findings, move |out, _, f| {
        testcase(out, report, f, false)
    });
    parts.each(suppressed, move |out, _, f| testcase(out, report, f, true));
    parts.text("  </testsuite>\n</testsuites>\n");
    parts
}

fn testcase(out: &mut String, report: &Report, finding: &Finding, suppressed: bool) {
    let file = report.source(finding.diag.span.file);
    let (start, _) = positions(file, finding.diag.span);
    let location = format!("{}:{}:{}", file.display, start.line, start.column);
    let name = format!("{} {} at {location}", finding.code(), finding.name());
    let _ = writeln!(
        out,
        "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" line=\"{}\">",
        escape(&name),
        escape(&file.display),
        escape(&file.display),
        start.line,
    );
    if suppressed {
        out.push_str("      <skipped message=\"suppressed by a comment\"/>\n");
    } else if finding.is_note() {
        let _ = writeln!(
            out,
            "      <skipped message=\"{}\"/>",
            escape(&finding.diag.message)
        );
    } else {
        let mut body = format!(
            "{}[{}] {}\nat {location}",
            finding.severity,
            finding.code(),
            finding.diag.message
        );
        if let Some(resource) = finding.resource() {
            let _ = write!(body, " in {resource}");
        }
        if let Some(help) = &finding.diag.help {
            let _ = write!(body, "\nhelp: {help}");
        }
        let _ = write!(body, "\ndocs: {}", help_uri(finding.rule));
        let _ = writeln!(
            out,
            "      <failure type=\"{}\" message=\"{}\">{}</failure>",
            finding.severity,
            escape(&finding.diag.message),
            escape_text(&body),
        );
    }
    out.push_str("    </testcase>\n");
}
