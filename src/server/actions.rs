//! Code actions: each finding's fix, suppression comments (for its line, for its block), and
//! `source.fixAll.cognito-lint` with every fix of the file at once. Only edits are returned:
//! the client applies them, the server never writes a file.

use super::diagnostics::Published;
use super::documents::Document;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Position, Range, TextEdit,
    Uri, WorkspaceEdit,
};
use std::collections::HashMap;

/// The kind of the fix-everything action, as editors ask for it on save.
pub const FIX_ALL: &str = "source.fixAll.cognito-lint";

/// Codes that no comment can suppress (they are about the comments themselves, or about what
/// the linter could not see).
const UNSUPPRESSIBLE: [&str; 3] = ["COG900", "COG901", "COG904"];

pub fn code_actions(
    params: &CodeActionParams,
    document: &Document,
    published: &[Published],
) -> Vec<CodeActionOrCommand> {
    let only = params.context.only.as_deref();
    let wanted = |kind: &CodeActionKind| {
        only.is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            })
        })
    };
    let uri = &document.uri;
    let mut actions = Vec::new();
    if wanted(&CodeActionKind::QUICKFIX) {
        for item in published
            .iter()
            .filter(|p| overlaps(p.diagnostic.range, params.range))
        {
            if let Some(fix) = &item.fix {
                actions.push(action(
                    &fix.title,
                    CodeActionKind::QUICKFIX,
                    item,
                    uri,
                    fix.edits.clone(),
                    true,
                ));
            }
            let suppressions = [
                ("on this line", suppress_line(document, item)),
                ("for this block", suppress_block(document, item)),
            ];
            for (place, edit) in suppressions {
                if let Some(edit) = edit {
                    let title = format!("Suppress {} {place}", item.code);
                    actions.push(action(
                        &title,
                        CodeActionKind::QUICKFIX,
                        item,
                        uri,
                        vec![edit],
                        false,
                    ));
                }
            }
        }
    }
    let fix_all = CodeActionKind::new(FIX_ALL);
    // Asked for by kind only: offered on every cursor move it would be noise.
    if only.is_some() && wanted(&fix_all) {
        let edits = fix_all_edits(published);
        if !edits.is_empty() {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: "Fix all cognito-lint findings".to_string(),
                kind: Some(fix_all),
                edit: Some(workspace_edit(uri, edits)),
                ..CodeAction::default()
            }));
        }
    }
    actions
}

fn action(
    title: &str,
    kind: CodeActionKind,
    item: &Published,
    uri: &Uri,
    edits: Vec<TextEdit>,
    preferred: bool,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title: title.to_string(),
        kind: Some(kind),
        diagnostics: Some(vec![item.diagnostic.clone()]),
        edit: Some(workspace_edit(uri, edits)),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    })
}

fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// Every fix of the file, leaving out those that overlap one taken before (applying them
/// all at once must not garble the text; a second run picks up the rest).
fn fix_all_edits(published: &[Published]) -> Vec<TextEdit> {
    let mut taken: Vec<TextEdit> = Vec::new();
    // As `--fix`: the safe fixes only.
    for fix in published
        .iter()
        .filter_map(|p| p.fix.as_ref())
        .filter(|f| f.safe)
    {
        let clashes = fix
            .edits
            .iter()
            .any(|e| taken.iter().any(|t| touches(t.range, e.range)));
        if !clashes {
            taken.extend(fix.edits.iter().cloned());
        }
    }
    taken.sort_by_key(|e| (e.range.start.line, e.range.start.character));
    taken
}

/// `# cognito-lint:ignore CODE` alone on the line above the finding, indented as its line.
fn suppress_line(document: &Document, item: &Published) -> Option<TextEdit> {
    comment_above(document, item, item.line)
}

/// The same above the resource block the finding is in, when that is another line.
fn suppress_block(document: &Document, item: &Published) -> Option<TextEdit> {
    let block = item.block_line.filter(|b| *b != item.line)?;
    comment_above(document, item, block)
}

fn comment_above(document: &Document, item: &Published, line: u32) -> Option<TextEdit> {
    // JSON has no comments (its `"//"` keys are another edit), and COG900/COG901 are about
    // comments themselves.
    let path = document.uri.as_str();
    if path.ends_with(".json") || UNSUPPRESSIBLE.contains(&item.code) {
        return None;
    }
    let text = document.text.lines().nth(line as usize).unwrap_or_default();
    let indent: String = text
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    Some(TextEdit {
        range: Range::new(Position::new(line, 0), Position::new(line, 0)),
        new_text: format!("{indent}# cognito-lint:ignore {}\n", item.code),
    })
}

/// Ranges that share at least a position (a diagnostic under the cursor, a selection).
fn overlaps(a: Range, b: Range) -> bool {
    !(before(a.end, b.start) || before(b.end, a.start))
}

/// Edits whose ranges overlap, or both insert at one place, cannot be applied together.
fn touches(a: Range, b: Range) -> bool {
    overlaps(a, b)
        && (a.start != a.end || b.start != b.end || a.start == b.start)
        && !(a.end == b.start && a.start != a.end)
        && !(b.end == a.start && b.start != b.end)
}

fn before(a: Position, b: Position) -> bool {
    (a.line, a.character) < (b.line, b.character)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(l1: u32, c1: u32, l2: u32, c2: u32) -> Range {
        Range::new(Position::new(l1, c1), Position::new(l2, c2))
    }

    #[test]
    fn ranges_that_meet_overlap_but_adjacent_edits_do_not_clash() {
        assert!(overlaps(r(1, 0, 1, 5), r(1, 5, 1, 5)));
        assert!(!overlaps(r(1, 0, 1, 5), r(2, 0, 2, 1)));
        assert!(!touches(r(1, 0, 1, 5), r(1, 5, 1, 8)));
        assert!(touches(r(1, 0, 1, 5), r(1, 4, 1, 8)));
        assert!(touches(r(1, 0, 1, 0), r(1, 0, 1, 0)));
    }
}
