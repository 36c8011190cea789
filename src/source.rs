//! A source file's text, its line index, and parsing. A file that cannot be read or parsed
//! becomes a COG000 finding; it never stops the other files.

use crate::value::{FileId, Span};
use hcl_edit::structure::Body;
use hcl_edit::Span as _;
use std::path::PathBuf;

/// What a checked module keeps of the text of a file with findings: what the run's output
/// formats read, so that memory does not grow with the text of every such file. Ordered by
/// what is kept: several formats keep the most any of them reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Keep {
    /// The line and column of every offset a finding points at (compact, JSON and the like).
    Positions,
    /// Those, and each finding's fingerprint drawn while the text is there (SARIF, GitLab:
    /// see [`crate::finding::fingerprint`]).
    Fingerprints,
    /// The whole text: snippets (`pretty`), fixes, the editor.
    #[default]
    Text,
}

/// The files of a module's outcome or of the run's report, each boxed: gathering every
/// module's files into the report then moves pointers, not files of some 200 bytes, which
/// would have both lists resident at once (100,000 files: 20 MB twice, at the run's peak).
pub type Sources = Vec<Box<SourceFile>>;

/// One file of the run.
#[derive(Debug)]
pub struct SourceFile {
    pub id: FileId,
    /// The path the file was read from.
    pub path: PathBuf,
    /// The path shown in output: as the user gave it, or as found under a walked folder.
    pub display: String,
    /// The text (lossy when the file was not valid UTF-8, for showing snippets).
    pub text: String,
    /// Its findings are reported: false for a file read only as context (a sibling of a named
    /// file).
    pub reported: bool,
    /// `--fix` may write it (see [`crate::fix::may_edit`]): known from its path, and asked of
    /// every finding's edits when fixable findings are marked and counted.
    pub editable: bool,
    /// Where lines start; computed on first use, since most files never show a finding.
    line_starts: std::sync::OnceLock<Vec<u32>>,
    /// Counted characters (see [`SourceFile::line_col`]) before every [`CHECKPOINT`]th byte:
    /// computed only when a column is asked far along a line (minified JSON), so that columns
    /// there do not cost a count from the line's start each.
    char_counts: std::sync::OnceLock<Vec<(usize, usize)>>,
    /// When the text was released ([`SourceFile::release_text`]): the line and column of
    /// every offset the run's findings point at, by offset.
    /// Offset, line and column, in 32 bits as `line_starts` (a million findings keep three
    /// or four positions each).
    positions: Option<Vec<(u32, u32, u32)>>,
}

impl SourceFile {
    pub fn new(id: FileId, path: PathBuf, display: String, text: String) -> SourceFile {
        SourceFile {
            id,
            editable: crate::fix::may_edit(&path),
            path,
            display,
            text,
            reported: true,
            line_starts: std::sync::OnceLock::new(),
            char_counts: std::sync::OnceLock::new(),
            positions: None,
        }
    }

    /// Releases the text, keeping the line and column of `offsets`: all that output formats
    /// without snippets ask of a file once its findings' fingerprints are drawn, so that
    /// memory does not grow with the text of every file that has a finding.
    pub fn release_text(&mut self, offsets: impl IntoIterator<Item = usize>) {
        let mut offsets: Vec<usize> = offsets.into_iter().collect();
        offsets.sort_unstable();
        offsets.dedup();
        self.positions = Some(self.positions_of(&offsets));
        self.text = String::new();
        self.line_starts = std::sync::OnceLock::new();
        self.char_counts = std::sync::OnceLock::new();
    }

