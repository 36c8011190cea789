//! One module, checked: its files read and parsed, its variables given values (tfvars,
//! `--var`, a caller's arguments), its clients extracted and checked, and its local module
//! calls followed, so that a value passed into a module is checked where the module uses it.

use crate::discover::{display_path, io_message, is_json_config, Listing, ModuleFile};
use crate::eval::declarations::{parse_text_input, Declarations, Inputs, ModuleScope};
use crate::eval::{Evaluator, NoScope};
use crate::extract::{instances, Extractor, ModuleView, Resource};
use crate::finding::{Diag, Finding, Label, Severity};
use crate::guard;
use crate::json::{self, SpanMap};
use crate::rules::{AppliesTo, Ctx, Rule, RuleOptions, RULES, SYNTAX_ERROR};
use crate::scan;
use crate::schema::ClientKind;
use crate::source::{self, SourceFile, SyntaxError};
use crate::value::{FileId, Span, Spanned, Value};
use crate::RuleSelection;
use hcl_edit::structure::Body;
use hcl_edit::Span as _;
use rayon::prelude::*;
use regex::Regex;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::{LazyLock, Mutex};

/// Both client resource types contain this; a module none of whose files does (itself or
/// through the modules it calls) holds nothing to check.
const CLIENT_MARK: &str = "user_pool_client";

/// Whether a text mentions a client (see [`CLIENT_MARK`]): every file of the run is searched.
fn mentions_client(text: &str) -> bool {
    static FINDER: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(CLIENT_MARK));
    FINDER.find(text.as_bytes()).is_some()
}

/// How deep local module calls are followed.
const MAX_MODULE_DEPTH: usize = 8;

/// What every module of a run shares.
pub struct RunContext<'a> {
    pub selection: &'a RuleSelection,
    /// Values from `--var-file` files, in precedence order.
    pub var_file_values: Vec<(String, Spanned<Value>)>,
    /// `--var NAME=VALUE`, in order.
    pub cli_vars: &'a [(String, String)],
    /// `TF_VAR_name` environment variables.
    pub env_vars: Vec<(String, String)>,
    /// Whether a folder holds a client, itself or through its local module calls.
    relevance: Mutex<HashMap<PathBuf, bool>>,
    /// The output needs only the line and column of findings, not the text around them: the
    /// text of files with findings is released once their module is checked.
    pub positions_only: bool,
}

impl<'a> RunContext<'a> {
    pub fn new(
        selection: &'a RuleSelection,
        var_file_values: Vec<(String, Spanned<Value>)>,
        cli_vars: &'a [(String, String)],
        env_vars: Vec<(String, String)>,
    ) -> RunContext<'a> {
        RunContext {
            selection,
            var_file_values,
            cli_vars,
            env_vars,
            relevance: Mutex::new(HashMap::new()),
            positions_only: false,
        }
    }
}

/// What checking a module produced.
#[derive(Default)]
pub struct Outcome {
    pub sources: Vec<SourceFile>,
    pub findings: Vec<Finding>,
    /// Files whose findings are reported.
    pub files: usize,
    /// Clients checked in those files.
    pub clients: usize,
}

/// A folder's files, read, and parsed where they matter.
struct Loaded {
    dir: PathBuf,
    bodies: Vec<(FileId, Body)>,
    errors: Vec<SyntaxError>,
    reported: HashSet<FileId>,
}

/// Hands out file ids within one root module's range, so ids never depend on scheduling.
struct Ids(FileId);

impl Ids {
    fn next(&mut self) -> FileId {
        self.0 += 1;
        self.0 - 1
    }
}

/// The first id of the `index`th root module's range (index 0 is the run's var files).
pub fn id_base(index: usize) -> FileId {
    (index as FileId) << 24
}

