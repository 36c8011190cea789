//! miette's graphical reports: the snippet with labelled spans, help, and a summary line.

use super::escape::{escape_line, EscapedSource};
use super::snippet::Snippet;
use super::{compact, help_uri, summary_line, Parts, RenderOptions};
use crate::finding::{Finding, Severity};
use crate::report::Report;
use crate::source::SourceFile;
use crate::value::FileId;
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan};
use rayon::prelude::*;
use std::collections::HashMap;
use std::fmt;

/// How many lines above a finding a label of its file may start and still share its snippet.
const LINES_ABOVE: usize = 8;

/// One finding as miette sees it.
struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    /// `--fix` applies its fix: `[*]` after the code, as ruff marks it.
    fixable: bool,
    source: Snippet<'a>,
    labels: Vec<LabeledSpan>,
    /// Labels in other files (where a value was set), each shown with its own snippet.
    elsewhere: Vec<Elsewhere<'a>>,
}

/// A label in another file than the finding's.
#[derive(Debug)]
struct Elsewhere<'a> {
    message: String,
    source: Snippet<'a>,
    label: LabeledSpan,
}

impl fmt::Display for Elsewhere<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Elsewhere<'_> {}

impl Diagnostic for Elsewhere<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(self.label.clone())))
    }
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.diag.message)
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape_line(&self.finding.diag.message))
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let mark = if self.fixable { " [*]" } else { "" };
        Some(Box::new(format!(
            "{} {}{mark}",
            self.finding.code(),
            self.finding.name()
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(help_uri(self.finding.rule)))
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let resource = match &self.finding.instances[..] {
            [] => self
                .finding
                .resource()
                .map(|r| format!("resource: {}", escape_line(r))),
            many => Some(format!("resources: {}", escape_line(&many.join(", ")))),
        };
        let help = self.finding.diag.help.as_deref().map(escape_line);
        let fix = self.finding.diag.fix.as_ref().map(|fix| {
            let how = match (self.fixable, fix.applicability) {
                (true, _) => "--fix",
                (false, crate::finding::Applicability::Unsafe) => "--unsafe-fixes",
                (false, crate::finding::Applicability::Safe) => "by hand",
            };
            format!("fix ({how}): {}", escape_line(&fix.message))
        });
        let lines: Vec<String> = [help.map(|h| h.into_owned()), fix, resource]
            .into_iter()
            .flatten()
            .collect();
        if lines.is_empty() {
            return None;
        }
        Some(Box::new(lines.join("\n")))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        if self.elsewhere.is_empty() {
            return None;
        }
        Some(Box::new(
            self.elsewhere.iter().map(|e| e as &dyn Diagnostic),
        ))
    }
}

/// The findings' reports drawn as they are written (see [`Parts`]), then the suppressed
/// findings and the summary.
pub fn render<'r>(
    report: &'r Report,
    suppressed: &'r [Box<Finding>],
    options: &RenderOptions,
) -> Parts<'r> {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let drawer = Drawer {
        report,
        handler: GraphicalReportHandler::new_themed(theme)
            .with_width(options.width)
            // The rule page's URL after the code, as text: the same bytes on every terminal.
            .with_links(false),
        // Files whose text or name holds control characters are shown escaped (see `escape`).
        escaped: report
            .sources
            .par_iter()
            .filter_map(|s| Some((s.id, EscapedSource::new(s)?)))
            .collect(),
    };
    let mut parts = Parts::new();
    // Each report is drawn on its own, so the findings are drawn in parallel.
    parts.each(&report.findings, move |out, _, finding| {
        drawer.draw(out, finding)
    });
    let mut out = String::new();
    if !suppressed.is_empty() {
        // One line each: the full report was seen when the comment was written.
        out.push_str("suppressed by comments:\n");
        for finding in suppressed {
            out.push_str("  ");
            compact::line(&mut out, report, finding, finding.severity.as_str());
        }
        out.push('\n');
    }
    if !options.quiet {
        // Before the summary, which stays the last line.
        if let Some(fixable) = super::fixable_line(report) {
            out.push_str(&fixable);
            out.push('\n');
        }
        out.push_str(&summary_line(report));
        out.push('\n');
    }
    parts.text(out);
    parts
}

/// What drawing a finding's report reads.
struct Drawer<'r> {
    report: &'r Report,
    handler: GraphicalReportHandler,
    escaped: HashMap<FileId, EscapedSource>,
}

impl Drawer<'_> {
    /// The file as shown: escaped when its text or name holds control characters.
    fn shown(&self, id: FileId) -> &SourceFile {
        self.escaped
            .get(&id)
            .map_or_else(|| self.report.source(id), |e| &e.file)
    }

    fn span(&self, s: crate::value::Span) -> miette::SourceSpan {
        let s = match self.escaped.get(&s.file) {
            Some(e) => crate::value::Span {
                origin: s.origin,
                ..crate::value::Span::new(s.file, e.map(s.bytes().start)..e.map(s.bytes().end))
            },
            None => s,
        };
        super::snippet::label_span(self.shown(s.file), s)
    }

    /// One finding's report, and the blank line after it.
    fn draw(&self, out: &mut String, finding: &Finding) {
        let text = |t: &str| Some(escape_line(t).into_owned());
        let file = self.report.source(finding.diag.span.file);
        let source = Snippet::new(self.shown(file.id));
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            finding.diag.label.as_deref().and_then(text),
            self.span(finding.diag.span),
        )];
        // miette opens a report at its first label: a label of the same file far above the
        // finding (a resource server's identifier, a pool's schema) is shown after it, with its
        // own snippet, as labels in other files are.
        let primary_line = file.line_col(finding.diag.span.start as usize).0;
        let apart = |l: &&crate::finding::Label| {
            l.span.file != finding.diag.span.file
                || (l.span.start < finding.diag.span.start
                    && file.line_col(l.span.start as usize).0 + LINES_ABOVE < primary_line)
        };
        let elsewhere = finding
            .diag
            .labels
            .iter()
            .filter(apart)
            .map(|l| Elsewhere {
                message: escape_line(&l.message).into_owned(),
                source: Snippet::new(self.shown(l.span.file)),
                label: LabeledSpan::new_primary_with_span(text(&l.message), self.span(l.span)),
            })
            .collect();
        labels.extend(
            finding
                .diag
                .labels
                .iter()
                .filter(|l| !apart(l))
                .map(|l| LabeledSpan::new_with_span(text(&l.message), self.span(l.span))),
        );
        let diagnostic = FindingDiagnostic {
            finding,
            fixable: super::is_fixable(self.report, finding),
            source,
            labels,
            elsewhere,
        };
        let _ = self.handler.render_report(out, &diagnostic);
        out.push('\n');
    }
}
