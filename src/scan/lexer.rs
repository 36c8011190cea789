//! The byte-level scanner: strings (with `${...}` and `%{...}`), heredocs, the three kinds of
//! comments, and bracket nesting, skipped with lookup tables and `memchr`.

use std::ops::Range;

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

pub(super) struct Scanner<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) pos: usize,
}

impl<'a> Scanner<'a> {
    fn peek(&self, offset: usize) -> Option<u8> {
        self.bytes.get(self.pos + offset).copied()
    }

    /// Whitespace, line breaks and comments.
    pub(super) fn skip_trivia(&mut self) -> Option<()> {
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

    pub(super) fn skip_inline_space(&mut self) {
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
        // Four lookups a step: specials are dense in expressions (a quote or a bracket every
        // few bytes), so a wider step, or a vector search, costs more than it saves.
        let mut i = 0;
        while let Some(four) = rest.get(i..i + 4) {
            if special[four[0] as usize] {
                break;
            }
            if special[four[1] as usize] {
                self.pos += i + 1;
                return;
            }
            if special[four[2] as usize] {
                self.pos += i + 2;
                return;
            }
            if special[four[3] as usize] {
                self.pos += i + 3;
                return;
            }
            i += 4;
        }
        self.pos += i + rest[i..]
            .iter()
            .position(|&c| special[c as usize])
            .unwrap_or(rest.len() - i);
    }

    fn block_comment(&mut self) -> Option<()> {
        let end = find(&self.bytes[self.pos + 2..], b"*/")?;
        self.pos += 2 + end + 2;
        Some(())
    }

    pub(super) fn identifier(&mut self) -> Option<&'a [u8]> {
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
    pub(super) fn locals_body(&mut self) -> Option<Vec<(Range<usize>, Range<usize>)>> {
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
    pub(super) fn body(&mut self) -> Option<()> {
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
    pub(super) fn quoted_string(&mut self) -> Option<()> {
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