/// Moves an outcome checked as root module 1 to the range of root module `index`: modules
/// checked as their folders are found learn their place in the run only afterwards. Ids of
/// the run's var files (range 0) and of no file stay as they are.
pub fn rebase(outcome: &mut Outcome, index: usize) {
    let shift = id_base(index) - id_base(1);
    let moved = |id: &mut FileId| {
        if (id_base(1)..id_base(2)).contains(id) {
            *id += shift;
        }
    };
    let span = |span: &mut Span| {
        moved(&mut span.file);
        if let Some(origin) = &mut span.origin {
            moved(&mut origin.file);
        }
    };
    for source in &mut outcome.sources {
        moved(&mut source.id);
    }
    for finding in &mut outcome.findings {
        span(&mut finding.diag.span);
        finding.block.as_mut().map(span);
        for label in &mut finding.diag.labels {
            span(&mut label.span);
        }
    }
}

/// Checks a root module: a folder that was walked or holds a named file.
///
/// It runs on a stack deep enough for the deepest file the parser accepts. A panic that the
/// finer guards (per file, per resource, per rule) did not contain becomes COG990 on every
/// reported file of the module; the other modules are unaffected.
pub fn check_root(
    index: usize,
    files: Vec<ModuleFile>,
    ctx: &RunContext,
    texts: &[crate::StdinInput],
) -> Outcome {
    check_listed(index, &files, None, ctx, texts)
}

/// [`check_root`], with what discovery saw in the folder (`None`: look on disk).
pub fn check_listed(
    index: usize,
    files: &[ModuleFile],
    listing: Option<&Listing>,
    ctx: &RunContext,
    texts: &[crate::StdinInput],
) -> Outcome {
    let checked = guard::contain(|| {
        source::with_deep_stack(|| check_module(index, files, listing, ctx, texts))
    });
    checked.unwrap_or_else(|panic| {
        let mut out = Outcome::default();
        for (i, file) in files.iter().enumerate() {
            let id = id_base(index) + i as FileId;
            if file.reported {
                out.files += 1;
                out.findings.push(guard::internal_error(
                    Span::point(id, 0),
                    "checking this file's module",
                    &panic,
                ));
                out.sources.push(SourceFile::new(
                    id,
                    file.path.clone(),
                    file.display.clone(),
                    String::new(),
                ));
            }
        }
        out
    })
}

