//! Filesystem functions: `file`, `fileexists`, `fileset`, `templatefile`, `abspath`, and the
//! path-only `basename` and `dirname`; `path.module`, `path.root` and `path.cwd` come from the
//! same [`ModuleFiles`].
//!
//! Terraform runs in the root module's folder, so a relative path is read from there. A file
//! is read only when, with links resolved, it is a regular file inside the root module's
//! folder or the folder of the module whose expression reads it, and no larger than
//! [`MAX_READ`]; otherwise the result is unknown, never an error. A file read joins the run's
//! sources, so a finding on a value from it can point into it.

use super::{Args, Function, Output};
use crate::eval::{EvalError, EvalResult, Evaluator, Scope, MAX_ELEMENTS, MAX_STRING};
use crate::source::SourceFile;
use crate::value::{quoted, CauseKind, FileId, Range, Reason, Span, Spanned, Value};
use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

pub(super) const FUNCTIONS: &[Function] = &[
    Function::new("basename", basename),
    Function::new("dirname", dirname),
];

/// Files larger than this are unknown: their text would be over the string budget anyway.
pub const MAX_READ: u64 = MAX_STRING as u64;

/// Entries `fileset` may look at before its result is unknown.
const MAX_LISTED: usize = 10_000;

/// A file read: its id among the run's sources, and its text.
type FileText = (FileId, Rc<str>);

/// Where a module's expressions read files from.
pub struct ModuleFiles<'a> {
    reader: &'a FileReader,
    /// The module's folder, as the linter reached it.
    dir: PathBuf,
    /// The folder with links resolved, and `path.module`: computed once, on first use.
    dir_canonical: OnceCell<Option<PathBuf>>,
    path_module: OnceCell<Option<String>>,
}

/// The files one root module's expressions read, with their ids (from a range of the root's
/// ids that loading never reaches, so ids stay independent of scheduling).
pub struct FileReader {
    root: PathBuf,
    root_canonical: OnceCell<Option<PathBuf>>,
    next_id: Cell<FileId>,
    read: RefCell<HashMap<PathBuf, Option<FileText>>>,
    sources: RefCell<Vec<SourceFile>>,
}

impl FileReader {
    /// A reader for the root module in `root`, whose file ids start at `first_id`.
    pub fn new(root: PathBuf, first_id: FileId) -> FileReader {
        FileReader {
            root,
            root_canonical: OnceCell::new(),
            next_id: Cell::new(first_id),
            read: RefCell::new(HashMap::new()),
            sources: RefCell::new(Vec::new()),
        }
    }

    /// The sources of the files read, for the report.
    pub fn into_sources(self) -> Vec<SourceFile> {
        self.sources.into_inner()
    }

    fn root_canonical(&self) -> Option<&Path> {
        self.root_canonical
            .get_or_init(|| crate::fs::folder(&self.root).canonicalize().ok())
            .as_deref()
    }
}

impl<'a> ModuleFiles<'a> {
    /// The files of the module in `dir`, read through the root's `reader`.
    pub fn new(reader: &'a FileReader, dir: PathBuf) -> ModuleFiles<'a> {
        ModuleFiles {
            reader,
            dir,
            dir_canonical: OnceCell::new(),
            path_module: OnceCell::new(),
        }
    }

    /// `path` as Terraform opens it: relative to the root module's folder.
    fn resolve(&self, path: &str) -> PathBuf {
        let p = Path::new(path);
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            crate::fs::folder(&self.reader.root).join(p)
        }
    }

    /// The path with links resolved, when it is inside the root's or this module's folder.
    fn inside(&self, path: &Path) -> Option<PathBuf> {
        let real = path.canonicalize().ok()?;
        let module = self
            .dir_canonical
            .get_or_init(|| crate::fs::folder(&self.dir).canonicalize().ok());
        let inside = self
            .reader
            .root_canonical()
            .is_some_and(|r| real.starts_with(r))
            || module.as_ref().is_some_and(|m| real.starts_with(m));
        inside.then_some(real)
    }

