//! Module calls, followed instance by instance: a called module is loaded when the call is
//! reached, its variables get the call's arguments as that instance evaluates them, and its
//! clients are checked there, so that a value passed into a module is checked where the
//! module uses it. Findings in a called module are reported when the call is.

use super::context::client_block_key;
use super::ids::Ids;
use super::installed::Installed;
use super::load::{load_called, Loaded};
use super::parse::JsonMaps;
use super::{ModuleSettings, Outcome};
use crate::eval::declarations::{Declarations, Inputs, ModuleScope};
use crate::eval::{take_instances, Binding, Evaluator, FileReader, ModuleFiles, NoScope};
use crate::extract::{checked_instances, Extractor, ModuleView};
use crate::fs::{canonical, normalize};
use crate::guard;
use crate::rules::run::{run_rules, syntax_finding};
use crate::value::{FileId, Span};
use hcl_edit::Span as _;
use std::cell::OnceCell;
use std::path::{Path, PathBuf};

/// How deep module calls are followed.
pub(super) const MAX_MODULE_DEPTH: usize = 8;

/// Module block arguments that are not inputs.
const MODULE_META: &[&str] = &[
    "source",
    "version",
    "count",
    "for_each",
    "providers",
    "depends_on",
];

/// Following module calls from one root.
pub(super) struct Calls<'a> {
    /// The root module's settings: its config's rules apply to what it calls as well.
    pub settings: &'a ModuleSettings,
    pub ids: &'a mut Ids,
    pub out: &'a mut Outcome,
    pub maps: &'a mut JsonMaps,
    pub installed: &'a Installed,
    /// The files the modules' expressions read (`file()`, `templatefile()`).
    pub files: &'a FileReader,
    /// The root's folder, canonical: made so when a module call is first followed, since it
    /// costs system calls.
    pub root: (PathBuf, OnceCell<PathBuf>),
    /// The called modules' folders being checked, canonical, to stop at a module that calls
    /// itself (or the root).
    pub stack: Vec<PathBuf>,
}

impl Calls<'_> {
    /// Checks one module instance: its clients, then its module calls. `report_all` is set
    /// inside a called module, whose findings are reported when the call is.
    pub(super) fn instance(
        &mut self,
        loaded: &Loaded,
        decls: &Declarations,
        inputs: &Inputs,
        prefix: &str,
        key_path: &str,
        report_all: bool,
    ) {
        let files = ModuleFiles::new(self.files, loaded.dir.clone());
        let scope = ModuleScope::new(decls, inputs).with_files(&files);
        let mut view = ModuleView::default();
        for (file, block) in &decls.resources {
            let added = guard::contain(|| {
                let mut one = ModuleView::default();
                one.add_resource(*file, block, &scope);
                one
            });
            match added {
                Ok(one) => {
                    view.clients.extend(one.clients);
                    view.context.extend(one.context);
                }
                Err(panic) => {
                    let at = block.ident.span().unwrap_or(0..0);
                    let labels: Vec<&str> = block.labels.iter().map(|l| l.as_str()).collect();
                    self.out.findings.push(Box::new(guard::internal_error(
                        Span::new(*file, at),
                        &format!("reading {}", labels.join(".")),
                        &panic,
                    )));
                }
            }
        }
        let reported = |id: FileId| report_all || loaded.reported.contains(&id);
        let checked = run_rules(&view, &self.settings.rules, prefix, &reported);
        self.out
            .findings
            .extend(checked.findings.into_iter().map(Box::new));
        self.count_blocks(&view, &reported);
        if prefix.is_empty() {
            self.out.clients += checked.clients;
            self.out
                .unknowns
                .add(checked.with_unknowns, &checked.unknown_causes);
        }
        for (file, block) in &decls.modules {
            // The root and the called modules being checked: at most MAX_MODULE_DEPTH in all.
            if !reported(*file) || self.stack.len() >= MAX_MODULE_DEPTH {
                continue;
            }
            let name = block.labels[0].as_str();
            let Some(source) = block.body.get_attribute("source").and_then(|a| {
                Evaluator::new(*file, &NoScope)
                    .eval(&a.value)
                    .value
                    .as_string()
            }) else {
                continue;
            };
            let key = if key_path.is_empty() {
                name.to_string()
            } else {
                format!("{key_path}.{name}")
            };
            let Some(dir) = module_dir(&loaded.dir, self.installed, &source, &key) else {
                continue;
            };
            let (root, root_canonical) = &self.root;
            let root = root_canonical.get_or_init(|| canonical(root));
            let canonical_dir = canonical(&dir);
            if *root == canonical_dir || self.stack.contains(&canonical_dir) {
                continue;
            }
            let callee = load_called(&dir, self.ids, self.maps, self.out);
            for error in &callee.errors {
                self.out
                    .findings
                    .extend(syntax_finding(error.clone(), &self.settings.rules).map(Box::new));
            }
            let callee_decls = Declarations::collect(&callee.bodies);
            let extractor = Extractor {
                file: *file,
                scope: &scope,
                bindings: Vec::new(),
            };
            let calls: Vec<(String, Vec<Binding>)> =
                match checked_instances(&block.body, &extractor) {
                    None => vec![(String::new(), Vec::new())],
                    Some(Err(unknown)) => vec![(String::new(), vec![unknown])],
                    Some(Ok(list)) => list.into_iter().map(|(k, b)| (k, vec![b])).collect(),
                };
            // Calls multiply level by level: past the root's budget they are not followed.
            let at = Span::new(*file, block.ident.span().unwrap_or(0..0));
            if !take_instances(calls.len(), true, at) {
                continue;
            }
            self.stack.push(canonical_dir);
            for (instance_key, bindings) in calls {
                let bound = Extractor {
                    file: *file,
                    scope: &scope,
                    bindings,
                };
                let args: Inputs = block
                    .body
                    .attributes()
                    .filter(|a| !MODULE_META.contains(&a.key.as_str()))
                    .map(|a| (a.key.as_str().to_string(), bound.eval(&a.value)))
                    .collect();
                let callee_prefix = format!("{prefix}module.{name}{instance_key}.");
                self.instance(&callee, &callee_decls, &args, &callee_prefix, &key, true);
            }
            self.stack.pop();
        }
    }

    /// Records the reported client blocks of `view` in the outcome.
    fn count_blocks(&mut self, view: &ModuleView, reported: &dyn Fn(FileId) -> bool) {
        let sources = &self.out.sources;
        for client in view.clients.iter().filter(|c| reported(c.file)) {
            // Sources are pushed as their ids are handed out, so in id order.
            let source = match sources.binary_search_by_key(&client.file, |s| s.id) {
                Ok(i) => Some(&sources[i]),
                Err(_) => sources.iter().find(|s| s.id == client.file),
            };
            if let Some(source) = source {
                let key = client_block_key(&source.display, client.block_span.start as usize);
                self.out.client_blocks.push(key);
            }
        }
    }
}

/// The folder of a module call: a local path, or what `terraform init` recorded for a registry
/// or git source.
fn module_dir(
    caller_dir: &Path,
    installed: &Installed,
    source: &str,
    key: &str,
) -> Option<PathBuf> {
    if source.starts_with("./") || source.starts_with("../") {
        return Some(normalize(&caller_dir.join(source)));
    }
    installed.dir_of(key)
}
