//! Running the selected rules on a module's clients, and turning what they return into
//! findings: code, name and severity from the rule's metadata, the resource address, and a
//! label where a value from elsewhere was set. Findings that every instance of a block shares
//! are reported once, for the block.

use super::{AppliesTo, Ctx, Rule, RuleOptions, RuleSelection, RULES, SYNTAX_ERROR};
use crate::extract::{ModuleView, Resource};
use crate::finding::{Diag, Finding, Label, Severity};
use crate::guard;
use crate::schema::ClientKind;
use crate::source::SyntaxError;
use crate::value::FileId;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Runs the enabled rules on every client of the view. Findings of a block's instances that
/// are the same in every instance are reported once.
pub fn run_rules(
    view: &ModuleView,
    selection: &RuleSelection,
    prefix: &str,
    reported: &dyn Fn(FileId) -> bool,
) -> (Vec<Finding>, usize) {
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
    let per_client: Vec<Vec<Finding>> = clients
        .par_iter()
        .with_min_len(8)
        .map(|client| {
            let Some(kind) = client.client_kind() else {
                return Vec::new();
            };
            let address = format!("{prefix}{}", client.instance_address());
            let failed = |doing: String, panic: String| {
                let mut f = guard::internal_error(client.labels_span, &doing, &panic);
                f.resource = Some(address.clone());
                f
            };
            let mut findings = Vec::new();
            if let Err(panic) = guard::contain(|| guard::test_hook("rule", &client.name)) {
                findings.push(failed(format!("checking {address}"), panic));
            }
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
                let diags = match guard::contain(|| {
                    let mut diags = Vec::new();
                    rule.check(&cx, &mut diags);
                    diags
                }) {
                    Ok(diags) => diags,
                    Err(panic) => {
                        findings.push(failed(format!("running {} on {address}", meta.code), panic));
                        continue;
                    }
                };
                findings.extend(diags.into_iter().map(|diag| Finding {
                    code: meta.code,
                    name: meta.name,
                    severity: diag.severity_cap.map_or(severity, |cap| severity.min(cap)),
                    resource: Some(address.clone()),
                    block: Some(client.block_span),
                    diag: with_origin_label(diag),
                    instances: Vec::new(),
                }));
            }
            findings
        })
        .collect();
    let mut out = Vec::new();
    // Group instances of one block: (file, block start) → instances' findings.
    type Instances<'r> = Vec<(&'r Resource, Vec<Finding>)>;
    let mut blocks: BTreeMap<(FileId, usize), Instances> = BTreeMap::new();
    for (client, findings) in clients.iter().zip(per_client) {
        blocks
            .entry((client.file, client.block_span.start))
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
        let base = format!("{prefix}{}", instances[0].0.address());
        let addresses: Vec<String> = instances
            .iter()
            .map(|(c, _)| format!("{prefix}{}", c.instance_address()))
            .collect();
        let mut seen: Vec<(Finding, usize)> = Vec::new();
        for (_, findings) in &instances {
            for f in findings {
                match seen
                    .iter_mut()
                    .find(|(s, _)| s.code == f.code && s.diag == f.diag)
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
                    .any(|(s, n)| *n == count && s.code == f.code && s.diag == f.diag);
                if !everywhere {
                    out.push(f);
                }
            }
        }
        for (mut f, n) in seen {
            if n == count {
                f.resource = Some(base.clone());
                f.instances = addresses.clone();
                let note = format!("in every instance: {}", keys.join(", "));
                f.diag.help = Some(match f.diag.help.take() {
                    Some(h) => format!("{h} ({note})"),
                    None => note,
                });
                out.push(f);
            }
        }
    }
    (out, clients.len())
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
                    file: origin.file,
                    start: origin.start,
                    end: origin.end,
                    origin: Some(e.span.range()),
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
            diag.labels.push(Label {
                span,
                message: "value set here".to_string(),
            });
        }
    }
    diag
}

pub fn syntax_finding(error: SyntaxError, selection: &RuleSelection) -> Option<Finding> {
    selection
        .is_enabled(SYNTAX_ERROR.code, SYNTAX_ERROR.name)
        .then(|| Finding {
            code: SYNTAX_ERROR.code,
            name: SYNTAX_ERROR.name,
            severity: selection.severity_of(SYNTAX_ERROR.code, SYNTAX_ERROR.severity),
            resource: None,
            block: None,
            diag: Diag::new(error.span, error.message),
            instances: Vec::new(),
        })
}
