//! Which files to lint, grouped into modules: a module is a folder, as in Terraform.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Folders never walked into.
const SKIPPED_DIRS: &[&str] = &[".terraform", ".git"];

/// A file of a module: whether its findings are reported (a file named on the command line or
/// found under a walked folder) or it only gives context (a sibling of a named file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleFile {
    pub path: PathBuf,
    pub display: String,
    pub reported: bool,
    /// Named explicitly: linted whatever its name.
    pub explicit: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    pub dir: PathBuf,
    pub files: Vec<ModuleFile>,
}

/// A path the user named that does not exist, or that is not a file or folder.
#[derive(Debug)]
pub struct DiscoverError {
    pub path: PathBuf,
    pub message: String,
}

/// `.tf`, `.tofu` and their JSON forms `.tf.json`, `.tofu.json`.
pub fn is_terraform_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".tf") || name.ends_with(".tofu") || is_json_config(path)
}

/// `.tf.json` and `.tofu.json`: Terraform's JSON configuration syntax.
pub fn is_json_config(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".tf.json") || name.ends_with(".tofu.json")
}

/// Finds the modules to lint under `paths`, in a stable order.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<Module>, DiscoverError> {
    discover_with(paths, None)
}

/// Like [`discover`]; `virtual_file` is a named file that need not exist on disk (standard
/// input linted as if it were that file).
pub fn discover_with(
    paths: &[PathBuf],
    virtual_file: Option<&Path>,
) -> Result<Vec<Module>, DiscoverError> {
    let mut modules: BTreeMap<PathBuf, BTreeMap<PathBuf, ModuleFile>> = BTreeMap::new();
    let mut add = |path: PathBuf, reported: bool, explicit: bool| {
        let path = clean(&path);
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let display = display_path(&path);
        let files = modules.entry(dir).or_default();
        let entry = files.entry(path.clone()).or_insert(ModuleFile {
            path,
            display,
            reported,
            explicit,
        });
        entry.reported |= reported;
        entry.explicit |= explicit;
    };
    for path in paths {
        let is_virtual = virtual_file == Some(path.as_path());
        let is_dir = if is_virtual {
            false
        } else {
            std::fs::metadata(path)
                .map_err(|e| DiscoverError {
                    path: path.clone(),
                    message: io_message(&e),
                })?
                .is_dir()
        };
        if is_dir {
            let walker = WalkDir::new(path)
                .follow_links(false)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0
                        || !(e.file_type().is_dir()
                            && SKIPPED_DIRS.contains(&e.file_name().to_str().unwrap_or("")))
                });
            // Unreadable folders and vanished entries are skipped: one bad folder must not stop
            // the run.
            for entry in walker.flatten() {
                if entry.file_type().is_file() && is_terraform_file(entry.path()) {
                    add(entry.into_path(), true, false);
                }
            }
        } else {
            add(path.clone(), true, true);
            // The rest of the folder is context for the named file.
            let dir = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            if let Ok(entries) = std::fs::read_dir(dir) {
                let mut siblings: Vec<PathBuf> = entries
                    .flatten()
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                    .map(|e| e.path())
                    .filter(|p| is_terraform_file(p))
                    .collect();
                siblings.sort();
                for sibling in siblings {
                    add(sibling, false, false);
                }
            }
        }
    }
    Ok(modules
        .into_iter()
        .map(|(dir, files)| Module {
            dir,
            files: files.into_values().collect(),
        })
        .collect())
}

/// Without leading `./`, so that `x.tf` and `./x.tf` are one file of one module.
fn clean(path: &Path) -> PathBuf {
    let cleaned: PathBuf = path
        .components()
        .skip_while(|c| matches!(c, std::path::Component::CurDir))
        .collect();
    if cleaned.as_os_str().is_empty() {
        path.to_path_buf()
    } else {
        cleaned
    }
}

/// The path as output shows it: as given, without a leading `./`, with `/` separators.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut s = s.as_str();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    s.to_string()
}

pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}
