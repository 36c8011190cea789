//! Writing fixed files back: through a temporary file in the same folder, renamed over the
//! original ([`crate::fs::write_atomically`]: permissions kept, links followed), and only when
//! the file is still the text the run read. An editor or another tool that saved it meanwhile
//! wins: the file is left alone and the run says so.

use super::FixedFile;

/// Writes `file.fixed` to its path if the file still holds `file.original`; `Err` is the note
/// for standard error.
pub fn write_if_unchanged(file: &FixedFile) -> Result<(), String> {
    let now = std::fs::read(&file.path).map_err(|e| {
        format!(
            "{}: cannot read it again to write the fixes: {e}",
            file.display
        )
    })?;
    // Renaming would replace a read-only file all the same: its mode says to leave it.
    if std::fs::metadata(&file.path).is_ok_and(|m| m.permissions().readonly()) {
        return Err(format!(
            "{}: read-only; its fixes are not written",
            file.display
        ));
    }
    if now != file.original.as_bytes() {
        return Err(format!(
            "{}: changed on disk since it was read; its fixes are not written",
            file.display
        ));
    }
    crate::fs::write_atomically(&file.path, &[&file.fixed])
        .map_err(|e| format!("{}: cannot write the fixes: {e}", file.display))
}