fn check_module(
    index: usize,
    files: &[ModuleFile],
    listing: Option<&Listing>,
    ctx: &RunContext,
    texts: &[crate::StdinInput],
) -> Outcome {
    let mut ids = Ids(id_base(index));
    let mut out = Outcome::default();
    let dir = files
        .first()
        .and_then(|f| f.path.parent())
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut reported = HashSet::new();
    let mut explicit = HashSet::new();
    let mut errors = Vec::new();
    let folder = source::Folder::open(&dir);
    for file in files {
        let id = ids.next();
        let text = match texts.iter().find(|s| same_path(&s.path, &file.path)) {
            Some(input) => input.text.clone(),
            // Discovery saw the files of a folder as regular files; a named file is checked
            // before it is opened.
            None => match if file.explicit {
                source::read_file(&file.path)
            } else {
                folder.read(&file.path)
            } {
                Ok(bytes) => {
                    let (text, error) = source::decode(id, bytes);
                    errors.extend(error);
                    text
                }
                // A file of a walked folder that is gone by now (deleted mid-run) has nothing
                // to report; a file the user named does.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && !file.explicit => {
                    continue;
                }
                Err(e) => {
                    errors.push(SyntaxError {
                        span: crate::value::Span::point(id, 0),
                        message: format!("cannot read file: {}", io_message(&e)),
                    });
                    String::new()
                }
            },
        };
        if file.reported {
            reported.insert(id);
        }
        if file.explicit {
            explicit.insert(id);
        }
        let mut source = SourceFile::new(id, file.path.clone(), file.display.clone(), text);
        source.reported = file.reported;
        out.sources.push(source);
    }
    out.files = reported.len();
    let relevant = out.sources.iter().any(|s| mentions_client(&s.text))
        || out.sources.iter().any(|s| {
            local_sources(&s.text)
                .iter()
                .any(|src| holds_cognito(&dir.join(src), ctx, 0))
        })
        || (listing.is_none_or(|l| l.terraform_dir)
            && installed_module_dirs(&dir)
                .iter()
                .any(|d| holds_cognito(d, ctx, 0)));
    let mut loaded = Loaded {
        dir: dir.clone(),
        bodies: Vec::new(),
        errors: Vec::new(),
        reported,
    };
    let failed: HashSet<FileId> = errors.iter().map(|e| e.span.file).collect();
    loaded.errors = errors;
    let mut maps = JsonMaps::new();
    let mut to_parse: Vec<&SourceFile> = Vec::new();
    for source in &out.sources {
        // Folders without a client are Terraform's business; a named file is always read.
        if failed.contains(&source.id) || !(relevant || explicit.contains(&source.id)) {
            continue;
        }
        if is_plan_candidate(&source.path) && explicit.contains(&source.id) {
            let (findings, clients) = check_plan(source, ctx.selection);
            out.findings.extend(findings);
            out.clients += clients;
            continue;
        }
        to_parse.push(source);
    }
    let (bodies, parse_errors) = parse_module(
        &to_parse,
        &|id| explicit.contains(&id),
        &mut ids,
        &mut maps,
        &mut out.findings,
    );
    for (id, body) in bodies {
        let source_id = maps.get(&id).map_or(id, |(json, _)| *json);
        if loaded.reported.contains(&source_id) {
            loaded.reported.insert(id);
        }
        loaded.bodies.push((id, body));
    }
    loaded.errors.extend(parse_errors);
    // A sibling read only as context (a file of the folder that was not named) reports
    // nothing, its syntax errors included; its clients are not checked either way.
    for error in std::mem::take(&mut loaded.errors) {
        if loaded.reported.contains(&error.span.file) {
            out.findings.extend(syntax_finding(error, ctx.selection));
        }
    }
    if !relevant || loaded.bodies.is_empty() {
        keep_sources_of_findings(&mut out, ctx.positions_only);
        return out;
    }
    let decls = Declarations::collect(&loaded.bodies);
    let mut inputs = Inputs::new();
    let typed = |name: &str, text: &str| {
        let ty = decls
            .variables
            .get(name)
            .map(|d| d.ty.clone())
            .unwrap_or(crate::eval::types::Type::Any);
        parse_text_input(text, &ty)
    };
    // Terraform's precedence, lowest first: environment, terraform.tfvars(.json),
    // *.auto.tfvars(.json) in lexical order, then -var-file and -var.
    for (name, text) in &ctx.env_vars {
        inputs.insert(name.clone(), typed(name, text));
    }
    for (name, value) in auto_tfvars(&dir, listing, &mut ids, &mut out) {
        inputs.insert(name, value);
    }
    for (name, value) in &ctx.var_file_values {
        inputs.insert(name.clone(), value.clone());
    }
    for (name, text) in ctx.cli_vars {
        inputs.insert(name.clone(), typed(name, text));
    }
    let mut walk = Walk {
        ctx,
        ids: &mut ids,
        out: &mut out,
        maps: &mut maps,
        // Made canonical when a module call is first followed.
        stack: vec![dir.clone()],
        root_canonical: false,
        root_dir: dir.clone(),
    };
    walk.instance(&loaded, &decls, &inputs, "", "", false);
    remap(&mut out.findings, &maps);
    keep_sources_of_findings(&mut out, ctx.positions_only);
    out
}

