//! `--add-suppressions` (ruff's `--add-noqa`): a `# cognito-lint:ignore CODE` comment alone on
//! the line above every finding left, so that a repository adopts the linter in one commit and
//! new findings still fail. One comment per line, naming each code of that line once, indented
//! as the line. A `.tf.json` file has no comments: its findings are left as they are (and the
//! run says how many), since a `"//"` key would cover its whole object.

use crate::finding::{Edit, Finding};
use crate::report::Report;
use crate::rules::{INTERNAL_ERROR, SYNTAX_ERROR, UNUSED_BASELINE_ENTRY};
use crate::source::SourceFile;
use crate::value::{FileId, Span};
use std::collections::BTreeMap;

/// The texts with the comments inserted, and how many comments.
#[derive(Debug, Default)]
pub struct Added {
    pub files: Vec<(FileId, String)>,
    pub count: usize,
}

/// Comments cannot suppress these: a syntax error (the file does not parse), the comment rules
/// themselves, a baseline entry, an internal error.
fn suppressible(f: &Finding) -> bool {
    !f.is_note()
        && ![
            SYNTAX_ERROR.code,
            INTERNAL_ERROR.code,
            UNUSED_BASELINE_ENTRY.code,
            crate::rules::UNUSED_SUPPRESSION.code,
            crate::rules::SUPPRESSION_WITHOUT_REASON.code,
        ]
        .contains(&f.code())
}

pub fn insert(report: &Report, notes: &mut Vec<String>) -> Added {
    // File → line start → codes.
    let mut lines: BTreeMap<FileId, BTreeMap<usize, Vec<&str>>> = BTreeMap::new();
    let mut in_json = 0;
    // A file read twice (a module the run lints that a root also calls) takes the comments of
    // both readings: suppressions are matched by file, whichever reading found the finding.
    let linted: std::collections::HashMap<&std::path::Path, &SourceFile> = report
        .sources
        .iter()
        .filter(|s| s.reported && s.path.as_os_str() != crate::discover::STDIN_NAME)
        .map(|s| (s.path.as_path(), &**s))
        .collect();
    for f in report.findings.iter().filter(|f| suppressible(f)) {
        let found = report.source(f.diag.span.file);
        let Some(source) = linted
            .get(found.path.as_path())
            .filter(|s| s.text == found.text)
        else {
            continue;
        };
        if crate::discover::is_json_config(&source.path) {
            in_json += 1;
            continue;
        }
        let text = &source.text;
        let at = f.diag.span.bytes().start.min(text.len());
        let line_start = super::line_start(text, at);
        let codes = lines
            .entry(source.id)
            .or_default()
            .entry(line_start)
            .or_default();
        if !codes.contains(&f.code()) {
            codes.push(f.code());
        }
    }
    if in_json > 0 {
        notes.push(format!(
            "{in_json} finding{} in .tf.json files left without a suppression: JSON has no comments (add a `\"//\": \"cognito-lint:ignore CODE\"` key to the object, or use --write-baseline)",
            if in_json == 1 { "" } else { "s" }
        ));
    }
    let mut added = Added::default();
    for (id, by_line) in lines {
        let source = report.source(id);
        // One at a time from the end, each found again by its line: lining up the runs around a
        // comment rewrites the lines above it (their padding, not their number). One that
        // would break the file is left out.
        let mut text = source.text.clone();
        let mut count = 0;
        for (&start, codes) in by_line.iter().rev() {
            let line = source.text[..start].matches('\n').count();
            let start = nth_line_start(&text, line);
            let indent: String = text[start..]
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect();
            let edit = Edit {
                span: Span::point(id, start),
                text: format!("{indent}# cognito-lint:ignore {}\n", codes.join(", ")).into(),
            };
            let current = SourceFile::new(id, source.path.clone(), String::new(), text.clone());
            match super::apply::apply_edits(&current, std::slice::from_ref(&edit)) {
                Ok(fixed) => {
                    text = fixed;
                    count += 1;
                }
                Err(problem) => notes.push(format!(
                    "{}:{}: no suppression comment added: {problem}",
                    source.display,
                    line + 1
                )),
            }
        }
        if count > 0 {
            added.count += count;
            added.files.push((id, text));
        }
    }
    added
}

/// Where the 0-based line `line` of `text` starts (after a byte order mark on the first).
fn nth_line_start(text: &str, line: usize) -> usize {
    match line {
        0 => super::line_start(text, text.len().min('\u{feff}'.len_utf8())),
        n => text
            .match_indices('\n')
            .nth(n - 1)
            .map_or(text.len(), |(i, _)| i + 1),
    }
}
