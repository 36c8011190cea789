//! Alignment as `terraform fmt` writes it: in a run of one-line arguments at the same
//! indentation, every `=` sits one column past the longest name. A line added, removed or
//! renamed inside a run rewrites the run's padding, so that a file that was fmt-clean stays so.
//! A line that opens a multi-line value, a blank line or a comment ends a run, as for fmt.

use crate::finding::Edit;
use crate::value::{FileId, Span};

/// The spaces and tabs that start `line`.
pub fn indentation(line: &str) -> &str {
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// Where `=` sits in a one-line argument (`  name   = value`), from the name's start.
pub fn eq_column(line: &str) -> Option<usize> {
    let body = line.trim_start_matches([' ', '\t']);
    let at = body.find('=')?;
    let key = body[..at].trim_end();
    let is_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let opens = body.trim_end().ends_with(['[', '{', '(']);
    (is_key && !body[at..].starts_with("==") && !opens).then_some(at)
}

/// The line that starts at `start`, its line break included.
fn line_at(text: &str, start: usize) -> &str {
    let end = text[start..]
        .find('\n')
        .map_or(text.len(), |i| start + i + 1);
    &text[start..end]
}

/// `region` (whole lines) replaced by `new_line` (a whole line, or nothing), with the runs of
/// arguments above and below it (at `indent`) lined up again, as one edit. `None` when no
/// argument line is left to line up.
pub fn realign(
    text: &str,
    file: FileId,
    region: std::ops::Range<usize>,
    new_line: Option<&str>,
    indent: &str,
) -> Option<Edit> {
    let in_run = |line: &str| indentation(line) == indent && eq_column(line).is_some();
    // A byte order mark is not part of the first line.
    let floor = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut first = region.start;
    while first > floor {
        let previous = text[..first - 1].rfind('\n').map_or(floor, |i| i + 1);
        if !in_run(line_at(text, previous)) {
            break;
        }
        first = previous;
    }
    let mut last = region.end;
    while last < text.len() && in_run(line_at(text, last)) {
        last += line_at(text, last).len();
    }
    let mut lines: Vec<&str> = Vec::new();
    let mut at = first;
    while at < region.start {
        lines.push(line_at(text, at));
        at += line_at(text, at).len();
    }
    lines.extend(new_line);
    let mut at = region.end;
    while at < last {
        lines.push(line_at(text, at));
        at += line_at(text, at).len();
    }
    if !lines.iter().any(|line| eq_column(line).is_some()) {
        return None;
    }
    // Each stretch of argument lines is a run; any other line is kept and ends one.
    let mut out = String::new();
    for run in lines.chunk_by(|a, b| eq_column(a).is_some() == eq_column(b).is_some()) {
        if eq_column(run[0]).is_none() {
            run.iter().for_each(|line| out.push_str(line));
            continue;
        }
        let cells: Vec<(&str, &str)> = run
            .iter()
            .filter_map(|line| {
                let body = &line[indentation(line).len()..];
                let eq = eq_column(line)?;
                Some((body[..eq].trim_end(), &body[eq..]))
            })
            .collect();
        let column = cells.iter().map(|(key, _)| key.len()).max().unwrap_or(0) + 1;
        for (key, rest) in cells {
            out.push_str(indent);
            out.push_str(key);
            out.push_str(&" ".repeat(column - key.len()));
            out.push_str(rest);
        }
    }
    Some(Edit {
        span: Span::new(file, first..last),
        text: out.into(),
    })
}

/// `text` with the trailing comments of the lines around `touched` (offsets) lined up as
/// `terraform fmt` does: in a stretch of lines that each end with a comment, the comments
/// start one column past the longest code.
pub fn align_comments(text: &str, touched: &[usize]) -> String {
    let mut starts: Vec<usize> = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset) - 1;
    // The trailing comment of each line, by line.
    let mut trailing: std::collections::BTreeMap<usize, usize> = Default::default();
    for c in crate::comments::comments(text) {
        if c.trailing && !text[c.span.clone()].starts_with("/*") {
            trailing.insert(line_of(c.span.start), c.span.start);
        }
    }
    let mut lines: Vec<usize> = touched
        .iter()
        .flat_map(|&t| {
            let l = line_of(t.min(text.len()));
            [l.saturating_sub(1), l, l + 1]
        })
        .filter(|l| trailing.contains_key(l))
        .collect();
    lines.sort_unstable();
    lines.dedup();
    let mut edits: Vec<(usize, usize, usize)> = Vec::new(); // (code end, comment start, column)
    let mut done = std::collections::HashSet::new();
    for l in lines {
        if done.contains(&l) {
            continue;
        }
        let (mut first, mut last) = (l, l);
        while first > 0 && trailing.contains_key(&(first - 1)) {
            first -= 1;
        }
        while trailing.contains_key(&(last + 1)) {
            last += 1;
        }
        let code = |line: usize| {
            let comment = trailing[&line];
            let code_end = starts[line] + text[starts[line]..comment].trim_end().len();
            (
                code_end,
                comment,
                text[starts[line]..code_end].chars().count(),
            )
        };
        let column = (first..=last).map(|line| code(line).2).max().unwrap_or(0) + 1;
        for line in first..=last {
            done.insert(line);
            let (code_end, comment, width) = code(line);
            edits.push((code_end, comment, column - width));
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (code_end, comment, pad) in edits {
        out.push_str(&text[at..code_end]);
        out.push_str(&" ".repeat(pad));
        at = comment;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, e: Edit) -> String {
        let span = e.span.bytes();
        format!("{}{}{}", &text[..span.start], e.text, &text[span.end..])
    }

    #[test]
    fn trailing_comments_line_up_again() {
        let text = "[\n  \"a_longer_one\", # x\n  \"b\", # y\n  \"c\",\n]\n";
        let at = text.find("\"a").unwrap();
        assert_eq!(
            align_comments(text, &[at]),
            "[\n  \"a_longer_one\", # x\n  \"b\",            # y\n  \"c\",\n]\n"
        );
    }

    #[test]
    fn runs_line_up_again() {
        let text = "  a   = 1\n  bbb = 2\n  c = [\n  ]\n";
        // The longest name goes: the run closes up.
        let region = 10..20;
        let e = realign(text, 0, region, None, "  ").unwrap();
        assert_eq!(apply(text, e), "  a = 1\n  c = [\n  ]\n");
        // A longer one comes: the run opens up.
        let e = realign(text, 0, 10..10, Some("  longer = 3\n"), "  ").unwrap();
        assert_eq!(
            apply(text, e),
            "  a      = 1\n  longer = 3\n  bbb    = 2\n  c = [\n  ]\n"
        );
    }
}