/// Drops the text of files no finding points into and that hold no suppression comment, so
/// that memory does not grow with the files that hold nothing to report.
fn keep_sources_of_findings(out: &mut Outcome, positions_only: bool) {
    // Every offset a finding points at, by file.
    let mut used: HashMap<FileId, Vec<usize>> = HashMap::new();
    let mut point = |span: &Span| {
        used.entry(span.file)
            .or_default()
            .extend([span.start, span.end]);
    };
    for f in &out.findings {
        point(&f.diag.span);
        if let Some(origin) = f.diag.span.origin {
            point(&origin.into());
        }
        for label in &f.diag.labels {
            point(&label.span);
        }
        if let Some(block) = &f.block {
            point(block);
        }
    }
    let directives = |s: &SourceFile| s.reported && crate::suppress::has_directives(&s.text);
    out.sources.retain_mut(|s| {
        let Some(offsets) = used.remove(&s.id) else {
            return directives(s);
        };
        // Suppression comments are read from the text later.
        if positions_only && !directives(s) {
            s.keep_positions_only(offsets);
        }
        true
    });
    // The outcome lives until the end of the run: nothing of a module without findings stays.
    out.sources.shrink_to_fit();
    out.findings.shrink_to_fit();
}

/// The generated native text of JSON files: its file id → (the JSON file's id, the map).
type JsonMaps = HashMap<FileId, (FileId, SpanMap)>;

/// Parses a `.tf` file, or translates and parses a `.tf.json` file (its spans then live in a
/// generated text, mapped back by [`remap`]).
fn parse_source(
    source: &SourceFile,
    ids: &mut Ids,
    maps: &mut JsonMaps,
) -> Result<(FileId, Body), SyntaxError> {
    if !is_json_config(&source.path) {
        return source::parse_hcl(source).map(|body| (source.id, body));
    }
    let generated = json::to_hcl(&source.text).map_err(|(offset, message)| SyntaxError {
        span: Span::point(source.id, offset),
        message,
    })?;
    let id = ids.next();
    let file = SourceFile::new(
        id,
        source.path.clone(),
        source.display.clone(),
        generated.text,
    );
    match source::parse_hcl(&file) {
        Ok(body) => {
            maps.insert(id, (source.id, generated.map));
            Ok((id, body))
        }
        Err(error) => {
            let at = generated.map.map(error.span.start, error.span.start);
            Err(SyntaxError {
                span: Span::new(source.id, at),
                message: error.message.replacen(
                    "invalid HCL",
                    "invalid expression in a JSON string",
                    1,
                ),
            })
        }
    }
}

/// Takes spans in generated text back to the JSON files they came from.
fn remap(findings: &mut [Finding], maps: &JsonMaps) {
    if maps.is_empty() {
        return;
    }
    let range = |r: crate::value::Range| match maps.get(&r.file) {
        Some((json, map)) => {
            let at = map.map(r.start, r.end);
            crate::value::Range {
                file: *json,
                start: at.start,
                end: at.end,
            }
        }
        None => r,
    };
    let span = |s: Span| {
        let r = range(s.range());
        Span {
            file: r.file,
            start: r.start,
            end: r.end,
            origin: s.origin.map(range),
        }
    };
    for f in findings {
        f.diag.span = span(f.diag.span);
        f.block = f.block.map(span);
        for label in &mut f.diag.labels {
            label.span = span(label.span);
        }
    }
}

/// A `.json` file that is not a JSON configuration: read as a plan when named.
fn is_plan_candidate(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "json") && !is_json_config(path)
}

/// Checks the clients of a plan file, module by module.
fn check_plan(source: &SourceFile, selection: &RuleSelection) -> (Vec<Finding>, usize) {
    match json::plan::read(source.id, &source.text) {
        Ok(modules) => {
            let mut findings = Vec::new();
            let mut clients = 0;
            for module in modules {
                let (f, c) = run_rules(&module.view, selection, &module.prefix, &|_| true);
                findings.extend(f);
                clients += c;
            }
            (findings, clients)
        }
        Err((offset, message)) => {
            let error = SyntaxError {
                span: Span::point(source.id, offset),
                message,
            };
            (syntax_finding(error, selection).into_iter().collect(), 0)
        }
    }
}

