//! One root module, checked as a short sequence of stages, each in its own file:
//!
//! 1. [`load`]: read the folder's files (or the buffers given in memory);
//! 2. [`relevance`]: does the folder name a client, itself or through a module it calls?
//! 3. [`parse`]: parse what rules may read (named plan files are checked as plans);
//! 4. [`inputs`]: give the root's variables their values, in Terraform's precedence;
//! 5. [`calls`]: extract and check the clients, then follow module calls instance by
//!    instance, loading each called folder as it is reached;
//! 6. [`trim`]: draw the findings' SARIF and GitLab fingerprints when the run writes them,
//!    then keep only the text that findings and suppression comments need.
//!
//! File ids come from [`ids`], so that they never depend on scheduling; what every module of a
//! run shares is in [`context`].

mod calls;
mod context;
mod ids;
mod inputs;
mod installed;
mod load;
mod parse;
mod plan;
mod relevance;
mod trim;

pub use context::{ModuleSettings, Outcome, RootVariables, RunContext, Unknowns};
pub use ids::{id_base, rebase};
pub use inputs::read_var_file;
pub use relevance::CLIENT_NEEDLE;

use crate::discover::{Listing, ModuleFile, StdinInput};
use crate::eval::declarations::Declarations;
use crate::eval::{FileReader, RootBudget};
use crate::guard;
use crate::rules::budget_finding;
use crate::source::{self, SourceFile};
use crate::value::{FileId, Span};
use calls::Calls;
use ids::Ids;
use installed::Installed;
use parse::{remap, JsonMaps};
use std::cell::OnceCell;
use std::path::Path;

/// Checks a root module: a folder that was walked or holds a named file.
///
/// It runs on a stack deep enough for the deepest file the parser accepts. A panic that the
/// finer guards (per file, per resource, per rule) did not contain becomes COG990 on every
/// reported file of the module; the other modules are unaffected.
pub fn check_root(
    index: usize,
    files: Vec<ModuleFile>,
    ctx: &RunContext,
    texts: &[StdinInput],
) -> Outcome {
    check_listed(index, &files, None, ctx, &ctx.settings, texts)
}

/// [`check_root`], with what discovery saw in the folder (`None`: look on disk) and the
/// settings of the config that covers the folder.
pub fn check_listed(
    index: usize,
    files: &[ModuleFile],
    listing: Option<&Listing>,
    ctx: &RunContext,
    settings: &ModuleSettings,
    texts: &[StdinInput],
) -> Outcome {
    let checked = guard::contain(|| {
        source::with_deep_stack(|| check_module(index, files, listing, ctx, settings, texts))
    });
    checked.unwrap_or_else(|panic| {
        let mut out = Outcome::default();
        for (i, file) in files.iter().enumerate() {
            let id = id_base(index) + i as FileId;
            out.read += 1;
            if file.reported {
                out.files += 1;
                out.findings.push(Box::new(guard::internal_error(
                    Span::point(id, 0),
                    "checking this file's module",
                    &panic,
                )));
                out.sources.push(Box::new(SourceFile::new(
                    id,
                    file.path.clone(),
                    file.display.clone(),
                    String::new(),
                )));
            }
        }
        out
    })
}

/// Where, in a root module's range of file ids, the ids of files read by `file()` start.
const FILE_FUNCTION_IDS: FileId = 1 << 23;

fn check_module(
    index: usize,
    files: &[ModuleFile],
    listing: Option<&Listing>,
    ctx: &RunContext,
    settings: &ModuleSettings,
    texts: &[StdinInput],
) -> Outcome {
    let mut ids = Ids(id_base(index));
    let mut out = Outcome::default();
    let dir = files
        .first()
        .and_then(|f| f.path.parent())
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let read = load::read_files(&dir, files, texts, &mut ids);
    out.files = read.reported.len();
    let installed = Installed::new(&dir, listing);
    let names_client = relevance::root_names_client(&read.sources, &dir, &installed, ctx);
    let mut maps = JsonMaps::new();
    let loaded = parse::parse_root(
        dir.clone(),
        read,
        names_client,
        &settings.rules,
        &mut ids,
        &mut maps,
        &mut out,
    );
    // Files that expressions read take ids past any the module's own files could reach.
    // A walked folder (or one a named variables file reports) lints its tfvars files.
    let var_files_linted = files.iter().all(|f| f.reported && !f.explicit);
    let files = FileReader::new(dir.clone(), id_base(index) + FILE_FUNCTION_IDS);
    if names_client && !loaded.bodies.is_empty() {
        let decls = Declarations::collect(&loaded.bodies);
        let inputs = inputs::root_inputs(
            &decls,
            &dir,
            listing,
            &settings.variables,
            (texts, var_files_linted),
            &mut ids,
            &mut out,
        );
        let mut calls = Calls {
            settings,
            ids: &mut ids,
            out: &mut out,
            maps: &mut maps,
            installed: &installed,
            files: &files,
            root: (dir, OnceCell::new()),
            stack: Vec::new(),
        };
        let budget = RootBudget::start();
        calls.instance(&loaded, &decls, &inputs, "", "", false);
        if let Some((cut, span)) = budget.finish() {
            out.findings
                .extend(budget_finding(cut, span, &settings.rules).map(Box::new));
        }
        remap(&mut out.findings, &maps);
        crate::fix::settle(&mut out.findings, &out.sources);
    }
    out.client_blocks.sort_unstable();
    out.client_blocks.dedup();
    out.read = out.sources.len();
    // Files read by `file()` and its kin are data, not configuration: not counted as read.
    out.sources
        .extend(files.into_sources().into_iter().map(Box::new));
    crate::finding::share_texts(&mut out.findings, &ctx.texts);
    trim::keep_sources_of_findings(&mut out, ctx.keep);
    out
}
