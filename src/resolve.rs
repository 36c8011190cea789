//! Which config file covers which folder: the `.cognito-lint.hcl` nearest to it, in the folder
//! or a folder above, up to the repository root (a folder holding `.git`) or the filesystem
//! root, as ruff and ESLint find theirs; `--config FILE` names one file for every folder,
//! `--no-config` none. Each file is read once, and merged with the command line's flags into
//! the [`ModuleSettings`] of the modules it covers.

use crate::config::{self, Config, FILE_NAME};
use crate::discover::absolute;
use crate::finding::Severity;
use crate::lint::LintOptions;
use crate::module::{self, ModuleSettings, RootVariables};
use crate::source::Sources;
use crate::value::{FileId, Spanned, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Where a run's settings come from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ConfigSource {
    /// No config file: the flags alone (`--no-config`, and the library's default).
    #[default]
    None,
    /// One file for every folder (`--config FILE`).
    File(PathBuf),
    /// The file nearest to each folder (the command line's default).
    Nearest,
}

/// The settings of every folder of a run, found as the run reaches the folder.
pub struct Configs<'o> {
    flags: &'o LintOptions,
    env: Vec<(String, String)>,
    /// The values of the `--var-file` files, read before the run.
    flag_var_files: Vec<(String, Spanned<Value>)>,
    /// For folders that no config covers.
    default: Arc<ModuleSettings>,
    forced: Option<Arc<ModuleSettings>>,
    by_file: Mutex<HashMap<PathBuf, Arc<ModuleSettings>>>,
    by_dir: Mutex<HashMap<PathBuf, Arc<ModuleSettings>>>,
    /// The first config file that could not be read, by path: the run fails with it.
    errors: Mutex<Vec<(PathBuf, String)>>,
    /// Variable files the config files name, read as their config is.
    var_sources: Mutex<Sources>,
    next_id: AtomicU64,
}

