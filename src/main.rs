use clap::Parser;
use cognito_lint::cli::{Cli, Command, ListFormat};
use cognito_lint::finding::Severity;
use cognito_lint::render::{self, PrettyOptions};
use cognito_lint::rules::{all_meta, find_meta};
use cognito_lint::{lint, LintOptions, RuleSelection};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

// The parser allocates a node for every token; mimalloc makes that markedly cheaper than the
// system allocator (see scripts/bench.sh).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A crash must never look like a clean run.
    match std::panic::catch_unwind(|| run(cli)) {
        Ok(code) => code,
        Err(_) => {
            eprintln!(
                "cognito-lint: internal error; please report it with the input that caused it"
            );
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Rules { format }) => list_rules(format),
        Some(Command::Explain { rule }) => match find_meta(&rule) {
            Some(meta) => {
                print(meta.doc);
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("cognito-lint: unknown rule `{rule}`; `cognito-lint rules` lists them");
                ExitCode::from(2)
            }
        },
        None => lint_command(cli.lint),
    }
}

fn lint_command(args: cognito_lint::cli::LintArgs) -> ExitCode {
    let mut selection = RuleSelection {
        select: args.select,
        ignore: args.ignore,
        ..RuleSelection::default()
    };
    for code in selection.select.iter().flatten().chain(&selection.ignore) {
        if !code.eq_ignore_ascii_case("all") && find_meta(code).is_none() {
            eprintln!("cognito-lint: unknown rule `{code}`; `cognito-lint rules` lists them");
            return ExitCode::from(2);
        }
    }
    for item in &args.severity {
        let parsed = item.split_once('=').and_then(|(code, level)| {
            Some((find_meta(code.trim())?, Severity::parse(level.trim())?))
        });
        match parsed {
            Some((meta, level)) => {
                selection.severity.insert(meta.code.to_string(), level);
            }
            None => {
                eprintln!("cognito-lint: --severity expects CODE=LEVEL with LEVEL one of error, warning, info; got `{item}`");
                return ExitCode::from(2);
            }
        }
    }
    let mut variables = Vec::new();
    for item in &args.vars {
        match item.split_once('=') {
            Some((name, value)) if !name.trim().is_empty() => {
                variables.push((name.trim().to_string(), value.to_string()))
            }
            _ => {
                eprintln!("cognito-lint: --var expects NAME=VALUE; got `{item}`");
                return ExitCode::from(2);
            }
        }
    }
    let options = LintOptions {
        paths: args.paths,
        rules: selection,
        jobs: args.jobs,
        variables,
        var_files: args.var_files,
        ..LintOptions::default()
    };
    let report = match lint(&options) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("cognito-lint: {e}");
            return ExitCode::from(2);
        }
    };
    let color =
        !args.no_color && std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal();
    let pretty = PrettyOptions {
        color,
        width: if color { terminal_width() } else { 100 },
    };
    let mut out = render::render(&report, args.format, &pretty);
    if args.quiet && args.format == render::Format::Pretty {
        // Drop the summary line.
        let trimmed = out.trim_end_matches('\n');
        out = trimmed
            .rsplit_once('\n')
            .map_or(String::new(), |(body, _)| format!("{body}\n"));
    }
    print(&out);
    let fail_on = Severity::from(args.fail_on);
    if report.findings.iter().any(|f| f.severity >= fail_on) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn list_rules(format: ListFormat) -> ExitCode {
    let metas = all_meta();
    let out = match format {
        ListFormat::Json => {
            let rules: Vec<serde_json::Value> = metas
                .iter()
                .map(|m| {
                    serde_json::json!({
                        "code": m.code,
                        "name": m.name,
                        "severity": m.severity.as_str(),
                        "summary": m.summary,
                        "doc": m.doc_path(),
                    })
                })
                .collect();
            serde_json::to_string_pretty(&rules).unwrap_or_default() + "\n"
        }
        ListFormat::Text => {
            let width = metas.iter().map(|m| m.name.len()).max().unwrap_or(0);
            metas
                .iter()
                .map(|m| {
                    format!(
                        "{}  {:<7}  {:<width$}  {}\n",
                        m.code,
                        m.severity.as_str(),
                        m.name,
                        m.summary
                    )
                })
                .collect()
        }
    };
    print(&out);
    ExitCode::SUCCESS
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}
