//! The JSON document of the contract (`version: 1`): stable keys, parsed by scripts.

use super::{positions, Position};
use crate::finding::{Finding, Severity};
use crate::report::Report;
use crate::value::Span;
use serde::Serialize;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: Vec<Diagnostic<'a>>,
    summary: Summary,
    /// With `--show-suppressed`: the suppressed findings, in the same shape.
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressed: Option<Vec<Diagnostic<'a>>>,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'a str,
    message: &'a str,
    file: &'a str,
    resource: Option<&'a str>,
    /// Every address the finding applies at (its instances, module calls), or its resource.
    instances: Vec<&'a str>,
    span: SpanOut,
    labels: Vec<LabelOut<'a>>,
    help: Option<String>,
    fix: Option<FixOut<'a>>,
}

/// A finding's fix: what it does, whether `--fix` applies it alone, and its edits (in the
/// file each names: a value set elsewhere is fixed where it is set).
#[derive(Serialize)]
struct FixOut<'a> {
    message: &'a str,
    applicability: &'a str,
    edits: Vec<EditOut<'a>>,
}

#[derive(Serialize)]
struct EditOut<'a> {
    file: &'a str,
    span: SpanOut,
    text: &'a str,
}

#[derive(Serialize)]
struct LabelOut<'a> {
    message: &'a str,
    span: SpanOut,
}

#[derive(Serialize)]
struct SpanOut {
    start: PositionOut,
    end: PositionOut,
}

#[derive(Serialize)]
struct PositionOut {
    line: usize,
    column: usize,
    offset: usize,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    clients: usize,
    client_blocks: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    suppressed: usize,
}

pub fn render<'r>(report: &'r Report, suppressed: &'r [Finding]) -> String {
    let span = |span: Span| -> SpanOut {
        let (start, end) = positions(report.source(span.file), span);
        SpanOut {
            start: position(&start),
            end: position(&end),
        }
    };
    let diagnostic = |f: &'r Finding| Diagnostic {
        code: f.code,
        name: f.name,
        severity: f.severity.as_str(),
        message: &f.diag.message,
        file: &report.source(f.diag.span.file).display,
        resource: f.resource.as_deref(),
        instances: f.addresses(),
        span: span(f.diag.span),
        labels: f
            .diag
            .labels
            .iter()
            .filter(|l| l.span.file == f.diag.span.file)
            .map(|l| LabelOut {
                message: &l.message,
                span: span(l.span),
            })
            .collect(),
        help: help(report, f),
        fix: f.diag.fix.as_ref().map(|fix| FixOut {
            message: &fix.message,
            applicability: fix.applicability.as_str(),
            edits: fix
                .edits
                .iter()
                .map(|e| EditOut {
                    file: &report.source(e.span.file).display,
                    span: span(e.span),
                    text: &e.text,
                })
                .collect(),
        }),
    };
    let document = Document {
        version: 1,
        diagnostics: report.findings.iter().map(diagnostic).collect(),
        summary: Summary {
            files: report.files,
            clients: report.clients,
            client_blocks: report.client_blocks,
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            infos: report.count(Severity::Info),
            suppressed: report.suppressed.len(),
        },
        suppressed: (!suppressed.is_empty()).then(|| suppressed.iter().map(diagnostic).collect()),
    };
    let mut out = serde_json::to_string_pretty(&document).expect("the document always serializes");
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

fn position(p: &Position) -> PositionOut {
    PositionOut {
        line: p.line,
        column: p.column,
        offset: p.offset,
    }
}
