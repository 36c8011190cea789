//! Command-line definitions (clap).

use crate::discover::StdinInput;
use crate::discover::STDIN_NAME;
use crate::finding::Severity;
use crate::lint::LintOptions;
use crate::render::Format;
use crate::resolve::ConfigSource;
use crate::rules::{find_meta, RuleSelection};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "cognito-lint",
    version,
    about = "Finds mistakes in AWS Cognito user pool clients in Terraform before `terraform apply`",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub lint: LintArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every rule: code, name, default severity, summary.
    Rules {
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
    /// Print a rule's documentation page.
    Explain {
        /// A rule code (COG101) or name (default-redirect-uri-not-in-callback-urls).
        rule: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl From<FailOn> for Severity {
    fn from(f: FailOn) -> Severity {
        match f {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// Files and folders to lint (folders are walked recursively).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(short, long, value_enum, default_value = "pretty")]
    pub format: Format,

    /// The lowest severity that makes the exit code 1 [default: error, or the config's `fail_on`].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Only these rules (codes or names, comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub select: Option<Vec<String>>,

    /// Never these rules (codes or names, comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Change a rule's severity: `COG204=error` (repeatable, or comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "CODE=LEVEL")]
    pub severity: Vec<String>,

    /// Worker threads (default: all cores).
    #[arg(short, long)]
    pub jobs: Option<usize>,

    /// Never colour the output (also: the NO_COLOR environment variable).
    #[arg(long)]
    pub no_color: bool,

    /// Print findings only, without the summary line.
    #[arg(short, long)]
    pub quiet: bool,

    /// Read settings from FILE for every path [default: each file's nearest `.cognito-lint.hcl`,
    /// in its folder or a folder above, up to the repository root].
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Read no config file.
    #[arg(long)]
    pub no_config: bool,

    /// Set a root module variable, as `terraform plan -var` (repeatable; later wins).
    #[arg(long = "var", value_name = "NAME=VALUE")]
    pub vars: Vec<String>,

    /// Read root module variables from a file, as `terraform plan -var-file` (repeatable).
    #[arg(long = "var-file", value_name = "FILE")]
    pub var_files: Vec<PathBuf>,

    /// The name of the file read from standard input (`-` as PATH): shown in output, and its
    /// folder gives the module.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// List the findings that comments suppressed.
    #[arg(long)]
    pub show_suppressed: bool,

    /// Report suppression comments that give no reason (COG901).
    #[arg(long)]
    pub require_reason: bool,

    /// Print findings per rule, files, clients and time to standard error.
    #[arg(long)]
    pub statistics: bool,

    // --- baselines (issue 16, item 6) ---
    /// Do not report the findings recorded in FILE (written by --write-baseline); report its
    /// entries that match nothing (COG902).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record the findings of this run in FILE, and report none of them.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    // --- end of baselines ---
}

/// What the lint command runs with: the flags, checked. Each folder's config file is found
/// and merged with them during the run (see `resolve.rs`).
#[derive(Debug)]
pub struct Settings {
    pub options: LintOptions,
}

impl LintArgs {
    /// The flags as lint options. `stdin` is the text of standard input, read by the caller
    /// when `-` is among the paths.
    pub fn settings(&self, stdin: Option<String>) -> Result<Settings, String> {
        let mut selection = RuleSelection::default();
        let unknown = |code: &String| -> Result<(), String> {
            if code.eq_ignore_ascii_case("all") || find_meta(code).is_some() {
                Ok(())
            } else {
                Err(format!(
                    "unknown rule `{code}`; `cognito-lint rules` lists them"
                ))
            }
        };
        if let Some(select) = &self.select {
            select.iter().try_for_each(unknown)?;
            selection.select = Some(select.clone());
        }
        self.ignore.iter().try_for_each(unknown)?;
        selection.ignore.extend(self.ignore.iter().cloned());
        for item in &self.severity {
            let parsed = item.split_once('=').and_then(|(code, level)| {
                Some((find_meta(code.trim())?, Severity::parse(level.trim())?))
            });
            let (meta, level) = parsed.ok_or_else(|| {
                format!("--severity expects CODE=LEVEL with LEVEL one of error, warning, info; got `{item}`")
            })?;
            selection.severity.insert(meta.code.to_string(), level);
        }
        selection.require_reason |= self.require_reason;

        let mut variables = Vec::new();
        for item in &self.vars {
            let (name, value) = item
                .split_once('=')
                .filter(|(name, _)| !name.trim().is_empty())
                .ok_or_else(|| format!("--var expects NAME=VALUE; got `{item}`"))?;
            variables.push((name.trim().to_string(), value.to_string()));
        }
        let var_files = self.var_files.clone();

        let reads_stdin = self.reads_stdin();
        if self.stdin_filename.is_some() && !reads_stdin {
            return Err("--stdin-filename names standard input; add `-` to the paths".to_string());
        }
        let stdin = match (reads_stdin, stdin) {
            (true, Some(text)) => Some(StdinInput {
                path: self
                    .stdin_filename
                    .clone()
                    .unwrap_or_else(|| PathBuf::from(STDIN_NAME)),
                text,
            }),
            (true, None) => return Err("standard input was not read".to_string()),
            (false, _) => None,
        };
        let options = LintOptions {
            paths: self
                .paths
                .iter()
                .filter(|p| p.as_os_str() != "-")
                .cloned()
                .collect(),
            rules: selection,
            jobs: self.jobs,
            variables,
            var_files,
            stdin,
            positions_only: !self.format.shows_text(),
            ..self.config_options()
        };
        Ok(Settings { options })
    }

    // --- config files and baselines (issue 16, items 1, 2 and 6) ---

    /// Which config files apply, and `--fail-on` over theirs.
    fn config_options(&self) -> LintOptions {
        let config = match (&self.config, self.no_config) {
            (_, true) => ConfigSource::None,
            (Some(path), false) => ConfigSource::File(path.clone()),
            (None, false) => ConfigSource::Nearest,
        };
        LintOptions {
            config,
            fail_on: self.fail_on.map(Severity::from),
            baseline: self.baseline.clone(),
            write_baseline: self.write_baseline.clone(),
            ..LintOptions::default()
        }
    }

    // --- end of config files and baselines ---

    /// `-` is among the paths.
    pub fn reads_stdin(&self) -> bool {
        self.paths.iter().any(|p| p.as_os_str() == "-")
    }
}
