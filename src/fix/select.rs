//! Which fixes of a round are applied: allowed by the flags, every edit in a linted file on
//! disk, and none overlapping a fix already chosen (that one waits for the next round, when
//! the text it was computed against has been re-linted).

use crate::finding::{Applicability, Edit, Finding, Fix};
use crate::report::Report;
use crate::value::FileId;
use std::collections::{BTreeMap, HashSet};

/// A fix, as recognized from one round to the next (spans move; the message and the file
/// do not): one whose edits broke a file is not tried again.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FixKey {
    code: &'static str,
    message: String,
    file: FileId,
}

/// The edits of one file chosen in a round.
#[derive(Debug, Default)]
pub struct FileEdits {
    pub file: FileId,
    pub edits: Vec<Edit>,
    /// The findings these edits fix.
    pub findings: usize,
    pub codes: Vec<&'static str>,
    pub keys: Vec<FixKey>,
}

#[derive(Debug, Default)]
pub struct Chosen {
    pub files: Vec<FileEdits>,
}

/// Whether `--fix` (with `--unsafe-fixes` when `unsafe_fixes`) applies `fix` of `finding`:
/// its applicability allows it and every edit is in a linted file read from disk.
pub fn applies(report: &Report, finding: &Finding, fix: &Fix, unsafe_fixes: bool) -> bool {
    let allowed = fix.applicability == Applicability::Safe || unsafe_fixes;
    allowed
        && !fix.edits.is_empty()
        && fix.edits.iter().all(|e| {
            let source = report.source(e.span.file);
            source.reported && source.editable
        })
        && !crate::guard::is_internal_error(finding)
}

/// Whether `--fix` may write the file at `path`. Of the variables files, only those a module
/// loads by itself (`terraform.tfvars`, `*.auto.tfvars`) are read from the rounds' fixed
/// texts; one given with `--var-file` is read once, from disk, and could not be seen fixed.
/// Standard input is not a file to write.
pub fn may_edit(path: &std::path::Path) -> bool {
    let auto = || {
        path.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(crate::discover::is_auto_var_file)
    };
    path.as_os_str() != crate::discover::STDIN_NAME
        && (!crate::discover::is_variables_file(path) || auto())
}

/// The fixes to apply this round, by file.
pub fn choose(report: &Report, unsafe_fixes: bool, rejected: &HashSet<FixKey>) -> Chosen {
    let mut by_file: BTreeMap<FileId, FileEdits> = BTreeMap::new();
    let mut taken: Vec<&Vec<Edit>> = Vec::new();
    let mut blocks: HashSet<(FileId, u32)> = HashSet::new();
    // Within a resource, the rules of validity (COG0xx) first: a typo fixed may settle what a
    // later rule would have changed.
    let mut findings: Vec<&Finding> = report.findings.iter().map(|f| &**f).collect();
    findings.sort_by_key(|f| f.code());
    for finding in findings {
        let Some(fix) = &finding.diag.fix else {
            continue;
        };
        if !applies(report, finding, fix, unsafe_fixes) {
            continue;
        }
        let keys: Vec<FixKey> = files_of(fix)
            .map(|file| FixKey {
                code: finding.code(),
                message: fix.message.to_string(),
                file,
            })
            .collect();
        if keys.iter().any(|k| rejected.contains(k)) || !replaces_safely(report, fix) {
            continue;
        }
        // One fix per resource a round: two fixes of one client (of one list) may each be right
        // alone and wrong together, so the second waits for the re-linted text.
        if let Some(block) = finding.block() {
            if !blocks.insert((block.file, block.start)) && !taken.iter().any(|t| **t == fix.edits)
            {
                continue;
            }
        }
        // The same change offered by several findings (every instance, every element): once.
        let duplicate = taken.iter().any(|t| **t == fix.edits);
        if !duplicate {
            let chosen = by_file.values().flat_map(|f| &f.edits);
            if fix
                .edits
                .iter()
                .any(|e| chosen.clone().any(|c| overlap(c, e)))
            {
                continue;
            }
            taken.push(&fix.edits);
        }
        for (i, file) in files_of(fix).enumerate() {
            let entry = by_file.entry(file).or_insert_with(|| FileEdits {
                file,
                ..FileEdits::default()
            });
            if !duplicate {
                entry
                    .edits
                    .extend(fix.edits.iter().filter(|e| e.span.file == file).cloned());
                entry.keys.push(keys[i].clone());
            }
            if i == 0 {
                entry.findings += 1;
            }
            if !entry.codes.contains(&finding.code()) {
                entry.codes.push(finding.code());
            }
        }
    }
    Chosen {
        files: by_file.into_values().collect(),
    }
}

/// Whether every edit of `fix` falls on character boundaries of its file (the text may have
/// changed since the fix was made: a file read twice).
fn replaces_safely(report: &Report, fix: &Fix) -> bool {
    fix.edits.iter().all(|e| {
        let text = &report.source(e.span.file).text;
        let std::ops::Range { start, end } = e.span.bytes();
        end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
    })
}

/// The files a fix edits, each once, in order.
fn files_of(fix: &Fix) -> impl Iterator<Item = FileId> + '_ {
    let mut files: Vec<FileId> = Vec::new();
    for e in &fix.edits {
        if !files.contains(&e.span.file) {
            files.push(e.span.file);
        }
    }
    files.into_iter()
}

/// Two edits of the same text that cannot both apply: their ranges share a byte, two inserts
/// at the same place (which goes first?), or an insert inside a replaced range.
pub fn overlap(a: &Edit, b: &Edit) -> bool {
    let (a, b) = (&a.span, &b.span);
    if a.file != b.file {
        return false;
    }
    match (a.start == a.end, b.start == b.end) {
        (true, true) => a.start == b.start,
        (true, false) => b.start < a.start && a.start < b.end,
        (false, true) => a.start < b.start && b.start < a.end,
        (false, false) => a.start < b.end && b.start < a.end,
    }
}

#[cfg(test)]
mod tests {
    use super::may_edit;
    use std::path::Path;

    #[test]
    fn fixes_write_modules_and_auto_loaded_variables_only() {
        assert!(may_edit(Path::new("infra/main.tf")));
        assert!(may_edit(Path::new("main.tf.json")));
        assert!(may_edit(Path::new("infra/terraform.tfvars")));
        assert!(may_edit(Path::new("prod.auto.tfvars.json")));
        assert!(!may_edit(Path::new("envs/prod.tfvars")));
        assert!(!may_edit(Path::new("envs/prod.tfvars.json")));
        assert!(!may_edit(Path::new(crate::discover::STDIN_NAME)));
    }
}