    /// The line and column of each of `offsets` (sorted), as [`SourceFile::line_col`] gives
    /// them, in one pass over the text: no index of line starts, and a long line's characters
    /// counted once, not once for each offset on it.
    fn positions_of(&self, offsets: &[usize]) -> Vec<(u32, u32, u32)> {
        let mut positions = Vec::with_capacity(offsets.len());
        // Where the count is: its byte offset, its line, and the characters counted on it.
        let (mut at, mut line, mut column) = (0, 1, 0);
        for &offset in offsets {
            let to = self
                .floor_char_boundary(offset.min(self.text.len()))
                .max(at);
            let passed = &self.text.as_bytes()[at..to];
            match memchr::memrchr(b'\n', passed) {
                Some(last) => {
                    line += memchr::memchr_iter(b'\n', passed).count();
                    column = counted(&self.text[at + last + 1..to]);
                }
                None => column += counted(&self.text[at..to]),
            }
            at = to;
            positions.push((offset as u32, line as u32, column as u32 + 1));
        }
        positions
    }

    /// Offsets fit in 32 bits (files are at most [`crate::fs::MAX_FILE_SIZE`]), and the index
    /// is allocated at its size: a file of newlines costs four bytes a line, not sixteen.
    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let mut starts = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
            starts.push(0);
            starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| (i + 1) as u32));
            starts
        })
    }

    /// The text of `range`; `None` out of range, off a character boundary, or once the text
    /// is released.
    pub fn text_at(&self, range: std::ops::Range<usize>) -> Option<&str> {
        if self.positions.is_some() {
            return None;
        }
        self.text.get(range)
    }

    /// 1-based line and column of a byte offset; the column counts characters.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        if let Some(positions) = &self.positions {
            let found = positions.binary_search_by_key(&offset, |p| p.0 as usize);
            debug_assert!(found.is_ok(), "no position kept for offset {offset}");
            return found.map_or((1, 1), |i| {
                (positions[i].1 as usize, positions[i].2 as usize)
            });
        }
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line_starts = self.line_starts();
        let line = line_starts.partition_point(|&s| s as usize <= offset) - 1;
        let start = line_starts[line] as usize;
        let col = if offset - start > CHECKPOINT {
            self.counted_before(offset) - self.counted_before(start)
        } else {
            counted(&self.text[start..offset])
        };
        (line + 1, col + 1)
    }

    /// The byte range of a 1-based line, without its line break.
    pub fn line_range(&self, line: usize) -> Option<std::ops::Range<usize>> {
        let line_starts = self.line_starts();
        let start = *line_starts.get(line.checked_sub(1)?)? as usize;
        let end = line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next as usize - 1);
        let end = if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        Some(start..end.max(start))
    }

    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }

    /// Counted characters in the text before `offset` (a character boundary).
    fn counted_before(&self, offset: usize) -> usize {
        let counts = self.char_counts.get_or_init(|| {
            let mut counts = vec![(0, 0)];
            let mut total = 0;
            let mut at = 0;
            while at + CHECKPOINT < self.text.len() {
                let next = self.floor_char_boundary(at + CHECKPOINT).max(at);
                total += counted(&self.text[at..next]);
                counts.push((next, total));
                at = next;
            }
            counts
        });
        let i = counts.partition_point(|(at, _)| *at <= offset) - 1;
        let (at, before) = counts[i];
        before + counted(&self.text[at..offset])
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// How far apart the checkpoints of [`SourceFile`]'s character counts are, in bytes.
const CHECKPOINT: usize = 4096;

/// The characters a column counts: all but `\r` and a byte order mark. Counted on the bytes,
/// without decoding: a character is a byte that does not continue one (not `0b10xx_xxxx`), a
/// sum the compiler computes sixteen bytes at a time.
fn counted(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (counted, lead_ef) = bytes.iter().fold((0usize, false), |(n, ef), &b| {
        let n = n + usize::from((b as i8) >= -0x40) - usize::from(b == b'\r');
        (n, ef | (b == 0xef))
    });
    // U+FEFF is the bytes EF BB BF: one character.
    match lead_ef {
        false => counted,
        true => counted - memchr::memmem::find_iter(bytes, "\u{feff}").count(),
    }
}

/// Why a file yielded no syntax tree.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
}

