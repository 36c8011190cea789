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
    ![
        SYNTAX_ERROR.code,
        INTERNAL_ERROR.code,
        UNUSED_BASELINE_ENTRY.code,
        crate::rules::UNUSED_SUPPRESSION.code,
        crate::rules::SUPPRESSION_WITHOUT_REASON.code,
    ]
    .contains(&f.code)
}

pub fn insert(report: &Report, notes: &mut Vec<String>) -> Added {
    // File → line start → codes.
    let mut lines: BTreeMap<FileId, BTreeMap<usize, Vec<&str>>> = BTreeMap::new();
    let mut in_json = 0;
    for f in report.findings.iter().filter(|f| suppressible(f)) {
        let source = report.source(f.diag.span.file);
        if !source.reported || source.path.as_os_str() == crate::discover::STDIN_NAME {
            continue;
        }
        if crate::discover::is_json_config(&source.path) {
            in_json += 1;
            continue;
        }
        let text = &source.text;
        let at = f.diag.span.start.min(text.len());
        let line_start = super::line_start(text, at);
        let codes = lines
            .entry(source.id)
            .or_default()
            .entry(line_start)
            .or_default();
        if !codes.contains(&f.code) {
            codes.push(f.code);
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
        let text = &source.text;
        let edits: Vec<Edit> = by_line
            .iter()
            .map(|(&start, codes)| {
                let indent: String = text[start..]
                    .chars()
                    .take_while(|c| *c == ' ' || *c == '\t')
                    .collect();
                Edit {
                    span: Span::point(id, start),
                    text: format!("{indent}# cognito-lint:ignore {}\n", codes.join(", ")),
                }
            })
            .collect();
        // One at a time from the end: each lines up the runs around it in the text so far, and
        // the offsets above it stay.
        let mut text = source.text.clone();
        let mut failed = None;
        for edit in edits.iter().rev() {
            let current = SourceFile::new(id, source.path.clone(), String::new(), text.clone());
            match super::apply::apply_edits(&current, std::slice::from_ref(edit)) {
                Ok(fixed) => text = fixed,
                Err(problem) => failed = Some(problem),
            }
        }
        match failed {
            None => {
                added.count += edits.len();
                added.files.push((id, text));
            }
            Some(problem) => notes.push(format!(
                "{}: suppression comments not added: {problem}",
                source.display
            )),
        }
    }
    added
}
