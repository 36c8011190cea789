//! A source file's text, its line index, and parsing. A file that cannot be read or parsed
//! becomes a COG000 finding; it never stops the other files.

use crate::value::{FileId, Span};
use hcl_edit::structure::Body;
use std::path::PathBuf;

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
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(id: FileId, path: PathBuf, display: String, text: String) -> SourceFile {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            id,
            path,
            display,
            text,
            reported: true,
            line_starts,
        }
    }

    /// 1-based line and column of a byte offset; the column counts characters.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self.text[start..offset]
            .chars()
            .filter(|&c| c != '\r' && c != '\u{feff}')
            .count();
        (line + 1, col + 1)
    }

    /// The byte range of a 1-based line, without its line break.
    pub fn line_range(&self, line: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        let end = if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        Some(start..end.max(start))
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
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

/// Parses HCL native syntax, keeping spans. A `.json` file (`.tf.json`, which pre-commit and
/// users may name) is only checked to be JSON: reading its clients is not supported yet, so it
/// yields an empty body rather than a false syntax error.
pub fn parse_hcl(file: &SourceFile) -> Result<Body, SyntaxError> {
    if file.path.extension().is_some_and(|e| e == "json") {
        return match serde_json::from_str::<serde::de::IgnoredAny>(&file.text) {
            Ok(_) => Ok(Body::default()),
            Err(err) => {
                let line = file.line_range(err.line()).map_or(0, |r| r.start);
                let offset = file.text[line..]
                    .char_indices()
                    .nth(err.column().saturating_sub(1))
                    .map_or(file.text.len(), |(i, _)| line + i);
                let message = err.to_string();
                let message = message.split(" at line").next().unwrap_or(&message);
                Err(SyntaxError {
                    span: Span::point(file.id, offset),
                    message: format!("invalid JSON: {message}"),
                })
            }
        };
    }
    if let Some(offset) = file.text.find('\0') {
        return Err(SyntaxError {
            span: Span::point(file.id, offset),
            message: "file holds a NUL byte; it is not Terraform text".to_string(),
        });
    }
    // A byte order mark becomes three spaces, so that spans still match the file's bytes.
    let blanked;
    let text = match file.text.strip_prefix('\u{feff}') {
        Some(rest) => {
            blanked = format!("   {rest}");
            &blanked
        }
        None => &file.text,
    };
    hcl_edit::parser::parse_body(text).map_err(|err| {
        let message = err.message().lines().next().unwrap_or_default();
        let message = if message.is_empty() {
            "invalid syntax"
        } else {
            message
        };
        SyntaxError {
            span: Span::point(file.id, err.location().offset()),
            message: format!("invalid HCL: {message}"),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new(0, "main.tf".into(), "main.tf".into(), text.to_string())
    }

    #[test]
    fn line_and_column_count_characters() {
        let f = file("a = 1\nbé = \"x\"\n");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(6), (2, 1));
        // "bé = " is 6 bytes but 5 characters.
        assert_eq!(f.line_col(12), (2, 6));
    }

    #[test]
    fn crlf_does_not_shift_columns() {
        let f = file("a = 1\r\nb = 2\r\n");
        assert_eq!(f.line_col(7), (2, 1));
        assert_eq!(f.line_range(1), Some(0..5));
    }

    #[test]
    fn invalid_utf8_is_a_syntax_error_at_the_bad_byte() {
        let (text, err) = decode(0, b"a = \"\xff\"\n".to_vec());
        assert!(text.contains('\u{fffd}'));
        assert_eq!(err.unwrap().span.start, 5);
    }

    #[test]
    fn json_files_are_checked_as_json() {
        let json = |text: &str| {
            SourceFile::new(0, "main.tf.json".into(), "main.tf.json".into(), text.into())
        };
        assert!(parse_hcl(&json("{\"resource\": {}}")).is_ok());
        let err = parse_hcl(&json("{\n  \"resource\": ,\n}")).unwrap_err();
        assert_eq!(err.span.start, 16, "at the comma");
        assert!(
            err.message.starts_with("invalid JSON: expected value"),
            "{}",
            err.message
        );
    }

    #[test]
    fn parse_error_has_a_position() {
        let err = parse_hcl(&file("resource \"x\" \"y\" {\n  a = \n}\n")).unwrap_err();
        assert!(err.span.start > 0);
        assert!(err.message.starts_with("invalid HCL"));
    }
}
