//! `--fix`, `--unsafe-fixes`, `--diff` and `--add-suppressions`: the findings' fixes applied
//! to the linted files, in rounds, until nothing changes.
//!
//! A round lints (the texts fixed so far stand in for the files), [`select`]s the fixes to
//! apply (allowed, in linted files, not overlapping: an overlapping one waits for the next
//! round, against the re-linted text), and [`apply`]s their edits (written in JSON syntax for a
//! `.tf.json` file, see [`json`]). A fixed text that no longer parses is set back and its fixes
//! are not tried again. At the end the changed files are written, each once, and only if it is
//! still what was read ([`write`]); `--diff` prints them instead ([`diff`]).

mod align;
mod apply;
mod diff;
mod guard;
pub(crate) mod json;
mod select;
mod suppressions;
mod write;

pub use diff::unified_diff;
pub use select::{applies, may_edit};

use crate::discover::StdinInput;
use crate::lint::{lint_with, LintOptions};
use crate::report::{Report, RunError};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// Rounds of fixing before the run stops fixing (a fix that keeps coming back).
pub const MAX_ROUNDS: usize = 20;

/// What to change.
#[derive(Debug, Clone, Copy, Default)]
pub struct FixOptions {
    /// Apply unsafe fixes too (`--unsafe-fixes`).
    pub unsafe_fixes: bool,
    /// Insert a suppression comment for every finding left (`--add-suppressions`).
    pub add_suppressions: bool,
    /// Write the files (`--fix`); otherwise only compute them (`--diff`).
    pub write: bool,
}

/// A linted file the run changed.
#[derive(Debug, Clone)]
pub struct FixedFile {
    pub path: PathBuf,
    /// As output names it.
    pub display: String,
    /// The text as read.
    pub original: String,
    pub fixed: String,
}

/// The outcome of a fixing run.
#[derive(Debug)]
pub struct FixRun {
    /// The findings of the last round: what is left.
    pub report: Report,
    /// The files whose text changed, by path.
    pub files: Vec<FixedFile>,
    /// Findings fixed (a fix several findings share counts for each).
    pub fixed: usize,
    /// Suppression comments inserted.
    pub suppressions: usize,
    /// What went wrong with some file or fix, for standard error (the run goes on).
    pub notes: Vec<String>,
    /// Files written (with [`FixOptions::write`]; a file changed on disk meanwhile is not).
    pub written: usize,
}

/// Runs the linter, fixing between rounds, then writes the changed files (with
/// [`FixOptions::write`]). `before_write` is called with each path just before it is written
/// (tests use it to change a file behind the run's back).
pub fn run(
    pool: &rayon::ThreadPool,
    options: &LintOptions,
    fix: FixOptions,
    before_write: &dyn Fn(&Path),
) -> Result<FixRun, RunError> {
    let mut options = options.clone();
    // The fixer needs the text of every file with a fix.
    options.keep = crate::source::Keep::Text;
    let mut files: BTreeMap<PathBuf, FixedFile> = BTreeMap::new();
    let mut rejected: HashSet<select::FixKey> = HashSet::new();
    let mut notes = Vec::new();
    let mut fixed = 0;
    let mut report = lint_round(pool, &mut options, &files)?;
    let mut rounds = 0;
    let mut last: Vec<Vec<crate::finding::Edit>> = Vec::new();
    loop {
        let chosen = select::choose(&report, fix.unsafe_fixes, &rejected);
        if chosen.files.is_empty() {
            break;
        }
        // The same edits as the round before: they did not take (a bug); stop trying them.
        let edits: Vec<Vec<crate::finding::Edit>> =
            chosen.files.iter().map(|f| f.edits.clone()).collect();
        if edits == last {
            notes.push("some fixes do not take; they are left (please report it)".to_string());
            rejected.extend(chosen.files.into_iter().flat_map(|f| f.keys));
            continue;
        }
        last = edits;
        if rounds == MAX_ROUNDS {
            notes.push(format!(
                "fixes still change the files after {MAX_ROUNDS} rounds; stopped fixing"
            ));
            break;
        }
        rounds += 1;
        for edited in chosen.files {
            let source = report.source(edited.file);
            match apply::apply_edits(source, &edited.edits) {
                // Edits that change nothing would come back every round.
                Ok(text) if text == source.text => rejected.extend(edited.keys),
                Ok(text) => {
                    fixed += edited.findings;
                    update(&mut files, source, text);
                }
                Err(problem) => {
                    notes.push(format!(
                        "{}: {problem}; its fixes ({}) are not applied",
                        source.display,
                        edited.codes.join(", ")
                    ));
                    rejected.extend(edited.keys);
                }
            }
        }
        report = lint_round(pool, &mut options, &files)?;
    }
    let mut suppressions = 0;
    if fix.add_suppressions {
        let added = suppressions::insert(&report, &mut notes);
        suppressions = added.count;
        if !added.files.is_empty() {
            for (id, text) in added.files {
                update(&mut files, report.source(id), text);
            }
            report = lint_round(pool, &mut options, &files)?;
        }
    }
    files.retain(|_, f| f.fixed != f.original);
    let files: Vec<FixedFile> = files.into_values().collect();
    let mut written = 0;
    if fix.write {
        for file in &files {
            before_write(&file.path);
            match write::write_if_unchanged(file) {
                Ok(()) => written += 1,
                Err(note) => notes.push(note),
            }
        }
    }
    Ok(FixRun {
        report,
        files,
        fixed,
        suppressions,
        notes,
        written,
    })
}

