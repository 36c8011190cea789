//! Text from user files (values, names, paths, snippet lines, comments), made safe to print on
//! a terminal or in a CI log. A control character could otherwise move the cursor, erase or
//! overwrite a line (`\r`), set the reader's clipboard (OSC 52) or forge a finding (a line
//! break in a file name); so every one is shown escaped (`\x1b`, `\r`, `\u{85}`). A line that a
//! CI runner would read as a workflow command (`::error ...`, after its leading spaces) gets its
//! first colon escaped. Machine formats escape as their own specifications say instead.

use crate::source::SourceFile;
use std::borrow::Cow;

/// Whether `c` is shown escaped: every control character but the tab (and, in a snippet, line
/// breaks).
fn is_escaped(c: char) -> bool {
    c.is_control() && c != '\t'
}

fn push_escaped(out: &mut String, c: char) {
    use std::fmt::Write;
    let _ = match c {
        '\n' => write!(out, "\\n"),
        '\r' => write!(out, "\\r"),
        c if (c as u32) < 0x80 => write!(out, "\\x{:02x}", c as u32),
        c => write!(out, "\\u{{{:x}}}", c as u32),
    };
}

/// `text` for one line of output: control characters escaped, line breaks included.
pub fn escape_line(text: &str) -> Cow<'_, str> {
    // A control character is a byte below 0x20 or 0x7f, or starts with 0xc2 (C1): a search of
    // the bytes clears nearly every text without decoding it.
    let suspect = |b: u8| ((b < 0x20) & (b != b'\t')) | (b == 0x7f) | (b == 0xc2);
    if !any_byte(text.as_bytes(), suspect) || !text.chars().any(is_escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_escaped(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether any byte is `suspect`, looked at 16 at a time without stopping early: with a
/// `suspect` that does not branch (`|`, `&`), the compiler compares the sixteen at once.
fn any_byte(bytes: &[u8], suspect: impl Fn(u8) -> bool) -> bool {
    let mut chunks = bytes.chunks_exact(16);
    let found = chunks
        .by_ref()
        .any(|chunk| chunk.iter().fold(0u8, |any, &b| any | u8::from(suspect(b))) != 0);
    found || chunks.remainder().iter().any(|&b| suspect(b))
}

/// A file shown in a snippet with its control characters escaped, and where its offsets went.
pub struct EscapedSource {
    pub file: SourceFile,
    /// `(offset in the file, bytes added before the next offset)`, for each escaped character.
    shifts: Vec<(usize, usize)>,
}

impl EscapedSource {
    /// `None` when the file's text and name show as they are (nearly always).
    pub fn new(file: &SourceFile) -> Option<EscapedSource> {
        let bytes = file.text.as_bytes();
        // A control character is a byte below 0x20 or 0x7f, or 0xc2 0x80..0x9f (C1).
        let suspect = bytes.iter().any(|&b| {
            (b < 0x20 && b != b'\n' && b != b'\t' && b != b'\r') || b == 0x7f || b == 0xc2
        }) || bytes.windows(2).any(|w| w[0] == b'\r' && w[1] != b'\n')
            || bytes.last() == Some(&b'\r');
        let display = escape_line(&file.display);
        if !suspect && matches!(display, Cow::Borrowed(_)) {
            return None;
        }
        let mut text = String::with_capacity(file.text.len() + 64);
        let mut shifts = Vec::new();
        let mut added = 0;
        let mut chars = file.text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let line_break =
                c == '\n' || (c == '\r' && chars.peek().is_some_and(|(_, n)| *n == '\n'));
            if is_escaped(c) && !line_break {
                let before = text.len();
                push_escaped(&mut text, c);
                added += text.len() - before - c.len_utf8();
                shifts.push((at, added));
            } else {
                text.push(c);
            }
        }
        if shifts.is_empty() && matches!(display, Cow::Borrowed(_)) {
            return None;
        }
        let mut escaped = SourceFile::new(file.id, file.path.clone(), display.into_owned(), text);
        escaped.reported = file.reported;
        Some(EscapedSource {
            file: escaped,
            shifts,
        })
    }

    /// Where an offset of the original text is in the escaped one.
    pub fn map(&self, offset: usize) -> usize {
        let before = self.shifts.partition_point(|(at, _)| *at < offset);
        offset + before.checked_sub(1).map_or(0, |i| self.shifts[i].1)
    }
}

/// Escapes the first colon of every line that starts with `::` once its leading spaces are
/// trimmed: GitHub's runner executes such a line of a job's log as a workflow command.
pub fn defuse_workflow_commands(out: &mut String) {
    if !out.contains("::") {
        return;
    }
    let mut defused = String::with_capacity(out.len() + 8);
    for line in out.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("::") {
            let indent = line.len() - trimmed.len();
            defused.push_str(&line[..indent]);
            defused.push_str("\\x3a");
            defused.push_str(&trimmed[1..]);
        } else {
            defused.push_str(line);
        }
    }
    *out = defused;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(escape_line("plain"), "plain");
        assert_eq!(
            escape_line("a\u{1b}]52;c;SGVsbG8=\u{7}b\r\n\u{0}\u{85}\u{7f}\tc"),
            "a\\x1b]52;c;SGVsbG8=\\x07b\\r\\n\\x00\\u{85}\\x7f\tc"
        );
    }

    #[test]
    fn a_control_character_is_found_wherever_it_is() {
        // Before, inside and after the sixteen-byte steps of the search.
        for at in 0..40 {
            for (c, shown) in [
                ("\u{1b}", "\\x1b"),
                ("\u{85}", "\\u{85}"),
                ("\u{7f}", "\\x7f"),
            ] {
                let text = format!("{}{c}{}", "a".repeat(at), "b".repeat(40 - at));
                let expected = format!("{}{shown}{}", "a".repeat(at), "b".repeat(40 - at));
                assert_eq!(escape_line(&text), expected, "at {at}");
            }
            let tabbed = format!("{}\t{}", "a".repeat(at), "é".repeat(20));
            assert!(matches!(escape_line(&tabbed), Cow::Borrowed(_)), "at {at}");
        }
    }

    #[test]
    fn a_snippet_keeps_its_line_breaks_and_maps_offsets() {
        let text = "a = \"\u{1b}[2J\"\r\nb = \"x\ry\"\nc = 1\n";
        let file = SourceFile::new(0, "f.tf".into(), "f.tf".into(), text.to_string());
        let escaped = EscapedSource::new(&file).unwrap();
        assert_eq!(
            escaped.file.text,
            "a = \"\\x1b[2J\"\r\nb = \"x\\ry\"\nc = 1\n"
        );
        for needle in ["[2J", "b = ", "y\"", "c = 1"] {
            let at = text.find(needle).unwrap();
            assert!(
                escaped.file.text[escaped.map(at)..].starts_with(needle),
                "{needle}"
            );
        }
        let clean = SourceFile::new(0, "f.tf".into(), "f.tf".into(), "a = 1\r\n".into());
        assert!(EscapedSource::new(&clean).is_none());
    }

    #[test]
    fn workflow_commands_are_defused() {
        let mut out =
            "  help: x\n        ::error file=a::forged\n::add-mask::x\nok :: fine\n".to_string();
        defuse_workflow_commands(&mut out);
        assert_eq!(
            out,
            "  help: x\n        \\x3a:error file=a::forged\n\\x3a:add-mask::x\nok :: fine\n"
        );
    }
}
