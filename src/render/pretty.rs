//! miette's graphical reports: the snippet with labelled spans, help, and a summary line.

use super::{compact, help_uri, summary_line, RenderOptions};
use crate::finding::{Finding, Severity};
use crate::rules::find_meta;
use crate::Report;
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan,
};
use std::fmt;

/// One finding as miette sees it.
struct Report1<'a> {
    finding: &'a Finding,
    source: NamedSource<String>,
    labels: Vec<LabeledSpan>,
    url: String,
}

impl fmt::Debug for Report1<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.diag.message)
    }
}

impl fmt::Display for Report1<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.diag.message)
    }
}

impl std::error::Error for Report1<'_> {}

impl Diagnostic for Report1<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{}({})",
            self.finding.code, self.finding.name
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let help = self.finding.diag.help.as_deref();
        let resource = self.finding.resource.as_deref();
        match (help, resource) {
            (Some(h), Some(r)) => Some(Box::new(format!("{h}\nin {r}"))),
            (Some(h), None) => Some(Box::new(h)),
            (None, Some(r)) => Some(Box::new(format!("in {r}"))),
            (None, None) => None,
        }
    }

    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.url))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

pub fn render(report: &Report, suppressed: &[Finding], options: &RenderOptions) -> String {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false)
        .with_link_display_text("docs");
    let mut out = String::new();
    for finding in &report.findings {
        let file = report.source(finding.diag.span.file);
        let source = NamedSource::new(&file.display, file.text.clone()).with_language("hcl");
        let span = |s: crate::value::Span| SourceSpan::new(s.start.into(), s.end - s.start);
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            finding.diag.label.clone(),
            span(finding.diag.span),
        )];
        // Labels in other files cannot share this snippet; they are listed in the help.
        labels.extend(
            finding
                .diag
                .labels
                .iter()
                .filter(|l| l.span.file == finding.diag.span.file)
                .map(|l| LabeledSpan::new_with_span(Some(l.message.clone()), span(l.span))),
        );
        let url = find_meta(finding.code).map(help_uri).unwrap_or_default();
        let diagnostic = Report1 {
            finding,
            source,
            labels,
            url,
        };
        let _ = handler.render_report(&mut out, &diagnostic);
        out.push('\n');
    }
    if !suppressed.is_empty() {
        // One line each: the full report was seen when the comment was written.
        out.push_str("suppressed by comments:\n");
        for finding in suppressed {
            out.push_str("  ");
            out.push_str(&compact::line(report, finding, finding.severity.as_str()));
        }
        out.push('\n');
    }
    out.push_str(&summary_line(report));
    out.push('\n');
    out
}
