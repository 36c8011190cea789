//! Running the selected rules on a module's clients, and turning what they return into
//! findings: code, name and severity from the rule's metadata, the resource address, and a
//! label where a value from elsewhere was set. Findings that every instance of a block shares
//! are reported once, for the block.

use super::cog904_unknown_value::{note, shows_unknowns, unknown_arguments};
use super::{AppliesTo, Ctx, Rule, RuleOptions, RuleSelection, RULES, SYNTAX_ERROR};
use crate::extract::reads::{self, recording};
use crate::extract::{ModuleView, Resource};
use crate::finding::{Diag, Finding, Label, ResourceAt, Severity};
use crate::guard;
use crate::schema::ClientKind;
use crate::source::SyntaxError;
use crate::value::{CauseKind, FileId};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// What the rules found in a module's clients.
#[derive(Debug, Default)]
pub struct Checked {
    pub findings: Vec<Finding>,
    /// Clients checked (instances).
    pub clients: usize,
    /// Clients of which a rule read an argument and found it unknown.
    pub with_unknowns: usize,
    /// The unknown arguments rules read, by cause (`CauseKind::as_str`, `"unrecorded"`).
    pub unknown_causes: BTreeMap<&'static str, usize>,
}

impl Checked {
    /// Adds what another module's check found.
    pub fn absorb(&mut self, other: Checked) {
        self.findings.extend(other.findings);
        self.clients += other.clients;
        self.with_unknowns += other.with_unknowns;
        for (cause, n) in other.unknown_causes {
            *self.unknown_causes.entry(cause).or_default() += n;
        }
    }
}

/// Runs the enabled rules on every client of the view. Findings of a block's instances that
/// are the same in every instance are reported once. With `--show-unknown`, the unknown
/// arguments rules read are notes (COG904) among the findings.
pub fn run_rules(
    view: &ModuleView,
    selection: &RuleSelection,
    prefix: &str,
    reported: &dyn Fn(FileId) -> bool,
) -> Checked {
    let notes = shows_unknowns(selection);
    let rules: Vec<(&dyn Rule, Severity)> = RULES
        .iter()
        .copied()
        .filter(|r| selection.is_enabled(r.meta().code, r.meta().name))
        .map(|r| (r, selection.severity_of(r.meta().code, r.meta().severity)))
        .collect();
    let no_options = RuleOptions::new();
    let clients: Vec<&Resource> = view.clients.iter().filter(|c| reported(c.file)).collect();
    // The modules already run in parallel: a module's clients are split up only when there
    // are enough of them to be worth a task each.
    let per_client: Vec<(Vec<Finding>, Vec<Option<CauseKind>>)> = clients
        .par_iter()
        .with_min_len(8)
        .map(|client| {
            let Some(kind) = client.client_kind() else {
                return Default::default();
            };
            let mut address = String::from(prefix);
            client.push_instance_address(&mut address);
            let address: std::sync::Arc<str> = address.into();
            let failed = |doing: String, panic: String| {
                let mut f = guard::internal_error(client.labels_span, &doing, &panic);
                f.at = ResourceAt::new(address.clone(), None);
                f
            };
            let at = ResourceAt::new(address.clone(), Some(client.block_span.range()));
            let mut findings = Vec::new();
            let mut reads = Vec::new();
            if let Err(panic) = guard::contain(|| guard::test_hook("rule", &client.name)) {
                findings.push(failed(format!("checking {address}"), panic));
            }
            // One recording for the client; each rule's reads are taken after it ran.
            let ((), _) = recording(|| {
                for &(rule, severity) in &rules {
                    let meta = rule.meta();
                    if meta.applies_to == AppliesTo::UserPoolClientOnly
                        && kind != ClientKind::UserPoolClient
                    {
                        continue;
                    }
                    let cx = Ctx {
                        client,
                        kind,
                        module: view,
                        options: selection.options.get(meta.code).unwrap_or(&no_options),
                    };
                    let checked = guard::contain(|| {
                        let mut diags = Vec::new();
                        rule.check(&cx, &mut diags);
                        diags
                    });
                    let read = reads::take();
                    let diags = match checked {
                        Ok(diags) => {
                            reads.extend(read.into_iter().map(|r| (meta.code, r)));
                            diags
                        }
                        Err(panic) => {
                            findings
                                .push(failed(format!("running {} on {address}", meta.code), panic));
                            continue;
                        }
                    };
                    findings.extend(diags.into_iter().map(|diag| Finding {
                        rule: meta,
                        severity: diag.severity_cap.map_or(severity, |cap| severity.min(cap)),
                        at: at.clone(),
                        diag: with_origin_label(diag),
                        instances: thin_vec::ThinVec::new(),
                        fingerprint: None,
                    }));
                }
            });
            let unknown = unknown_arguments(client, reads);
            if notes {
                findings.extend(
                    unknown
                        .iter()
                        .map(|(r, codes)| note(client, &address, r, codes)),
                );
            }
            let causes = unknown
                .iter()
                .map(|(r, _)| r.reason.cause().map(|c| c.kind))
                .collect();
            (findings, causes)
        })
        .collect();
    let mut checked = Checked {
        clients: clients.len(),
        ..Checked::default()
    };
    for (_, causes) in &per_client {
        checked.with_unknowns += usize::from(!causes.is_empty());
        for cause in causes {
            let name = cause.map_or("unrecorded", CauseKind::as_str);
            *checked.unknown_causes.entry(name).or_default() += 1;
        }
    }
    let per_client = per_client.into_iter().map(|(findings, _)| findings);
    let mut out = Vec::new();
    // Group instances of one block: (file, block start) → instances' findings.
    type Instances<'r> = Vec<(&'r Resource, Vec<Finding>)>;
    let mut blocks: BTreeMap<(FileId, usize), Instances> = BTreeMap::new();
    for (client, findings) in clients.iter().zip(per_client) {
        blocks
            .entry((client.file, client.block_span.start as usize))
            .or_default()
            .push((client, findings));
    }
    for (_, instances) in blocks {
        if instances.len() < 2 {
            out.extend(instances.into_iter().flat_map(|(_, f)| f));
            continue;
        }
        let count = instances.len();
        let keys: Vec<String> = instances
            .iter()
            .filter_map(|(c, _)| c.instance.clone())
            .collect();
        let base: std::sync::Arc<str> = format!("{prefix}{}", instances[0].0.address()).into();
        let addresses: thin_vec::ThinVec<std::sync::Arc<str>> = instances
            .iter()
            .map(|(c, _)| format!("{prefix}{}", c.instance_address()).into())
            .collect();
        let mut seen: Vec<(Finding, usize)> = Vec::new();
        for (_, findings) in &instances {
            for f in findings {
                match seen
                    .iter_mut()
                    .find(|(s, _)| s.code() == f.code() && s.diag == f.diag)
                {
                    Some((_, n)) => *n += 1,
                    None => seen.push((f.clone(), 1)),
                }
            }
        }
        for (_, findings) in instances {
            for f in findings {
                let everywhere = seen
                    .iter()
                    .any(|(s, n)| *n == count && s.code() == f.code() && s.diag == f.diag);
                if !everywhere {
                    out.push(f);
                }
            }
        }
        for (mut f, n) in seen {
            if n == count {
                f.at = ResourceAt::new(base.clone(), f.block());
                f.instances = addresses.clone();
                let note = format!("in every instance: {}", keys.join(", "));
                f.diag.help = Some(match f.diag.help.take() {
                    Some(h) => format!("{h} ({note})").into(),
                    None => note.into(),
                });
                out.push(f);
            }
        }
    }
    checked.findings = out;
    checked
}

