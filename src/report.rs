//! The run's result: every source file read, and the findings sorted by file, offset and
//! code, each reported once.

use crate::finding::{Finding, Findings, Severity};
use crate::module::ModuleSettings;
use crate::source::{SourceFile, Sources};
use crate::value::FileId;
use rayon::prelude::*;
use std::sync::Arc;

/// What a run found.
#[derive(Debug, Default)]
pub struct Report {
    /// Every file read, by [`FileId`].
    pub sources: Sources,
    /// Sorted by file, offset, code.
    pub findings: Findings,
    /// Files linted: those named, or found under the folders walked (not excluded), with
    /// findings or not.
    pub files: usize,
    /// Folders named on the command line under which no file was linted (none there, or all
    /// excluded), in the order named.
    pub empty_folders: Vec<std::path::PathBuf>,
    /// Every file read: those linted, the other files of their modules, the files of the
    /// modules they call, variable files (`sources` keeps only those with findings).
    pub files_read: usize,
    /// Clients checked in those files: the instances of the root modules' client blocks.
    pub clients: usize,
    /// Of the clients, those with arguments rules needed but found unknown, and the causes.
    pub unknowns: crate::module::Unknowns,
    /// Whether the notes on those arguments (COG904) were asked for.
    pub show_unknown: bool,
    /// Client blocks checked at least once, wherever they were reached (in called modules
    /// too), each counted once.
    pub client_blocks: usize,
    /// Findings covered by an inline suppression, for the summary and `--show-suppressed`.
    pub suppressed: Findings,
    /// The settings each root module was checked with, by module index (a file id's range;
    /// index 0, the run's own files such as variable files, has the run's fallback).
    pub settings: Vec<Arc<ModuleSettings>>,
}

impl Report {
    pub fn source(&self, id: FileId) -> &SourceFile {
        let i = self
            .sources
            .binary_search_by_key(&id, |s| s.id)
            .expect("every finding's file is a source of the report");
        &self.sources[i]
    }

    /// The settings the file was checked with: its module's config merged with the flags.
    pub fn settings_of(&self, id: FileId) -> Option<&ModuleSettings> {
        let index = (id >> 24) as usize;
        self.settings
            .get(index)
            .or(self.settings.first())
            .map(|s| s.as_ref())
    }

    /// Whether a finding fails the run: at or above the `fail_on` of its file's settings.
    /// A note on an unknown value (COG904) never does.
    pub fn fails(&self, finding: &Finding) -> bool {
        let fail_on = self
            .settings_of(finding.diag.span.file)
            .map_or(Severity::Error, |s| s.fail_on);
        finding.severity >= fail_on && !finding.is_note()
    }

    /// The findings of that severity, notes not counted.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity && !f.is_note())
            .count()
    }

    /// The notes on unknown values (COG904), with `--show-unknown`.
    pub fn notes(&self) -> usize {
        self.findings.iter().filter(|f| f.is_note()).count()
    }

    /// Sorted by file, offset and code; findings reached twice (a module called from two roots)
    /// are reported once.
    pub fn sort_findings(&mut self) {
        // Each file's place in path order, so that sorting compares numbers, not paths.
        let mut by_path: Vec<(&str, FileId)> = self
            .sources
            .iter()
            .map(|s| (s.display.as_str(), s.id))
            .collect();
        by_path.par_sort_unstable();
        let mut rank: Vec<(FileId, usize)> = Vec::with_capacity(by_path.len());
        let mut previous: Option<&str> = None;
        for (path, id) in by_path {
            // Two readings of one file (a module that is called and also linted) rank alike.
            let next = rank
                .last()
                .map_or(0, |(_, r)| r + usize::from(previous != Some(path)));
            rank.push((id, next));
            previous = Some(path);
        }
        rank.par_sort_unstable();
        let rank_of = |id: FileId| {
            rank.binary_search_by_key(&id, |(i, _)| *i)
                .map_or(usize::MAX, |i| rank[i].1)
        };
        let findings = &mut self.findings;
        // 16 bytes a finding, beside the findings rather than in them: a million findings
        // sort without a second list of wide keys (offsets fit: files are at most 256 MiB).
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let mut keys: Vec<SortKey> = findings
            .par_iter()
            .enumerate()
            .map(|(index, f)| SortKey {
                rank: narrow(rank_of(f.diag.span.file)),
                start: f.diag.span.start,
                end: f.diag.span.end,
                index: narrow(index),
            })
            .collect();
        // One mistake: the same place, code and message, whatever resource address it was
        // reached at (instances, module calls, the module's folder on its own).
        let same = |a: &SortKey, b: &SortKey| {
            let (fa, fb) = (&findings[a.index as usize], &findings[b.index as usize]);
            (a.rank, a.start)
                .cmp(&(b.rank, b.start))
                .then_with(|| fa.code().cmp(fb.code()))
                .then_with(|| a.end.cmp(&b.end))
                .then_with(|| fa.diag.message.cmp(&fb.diag.message))
        };
        // Sorted by that, then by resource: the first of each mistake is the one kept.
        keys.par_sort_unstable_by(|a, b| {
            same(a, b)
                .then_with(|| {
                    let (fa, fb) = (&findings[a.index as usize], &findings[b.index as usize]);
                    fa.resource().cmp(&fb.resource())
                })
                .then(a.index.cmp(&b.index))
        });
        let repeated: Vec<bool> = (0..keys.len())
            .map(|i| i > 0 && same(&keys[i - 1], &keys[i]).is_eq())
            .collect();
        let order: Vec<u32> = keys.into_iter().map(|k| k.index).collect();
        permute(findings, &order);
        merge_repeated(findings, &repeated);
    }
}

