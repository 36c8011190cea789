//! Findings as LSP diagnostics, with what code actions and hovers need kept beside them.
//!
//! Positions: LSP counts columns in UTF-16 code units (the default encoding, the only one
//! every client supports), while spans are byte offsets: each is converted from its line's
//! start.

use super::uri;
use crate::finding::{Finding, Severity};
use crate::report::Report;
use crate::rules::UNUSED_SUPPRESSION;
use crate::source::SourceFile;
use crate::value::{FileId, Span};
use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag,
    Location, NumberOrString, Position, Range, TextEdit, Uri,
};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::str::FromStr;

pub const SOURCE: &str = "cognito-lint";

/// One published diagnostic and what it offers.
#[derive(Debug, Clone)]
pub struct Published {
    pub diagnostic: Diagnostic,
    pub code: &'static str,
    /// The finding's change, when it has one.
    pub fix: Option<Fix>,
    /// 0-based lines of the primary span's start and of the resource block it is in.
    pub line: u32,
    pub block_line: Option<u32>,
}

/// Edits that make a finding go away, all in the finding's file.
#[derive(Debug, Clone)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<TextEdit>,
    /// Safe: `source.fixAll` applies it, as `--fix` does; unsafe ones are offered one by one.
    pub safe: bool,
}

/// The report's findings by the (normalized) path of the file they are in.
pub fn by_file(report: &Report) -> BTreeMap<PathBuf, Vec<Published>> {
    let mut out: BTreeMap<PathBuf, Vec<Published>> = BTreeMap::new();
    for finding in &report.findings {
        let Some(file) = source(report, finding.diag.span.file) else {
            continue;
        };
        let path = crate::fs::normalize(&file.path);
        out.entry(path)
            .or_default()
            .push(publish(report, file, finding));
    }
    out
}

fn source(report: &Report, id: FileId) -> Option<&SourceFile> {
    let i = report.sources.binary_search_by_key(&id, |s| s.id).ok()?;
    Some(&report.sources[i])
}

fn publish(report: &Report, file: &SourceFile, finding: &Finding) -> Published {
    let mut message = finding.diag.message.to_string();
    if let Some(help) = &finding.diag.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = finding
        .diag
        .labels
        .iter()
        .filter_map(|label| {
            let file = source(report, label.span.file)?;
            Some(DiagnosticRelatedInformation {
                location: Location {
                    uri: uri::from_path(&std::path::absolute(&file.path).ok()?)?,
                    range: range(file, label.span),
                },
                message: label.message.to_string(),
            })
        })
        .collect();
    let diagnostic = Diagnostic {
        range: range(file, finding.diag.span),
        severity: Some(match finding.severity {
            // What the linter could not see, not a problem: the faintest an editor shows.
            _ if finding.is_note() => DiagnosticSeverity::HINT,
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(finding.code().to_string())),
        code_description: Uri::from_str(&crate::render::help_uri(finding.rule))
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: (finding.code() == UNUSED_SUPPRESSION.code).then(|| vec![DiagnosticTag::UNNECESSARY]),
        data: None,
    };
    Published {
        line: diagnostic.range.start.line,
        block_line: finding
            .block()
            .map(|b| position(file, b.start as usize).line),
        fix: fix_of(file, finding),
        code: finding.code(),
        diagnostic,
    }
}

/// The finding's change as a quick fix: the fix's message as its title, marked when unsafe.
/// A fix with an edit in another file (a variable's default, a tfvars value) is left to
/// `--fix`, rather than offered in part.
fn fix_of(file: &SourceFile, finding: &Finding) -> Option<Fix> {
    let fix = finding.diag.fix.as_ref()?;
    if fix.edits.is_empty() || fix.edits.iter().any(|e| e.span.file != file.id) {
        return None;
    }
    let edits = fix
        .edits
        .iter()
        .map(|e| TextEdit {
            range: range(file, e.span),
            new_text: e.text.to_string(),
        })
        .collect::<Vec<_>>();
    let safe = fix.applicability == crate::finding::Applicability::Safe;
    let title = format!(
        "Fix {}: {}{}",
        finding.code(),
        fix.message,
        if safe { "" } else { " (unsafe)" }
    );
    Some(Fix { title, edits, safe })
}

pub fn range(file: &SourceFile, span: Span) -> Range {
    Range {
        start: position(file, span.bytes().start),
        end: position(file, span.bytes().end.max(span.bytes().start)),
    }
}

/// The LSP position of a byte offset: 0-based line, UTF-16 column.
pub fn position(file: &SourceFile, offset: usize) -> Position {
    let text = file.text.as_str();
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let (line, _) = file.line_col(offset);
    let start = file.line_range(line).map_or(0, |r| r.start).min(offset);
    let before = &text[start..offset];
    // A byte-order mark is no character to an editor.
    let before = before.strip_prefix('\u{feff}').unwrap_or(before);
    Position {
        line: line.saturating_sub(1) as u32,
        character: before.encode_utf16().count() as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new(0, "a.tf".into(), "a.tf".into(), text.to_string())
    }

    #[test]
    fn columns_count_utf16_units() {
        // `é` is 2 bytes and 1 unit; `😀` is 4 bytes and 2 units.
        let f = file("a\n  é😀x = 1\n");
        let x = f.text.find('x').unwrap();
        assert_eq!(position(&f, x), Position::new(1, 5));
        assert_eq!(position(&f, 0), Position::new(0, 0));
        assert_eq!(position(&f, f.text.len()), Position::new(2, 0));
    }

    #[test]
    fn crlf_and_bom() {
        let f = file("\u{feff}a = 1\r\nb = 2\r\n");
        assert_eq!(position(&f, f.text.find('=').unwrap()), Position::new(0, 2));
        assert_eq!(position(&f, f.text.find('b').unwrap()), Position::new(1, 0));
    }
}
