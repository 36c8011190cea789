//! Output formats, one file each. Every format renders the same sorted findings.

mod checkstyle;
mod compact;
mod escape;
mod github;
mod gitlab;
mod json;
mod json_writer;
mod junit;
mod parts;
mod pretty;
mod sarif;
mod snippet;
mod xml;

pub use escape::escape_line;
pub use parts::Parts;

use crate::finding::{Finding, Severity};
use crate::report::Report;
use crate::rules::RuleMeta;
use crate::source::Keep;
use crate::source::SourceFile;
use crate::value::Span;

/// How to render: colour and width for `pretty`, and whether suppressed findings are listed.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    pub color: bool,
    pub width: usize,
    /// `--show-suppressed`: list the findings that comments suppressed, marked as such.
    pub show_suppressed: bool,
    /// `-q`: no summary (the line of `pretty` and `github`, the comment of `checkstyle`).
    pub quiet: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            color: false,
            width: 100,
            show_suppressed: false,
            quiet: false,
        }
    }
}

/// Where the rule pages are published (`Cargo.toml`'s `repository`); `explain` prints the same
/// pages offline.
pub const DOCS_BASE_URL: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/");

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Pretty,
    Compact,
    Json,
    Sarif,
    Github,
    Checkstyle,
    Junit,
    /// GitLab Code Quality (the Code Climate subset GitLab reads).
    Gitlab,
}

pub fn render(report: &Report, format: Format, options: &RenderOptions) -> String {
    render_parts(report, format, options).concat()
}

/// The output in parts to be written one after the other: the findings are drawn in parallel
/// chunks as they are written (see [`Parts`]), never joined into one string.
pub fn render_parts<'r>(report: &'r Report, format: Format, options: &RenderOptions) -> Parts<'r> {
    let suppressed: &[Box<Finding>] = if options.show_suppressed {
        &report.suppressed
    } else {
        &[]
    };
    let human = |parts: Parts<'r>| parts.map_text(escape::defuse_workflow_commands);
    match format {
        Format::Pretty => human(pretty::render(report, suppressed, options)),
        Format::Compact => human(compact::render(report, suppressed)),
        Format::Json => json::render(report, suppressed),
        Format::Sarif => sarif::render(report, suppressed),
        Format::Github => github::render(report, suppressed, options),
        Format::Checkstyle => checkstyle::render(report, suppressed, options),
        Format::Junit => junit::render(report, suppressed),
        Format::Gitlab => gitlab::render(report),
    }
}

impl Format {
    /// What the format reads of a file with findings: its text for snippets, or lines and
    /// columns, with fingerprints or not.
    pub fn keeps(self) -> Keep {
        match self {
            Format::Pretty => Keep::Text,
            Format::Sarif | Format::Gitlab => Keep::Fingerprints,
            _ => Keep::Positions,
        }
    }
}

/// The rule's page on the web, for links in every format.
pub fn help_uri(meta: &RuleMeta) -> String {
    format!("{DOCS_BASE_URL}{}", meta.doc_path())
}

/// A span's 1-based line and column at both ends.
pub(crate) struct Position {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

pub(crate) fn positions(file: &SourceFile, span: Span) -> (Position, Position) {
    let at = |offset: usize| {
        let (line, column) = file.line_col(offset);
        Position {
            line,
            column,
            offset,
        }
    };
    (at(span.start as usize), at(span.end as usize))
}

/// `3 errors, 1 warning in 2 files (14 clients checked)`, with `, 2 suppressed` before the
/// parenthesis closes when comments suppressed findings.
pub fn summary_line(report: &Report) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let counts: Vec<String> = [
        (Severity::Error, "error"),
        (Severity::Warning, "warning"),
        (Severity::Info, "info"),
    ]
    .into_iter()
    .filter_map(|(s, word)| {
        let n = report.count(s);
        (n > 0).then(|| {
            if word == "info" {
                format!("{n} info")
            } else {
                plural(n, word)
            }
        })
    })
    .collect();
    let found = if counts.is_empty() {
        "no problems".to_string()
    } else {
        counts.join(", ")
    };
    let suppressed = match report.suppressed.len() {
        0 => String::new(),
        n => format!(", {n} suppressed"),
    };
    // Clients are the root modules' instances; blocks are counted wherever they were reached
    // (a repository whose clients are all in a called module has no client of its own).
    let clients = if report.client_blocks == report.clients {
        plural(report.clients, "client")
    } else {
        format!(
            "{} and {}",
            plural(report.clients, "client"),
            plural(report.client_blocks, "client block")
        )
    };
    let unknowns = match report.unknowns.clients {
        0 => String::new(),
        n if report.show_unknown => format!(", {n} with arguments not known before apply"),
        n => format!(", {n} with arguments not known before apply: --show-unknown lists them"),
    };
    format!(
        "{found} in {} ({clients} checked{unknowns}{suppressed})",
        plural(report.files, "file"),
    )
}