/// Where a finding sorts: its file's rank and offsets, and its place in the unsorted list.
/// Ties on these are broken by the finding's code, message and resource.
struct SortKey {
    rank: u32,
    start: u32,
    end: u32,
    index: u32,
}

/// Keeps the first finding of each run of repeated ones (`repeated[i]`: finding `i` repeats
/// the one before), in place, with every address the run was reached at as its instances.
fn merge_repeated(findings: &mut Findings, repeated: &[bool]) {
    let mut kept = 0;
    // The addresses of the run of repeats that findings[kept - 1] heads, while it lasts.
    let mut addresses: Vec<Arc<str>> = Vec::new();
    for (i, &again) in repeated.iter().enumerate() {
        if !again || kept == 0 {
            if kept > 0 {
                set_instances(&mut findings[kept - 1], std::mem::take(&mut addresses));
            }
            findings.swap(kept, i);
            kept += 1;
            continue;
        }
        let (head, tail) = findings.split_at_mut(i);
        let first = &mut head[kept - 1];
        if addresses.is_empty() {
            addresses = std::mem::take(&mut first.instances).into_iter().collect();
            if addresses.is_empty() {
                addresses.extend(first.at.iter().map(|at| at.address.clone()));
            }
        }
        let again = &mut tail[0];
        if again.instances.is_empty() {
            addresses.extend(again.at.take().map(|at| at.address.clone()));
        } else {
            addresses.extend(std::mem::take(&mut again.instances));
        }
    }
    if kept > 0 {
        set_instances(&mut findings[kept - 1], addresses);
    }
    findings.truncate(kept);
    for finding in findings.iter_mut().filter(|f| !f.instances.is_empty()) {
        let instances = std::mem::take(&mut finding.instances).into_iter().collect();
        set_instances(finding, instances);
    }
}

/// `addresses`, sorted and each once, as the finding's instances when there are several;
/// nothing when empty (the finding keeps what it has).
fn set_instances(finding: &mut Finding, mut addresses: Vec<Arc<str>>) {
    if addresses.is_empty() {
        return;
    }
    addresses.sort_unstable();
    addresses.dedup();
    finding.instances = match addresses.len() {
        1 => thin_vec::ThinVec::new(),
        _ => addresses.into_iter().collect(),
    };
}

/// Puts `items[order[i]]` at `i`, in place: each cycle of the permutation is followed with
/// swaps, so no second copy of the findings is made.
fn permute<T>(items: &mut [T], order: &[u32]) {
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        let mut at = start;
        while !placed[at] {
            placed[at] = true;
            let from = order[at] as usize;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// The run could not start (a named path is missing): exit code 2.
#[derive(Debug)]
pub struct RunError(pub String);

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::permute;

    #[test]
    fn permute_follows_every_cycle() {
        let mut items = vec!['a', 'b', 'c', 'd', 'e', 'f'];
        // Two cycles (0 2 1) (3 5) and a fixed point (4).
        let order = [2, 0, 1, 5, 4, 3];
        permute(&mut items, &order);
        assert_eq!(items, ['c', 'a', 'b', 'f', 'e', 'd']);
        let mut none: Vec<u8> = Vec::new();
        permute(&mut none, &[]);
        assert!(none.is_empty());
    }
}
