//! JSON written by hand, laid out byte for byte as `serde_json::to_string_pretty` lays it out
//! (two-space indent, `"key": value`, `[]` and `{}` when empty), for the parts of an output
//! written a million times: JSON's diagnostics, SARIF's results, GitLab's issues. Going through
//! serde cost more than drawing the rest of the run: every key was escaped, every level
//! indented two bytes at a time, every number formatted through `core::fmt`. Keys are the
//! program's own, written as [`key!`] spells them; values are escaped as serde_json escapes
//! them. The JSON, SARIF and GitLab tests hold the bytes to serde_json's.

/// An object key as [`JsonWriter::key`] takes it: quoted, with its colon. Keys are the
/// program's own, ASCII with nothing to escape.
macro_rules! key {
    ($name:literal) => {
        concat!("\"", $name, "\": ")
    };
}
pub(super) use key;

/// A writer of one JSON value at a given depth of its document.
pub(super) struct JsonWriter<'o> {
    out: &'o mut Vec<u8>,
    depth: usize,
    /// Whether the innermost open object or array has no entry yet.
    empty: bool,
}

impl<'o> JsonWriter<'o> {
    /// A value written at `depth` levels into its document (its first line is not indented:
    /// the caller has placed it).
    pub(super) fn new(out: &'o mut Vec<u8>, depth: usize) -> JsonWriter<'o> {
        JsonWriter {
            out,
            depth,
            empty: false,
        }
    }

    pub(super) fn open_object(&mut self) {
        self.open(b'{');
    }

    pub(super) fn close_object(&mut self) {
        self.close(b'}');
    }

    pub(super) fn open_array(&mut self) {
        self.open(b'[');
    }

    pub(super) fn close_array(&mut self) {
        self.close(b']');
    }

    /// Starts an entry of the open object: its value is written next. The key comes quoted
    /// and followed by its colon, as [`key!`] spells it, so that it is one write.
    pub(super) fn key(&mut self, quoted: &'static str) {
        debug_assert!(quoted.starts_with('"') && quoted.ends_with("\": "));
        debug_assert!(!quoted[1..quoted.len() - 3].bytes().any(needs_escape));
        self.next_line();
        self.out.extend_from_slice(quoted.as_bytes());
    }

    /// Starts an element of the open array: its value is written next.
    pub(super) fn element(&mut self) {
        self.next_line();
    }

    /// A string, escaped as serde_json escapes it.
    pub(super) fn string(&mut self, text: &str) {
        self.out.push(b'"');
        push_escaped(self.out, text);
        self.out.push(b'"');
    }

    /// An array of strings.
    pub(super) fn strings<'s>(&mut self, items: impl IntoIterator<Item = &'s str>) {
        self.open_array();
        for item in items {
            self.element();
            self.string(item);
        }
        self.close_array();
    }

    /// One string of `pieces` one after the other, with no string in between.
    pub(super) fn string_of(&mut self, pieces: &[&str]) {
        self.out.push(b'"');
        pieces
            .iter()
            .for_each(|piece| push_escaped(self.out, piece));
        self.out.push(b'"');
    }

    /// A string whose bytes `write` appends, plain ASCII with nothing to escape (a
    /// percent-encoded URI, digits), with no string in between.
    pub(super) fn plain_string(&mut self, write: impl FnOnce(&mut Vec<u8>)) {
        self.out.push(b'"');
        let start = self.out.len();
        write(self.out);
        debug_assert!(self.out[start..]
            .iter()
            .all(|b| b.is_ascii() && !needs_escape(*b)));
        self.out.push(b'"');
    }

    /// A fingerprint as SARIF and GitLab give it: the hash in 16 lower-case hex digits, then
    /// which occurrence of it the finding is (`0123456789abcdef:1`).
    pub(super) fn fingerprint(&mut self, hash: u64, occurrence: u32) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.plain_string(|out| {
            out.extend(
                (0..16)
                    .rev()
                    .map(|digit| HEX[((hash >> (4 * digit)) & 0xf) as usize]),
            );
            out.push(b':');
            out.extend_from_slice(itoa::Buffer::new().format(occurrence).as_bytes());
        });
    }

    pub(super) fn null(&mut self) {
        self.out.extend_from_slice(b"null");
    }

    /// A string, or `null` for none.
    pub(super) fn optional_string(&mut self, text: Option<&str>) {
        match text {
            Some(text) => self.string(text),
            None => self.null(),
        }
    }

    pub(super) fn number(&mut self, n: u64) {
        self.out
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    /// `"key": "text"`.
    pub(super) fn string_entry(&mut self, key: &'static str, text: &str) {
        self.key(key);
        self.string(text);
    }

    /// `"key": n`.
    pub(super) fn number_entry(&mut self, key: &'static str, n: u64) {
        self.key(key);
        self.number(n);
    }

    /// `"key": { "text": text }`, SARIF's message object.
    pub(super) fn text_entry(&mut self, key: &'static str, text: &str) {
        self.key(key);
        self.open_object();
        self.string_entry(key!("text"), text);
        self.close_object();
    }

    fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.depth += 1;
        self.empty = true;
    }

    fn close(&mut self, bracket: u8) {
        self.depth -= 1;
        if !self.empty {
            self.line_break(false);
        }
        self.out.push(bracket);
        // The closed value is an entry of the one around it.
        self.empty = false;
    }

    fn next_line(&mut self) {
        self.line_break(!self.empty);
        self.empty = false;
    }

    /// A line break (after a comma when `comma`) and the indent of the depth, in one write
    /// while the depth is within `BREAKS`.
    fn line_break(&mut self, comma: bool) {
        const BREAKS: [u8; 66] = {
            let mut bytes = [b' '; 66];
            (bytes[0], bytes[1]) = (b',', b'\n');
            bytes
        };
        let from = usize::from(!comma);
        match BREAKS.get(from..2 + 2 * self.depth) {
            Some(bytes) => self.out.extend_from_slice(bytes),
            None => {
                self.out.extend_from_slice(&BREAKS[from..2]);
                (0..self.depth).for_each(|_| self.out.extend_from_slice(b"  "));
            }
        }
    }
}

