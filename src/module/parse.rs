//! Parsing a module's files: `.tf` files with the blocks no rule reads blanked out first (see
//! [`crate::scan`]), `.tf.json` files translated to native syntax with a map back to the JSON
//! text, and named plan files checked as plans.

use super::context::client_block_key;
use super::ids::Ids;
use super::load::{Loaded, ReadFiles};
use super::plan::{check_plan, is_plan_candidate};
use super::Outcome;
use crate::discover::is_json_config;
use crate::finding::{Finding, Findings};
use crate::guard;
use crate::json::{self, SpanMap};
use crate::rules::run::syntax_finding;
use crate::rules::RuleSelection;
use crate::scan;
use crate::source::{self, SourceFile, SyntaxError};
use crate::value::{FileId, Span};
use hcl_edit::structure::Body;
use std::collections::HashMap;
use std::path::PathBuf;

/// Parses a root module's files. A folder that names no client is not parsed (syntax errors
/// there are Terraform's business), but a named file always is; a named `.json` file that is
/// not a configuration is checked as a plan. Syntax errors become findings in the files whose
/// findings are reported: a sibling read only as context reports nothing, its syntax errors
/// included.
pub(super) fn parse_root(
    dir: PathBuf,
    read: ReadFiles,
    names_client: bool,
    selection: &RuleSelection,
    ids: &mut Ids,
    maps: &mut JsonMaps,
    out: &mut Outcome,
) -> Loaded {
    let ReadFiles {
        sources,
        errors,
        reported,
        explicit,
    } = read;
    let mut loaded = Loaded {
        dir,
        bodies: Vec::new(),
        errors,
        reported,
    };
    let failed: std::collections::HashSet<FileId> =
        loaded.errors.iter().map(|e| e.span.file).collect();
    let mut to_parse: Vec<&SourceFile> = Vec::new();
    for source in &sources {
        if failed.contains(&source.id) || !(names_client || explicit.contains(&source.id)) {
            continue;
        }
        if is_plan_candidate(&source.path) && explicit.contains(&source.id) {
            let (checked, blocks) = check_plan(source, selection);
            out.findings
                .extend(checked.findings.into_iter().map(Box::new));
            out.clients += checked.clients;
            out.unknowns
                .add(checked.with_unknowns, &checked.unknown_causes);
            out.client_blocks.extend(
                (blocks.into_iter()).map(|offset| client_block_key(&source.display, offset)),
            );
            continue;
        }
        to_parse.push(source);
    }
    let (bodies, parse_errors) = parse_module(
        &to_parse,
        &|id| explicit.contains(&id),
        ids,
        maps,
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
    for error in std::mem::take(&mut loaded.errors) {
        if loaded.reported.contains(&error.span.file) {
            out.findings
                .extend(syntax_finding(error, selection).map(Box::new));
        }
    }
    out.sources.extend(sources);
    loaded
}

/// Parses a module's files. In files read whole (`whole`: named on the command line) every
/// block is parsed; in the others, the blocks and locals no rule reads are blanked out first
/// (see [`scan`]), and a file left with nothing is not parsed at all.
pub(super) fn parse_module(
    sources: &[&SourceFile],
    whole: &dyn Fn(FileId) -> bool,
    ids: &mut Ids,
    maps: &mut JsonMaps,
    internal: &mut Findings,
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
            Err(panic) => internal.push(Box::new(guard::internal_error(
                Span::point(source.id, 0),
                "parsing this file",
                &panic,
            ))),
        }
    }
    (bodies, errors)
}

/// The generated native text of JSON files: its file id → (the JSON file's id, the map).
pub(super) type JsonMaps = HashMap<FileId, (FileId, SpanMap)>;

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
            let at = generated
                .map
                .map(error.span.bytes().start, error.span.bytes().start);
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
pub(super) fn remap(findings: &mut [Box<Finding>], maps: &JsonMaps) {
    if maps.is_empty() {
        return;
    }
    let range = |r: crate::value::Range| match maps.get(&r.file) {
        Some((json, map)) => {
            let at = map.map(r.start as usize, r.end as usize);
            crate::value::Range::new(*json, at.start, at.end)
        }
        None => r,
    };
    let span = |s: Span| {
        let r = range(s.range());
        Span {
            origin: s.origin.map(range),
            ..Span::from(r)
        }
    };
    crate::finding::move_blocks(findings, range);
    for f in findings {
        f.diag.span = span(f.diag.span);
        for label in &mut f.diag.labels {
            label.span = span(label.span);
        }
        // Edits go to the JSON end by end (the fix stage writes them in JSON syntax); a fix
        // with an edit that does not map is dropped.
        if let Some(fix) = &mut f.diag.fix {
            let mapped = fix.edits.iter_mut().all(|e| match maps.get(&e.span.file) {
                Some((json, map)) => map
                    .map_edit(e.span.bytes().start, e.span.bytes().end)
                    .is_some_and(|r| {
                        e.span = Span::new(*json, r);
                        true
                    }),
                None => true,
            });
            if !mapped {
                f.diag.fix = None;
            }
        }
    }
}
