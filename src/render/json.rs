//! The JSON document of the contract (`version: 1`): stable keys, parsed by scripts.

use super::{positions, Position};
use crate::finding::{Finding, Severity};
use crate::value::Span;
use crate::Report;
use serde_json::{json, Value};

/// With `--show-suppressed`, a top-level `suppressed` array holds the suppressed findings in the
/// same shape as `diagnostics`.
pub fn render(report: &Report, suppressed: &[Finding]) -> String {
    let span = |span: Span| -> Value {
        let file = report.source(span.file);
        let (start, end) = positions(file, span);
        json!({ "start": position(&start), "end": position(&end) })
    };
    let diagnostic = |f: &Finding| -> Value {
        json!({
            "code": f.code,
            "name": f.name,
            "severity": f.severity.as_str(),
            "message": f.diag.message,
            "file": report.source(f.diag.span.file).display,
            "resource": f.resource,
            "span": span(f.diag.span),
            "labels": f.diag.labels.iter().filter(|l| l.span.file == f.diag.span.file).map(|l| json!({
                "message": l.message,
                "span": span(l.span),
            })).collect::<Vec<_>>(),
            "help": help(report, f),
            "fix": Value::Null,
        })
    };
    let diagnostics: Vec<Value> = report.findings.iter().map(diagnostic).collect();
    let mut doc = json!({
        "version": 1,
        "diagnostics": diagnostics,
        "summary": {
            "files": report.files,
            "clients": report.clients,
            "errors": report.count(Severity::Error),
            "warnings": report.count(Severity::Warning),
            "infos": report.count(Severity::Info),
            "suppressed": report.suppressed.len(),
        },
    });
    if !suppressed.is_empty() {
        doc["suppressed"] = suppressed.iter().map(diagnostic).collect();
    }
    let mut out = serde_json::to_string_pretty(&doc).expect("JSON values always serialize");
    out.push('\n');
    out
}

/// The help, with the places in other files (where a value was set) named in it: a label's
/// span is read against the finding's file, so those cannot be labels.
fn help(report: &Report, f: &Finding) -> Option<String> {
    let elsewhere: Vec<String> = f
        .diag
        .labels
        .iter()
        .filter(|l| l.span.file != f.diag.span.file)
        .map(|l| {
            let file = report.source(l.span.file);
            let (line, column) = file.line_col(l.span.start);
            format!("{} at {}:{line}:{column}", l.message, file.display)
        })
        .collect();
    match (&f.diag.help, elsewhere.is_empty()) {
        (help, true) => help.clone(),
        (Some(help), false) => Some(format!("{help} ({})", elsewhere.join("; "))),
        (None, false) => Some(elsewhere.join("; ")),
    }
}

fn position(p: &Position) -> Value {
    json!({ "line": p.line, "column": p.column, "offset": p.offset })
}
