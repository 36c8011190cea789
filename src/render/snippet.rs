//! A file's text as miette reads it for a snippet, in time that does not grow with the file.
//!
//! miette finds a span's lines by scanning the text from its first byte, and `NamedSource`
//! owns its text: for each finding the whole file was copied and scanned up to the finding.
//! A 13 MB file with 120,000 findings took hours to print. [`Snippet`] borrows the file and
//! gives miette only the lines around the span (found with the file's line index), with the
//! line numbers and offsets it would have computed from the whole text, so the output is the
//! same byte for byte.

use crate::source::SourceFile;
use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

#[derive(Debug)]
pub struct Snippet<'a> {
    file: &'a SourceFile,
}

impl<'a> Snippet<'a> {
    pub fn new(file: &'a SourceFile) -> Snippet<'a> {
        Snippet { file }
    }
}

impl SourceCode for Snippet<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        if let Some(cropped) = self.cropped(span) {
            return Ok(Box::new(cropped));
        }
        let text = self.file.text.as_str();
        // (miette also breaks lines at a lone `\r`, which the line index does not: in such a
        // file, which Terraform does not read as several lines either, line numbers follow
        // the line index.)
        let (window, first_line) = self.window(span, context_lines_before, context_lines_after);
        let relative = SourceSpan::new(
            span.offset().saturating_sub(window.start).into(),
            span.len(),
        );
        let inner = text.as_bytes()[window.clone()].read_span(
            &relative,
            context_lines_before,
            context_lines_after,
        )?;
        let contents = MietteSpanContents::new_named(
            self.file.display.clone(),
            inner.data(),
            SourceSpan::new(
                (inner.span().offset() + window.start).into(),
                inner.span().len(),
            ),
            inner.line() + first_line,
            inner.column(),
            inner.line_count() + first_line,
        )
        .with_language("hcl");
        Ok(Box::new(contents))
    }
}

/// Lines longer than this (minified JSON, a plan file) are shown cropped around the span:
/// miette would print them whole, once per finding, and panics past 65,535 columns.
const LONG_LINE: usize = 8192;

/// How much of a long line is shown on each side of the span.
const CROP_CONTEXT: usize = 80;

/// A label's span for miette. One that ends far along a long line after starting on an
/// earlier line is cut at the end of its first line: miette draws the end of a multi-line span
/// at its column, and panics past 65,535 columns.
pub fn label_span(file: &SourceFile, span: crate::value::Span) -> SourceSpan {
    let std::ops::Range { start, end } = span.bytes();
    let mut end = end.max(start);
    let (start_line, _) = file.line_col(start);
    let (end_line, end_column) = file.line_col(end);
    if end_line != start_line && end_column > LONG_LINE {
        end = file
            .line_range(start_line)
            .map_or(start, |r| r.end.max(start));
    }
    SourceSpan::new(start.into(), end - start)
}

impl<'a> Snippet<'a> {
    /// A piece of the span's line around it, when the line is too long to show whole.
    fn cropped(&self, span: &SourceSpan) -> Option<MietteSpanContents<'a>> {
        let file = self.file;
        let text = file.text.as_str();
        let start = span.offset().min(text.len());
        let (line, _) = file.line_col(start);
        let range = file.line_range(line)?;
        if range.len() <= LONG_LINE {
            return None;
        }
        let floor = |mut i: usize| {
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let ceil = |mut i: usize| {
            while !text.is_char_boundary(i) {
                i += 1;
            }
            i
        };
        let end = (start + span.len()).min(range.end).max(start);
        let from = floor(start.saturating_sub(CROP_CONTEXT).max(range.start));
        let to = ceil((end.max(start + 1) + CROP_CONTEXT).min(range.end));
        Some(
            MietteSpanContents::new_named(
                file.display.clone(),
                &text.as_bytes()[from..to],
                SourceSpan::new(from.into(), to - from),
                line - 1,
                start - range.start,
                line - 1,
            )
            .with_language("hcl"),
        )
    }
}