    /// The text of a file, and its id; `None` when it may not or cannot be read.
    pub fn read(&self, path: &str) -> Option<FileText> {
        let real = self.inside(&self.resolve(path))?;
        if let Some(done) = self.reader.read.borrow().get(&real) {
            return done.clone();
        }
        let text = crate::fs::read_file_at_most(&real, MAX_READ)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok());
        let entry = text.map(|text| {
            let id = self.reader.next_id.get();
            self.reader.next_id.set(id + 1);
            let shown = self.resolve(path);
            let shown = crate::fs::normalize(&shown);
            let text: Rc<str> = Rc::from(text.as_str());
            self.reader.sources.borrow_mut().push(SourceFile::new(
                id,
                shown.clone(),
                crate::fs::display_path(&shown),
                text.to_string(),
            ));
            (id, text)
        });
        self.reader.read.borrow_mut().insert(real, entry.clone());
        entry
    }

    /// Why [`ModuleFiles::read`] found nothing at `path`, for the note on the unknown value.
    fn why_unread(&self, path: &str) -> &'static str {
        let full = self.resolve(path);
        match std::fs::metadata(&full) {
            Err(_) => "the file does not exist",
            Ok(_) if self.inside(&full).is_none() => {
                "the file is outside the folders the linter reads (the root module's and the \
                 calling module's)"
            }
            Ok(meta) if !meta.is_file() => "it is not a file",
            Ok(meta) if meta.len() > MAX_READ => "the file is larger than the linter reads (1 MiB)",
            Ok(_) => "the file cannot be read as UTF-8 text",
        }
    }

    /// Whether a regular file is there; `None` when the place is outside the folders.
    fn exists(&self, path: &str) -> Option<bool> {
        let full = self.resolve(path);
        match self.inside(&full) {
            Some(real) => {
                let meta = std::fs::metadata(&real).ok()?;
                // A folder is an error in Terraform.
                (!meta.is_dir()).then_some(meta.is_file())
            }
            None => {
                // Missing: known only when its folder is inside.
                let parent = full.parent()?;
                self.inside(parent)?;
                (!full.exists()).then_some(false)
            }
        }
    }

    /// The regular files under `dir` matching `pattern`, relative to `dir`, sorted.
    fn fileset(&self, dir: &str, pattern: &str) -> Option<Vec<String>> {
        let base = self.inside(&self.resolve(dir))?;
        let matcher = globset::GlobBuilder::new(pattern)
            .literal_separator(true)
            .build()
            .ok()?
            .compile_matcher();
        let mut found = Vec::new();
        let mut pending = vec![base.clone()];
        let mut seen = 0;
        while let Some(folder) = pending.pop() {
            for entry in std::fs::read_dir(&folder).ok()? {
                seen += 1;
                if seen > MAX_LISTED {
                    return None;
                }
                let entry = entry.ok()?;
                let kind = entry.file_type().ok()?;
                let path = entry.path();
                if kind.is_symlink() {
                    // Where a link leads is not followed: unknown rather than a guess.
                    return None;
                }
                if kind.is_dir() {
                    pending.push(path);
                } else if kind.is_file() {
                    let relative = path.strip_prefix(&base).ok()?;
                    let relative = relative.to_str()?.replace('\\', "/");
                    if matcher.is_match(&relative) {
                        found.push(relative);
                    }
                }
            }
        }
        found.sort();
        (found.len() <= MAX_ELEMENTS).then_some(found)
    }

    /// `path.module`: the module's folder relative to the root's, as Terraform gives it.
    pub fn path_module(&self) -> Option<String> {
        self.path_module
            .get_or_init(|| relative(&self.reader.root, &self.dir))
            .clone()
    }

    /// `path.cwd`: the root module's folder, absolute.
    pub fn path_cwd(&self) -> Option<String> {
        let abs = std::path::absolute(crate::fs::folder(&self.reader.root)).ok()?;
        Some(crate::fs::normalize(&abs).to_str()?.to_string())
    }
}

