//! Which files to lint, grouped into modules: a module is a folder, as in Terraform.

use crate::fs::{clean, display_path, folder, io_message, is_file, regular_files};
use crate::ignores::Ignores;
use crate::module::ModuleSettings;
use crate::resolve::Configs;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use rayon::prelude::*;
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashSet};
use std::path::Component;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Each folder's files, sorted by path, and the settings that cover the folder.
type Modules = BTreeMap<
    PathBuf,
    (
        Vec<ModuleFile>,
        Option<Listing>,
        Option<Arc<ModuleSettings>>,
    ),
>;

/// The config files' `exclude` globs, each matched against paths relative to the folder of
/// the file that declares it, as ruff and ESLint do (`*` stays within a folder, `**` crosses
/// folders): so `cognito-lint .`, `cognito-lint infra/` and a run from inside `infra/` skip the
/// same files. A path outside that folder is never excluded by it. A folder that matches, or
/// whose contents a `folder/**` glob matches, is not walked into.
#[derive(Debug, Clone, Default)]
pub struct Exclude {
    groups: Vec<ExcludeGroup>,
}

/// One file's globs and the absolute folder they are relative to.
#[derive(Debug, Clone)]
struct ExcludeGroup {
    base: PathBuf,
    files: GlobSet,
    dirs: GlobSet,
}

impl Exclude {
    /// Compiles the globs, relative to the current folder until [`Exclude::based_at`] says
    /// otherwise; on a bad one, its index and what is wrong with it.
    pub fn new(patterns: &[String]) -> Result<Exclude, (usize, String)> {
        let mut files = GlobSetBuilder::new();
        let mut dirs = GlobSetBuilder::new();
        for (i, pattern) in patterns.iter().enumerate() {
            let pattern = pattern.trim_start_matches("./").trim_end_matches('/');
            let glob = |p: &str| {
                GlobBuilder::new(p)
                    .literal_separator(true)
                    .build()
                    .map_err(|e| (i, e.kind().to_string()))
            };
            files.add(glob(pattern)?);
            dirs.add(glob(pattern)?);
            if let Some(folder) = pattern.strip_suffix("/**") {
                dirs.add(glob(folder)?);
            }
        }
        let build = |b: GlobSetBuilder| b.build().map_err(|e| (0, e.kind().to_string()));
        let group = ExcludeGroup {
            base: absolute(Path::new("")),
            files: build(files)?,
            dirs: build(dirs)?,
        };
        Ok(Exclude {
            groups: if patterns.is_empty() {
                Vec::new()
            } else {
                vec![group]
            },
        })
    }

    /// The same globs, relative to the folder `base` (made absolute).
    pub fn based_at(mut self, base: &Path) -> Exclude {
        let base = absolute(base);
        for group in &mut self.groups {
            group.base = base.clone();
        }
        self
    }

    /// These globs and `other`'s, each relative to its own folder.
    pub fn and(mut self, other: &Exclude) -> Exclude {
        self.groups.extend(other.groups.iter().cloned());
        self
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Whether the file at the absolute path `path` is excluded.
    pub fn file(&self, path: &Path) -> bool {
        self.groups.iter().any(|g| {
            path.strip_prefix(&g.base)
                .is_ok_and(|relative| g.files.is_match(relative))
        })
    }

    /// Whether the folder at the absolute path `path` is excluded (never the folder of the
    /// config itself).
    pub fn dir(&self, path: &Path) -> bool {
        self.groups.iter().any(|g| {
            path.strip_prefix(&g.base)
                .is_ok_and(|relative| !relative.as_os_str().is_empty() && g.dirs.is_match(relative))
        })
    }
}

/// `path` made absolute against the current folder and normalized, without touching the file
/// system: what exclude globs and config folders are compared as.
pub fn absolute(path: &Path) -> PathBuf {
    crate::fs::normalize(&std::path::absolute(folder(path)).unwrap_or_else(|_| path.to_path_buf()))
}

/// How output names standard input read without `--stdin-filename`; it has no module around it.
pub const STDIN_NAME: &str = "<stdin>";

/// Text read from standard input (`-` as PATH), linted as if it were the file at `path`.
#[derive(Debug, Clone)]
pub struct StdinInput {
    pub path: PathBuf,
    pub text: String,
}

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

#[derive(Debug, Clone)]
pub struct Module {
    pub dir: PathBuf,
    pub files: Vec<ModuleFile>,
    /// What the walk saw in the folder; `None` for the folder of a named file.
    pub listing: Option<Listing>,
    /// The settings of the config file nearest to the folder (or the one for all).
    pub settings: Arc<ModuleSettings>,
}

/// What discovery saw in a walked folder besides its Terraform files, so that checking the
/// module need not list or probe the folder again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    /// A `.terraform` entry: where `terraform init` installs modules.
    pub terraform_dir: bool,
    /// The variable files Terraform loads by itself (`terraform.tfvars`,
    /// `terraform.tfvars.json`, `*.auto.tfvars`, `*.auto.tfvars.json`), sorted by name.
    pub var_files: Vec<String>,
}