/// Following module calls from one root.
struct Walk<'a, 'c> {
    ctx: &'a RunContext<'c>,
    ids: &'a mut Ids,
    out: &'a mut Outcome,
    maps: &'a mut JsonMaps,
    /// Folders being checked, to stop at a module that calls itself.
    stack: Vec<PathBuf>,
    /// Whether the root's folder in `stack` is canonical yet (it costs system calls).
    root_canonical: bool,
    root_dir: PathBuf,
}

impl Walk<'_, '_> {
    /// Checks one module instance: its clients, then its module calls. `report_all` is set
    /// inside a called module, whose findings are reported when the call is.
    fn instance(
        &mut self,
        loaded: &Loaded,
        decls: &Declarations,
        inputs: &Inputs,
        prefix: &str,
        key_path: &str,
        report_all: bool,
    ) {
        let scope = ModuleScope::new(decls, inputs);
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
                    self.out.findings.push(guard::internal_error(
                        Span::new(*file, at),
                        &format!("reading {}", labels.join(".")),
                        &panic,
                    ));
                }
            }
        }
        let reported = |id: FileId| report_all || loaded.reported.contains(&id);
        let (findings, clients) = run_rules(&view, self.ctx.selection, prefix, &reported);
        self.out.findings.extend(findings);
        if prefix.is_empty() {
            self.out.clients += clients;
        }
        for (file, block) in &decls.modules {
            if !reported(*file) || self.stack.len() > MAX_MODULE_DEPTH {
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
            let Some(dir) = module_dir(&loaded.dir, &self.root_dir, &source, &key) else {
                continue;
            };
            if !self.root_canonical {
                self.stack[0] = canonical(&self.stack[0]);
                self.root_canonical = true;
            }
            let canonical_dir = canonical(&dir);
            if self.stack.contains(&canonical_dir) {
                continue;
            }
            let callee = self.load(&dir);
            for error in &callee.errors {
                self.out
                    .findings
                    .extend(syntax_finding(error.clone(), self.ctx.selection));
            }
            let callee_decls = Declarations::collect(&callee.bodies);
            let extractor = Extractor {
                file: *file,
                scope: &scope,
                bindings: Vec::new(),
            };
            let calls: Vec<(String, Vec<crate::eval::Binding>)> =
                match instances(&block.body, &extractor) {
                    None => vec![(String::new(), Vec::new())],
                    Some(list) => list.into_iter().map(|(k, b)| (k, vec![b])).collect(),
                };
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

    /// Reads and parses a called module's folder.
    fn load(&mut self, dir: &Path) -> Loaded {
        let mut loaded = Loaded {
            dir: dir.to_path_buf(),
            bodies: Vec::new(),
            errors: Vec::new(),
            reported: HashSet::new(),
        };
        let mut files = Vec::new();
        for path in terraform_files(dir) {
            let id = self.ids.next();
            let text = match source::read_file(&path) {
                Ok(bytes) => {
                    let (text, error) = source::decode(id, bytes);
                    loaded.errors.extend(error);
                    text
                }
                Err(_) => continue,
            };
            files.push(SourceFile::new(
                id,
                path.clone(),
                display_path(&normalize(&path)),
                text,
            ));
        }
        let to_parse: Vec<&SourceFile> = files
            .iter()
            .filter(|f| !loaded.errors.iter().any(|e| e.span.file == f.id))
            .collect();
        let (bodies, errors) = parse_module(
            &to_parse,
            &|_| false,
            self.ids,
            self.maps,
            &mut self.out.findings,
        );
        loaded.bodies = bodies;
        loaded.errors.extend(errors);
        self.out.sources.extend(files);
        loaded
    }
}

/// Parses a module's files. In files read whole (`whole`: named on the command line) every
/// block is parsed; in the others, the blocks and locals no rule reads are blanked out first
/// (see [`scan`]), and a file left with nothing is not parsed at all.
fn parse_module(
    sources: &[&SourceFile],
    whole: &dyn Fn(FileId) -> bool,
    ids: &mut Ids,
    maps: &mut JsonMaps,
    internal: &mut Vec<Finding>,
) -> (Vec<(FileId, Body)>, Vec<SyntaxError>) {
    let texts: Vec<&str> = sources.iter().map(|s| s.text.as_str()).collect();
    // A scanner failure only costs time: the file is then parsed whole.
    let scans: Vec<scan::Scan> = sources
        .iter()
        .map(|s| {
            if whole(s.id) || is_json_config(&s.path) {
                return scan::Scan::Whole;
            }
            match guard::contain(|| scan::scan(&s.text)) {
                Ok(Some(blocks)) => scan::Scan::Blocks(blocks),
                _ => scan::Scan::Whole,
            }
        })
        .collect();
    let blanked = scan::blank_module(&texts, &scans);
    let mut bodies = Vec::new();
    let mut errors = Vec::new();
    for (source, blanked) in sources.iter().zip(blanked) {
        let parsed = guard::contain(|| {
            guard::test_hook("parse", &source.text);
            match blanked {
                scan::Blanked::Nothing => return None,
                scan::Blanked::Regions {
                    regions,
                    blank,
                    inner,
                } => {
                    // Only the regions are read: the blanked text is needed only when a
                    // region holds blanked locals.
                    let blanked = inner.then(|| scan::blank_text(&source.text, &blank));
                    let text = blanked.as_deref().unwrap_or(&source.text);
                    if let Some(body) = source::parse_regions(text, &regions) {
                        return Some(Ok((source.id, body)));
                    }
                    // Something unusual (a repeated argument, a byte order mark): the blanked
                    // text parsed the careful way, then the file whole for the true error.
                    let text = blanked.unwrap_or_else(|| scan::blank_text(&source.text, &blank));
                    let file = SourceFile::new(source.id, source.path.clone(), String::new(), text);
                    if let Ok(body) = source::parse_hcl(&file) {
                        return Some(Ok((source.id, body)));
                    }
                }
                scan::Blanked::Whole => {}
            }
            Some(parse_source(source, ids, maps))
        });
        match parsed {
            Ok(None) => {}
            Ok(Some(Ok(parsed))) => bodies.push(parsed),
            Ok(Some(Err(error))) => errors.push(error),
            Err(panic) => internal.push(guard::internal_error(
                Span::point(source.id, 0),
                "parsing this file",
                &panic,
            )),
        }
    }
    (bodies, errors)
}

/// Module block arguments that are not inputs.
const MODULE_META: &[&str] = &[
    "source",
    "version",
    "count",
    "for_each",
    "providers",
    "depends_on",
];

/// Runs the enabled rules on every client of the view. Findings of a block's instances that
/// are the same in every instance are reported once.
fn run_rules(
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

/// A value defined elsewhere (a variable, a local, a module argument) gets a label there.
fn with_origin_label(mut diag: Diag) -> Diag {
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
        })
}

