//! The buffers the client has open: their text as last sent (full sync), by path.

use super::uri;
use crate::discover::{is_terraform_file, is_variables_file, StdinInput};
use lsp_types::Uri;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The name of the config file the nearest-config search looks for.
pub const CONFIG_NAME: &str = ".cognito-lint.hcl";

/// What a document is to the linter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `.tf`, `.tofu`, `.tf.json`, `.tofu.json`: linted.
    Terraform,
    /// `.tfvars`, `.tfvars.json`: values for its folder's files.
    Variables,
    /// `.cognito-lint.hcl`: settings for its folder and those below.
    Config,
}

impl Kind {
    pub fn of(path: &Path) -> Option<Kind> {
        if path.file_name().is_some_and(|n| n == CONFIG_NAME) {
            Some(Kind::Config)
        } else if is_variables_file(path) {
            Some(Kind::Variables)
        } else if is_terraform_file(path) {
            Some(Kind::Terraform)
        } else {
            None
        }
    }
}

#[derive(Debug, Clone)]
pub struct Document {
    pub uri: Uri,
    pub version: i32,
    pub text: String,
    pub kind: Kind,
}

#[derive(Debug, Default)]
pub struct Documents {
    by_path: BTreeMap<PathBuf, Document>,
}

impl Documents {
    /// Opens or replaces a document; `None` when its URI names no file of ours.
    pub fn open(&mut self, uri: Uri, version: i32, text: String) -> Option<PathBuf> {
        let path = crate::fs::normalize(&uri::to_path(&uri)?);
        let kind = Kind::of(&path)?;
        let document = Document {
            uri,
            version,
            text,
            kind,
        };
        self.by_path.insert(path.clone(), document);
        Some(path)
    }

    /// A full-text change; an older version than the one held is ignored.
    pub fn change(&mut self, uri: &Uri, version: i32, text: String) -> Option<PathBuf> {
        let path = self.path_of(uri)?;
        let document = self.by_path.get_mut(&path)?;
        if version < document.version {
            return None;
        }
        document.version = version;
        document.text = text;
        Some(path)
    }

    pub fn close(&mut self, uri: &Uri) -> Option<(PathBuf, Document)> {
        let path = self.path_of(uri)?;
        self.by_path.remove(&path).map(|d| (path, d))
    }

    pub fn path_of(&self, uri: &Uri) -> Option<PathBuf> {
        Some(crate::fs::normalize(&uri::to_path(uri)?))
    }

    pub fn get(&self, path: &Path) -> Option<&Document> {
        self.by_path.get(path)
    }

    pub fn by_uri(&self, uri: &Uri) -> Option<(PathBuf, &Document)> {
        let path = self.path_of(uri)?;
        let document = self.by_path.get(&path)?;
        Some((path, document))
    }

    /// The folders under `dir` (itself included; every one when `None`) that have open
    /// Terraform files.
    pub fn folders_under(&self, dir: Option<&Path>) -> Vec<PathBuf> {
        let mut folders: Vec<PathBuf> = self
            .by_path
            .iter()
            .filter(|(p, d)| d.kind == Kind::Terraform && dir.is_none_or(|dir| p.starts_with(dir)))
            .filter_map(|(p, _)| p.parent().map(Path::to_path_buf))
            .collect();
        folders.sort();
        folders.dedup();
        folders
    }

    /// The open Terraform and variables buffers of a folder, as in-memory texts for a run
    /// (unsaved changes count).
    pub fn buffers_in(&self, dir: &Path) -> Vec<StdinInput> {
        self.by_path
            .iter()
            .filter(|(p, d)| d.kind != Kind::Config && p.parent() == Some(dir))
            .map(|(path, d)| StdinInput {
                path: path.clone(),
                text: d.text.clone(),
            })
            .collect()
    }
}
