//! What every module of a run shares, and what checking one root module yields.

use crate::discover::Exclude;
use crate::finding::{Findings, Severity, Texts};
use crate::rules::RuleSelection;
use crate::source::{Keep, Sources};
use crate::value::{Spanned, Value};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

/// Values the run gives the variables of every root module, by source; Terraform's precedence
/// among them (and the tfvars files of each root) is applied in [`super::inputs`].
#[derive(Debug, Default, Clone)]
pub struct RootVariables {
    /// `TF_VAR_name` environment variables.
    pub env: Vec<(String, String)>,
    /// Values from the config file's `var_files`, in precedence order.
    pub config_var_files: Vec<(String, Spanned<Value>)>,
    /// The config file's `variables`, in order: above its `var_files`, below the flags.
    pub config_variables: Vec<(String, String)>,
    /// Values from `--var-file` files, in precedence order.
    pub var_files: Vec<(String, Spanned<Value>)>,
    /// `--var NAME=VALUE`, in order.
    pub cli: Vec<(String, String)>,
}

/// What one config file, merged with the command line's flags, gives the root modules it
/// covers: the per-module choice of rules, severities, options and inputs. A run with one
/// config (or none) has one; with nested configs, each module is checked with its own.
#[derive(Debug)]
pub struct ModuleSettings {
    /// The config file these settings come from, if any.
    pub config: Option<PathBuf>,
    pub rules: RuleSelection,
    pub variables: RootVariables,
    /// The lowest severity that fails the run, for findings in these modules' files.
    pub fail_on: Severity,
    /// Which files and folders the walk passes over.
    pub exclude: Exclude,
}

impl Default for ModuleSettings {
    fn default() -> Self {
        ModuleSettings {
            config: None,
            rules: RuleSelection::default(),
            variables: RootVariables::default(),
            fail_on: Severity::Error,
            exclude: Exclude::default(),
        }
    }
}

/// What every module of a run shares.
pub struct RunContext {
    /// The settings of modules checked without their own ([`super::check_root`]).
    pub settings: ModuleSettings,
    /// What the output reads of the files with findings, kept once their module is checked.
    pub keep: Keep,
    /// Whether a folder names a client, itself or through its local module calls (see
    /// [`super::relevance`]), by canonical path: a module called from many roots is read once.
    pub(super) names_client: Mutex<HashMap<PathBuf, bool>>,
    /// The distinct texts of the run's findings, each kept once.
    pub(super) texts: Texts,
}

impl RunContext {
    pub fn new(selection: &RuleSelection, variables: RootVariables, keep: Keep) -> RunContext {
        RunContext {
            settings: ModuleSettings {
                rules: selection.clone(),
                variables,
                ..ModuleSettings::default()
            },
            keep,
            names_client: Mutex::new(HashMap::new()),
            texts: Texts::default(),
        }
    }
}

/// What checking a module produced.
#[derive(Default)]
pub struct Outcome {
    pub sources: Sources,
    pub findings: Findings,
    /// Files whose findings are reported.
    pub files: usize,
    /// Clients checked in those files.
    pub clients: usize,
    /// Of those, the ones with arguments rules found unknown, and the causes.
    pub unknowns: Unknowns,
    /// The client blocks checked, wherever reached (called modules too): a hash of the file's
    /// display path and the block's offset, so that roots reading one file count it once.
    pub client_blocks: Vec<u64>,
    /// Every file read (the module's, those of modules it calls, variable files), counted
    /// before the texts without findings are dropped.
    pub read: usize,
}

/// How many clients had arguments not known before apply, and why (see
/// [`crate::rules::run::Checked`]).
#[derive(Debug, Default, Clone)]
pub struct Unknowns {
    pub clients: usize,
    /// Unknown arguments by cause.
    pub causes: std::collections::BTreeMap<&'static str, usize>,
}

impl Unknowns {
    pub fn add(
        &mut self,
        clients: usize,
        causes: &std::collections::BTreeMap<&'static str, usize>,
    ) {
        self.clients += clients;
        for (cause, n) in causes {
            *self.causes.entry(cause).or_default() += n;
        }
    }
}

/// The key of a client block in [`Outcome::client_blocks`].
pub fn client_block_key(display: &str, offset: usize) -> u64 {
    use std::hash::{Hash, Hasher};
    // SipHash with fixed keys: the same key in every run and on every worker.
    let mut hasher = std::hash::DefaultHasher::new();
    display.hash(&mut hasher);
    offset.hash(&mut hasher);
    hasher.finish()
}