/// The bytes serde_json escapes in a string: quotes, backslashes, control characters.
fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// Appends `text` with the bytes of [`needs_escape`] escaped as serde_json escapes them: the
/// short forms for `\b`, `\t`, `\n`, `\f`, `\r`, `\u00xx` (lower-case hex) for the other
/// control characters.
fn push_escaped(out: &mut Vec<u8>, text: &str) {
    /// Bytes checked at once, in a loop the compiler vectorizes: most strings have nothing to
    /// escape.
    const BLOCK: usize = 16;
    let bytes = text.as_bytes();
    // Most strings need nothing escaped: one pass over the whole string, which the compiler
    // vectorizes (no early exit), and one copy. Short strings, the most common, were
    // otherwise checked a byte at a time.
    if !bytes.iter().fold(false, |any, &b| any | needs_escape(b)) {
        out.extend_from_slice(bytes);
        return;
    }
    let mut plain_from = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(block) = bytes.get(i..i + BLOCK) {
            if !block.iter().fold(false, |any, &b| any | needs_escape(b)) {
                i += BLOCK;
                continue;
            }
        }
        let byte = bytes[i];
        i += 1;
        if !needs_escape(byte) {
            continue;
        }
        out.extend_from_slice(&bytes[plain_from..i - 1]);
        plain_from = i;
        let short: &[u8] = match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            b'\t' => b"\\t",
            b'\n' => b"\\n",
            0x0c => b"\\f",
            b'\r' => b"\\r",
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.extend([HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xf)]]);
                continue;
            }
        };
        out.extend_from_slice(short);
    }
    out.extend_from_slice(&bytes[plain_from..]);
}

#[cfg(test)]
mod tests {
    use super::JsonWriter;

    /// The writer lays out as serde_json's pretty printer does, nested and empty containers
    /// and escapes included.
    #[test]
    fn the_layout_is_serde_jsons() {
        let mut out = Vec::new();
        let mut w = JsonWriter::new(&mut out, 2);
        w.open_object();
        w.string_entry(
            key!("a"),
            "quote \" backslash \\ tab \t bell \u{7} \u{8}\u{c}\r\n\u{1f}\u{7f} é",
        );
        w.number_entry(key!("n"), 42);
        w.string_entry(
            key!("long"),
            "a clean run of more than sixteen bytes, then\"\u{1}x",
        );
        w.key(key!("empty"));
        w.open_array();
        w.close_array();
        w.key(key!("list"));
        w.open_array();
        w.element();
        w.open_object();
        w.text_entry(key!("message"), "m");
        w.close_object();
        w.element();
        w.plain_string(|out| out.extend_from_slice(b"ff:1"));
        w.element();
        w.string_of(&["a \"", "b", ""]);
        w.close_array();
        w.close_object();
        let value = serde_json::json!({
            "a": "quote \" backslash \\ tab \t bell \u{7} \u{8}\u{c}\r\n\u{1f}\u{7f} é",
            "n": 42,
            "long": "a clean run of more than sixteen bytes, then\"\u{1}x",
            "empty": [],
            "list": [{ "message": { "text": "m" } }, "ff:1", "a \"b"],
        });
        let expected = serde_json::to_string_pretty(&serde_json::json!([[value]])).unwrap();
        let inner = String::from_utf8(out).unwrap();
        // The value as the whole document places it two levels in.
        let placed = format!("[\n  [\n    {inner}\n  ]\n]");
        assert_eq!(placed, expected);
    }

    /// Past the depth of the indent table, lines are indented two spaces a level as well.
    #[test]
    fn deep_values_are_indented_past_the_table() {
        let mut out = Vec::new();
        let mut w = JsonWriter::new(&mut out, 0);
        for _ in 0..40 {
            w.open_array();
            w.element();
        }
        w.number(1);
        (0..40).for_each(|_| w.close_array());
        let mut value = serde_json::json!(1);
        for _ in 0..40 {
            value = serde_json::json!([value]);
        }
        let expected = serde_json::to_string_pretty(&value).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }
}
