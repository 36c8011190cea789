//! Output formats, one file each. Every format renders the same sorted findings.

mod compact;
mod json;
mod pretty;

use crate::finding::Severity;
use crate::source::SourceFile;
use crate::value::Span;
use crate::Report;

pub use pretty::PrettyOptions;

/// Where the rule pages are published; `explain` prints the same pages offline.
pub const DOCS_BASE_URL: &str = "https://github.com/cognito-lint/cognito-lint/blob/main/";

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Pretty,
    Compact,
    Json,
}

pub fn render(report: &Report, format: Format, pretty: &PrettyOptions) -> String {
    match format {
        Format::Pretty => pretty::render(report, pretty),
        Format::Compact => compact::render(report),
        Format::Json => json::render(report),
    }
}

/// A span's 1-based line and column at both ends.
pub(crate) struct Position {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

pub(crate) fn positions(file: &SourceFile, span: Span) -> (Position, Position) {
    let at = |offset: usize| {
        let (line, column) = file.line_col(offset);
        Position {
            line,
            column,
            offset,
        }
    };
    (at(span.start), at(span.end))
}

/// `3 errors, 1 warning in 2 files (14 clients checked)`.
pub fn summary_line(report: &Report) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let counts: Vec<String> = [
        (Severity::Error, "error"),
        (Severity::Warning, "warning"),
        (Severity::Info, "info"),
    ]
    .into_iter()
    .filter_map(|(s, word)| {
        let n = report.count(s);
        (n > 0).then(|| {
            if word == "info" {
                format!("{n} info")
            } else {
                plural(n, word)
            }
        })
    })
    .collect();
    let found = if counts.is_empty() {
        "no problems".to_string()
    } else {
        counts.join(", ")
    };
    format!(
        "{found} in {} ({} checked)",
        plural(report.files, "file"),
        plural(report.clients, "client")
    )
}
