//! File ids. Each root module gets its own range of ids, handed out in the order its files
//! are read, so that ids (and so the order of findings) never depend on which worker checked
//! which module first.

use super::Outcome;
use crate::value::{FileId, Span};

/// Hands out file ids within one root module's range, so ids never depend on scheduling.
pub(super) struct Ids(pub(super) FileId);

impl Ids {
    pub(super) fn next(&mut self) -> FileId {
        self.0 += 1;
        self.0 - 1
    }
}

/// The first id of the `index`th root module's range (index 0 is the run's var files).
pub fn id_base(index: usize) -> FileId {
    (index as FileId) << 24
}

/// Moves an outcome checked as root module 1 to the range of root module `index`: modules
/// checked as their folders are found learn their place in the run only afterwards. Ids of
/// the run's var files (range 0) and of no file stay as they are.
pub fn rebase(outcome: &mut Outcome, index: usize) {
    let shift = id_base(index) - id_base(1);
    let moved = |id: &mut FileId| {
        if (id_base(1)..id_base(2)).contains(id) {
            *id += shift;
        }
    };
    let span = |span: &mut Span| {
        moved(&mut span.file);
        if let Some(origin) = &mut span.origin {
            moved(&mut origin.file);
        }
    };
    for source in &mut outcome.sources {
        moved(&mut source.id);
    }
    crate::finding::move_blocks(&mut outcome.findings, |mut block| {
        moved(&mut block.file);
        block
    });
    for finding in &mut outcome.findings {
        span(&mut finding.diag.span);
        for label in &mut finding.diag.labels {
            span(&mut label.span);
        }
        for edit in finding.diag.fix.iter_mut().flat_map(|r| &mut r.edits) {
            span(&mut edit.span);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guard;
    use crate::source::SourceFile;

    #[test]
    fn rebase_moves_only_the_module_range() {
        use crate::finding::Label;
        let mut span = Span::new(id_base(1) + 2, 5..9);
        span.origin = Some(Span::new(3, 1..2).range());
        let mut out = Outcome::default();
        out.sources.push(Box::new(SourceFile::new(
            id_base(1),
            "a.tf".into(),
            "a.tf".into(),
            String::new(),
        )));
        let mut finding = guard::internal_error(span, "testing", "x");
        let block = Some(Span::new(id_base(1) + 1, 0..3).range());
        finding.at = crate::finding::ResourceAt::new("aws_x.y".into(), block);
        finding.diag.labels.push(Label {
            span: Span::point(crate::value::NO_FILE, 0),
            message: "".into(),
        });
        out.findings.push(Box::new(finding));
        rebase(&mut out, 4);
        assert_eq!(out.sources[0].id, id_base(4));
        let f = &out.findings[0];
        assert_eq!(f.diag.span.file, id_base(4) + 2);
        // A var file of the run (range 0) and no file at all stay.
        assert_eq!(f.diag.span.origin.unwrap().file, 3);
        assert_eq!(f.diag.labels[0].span.file, crate::value::NO_FILE);
        assert_eq!(f.block().unwrap().file, id_base(4) + 1);
    }
}
