//! Which folders are worth parsing: those that name a client, themselves or through a module
//! they call. Every file of the run is searched for [`CLIENT_NEEDLE`], so this is the step that
//! lets a monorepo's other folders cost no more than reading them.

use super::calls::MAX_MODULE_DEPTH;
use super::installed::Installed;
use super::RunContext;
use crate::discover::terraform_files;
use crate::fs::{self, canonical};
use crate::source::SourceFile;
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

/// Both client resource types contain this: a folder none of whose files does (itself or
/// through the modules it calls) holds no client to check.
pub const CLIENT_NEEDLE: &str = "user_pool_client";

/// Whether a text names a client (see [`CLIENT_NEEDLE`]).
fn text_names_client(text: &str) -> bool {
    static FINDER: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(CLIENT_NEEDLE));
    FINDER.find(text.as_bytes()).is_some()
}

/// Whether a root module names a client: in one of its files, in a local module it calls, or in
/// a module `terraform init` installed for it.
pub(super) fn root_names_client(
    sources: &[Box<SourceFile>],
    dir: &Path,
    installed: &Installed,
    ctx: &RunContext,
) -> bool {
    sources.iter().any(|s| text_names_client(&s.text))
        || sources.iter().any(|s| {
            local_sources(&s.text)
                .iter()
                .any(|src| folder_names_client(&dir.join(src), ctx, 0))
        })
        || installed
            .dirs()
            .iter()
            .any(|d| folder_names_client(d, ctx, 0))
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

/// Whether a folder, or a local module it calls, names a client; cached for the run.
fn folder_names_client(dir: &Path, ctx: &RunContext, depth: usize) -> bool {
    let key = canonical(dir);
    if let Some(known) = ctx
        .names_client
        .lock()
        .ok()
        .and_then(|m| m.get(&key).copied())
    {
        return known;
    }
    if depth > MAX_MODULE_DEPTH {
        return false;
    }
    // Marked false first, so that a module calling itself terminates.
    if let Ok(mut m) = ctx.names_client.lock() {
        m.insert(key.clone(), false);
    }
    let texts: Vec<String> = terraform_files(dir)
        .iter()
        .filter_map(|p| fs::read_file(p).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    let result = texts.iter().any(|t| text_names_client(t))
        || texts
            .iter()
            .flat_map(|t| local_sources(t))
            .any(|src| folder_names_client(&dir.join(src), ctx, depth + 1));
    if let Ok(mut m) = ctx.names_client.lock() {
        m.insert(key, result);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_sources_are_found() {
        let text = "module \"a\" {\n  source = \"./modules/a\"\n}\nmodule \"b\" {\n  source = \"hashicorp/x/aws\"\n}\n";
        assert_eq!(local_sources(text), vec!["./modules/a".to_string()]);
    }
}
