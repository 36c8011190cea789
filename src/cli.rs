//! Command-line definitions (clap).

use crate::discover::StdinInput;
use crate::discover::STDIN_NAME;
use crate::finding::Severity;
use crate::lint::LintOptions;
use crate::render::Format;
use crate::resolve::ConfigSource;
use crate::rules::{find_meta, unknown_rule_message, RuleSelection};
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
        #[arg(short, long, value_enum, default_value = "text")]
        format: ListFormat,
    },
    /// Print a rule's documentation page.
    #[command(visible_alias = "rule")]
    Explain {
        /// A rule code (COG101) or name (default-redirect-uri-not-in-callback-urls).
        rule: String,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), for `man -l -` or a `man1` folder.
    Man,
    /// Run the language server on standard input and output (for editors).
    Server,
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

    /// Output format (pretty, compact, json, sarif, github, checkstyle, junit, gitlab), to
    /// standard output or, as `FORMAT=PATH`, to a file; repeat it for several outputs from one
    /// run: `-f pretty -f sarif=cognito-lint.sarif`.
    #[arg(
        short,
        long,
        alias = "output-format",
        value_name = "FORMAT[=PATH]",
        default_value = "pretty",
        value_parser = parse_output
    )]
    pub format: Vec<OutputSpec>,

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

    /// Never colour the output, as `--color never`.
    #[arg(long)]
    pub no_color: bool,

    /// Print findings only, without the summary (pretty, github, checkstyle).
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

    /// List, per client, the arguments rules could not check because their value is not known
    /// before apply, with why (COG904 notes; they never change the exit code).
    #[arg(long)]
    pub show_unknown: bool,

    /// Print findings per rule, files, clients and time to standard error.
    #[arg(long)]
    pub statistics: bool,

    // ---- CI outputs (issue 16, item 4): where the outputs go, colour, exit code ----
    /// Write the output that names no file of its own to PATH instead of standard output.
    #[arg(long, value_name = "PATH")]
    pub output_file: Option<PathBuf>,

    /// Colour `pretty` output: on a terminal unless NO_COLOR is set and not empty (auto),
    /// always, or never.
    #[arg(long, value_enum, value_name = "WHEN", default_value = "auto")]
    pub color: ColorChoice,

    /// Exit 0 even when findings reach `--fail-on` (a run that fails still exits 2).
    #[arg(long)]
    pub exit_zero: bool,
    // ---- end of CI outputs ----

    // --- baselines (issue 16, item 6) ---
    /// Do not report the findings recorded in FILE (written by --write-baseline); report its
    /// entries that match nothing (COG902).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record the findings of this run in FILE, and report none of them.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    // --- end of baselines ---
    /// Also walk what `.gitignore` (in a git repository), `.ignore` and the global git
    /// excludes name.
    #[arg(long)]
    pub no_ignore: bool,

    // ---- fixes (issue 14) ----
    /// Apply the safe fixes to the linted files, then report the findings left.
    #[arg(long)]
    pub fix: bool,

    /// Apply the unsafe fixes too (they change what AWS does: review them).
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print what the fixes would change as a unified diff, and write nothing (exit 1 when
    /// they would change a file).
    #[arg(long)]
    pub diff: bool,

    /// Insert a `# cognito-lint:ignore CODE` comment above every finding left, to adopt the
    /// linter in one commit.
    #[arg(long)]
    pub add_suppressions: bool,
    // ---- end of fixes ----
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
        fn known(flag: &str) -> impl Fn(&String) -> Result<(), String> + '_ {
            move |code: &String| -> Result<(), String> {
                if code.eq_ignore_ascii_case("all") || find_meta(code).is_some() {
                    Ok(())
                } else {
                    Err(format!("{flag}: {}", unknown_rule_message(code)))
                }
            }
        }
        if let Some(select) = &self.select {
            select.iter().try_for_each(known("--select"))?;
            selection.select = Some(select.clone());
        }
        self.ignore.iter().try_for_each(known("--ignore"))?;
        selection.ignore.extend(self.ignore.iter().cloned());
        for item in &self.severity {
            let (meta, level) = parse_severity(item)?;
            selection.severity.insert(meta.code.to_string(), level);
        }
        selection.require_reason |= self.require_reason;
        selection.show_unknown |= self.show_unknown;

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
            keep: self
                .format
                .iter()
                .map(|spec| spec.format.keeps())
                .max()
                .unwrap_or_default(),
            ..self.config_options()
        };
        Ok(Settings { options })
    }

    /// A path that does not exist and looks like a mistyped subcommand (`expalin`): the
    /// message saying so, with the command meant.
    pub fn mistyped_command(&self) -> Option<String> {
        // `man` is left out: too short for a suggestion that would not mislead.
        const COMMANDS: [&str; 6] = ["rules", "explain", "rule", "completions", "server", "help"];
        self.paths.iter().find_map(|path| {
            let word = path.to_str()?;
            let bare = !word.is_empty()
                && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !bare || std::fs::symlink_metadata(path).is_ok() {
                return None;
            }
            let word_lower = word.to_ascii_lowercase();
            let (_, _, meant) = COMMANDS
                .into_iter()
                .enumerate()
                .map(|(i, c)| (strsim::damerau_levenshtein(&word_lower, c), i, c))
                .filter(|(distance, _, _)| *distance <= 2)
                .min()?;
            Some(format!(
                "`{word}` is neither a file nor a folder, nor a command; did you mean `cognito-lint {meant}`?"
            ))
        })
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
            no_ignore: self.no_ignore,
            write_baseline: self.write_baseline.clone(),
            ..LintOptions::default()
        }
    }

    // --- end of config files and baselines ---

    /// What `--fix`, `--unsafe-fixes`, `--diff` and `--add-suppressions` ask, when one of them
    /// is given; `Err` for a combination that cannot work.
    pub fn fixes(&self) -> Result<Option<crate::fix::FixOptions>, String> {
        if !(self.fix || self.unsafe_fixes || self.diff || self.add_suppressions) {
            return Ok(None);
        }
        let flag = match (self.diff, self.add_suppressions) {
            (true, _) => "--diff",
            (false, true) => "--add-suppressions",
            (false, false) => "--fix",
        };
        if self.reads_stdin() {
            return Err(format!(
                "{flag} changes files on disk; standard input is not one (editors: use the fixes of `-f json`)"
            ));
        }
        if self.write_baseline.is_some() {
            return Err(format!(
                "{flag} and --write-baseline in one run: fix first, then write the baseline"
            ));
        }
        Ok(Some(crate::fix::FixOptions {
            unsafe_fixes: self.unsafe_fixes,
            add_suppressions: self.add_suppressions,
            write: !self.diff,
        }))
    }

    /// `-` is among the paths.
    pub fn reads_stdin(&self) -> bool {
        self.paths.iter().any(|p| p.as_os_str() == "-")
    }
}

