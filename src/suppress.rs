//! Inline suppressions: `# cognito-lint:ignore CODE[, CODE...] reason` and
//! `# cognito-lint:ignore-file CODE reason` (`//` and `/* */` work too; codes or names; `all`).
//!
//! A pass over a finished [`Report`]: findings a comment covers move to `report.suppressed`;
//! comments that cover nothing become COG900, and with `require_reason` comments without a
//! reason become COG901.
//!
//! Where a comment applies: its *target line* is its own line when it trails code, or the next
//! line that is not a comment when it stands alone (comments may be stacked; a block comment
//! alone on its lines stands for all of them, and one followed by code on its last line has
//! that line as target). It covers the
//! findings whose primary span starts on the target line and, when the target line opens a
//! resource block, every finding of that block. `ignore-file` covers the whole file.
//!
//! In a file that does not parse, only comments before the syntax error are read: past it, what
//! is a string and what is a comment is not known. Their COG900 is not reported there either,
//! since the file's other findings are unknown.

use crate::comments::{comments as find_comments, Comment};
use crate::finding::{Diag, Finding};
use crate::report::Report;
use crate::rules::{
    all_meta, find_meta, suggest, RuleMeta, RuleSelection, SUPPRESSION_WITHOUT_REASON,
    SYNTAX_ERROR, UNUSED_BASELINE_ENTRY, UNUSED_SUPPRESSION,
};
use crate::source::{self, SourceFile};
use crate::value::{FileId, Span};
use std::collections::{BTreeSet, HashMap};

const MARKER: &str = "cognito-lint:";

/// What a comment's codes name.
#[derive(Debug, Clone, Copy)]
enum Target {
    All,
    Rule(&'static RuleMeta),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    File,
    /// The 1-based line the comment applies to.
    Line(usize),
    /// The byte range it applies to: the JSON object a `"//"` key sits in.
    Range(usize, usize),
}

#[derive(Debug)]
struct Directive {
    span: Span,
    scope: Scope,
    targets: Vec<Target>,
    has_reason: bool,
    used: bool,
}

impl Directive {
    fn names(&self, code: &str) -> bool {
        self.targets.iter().any(|t| match t {
            Target::All => true,
            Target::Rule(meta) => meta.code == code,
        })
    }

    fn covers(&self, finding: &Finding, line: usize, block_line: Option<usize>) -> bool {
        let placed = match self.scope {
            Scope::File => true,
            Scope::Line(target) => target == line || Some(target) == block_line,
            Scope::Range(start, end) => (start..end).contains(&finding.diag.span.bytes().start),
        };
        placed && self.names(finding.code())
    }
}

/// The suppression comments of one file, and the problems found in them (COG900).
struct FileDirectives {
    directives: Vec<Directive>,
    problems: Vec<Diag>,
    /// The file does not parse (or could not be read), so no unused-suppression is reported.
    broken: bool,
}

impl FileDirectives {
    /// The directives that may cover a finding on `line` in a block opened on `block_line`:
    /// those of that line or that block's line, and those not tied to a line. Indexed by line
    /// so that a file with many comments and many findings is not checked pair by pair.
    fn candidates(
        &self,
        by_line: &HashMap<usize, Vec<usize>>,
        unplaced: &[usize],
        line: usize,
        block_line: Option<usize>,
    ) -> Vec<usize> {
        let mut found: Vec<usize> = unplaced.to_vec();
        found.extend(by_line.get(&line).into_iter().flatten());
        if let Some(block) = block_line.filter(|b| *b != line) {
            found.extend(by_line.get(&block).into_iter().flatten());
        }
        found
    }

    /// Directives by the line they apply to, and the others (file and JSON-object scopes).
    fn index(&self) -> (HashMap<usize, Vec<usize>>, Vec<usize>) {
        let mut by_line: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut unplaced = Vec::new();
        for (i, directive) in self.directives.iter().enumerate() {
            match directive.scope {
                Scope::Line(line) => by_line.entry(line).or_default().push(i),
                Scope::File | Scope::Range(..) => unplaced.push(i),
            }
        }
        (by_line, unplaced)
    }
}

/// Whether a text may hold a suppression comment.
pub fn has_directives(text: &str) -> bool {
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(MARKER));
    FINDER.find(text.as_bytes()).is_some()
}

