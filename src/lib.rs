//! cognito-lint: finds mistakes in `aws_cognito_user_pool_client` and
//! `aws_cognito_managed_user_pool_client` blocks before `terraform apply`.
//!
//! The pipeline: [`discover`] the modules, read and parse their files ([`source`]), build the
//! typed view of every client ([`extract`], evaluating what is known with [`eval`]), run every
//! rule ([`rules`]) in parallel, then sort the findings so output is the same on every run.

pub mod cli;
pub mod comments;
pub mod config;
pub mod discover;
pub mod eval;
pub mod extract;
pub mod finding;
pub mod guard;
pub mod json;
pub mod module;
pub mod render;
pub mod rules;
pub mod scan;
pub mod schema;
pub mod source;
pub mod suppress;
pub mod value;

use crate::finding::{Finding, Severity};
use crate::rules::RuleOptions;
use crate::source::SourceFile;
use crate::value::FileId;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Which rules run, at which severity, with which options.
#[derive(Debug, Clone, Default)]
pub struct RuleSelection {
    /// Only these codes or names (all rules when `None`).
    pub select: Option<Vec<String>>,
    /// Never these codes or names.
    pub ignore: Vec<String>,
    /// Severity overrides by code.
    pub severity: BTreeMap<String, Severity>,
    /// Rule options by code.
    pub options: BTreeMap<String, RuleOptions>,
    /// Suppression comments must give a reason (COG901).
    pub require_reason: bool,
}

impl RuleSelection {
    fn matches(list: &[String], code: &str, name: &str) -> bool {
        list.iter()
            .any(|s| s.eq_ignore_ascii_case(code) || s == name || s.eq_ignore_ascii_case("all"))
    }

    pub fn is_enabled(&self, code: &str, name: &str) -> bool {
        let selected = self
            .select
            .as_ref()
            .is_none_or(|s| Self::matches(s, code, name));
        selected && !Self::matches(&self.ignore, code, name)
    }

    pub fn severity_of(&self, code: &'static str, default: Severity) -> Severity {
        self.severity.get(code).copied().unwrap_or(default)
    }
}

#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    pub paths: Vec<PathBuf>,
    pub rules: RuleSelection,
    /// Worker threads; all cores when `None`.
    pub jobs: Option<usize>,
    /// `--var NAME=VALUE`, in the order given (later wins).
    pub variables: Vec<(String, String)>,
    /// `--var-file FILE`, in the order given.
    pub var_files: Vec<PathBuf>,
    /// Text read from standard input (`-` as PATH), linted as if it were the file at `path`.
    pub stdin: Option<StdinInput>,
    /// The config file's `exclude` globs.
    pub exclude: discover::Exclude,
    /// The report will be rendered in a format that shows no source text (compact, JSON,
    /// GitHub, Checkstyle, JUnit): the text of files with findings is released as their module
    /// is done, and only the positions findings point at are kept.
    pub positions_only: bool,
}

#[derive(Debug, Clone)]
pub struct StdinInput {
    pub path: PathBuf,
    pub text: String,
}

/// What a run found.
#[derive(Debug, Default)]
pub struct Report {
    /// Every file read, by [`FileId`].
    pub sources: Vec<SourceFile>,
    /// Sorted by file, offset, code.
    pub findings: Vec<Finding>,
    /// Files whose findings are reported.
    pub files: usize,
    /// Clients checked in those files.
    pub clients: usize,
    /// Findings covered by an inline suppression, for the summary and `--show-suppressed`.
    pub suppressed: Vec<Finding>,
}

