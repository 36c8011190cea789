//! What a checked module keeps: of files with findings, what the output formats read (see
//! [`Keep`]: for SARIF and GitLab, each finding's fingerprint, drawn here while the text is
//! there); of files with suppression comments, the text; of the others nothing, so that
//! memory does not grow with the files that hold nothing to report.

use super::Outcome;
use crate::finding::fingerprint;
use crate::source::{Keep, SourceFile};
use crate::suppress;
use crate::value::{FileId, Span};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

/// Drops the files no finding points into and that hold no suppression comment, and of the
/// files with findings keeps what `keep` says, so that memory does not grow with the files
/// that hold nothing to report.
pub(super) fn keep_sources_of_findings(out: &mut Outcome, keep: Keep) {
    // Files that keep their text whatever `keep` says: a fingerprint that could not be drawn
    // here is drawn from the text when rendered.
    let keep_text = match keep {
        Keep::Fingerprints => draw_fingerprints(out),
        _ => HashSet::new(),
    };
    // Every offset a finding points at, by file.
    let mut used: HashMap<FileId, Vec<usize>> = HashMap::new();
    let mut point = |span: &Span| {
        let bytes = span.bytes();
        used.entry(span.file)
            .or_default()
            .extend([bytes.start, bytes.end]);
    };
    for f in &out.findings {
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
        if keep != Keep::Text && !keep_text.contains(&s.id) && !directives(s) {
            s.release_text(offsets);
        }
        true
    });
    // The outcome lives until the end of the run: nothing of a module without findings stays.
    out.sources.shrink_to_fit();
    out.findings.shrink_to_fit();
}

/// Draws the fingerprint of each finding in a file of the module while its text is there
/// (notes on unknown values are never fingerprinted), and gives the files where one could not
/// be kept.
fn draw_fingerprints(out: &mut Outcome) -> HashSet<FileId> {
    let by_id: HashMap<FileId, &SourceFile> = out.sources.iter().map(|s| (s.id, &**s)).collect();
    let mut keep_text = HashSet::new();
    for f in out.findings.iter_mut().filter(|f| !f.is_note()) {
        let file = f.diag.span.file;
        if let Some(source) = by_id.get(&file) {
            if !fingerprint::draw_in_module(f, source) {
                keep_text.insert(file);
            }
        }
    }
    keep_text
}