/// `terraform.tfvars`, `terraform.tfvars.json`, then `*.auto.tfvars(.json)` in lexical order:
/// the values Terraform loads by itself in a root module.
fn auto_tfvars(
    dir: &Path,
    listing: Option<&Listing>,
    ids: &mut Ids,
    out: &mut Outcome,
) -> Vec<(String, Spanned<Value>)> {
    let present: Vec<String> = match listing {
        Some(listing) => listing.var_files.clone(),
        None => regular_files(dir)
            .iter()
            .filter_map(|p| p.file_name()?.to_str().map(str::to_string))
            .filter(|n| crate::discover::is_auto_var_file(n))
            .collect(),
    };
    let fixed = ["terraform.tfvars", "terraform.tfvars.json"];
    let names = fixed
        .iter()
        .filter(|n| present.iter().any(|p| p == *n))
        .map(|n| n.to_string())
        .chain(
            present
                .iter()
                .filter(|p| !fixed.contains(&p.as_str()))
                .cloned(),
        );
    let mut values = Vec::new();
    for name in names {
        values.extend(read_var_file(
            &dir.join(&name),
            ids.next(),
            &mut out.sources,
        ));
    }
    values
}

/// Reads a variable definitions file (HCL or JSON); its source joins the run's sources so
/// that findings can point into it. A file that does not parse yields nothing.
pub fn read_var_file(
    path: &Path,
    id: FileId,
    sources: &mut Vec<SourceFile>,
) -> Vec<(String, Spanned<Value>)> {
    let Ok(bytes) = source::read_file(path) else {
        return Vec::new();
    };
    let (text, error) = source::decode(id, bytes);
    let file = SourceFile::new(id, path.to_path_buf(), display_path(path), text);
    let mut values = Vec::new();
    if error.is_none() {
        if path.extension().is_some_and(|e| e == "json") {
            if let Ok(serde_json::Value::Object(map)) =
                serde_json::from_str::<serde_json::Value>(&file.text)
            {
                let span = crate::value::Span::new(id, 0..0);
                for (name, value) in map {
                    values.push((name, Spanned::new(json_value(value, span), span)));
                }
            }
        } else {
            // Called outside the per-module work too (`--var-file`), so it brings its own stack.
            source::with_deep_stack(|| {
                if let Ok(body) = source::parse_hcl(&file) {
                    for attr in body.attributes() {
                        let value = Evaluator::new(id, &NoScope).eval(&attr.value);
                        values.push((attr.key.as_str().to_string(), value));
                    }
                }
            });
        }
    }
    sources.push(file);
    values
}