impl<'o> Configs<'o> {
    /// Reads the `--var-file` files and, with `--config FILE`, that file; an error is the
    /// run's (exit code 2).
    pub fn new(flags: &'o LintOptions, sources: &mut Sources) -> Result<Configs<'o>, String> {
        let mut flag_var_files = Vec::new();
        for (i, path) in flags.var_files.iter().enumerate() {
            if !path.exists() {
                return Err(format!("{}: variable file not found", path.display()));
            }
            let values = module::read_var_file(path, i as FileId, sources)
                .map_err(|e| format!("{}: {}", path.display(), crate::fs::io_message(&e)))?;
            flag_var_files.extend(values);
        }
        let env = std::env::vars()
            .filter_map(|(k, v)| k.strip_prefix("TF_VAR_").map(|name| (name.to_string(), v)))
            .collect();
        let mut configs = Configs {
            flags,
            env,
            flag_var_files,
            default: Arc::new(ModuleSettings::default()),
            forced: None,
            by_file: Mutex::new(HashMap::new()),
            by_dir: Mutex::new(HashMap::new()),
            errors: Mutex::new(Vec::new()),
            var_sources: Mutex::new(Vec::new()),
            next_id: AtomicU64::new(flags.var_files.len() as u64),
        };
        configs.default = Arc::new(configs.merge(None)?);
        if let ConfigSource::File(path) = &flags.config {
            let config = config::load(path).map_err(|e| e.to_string())?;
            configs.forced = Some(Arc::new(configs.merge(Some(&config))?));
        }
        Ok(configs)
    }

    /// The settings of files no folder gives settings to (variable files, the baseline).
    pub fn fallback(&self) -> Arc<ModuleSettings> {
        self.forced.clone().unwrap_or_else(|| self.default.clone())
    }

    /// Whether each folder looks for its own config file.
    /// Whether walks skip what `.gitignore`, `.ignore` and the git excludes name
    /// (`--no-ignore` says no).
    pub fn respects_ignore_files(&self) -> bool {
        !self.flags.no_ignore
    }

    pub fn nearest(&self) -> bool {
        self.flags.config == ConfigSource::Nearest
    }

    /// The settings that cover the folder at the absolute path `dir`.
    pub fn for_dir(&self, dir: &Path) -> Arc<ModuleSettings> {
        if let Some(forced) = &self.forced {
            return forced.clone();
        }
        if !self.nearest() {
            return self.default.clone();
        }
        if let Some(known) = self.by_dir.lock().unwrap().get(dir) {
            return known.clone();
        }
        let candidate = dir.join(FILE_NAME);
        let settings = if candidate.is_file() {
            self.load(&candidate)
        } else {
            match dir.parent() {
                Some(parent) if !dir.join(".git").exists() => self.for_dir(parent),
                _ => self.default.clone(),
            }
        };
        self.by_dir
            .lock()
            .unwrap()
            .insert(dir.to_path_buf(), settings.clone());
        settings
    }

    /// The settings from the config file at the absolute path `path`, read once. A file that
    /// cannot be read fails the run (see [`Configs::finish`]); meanwhile its folders get the
    /// default settings.
    pub fn load(&self, path: &Path) -> Arc<ModuleSettings> {
        if let Some(known) = self.by_file.lock().unwrap().get(path) {
            return known.clone();
        }
        let settings = match config::load(path)
            .map_err(|e| e.to_string())
            .and_then(|config| self.merge(Some(&config)))
        {
            Ok(settings) => Arc::new(settings),
            Err(message) => {
                self.errors
                    .lock()
                    .unwrap()
                    .push((path.to_path_buf(), message));
                self.default.clone()
            }
        };
        self.by_file
            .lock()
            .unwrap()
            .entry(path.to_path_buf())
            .or_insert(settings)
            .clone()
    }

    /// Whether a named file (or standard input's name) is excluded: by the settings of its
    /// folder, or because a folder it is in is, as a walk would have passed over it.
    pub fn excludes_file(&self, path: &Path, from_stdin: bool) -> bool {
        if from_stdin && path == Path::new(crate::discover::STDIN_NAME) {
            return false;
        }
        let abs = absolute(path);
        let Some(dir) = abs.parent() else {
            return false;
        };
        self.for_dir(dir).exclude.file(&abs) || self.excludes_dir(dir)
    }

    /// Whether the folder at the absolute path `dir` is excluded, itself or a folder above
    /// it: each by the settings of the folder that holds it.
    pub fn excludes_dir(&self, dir: &Path) -> bool {
        if self.forced.is_none() && !self.nearest() && self.default.exclude.is_empty() {
            return false;
        }
        let mut at = dir;
        while let Some(parent) = at.parent() {
            if self.for_dir(parent).exclude.dir(at) {
                return true;
            }
            at = parent;
        }
        false
    }

    /// The variable files the config files named, and the first config error.
    pub fn finish(self) -> Result<Sources, String> {
        let mut errors = self.errors.into_inner().unwrap();
        errors.sort();
        match errors.into_iter().next() {
            Some((_, message)) => Err(message),
            None => Ok(self.var_sources.into_inner().unwrap()),
        }
    }

    /// A config file's settings with the flags laid over them: `--select` decides alone
    /// which rules run (a rule it names runs even if the file turns it off), `--ignore` adds to
    /// the rules the file turns off, `--severity` and `--fail-on` replace the file's, and
    /// `--var` and `--var-file` come after its `variables` and `var_files`.
    fn merge(&self, config: Option<&Config>) -> Result<ModuleSettings, String> {
        let flags = &self.flags.rules;
        let mut rules = config.map(Config::selection).unwrap_or_default();
        if let Some(select) = &flags.select {
            rules.ignore.retain(|code| {
                !select
                    .iter()
                    .any(|s| crate::rules::find_meta(s).is_some_and(|m| m.code == code))
            });
            rules.select = Some(select.clone());
        }
        rules.ignore.extend(flags.ignore.iter().cloned());
        rules.severity.extend(flags.severity.clone());
        rules.options.extend(flags.options.clone());
        rules.require_reason |= flags.require_reason;
        rules.show_unknown |= flags.show_unknown;

        let mut var_files = Vec::new();
        for path in config.map_or(&[][..], |c| c.var_files.as_slice()) {
            if !path.exists() {
                return Err(format!("{}: variable file not found", path.display()));
            }
            let id = self.next_id.fetch_add(1, Ordering::Relaxed);
            let mut sources = Vec::new();
            let values = module::read_var_file(path, id, &mut sources)
                .map_err(|e| format!("{}: {}", path.display(), crate::fs::io_message(&e)))?;
            self.var_sources.lock().unwrap().extend(sources);
            var_files.extend(values);
        }
        let config_variables = config.map(|c| c.variables.clone()).unwrap_or_default();
        let exclude = config
            .map(|c| c.exclude.clone())
            .unwrap_or_default()
            .and(&self.flags.exclude);
        Ok(ModuleSettings {
            config: config.map(|c| c.path.clone()),
            rules,
            variables: RootVariables {
                env: self.env.clone(),
                config_var_files: var_files,
                config_variables,
                var_files: self.flag_var_files.clone(),
                cli: self.flags.variables.clone(),
            },
            fail_on: self
                .flags
                .fail_on
                .or(config.and_then(|c| c.fail_on))
                .unwrap_or(Severity::Error),
            exclude,
        })
    }
}
