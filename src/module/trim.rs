//! What a checked module keeps: of files with findings, what the output formats read (see
//! [`Keep`]); of files with suppression comments, the text; of the others nothing, so that
//! memory does not grow with the files that hold nothing to report.

use super::Outcome;
use crate::source::{Keep, SourceFile};
use crate::suppress;
use crate::value::{FileId, Span};
use std::collections::HashMap;

/// Drops the files no finding points into and that hold no suppression comment, and of the
/// files with findings keeps what `keep` says, so that memory does not grow with the files
/// that hold nothing to report.
pub(super) fn keep_sources_of_findings(out: &mut Outcome, keep: Keep) {
    // Every offset a finding points at, by file.
    let mut used: HashMap<FileId, Vec<usize>> = HashMap::new();
    // The text under each finding's own span, by file, when it is to be kept (notes on
    // unknown values are never fingerprinted).
    let mut excerpts: HashMap<FileId, Vec<std::ops::Range<usize>>> = HashMap::new();
    let mut point = |span: &Span| {
        used.entry(span.file)
            .or_default()
            .extend([span.bytes().start, span.bytes().end]);
    };
    for f in &out.findings {
        if keep == Keep::Excerpts && !f.is_note() {
            let span = f.diag.span;
            excerpts.entry(span.file).or_default().push(span.bytes());
        }
        point(&f.diag.span);
        if let Some(origin) = f.diag.span.origin {
            point(&origin.into());
        }
        for label in &f.diag.labels {
            point(&label.span);
        }
        if let Some(block) = f.block() {
            point(&block.into());
        }
        for edit in f.diag.fix.iter().flat_map(|fix| &fix.edits) {
            point(&edit.span);
        }
    }
    let directives = |s: &SourceFile| s.reported && suppress::has_directives(&s.text);
    out.sources.retain_mut(|s| {
        let Some(offsets) = used.remove(&s.id) else {
            return directives(s);
        };
        // Suppression comments are read from the text later.
        if keep != Keep::Text && !directives(s) {
            s.release_text(offsets, excerpts.remove(&s.id).unwrap_or_default());
        }
        true
    });
    // The outcome lives until the end of the run: nothing of a module without findings stays.
    out.sources.shrink_to_fit();
    out.findings.shrink_to_fit();
}
