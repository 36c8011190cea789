//! A fast scanner for the top-level blocks of a `.tf` file, so that blocks no rule reads (an
//! S3 bucket, a data source, an output) are blanked out before the full parse: the parser
//! then skips them as whitespace, and every span still matches the file.
//!
//! The scanner understands strings (with `${...}` and `%{...}`), heredocs and the three kinds
//! of comments. On anything it does not expect it gives up, and the file is parsed whole.

use std::collections::HashSet;
use std::ops::Range;

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
            std::str::from_utf8(label).is_ok_and(|label| {
                crate::schema::ClientKind::from_type(label).is_some()
                    || crate::extract::CONTEXT_TYPES.contains(&label)
            })
        }),
        _ => false,
    }
}

/// The top-level blocks of a file; `None` when it holds something the scanner does not
/// expect (the file is then parsed whole).
pub fn scan(text: &str) -> Option<Vec<ScannedBlock>> {
    let bytes = text.as_bytes();
    let mut scanner = Scanner { bytes, pos: 0 };
    let mut blocks = Vec::new();
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
    text.match_indices(prefix).filter_map(move |(i, _)| {
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

/// What is left of a file to parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blanked {
    /// Parse the file as it is.
    Whole,
    /// Every block was blanked: nothing to parse.
    Nothing,
    /// Parse only `regions`, runs of kept top-level blocks, of the text with `blank` blanked;
    /// `inner` says whether any blanked range lies inside a region (unread locals of a kept
    /// `locals` block), so that the text must be copied and blanked first.
    Regions {
        regions: Vec<Range<usize>>,
        blank: Vec<Range<usize>>,
        inner: bool,
    },
}

/// `text` with `blank` replaced by spaces. Line breaks stay, so that what is kept still ends
/// its lines, and every span still matches the file.
pub fn blank_text(text: &str, blank: &[Range<usize>]) -> String {
    let mut out = text.as_bytes().to_vec();
    for range in blank {
        let part = &mut out[range.clone()];
        if memchr::memchr(b'\r', part).is_some() {
            for b in part.iter_mut().filter(|b| **b != b'\n' && **b != b'\r') {
                *b = b' ';
            }
            continue;
        }
        let mut start = 0;
        while let Some(newline) = memchr::memchr(b'\n', &part[start..]) {
            part[start..start + newline].fill(b' ');
            start += newline + 1;
        }
        part[start..].fill(b' ');
    }
    // Only whole blocks and attributes were replaced, by ASCII: still UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// A file of a module, as the scanner saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scan {
    /// Its top-level blocks.
    Blocks(Vec<ScannedBlock>),
    /// Not scannable, or not to be scanned: it is parsed whole.
    Whole,
}

/// Blanks, in each file of a module, the blocks no rule reads and the locals nothing read
/// refers to (directly or through other locals). Files that did not scan are kept whole, and
/// what they refer to is kept too.
pub fn blank_module(texts: &[&str], scans: &[Scan]) -> Vec<Blanked> {
    let needed = &needed_names(texts, scans);
    texts
        .iter()
        .zip(scans)
        .map(|(text, scan)| {
            let blocks = match scan {
                Scan::Blocks(blocks) => blocks,
                Scan::Whole => return Blanked::Whole,
            };
            let mut blank: Vec<Range<usize>> = Vec::new();
            let mut regions: Vec<Range<usize>> = Vec::new();
            let mut inner = false;
            // Whether the previous block was kept, so that this one extends its region.
            let mut after_kept = false;
            for block in blocks {
                let kept = match &block.kind {
                    BlockKind::Read => true,
                    BlockKind::Unread => false,
                    BlockKind::Variable(name) => needed.variables.contains(&text[name.clone()]),
                    BlockKind::Locals(locals) => {
                        let unused: Vec<Range<usize>> = locals
                            .iter()
                            .filter(|(name, _)| !needed.locals.contains(&text[name.clone()]))
                            .map(|(_, r)| r.clone())
                            .collect();
                        let kept = unused.len() < locals.len();
                        if kept {
                            inner |= !unused.is_empty();
                            blank.extend(unused);
                        }
                        kept
                    }
                };
                if !kept {
                    blank.push(block.range.clone());
                } else {
                    match regions.last_mut() {
                        Some(region) if after_kept => region.end = block.range.end,
                        _ => regions.push(block.range.clone()),
                    }
                }
                after_kept = kept;
            }
            if regions.is_empty() {
                return Blanked::Nothing;
            }
            if blank.is_empty() {
                return Blanked::Whole;
            }
            // A region parsed alone must be what it is in the file: blocks on lines of their
            // own. Otherwise the blanked text is parsed as one region, as a whole file would be.
            if !regions.iter().all(|r| on_own_lines(text.as_bytes(), r)) {
                return Blanked::Regions {
                    regions: std::iter::once(0..text.len()).collect(),
                    blank,
                    inner: true,
                };
            }
            Blanked::Regions {
                regions,
                blank,
                inner,
            }
        })
        .collect()
}

/// Whether `range` starts a line (after spaces) and ends one (before spaces and a comment).
fn on_own_lines(bytes: &[u8], range: &Range<usize>) -> bool {
    let before = bytes[..range.start]
        .iter()
        .rev()
        .find(|b| !matches!(b, b' ' | b'\t'));
    let after = bytes[range.end..]
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t'))
        .map(|i| &bytes[range.end + i..]);
    matches!(before, None | Some(b'\n'))
        && match after {
            None => true,
            Some(rest) => matches!(rest[0], b'\n' | b'\r' | b'#') || rest.starts_with(b"//"),
        }
}

/// The locals and variables that something read refers to, directly or through locals.
struct Needed<'t> {
    locals: HashSet<&'t str>,
    variables: HashSet<&'t str>,
}

fn needed_names<'t>(texts: &[&'t str], scans: &[Scan]) -> Needed<'t> {
    let mut needed = Needed {
        locals: HashSet::new(),
        variables: HashSet::new(),
    };
    let take = |needed: &mut Needed<'t>, text: &'t str| {
        needed.locals.extend(local_references(text));
        needed.variables.extend(variable_references(text));
    };
    for (text, scan) in texts.iter().zip(scans) {
        match scan {
            Scan::Whole => take(&mut needed, text),
            Scan::Blocks(blocks) => {
                for block in blocks.iter().filter(|b| b.kind == BlockKind::Read) {
                    take(&mut needed, &text[block.range.clone()]);
                }
            }
        }
    }
    // A needed local's expression may refer to more: follow definitions until nothing new.
    let mut followed: HashSet<(usize, usize)> = HashSet::new();
    loop {
        let known = needed.locals.len();
        for (file, (text, scan)) in texts.iter().zip(scans).enumerate() {
            let Scan::Blocks(blocks) = scan else {
                continue;
            };
            for block in blocks {
                let BlockKind::Locals(locals) = &block.kind else {
                    continue;
                };
                for (name, range) in locals {
                    if needed.locals.contains(&text[name.clone()])
                        && followed.insert((file, range.start))
                    {
                        take(&mut needed, &text[range.clone()]);
                    }
                }
            }
        }
        if needed.locals.len() == known {
            return needed;
        }
    }
}