/// Whether `--fix` alone fixes `finding` (pretty and compact mark it `[*]`, as ruff does).
pub fn is_fixable(report: &Report, finding: &Finding) -> bool {
    finding
        .diag
        .fix
        .as_ref()
        .is_some_and(|fix| crate::fix::applies(report, finding, fix, false))
}

/// `[*] 3 fixable with --fix (2 more with --unsafe-fixes)`, when some finding has a fix.
pub fn fixable_line(report: &Report) -> Option<String> {
    let (mut safe, mut more) = (0, 0);
    for finding in &report.findings {
        if is_fixable(report, finding) {
            safe += 1;
        } else if let Some(fix) = &finding.diag.fix {
            more += usize::from(crate::fix::applies(report, finding, fix, true));
        }
    }
    match (safe, more) {
        (0, 0) => None,
        (0, more) => Some(format!("[*] {more} fixable with --unsafe-fixes")),
        (safe, 0) => Some(format!("[*] {safe} fixable with --fix")),
        (safe, more) => Some(format!(
            "[*] {safe} fixable with --fix ({more} more with --unsafe-fixes)"
        )),
    }
}

/// `--statistics`: findings per rule, files, clients and time, for standard error.
pub fn statistics(report: &Report, elapsed: std::time::Duration) -> String {
    use std::fmt::Write;
    let mut per_rule: std::collections::BTreeMap<(&str, &str), (usize, usize)> =
        std::collections::BTreeMap::new();
    for f in &report.findings {
        per_rule.entry((f.code(), f.name())).or_default().0 += 1;
    }
    for f in &report.suppressed {
        per_rule.entry((f.code(), f.name())).or_default().1 += 1;
    }
    let mut out = String::from("cognito-lint statistics\n");
    let _ = writeln!(out, "  files read:     {}", report.files_read);
    let _ = writeln!(out, "  files linted:   {}", report.files);
    let _ = writeln!(out, "  clients:        {}", report.clients);
    let _ = writeln!(out, "  client blocks:  {}", report.client_blocks);
    let _ = writeln!(out, "  with unknowns:  {}", report.unknowns.clients);
    let notes = report.notes();
    let _ = writeln!(out, "  findings:       {}", report.findings.len() - notes);
    if notes > 0 {
        let _ = writeln!(out, "  notes:          {notes}");
    }
    let _ = writeln!(out, "  suppressed:     {}", report.suppressed.len());
    let _ = writeln!(
        out,
        "  time:           {:.1} ms",
        elapsed.as_secs_f64() * 1000.0
    );
    if !report.unknowns.causes.is_empty() {
        out.push_str("  unknown arguments by cause:\n");
        let width = report
            .unknowns
            .causes
            .keys()
            .map(|k| k.len())
            .max()
            .unwrap_or(0);
        for (cause, n) in &report.unknowns.causes {
            let _ = writeln!(out, "    {cause:<width$}  {n:>5}");
        }
    }
    if !per_rule.is_empty() {
        let width = per_rule
            .keys()
            .map(|(_, name)| name.len())
            .max()
            .unwrap_or(0);
        out.push_str("  per rule (found, suppressed):\n");
        for ((code, name), (found, suppressed)) in per_rule {
            let _ = writeln!(
                out,
                "    {code}  {name:<width$}  {found:>5}  {suppressed:>5}"
            );
        }
    }
    out
}

/// Input for the renderers' tests: `count` clients (named apart up to `names` of them, the
/// rest repeating those names) with a token validity out of range and `callback_urls` as given.
#[cfg(test)]
pub(crate) fn test_clients(count: usize, names: usize, callback_urls: &str) -> String {
    (0..count)
        .map(|i| {
            format!(
                "resource \"aws_cognito_user_pool_client\" \"c{}\" {{\n  name = \"c\"\n  \
                 user_pool_id = \"p\"\n  access_token_validity = 48\n  \
                 callback_urls = {callback_urls}\n}}\n",
                i % names
            )
        })
        .collect()
}
