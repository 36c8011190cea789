//! The JSON document of the contract (`version: 1`): stable keys, parsed by scripts.

use super::json_writer::{key, JsonWriter};
use super::{positions, Parts};
use crate::finding::{Finding, Severity};
use crate::report::Report;
use crate::value::Span;
use serde::Serialize;
use std::borrow::Cow;

/// The whole document in one value: how `render` lays it out (the test's oracle).
#[cfg(test)]
#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: Vec<Diagnostic<'a>>,
    summary: Summary,
    /// With `--show-suppressed`: the suppressed findings, in the same shape.
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressed: Option<Vec<Diagnostic<'a>>>,
}

#[cfg(test)]
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
    help: Option<Cow<'a, str>>,
    fix: Option<FixOut<'a>>,
}

/// A finding's fix: what it does, whether `--fix` applies it alone, and its edits (in the
/// file each names: a value set elsewhere is fixed where it is set).
#[cfg(test)]
#[derive(Serialize)]
struct FixOut<'a> {
    message: &'a str,
    applicability: &'a str,
    edits: Vec<EditOut<'a>>,
}

#[cfg(test)]
#[derive(Serialize)]
struct EditOut<'a> {
    file: &'a str,
    span: SpanOut,
    text: &'a str,
}

#[cfg(test)]
#[derive(Serialize)]
struct LabelOut<'a> {
    message: &'a str,
    span: SpanOut,
}

#[cfg(test)]
#[derive(Serialize)]
struct SpanOut {
    start: PositionOut,
    end: PositionOut,
}

#[cfg(test)]
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
    /// Clients with arguments rules needed but found unknown.
    clients_with_unknowns: usize,
    /// Those arguments, by cause.
    unknown_causes: std::collections::BTreeMap<&'static str, usize>,
    errors: usize,
    warnings: usize,
    infos: usize,
    /// COG904 notes among the diagnostics (`--show-unknown`), not counted in `infos`.
    notes: usize,
    suppressed: usize,
}

/// The document, in parts: the diagnostics are written in chunks on the worker threads
/// (CI reads JSON on large trees), then laid out as `serde_json::to_string_pretty` lays out
/// the whole document; the test below holds the bytes to it.
pub fn render<'r>(report: &'r Report, suppressed: &'r [Box<Finding>]) -> Parts<'r> {
    let summary = summary(report);
    let mut parts = Parts::new();
    parts.text("{\n  \"version\": 1,\n  \"diagnostics\": ");
    array(&mut parts, report, &report.findings);
    parts.text(format!(
        ",\n  \"summary\": {}",
        indented(&pretty(&summary), "  ", false)
    ));
    if !suppressed.is_empty() {
        parts.text(",\n  \"suppressed\": ");
        array(&mut parts, report, suppressed);
    }
    parts.text("\n}\n");
    parts
}

#[cfg(test)]
fn span_out(report: &Report, span: Span) -> SpanOut {
    let (start, end) = positions(report.source(span.file), span);
    SpanOut {
        start: position(&start),
        end: position(&end),
    }
}

#[cfg(test)]
fn diagnostic<'r>(report: &'r Report, f: &'r Finding) -> Diagnostic<'r> {
    Diagnostic {
        code: f.code(),
        name: f.name(),
        severity: f.severity.as_str(),
        message: &f.diag.message,
        file: &report.source(f.diag.span.file).display,
        resource: f.resource(),
        instances: f.addresses(),
        span: span_out(report, f.diag.span),
        labels: f
            .diag
            .labels
            .iter()
            .filter(|l| l.span.file == f.diag.span.file)
            .map(|l| LabelOut {
                message: &l.message,
                span: span_out(report, l.span),
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
                    span: span_out(report, e.span),
                    text: &e.text,
                })
                .collect(),
        }),
    }
}

/// Diagnostics are elements of the document's second level (`diagnostics[i]`).
const DIAGNOSTIC_DEPTH: usize = 2;

/// Writes one diagnostic: the fields of the contract's `Diagnostic`, in its order, `null` for
/// what a finding lacks (the test holds the bytes to the typed oracle's serialization).
fn write_diagnostic(w: &mut JsonWriter, report: &Report, f: &Finding) {
    let file = report.source(f.diag.span.file);
    w.open_object();
    w.string_entry(key!("code"), f.code());
    w.string_entry(key!("name"), f.name());
    w.string_entry(key!("severity"), f.severity.as_str());
    w.string_entry(key!("message"), &f.diag.message);
    w.string_entry(key!("file"), &file.display);
    w.key(key!("resource"));
    w.optional_string(f.resource());
    w.key(key!("instances"));
    w.strings(f.addresses());
    w.key(key!("span"));
    write_span(w, report, f.diag.span);
    w.key(key!("labels"));
    w.open_array();
    for label in f
        .diag
        .labels
        .iter()
        .filter(|l| l.span.file == f.diag.span.file)
    {
        w.element();
        w.open_object();
        w.string_entry(key!("message"), &label.message);
        w.key(key!("span"));
        write_span(w, report, label.span);
        w.close_object();
    }
    w.close_array();
    w.key(key!("help"));
    w.optional_string(help(report, f).as_deref());
    w.key(key!("fix"));
    match &f.diag.fix {
        None => w.null(),
        Some(fix) => {
            w.open_object();
            w.string_entry(key!("message"), &fix.message);
            w.string_entry(key!("applicability"), fix.applicability.as_str());
            w.key(key!("edits"));
            w.open_array();
            for edit in &fix.edits {
                w.element();
                w.open_object();
                w.string_entry(key!("file"), &report.source(edit.span.file).display);
                w.key(key!("span"));
                write_span(w, report, edit.span);
                w.string_entry(key!("text"), &edit.text);
                w.close_object();
            }
            w.close_array();
            w.close_object();
        }
    }
    w.close_object();
}