/// A variable definitions file (`*.tfvars`, `*.tfvars.json`), loaded by Terraform or named
/// with `-var-file`.
pub fn is_variables_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".tfvars") || name.ends_with(".tfvars.json")
}

/// Whether Terraform loads a file of this name in a root module by itself.
pub fn is_auto_var_file(name: &str) -> bool {
    name == "terraform.tfvars"
        || name == "terraform.tfvars.json"
        || name.ends_with(".auto.tfvars")
        || name.ends_with(".auto.tfvars.json")
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

/// Finds the modules to lint under `paths`, in a stable order. `in_memory` names the texts
/// given in memory (standard input's name, an editor's open buffers): each linted like a named
/// file, though it need not exist on disk.
pub fn discover(
    paths: &[PathBuf],
    configs: &Configs,
    in_memory: &[&Path],
) -> Result<Vec<Module>, DiscoverError> {
    let mut modules: Modules = BTreeMap::new();
    let add = |modules: &mut Modules, path: PathBuf, reported: bool, explicit: bool| {
        let path = clean(&path);
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let display = display_path(&path);
        merge(
            &mut modules.entry(dir).or_default().0,
            ModuleFile {
                path,
                display,
                reported,
                explicit,
            },
        );
    };
    let mut listed: HashSet<PathBuf> = HashSet::new();
    let mut variables_dirs: HashSet<PathBuf> = HashSet::new();
    let named = paths
        .iter()
        .map(|p| (p.as_path(), false))
        .chain(in_memory.iter().map(|p| (*p, true)));
    for (path, from_stdin) in named {
        let is_dir = if from_stdin {
            false
        } else {
            match std::fs::metadata(path) {
                Ok(metadata) => metadata.is_dir(),
                // A name that exists but does not resolve (a dangling link, a link loop), or
                // that sits in a folder the user may not read, is linted as a file: its read
                // error is its finding, and the run goes on.
                Err(_) if std::fs::symlink_metadata(path).is_ok() => false,
                Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => false,
                Err(e) => {
                    return Err(DiscoverError {
                        path: path.to_path_buf(),
                        message: io_message(&e),
                    })
                }
            }
        };
        if is_dir {
            let walked = walk(path, configs, &|dir, files, listing, settings| {
                Some((dir, files, listing, settings.clone()))
            });
            for (dir, files, listing, settings) in walked {
                match modules.entry(dir) {
                    // Sorted by name, so sorted by path.
                    Entry::Vacant(e) => {
                        e.insert((files, Some(listing), Some(settings)));
                    }
                    Entry::Occupied(mut e) => {
                        let (known, known_listing, known_settings) = e.get_mut();
                        known_settings.get_or_insert(settings);
                        for file in files {
                            merge(known, file);
                        }
                        *known_listing = Some(listing);
                    }
                }
            }
        } else if !from_stdin && is_variables_file(path) {
            // A variables file (a commit that changes only tfvars): its values change the
            // findings of its folder's Terraform files, so those are reported; the file
            // itself is read as the module reads it.
            let dir = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            if variables_dirs.insert(clean(dir)) {
                for file in terraform_files(dir) {
                    let reported = !configs.excludes_file(&file, false);
                    add(&mut modules, file, reported, false);
                }
            }
        } else if !configs.excludes_file(path, from_stdin) {
            add(&mut modules, path.to_path_buf(), true, true);
            if from_stdin && path == Path::new(STDIN_NAME) {
                continue;
            }
            // The rest of the folder is context for the named file; a folder is listed once,
            // however many of its files are named (pre-commit names them all).
            let dir = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            if listed.insert(clean(dir)) {
                for sibling in terraform_files(dir) {
                    add(&mut modules, sibling, false, false);
                }
            }
        }
    }
    Ok(modules
        .into_iter()
        .filter(|(_, (files, _, _))| files.iter().any(|f| f.reported))
        .map(|(dir, (files, listing, settings))| {
            let settings = settings.unwrap_or_else(|| configs.for_dir(&absolute(&dir)));
            Module {
                dir,
                files,
                listing,
                settings,
            }
        })
        .collect())
}

/// Adds a file to a folder's files (sorted by path); a file found twice is reported if either
/// finding says so.
fn merge(files: &mut Vec<ModuleFile>, file: ModuleFile) {
    match files.binary_search_by(|f| f.path.cmp(&file.path)) {
        Ok(i) => {
            files[i].reported |= file.reported;
            files[i].explicit |= file.explicit;
        }
        Err(i) => files.insert(i, file),
    }
}

/// The Terraform files under a folder, folder by folder in path order: each folder's files
/// sorted by name, its subfolders walked in parallel. Links to folders are not followed,
/// `.terraform` and `.git` are skipped, and a folder that cannot be read is passed over: one
/// bad folder must not stop the run.
///
/// `visit` gets each folder that holds Terraform files, as soon as it is listed (its subfolders
/// are walked meanwhile); what it returns is collected in path order.
fn walk_folder<T: Send>(
    dir: &Path,
    abs: &Path,
    settings: Arc<ModuleSettings>,
    ignores: Option<Ignores>,
    configs: &Configs,
    visit: &Visit<'_, T>,
) -> Vec<T> {
    let Ok(listed) = std::fs::read_dir(folder(dir)) else {
        return Vec::new();
    };
    let mut entries: Vec<(std::ffi::OsString, std::fs::FileType)> = listed
        .flatten()
        .filter_map(|e| Some((e.file_name(), e.file_type().ok()?)))
        .collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    // The ignore files here apply to this folder's entries and below.
    let ignores = ignores.map(|ignores| {
        let has = |name: &str| entries.iter().any(|(n, t)| n == name && !t.is_dir());
        let ignores = match entries.iter().any(|(n, _)| n == ".git") {
            true => ignores.in_repository(),
            false => ignores,
        };
        ignores.enter(abs, has(".gitignore"), has(".ignore"))
    });
    let ignored = |name: &std::ffi::OsStr, is_dir: bool| {
        ignores
            .as_ref()
            .is_some_and(|i| !i.is_empty() && i.ignores(&abs.join(name), is_dir))
    };
    // A config file here covers this folder and those below it.
    let settings = match entries
        .iter()
        .find(|(name, _)| name == crate::config::FILE_NAME)
    {
        Some((name, file_type)) if configs.nearest() && is_file(&dir.join(name), *file_type) => {
            configs.load(&abs.join(name))
        }
        _ => settings,
    };
    let exclude = &settings.exclude;
    let shown = display_path(dir);
    let mut files = Vec::new();
    let mut folders = Vec::new();
    let mut listing = Listing::default();
    for (name, file_type) in entries {
        if name == ".terraform" {
            listing.terraform_dir = true;
        }
        let path = dir.join(&name);
        if name.to_str().is_some_and(is_auto_var_file) && is_file(&path, file_type) {
            listing.var_files.push(name.to_string_lossy().into_owned());
        }
        if file_type.is_dir() {
            if !SKIPPED_DIRS.contains(&name.to_str().unwrap_or("")) && !ignored(&name, true) {
                let abs = abs.join(&name);
                if exclude.is_empty() || !exclude.dir(&abs) {
                    folders.push((path, abs));
                }
            }
        } else if is_terraform_file(&path) && is_file(&path, file_type) {
            // An excluded or ignored file of a linted folder is still part of its module.
            let reported =
                (exclude.is_empty() || !exclude.file(&abs.join(&name))) && !ignored(&name, false);
            let name = name.to_string_lossy();
            // Pushed, not `format!`ed: one name for every file of the tree.
            let display = if shown.is_empty() {
                name.into_owned()
            } else {
                let mut display = String::with_capacity(shown.len() + 1 + name.len());
                display.push_str(&shown);
                if !shown.ends_with('/') {
                    display.push('/');
                }
                display.push_str(&name);
                display
            };
            files.push(ModuleFile {
                path,
                display,
                reported,
                explicit: false,
            });
        }
    }
    let (mine, below) = rayon::join(
        || {
            if files.is_empty() {
                None
            } else {
                visit(dir.to_path_buf(), files, listing, &settings)
            }
        },
        || {
            folders
                .par_iter()
                .map(|(path, abs)| {
                    walk_folder(path, abs, settings.clone(), ignores.clone(), configs, visit)
                })
                .collect::<Vec<Vec<T>>>()
        },
    );
    mine.into_iter()
        .chain(below.into_iter().flatten())
        .collect()
}

/// What [`walk`] does with a folder's Terraform files and listing, given the settings that
/// cover the folder.
pub type Visit<'a, T> =
    dyn Fn(PathBuf, Vec<ModuleFile>, Listing, &Arc<ModuleSettings>) -> Option<T> + Sync + 'a;

/// Walks the folder `root` (see [`walk_folder`]): what `visit` returns for each folder that
/// holds Terraform files, in the order [`discover`] gives its modules.
pub fn walk<T: Send>(root: &Path, configs: &Configs, visit: &Visit<'_, T>) -> Vec<T> {
    let cleaned = clean(root);
    // `.` cleans to itself; what is under it is named without `./`.
    let base = if cleaned.components().all(|c| c == Component::CurDir) {
        PathBuf::new()
    } else {
        cleaned
    };
    let abs = absolute(&base);
    // A folder named on the command line is excluded as its files would be.
    if configs.excludes_dir(&abs) {
        return Vec::new();
    }
    let ignores = configs
        .respects_ignore_files()
        .then(|| Ignores::above(&abs));
    walk_folder(&base, &abs, configs.for_dir(&abs), ignores, configs, visit)
}

/// A folder's Terraform files (`.tf`, `.tofu` and their JSON forms), sorted: the files of a
/// called module.
pub fn terraform_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = regular_files(dir);
    files.retain(|p| is_terraform_file(p));
    files
}