/// A value defined elsewhere (a variable, a local, a module argument) gets a label there. Its
/// fix goes where the value is set, not to the use site (which holds the reference): the edit
/// moves to the origin, keeping the use site as its own origin so that the fix stage checks the
/// value written there (a literal of the same shape, in a linted file; see `fix::settle`).
fn with_origin_label(mut diag: Diag) -> Diag {
    if let Some(fix) = &mut diag.fix {
        let moved = fix.edits.iter_mut().all(|e| match e.span.origin {
            None => true,
            Some(origin) if e.span.start < e.span.end => {
                e.span = crate::value::Span {
                    origin: Some(e.span.range()),
                    ..crate::value::Span::from(origin)
                };
                true
            }
            Some(_) => false,
        });
        if !moved {
            diag.fix = None;
        }
    }
    if let Some(origin) = diag.span.origin {
        let span = origin.into();
        if !diag.labels.iter().any(|l| l.span.range() == origin) {
            diag.push_label(Label {
                span,
                message: "value set here".into(),
            });
        }
    }
    diag
}

pub fn syntax_finding(error: SyntaxError, selection: &RuleSelection) -> Option<Finding> {
    selection
        .is_enabled(SYNTAX_ERROR.code, SYNTAX_ERROR.name)
        .then(|| Finding {
            rule: &SYNTAX_ERROR,
            severity: selection.severity_of(SYNTAX_ERROR.code, SYNTAX_ERROR.severity),
            at: None,
            diag: Diag::new(error.span, error.message),
            instances: thin_vec::ThinVec::new(),
            fingerprint: None,
        })
}
