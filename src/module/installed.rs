//! The modules `terraform init` installed for a root module, from
//! `.terraform/modules/modules.json`: read at most once per root, and only when needed.

use crate::discover::Listing;
use crate::fs::{normalize, read_text};
use std::cell::OnceCell;
use std::path::{Path, PathBuf};

/// One `Modules` entry: the call's key (`auth`, `auth.clients`) and its folder, as written.
struct Entry {
    key: Option<String>,
    dir: Option<String>,
}

pub(super) struct Installed {
    root: PathBuf,
    entries: OnceCell<Vec<Entry>>,
}

impl Installed {
    /// For the root module in `root`; a folder the walk saw without `.terraform` has none.
    pub(super) fn new(root: &Path, listing: Option<&Listing>) -> Installed {
        let entries = OnceCell::new();
        if listing.is_some_and(|l| !l.terraform_dir) {
            let _ = entries.set(Vec::new());
        }
        Installed {
            root: root.to_path_buf(),
            entries,
        }
    }

    fn entries(&self) -> &[Entry] {
        self.entries.get_or_init(|| {
            let Some(manifest) = read_text(&self.root.join(".terraform/modules/modules.json"))
            else {
                return Vec::new();
            };
            let Ok(doc) = serde_json::from_str::<serde_json::Value>(&manifest) else {
                return Vec::new();
            };
            doc["Modules"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|m| Entry {
                    key: m["Key"].as_str().map(str::to_string),
                    dir: m["Dir"].as_str().map(str::to_string),
                })
                .collect()
        })
    }

    /// The folders of every installed module (the root's own entry, with an empty key, aside).
    pub(super) fn dirs(&self) -> Vec<PathBuf> {
        self.entries()
            .iter()
            .filter(|e| e.key.as_deref().is_some_and(|k| !k.is_empty()))
            .filter_map(|e| e.dir.as_deref())
            .map(|d| normalize(&self.root.join(d)))
            .collect()
    }

    /// The folder installed for the call at `key` (`auth`, or `auth.clients` inside it).
    pub(super) fn dir_of(&self, key: &str) -> Option<PathBuf> {
        let entry = self
            .entries()
            .iter()
            .find(|e| e.key.as_deref() == Some(key))?;
        Some(normalize(&self.root.join(entry.dir.as_deref()?)))
    }
}
