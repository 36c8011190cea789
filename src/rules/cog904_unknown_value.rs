//! COG904: with `--show-unknown`, a note for each client argument a rule needed but found
//! unknown, with why it is unknown and which rules could not check it. The reads are recorded
//! by the accessors (`extract/reads.rs`) while the rules run (`run.rs`); this file holds the
//! metadata and words the note.

use super::{declare_rule, RuleSelection};
use crate::extract::reads::UnknownRead;
use crate::extract::Resource;
use crate::finding::{Diag, Finding, ResourceAt, Severity};
use crate::value::{Cause, CauseKind, Span, NO_FILE};

declare_rule! {
    pub static UNKNOWN_VALUE: "COG904", "unknown-value", Info, Both,
    "with `--show-unknown`: a client argument that is not known before apply, why, and which rules could not check it"
}

/// Whether the run shows the notes: `--show-unknown`, and COG904 not turned off.
pub fn shows_unknowns(selection: &RuleSelection) -> bool {
    selection.show_unknown && selection.is_enabled(UNKNOWN_VALUE.code, UNKNOWN_VALUE.name)
}

/// The client's unknown arguments that rules read: each argument once, at its first unknown
/// read, with the codes of the rules that read it (in catalogue order). Reads of other
/// resources (the user pool a rule compares with) are not the client's gaps.
pub fn unknown_arguments(
    client: &Resource,
    reads: Vec<(&'static str, UnknownRead)>,
) -> Vec<(UnknownRead, Vec<&'static str>)> {
    let block = client.block_span;
    let own = |r: &UnknownRead| {
        r.key.file == block.file && block.start <= r.key.start && r.key.end <= block.end
    };
    let mut out: Vec<(UnknownRead, Vec<&'static str>)> = Vec::new();
    for (code, read) in reads.into_iter().filter(|(_, r)| own(r)) {
        match out.iter_mut().find(|(r, _)| r.key == read.key) {
            Some((_, codes)) => {
                if !codes.contains(&code) {
                    codes.push(code);
                }
            }
            None => out.push((read, vec![code])),
        }
    }
    out.sort_by_key(|(r, _)| (r.key.start, r.at.start));
    out
}

/// The note for one unknown argument of `client`.
pub fn note(client: &Resource, address: &str, read: &UnknownRead, codes: &[&str]) -> Finding {
    let argument = argument_name(client, read.key);
    let cause = read.reason.cause();
    let (why, remedy) =
        cause.map_or_else(|| ("it could not be computed".to_string(), None), describe);
    let rules = codes_text(codes);
    let mut help = format!("{rules} could not check `{argument}`");
    if let Some(remedy) = remedy {
        help = format!("{help}; {remedy}");
    }
    // The note points at the use; where the value became unknown gets a label of its own.
    let at = Span {
        origin: None,
        ..read.at
    };
    let mut diag =
        Diag::new(at, format!("`{argument}` is not known before apply: {why}")).help(help);
    if let Some(c) = cause.filter(|c| c.at.file != NO_FILE && c.at != at.range()) {
        diag = diag.label(c.at.into(), label_text(c.kind));
    }
    Finding {
        rule: &UNKNOWN_VALUE,
        severity: Severity::Info,
        at: ResourceAt::new(address.into(), Some(client.block_span.range())),
        instances: thin_vec::ThinVec::new(),
        fingerprint: None,
        diag,
    }
}

/// The argument written at `key`: `callback_urls`, or `token_validity_units.access_token` in a
/// nested block.
fn argument_name(client: &Resource, key: Span) -> String {
    let body = &client.body;
    if let Some(a) = body.attrs.iter().find(|a| a.key_span == key) {
        return a.name.clone();
    }
    for block in &body.blocks {
        if block.ident_span == key {
            return block.name.clone();
        }
        if let Ok(inner) = &block.body {
            if let Some(a) = inner.attrs.iter().find(|a| a.key_span == key) {
                return format!("{}.{}", block.name, a.name);
            }
        }
    }
    "the argument".to_string()
}

/// "COG101", "COG101 and COG108", "COG101, COG107 and COG108".
fn codes_text(codes: &[&str]) -> String {
    match codes {
        [] => "no rule".to_string(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Why the value is unknown, and what the user can do about it when anything.
fn describe(cause: &Cause) -> (String, Option<&'static str>) {
    let s = &cause.subject;
    match cause.kind {
        CauseKind::NoValue => (
            format!("`{s}` has no value"),
            Some("pass `--var-file` or `--var` with a value, or give the variable a default"),
        ),
        CauseKind::AfterApply if s.is_empty() => {
            ("the plan marks it known after apply".to_string(), None)
        }
        CauseKind::AfterApply => (
            format!("it comes from `{s}`, whose attributes are known after apply"),
            None,
        ),
        CauseKind::DataSource => (
            format!("it comes from `{s}`, read from the provider during plan"),
            Some("lint the plan (`terraform show -json`) to check the value Terraform reads"),
        ),
        CauseKind::ModuleOutput => (
            format!("it comes from `{s}`, a module's output, which the linter does not evaluate"),
            Some("lint the plan (`terraform show -json`) to check the value Terraform computes"),
        ),
        CauseKind::RunTime => (format!("`{s}` is set by Terraform when it runs"), None),
        CauseKind::Function => (
            format!("the linter does not evaluate the function `{s}`"),
            Some("lint the plan (`terraform show -json`) to check the value Terraform computes"),
        ),
        CauseKind::Impure => (format!("`{s}` changes at every run"), None),
        CauseKind::File => (format!("`{s}` was not read: {}", cause.detail), None),
        CauseKind::Budget => (format!("the evaluation stopped at {s} (COG903)"), None),
        CauseKind::Iteration => (format!("the block's `{s}` is not known"), None),
        CauseKind::Template => (
            format!(
                "the block's `{s}` gives no instance with the module's defaults, so it is \
                 checked once as a template, with `{}` not known",
                if s == "count" { "count.index" } else { "each" }
            ),
            Some("pass `--var-file` with values for the module's variables to check the instances"),
        ),
        CauseKind::Invalid if !s.is_empty() => (
            format!(
                "`{s}` could not be computed (past the linter's limits, or an error Terraform \
                 would report)"
            ),
            None,
        ),
        CauseKind::Invalid => (
            "it could not be computed (Terraform would likely reject the expression)".to_string(),
            None,
        ),
    }
}

fn label_text(kind: CauseKind) -> &'static str {
    match kind {
        CauseKind::NoValue => "no value",
        CauseKind::Template => "no instance with the defaults",
        CauseKind::Budget => "evaluation stopped here",
        _ => "not known from here",
    }
}