impl Snippet<'_> {
    /// Whole lines around the span, with a line to spare on each side, and the 0-based number
    /// of the first.
    fn window(
        &self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> (std::ops::Range<usize>, usize) {
        let file = self.file;
        let len = file.text.len();
        let start = span.offset().min(len);
        let end = (span.offset() + span.len()).min(len);
        let (start_line, _) = file.line_col(start);
        let (end_line, _) = file.line_col(end);
        let first = start_line.saturating_sub(before + 1).max(1);
        let last = end_line + after + 2;
        let window_start = file.line_range(first).map_or(0, |r| r.start);
        let window_end = if last > file.line_count() {
            len
        } else {
            file.line_range(last).map_or(len, |r| r.start)
        };
        (window_start..window_end, first - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What miette reads from the whole text, and from the snippet, must be the same.
    fn same(text: &str, offset: usize, len: usize, before: usize, after: usize) {
        let file = SourceFile::new(0, "f.tf".into(), "f.tf".into(), text.to_string());
        let span = SourceSpan::new(offset.into(), len);
        let whole = text.read_span(&span, before, after).unwrap();
        let snippet = Snippet::new(&file);
        let part = snippet.read_span(&span, before, after).unwrap();
        assert_eq!(whole.data(), part.data(), "data at {offset}+{len}");
        assert_eq!(whole.span(), part.span(), "span at {offset}+{len}");
        assert_eq!(whole.line(), part.line(), "line at {offset}+{len}");
        assert_eq!(whole.column(), part.column(), "column at {offset}+{len}");
        assert_eq!(
            whole.line_count(),
            part.line_count(),
            "line count at {offset}+{len}"
        );
    }

    /// A plan file is one line: a finding far along it must render, and show a piece of it.
    #[test]
    fn a_very_long_line_is_cropped_around_the_span() {
        use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan};
        let mut text = "{\"a\": [".to_string();
        while text.len() < 200_000 {
            text.push_str("\"https://example.com/é\", ");
        }
        let at = text.len();
        text.push_str("\"http://bad\"]}\n");
        let file = SourceFile::new(0, "plan.json".into(), "plan.json".into(), text);

        #[derive(Debug)]
        struct Finding<'a>(Snippet<'a>, usize);
        impl std::fmt::Display for Finding<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("insecure callback URL")
            }
        }
        impl std::error::Error for Finding<'_> {}
        impl Diagnostic for Finding<'_> {
            fn source_code(&self) -> Option<&dyn SourceCode> {
                Some(&self.0)
            }
            fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
                Some(Box::new(std::iter::once(
                    LabeledSpan::new_primary_with_span(
                        Some("here".into()),
                        SourceSpan::new(self.1.into(), 12),
                    ),
                )))
            }
        }
        let mut out = String::new();
        GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
            .render_report(&mut out, &Finding(Snippet::new(&file), at))
            .unwrap();
        assert!(out.contains("\"http://bad\""), "{out}");
        assert!(out.contains("here"), "{out}");
        assert!(out.len() < 2000, "{} bytes", out.len());
    }

    #[test]
    fn a_label_ending_far_along_a_long_line_stops_at_its_first_line() {
        let text = format!("x = [\n{}]\n", "\"a\", ".repeat(20_000));
        let file = SourceFile::new(0, "f.tf".into(), "f.tf".into(), text.clone());
        let whole = crate::value::Span::new(0, 4..text.len() - 1);
        assert_eq!(label_span(&file, whole), SourceSpan::new(4.into(), 1));
        let short = crate::value::Span::new(0, 0..3);
        assert_eq!(label_span(&file, short), SourceSpan::new(0.into(), 3));
    }

    #[test]
    fn a_lone_carriage_return_is_read() {
        let file = SourceFile::new(0, "f.tf".into(), "f.tf".into(), "a\rb\rc\n".into());
        let span = SourceSpan::new(2.into(), 1);
        assert!(Snippet::new(&file).read_span(&span, 1, 1).is_ok());
    }

    #[test]
    fn reads_what_miette_reads_from_the_whole_text() {
        let texts = [
            "a = 1\nb = 2\nc = 3\nd = 4\ne = 5\nf = 6\n",
            "a = 1\r\nb = 2\r\n\r\nc = [\r\n  1,\r\n]\r\n",
            "one line without a break",
            "x\n\n\n\ny = \"é\"\n\nz",
            "",
        ];
        for text in texts {
            for offset in 0..=text.len() {
                if !text.is_char_boundary(offset) {
                    continue;
                }
                for len in [0, 1, 3, 9] {
                    if offset + len > text.len() {
                        continue;
                    }
                    for (before, after) in [(0, 0), (1, 1), (2, 3)] {
                        same(text, offset, len, before, after);
                    }
                }
            }
        }
    }
}
