//! Edits applied to a file's text, the way a careful user would type them: in the file's own
//! line endings, a removal that empties a line takes the line, a renamed key keeps its `=`
//! where `terraform fmt` aligned it, an inserted argument lines up with the one after it. The
//! result must still parse; every byte outside the edits stays.

use super::align;
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
            text: line_endings(&edit.text, crlf).into(),
            ..edit
        };
        // Widened, two edits may meet: the later one waits for the next round.
        if !ready.iter().any(|r| overlap(r, &edit)) {
            ready.push(edit);
        }
    }
    let (fixed, touched) = splice_marked(text, &ready);
    let fixed = match is_json {
        true => fixed,
        false => align::align_comments(&fixed, &touched),
    };
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
#[cfg(test)]
pub fn splice(text: &str, edits: &[Edit]) -> String {
    splice_marked(text, edits).0
}

/// [`splice`], and where in the result each edit's text starts and ends.
fn splice_marked(text: &str, edits: &[Edit]) -> (String, Vec<usize>) {
    let mut edits: Vec<&Edit> = edits.iter().collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut touched = Vec::with_capacity(edits.len() * 2);
    let mut at = 0;
    for edit in edits {
        let span = edit.span.bytes();
        out.push_str(&text[at..span.start]);
        touched.push(out.len());
        out.push_str(&edit.text);
        touched.push(out.len());
        at = span.end;
    }
    out.push_str(&text[at..]);
    (out, touched)
}

fn is_comment(text: &str) -> bool {
    text.starts_with('#') || text.starts_with("//")
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
    let std::ops::Range { start, end } = edit.span.bytes();
    let line_start = super::line_start(text, start);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let before = &text[line_start..start];
    let after = &text[end..line_end];
    let blank = |s: &str| s.chars().all(|c| c == ' ' || c == '\t' || c == '\r');
    let file = edit.span.file;
    let with = |start: usize, end: usize, with: String| Edit {
        span: crate::value::Span::new(file, start..end),
        text: with.into(),
    };
    let next = (line_end + 1).min(text.len());
    if edit.text.is_empty() && start < end {
        if blank(before) && blank(after) {
            // The whole line, its line break with it; the runs around it line up again.
            let indent = align::indentation(before);
            return align::realign(text, file, line_start..next, None, indent)
                .unwrap_or_else(|| with(line_start, next, String::new()));
        }
        if blank(before) && is_comment(after.trim_start()) {
            // An argument with a comment after it: the comment stays, on its own line.
            let line = format!("{before}{}", &text[end..next].trim_start());
            let indent = align::indentation(before);
            return align::realign(text, file, line_start..next, Some(&line), indent)
                .unwrap_or_else(|| with(line_start, next, line));
        }
        if blank(after) {
            // A trailing comment: the blank before it goes too.
            let trimmed = before.trim_end_matches([' ', '\t']).len();
            return with(line_start + trimmed, end, String::new());
        }
        return edit.clone();
    }
    // An edit inside one argument line (a renamed or rewritten argument): its run lines up
    // again.
    let line = format!("{before}{}{}", edit.text, &text[end..next]);
    // Past the `=`, nothing moves.
    let eq = align::eq_column(&text[line_start..next]).map(|c| line_start + before.len() + c);
    if eq.is_some_and(|eq| start > eq) {
        return edit.clone();
    }
    let one_line = !text[start..end].contains('\n') && !edit.text.contains('\n');
    if one_line
        && align::eq_column(&line).is_some()
        && align::eq_column(&text[line_start..next]).is_some()
    {
        let indent = align::indentation(before);
        return align::realign(text, file, line_start..next, Some(&line), indent)
            .unwrap_or_else(|| edit.clone());
    }
    // A whole line inserted at a line's start (a suppression comment): the runs it splits line
    // up again on each side.
    if start == end && start == line_start && edit.text.ends_with('\n') {
        let body = &edit.text[..edit.text.len() - 1];
        if !body.contains('\n') && align::eq_column(body).is_none() {
            let indent = align::indentation(&text[line_start..next]);
            if let Some(aligned) =
                align::realign(text, file, line_start..line_start, Some(&edit.text), indent)
            {
                return aligned;
            }
        }
    }
    if start == end && blank(before) {
        if let Some((line, indent)) = edit.text.rsplit_once('\n') {
            if blank(indent) && !line.contains('\n') && align::eq_column(line).is_some() {
                let line = format!("{before}{line}\n");
                if let Some(aligned) =
                    align::realign(text, file, line_start..line_start, Some(&line), before)
                {
                    return aligned;
                }
            }
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
            let indent = align::indentation(&text[line_start..]);
            let end = line_end - usize::from(text[..line_end].ends_with('\r'));
            return with(end, end, format!("\n{indent}{},", &edit.text[2..]));
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
            text: with.to_string().into(),
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
    fn a_renamed_key_lines_up_its_run() {
        let text = "  callback_url   = []\n  name           = 1\n";
        assert_eq!(
            edit(text, "callback_url", "callback_urls"),
            "  callback_urls = []\n  name          = 1\n"
        );
    }

    #[test]
    fn an_inserted_argument_lines_up() {
        let text = "  name  = 1\n  other = 2\n";
        let at = text.find("name").unwrap();
        let e = Edit {
            span: Span::new(0, at..at),
            text: "ab = true\n  ".into(),
        };
        assert_eq!(
            splice(text, &[tidy(text, &e)]),
            "  ab    = true\n  name  = 1\n  other = 2\n"
        );
        let e = Edit {
            text: "long_name = true\n  ".into(),
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