/// One file on its own (its locals kept only if the file itself refers to them).
pub fn blank_unread_blocks(text: &str) -> Option<String> {
    let scans = vec![Scan::Blocks(scan(text)?)];
    match blank_module(&[text], &scans).pop()? {
        Blanked::Whole => None,
        Blanked::Nothing => Some(text.replace(|c: char| c != '\n' && c != '\r', " ")),
        Blanked::Regions { blank, .. } => Some(blank_text(text, &blank)),
    }
}

/// A table of the bytes in `set`.
const fn byte_set(set: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    while i < set.len() {
        table[set[i] as usize] = true;
        i += 1;
    }
    table
}

/// The bytes that matter inside an expression, a line's expression and a quoted string.
static IN_EXPRESSION: [bool; 256] = byte_set(b"\"#/<{[()]}");
static IN_EXPRESSION_LINE: [bool; 256] = byte_set(b"\"#/<{[()]}\n");
static IN_STRING: [bool; 256] = byte_set(b"\"\\\n$%");

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Scanner<'a> {
    fn peek(&self, offset: usize) -> Option<u8> {
        self.bytes.get(self.pos + offset).copied()
    }

    /// Whitespace, line breaks and comments.
    fn skip_trivia(&mut self) -> Option<()> {
        while let Some(c) = self.peek(0) {
            match c {
                b' ' | b'\t' | b'\r' | b'\n' => self.pos += 1,
                b'#' => self.line_comment(),
                b'/' if self.peek(1) == Some(b'/') => self.line_comment(),
                b'/' if self.peek(1) == Some(b'*') => self.block_comment()?,
                _ => break,
            }
        }
        Some(())
    }

    fn skip_inline_space(&mut self) {
        while matches!(self.peek(0), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    fn line_comment(&mut self) {
        self.comment_to_line_end();
        if self.pos < self.bytes.len() {
            self.pos += 1;
        }
    }

    /// Moves past the bytes that `special` does not mark: the loops above look only at the
    /// bytes that can open or close something.
    fn skip_plain(&mut self, special: &[bool; 256]) {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        self.pos += rest
            .iter()
            .position(|&c| special[c as usize])
            .unwrap_or(rest.len());
    }

    fn block_comment(&mut self) -> Option<()> {
        let end = find(&self.bytes[self.pos + 2..], b"*/")?;
        self.pos += 2 + end + 2;
        Some(())
    }

    fn identifier(&mut self) -> Option<&'a [u8]> {
        let start = self.pos;
        match self.peek(0) {
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => {}
            _ => return None,
        }
        while matches!(self.peek(0), Some(c) if c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
        {
            self.pos += 1;
        }
        Some(&self.bytes[start..self.pos])
    }

    /// The body of a `locals` block, after its `{`: each local's name and the range from its
    /// name to the end of its expression.
    fn locals_body(&mut self) -> Option<Vec<(Range<usize>, Range<usize>)>> {
        let mut locals = Vec::new();
        loop {
            self.skip_trivia()?;
            match self.peek(0)? {
                b'}' => {
                    self.pos += 1;
                    return Some(locals);
                }
                _ => {
                    let start = self.pos;
                    let name = self.identifier()?;
                    self.skip_inline_space();
                    if self.peek(0)? != b'=' || self.peek(1) == Some(b'=') {
                        return None;
                    }
                    self.pos += 1;
                    self.expression_line()?;
                    locals.push((start..start + name.len(), start..self.pos));
                }
            }
        }
    }

    /// An attribute's expression: up to the line break (or the block's `}`) at depth 0.
    fn expression_line(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            self.skip_plain(&IN_EXPRESSION_LINE);
            let Some(c) = self.peek(0) else {
                return (depth == 0).then_some(());
            };
            match c {
                b'\n' if depth == 0 => return Some(()),
                b'"' => self.quoted_string()?,
                b'#' => self.comment_to_line_end(),
                b'/' if self.peek(1) == Some(b'/') => self.comment_to_line_end(),
                b'/' if self.peek(1) == Some(b'*') => self.block_comment()?,
                b'<' if self.peek(1) == Some(b'<') && self.heredoc_start() => self.heredoc()?,
                b'{' | b'[' | b'(' => {
                    depth += 1;
                    self.pos += 1;
                }
                b'}' | b']' | b')' => {
                    if depth == 0 {
                        // The block closes on this line (`locals { a = 1 }`).
                        return (c == b'}').then_some(());
                    }
                    depth -= 1;
                    self.pos += 1;
                }
                _ => self.pos += 1,
            }
        }
    }

    /// A `#` or `//` comment, up to but not including its line break.
    fn comment_to_line_end(&mut self) {
        self.pos = memchr::memchr(b'\n', &self.bytes[self.pos..])
            .map_or(self.bytes.len(), |i| self.pos + i);
    }

    /// A block body, after its `{`, up to and including the matching `}`.
    fn body(&mut self) -> Option<()> {
        self.expression_until(b'}')
    }

    /// Skips expression text up to the `close` byte that balances the opening one.
    fn expression_until(&mut self, close: u8) -> Option<()> {
        let mut depth = 0usize;
        loop {
            self.skip_plain(&IN_EXPRESSION);
            let c = self.peek(0)?;
            match c {
                b'"' => self.quoted_string()?,
                b'#' => self.line_comment(),
                b'/' if self.peek(1) == Some(b'/') => self.line_comment(),
                b'/' if self.peek(1) == Some(b'*') => self.block_comment()?,
                b'<' if self.peek(1) == Some(b'<') && self.heredoc_start() => self.heredoc()?,
                b'{' | b'[' | b'(' => {
                    depth += 1;
                    self.pos += 1;
                }
                b'}' | b']' | b')' => {
                    self.pos += 1;
                    if depth == 0 {
                        return (c == close).then_some(());
                    }
                    depth -= 1;
                }
                _ => self.pos += 1,
            }
        }
    }

    /// A `"..."` string with its escapes and `${...}` / `%{...}` parts.
    fn quoted_string(&mut self) -> Option<()> {
        self.pos += 1;
        loop {
            self.skip_plain(&IN_STRING);
            match self.peek(0)? {
                b'"' => {
                    self.pos += 1;
                    return Some(());
                }
                b'\\' => self.pos += 2,
                b'\n' => return None,
                b'$' | b'%' if self.peek(1) == Some(b'{') => {
                    self.pos += 2;
                    self.expression_until(b'}')?;
                }
                // `$${` and `%%{` are literal text.
                b'$' | b'%' if self.peek(1) == self.peek(0) && self.peek(2) == Some(b'{') => {
                    self.pos += 3
                }
                _ => self.pos += 1,
            }
        }
    }

    /// At `<<`: a heredoc opener (`<<EOT` or `<<-EOT` followed by a line break)?
    fn heredoc_start(&self) -> bool {
        let mut i = self.pos + 2;
        if self.bytes.get(i) == Some(&b'-') {
            i += 1;
        }
        let start = i;
        while matches!(self.bytes.get(i), Some(c) if c.is_ascii_alphanumeric() || *c == b'_') {
            i += 1;
        }
        i > start && matches!(self.bytes.get(i), Some(b'\n' | b'\r'))
    }

    /// A heredoc: up to and including the line that holds only its delimiter.
    fn heredoc(&mut self) -> Option<()> {
        self.pos += 2;
        if self.peek(0) == Some(b'-') {
            self.pos += 1;
        }
        let delimiter = self.identifier()?;
        self.pos += memchr::memchr(b'\n', &self.bytes[self.pos..])? + 1;
        loop {
            let rest = &self.bytes[self.pos..];
            let line_len = memchr::memchr(b'\n', rest);
            let line = &rest[..line_len.unwrap_or(rest.len())];
            if trim_ascii(line) == delimiter {
                self.pos += line.len();
                return Some(());
            }
            self.pos += line_len? + 1;
        }
    }
}