/// Decodes file bytes: invalid UTF-8 is a syntax error at the first bad byte, and the text is
/// kept (lossily) so the error can still be shown in context.
pub fn decode(id: FileId, bytes: Vec<u8>) -> (String, Option<SyntaxError>) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(err) => {
            let offset = err.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
            let error = SyntaxError {
                span: Span::point(id, offset),
                message: "file is not valid UTF-8 text".to_string(),
            };
            (text, Some(error))
        }
    }
}

/// How many repeated keys one file may hold before we give up on it.
const MAX_RENAMES: usize = 64;

/// Parses HCL native syntax, keeping spans.
///
/// hcl-edit refuses an argument set twice in one body, which Terraform reports as "Attribute
/// redefined" (COG009 reports it, with the rest of the file still checked). So a repeated
/// argument is renamed to a placeholder of the same length (spans stay true) and the file
/// parsed again; it then gets its name back for the rules to see. (A key repeated in an object
/// constructor, which Terraform accepts, is accepted by the vendored hcl-edit itself.)
pub fn parse_hcl(file: &SourceFile) -> Result<Body, SyntaxError> {
    if let Some(offset) = file.text.find('\0') {
        return Err(SyntaxError {
            span: Span::point(file.id, offset),
            message: "file holds a NUL byte; it is not Terraform text".to_string(),
        });
    }
    // A byte order mark becomes three spaces, so that spans still match the file's bytes.
    let mut text: std::borrow::Cow<str> = match file.text.strip_prefix('\u{feff}') {
        Some(rest) => format!("   {rest}").into(),
        None => file.text.as_str().into(),
    };
    let mut renamed: Vec<(usize, String)> = Vec::new();
    for attempt in 0..=MAX_RENAMES {
        let err = match parse_deep(&text) {
            Ok(mut body) => {
                restore_names(&mut body, &renamed);
                return Ok(body);
            }
            Err(err) => err,
        };
        let attribute = err.message().contains("redefined attribute");
        let object_key = err.message().contains("redefined object key");
        let offset = err.location().offset();
        let rename = (attempt < MAX_RENAMES && (attribute || object_key))
            .then(|| key_range(&text, offset))
            .flatten()
            .and_then(|range| Some((range.clone(), placeholder(&text, range.len())?)));
        let Some((range, name)) = rename else {
            return Err(SyntaxError {
                span: Span::point(file.id, offset),
                message: parse_error_message(err.message()),
            });
        };
        if attribute {
            renamed.push((range.start, text[range.clone()].to_string()));
        }
        text.to_mut().replace_range(range, &name);
    }
    unreachable!("the loop returns on its last attempt")
}

/// How deep blocks and expressions may nest. Terraform reads deeper files (it runs out of
/// stack somewhere between 10,000 and 200,000 levels), but no real configuration comes near;
/// hcl-edit alone stops at 64 (see `vendor/hcl-edit/PATCHES.md`).
pub const MAX_NESTING: usize = 1024;

/// How many binary operators may chain in one expression (`a + b + ...`); hcl-edit alone
/// stops at 128, Terraform reads 10,000.
pub const MAX_OPERATORS: usize = 4096;

/// The stack the parser needs at [`MAX_NESTING`]: about 33 KiB a level in debug builds (a
/// `for` expression; 10 KiB in release builds), with room to spare.
pub const DEEP_STACK: usize = MAX_NESTING * 48 * 1024 + (16 << 20);

/// Runs `f` with at least [`DEEP_STACK`] bytes of stack: on the current one when it has that
/// much left, else on a fresh one (only touched pages cost memory). Parsing, and whatever
/// walks the trees it builds (evaluation, dropping), runs inside it.
pub fn with_deep_stack<T>(f: impl FnOnce() -> T) -> T {
    stacker::maybe_grow(DEEP_STACK, 2 * DEEP_STACK, f)
}

