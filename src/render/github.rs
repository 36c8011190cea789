//! GitHub Actions workflow commands: each finding becomes an annotation on the pull request,
//! `::error file=F,line=L,col=C,endLine=..,endColumn=..,title=CODE name::message`.
//! Escaping follows `@actions/core`: `%`, CR and LF in the message; also `:` and `,` in
//! properties.

use super::{compact, positions, summary_line, Parts, RenderOptions};
use crate::finding::{Finding, Severity};
use crate::report::Report;
use std::fmt::Write;

pub fn render<'r>(
    report: &'r Report,
    suppressed: &[Box<Finding>],
    options: &RenderOptions,
) -> Parts<'r> {
    let mut parts = Parts::new();
    parts.each(&report.findings, move |out, _, finding| {
        annotation(out, report, finding)
    });
    let mut out = String::new();
    // Plain log lines, not commands: a suppressed finding must not annotate the pull request.
    for finding in suppressed {
        out.push_str("suppressed: ");
        compact::line(&mut out, report, finding, finding.severity.as_str());
    }
    if !options.quiet {
        let _ = writeln!(out, "cognito-lint: {}", summary_line(report));
    }
    parts.text(out);
    parts
}

fn annotation(out: &mut String, report: &Report, finding: &Finding) {
    let command = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let file = report.source(finding.diag.span.file);
    let (start, end) = positions(file, finding.diag.span);
    let mut properties = vec![
        ("file", file.display.clone()),
        ("line", start.line.to_string()),
    ];
    // GitHub takes columns only for an annotation on one line; its end column is inclusive.
    if start.line == end.line {
        properties.push(("col", start.column.to_string()));
        properties.push(("endLine", end.line.to_string()));
        let last = end.column.saturating_sub(1).max(start.column);
        properties.push(("endColumn", last.to_string()));
    } else {
        properties.push(("endLine", end.line.to_string()));
    }
    properties.push(("title", format!("{} {}", finding.code(), finding.name())));
    let properties: Vec<String> = properties
        .into_iter()
        .map(|(key, value)| format!("{key}={}", escape_property(&value)))
        .collect();
    let mut message = finding.diag.message.to_string();
    if let Some(help) = &finding.diag.help {
        let _ = write!(message, "\nhelp: {help}");
    }
    let _ = writeln!(
        out,
        "::{command} {}::{}",
        properties.join(","),
        escape_data(&message)
    );
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::{escape_data, escape_property};

    #[test]
    fn escapes_as_actions_core_does() {
        assert_eq!(escape_data("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad");
        assert_eq!(escape_property("C:\\x,y%"), "C%3A\\x%2Cy%25");
    }
}
