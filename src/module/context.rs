//! What every module of a run shares, and what checking one root module yields.

use crate::finding::Finding;
use crate::rules::RuleSelection;
use crate::source::SourceFile;
use crate::value::{Spanned, Value};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

/// Values the run gives the variables of every root module, by source; Terraform's precedence
/// among them (and the tfvars files of each root) is applied in [`super::inputs`].
#[derive(Debug, Default)]
pub struct RootVariables<'a> {
    /// `TF_VAR_name` environment variables.
    pub env: Vec<(String, String)>,
    /// Values from `--var-file` files, in precedence order.
    pub var_files: Vec<(String, Spanned<Value>)>,
    /// `--var NAME=VALUE`, in order.
    pub cli: &'a [(String, String)],
}

/// What every module of a run shares.
pub struct RunContext<'a> {
    pub selection: &'a RuleSelection,
    pub variables: RootVariables<'a>,
    /// The output needs only the line and column of findings, not the text around them: the
    /// text of files with findings is released once their module is checked.
    pub positions_only: bool,
    /// Whether a folder names a client, itself or through its local module calls (see
    /// [`super::relevance`]), by canonical path: a module called from many roots is read once.
    pub(super) names_client: Mutex<HashMap<PathBuf, bool>>,
}

impl<'a> RunContext<'a> {
    pub fn new(
        selection: &'a RuleSelection,
        variables: RootVariables<'a>,
        positions_only: bool,
    ) -> RunContext<'a> {
        RunContext {
            selection,
            variables,
            positions_only,
            names_client: Mutex::new(HashMap::new()),
        }
    }
}

/// What checking a module produced.
#[derive(Default)]
pub struct Outcome {
    pub sources: Vec<SourceFile>,
    pub findings: Vec<Finding>,
    /// Files whose findings are reported.
    pub files: usize,
    /// Clients checked in those files.
    pub clients: usize,
    /// Every file read (the module's, those of modules it calls, variable files), counted
    /// before the texts without findings are dropped.
    pub read: usize,
}
