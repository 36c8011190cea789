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
    if start == end && blank(before) {
        if let Some(aligned) = insert_aligned(text, edit, line_start) {
            return aligned;
        }
    }
    // An element added after the last one of a list written one element a line: on a line
    // of its own, after the comma and any comment.
    if start == end && edit.text.starts_with(", ") {
        let rest = after.trim_start_matches([' ', '\t']);
        let comment = rest
            .strip_prefix(',')
            .map(|r| r.trim_start_matches([' ', '\t']));
        if comment.is_some_and(|c| c.is_empty() || c.starts_with('#') || c.starts_with("//")) {
            let indent = indentation(&text[line_start..]);
            let end = line_end - usize::from(text[..line_end].ends_with('\r'));
            return with(end, end, format!("\n{indent}{},", &edit.text[2..]));
        }
    }
    edit.clone()
}

/// The spaces and tabs that start `line`.
fn indentation(line: &str) -> &str {
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// Where `=` sits in an argument line (`  name   = value`), counted from the name's start.
fn eq_column(line: &str) -> Option<usize> {
    let body = line.trim_start_matches([' ', '\t']);
    let at = body.find('=')?;
    let key = body[..at].trim_end();
    let is_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    (is_key && !body[at..].starts_with("==")).then_some(at)
}

/// An argument (`name = value\n<indent>`) inserted on its own line before the one at the
/// insertion point, lined up with the run of arguments it joins as `terraform fmt` aligns them;
/// when its name is too long for their column, set apart by a blank line instead.
fn insert_aligned(text: &str, edit: &Edit, line_start: usize) -> Option<Edit> {
    let (name, rest) = edit.text.split_once(" = ")?;
    let (value, indent) = rest.split_once('\n')?;
    if indent.contains('\n') || eq_column(&format!("{name} =")).is_none() {
        return None;
    }
    let at = edit.span.start;
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let next = eq_column(&text[at..line_end]);
    let previous = text[..line_start.saturating_sub(1)]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let prev = (line_start > 0)
        .then(|| &text[previous..line_start - 1])
        .filter(|l| indentation(l) == indentation(&text[line_start..]))
        .and_then(eq_column);
    let file = edit.span.file;
    let column = next.max(prev)?;
    if name.len() < column {
        let pad = " ".repeat(column - name.len() - 1);
        return Some(Edit {
            span: crate::value::Span::new(file, at..at),
            text: format!("{name}{pad} = {value}\n{indent}"),
        });
    }
    // Too long for the run: the run's `=` move to the new name's column (what `terraform fmt`
    // would do), its lines rewritten with the insertion.
    let own = indentation(&text[line_start..]);
    let column = name.len() + 1;
    let (first, last) = run_around(text, line_start, own);
    let mut out = String::new();
    let mut at_line = first;
    let mut inserted = false;
    while at_line < last {
        if at_line == line_start && !inserted {
            out.push_str(&format!("{own}{name} = {value}\n"));
            inserted = true;
        }
        let end = text[at_line..]
            .find('\n')
            .map_or(text.len(), |i| at_line + i + 1);
        let line = &text[at_line..end];
        let body = &line[own.len()..];
        let eq = eq_column(line).unwrap_or(0);
        let key = body[..eq].trim_end();
        out.push_str(&format!(
            "{own}{key}{} {}",
            " ".repeat(column - key.len() - 1),
            &body[eq..]
        ));
        at_line = end;
    }
    if !inserted {
        out.push_str(&format!("{own}{name} = {value}\n"));
    }
    Some(Edit {
        span: crate::value::Span::new(file, first..last),
        text: out,
    })
}

/// The lines around `line_start` that make one run of arguments with `indent`, as the range
/// from the first line's start to the end of the last one (its line break included).
fn run_around(text: &str, line_start: usize, indent: &str) -> (usize, usize) {
    let in_run = |line: &str| {
        indentation(line) == indent
            && eq_column(line).is_some()
            && !line.trim_end().ends_with(['[', '{', '('])
    };
    let mut first = line_start;
    while first > 0 {
        let previous = text[..first - 1].rfind('\n').map_or(0, |i| i + 1);
        if !in_run(&text[previous..first - 1]) {
            break;
        }
        first = previous;
    }
    let mut last = line_start;
    loop {
        let end = text[last..].find('\n').map_or(text.len(), |i| last + i + 1);
        if last == end || !in_run(text[last..end].trim_end_matches(['\n', '\r'])) {
            break;
        }
        last = end;
    }
    (first, last)
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
            "  long_name = true\n  name      = 1\n  other     = 2\n"
        );
    }

    #[test]
    fn crlf_stays() {
        assert_eq!(line_endings("a\nb\r\n", true), "a\r\nb\r\n");
    }
}
