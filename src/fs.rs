//! Reading files and folders safely, and paths as output shows them. Only regular files are
//! read, never more than [`MAX_FILE_SIZE`], and a file that cannot be read is an error for its
//! caller to report, never a read that blocks or a panic.

use std::path::{Component, Path, PathBuf};

/// Files larger than this are not read: no Terraform file comes near, and the limit keeps a
/// stray disk image named `.tf` from eating the machine's memory.
pub const MAX_FILE_SIZE: u64 = 256 << 20;

/// Settings files (the config file, a variable file) larger than this are refused: they are
/// a few KiB, and a committed link to `/proc/self/pagemap` or a disk image must not be read
/// until memory runs out.
pub const MAX_SETTINGS_SIZE: u64 = 16 << 20;

/// Reads a file to lint. Only regular files are read: a FIFO, a device or a folder named like
/// a Terraform file is an error here, never a read that blocks or never ends.
pub fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    read_file_at_most(path, MAX_FILE_SIZE)
}

/// [`read_file`] with another size limit.
pub fn read_file_at_most(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    // Checked before opening, since opening a FIFO blocks until someone writes to it...
    if !std::fs::metadata(path)?.is_file() {
        return Err(not_regular());
    }
    open_nonblocking(path).and_then(|file| read_opened(file, limit))
}

/// Reads a file that discovery already saw as a regular file (or a link to one): opened
/// without waiting (in case it was replaced by a FIFO since), checked on what was opened, and
/// read in one call where the system allows.
pub fn read_regular_file(path: &Path) -> std::io::Result<Vec<u8>> {
    read_opened(open_nonblocking(path)?, MAX_FILE_SIZE)
}

fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    options.open(path)
}

/// Checks and reads a file opened for reading, refusing more than `limit` bytes.
fn read_opened(file: std::fs::File, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(not_regular());
    }
    if metadata.len() > limit {
        return Err(too_large(limit));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    // The size read is the size the file had when opened: reading stops there, with no call
    // to find the end. A file that says it is empty (some kernel files do) is read to its end.
    let len = match metadata.len() {
        0 => limit + 1,
        len => len,
    };
    file.take(len).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok(bytes)
}

/// Reads at most `limit` bytes of a stream (standard input); more is an error.
pub fn read_stream_at_most(stream: impl std::io::Read, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    stream.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok(bytes)
}

fn too_large(limit: u64) -> std::io::Error {
    std::io::Error::other(format!("larger than {} MiB", limit >> 20))
}

/// A folder opened once, so that the files discovery found in it are opened relative to it:
/// the system does not look up the folder's path again for every file.
pub struct Folder {
    dir: PathBuf,
    #[cfg(unix)]
    fd: Option<std::os::fd::OwnedFd>,
}

impl Folder {
    pub fn open(dir: &Path) -> Folder {
        #[cfg(unix)]
        let fd = {
            use rustix::fs::{Mode, OFlags};
            let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
            rustix::fs::open(folder(dir), flags, Mode::empty()).ok()
        };
        Folder {
            dir: dir.to_path_buf(),
            #[cfg(unix)]
            fd,
        }
    }

    /// [`read_regular_file`] for a file discovery found, relative to this folder when it is
    /// in it.
    pub fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        #[cfg(unix)]
        if let (Some(fd), Some(name)) = (&self.fd, path.file_name()) {
            if path.parent() == Some(self.dir.as_path()) {
                use rustix::fs::{Mode, OFlags};
                let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC;
                let file = rustix::fs::openat(fd, name, flags, Mode::empty())?;
                return read_opened(std::fs::File::from(file), MAX_FILE_SIZE);
            }
        }
        read_regular_file(path)
    }
}

fn not_regular() -> std::io::Error {
    std::io::Error::other("not a regular file")
}

/// The regular files of a folder (and links to them), sorted.
pub fn regular_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder(dir)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| is_file(&e.path(), t)))
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}

/// A regular file, or a symbolic link to one: Terraform reads both. Folders (even one named
/// `x.tf`), FIFOs, devices and dangling links are not module files.
pub fn is_file(path: &Path, file_type: std::fs::FileType) -> bool {
    file_type.is_file()
        || (file_type.is_symlink() && std::fs::metadata(path).is_ok_and(|m| m.is_file()))
}