fn json_value(value: serde_json::Value, span: crate::value::Span) -> Value {
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => n.as_f64().map_or(Value::Unknown, Value::Number),
        serde_json::Value::String(s) => Value::String(s),
        serde_json::Value::Array(items) => Value::List(
            items
                .into_iter()
                .map(|i| Spanned::new(json_value(i, span), span))
                .collect(),
        ),
        serde_json::Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, Spanned::new(json_value(v, span), span)))
                .collect(),
        ),
    }
}

/// `source = "./x"` and `source = "../x"` in a module's text.
fn local_sources(text: &str) -> Vec<String> {
    static SOURCE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"(?m)^\s*source\s*=\s*"(\.\.?/[^"]*)""#).unwrap());
    // Every file of the run is searched: one pass for what both `"./` and `"../` hold.
    static FINDER: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("./"));
    if FINDER.find(text.as_bytes()).is_none() {
        return Vec::new();
    }
    SOURCE
        .captures_iter(text)
        .map(|c| c[1].to_string())
        .collect()
}

/// Whether a folder, or a module it calls, mentions a Cognito resource.
fn holds_cognito(dir: &Path, ctx: &RunContext, depth: usize) -> bool {
    let key = canonical(dir);
    if let Some(known) = ctx.relevance.lock().ok().and_then(|m| m.get(&key).copied()) {
        return known;
    }
    if depth > MAX_MODULE_DEPTH {
        return false;
    }
    // Marked false first, so that a module calling itself terminates.
    if let Ok(mut m) = ctx.relevance.lock() {
        m.insert(key.clone(), false);
    }
    let texts: Vec<String> = terraform_files(dir)
        .iter()
        .filter_map(|p| source::read_file(p).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    let result = texts.iter().any(|t| mentions_client(t))
        || texts
            .iter()
            .flat_map(|t| local_sources(t))
            .any(|src| holds_cognito(&dir.join(src), ctx, depth + 1));
    if let Ok(mut m) = ctx.relevance.lock() {
        m.insert(key, result);
    }
    result
}

/// A module's `.tf`/`.tofu` files, sorted.
fn terraform_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = regular_files(dir);
    files.retain(|p| crate::discover::is_terraform_file(p));
    files
}

/// The regular files of a folder (and links to them), sorted.
fn regular_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(crate::discover::folder(dir)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| {
            e.file_type()
                .is_ok_and(|t| crate::discover::is_file(&e.path(), t))
        })
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}

