//! One run of the linter: the paths named gathered into modules (or one folder walked, each
//! module checked as soon as its folder is listed), every root module checked in parallel, and
//! the findings gathered into one sorted [`Report`] with suppression comments applied.

use crate::baseline::{self, Baseline};
use crate::discover::{self, StdinInput};
use crate::finding::Severity;
use crate::fs;
use crate::module::{self, ModuleSettings, RootVariables, RunContext};
use crate::report::{Report, RunError};
use crate::resolve::{ConfigSource, Configs};
use crate::rules::RuleSelection;
use crate::source::{self, Keep};
use crate::suppress;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    pub paths: Vec<PathBuf>,
    /// The flags' rule settings, laid over each config file's.
    pub rules: RuleSelection,
    /// Worker threads; all cores when `None`.
    pub jobs: Option<usize>,
    /// `--var NAME=VALUE`, in the order given (later wins).
    pub variables: Vec<(String, String)>,
    /// `--var-file FILE`, in the order given.
    pub var_files: Vec<PathBuf>,
    /// Text read from standard input (`-` as PATH).
    pub stdin: Option<StdinInput>,
    /// An editor's open buffers, from memory (unsaved changes count): Terraform files linted as
    /// named files, tfvars files read as their folder's values.
    pub buffers: Vec<StdinInput>,
    /// Exclude globs besides the config files' (relative to the current folder).
    pub exclude: discover::Exclude,
    /// `--fail-on`, over each config file's `fail_on`.
    pub fail_on: Option<Severity>,
    /// Which config files apply (none by default; the command line looks for the nearest).
    pub config: ConfigSource,
    /// `--baseline FILE`: the findings it records are not reported.
    pub baseline: Option<PathBuf>,
    /// `--write-baseline FILE`: the run's findings are recorded there (and then not reported).
    pub write_baseline: Option<PathBuf>,
    /// `--no-ignore`: walk what `.gitignore`, `.ignore` and the git excludes name too.
    pub no_ignore: bool,
    /// What the report's formats read of the files with findings (the whole text by default):
    /// the rest of a file's text is released as its module is done.
    pub keep: Keep,
    /// Texts that stand for files on disk (the fixed text, between rounds of `--fix`).
    pub overlay: Vec<StdinInput>,
}

/// Lints the files and folders in `options.paths` (and standard input).
pub fn lint(options: &LintOptions) -> Result<Report, RunError> {
    lint_with(&thread_pool(options.jobs)?, options)
}

/// [`lint`] on the given worker threads (made by [`thread_pool`]), so that a caller can render
/// on the same ones.
pub fn lint_with(pool: &rayon::ThreadPool, options: &LintOptions) -> Result<Report, RunError> {
    let mut report = Report::default();
    let configs = Configs::new(options, &mut report.sources).map_err(RunError)?;
    // Read first, so that a bad baseline stops the run before any work.
    let baseline_id = module::id_base(1) - 1;
    let mut baseline = match (&options.baseline, &options.write_baseline) {
        (Some(path), None) => Some(Baseline::read(path, baseline_id).map_err(RunError)?),
        _ => None,
    };
    // One folder to walk (`cognito-lint .`, the common case): each module is checked as soon
    // as its folder is listed, and the list of its files is dropped with it. Otherwise the
    // named paths are gathered into modules first.
    let one_folder = match options.paths.as_slice() {
        [path] if options.stdin.is_none() && options.buffers.is_empty() => std::fs::metadata(path)
            .is_ok_and(|m| m.is_dir())
            .then_some(path),
        _ => None,
    };
    let modules = match one_folder {
        Some(_) => Vec::new(),
        None => pool
            .install(|| {
                // A buffer of a tfvars file is read as its module's values, not linted.
                let names: Vec<&Path> = options
                    .stdin
                    .iter()
                    .chain(
                        options
                            .buffers
                            .iter()
                            .filter(|b| !discover::is_variables_file(&b.path)),
                    )
                    .map(|t| t.path.as_path())
                    .collect();
                discover::discover(&options.paths, &configs, &names)
            })
            .map_err(|e| RunError(format!("{}: {}", e.path.display(), e.message)))?,
    };
    if one_folder.is_none() {
        report.empty_folders = empty_folders(&options.paths, &modules);
    }
    // Every text in memory: standard input, the editor's buffers, the fix rounds' texts.
    let texts: Vec<StdinInput> = options
        .stdin
        .iter()
        .chain(&options.buffers)
        .chain(&options.overlay)
        .cloned()
        .collect();
    let ctx = RunContext::new(
        &RuleSelection::default(),
        RootVariables::default(),
        options.keep,
    );
    // Each module is checked with the settings of the config that covers its folder.
    let outcomes: Vec<(module::Outcome, Arc<ModuleSettings>)> = pool.install(|| match one_folder {
        Some(root) => {
            let checked = discover::walk(root, &configs, &|_, files, listing, settings| {
                // A folder whose files are all excluded is not a module of the run.
                files.iter().any(|f| f.reported).then(|| {
                    let outcome =
                        module::check_listed(1, &files, Some(&listing), &ctx, settings, &texts);
                    (outcome, settings.clone())
                })
            });
            // In parallel: a module's rebase touches each of its findings, a million on a
            // generated stack.
            checked
                .into_par_iter()
                .enumerate()
                .map(|(i, (mut outcome, settings))| {
                    module::rebase(&mut outcome, i + 1);
                    (outcome, settings)
                })
                .collect()
        }
        None => modules
            .into_par_iter()
            .enumerate()
            .map(|(i, m)| {
                let outcome = module::check_listed(
                    i + 1,
                    &m.files,
                    m.listing.as_ref(),
                    &ctx,
                    &m.settings,
                    &texts,
                );
                (outcome, m.settings)
            })
            .collect(),
    });
    // The run's own files (variable files, the baseline) follow the config nearest to the
    // baseline when there is one: COG902's severity and `fail_on` come from there.
    let own_settings = options
        .write_baseline
        .as_ref()
        .or(options.baseline.as_ref())
        .and_then(|p| discover::absolute(p).parent().map(|d| configs.for_dir(d)))
        .unwrap_or_else(|| configs.fallback());
    report.sources.extend(configs.finish().map_err(RunError)?);
    report
        .sources
        .reserve(outcomes.iter().map(|o| o.0.sources.len()).sum());
    report
        .findings
        .reserve(outcomes.iter().map(|o| o.0.findings.len()).sum());
    report.settings.push(own_settings.clone());
    // The run's own files (config, variable files), read above.
    report.files_read = report.sources.len();
    let mut blocks: Vec<u64> = Vec::new();
    for (outcome, settings) in outcomes {
        blocks.extend(outcome.client_blocks);
        report.files_read += outcome.read;
        report.sources.extend(outcome.sources);
        report.findings.extend(outcome.findings);
        report.files += outcome.files;
        report.clients += outcome.clients;
        report
            .unknowns
            .add(outcome.unknowns.clients, &outcome.unknowns.causes);
        report.settings.push(settings);
    }
    blocks.par_sort_unstable();
    blocks.dedup();
    report.client_blocks = blocks.len();
    report.show_unknown = options.rules.show_unknown;
    report.sources.sort_by_key(|s| s.id);
    if let (Some(root), 0) = (one_folder, report.files) {
        report.empty_folders.push(root.clone());
    }
    pool.install(|| finish(&mut report));
    if let Some(path) = &options.write_baseline {
        baseline::write(&report, path).map_err(RunError)?;
        baseline = Some(Baseline::read(path, baseline_id).map_err(RunError)?);
    }
    if let Some(baseline) = baseline {
        baseline.apply(&mut report, &own_settings.rules);
        pool.install(|| report.sort_findings());
    }
    Ok(report)
}