/// Makes the fixes of a checked module true to the text, while it is at hand: edits in a
/// `.tf.json` file are written in JSON; a fix that would overwrite an expression, or moved to
/// where its value is set and finds another kind of value there, is dropped; one that would
/// delete a comment becomes unsafe (see `guard.rs`).
pub fn settle(
    findings: &mut [Box<crate::finding::Finding>],
    sources: &[Box<crate::source::SourceFile>],
) {
    json::in_json_syntax(findings, sources);
    for f in findings {
        let Some(fix) = &mut f.diag.fix else {
            continue;
        };
        let mut keeps = true;
        let mut comments = false;
        for edit in &fix.edits {
            let Some(source) = sources.iter().find(|s| s.id == edit.span.file) else {
                continue;
            };
            let Some(old) = source.text.get(edit.span.bytes()) else {
                keeps = false;
                break;
            };
            let json = crate::discover::is_json_config(&source.path);
            let renamed = guard::is_name(old) && guard::is_name(&edit.text);
            keeps &= edit.text.is_empty() || renamed || guard::is_literal(old, json);
            // Moved to where the value is set: the same kind of value must be written there.
            keeps &= edit.span.origin.is_none() || guard::same_shape(old, &edit.text);
            comments |= !edit.text.is_empty() && guard::has_comment(old);
        }
        for edit in &mut fix.edits {
            edit.span.origin = None;
        }
        if !keeps {
            f.diag.fix = None;
        } else if comments {
            fix.applicability = crate::finding::Applicability::Unsafe;
        }
    }
}

/// `diag` with the removal of its primary span (a comment) as a safe fix; `json`: the text of
/// the `.tf.json` file it is in, whose `"//"` property goes whole, comma and all.
pub fn removal(diag: crate::finding::Diag, json: Option<&str>) -> crate::finding::Diag {
    let edit = crate::finding::Edit {
        span: diag.span,
        text: "".into(),
    };
    let edit = match json {
        Some(text) => json::to_json(text, &edit),
        None => Some(edit),
    };
    match edit {
        Some(edit) => diag
            .replace(edit.span, edit.text)
            .fix_as(crate::finding::Applicability::Safe, "remove the comment"),
        None => diag,
    }
}

/// What removing the unknown code `i` of a suppression comment's `codes` (ranges after
/// `list_start`) takes: the code and the comma that separates it, or the whole `comment` when it
/// names nothing else (not in JSON, where the comment is a property's value).
pub fn token_removal(
    codes: &[std::ops::Range<usize>],
    i: usize,
    list_start: usize,
    file: crate::value::FileId,
    comment: crate::value::Span,
    json: bool,
) -> Option<crate::value::Span> {
    let range = match (i.checked_sub(1).map(|p| &codes[p]), codes.get(i + 1)) {
        (_, Some(next)) => codes[i].start..next.start,
        (Some(previous), None) => previous.end..codes[i].end,
        (None, None) if json => return None,
        (None, None) => return Some(comment),
    };
    Some(crate::value::Span::new(
        file,
        list_start + range.start..list_start + range.end,
    ))
}

/// `diag` with the removal of `span` as a safe fix: a suppression comment, or a code in it,
/// that suppresses nothing changes nothing when it goes.
pub fn removing(
    diag: crate::finding::Diag,
    span: Option<crate::value::Span>,
) -> crate::finding::Diag {
    match span {
        Some(span) => diag.replace(span, "").fix_as(
            crate::finding::Applicability::Safe,
            "remove the unknown code",
        ),
        None => diag,
    }
}

/// Where the line holding `offset` starts; the first line starts after a byte order mark,
/// which stays first.
fn line_start(text: &str, offset: usize) -> usize {
    match text[..offset].rfind('\n') {
        Some(i) => i + 1,
        None if text.starts_with('\u{feff}') => '\u{feff}'.len_utf8().min(offset),
        None => 0,
    }
}

/// One lint of the run, with the texts fixed so far standing for their files.
fn lint_round(
    pool: &rayon::ThreadPool,
    options: &mut LintOptions,
    files: &BTreeMap<PathBuf, FixedFile>,
) -> Result<Report, RunError> {
    options.overlay = files
        .values()
        .map(|f| StdinInput {
            path: f.path.clone(),
            text: f.fixed.clone(),
        })
        .collect();
    lint_with(pool, options)
}

/// Records `text` as the fixed text of `source`'s file (its text as first read kept).
fn update(
    files: &mut BTreeMap<PathBuf, FixedFile>,
    source: &crate::source::SourceFile,
    text: String,
) {
    files
        .entry(source.path.clone())
        .or_insert_with(|| FixedFile {
            path: source.path.clone(),
            display: source.display.clone(),
            original: source.text.clone(),
            fixed: String::new(),
        })
        .fixed = text;
}
