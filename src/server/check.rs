//! One lint of a folder for the server: its open Terraform buffers named (so that all are
//! reported) and its open tfvars buffers, from memory; the folder's other files from disk; the
//! findings grouped by file.

use super::diagnostics::{self, Published};
use super::documents::Documents;
use super::settings::Settings;
use lsp_types::{Diagnostic, DiagnosticSeverity, Position, Range};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What to publish after linting a folder: for each of its open buffers (an empty list when
/// its findings are gone), and for its other files that findings are in.
pub fn check_folder(
    documents: &Documents,
    settings: &Settings,
    pool: &rayon::ThreadPool,
    dir: &Path,
) -> BTreeMap<PathBuf, Vec<Published>> {
    let buffers = documents.buffers_in(dir);
    let mut out: BTreeMap<PathBuf, Vec<Published>> = buffers
        .iter()
        .map(|b| (b.path.clone(), Vec::new()))
        .collect();
    if buffers.is_empty() {
        return out;
    }
    let mut options = settings.options();
    options.buffers = buffers;
    // Rules are guarded already (COG990); this catches the rest, so that the server lives on.
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::lint_with(pool, &options)
    }));
    let failure = match run {
        Ok(Ok(report)) => {
            // Findings in another folder's files (a called module's) are that folder's to
            // publish, when its files are open: two runs must not take turns over one file.
            let found = diagnostics::by_file(&report);
            out.extend(found.into_iter().filter(|(p, _)| p.parent() == Some(dir)));
            return out;
        }
        Ok(Err(e)) => e.to_string(),
        Err(_) => "internal error; please report it with the input that caused it".to_string(),
    };
    // A run that cannot start (a bad config file) is said at the top of every buffer.
    for list in out.values_mut() {
        list.push(Published {
            diagnostic: Diagnostic {
                range: Range::new(Position::new(0, 0), Position::new(0, 0)),
                severity: Some(DiagnosticSeverity::ERROR),
                source: Some(diagnostics::SOURCE.to_string()),
                message: format!("cognito-lint could not lint this folder: {failure}"),
                ..Diagnostic::default()
            },
            code: "",
            fix: None,
            line: 0,
            block_line: None,
        });
    }
    out
}