/// Moves the findings that comments cover to `report.suppressed`, then adds COG900 and COG901.
/// A file read more than once (a module that a root calls and that is also linted on its own)
/// has one set of comments: a comment is used if it covers a finding in any of its readings.
/// Expects sorted findings; leaves new findings for the caller to sort.
pub fn apply(report: &mut Report) {
    let mut per_file = Vec::new();
    let mut by_path: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for file in report.sources.iter().filter(|f| f.reported) {
        if !has_directives(&file.text) || by_path.contains_key(file.display.as_str()) {
            continue;
        }
        by_path.insert(file.display.as_str(), per_file.len());
        let read_error = report
            .findings
            .iter()
            .filter(|f| f.code() == SYNTAX_ERROR.code && f.diag.span.file == file.id)
            .map(|f| f.diag.span.bytes().start)
            .min();
        let directives = read_directives(file, read_error);
        let index = directives.index();
        per_file.push((file.id, directives, index));
    }
    if per_file.is_empty() {
        return;
    }
    let by_path: std::collections::HashMap<String, usize> = by_path
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    let findings = std::mem::take(&mut report.findings);
    for finding in findings {
        let file = finding.diag.span.file;
        let source = report.source(file);
        // A note says what the linter could not see: no comment hides it, and none is used
        // by it (the unused-suppression findings stay what they are without the notes).
        if finding.is_note() {
            report.findings.push(finding);
            continue;
        }
        let Some(&index) = by_path.get(source.display.as_str()) else {
            report.findings.push(finding);
            continue;
        };
        let (_, scanned, (by_line, unplaced)) = &mut per_file[index];
        let line = source.line_col(finding.diag.span.start as usize).0;
        let block_line = finding.block().map(|b| source.line_col(b.start as usize).0);
        let mut covered = false;
        for i in scanned.candidates(by_line, unplaced, line, block_line) {
            let directive = &mut scanned.directives[i];
            if directive.covers(&finding, line, block_line) {
                directive.used = true;
                covered = true;
            }
        }
        if covered {
            report.suppressed.push(finding);
        } else {
            report.findings.push(finding);
        }
    }
    // Each file's comments are judged with the rules of the module it was checked in.
    let settings = report.settings.clone();
    let no_settings = RuleSelection::default();
    let selection_of = |id: FileId| {
        settings
            .get((id >> 24) as usize)
            .or(settings.first())
            .map_or(&no_settings, |s| &s.rules)
    };
    for (id, scanned, _) in per_file {
        let selection = selection_of(id);
        let rule_finding = |meta: &'static RuleMeta, diag: Diag| Finding {
            rule: meta,
            severity: selection.severity_of(meta.code, meta.severity),
            at: None,
            diag,
            instances: thin_vec::ThinVec::new(),
            fingerprint: None,
        };
        let unused_enabled = selection.is_enabled(UNUSED_SUPPRESSION.code, UNUSED_SUPPRESSION.name);
        let reason_enabled = selection.require_reason
            && selection.is_enabled(
                SUPPRESSION_WITHOUT_REASON.code,
                SUPPRESSION_WITHOUT_REASON.name,
            );
        if unused_enabled {
            for diag in scanned.problems {
                report
                    .findings
                    .push(Box::new(rule_finding(&UNUSED_SUPPRESSION, diag)));
            }
        }
        let source = report.source(id);
        let json = crate::discover::is_json_config(&source.path).then(|| source.text.clone());
        for directive in &scanned.directives {
            if unused_enabled
                && !directive.used
                && !scanned.broken
                && all_enabled(directive, selection)
            {
                let diag = unused(directive, json.as_deref());
                report
                    .findings
                    .push(Box::new(rule_finding(&UNUSED_SUPPRESSION, diag)));
            }
            if reason_enabled && !directive.has_reason {
                let diag = Diag::new(directive.span, "suppression gives no reason").help(
                    "say why after the codes: `# cognito-lint:ignore COG203 legacy SPA, JIRA-123`",
                );
                report
                    .findings
                    .push(Box::new(rule_finding(&SUPPRESSION_WITHOUT_REASON, diag)));
            }
        }
    }
}

/// Whether every rule the comment names runs: a comment about a rule that is turned off may
/// well be needed when it is turned on again.
fn all_enabled(directive: &Directive, selection: &RuleSelection) -> bool {
    let enabled = |meta: &RuleMeta| selection.is_enabled(meta.code, meta.name);
    !directive.targets.is_empty()
        && directive.targets.iter().all(|t| match t {
            Target::Rule(meta) => enabled(meta),
            Target::All => all_meta()
                .into_iter()
                .filter(|m| !is_comment_rule(m.code) && m.code != UNUSED_BASELINE_ENTRY.code)
                .all(enabled),
        })
}

fn is_comment_rule(code: &str) -> bool {
    code == UNUSED_SUPPRESSION.code || code == SUPPRESSION_WITHOUT_REASON.code
}

