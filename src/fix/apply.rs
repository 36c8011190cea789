//! Edits applied to a file's text, the way a careful user would type them: in the file's own
//! line endings, a removal that empties a line takes the line, a renamed key keeps its `=`
//! where `terraform fmt` aligned it, an inserted argument lines up with the one after it. The
//! result must still parse; every byte outside the edits stays.

use super::select::overlap;
use crate::finding::Edit;
use crate::source::SourceFile;

/// `source`'s text with `edits` applied; `Err` says why not (an edit that would break the
/// file's syntax: a bug of the rule that offered it).
pub fn apply_edits(source: &SourceFile, edits: &[Edit]) -> Result<String, String> {
    let text = &source.text;
    let is_json = crate::discover::is_json_config(&source.path);
    let crlf = text.contains("\r\n");
    let mut ready: Vec<Edit> = Vec::with_capacity(edits.len());
    for edit in edits {
        // Edits in a JSON file are JSON already (see `json.rs`).
        let edit = match is_json {
            true => edit.clone(),
            false => tidy(text, edit),
        };
        let edit = Edit {
            text: line_endings(&edit.text, crlf),
            ..edit
        };
        // Widened, two edits may meet: the later one waits for the next round.
        if !ready.iter().any(|r| overlap(r, &edit)) {
            ready.push(edit);
        }
    }
    let fixed = splice(text, &ready);
    let parses = match is_json {
        true => crate::json::to_hcl(&fixed).is_ok(),
        false => {
            let file = SourceFile::new(source.id, source.path.clone(), String::new(), fixed);
            let ok = crate::source::parse_hcl(&file).is_ok();
            return ok
                .then_some(file.text)
                .ok_or_else(|| "the fixed text would not parse".to_string());
        }
    };
    parses
        .then_some(fixed)
        .ok_or_else(|| "the fixed text would not parse".to_string())
}

/// `text` with non-overlapping `edits` applied.
pub fn splice(text: &str, edits: &[Edit]) -> String {
    let mut edits: Vec<&Edit> = edits.iter().collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.text);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// `\n` as `\r\n` in a file that ends its lines so.
fn line_endings(text: &str, crlf: bool) -> String {
    match crlf {
        true => text.replace("\r\n", "\n").replace('\n', "\r\n"),
        false => text.to_string(),
    }
}

/// The edit as typed into native syntax: see the module's comment.
fn tidy(text: &str, edit: &Edit) -> Edit {
    let (start, end) = (edit.span.start, edit.span.end);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let before = &text[line_start..start];
    let after = &text[end..line_end];
    let blank = |s: &str| s.chars().all(|c| c == ' ' || c == '\t' || c == '\r');
    let with = |start: usize, end: usize, with: String| Edit {
        span: crate::value::Span::new(edit.span.file, start..end),
        text: with,
    };
    if edit.text.is_empty() && start < end {
        if blank(before) && blank(after) {
            // The whole line, its line break with it.
            let next = (line_end + 1).min(text.len());
            return with(line_start, next, String::new());
        }
        if blank(after) {
            // A trailing comment: the blank before it goes too.
            let trimmed = before.trim_end_matches([' ', '\t']).len();
            return with(line_start + trimmed, end, String::new());
        }
        return edit.clone();
    }
    let is_key = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    // A renamed argument: the `=` stays in its column when there is room.
    let old = &text[start..end];
    if is_key(old) && is_key(&edit.text) && blank(before) {
        let pad = after.len() - after.trim_start_matches(' ').len();
        if after[pad..].starts_with('=') && !after[pad..].starts_with("==") {
            let column = old.len() + pad;
            if edit.text.len() < column {
                let spaces = " ".repeat(column - edit.text.len());
                return with(start, end + pad, format!("{}{spaces}", edit.text));
            }
        }
        return edit.clone();
    }
    // An argument inserted on its own line before another: aligned with it, as `terraform fmt`
    // aligns a run of arguments; a blank line between them when the name is longer.
    if start == end && blank(before) {
        if let Some((name, rest)) = edit.text.split_once(" = ") {
            let (value, indent) = rest.split_once('\n').unwrap_or((rest, ""));
            let pad = after.find('=').filter(|&i| {
                let key = after[..i].trim_end();
                is_key(key) && !after[i..].starts_with("==")
            });
            if is_key(name) && blank(indent) && !value.contains('\n') {
                if let Some(column) = pad {
                    let text = match name.len() < column {
                        true => format!(
                            "{name}{} = {value}\n{indent}",
                            " ".repeat(column - name.len() - 1)
                        ),
                        false => format!("{name} = {value}\n\n{indent}"),
                    };
                    return with(start, end, text);
                }
            }
        }
    }
    edit.clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Span;

    fn edit(text: &str, what: &str, with: &str) -> String {
        let start = text.find(what).unwrap();
        let e = Edit {
            span: Span::new(0, start..start + what.len()),
            text: with.to_string(),
        };
        splice(text, &[tidy(text, &e)])
    }

    #[test]
    fn a_removal_that_empties_a_line_takes_it() {
        let text = "a {\n  x = 1\n  y = []\n}\n";
        assert_eq!(edit(text, "y = []", ""), "a {\n  x = 1\n}\n");
        let text = "x = 1 # cognito-lint:ignore COG1\n";
        assert_eq!(edit(text, "# cognito-lint:ignore COG1", ""), "x = 1\n");
    }

    #[test]
    fn a_renamed_key_keeps_its_column() {
        let text = "  callback_url   = []\n  name           = 1\n";
        assert_eq!(
            edit(text, "callback_url", "callback_urls"),
            "  callback_urls  = []\n  name           = 1\n"
        );
    }

    #[test]
    fn an_inserted_argument_lines_up() {
        let text = "  name  = 1\n  other = 2\n";
        let at = text.find("name").unwrap();
        let e = Edit {
            span: Span::new(0, at..at),
            text: "ab = true\n  ".to_string(),
        };
        assert_eq!(
            splice(text, &[tidy(text, &e)]),
            "  ab    = true\n  name  = 1\n  other = 2\n"
        );
        let e = Edit {
            text: "long_name = true\n  ".to_string(),
            ..e
        };
        assert_eq!(
            splice(text, &[tidy(text, &e)]),
            "  long_name = true\n\n  name  = 1\n  other = 2\n"
        );
    }

    #[test]
    fn crlf_stays() {
        assert_eq!(line_endings("a\nb\r\n", true), "a\r\nb\r\n");
    }
}