/// hcl-edit's parser with cognito-lint's limits, on a stack that holds them.
/// Parses only `regions` of `text` (see [`crate::scan::Blanked::Regions`]), with the limits and
/// stack of [`parse_hcl`]. `None` when a region does not parse, or the text holds what
/// [`parse_hcl`] treats with care (a NUL byte, a byte order mark): parse it that way instead.
pub fn parse_regions(text: &str, regions: &[std::ops::Range<usize>]) -> Option<Body> {
    if text.starts_with('\u{feff}') || memchr::memchr(0, text.as_bytes()).is_some() {
        return None;
    }
    with_deep_stack(|| {
        hcl_edit::parser::with_limits(MAX_NESTING, MAX_OPERATORS, || {
            hcl_edit::parser::parse_body_regions(text, regions)
        })
    })
}

fn parse_deep(text: &str) -> Result<Body, hcl_edit::parser::Error> {
    with_deep_stack(|| {
        hcl_edit::parser::with_limits(MAX_NESTING, MAX_OPERATORS, || {
            hcl_edit::parser::parse_body(text)
        })
    })
}

/// The COG000 message for a parse error: its first line, or what the limits mean.
fn parse_error_message(message: &str) -> String {
    if message.contains("expected fewer nested levels") {
        return format!(
            "blocks and expressions nest more than {MAX_NESTING} levels deep, deeper than cognito-lint reads"
        );
    }
    if message.contains("expected fewer chained binary operators") {
        return format!(
            "more than {MAX_OPERATORS} binary operators in a row, more than cognito-lint reads"
        );
    }
    match message.lines().next().unwrap_or_default() {
        "" => "invalid HCL: invalid syntax".to_string(),
        first => format!("invalid HCL: {first}"),
    }
}

/// The bytes of the key at `offset`: an identifier, or the inside of a quoted key.
fn key_range(text: &str, offset: usize) -> Option<std::ops::Range<usize>> {
    let rest = text.get(offset..)?;
    if let Some(quoted) = rest.strip_prefix('"') {
        let end = quoted.find(['"', '\\', '$', '%'])?;
        (quoted.as_bytes()[end] == b'"' && end > 0).then(|| offset + 1..offset + 1 + end)
    } else {
        let len: usize = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
            .map(char::len_utf8)
            .sum();
        (len > 0).then(|| offset..offset + len)
    }
}

/// An identifier of `len` bytes that the text does not hold yet. A one-byte name is almost
/// always somewhere in the text, so it need only not name an argument anywhere.
fn placeholder(text: &str, len: usize) -> Option<String> {
    if len == 1 {
        let names_an_argument = |name: u8| {
            text.lines().any(|line| {
                let rest = line.trim_start().as_bytes();
                rest.first() == Some(&name) && {
                    let after = rest[1..].trim_ascii_start();
                    after.first() == Some(&b'=') && after.get(1) != Some(&b'=')
                }
            })
        };
        return (b'a'..=b'z')
            .chain(b'A'..=b'Z')
            .find(|&c| !names_an_argument(c))
            .map(|c| (c as char).to_string());
    }
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    (0..DIGITS.len().pow(len.min(3) as u32)).find_map(|mut n| {
        let mut name = vec![b'_'; len];
        for slot in name.iter_mut().skip(1).rev() {
            *slot = DIGITS[n % DIGITS.len()];
            n /= DIGITS.len();
        }
        if len == 1 {
            name[0] = DIGITS[10 + n % 26];
        }
        let name = String::from_utf8(name).ok()?;
        (!text.contains(&name)).then_some(name)
    })
}

/// Gives renamed arguments their written names back.
fn restore_names(body: &mut Body, renamed: &[(usize, String)]) {
    if renamed.is_empty() {
        return;
    }
    for i in 0..body.len() {
        let Some(structure) = body.get_mut(i) else {
            continue;
        };
        if let Some(attr) = structure.as_attribute_mut() {
            let start = attr.key.span().map(|s| s.start);
            if let Some((_, name)) = renamed.iter().find(|(offset, _)| Some(*offset) == start) {
                *attr.key.value_mut() = hcl_edit::Ident::new(name.clone());
            }
        } else if let Some(block) = structure.as_block_mut() {
            restore_names(&mut block.body, renamed);
        }
    }
}

#[cfg(test)]
mod tests;
