//! The JSON document of the contract (`version: 1`): stable keys, parsed by scripts.

use super::{positions, Parts, Position};
use crate::finding::{Finding, Severity};
use crate::report::Report;
use crate::value::Span;
use serde::Serialize;
use std::borrow::Cow;
use std::io;

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

/// The document, in parts: the diagnostics are serialized in chunks on the worker threads
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

fn span_out(report: &Report, span: Span) -> SpanOut {
    let (start, end) = positions(report.source(span.file), span);
    SpanOut {
        start: position(&start),
        end: position(&end),
    }
}

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
    elements(parts, findings.len(), 2, move |i| {
        diagnostic(report, &findings[i])
    });
    parts.text("  ]");
}

pub(super) fn pretty<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("the document always serializes")
}

/// The `len` elements of a pretty JSON array `depth` levels into the document (element `i`
/// is `element(i)`), each on its lines and followed by a comma but the last: drawn in chunks
/// on the workers as the output is written.
pub(super) fn elements<'r, T, F>(parts: &mut Parts<'r>, len: usize, depth: usize, element: F)
where
    T: Serialize,
    F: Fn(usize) -> T + Send + Sync + 'r,
{
    written_elements(parts, len, depth, move |out, i| {
        pretty_into(out, &element(i), depth)
    });
}

/// Like [`elements`], each element written by `write(out, i)` as [`pretty_into`] would lay it
/// out (see [`super::json_writer`]).
pub(super) fn written_elements<'r, F>(parts: &mut Parts<'r>, len: usize, depth: usize, write: F)
where
    F: Fn(&mut Vec<u8>, usize) + Send + Sync + 'r,
{
    let last = len.saturating_sub(1);
    parts.drawn(len, move |range| {
        let (start, count) = (range.start, range.len());
        let mut out = Vec::new();
        for i in range {
            (0..depth).for_each(|_| out.extend_from_slice(b"  "));
            write(&mut out, i);
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

/// Appends `value` to `out` as [`pretty`] lays it out `depth` levels into the whole document:
/// its lines after the first indented for that depth, with no copy of the text to indent it.
fn pretty_into<T: Serialize>(out: &mut Vec<u8>, value: &T, depth: usize) {
    let formatter = Nested {
        depth,
        has_value: false,
    };
    let mut serializer = serde_json::Serializer::with_formatter(out, formatter);
    value
        .serialize(&mut serializer)
        .expect("the document always serializes");
}

/// serde_json's `PrettyFormatter` with its two-space indent, starting `depth` levels in (its
/// own level is private, so its rules are restated here; the tests hold the bytes alike).
struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    fn open(&mut self, out: &mut (impl io::Write + ?Sized), bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close(&mut self, out: &mut (impl io::Write + ?Sized), bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            out.write_all(b"\n")?;
            self.indent(out)?;
        }
        out.write_all(bracket)
    }

    fn next(&mut self, out: &mut (impl io::Write + ?Sized), first: bool) -> io::Result<()> {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(out)
    }

    /// Two spaces a level, in one write while the depth is within `SPACES`.
    fn indent(&self, out: &mut (impl io::Write + ?Sized)) -> io::Result<()> {
        const SPACES: &[u8; 64] = &[b' '; 64];
        match SPACES.get(..2 * self.depth) {
            Some(spaces) => out.write_all(spaces),
            None => (0..self.depth).try_for_each(|_| out.write_all(b"  ")),
        }
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: io::Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: io::Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: io::Write + ?Sized>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.next(out, first)
    }

    fn end_array_value<W: io::Write + ?Sized>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: io::Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: io::Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: io::Write + ?Sized>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.next(out, first)
    }

    fn begin_object_value<W: io::Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: io::Write + ?Sized>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

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

fn position(p: &Position) -> PositionOut {
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
        let client = |i: usize| {
            format!(
                "resource \"aws_cognito_user_pool_client\" \"c{i}\" {{\n  name = \"c\"\n  \
                 user_pool_id = \"p\"\n  access_token_validity = 48\n  callback_urls = \
                 [\"http://x/\\\"q\\\"\"]\n}}\n"
            )
        };
        let many: String = (0..1500).map(client).collect();
        let suppressed = "# cognito-lint:ignore-file COG204 reason\n".to_string() + &client(0);
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
