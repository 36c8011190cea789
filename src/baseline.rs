//! Baselines, for adopting the linter in a large repository: `--write-baseline FILE` records
//! the findings of a run, `--baseline FILE` ignores the recorded ones and reports the rest.
//!
//! A finding is recorded by its file (relative to the baseline's folder), code, resource
//! address and message, with a count per key, as ESLint's bulk suppressions are: not by line,
//! so that edits elsewhere in the file do not bring findings back. An entry that matches fewer
//! findings than it counts is COG902, so that the file shrinks as findings are fixed.
//!
//! ```json
//! {
//!   "version": 1,
//!   "entries": [
//!     {"file": "modules/auth/main.tf", "code": "COG204",
//!      "resource": "aws_cognito_user_pool_client.web",
//!      "message": "user existence errors are not prevented", "count": 1}
//!   ]
//! }
//! ```

use crate::discover::absolute;
use crate::finding::{Diag, Finding};
use crate::report::Report;
use crate::rules::{INTERNAL_ERROR, UNUSED_BASELINE_ENTRY};
use crate::source::SourceFile;
use crate::value::{FileId, Span};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

const VERSION: u32 = 1;

/// What the file holds.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    file: String,
    code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    resource: Option<String>,
    message: String,
    count: usize,
}

/// What a finding is recorded as: (file, code, resource, message).
type Key = (String, String, Option<String>, String);

/// A baseline file, read.
pub struct Baseline {
    /// Where the file is, made absolute: recorded paths are relative to its folder.
    dir: PathBuf,
    entries: Vec<Entry>,
    /// Each entry's place in the file, for COG902.
    ranges: Vec<std::ops::Range<usize>>,
    source: SourceFile,
}

impl Baseline {
    /// Reads the baseline at `path`; `id` is the file id its source gets in the report.
    pub fn read(path: &Path, id: FileId) -> Result<Baseline, String> {
        let bytes = crate::fs::read_file_at_most(path, crate::fs::MAX_FILE_SIZE).map_err(|e| {
            format!(
                "{}: cannot read baseline: {}",
                path.display(),
                crate::fs::io_message(&e)
            )
        })?;
        let text = String::from_utf8(bytes)
            .map_err(|_| format!("{}: the baseline is not UTF-8 text", path.display()))?;
        let file: File = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{}:{}:{}: invalid baseline: {}",
                path.display(),
                e.line(),
                e.column(),
                e
            )
        })?;
        if file.version != VERSION {
            return Err(format!(
                "{}: baseline version {} is not {VERSION}; write it again with --write-baseline",
                path.display(),
                file.version
            ));
        }
        let ranges = entry_ranges(&text);
        let source = SourceFile::new(id, path.to_path_buf(), crate::fs::display_path(path), text);
        Ok(Baseline {
            dir: folder_of(path),
            entries: file.entries,
            ranges,
            source,
        })
    }

    /// Moves the findings the baseline records to `report.suppressed`, then adds COG902 for
    /// each entry that matched fewer findings than it counts, in a file this run linted with
    /// the entry's rule on (or in a file that is gone). Leaves new findings for the caller to
    /// sort.
    /// `rules` are the settings of the baseline's own folder, which COG902 follows.
    pub fn apply(self, report: &mut Report, rules: &crate::rules::RuleSelection) {
        let mut left: HashMap<Key, usize> = HashMap::new();
        for entry in &self.entries {
            *left.entry(entry.key()).or_insert(0) += entry.count;
        }
        let findings = std::mem::take(&mut report.findings);
        for finding in findings {
            if finding.is_note() {
                report.findings.push(finding);
                continue;
            }
            let key = key(report, &finding, &self.dir);
            match left.get_mut(&key).filter(|n| **n > 0) {
                Some(n) => {
                    *n -= 1;
                    report.suppressed.push(finding);
                }
                None => report.findings.push(finding),
            }
        }
        // The files this run linted, and with which settings.
        let mut linted: HashMap<String, FileId> = HashMap::new();
        for source in report.sources.iter().filter(|s| s.reported) {
            linted
                .entry(relative_to(&absolute(&source.path), &self.dir))
                .or_insert(source.id);
        }
        let fallback = rules;
        let mut unused = Vec::new();
        let mut seen = HashSet::new();
        for (entry, range) in self.entries.iter().zip(&self.ranges) {
            let key = entry.key();
            let Some(&remaining) = left.get(&key).filter(|n| **n > 0) else {
                continue;
            };
            if !seen.insert(key) {
                continue;
            }
            let checked = match linted.get(&entry.file) {
                Some(&id) => report
                    .settings_of(id)
                    .is_some_and(|s| rule_on(&s.rules, &entry.code)),
                None => !self.dir.join(&entry.file).exists(),
            };
            if !checked || !rule_on(fallback, UNUSED_BASELINE_ENTRY.code) {
                continue;
            }
            let matched = entry.count.saturating_sub(remaining);
            let message = if matched == 0 {
                format!("baseline entry for {} matches no finding", entry.code)
            } else {
                format!(
                    "baseline entry for {} counts {} findings, {matched} matched",
                    entry.code, entry.count
                )
            };
            let diag = Diag::new(Span::new(self.source.id, range.clone()), message).help(
                "the finding was fixed or changed: write the baseline again with \
                 `--write-baseline`, or lower the entry's count",
            );
            unused.push(Finding {
                rule: &UNUSED_BASELINE_ENTRY,
                severity: fallback
                    .severity_of(UNUSED_BASELINE_ENTRY.code, UNUSED_BASELINE_ENTRY.severity),
                at: None,
                diag,
                instances: thin_vec::ThinVec::new(),
                fingerprint: None,
            });
        }
        if !unused.is_empty() {
            report.findings.extend(unused.into_iter().map(Box::new));
            report.sources.push(Box::new(self.source));
            report.sources.sort_by_key(|s| s.id);
        }
    }
}