impl Report {
    pub fn source(&self, id: FileId) -> &SourceFile {
        report_source(&self.sources, id)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
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

/// Lints the files and folders in `options.paths` (and standard input).
pub fn lint(options: &LintOptions) -> Result<Report, RunError> {
    lint_with(&thread_pool(options.jobs)?, options)
}

/// [`lint`] on the given worker threads (made by [`thread_pool`]), so that a caller can render
/// on the same ones.
pub fn lint_with(pool: &rayon::ThreadPool, options: &LintOptions) -> Result<Report, RunError> {
    // One folder to walk (`cognito-lint .`, the common case): each module is checked as soon
    // as its folder is listed, and the list of its files is dropped with it. Otherwise the
    // named paths are gathered into modules first.
    let one_folder = match options.paths.as_slice() {
        [path] if options.stdin.is_none() => std::fs::metadata(path)
            .is_ok_and(|m| m.is_dir())
            .then_some(path),
        _ => None,
    };
    let modules = match one_folder {
        Some(_) => Vec::new(),
        None => pool
            .install(|| {
                discover::discover(
                    &options.paths,
                    &options.exclude,
                    options.stdin.as_ref().map(|s| s.path.as_path()),
                )
            })
            .map_err(|e| RunError(format!("{}: {}", e.path.display(), e.message)))?,
    };
    let mut report = Report::default();
    let mut var_file_values = Vec::new();
    for (i, path) in options.var_files.iter().enumerate() {
        if !path.is_file() {
            return Err(RunError(format!(
                "{}: variable file not found",
                path.display()
            )));
        }
        var_file_values.extend(module::read_var_file(
            path,
            i as FileId,
            &mut report.sources,
        ));
    }
    let env_vars: Vec<(String, String)> = std::env::vars()
        .filter_map(|(k, v)| k.strip_prefix("TF_VAR_").map(|name| (name.to_string(), v)))
        .collect();
    let mut ctx = module::RunContext::new(
        &options.rules,
        var_file_values,
        &options.variables,
        env_vars,
    );
    ctx.positions_only = options.positions_only;
    let outcomes: Vec<module::Outcome> = pool.install(|| match one_folder {
        Some(root) => {
            let checked = discover::walk(root, &options.exclude, &|_, files, listing| {
                // A folder whose files are all excluded is not a module of the run.
                files
                    .iter()
                    .any(|f| f.reported)
                    .then(|| module::check_listed(1, &files, Some(&listing), &ctx, &[]))
            });
            checked
                .into_iter()
                .enumerate()
                .map(|(i, mut outcome)| {
                    module::rebase(&mut outcome, i + 1);
                    outcome
                })
                .collect()
        }
        None => modules
            .into_par_iter()
            .enumerate()
            .map(|(i, m)| {
                module::check_listed(
                    i + 1,
                    &m.files,
                    m.listing.as_ref(),
                    &ctx,
                    options.stdin.as_slice(),
                )
            })
            .collect(),
    });
    report
        .sources
        .reserve(outcomes.iter().map(|o| o.sources.len()).sum());
    report
        .findings
        .reserve(outcomes.iter().map(|o| o.findings.len()).sum());
    for outcome in outcomes {
        report.sources.extend(outcome.sources);
        report.findings.extend(outcome.findings);
        report.files += outcome.files;
        report.clients += outcome.clients;
    }
    report.sources.sort_by_key(|s| s.id);
    pool.install(|| finish(&mut report, &options.rules));
    Ok(report)
}

/// The worker threads of a run: `jobs` of them (all cores when `None`).
pub fn thread_pool(jobs: Option<usize>) -> Result<rayon::ThreadPool, RunError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        // The parser recurses on nesting. Workers get room for the deepest file plus what calls
        // it, so that parsing stays on their own stack instead of allocating a fresh one for
        // every file (only touched pages cost memory).
        .stack_size(2 * source::DEEP_STACK)
        .build()
        .map_err(|e| RunError(format!("cannot start worker threads: {e}")))
}

/// Sorted by file, offset and code; findings reached twice (a module called from two roots)
/// are reported once.
fn sort_findings(report: &mut Report) {
    // Each file's place in path order, so that sorting compares numbers, not paths.
    let mut by_path: Vec<(&str, FileId)> = report
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
    let findings = &mut report.findings;
    let keys: Vec<(usize, usize, &str, usize)> = findings
        .par_iter()
        .map(|f| {
            (
                rank_of(f.diag.span.file),
                f.diag.span.start,
                f.code,
                f.diag.span.end,
            )
        })
        .collect();
    // By key, then message and resource; equal findings keep their order, and only the first
    // of them is kept.
    let compare = |a: usize, b: usize| {
        keys[a]
            .cmp(&keys[b])
            .then_with(|| findings[a].diag.message.cmp(&findings[b].diag.message))
            .then_with(|| findings[a].resource.cmp(&findings[b].resource))
    };
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.par_sort_unstable_by(|&a, &b| compare(a, b).then(a.cmp(&b)));
    let repeated: Vec<bool> = (0..order.len())
        .map(|i| i > 0 && compare(order[i - 1], order[i]).is_eq())
        .collect();
    permute(findings, &order);
    let mut at = 0;
    findings.retain(|_| {
        at += 1;
        !repeated[at - 1]
    });
}

/// Puts `items[order[i]]` at `i`, in place: each cycle of the permutation is followed with
/// swaps, so no second copy of the findings is made.
fn permute<T>(items: &mut [T], order: &[usize]) {
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        let mut at = start;
        while !placed[at] {
            placed[at] = true;
            let from = order[at];
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

fn report_source(sources: &[SourceFile], id: FileId) -> &SourceFile {
    let i = sources
        .binary_search_by_key(&id, |s| s.id)
        .expect("every finding's file is a source of the report");
    &sources[i]
}

/// Lints in-memory files as one module (for tests, benchmarks and editors): `(path, text)`
/// pairs, all reported. Nothing is read from disk but the folders of local module calls.
pub fn lint_texts(files: &[(&str, &str)], selection: &RuleSelection) -> Report {
    let texts: Vec<StdinInput> = files
        .iter()
        .map(|(path, text)| StdinInput {
            path: PathBuf::from(path),
            text: text.to_string(),
        })
        .collect();
    let module_files = files
        .iter()
        .map(|(path, _)| discover::ModuleFile {
            path: PathBuf::from(path),
            display: path.to_string(),
            reported: true,
            explicit: true,
        })
        .collect();
    let ctx = module::RunContext::new(selection, Vec::new(), &[], Vec::new());
    let outcome = module::check_root(1, module_files, &ctx, &texts);
    let mut report = Report {
        sources: outcome.sources,
        findings: outcome.findings,
        files: outcome.files,
        clients: outcome.clients,
        suppressed: Vec::new(),
    };
    report.sources.sort_by_key(|s| s.id);
    finish(&mut report, selection);
    report
}

/// Sorts the findings, then applies suppression comments (sorting again only if they added
/// findings of their own).
fn finish(report: &mut Report, selection: &RuleSelection) {
    sort_findings(report);
    let before = report.findings.len() + report.suppressed.len();
    suppress::apply(report, selection);
    if report.findings.len() + report.suppressed.len() != before {
        sort_findings(report);
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