fn trim_ascii(mut s: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = s {
        if first.is_ascii_whitespace() {
            s = rest;
        } else {
            break;
        }
    }
    while let [rest @ .., last] = s {
        if last.is_ascii_whitespace() {
            s = rest;
        } else {
            break;
        }
    }
    s
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hcl_edit::Span as _;

    #[test]
    fn unread_blocks_become_spaces_and_spans_stay() {
        let text = "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x}\" # }\n}\n\nresource \"aws_cognito_user_pool_client\" \"c\" {\n  name = \"c\"\n}\n";
        let blanked = blank_unread_blocks(text).unwrap();
        assert_eq!(blanked.len(), text.len());
        assert!(!blanked.contains("aws_s3_bucket"));
        assert_eq!(
            blanked.find("resource"),
            text.find("resource \"aws_cognito")
        );
        assert_eq!(blanked.lines().count(), text.lines().count());
    }

    #[test]
    fn strings_heredocs_and_comments_do_not_confuse_it() {
        let text = r#"data "aws_iam_policy_document" "d" {
  policy = <<-EOT
    { "a": "}" }
  EOT
  x = "${jsonencode({ a = "}" })}"
  /* } */
  // }
}
output "o" { value = "%{ if true }}%{ endif }" }
resource "aws_cognito_user_pool" "p" {}
"#;
        let blanked = blank_unread_blocks(text).unwrap();
        assert!(blanked
            .trim_start()
            .starts_with("resource \"aws_cognito_user_pool\""));
        assert!(hcl_edit::parser::parse_body(&blanked).is_ok());
    }

    #[test]
    fn unusual_input_falls_back_to_a_full_parse() {
        assert_eq!(blank_unread_blocks("a = 1\n"), None);
        assert_eq!(blank_unread_blocks("resource \"x\" \"y\" {\n"), None);
        assert_eq!(
            blank_unread_blocks("resource \"x\" \"y\" {\n a = \"open\n}\n"),
            None
        );
        // Nothing to blank.
        assert_eq!(
            blank_unread_blocks("resource \"aws_cognito_user_pool\" \"p\" {}\n"),
            None
        );
    }

    #[test]
    fn locals_nothing_read_refers_to_are_blanked() {
        let a = "locals {\n  used = local.chain\n  unused = [for x in var.y : x]\n}\n";
        let b = "locals {\n  chain = \"ok\"\n  policy = <<-EOT\n    }\n  EOT\n}\nresource \"aws_cognito_user_pool_client\" \"c\" {\n  name = local.used\n}\n";
        let scans = vec![
            Scan::Blocks(scan(a).unwrap()),
            Scan::Blocks(scan(b).unwrap()),
        ];
        let texts = [a, b];
        let out: Vec<String> = blank_module(&texts, &scans)
            .into_iter()
            .zip(texts)
            .map(|(b, text)| match b {
                Blanked::Regions { blank, .. } => blank_text(text, &blank),
                other => panic!("expected a blanked text, got {other:?}"),
            })
            .collect();
        let a2 = out[0].as_str();
        assert!(
            a2.contains("used = local.chain") && !a2.contains("unused"),
            "{a2}"
        );
        let b2 = out[1].as_str();
        assert!(
            b2.contains("chain = \"ok\"") && !b2.contains("policy"),
            "{b2}"
        );
        assert!(
            hcl_edit::parser::parse_body(a2).is_ok() && hcl_edit::parser::parse_body(b2).is_ok()
        );
    }

    #[test]
    fn only_the_kept_blocks_are_parsed_with_their_spans() {
        let text = "variable \"v\" {}\n\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n}\n\nresource \"aws_cognito_user_pool\" \"p\" {\n  name = var.v\n}\n";
        let scans = vec![Scan::Blocks(scan(text).unwrap())];
        let Blanked::Regions { regions, inner, .. } = blank_module(&[text], &scans).pop().unwrap()
        else {
            panic!("expected regions");
        };
        assert_eq!(regions.len(), 2, "{regions:?}");
        assert!(!inner);
        let body = hcl_edit::parser::parse_body_regions(text, &regions).unwrap();
        let blocks: Vec<_> = body.blocks().collect();
        assert_eq!(blocks.len(), 2);
        let pool = blocks[1].ident.span().unwrap();
        assert_eq!(&text[pool.start..pool.start + 8], "resource");
        assert!(text[pool.start..].starts_with("resource \"aws_cognito_user_pool\""));
    }

    #[test]
    fn blocks_sharing_a_line_are_parsed_as_the_file_would_be() {
        // Terraform wants a line break after a block: parsed alone, the pool would hide that.
        let text = "resource \"aws_cognito_user_pool\" \"p\" {} output \"o\" { value = 1 }\n";
        let scans = vec![Scan::Blocks(scan(text).unwrap())];
        let Blanked::Regions { regions, inner, .. } = blank_module(&[text], &scans).pop().unwrap()
        else {
            panic!("expected regions");
        };
        assert_eq!(regions, std::iter::once(0..text.len()).collect::<Vec<_>>());
        assert!(inner);
    }

    #[test]
    fn variables_are_kept_when_something_read_refers_to_them() {
        let vars = "variable \"used\" {\n  default = 1\n}\n\nvariable \"via_local\" {}\n\nvariable \"unused\" {}\n";
        let main = "locals {\n  l = var.via_local\n}\n\nresource \"aws_cognito_user_pool_client\" \"c\" {\n  name = \"${var.used}-${local.l}\"\n}\n";
        let texts = [vars, main];
        let scans: Vec<Scan> = texts
            .iter()
            .map(|t| Scan::Blocks(scan(t).unwrap()))
            .collect();
        let blanked = blank_module(&texts, &scans);
        let Blanked::Regions { blank, .. } = &blanked[0] else {
            panic!("expected regions, got {:?}", blanked[0]);
        };
        let kept = blank_text(vars, blank);
        assert!(kept.contains("variable \"used\"") && kept.contains("variable \"via_local\""));
        assert!(!kept.contains("unused"), "{kept}");
        assert_eq!(blanked[1], Blanked::Whole);
    }

    #[test]
    fn local_references_are_whole_names() {
        let refs: Vec<&str> =
            local_references("local.a + xlocal.b + local.c_d[0] + module.local.e").collect();
        assert_eq!(refs, ["a", "c_d"]);
    }
}
