//! Reading a module's folder: one reader for the root module (the files discovery found, and
//! buffers given in memory) and for the modules it calls (the folder's Terraform files).

use super::ids::Ids;
use super::parse::{parse_module, JsonMaps};
use super::Outcome;
use crate::discover::{terraform_files, ModuleFile, StdinInput};
use crate::fs::{self, display_path, io_message, normalize, same_path};
use crate::source::{self, SourceFile, Sources, SyntaxError};
use crate::value::{FileId, Span};
use hcl_edit::structure::Body;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// A folder's files, read, and parsed where they matter.
pub(super) struct Loaded {
    pub dir: PathBuf,
    pub bodies: Vec<(FileId, Body)>,
    pub errors: Vec<SyntaxError>,
    /// Files whose findings are reported (for a JSON file, its id and its generated text's).
    pub reported: HashSet<FileId>,
}

/// A folder's files as read, before parsing.
pub(super) struct ReadFiles {
    pub sources: Sources,
    /// Files that could not be read or are not UTF-8 text.
    pub errors: Vec<SyntaxError>,
    /// Files whose findings are reported.
    pub reported: HashSet<FileId>,
    /// Files named on the command line: read whatever their name, and parsed whole.
    pub explicit: HashSet<FileId>,
}

/// Reads `files`, all in the folder `dir`, taking a file's text from `texts` when it is there
/// (standard input, an editor's buffer). Every file gets an id, read or not, so that ids follow
/// the list. A file that cannot be read is an error where its findings are reported, and is
/// passed over where it only gives context; a file of a walked folder that is gone by now
/// (deleted mid-run) has nothing to report.
pub(super) fn read_files(
    dir: &Path,
    files: &[ModuleFile],
    texts: &[StdinInput],
    ids: &mut Ids,
) -> ReadFiles {
    let mut read = ReadFiles {
        sources: Vec::with_capacity(files.len()),
        errors: Vec::new(),
        reported: HashSet::new(),
        explicit: HashSet::new(),
    };
    let folder = fs::Folder::open(dir);
    for file in files {
        let id = ids.next();
        let text = match texts.iter().find(|s| same_path(&s.path, &file.path)) {
            Some(input) => input.text.clone(),
            // Discovery saw the files of a folder as regular files; a named file is checked
            // before it is opened.
            None => match if file.explicit {
                fs::read_file(&file.path)
            } else {
                folder.read(&file.path)
            } {
                Ok(bytes) => {
                    let (text, error) = source::decode(id, bytes);
                    read.errors.extend(error);
                    text
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && !file.explicit => {
                    continue;
                }
                Err(_) if !file.reported => continue,
                Err(e) => {
                    read.errors.push(SyntaxError {
                        span: Span::point(id, 0),
                        message: format!("cannot read file: {}", io_message(&e)),
                    });
                    String::new()
                }
            },
        };
        if file.reported {
            read.reported.insert(id);
        }
        if file.explicit {
            read.explicit.insert(id);
        }
        let mut source = SourceFile::new(id, file.path.clone(), file.display.clone(), text);
        source.reported = file.reported;
        read.sources.push(Box::new(source));
    }
    read
}

/// Reads and parses a called module's folder. Its files report nothing by themselves: their
/// findings are reported where the call is.
pub(super) fn load_called(
    dir: &Path,
    ids: &mut Ids,
    maps: &mut JsonMaps,
    out: &mut Outcome,
) -> Loaded {
    let files: Vec<ModuleFile> = terraform_files(dir)
        .into_iter()
        .map(|path| ModuleFile {
            display: display_path(&normalize(&path)),
            path,
            reported: false,
            explicit: false,
        })
        .collect();
    let read = read_files(dir, &files, &[], ids);
    let to_parse: Vec<&SourceFile> = read
        .sources
        .iter()
        .filter(|f| !read.errors.iter().any(|e| e.span.file == f.id))
        .map(|f| &**f)
        .collect();
    let (bodies, errors) = parse_module(&to_parse, &|_| false, ids, maps, &mut out.findings);
    let mut loaded = Loaded {
        dir: dir.to_path_buf(),
        bodies,
        errors: read.errors,
        reported: HashSet::new(),
    };
    loaded.errors.extend(errors);
    out.sources.extend(read.sources);
    loaded
}