impl Entry {
    fn key(&self) -> Key {
        (
            self.file.clone(),
            self.code.clone(),
            self.resource.clone(),
            self.message.clone(),
        )
    }
}

/// Writes the report's findings as a baseline at `path`, atomically (`fs::write_atomically`).
pub fn write(report: &Report, path: &Path) -> Result<(), String> {
    let dir = folder_of(path);
    let mut counts: BTreeMap<Key, usize> = BTreeMap::new();
    for finding in report
        .findings
        .iter()
        .filter(|f| f.code() != INTERNAL_ERROR.code && f.code() != UNUSED_BASELINE_ENTRY.code)
        .filter(|f| !f.is_note())
    {
        *counts.entry(key(report, finding, &dir)).or_insert(0) += 1;
    }
    let entries = counts
        .into_iter()
        .map(|((file, code, resource, message), count)| Entry {
            file,
            code,
            resource,
            message,
            count,
        })
        .collect();
    let file = File {
        version: VERSION,
        entries,
    };
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    let error = |e: std::io::Error| {
        format!(
            "{}: cannot write baseline: {}",
            path.display(),
            crate::fs::io_message(&e)
        )
    };
    crate::fs::write_atomically(path, &[text]).map_err(error)
}

fn key(report: &Report, finding: &Finding, dir: &Path) -> Key {
    let source = report.source(finding.diag.span.file);
    (
        relative_to(&absolute(&source.path), dir),
        finding.code().to_string(),
        finding.resource().map(str::to_owned),
        finding.diag.message.to_string(),
    )
}

fn rule_on(selection: &crate::rules::RuleSelection, code: &str) -> bool {
    crate::rules::find_meta(code).is_some_and(|m| selection.is_enabled(m.code, m.name))
}

/// The absolute folder of a file.
fn folder_of(path: &Path) -> PathBuf {
    let abs = absolute(path);
    abs.parent().map(Path::to_path_buf).unwrap_or(abs)
}

/// `path` relative to the folder `base` (both absolute), with `..` where it lies outside,
/// `/`-separated.
fn relative_to(path: &Path, base: &Path) -> String {
    let path: Vec<Component> = path.components().collect();
    let base: Vec<Component> = base.components().collect();
    let common = path.iter().zip(&base).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); base.len() - common];
    parts.extend(
        path[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// The byte range of each object of the `entries` array, in order.
fn entry_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    use jsonc_parser::ast::Value as J;
    let Ok(Some(J::Object(root))) = crate::json::parse(text) else {
        return Vec::new();
    };
    root.properties
        .iter()
        .find(|p| p.name.as_str() == "entries")
        .and_then(|p| match &p.value {
            J::Array(array) => Some(
                array
                    .elements
                    .iter()
                    .map(crate::json::value_range)
                    .collect(),
            ),
            _ => None,
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::relative_to;
    use std::path::Path;

    #[test]
    fn paths_are_relative_to_the_baseline_folder() {
        let base = Path::new("/repo");
        assert_eq!(
            relative_to(Path::new("/repo/infra/main.tf"), base),
            "infra/main.tf"
        );
        assert_eq!(
            relative_to(Path::new("/other/main.tf"), base),
            "../other/main.tf"
        );
    }
}