/// COG900's finding, with the comment's removal as its fix (`json`: the text of a `.tf.json`
/// file, whose `"//"` property goes whole).
fn unused(directive: &Directive, json: Option<&str>) -> Diag {
    let names: Vec<&str> = directive
        .targets
        .iter()
        .map(|t| match t {
            Target::All => "all rules",
            Target::Rule(meta) => meta.code,
        })
        .collect();
    let (message, help) = match directive.scope {
        Scope::File => (
            format!(
                "suppression of {} matches no finding in this file",
                names.join(", ")
            ),
            "remove the comment, or fix the codes it names",
        ),
        Scope::Line(_) => (
            format!("suppression of {} matches no finding", names.join(", ")),
            "remove the comment, or move it onto the finding's line, alone on the line above it, or \
             alone above the block",
        ),
        Scope::Range(..) => (
            format!("suppression of {} matches no finding in this object", names.join(", ")),
            "remove the `\"//\"` key, or move it into the object that holds the finding",
        ),
    };
    // A comment that suppresses nothing changes nothing when it goes.
    crate::fix::removal(Diag::new(directive.span, message).help(help), json)
}

fn read_directives(file: &SourceFile, read_error: Option<usize>) -> FileDirectives {
    if crate::discover::is_json_config(&file.path) {
        return read_json_directives(file);
    }
    let parse_error = source::parse_hcl(file).err().map(|e| e.span.bytes().start);
    let error = read_error.into_iter().chain(parse_error).min();
    let comments: Vec<Comment> = find_comments(&file.text)
        .into_iter()
        .filter(|c| error.is_none_or(|e| c.span.start < e))
        .collect();
    let lines = |c: &Comment| {
        let last = c.span.end.saturating_sub(1).max(c.span.start);
        (file.line_col(c.span.start).0, file.line_col(last).0)
    };
    let alone_lines: BTreeSet<usize> = comments
        .iter()
        .filter(|c| c.alone)
        .flat_map(|c| {
            let (first, last) = lines(c);
            first..=last
        })
        .collect();
    // The line a comment alone on its line applies to: the first line after its stack of such
    // comments, found for every stack in one pass from the bottom.
    let mut target_of: HashMap<usize, usize> = HashMap::with_capacity(alone_lines.len());
    for &line in alone_lines.iter().rev() {
        let next = line + 1;
        let target = target_of.get(&next).copied().unwrap_or(next);
        target_of.insert(line, target);
    }
    let mut out = FileDirectives {
        directives: Vec::new(),
        problems: Vec::new(),
        broken: error.is_some(),
    };
    for comment in &comments {
        let body = &file.text[comment.body..comment.body_end];
        let trimmed = body.trim_start();
        let Some(rest) = trimmed.strip_prefix(MARKER) else {
            continue;
        };
        let span = if comment.body_end < comment.span.end {
            // A block comment: all of it, `*/` included.
            Span::new(file.id, comment.span.clone())
        } else {
            Span::new(
                file.id,
                comment.span.start..comment.body + body.trim_end().len(),
            )
        };
        let rest_offset = comment.body + (body.len() - rest.len());
        let (line, last_line) = lines(comment);
        let target = if comment.alone {
            target_of.get(&line).copied().unwrap_or(last_line + 1)
        } else if comment.trailing {
            line
        } else {
            // `/* ... */ resource "..." {`: the code after it.
            last_line
        };
        let end = comment.body_end;
        directive(
            &mut out,
            file.id,
            &file.text[rest_offset..end],
            rest_offset,
            span,
            Scope::Line(target),
        );
    }
    out
}

/// A `.tf.json` file's suppressions: `"//"` keys whose text is a directive; `ignore` covers the
/// object the key sits in.
fn read_json_directives(file: &SourceFile) -> FileDirectives {
    use jsonc_parser::ast::{ObjectPropName, Value as J};
    let mut out = FileDirectives {
        directives: Vec::new(),
        problems: Vec::new(),
        broken: false,
    };
    let Ok(Some(root)) = crate::json::parse(&file.text) else {
        out.broken = true;
        return out;
    };
    // Each value with the start of the property that holds it: a suppression in an object
    // covers the object's key too (where a finding about something missing points).
    let mut stack = vec![(&root, None)];
    while let Some((value, owner_start)) = stack.pop() {
        match value {
            J::Object(object) => {
                let start = owner_start.unwrap_or(object.range.start);
                for prop in &object.properties {
                    let is_comment =
                        matches!(&prop.name, ObjectPropName::String(s) if s.value == "//");
                    match (&prop.value, is_comment) {
                        (J::StringLit(s), true) => {
                            let text = s.value.trim_start();
                            let Some(rest) = text.strip_prefix(MARKER) else {
                                continue;
                            };
                            // Offsets inside the string are exact when it has no escapes.
                            let rest_offset = s.range.start + 1 + (s.value.len() - rest.len());
                            let span = Span::new(file.id, s.range.start..s.range.end);
                            let scope = Scope::Range(start, object.range.end);
                            directive(&mut out, file.id, rest, rest_offset, span, scope);
                        }
                        (inner, _) => stack.push((inner, Some(prop.range.start))),
                    }
                }
            }
            J::Array(array) => stack.extend(array.elements.iter().map(|e| (e, owner_start))),
            _ => {}
        }
    }
    out
}