/// `to` relative to `from`, both as the linter reached them: `.` when they are one folder.
fn relative(from: &Path, to: &Path) -> Option<String> {
    let from = crate::fs::normalize(&std::path::absolute(crate::fs::folder(from)).ok()?);
    let to = crate::fs::normalize(&std::path::absolute(crate::fs::folder(to)).ok()?);
    let a: Vec<_> = from.components().collect();
    let b: Vec<_> = to.components().collect();
    let shared = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = vec!["..".to_string(); a.len() - shared];
    for c in &b[shared..] {
        parts.push(c.as_os_str().to_str()?.to_string());
    }
    Some(if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    })
}

/// The scope of a `templatefile` template: its variables only, and files.
struct TemplateScope<'a> {
    files: Option<&'a ModuleFiles<'a>>,
}

impl Scope for TemplateScope<'_> {
    fn resolve(&self, _: &str, _: Option<&str>, _: Span) -> Option<Spanned<Value>> {
        None
    }

    fn files(&self) -> Option<&ModuleFiles<'_>> {
        self.files
    }

    fn in_template(&self) -> bool {
        true
    }
}

/// The functions that read files, called with the evaluator's files; `None` for any other.
pub(super) fn call(
    ev: &mut Evaluator,
    name: &str,
    args: &[Spanned<Value>],
    span: Span,
) -> Option<EvalResult> {
    if !matches!(
        name,
        "file" | "fileexists" | "fileset" | "templatefile" | "abspath"
    ) {
        return None;
    }
    let Some(files) = ev.scope.files() else {
        let subject = format!("{name}(…)");
        let why = Reason::detailed(CauseKind::File, subject, "no files are read here", span);
        return Some(Ok(Spanned::new(Value::Unknown(why), span)));
    };
    let unread = |path: &str| Ok(unread(files, name, path, span));
    let unknown = Ok(Spanned::new(
        Value::unknown_from(args.iter().map(|a| &a.value)),
        span,
    ));
    let string = |i: usize| args.get(i).and_then(|a| a.value.as_string());
    let arity = |k: usize| {
        if args.len() == k {
            Ok(())
        } else {
            Err(EvalError)
        }
    };
    Some((|| match name {
        "file" => {
            arity(1)?;
            let Some(path) = string(0) else {
                return unknown;
            };
            let Some((id, text)) = files.read(&path) else {
                return unread(&path);
            };
            Ok(from_file(
                Value::String(text.to_string().into()),
                id,
                text.len(),
                span,
            ))
        }
        "fileexists" => {
            arity(1)?;
            let Some(path) = string(0) else {
                return unknown;
            };
            Ok(Spanned::new(
                files.exists(&path).map_or_else(
                    || {
                        Value::unknown(
                            CauseKind::File,
                            format!("fileexists({})", quoted(&path)),
                            span,
                        )
                    },
                    Value::Bool,
                ),
                span,
            ))
        }
        "fileset" => {
            arity(2)?;
            let (Some(dir), Some(pattern)) = (string(0), string(1)) else {
                return unknown;
            };
            let value = files.fileset(&dir, &pattern).map_or_else(
                || Value::unknown(CauseKind::File, format!("fileset({})", quoted(&dir)), span),
                |names| {
                    Value::List(
                        names
                            .into_iter()
                            .map(|n| Spanned::new(Value::String(n.into()), span))
                            .collect(),
                    )
                },
            );
            Ok(Spanned::new(value, span))
        }
        "abspath" => {
            arity(1)?;
            let (Some(path), Some(cwd)) = (string(0), files.path_cwd()) else {
                return unknown;
            };
            let joined = crate::fs::normalize(&Path::new(&cwd).join(path));
            Ok(Spanned::new(
                joined.to_str().map_or_else(
                    || Value::unknown(CauseKind::Invalid, "", span),
                    |s| Value::String(s.to_string().into()),
                ),
                span,
            ))
        }
        _ => templatefile(ev, files, args, span),
    })())
}

