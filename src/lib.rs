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
pub mod render;
pub mod rules;
pub mod schema;
pub mod source;
pub mod suppress;
pub mod value;

use crate::eval::NoScope;
use crate::extract::ModuleView;
use crate::finding::{Diag, Finding, Severity};
use crate::rules::{AppliesTo, Ctx, Rule, RuleOptions, RULES, SYNTAX_ERROR};
use crate::schema::ClientKind;
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
        &self.sources[id as usize]
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

/// A module's files, read, ready to check.
pub struct ModuleInput {
    pub files: Vec<(SourceFile, bool)>,
    /// Syntax errors found while reading (unreadable, not UTF-8), by file.
    pub read_errors: Vec<source::SyntaxError>,
}

/// Lints the files and folders in `options.paths`.
pub fn lint(options: &LintOptions) -> Result<Report, RunError> {
    let stdin = options.stdin.as_ref();
    let modules = discover::discover(
        &options.paths,
        &options.exclude,
        stdin.map(|s| s.path.as_path()),
    )
    .map_err(|e| RunError(format!("{}: {}", e.path.display(), e.message)))?;
    let pool = thread_pool(options.jobs)?;
    pool.install(|| {
        // File ids follow discovery order, so they do not depend on scheduling.
        let mut next_id: FileId = 0;
        let planned: Vec<Vec<(FileId, discover::ModuleFile)>> = modules
            .into_iter()
            .map(|m| {
                m.files
                    .into_iter()
                    .map(|f| {
                        let id = next_id;
                        next_id += 1;
                        (id, f)
                    })
                    .collect()
            })
            .collect();
        let results: Vec<(Vec<SourceFile>, Vec<Finding>, usize, usize)> = planned
            .into_par_iter()
            .map(|files| {
                let input = read_module(files, stdin);
                let files_reported = input.files.iter().filter(|(_, r)| *r).count();
                let (findings, clients) = check_module(&input, &options.rules);
                let sources = input.files.into_iter().map(|(f, _)| f).collect();
                (sources, findings, files_reported, clients)
            })
            .collect();
        let mut report = Report::default();
        for (sources, findings, files, clients) in results {
            report.sources.extend(sources);
            report.findings.extend(findings);
            report.files += files;
            report.clients += clients;
        }
        report.sources.sort_by_key(|s| s.id);
        sort_findings(&mut report);
        suppress::apply(&mut report, &options.rules);
        sort_findings(&mut report);
        Ok(report)
    })
}

fn thread_pool(jobs: Option<usize>) -> Result<rayon::ThreadPool, RunError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        // The parser recurses on nesting; a large stack keeps deep files from overflowing it.
        .stack_size(64 << 20)
        .build()
        .map_err(|e| RunError(format!("cannot start worker threads: {e}")))
}

fn read_module(
    files: Vec<(FileId, discover::ModuleFile)>,
    stdin: Option<&StdinInput>,
) -> ModuleInput {
    let mut input = ModuleInput {
        files: Vec::new(),
        read_errors: Vec::new(),
    };
    let stdin = stdin.map(|s| (discover::clean(&s.path), s.text.as_str()));
    for (id, file) in files {
        let read = match &stdin {
            Some((path, text)) if *path == file.path => Ok(text.as_bytes().to_vec()),
            _ => std::fs::read(&file.path),
        };
        let (text, error) = match read {
            Ok(bytes) => source::decode(id, bytes),
            Err(e) => (
                String::new(),
                Some(source::SyntaxError {
                    span: value::Span::point(id, 0),
                    message: format!("cannot read file: {}", discover::io_message(&e)),
                }),
            ),
        };
        if let Some(error) = error {
            input.read_errors.push(error);
        }
        let mut source = SourceFile::new(id, file.path, file.display, text);
        source.reported = file.reported;
        input.files.push((source, file.reported));
    }
    input
}

/// A module holds something to check when one of its files mentions a Cognito resource.
fn holds_cognito(input: &ModuleInput) -> bool {
    input
        .files
        .iter()
        .any(|(f, _)| f.text.contains("aws_cognito_"))
}