/// `--severity CODE=LEVEL`, saying which part is wrong when one is.
fn parse_severity(item: &str) -> Result<(&'static crate::rules::RuleMeta, Severity), String> {
    let (code, level) = item
        .split_once('=')
        .ok_or_else(|| format!("--severity expects CODE=LEVEL; got `{item}`"))?;
    let meta = find_meta(code.trim())
        .ok_or_else(|| format!("--severity {item}: {}", unknown_rule_message(code.trim())))?;
    let level = Severity::parse(level.trim()).ok_or_else(|| {
        format!(
            "--severity {item}: unknown level `{}`; the levels are error, warning, info",
            level.trim()
        )
    })?;
    Ok((meta, level))
}

// ---- CI outputs (issue 16, item 4) ----

/// One `-f FORMAT[=PATH]`: a format, and the file it goes to (standard output when `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputSpec {
    pub format: Format,
    pub path: Option<PathBuf>,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_output(value: &str) -> Result<OutputSpec, String> {
    let (name, path) = match value.split_once('=') {
        Some((name, "")) => {
            return Err(format!(
                "`{name}=` names no file; write `{name}=PATH` or `{name}`"
            ))
        }
        Some((name, path)) => (name, Some(PathBuf::from(path))),
        None => (value, None),
    };
    let format = Format::from_str(name, true).map_err(|_| {
        let names: Vec<String> = Format::value_variants()
            .iter()
            .filter_map(|f| Some(f.to_possible_value()?.get_name().to_string()))
            .collect();
        format!(
            "unknown format `{name}`; the formats are {}",
            names.join(", ")
        )
    })?;
    Ok(OutputSpec { format, path })
}

impl LintArgs {
    /// Every output of the run, with `--output-file` given to the one that names no file; at
    /// most one output per destination.
    pub fn outputs(&self) -> Result<Vec<OutputSpec>, String> {
        let outputs: Vec<OutputSpec> = self
            .format
            .iter()
            .map(|spec| OutputSpec {
                format: spec.format,
                path: spec.path.clone().or_else(|| self.output_file.clone()),
            })
            .collect();
        if let Some(path) = &self.output_file {
            if self.format.iter().all(|spec| spec.path.is_some()) {
                return Err(format!(
                    "--output-file `{}` takes no output: every -f names its own file",
                    path.display()
                ));
            }
        }
        for (i, spec) in outputs.iter().enumerate() {
            if outputs[..i].iter().any(|earlier| earlier.path == spec.path) {
                let place = match &spec.path {
                    Some(path) => format!("`{}`", path.display()),
                    None => "standard output".to_string(),
                };
                return Err(format!(
                    "two outputs go to {place}; give each format its own file with `-f FORMAT=PATH`"
                ));
            }
        }
        Ok(outputs)
    }

    /// Whether `pretty` output is coloured, for a destination that is (or is not) a terminal.
    /// `NO_COLOR` counts only when set and not empty (no-color.org); the flags win over it.
    pub fn colored(&self, terminal: bool, no_color_env: Option<&std::ffi::OsStr>) -> bool {
        match (self.no_color, self.color) {
            (true, _) | (false, ColorChoice::Never) => false,
            (false, ColorChoice::Always) => true,
            (false, ColorChoice::Auto) => terminal && no_color_env.is_none_or(|v| v.is_empty()),
        }
    }
}
// ---- end of CI outputs ----