/// The unknown result of `name(path)` when the file could not be read, saying why.
fn unread(files: &ModuleFiles, name: &str, path: &str, span: Span) -> Spanned<Value> {
    let subject = format!("{name}({})", quoted(path));
    let why = Reason::detailed(CauseKind::File, subject, files.why_unread(path), span);
    Spanned::new(Value::Unknown(why), span)
}

/// A value read from file `id`, used at `span`: "value set here" points at the file.
fn from_file(value: Value, id: FileId, len: usize, span: Span) -> Spanned<Value> {
    Spanned::new(
        value,
        Span {
            origin: Some(Range::new(id, 0, len)),
            ..span
        },
    )
}

/// `templatefile(path, vars)`: the file read as a template, with `vars` as its only names.
fn templatefile(
    ev: &mut Evaluator,
    files: &ModuleFiles,
    args: &[Spanned<Value>],
    span: Span,
) -> EvalResult {
    let unknown = Ok(Spanned::new(
        Value::unknown_from(args.iter().map(|a| &a.value)),
        span,
    ));
    if args.len() != 2 || ev.scope.in_template() {
        // Terraform refuses a template that calls templatefile.
        return Err(EvalError);
    }
    let (Some(path), Value::Object(vars)) = (args[0].value.as_string(), &args[1].value) else {
        return match args[1].value {
            Value::Unknown(_) => unknown,
            _ if args[0].value.is_unknown() => unknown,
            _ => Err(EvalError),
        };
    };
    let Some((id, text)) = files.read(&path) else {
        return Ok(unread(files, "templatefile", &path, span));
    };
    let Ok(template) = hcl_edit::parser::parse_template(&text) else {
        return Ok(Spanned::new(
            Value::unknown(CauseKind::Invalid, "", span),
            span,
        ));
    };
    let bindings: Vec<crate::eval::Binding> =
        vars.iter().map(|(k, v)| (k.to_string(), v)).collect();
    let scope = TemplateScope { files: Some(files) };
    let mut inner = Evaluator::with_bindings(id, &scope, &bindings);
    let value = inner.template(&template)?;
    Ok(from_file(value, id, text.len(), span))
}

/// Go's `filepath.Base`.
fn basename(args: Args) -> Output {
    args.arity(1)?;
    let path = args.string(0)?;
    let trimmed = path.trim_end_matches('/');
    Ok(Some(Value::String(if path.is_empty() {
        ".".to_string().into()
    } else if trimmed.is_empty() {
        "/".to_string().into()
    } else {
        trimmed
            .rsplit('/')
            .next()
            .unwrap_or(trimmed)
            .to_string()
            .into()
    })))
}

/// Go's `filepath.Dir`: everything before the last `/`, cleaned.
fn dirname(args: Args) -> Output {
    args.arity(1)?;
    let path = args.string(0)?;
    let dir = match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "",
    };
    Ok(Some(Value::String(clean(dir).into())))
}

/// Go's `filepath.Clean`, for `/` separators.
fn clean(path: &str) -> String {
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            ".." if rooted => {}
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_cut_as_go_does() {
        assert_eq!(clean("a/b/../c/"), "a/c");
        assert_eq!(clean(""), ".");
        assert_eq!(clean("/"), "/");
        assert_eq!(clean("../x"), "../x");
        assert_eq!(
            relative(Path::new("a"), Path::new("a/b/c")).as_deref(),
            Some("b/c")
        );
        assert_eq!(
            relative(Path::new("a/b"), Path::new("a/c")).as_deref(),
            Some("../c")
        );
        assert_eq!(
            relative(Path::new(""), Path::new(".")).as_deref(),
            Some(".")
        );
    }
}