/// The folders of the modules `terraform init` installed for a root module.
fn installed_module_dirs(root_dir: &Path) -> Vec<PathBuf> {
    let Some(manifest) = read_text(&root_dir.join(".terraform/modules/modules.json")) else {
        return Vec::new();
    };
    let Ok(doc) = serde_json::from_str::<serde_json::Value>(&manifest) else {
        return Vec::new();
    };
    doc["Modules"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| m["Key"].as_str().is_some_and(|k| !k.is_empty()))
        .filter_map(|m| m["Dir"].as_str())
        .map(|d| normalize(&root_dir.join(d)))
        .collect()
}

/// The folder of a module call: a local path, or what `terraform init` recorded in
/// `.terraform/modules/modules.json` for a registry or git source.
fn module_dir(caller_dir: &Path, root_dir: &Path, source: &str, key: &str) -> Option<PathBuf> {
    if source.starts_with("./") || source.starts_with("../") {
        return Some(normalize(&caller_dir.join(source)));
    }
    let manifest = read_text(&root_dir.join(".terraform/modules/modules.json"))?;
    let doc: serde_json::Value = serde_json::from_str(&manifest).ok()?;
    let dir = doc["Modules"]
        .as_array()?
        .iter()
        .find(|m| m["Key"] == key)?["Dir"]
        .as_str()?
        .to_string();
    Some(normalize(&root_dir.join(dir)))
}

/// A UTF-8 file's text, read as safely as the files linted (see [`source::read_file`]).
fn read_text(path: &Path) -> Option<String> {
    String::from_utf8(source::read_file(path).ok()?).ok()
}

/// `a/b/../c` → `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn canonical(dir: &Path) -> PathBuf {
    let d = crate::discover::folder(dir);
    d.canonicalize().unwrap_or_else(|_| normalize(d))
}

fn same_path(a: &Path, b: &Path) -> bool {
    normalize(a) == normalize(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_removes_dot_segments() {
        assert_eq!(
            normalize(Path::new("envs/prod/../../modules/auth")),
            PathBuf::from("modules/auth")
        );
        assert_eq!(normalize(Path::new("./a/./b")), PathBuf::from("a/b"));
        assert_eq!(
            normalize(Path::new("../shared/x")),
            PathBuf::from("../shared/x")
        );
    }

    #[test]
    fn rebase_moves_only_the_module_range() {
        use crate::finding::Label;
        let mut span = Span::new(id_base(1) + 2, 5..9);
        span.origin = Some(Span::new(3, 1..2).range());
        let mut out = Outcome::default();
        out.sources.push(SourceFile::new(
            id_base(1),
            "a.tf".into(),
            "a.tf".into(),
            String::new(),
        ));
        let mut finding = guard::internal_error(span, "testing", "x");
        finding.block = Some(Span::new(id_base(1) + 1, 0..3));
        finding.diag.labels.push(Label {
            span: Span::point(crate::value::NO_FILE, 0),
            message: String::new(),
        });
        out.findings.push(finding);
        rebase(&mut out, 4);
        assert_eq!(out.sources[0].id, id_base(4));
        let f = &out.findings[0];
        assert_eq!(f.diag.span.file, id_base(4) + 2);
        // A var file of the run (range 0) and no file at all stay.
        assert_eq!(f.diag.span.origin.unwrap().file, 3);
        assert_eq!(f.diag.labels[0].span.file, crate::value::NO_FILE);
        assert_eq!(f.block.unwrap().file, id_base(4) + 1);
    }

    #[test]
    fn local_sources_are_found() {
        let text = "module \"a\" {\n  source = \"./modules/a\"\n}\nmodule \"b\" {\n  source = \"hashicorp/x/aws\"\n}\n";
        assert_eq!(local_sources(text), vec!["./modules/a".to_string()]);
    }
}