/// One directive, from the text after `cognito-lint:` (`ignore COG203 reason`). `rest_offset`
/// is where that text starts in the file; `ignore` applies to `ignore_scope`.
fn directive(
    out: &mut FileDirectives,
    file: crate::value::FileId,
    rest: &str,
    rest_offset: usize,
    span: Span,
    ignore_scope: Scope,
) {
    let word_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let scope = match &rest[..word_len] {
        "ignore" => ignore_scope,
        "ignore-file" => Scope::File,
        other => {
            out.problems.push(
                Diag::new(span, format!("unknown suppression directive `{MARKER}{other}`"))
                    .help("write `cognito-lint:ignore CODE reason`, or `cognito-lint:ignore-file CODE reason` for the whole file"),
            );
            return;
        }
    };
    let list_start = rest_offset + word_len;
    let (tokens, reason) = split_codes(&rest[word_len..]);
    if tokens.is_empty() {
        out.problems.push(Diag::new(span, "suppression names no rule").help(
            "name codes or rule names, comma-separated, or `all`: `# cognito-lint:ignore COG203 reason`",
        ));
        return;
    }
    let mut targets = Vec::new();
    let ranges: Vec<std::ops::Range<usize>> = tokens.iter().map(|(r, _)| r.clone()).collect();
    for (i, (range, token)) in tokens.into_iter().enumerate() {
        if token.eq_ignore_ascii_case("all") {
            targets.push(Target::All);
        } else if let Some(meta) = find_meta(token).filter(|m| !is_comment_rule(m.code)) {
            targets.push(Target::Rule(meta));
        } else {
            let token_span = Span::new(file, list_start + range.start..list_start + range.end);
            let json = matches!(ignore_scope, Scope::Range(..));
            let removal = crate::fix::token_removal(&ranges, i, list_start, file, span, json);
            out.problems.push(crate::fix::removing(
                unknown_rule(token_span, token),
                removal,
            ));
        }
    }
    if !targets.is_empty() {
        out.directives.push(Directive {
            span,
            scope,
            targets,
            has_reason: !reason.trim().is_empty(),
            used: false,
        });
    }
}

fn unknown_rule(span: Span, token: &str) -> Diag {
    let diag = Diag::new(span, format!("unknown rule `{token}` in suppression"));
    if is_comment_rule(&token.to_ascii_uppercase())
        || [UNUSED_SUPPRESSION.name, SUPPRESSION_WITHOUT_REASON.name].contains(&token)
    {
        return diag.help("comments cannot suppress COG900 or COG901; turn them off with `--ignore` or in `.cognito-lint.hcl`");
    }
    let metas = all_meta();
    let candidates = metas.iter().flat_map(|m| [m.code, m.name]);
    match suggest::closest(token, candidates) {
        Some(near) => diag.help(format!("did you mean `{near}`?")),
        None => diag.help("`cognito-lint rules` lists every code and name"),
    }
}

/// `COG203, implicit-grant reason...` → the code tokens with their ranges, and the reason. Codes
/// are separated by commas (spaces around them allowed); the first word not after a comma starts
/// the reason.
fn split_codes(text: &str) -> (Vec<(std::ops::Range<usize>, &str)>, &str) {
    let mut tokens = Vec::new();
    let mut i = text.len() - text.trim_start().len();
    loop {
        let rest = &text[i..];
        let len = rest
            .find(|c: char| c.is_whitespace() || c == ',')
            .unwrap_or(rest.len());
        if len == 0 {
            break;
        }
        tokens.push((i..i + len, &rest[..len]));
        i += len;
        let after = &text[i..];
        let spaces = after.len() - after.trim_start().len();
        if after.trim_start().starts_with(',') {
            let after_comma = &after.trim_start()[1..];
            i += spaces + 1 + (after_comma.len() - after_comma.trim_start().len());
        } else {
            break;
        }
    }
    (tokens, &text[i..])
}

#[cfg(test)]
mod tests {
    use super::split_codes;

    #[test]
    fn codes_then_reason() {
        let (tokens, reason) = split_codes(" COG203, implicit-grant ,COG204 legacy SPA, JIRA-1");
        let names: Vec<&str> = tokens.iter().map(|(_, t)| *t).collect();
        assert_eq!(names, ["COG203", "implicit-grant", "COG204"]);
        assert_eq!(reason.trim(), "legacy SPA, JIRA-1");
        let (tokens, reason) = split_codes(" all");
        assert_eq!(tokens.len(), 1);
        assert_eq!(reason, "");
        assert!(split_codes("   ").0.is_empty());
    }
}