/// A UTF-8 file's text, read as safely as the files linted (see [`read_file`]).
pub fn read_text(path: &Path) -> Option<String> {
    String::from_utf8(read_file(path).ok()?).ok()
}

/// `a/b/../c` → `a/c`, without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The folder's canonical path, or its normalized path when it cannot be resolved: what
/// tells two names of one module folder apart.
pub fn canonical(dir: &Path) -> PathBuf {
    let d = folder(dir);
    d.canonicalize().unwrap_or_else(|_| normalize(d))
}

/// Whether two paths name one file, as written (no file system access).
pub fn same_path(a: &Path, b: &Path) -> bool {
    normalize(a) == normalize(b)
}

/// The folder to open for `dir`: the parent of a bare file name is the empty path, which is the
/// current folder.
pub fn folder(dir: &Path) -> &Path {
    if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }
}

/// Without leading `./`, so that `x.tf` and `./x.tf` are one file of one module.
pub fn clean(path: &Path) -> PathBuf {
    let cleaned: PathBuf = path
        .components()
        .skip_while(|c| matches!(c, Component::CurDir))
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

/// An I/O error as a finding or error message says it.
pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Writes `parts` to `path` through a temporary file in the same folder, renamed over `path`
/// once complete: a reader (a CI upload step, an editor) never sees half a file, and a failed
/// run leaves the previous file as it was.
///
/// Only a regular file (or a path not there yet) is replaced. A device or a pipe (`/dev/null`,
/// `/dev/stdout`, a FIFO) is written in place: renaming over it would put a plain file where the
/// device was (as root, for every process on the machine). A symbolic link is followed, so the
/// link stays a link and its target gets the text; a replaced file keeps its permissions.
pub fn write_atomically<S: AsRef<str>>(path: &Path, parts: &[S]) -> std::io::Result<()> {
    write_atomically_with(path, |out| {
        for part in parts {
            out.write_all(part.as_ref().as_bytes())?;
        }
        Ok(())
    })
}

/// [`write_atomically`], with the text written by `write` as it is made.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let existing = std::fs::metadata(&target).ok();
    if existing.as_ref().is_some_and(|m| !m.is_file()) {
        return write_parts(
            std::fs::OpenOptions::new().write(true).open(&target)?,
            write,
        );
    }
    let name = target
        .file_name()
        .ok_or_else(|| std::io::Error::other("the path names no file"))?;
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}.tmp", std::process::id()));
    let temp = folder.join(temp_name);
    // Removed unless renamed into place: on an error, and on a panic while the text is drawn.
    let temp = TempFile(temp);
    let file = std::fs::File::create(&temp.0)?;
    if let Some(metadata) = &existing {
        file.set_permissions(metadata.permissions())?;
    }
    write_parts(file, write)?;
    std::fs::rename(&temp.0, &target)?;
    std::mem::forget(temp);
    Ok(())
}

/// A temporary file, removed when dropped.
struct TempFile(std::path::PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn write_parts(
    file: std::fs::File,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(file);
    write(&mut out)?;
    let file = out.into_inner().map_err(|e| e.into_error())?;
    // A device or a pipe cannot be synced (EINVAL); only a file on disk needs to be.
    if file.metadata()?.is_file() {
        file.sync_all()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_is_read_up_to_its_limit() {
        assert_eq!(read_stream_at_most(&b"abc"[..], 3).unwrap(), b"abc");
        let err = read_stream_at_most(std::io::repeat(b'x'), 2 << 20).unwrap_err();
        assert_eq!(err.to_string(), "larger than 2 MiB");
    }

    #[test]
    fn normalize_removes_dot_segments() {
        assert_eq!(
            normalize(Path::new("envs/prod/../../modules/auth")),
            PathBuf::from("modules/auth")
        );
        assert_eq!(normalize(Path::new("./a/./b")), PathBuf::from("a/b"));
        assert_eq!(
            normalize(Path::new("../shared/x")),
            PathBuf::from("../shared/x")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_is_written_in_place_not_replaced_by_a_file() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("report");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here: nothing to check
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        write_atomically(&fifo, &["one ", "two"]).unwrap();
        assert_eq!(reader.join().unwrap(), "one two");
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_stays_a_link_and_a_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("report.sarif");
        std::fs::write(&file, "old").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.sarif");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        write_atomically(&link, &["new"]).unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 2, "no temporary file is left behind");
    }
}