/// Checks one module: parses its files, extracts its clients, runs the rules. Returns the
/// findings in reported files and the number of clients checked there.
pub fn check_module(input: &ModuleInput, selection: &RuleSelection) -> (Vec<Finding>, usize) {
    let reported = |id: FileId| input.files.iter().any(|(f, r)| f.id == id && *r);
    let mut findings = Vec::new();
    let syntax_enabled = selection.is_enabled(SYNTAX_ERROR.code, SYNTAX_ERROR.name);
    let syntax_severity = selection.severity_of(SYNTAX_ERROR.code, SYNTAX_ERROR.severity);
    let syntax = |error: source::SyntaxError, findings: &mut Vec<Finding>| {
        if syntax_enabled {
            findings.push(Finding {
                code: SYNTAX_ERROR.code,
                name: SYNTAX_ERROR.name,
                severity: syntax_severity,
                resource: None,
                block: None,
                diag: Diag::new(error.span, error.message),
            });
        }
    };
    let failed: Vec<FileId> = input.read_errors.iter().map(|e| e.span.file).collect();
    for error in &input.read_errors {
        syntax(error.clone(), &mut findings);
    }
    let relevant = holds_cognito(input);
    let mut module = ModuleView::default();
    for (file, _) in &input.files {
        if failed.contains(&file.id) {
            continue;
        }
        let explicit = reported(file.id) && !relevant;
        if !relevant && !explicit {
            continue;
        }
        match source::parse_hcl(file) {
            Ok(body) => module.add_file(file.id, &body, &NoScope),
            Err(error) => syntax(error, &mut findings),
        }
    }
    let rules: Vec<(&dyn Rule, Severity)> = RULES
        .iter()
        .copied()
        .filter(|r| selection.is_enabled(r.meta().code, r.meta().name))
        .map(|r| (r, selection.severity_of(r.meta().code, r.meta().severity)))
        .collect();
    let no_options = RuleOptions::new();
    let mut clients = 0;
    for client in &module.clients {
        if !reported(client.file) {
            continue;
        }
        clients += 1;
        let Some(kind) = client.client_kind() else {
            continue;
        };
        let address = client.address();
        let client_findings: Vec<Finding> = rules
            .par_iter()
            .flat_map_iter(|&(rule, severity)| {
                let meta = rule.meta();
                if meta.applies_to == AppliesTo::UserPoolClientOnly
                    && kind != ClientKind::UserPoolClient
                {
                    return Vec::new();
                }
                let cx = Ctx {
                    client,
                    kind,
                    module: &module,
                    options: selection.options.get(meta.code).unwrap_or(&no_options),
                };
                let mut diags = Vec::new();
                rule.check(&cx, &mut diags);
                diags
                    .into_iter()
                    .map(|diag| Finding {
                        code: meta.code,
                        name: meta.name,
                        severity: diag.severity_cap.map_or(severity, |cap| severity.min(cap)),
                        resource: Some(address.clone()),
                        block: Some(client.block_span),
                        diag,
                    })
                    .collect()
            })
            .collect();
        findings.extend(client_findings);
    }
    findings.retain(|f| reported(f.diag.span.file));
    (findings, clients)
}

fn sort_findings(report: &mut Report) {
    let sources = &report.sources;
    report.findings.sort_by(|a, b| {
        let pa = &sources[a.diag.span.file as usize].display;
        let pb = &sources[b.diag.span.file as usize].display;
        (
            pa,
            a.diag.span.start,
            a.code,
            a.diag.span.end,
            &a.diag.message,
        )
            .cmp(&(
                pb,
                b.diag.span.start,
                b.code,
                b.diag.span.end,
                &b.diag.message,
            ))
    });
    report.findings.dedup();
}

/// Lints in-memory files as one module (for tests and editors): `(path, text)` pairs, all
/// reported.
pub fn lint_texts(files: &[(&str, &str)], selection: &RuleSelection) -> Report {
    let input = ModuleInput {
        files: files
            .iter()
            .enumerate()
            .map(|(i, (path, text))| {
                (
                    SourceFile::new(
                        i as FileId,
                        PathBuf::from(path),
                        path.to_string(),
                        text.to_string(),
                    ),
                    true,
                )
            })
            .collect(),
        read_errors: Vec::new(),
    };
    let (findings, clients) = check_module(&input, selection);
    let mut report = Report {
        suppressed: Vec::new(),
        files: input.files.len(),
        sources: input.files.into_iter().map(|(f, _)| f).collect(),
        findings,
        clients,
    };
    sort_findings(&mut report);
    suppress::apply(&mut report, selection);
    sort_findings(&mut report);
    report
}
