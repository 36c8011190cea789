//! A fast scanner for the top-level blocks of a `.tf` file, so that blocks no rule reads (an
//! S3 bucket, a data source, an output) are blanked out before the full parse: the parser
//! then skips them as whitespace, and every span still matches the file.
//!
//! The scanner understands strings (with `${...}` and `%{...}`), heredocs and the three kinds
//! of comments. On anything it does not expect it gives up, and the file is parsed whole.

use std::ops::Range;

mod blank;
mod lexer;
#[cfg(test)]
mod tests;

pub use blank::{blank_module, blank_text, blank_unread_blocks, Blanked, Scan};

use lexer::Scanner;
/// What the linter makes of a top-level block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// Read: a client, a resource of a type rules read, a module call.
    Read,
    /// A `variable` block (the range of its name): read only if something read refers to it.
    Variable(Range<usize>),
    /// Never read: blanked out.
    Unread,
    /// A `locals` block: each local is read only if something read refers to it. Each local is
    /// the range of its name and the range from its name to the end of its expression.
    Locals(Vec<(Range<usize>, Range<usize>)>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScannedBlock {
    pub range: Range<usize>,
    pub kind: BlockKind,
}

fn is_read(kind: &[u8], first_label: Option<&[u8]>) -> bool {
    match kind {
        b"module" => true,
        b"resource" => first_label.is_some_and(|label| {
            std::str::from_utf8(label).is_ok_and(crate::schema::is_read_resource)
        }),
        _ => false,
    }
}

/// The top-level blocks of a file; `None` when it holds something the scanner does not
/// expect (the file is then parsed whole).
pub fn scan(text: &str) -> Option<Vec<ScannedBlock>> {
    let bytes = text.as_bytes();
    let mut scanner = Scanner { bytes, pos: 0 };
    // Room for a typical file's top-level blocks, not grown from empty in every file.
    let mut blocks = Vec::with_capacity(16);
    loop {
        scanner.skip_trivia()?;
        if scanner.pos >= bytes.len() {
            break;
        }
        let start = scanner.pos;
        let kind = scanner.identifier()?;
        let mut first_label: Option<Range<usize>> = None;
        loop {
            scanner.skip_inline_space();
            match bytes.get(scanner.pos)? {
                b'{' => break,
                b'"' => {
                    let label_start = scanner.pos + 1;
                    scanner.quoted_string()?;
                    first_label.get_or_insert(label_start..scanner.pos - 1);
                }
                c if c.is_ascii_alphabetic() || *c == b'_' => {
                    let label_start = scanner.pos;
                    scanner.identifier()?;
                    first_label.get_or_insert(label_start..scanner.pos);
                }
                // A top-level attribute or anything else unusual: parse the file whole.
                _ => return None,
            }
        }
        scanner.pos += 1;
        let kind = if kind == b"locals" && first_label.is_none() {
            BlockKind::Locals(scanner.locals_body()?)
        } else {
            scanner.body()?;
            if let (b"variable", Some(name)) = (kind, &first_label) {
                BlockKind::Variable(name.clone())
            } else if is_read(kind, first_label.map(|l| &bytes[l])) {
                BlockKind::Read
            } else {
                BlockKind::Unread
            }
        };
        blocks.push(ScannedBlock {
            range: start..scanner.pos,
            kind,
        });
    }
    Some(blocks)
}

/// The names `local.NAME` refers to in `text`.
pub fn local_references(text: &str) -> impl Iterator<Item = &str> {
    references(text, "local.")
}

/// The names `var.NAME` refers to in `text`.
pub fn variable_references(text: &str) -> impl Iterator<Item = &str> {
    references(text, "var.")
}

/// The names after `prefix` (`local.`, `var.`) in `text`, where it starts a traversal.
fn references<'t>(text: &'t str, prefix: &'static str) -> impl Iterator<Item = &'t str> {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, prefix).filter_map(move |i| {
        let before_ok = i == 0
            || !(bytes[i - 1].is_ascii_alphanumeric()
                || bytes[i - 1] == b'_'
                || bytes[i - 1] == b'.');
        let start = i + prefix.len();
        let len = bytes[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_' || **c == b'-')
            .count();
        (before_ok && len > 0).then(|| &text[start..start + len])
    })
}