/// `{ "start": position, "end": position }`.
fn write_span(w: &mut JsonWriter, report: &Report, span: Span) {
    let (start, end) = positions(report.source(span.file), span);
    w.open_object();
    for (name, p) in [(key!("start"), start), (key!("end"), end)] {
        w.key(name);
        w.open_object();
        w.number_entry(key!("line"), p.line as u64);
        w.number_entry(key!("column"), p.column as u64);
        w.number_entry(key!("offset"), p.offset as u64);
        w.close_object();
    }
    w.close_object();
}

fn summary(report: &Report) -> Summary {
    Summary {
        files: report.files,
        clients: report.clients,
        client_blocks: report.client_blocks,
        clients_with_unknowns: report.unknowns.clients,
        unknown_causes: report.unknowns.causes.clone(),
        errors: report.count(Severity::Error),
        warnings: report.count(Severity::Warning),
        infos: report.count(Severity::Info),
        notes: report.notes(),
        suppressed: report.suppressed.len(),
    }
}

/// `findings` as a pretty JSON array at the document's second level, in chunks.
fn array<'r>(parts: &mut Parts<'r>, report: &'r Report, findings: &'r [Box<Finding>]) {
    if findings.is_empty() {
        parts.text("[]");
        return;
    }
    parts.text("[\n");
    written_elements(parts, findings.len(), DIAGNOSTIC_DEPTH, move |w, i| {
        write_diagnostic(w, report, &findings[i]);
    });
    parts.text("  ]");
}

pub(super) fn pretty<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("the document always serializes")
}

/// The `len` elements of a pretty JSON array `depth` levels into the document, element `i`
/// written by `write` with a [`JsonWriter`] at that depth, each on its lines and followed by a
/// comma but the last: drawn in chunks on the workers as the output is written.
pub(super) fn written_elements<'r, F>(parts: &mut Parts<'r>, len: usize, depth: usize, write: F)
where
    F: Fn(&mut JsonWriter, usize) + Send + Sync + 'r,
{
    let last = len.saturating_sub(1);
    parts.drawn(len, move |range, buffer| {
        let (start, count) = (range.start, range.len());
        let mut out = buffer.into_bytes();
        for i in range {
            (0..depth).for_each(|_| out.extend_from_slice(b"  "));
            write(&mut JsonWriter::new(&mut out, depth), i);
            out.extend_from_slice(if i < last { b",\n" } else { b"\n" });
            // Room for the chunk, each element as long as the first with a margin (a few
            // megabytes at most): growing the buffer as it went copied each chunk several times.
            if i == start {
                out.reserve((out.len() * (count - 1) * 5 / 4).min(CHUNK_RESERVE_MAX));
            }
        }
        String::from_utf8(out).expect("JSON is written as UTF-8")
    });
}

/// The most a chunk of elements reserves ahead: a chunk of SARIF results is about two
/// megabytes.
const CHUNK_RESERVE_MAX: usize = 4 << 20;

/// `text` with `indent` before each line (but the first, unless `first`): a nested value as
/// the whole document's pretty printing places it. JSON strings hold no raw newline.
fn indented(text: &str, indent: &str, first: bool) -> String {
    let mut out = String::with_capacity(text.len() + 16 * indent.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if i > 0 || first {
            out.push_str(indent);
        }
        out.push_str(line);
    }
    out
}

/// The help, with the places in other files (where a value was set) named in it: a label's
/// span is read against the finding's file, so those cannot be labels.
fn help<'r>(report: &'r Report, f: &'r Finding) -> Option<Cow<'r, str>> {
    let elsewhere: Vec<String> = f
        .diag
        .labels
        .iter()
        .filter(|l| l.span.file != f.diag.span.file)
        .map(|l| {
            let file = report.source(l.span.file);
            let (line, column) = file.line_col(l.span.start as usize);
            format!("{} at {}:{line}:{column}", l.message, file.display)
        })
        .collect();
    match (&f.diag.help, elsewhere.is_empty()) {
        (help, true) => help.as_deref().map(Cow::Borrowed),
        (Some(help), false) => Some(format!("{help} ({})", elsewhere.join("; ")).into()),
        (None, false) => Some(elsewhere.join("; ").into()),
    }
}

#[cfg(test)]
fn position(p: &super::Position) -> PositionOut {
    PositionOut {
        line: p.line,
        column: p.column,
        offset: p.offset,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parts, joined, are the bytes `serde_json` gives for the whole document: with
    /// findings (more than a chunk of them), without, and with suppressed ones.
    #[test]
    fn the_parts_are_the_whole_documents_pretty_printing() {
        let urls = r#"["http://x/\"q\""]"#;
        let many = crate::render::test_clients(1500, 1500, urls);
        let suppressed = "# cognito-lint:ignore-file COG204 reason\n".to_string()
            + &crate::render::test_clients(1, 1, urls);
        for text in [many.as_str(), "", suppressed.as_str()] {
            let report = crate::lint_texts(&[("main.tf", text)], &crate::RuleSelection::default());
            for hidden in [&[][..], &report.suppressed[..]] {
                let whole = Document {
                    version: 1,
                    diagnostics: report
                        .findings
                        .iter()
                        .map(|f| diagnostic(&report, f))
                        .collect(),
                    summary: summary(&report),
                    suppressed: (!hidden.is_empty())
                        .then(|| hidden.iter().map(|f| diagnostic(&report, f)).collect()),
                };
                let expected = pretty(&whole) + "\n";
                assert_eq!(render(&report, hidden).concat(), expected);
            }
        }
    }
}