/// The named folders that no linted file is under.
fn empty_folders(paths: &[PathBuf], modules: &[discover::Module]) -> Vec<PathBuf> {
    let linted: Vec<PathBuf> = modules
        .iter()
        .flat_map(|m| &m.files)
        .filter(|f| f.reported)
        .map(|f| fs::clean(&f.path))
        .collect();
    paths
        .iter()
        .filter(|p| p.is_dir())
        .filter(|p| {
            let root = fs::clean(p);
            let here = root == Path::new(".");
            !linted.iter().any(|f| here || f.starts_with(&root))
        })
        .cloned()
        .collect()
}

/// The most worker threads a run starts: more than a few per core only costs memory (each
/// has a deep stack), and `-j 100000` must not stall the machine.
pub fn max_jobs() -> usize {
    const PER_CORE: usize = 4;
    std::thread::available_parallelism().map_or(1, |n| n.get()) * PER_CORE
}

/// Whether the run names files of one folder and nothing else (a pre-commit hook on one
/// folder, an editor on one file): one module to check, which a second worker would only slow
/// down (its start and its memory cost more than the module).
pub fn one_module(options: &LintOptions) -> bool {
    let mut folders = options.paths.iter().map(|p| {
        std::fs::metadata(p)
            .is_ok_and(|m| m.is_file())
            .then(|| crate::fs::normalize(p.parent().unwrap_or(Path::new(""))))
    });
    let Some(Some(first)) = folders.next() else {
        return false;
    };
    folders.all(|f| f.as_ref() == Some(&first))
}

/// The worker threads of a run: `jobs` of them, at most [`max_jobs`] (all cores when `None`).
pub fn thread_pool(jobs: Option<usize>) -> Result<rayon::ThreadPool, RunError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.map_or(0, |j| j.min(max_jobs())))
        // The parser recurses on nesting. Workers get room for the deepest file plus what calls
        // it, so that parsing stays on their own stack instead of allocating a fresh one for
        // every file (only touched pages cost memory).
        .stack_size(2 * source::DEEP_STACK)
        .build()
        .map_err(|e| RunError(format!("cannot start worker threads: {e}")))
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
    let ctx = RunContext::new(selection, RootVariables::default(), Keep::Text);
    let outcome = module::check_root(1, module_files, &ctx, &texts);
    let settings = Arc::new(ctx.settings);
    let mut report = Report {
        sources: outcome.sources,
        findings: outcome.findings,
        files: outcome.files,
        files_read: outcome.read,
        clients: outcome.clients,
        unknowns: outcome.unknowns,
        show_unknown: selection.show_unknown,
        client_blocks: outcome.client_blocks.len(),
        settings: vec![settings.clone(), settings],
        ..Report::default()
    };
    report.sources.sort_by_key(|s| s.id);
    finish(&mut report);
    report
}

/// Sorts the findings, then applies suppression comments (sorting again only if they added
/// findings of their own).
fn finish(report: &mut Report) {
    report.sort_findings();
    let before = report.findings.len() + report.suppressed.len();
    suppress::apply(report);
    if report.findings.len() + report.suppressed.len() != before {
        report.sort_findings();
    }
}
