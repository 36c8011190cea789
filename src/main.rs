use clap::Parser;
use cognito_lint::cli::{Cli, Command, ListFormat};
use cognito_lint::fs;
use cognito_lint::render::{self, RenderOptions};
use cognito_lint::rules::{all_meta, find_meta};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

// The parser allocates a node for every token; mimalloc makes that markedly cheaper than the
// system allocator (see scripts/bench.sh).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::time::Instant;

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
                print(&[meta.doc]);
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
    let started = Instant::now();
    let stdin = if args.reads_stdin() {
        let bytes = match fs::read_stream_at_most(std::io::stdin(), fs::MAX_FILE_SIZE) {
            Ok(bytes) => bytes,
            Err(e) => return usage_error(&format!("cannot read standard input: {e}")),
        };
        match String::from_utf8(bytes) {
            Ok(text) => Some(text),
            Err(_) => return usage_error("standard input is not UTF-8 text"),
        }
    } else {
        None
    };
    let settings = match args.settings(stdin) {
        Ok(settings) => settings,
        Err(message) => return usage_error(&message),
    };
    if let Some(jobs) = settings
        .options
        .jobs
        .filter(|&j| j > cognito_lint::max_jobs())
    {
        eprintln!(
            "cognito-lint: note: -j {jobs} is more than this machine can use; running {} workers",
            cognito_lint::max_jobs()
        );
    }
    let pool = match cognito_lint::thread_pool(settings.options.jobs) {
        Ok(pool) => pool,
        Err(e) => return usage_error(&e.to_string()),
    };
    let report = match cognito_lint::lint_with(&pool, &settings.options) {
        Ok(report) => report,
        Err(e) => return usage_error(&e.to_string()),
    };
    let color =
        !args.no_color && std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal();
    let render_options = RenderOptions {
        color,
        width: if color { terminal_width() } else { 100 },
        show_suppressed: args.show_suppressed,
    };
    let mut out = pool.install(|| render::render_parts(&report, args.format, &render_options));
    if args.quiet && args.format == render::Format::Pretty {
        // Drop the summary line.
        let whole = out.concat();
        let trimmed = whole.trim_end_matches('\n');
        out = vec![trimmed
            .rsplit_once('\n')
            .map_or(String::new(), |(body, _)| format!("{body}\n"))];
    }
    print(&out);
    if args.statistics {
        // Standard error, so that machine formats on standard output stay parseable.
        eprint!("{}", render::statistics(&report, started.elapsed()));
    }
    // A file that could not be fully checked (COG990, a bug) fails the run, suppressed or not.
    let code = if report
        .findings
        .iter()
        .chain(&report.suppressed)
        .any(cognito_lint::guard::is_internal_error)
    {
        eprintln!("cognito-lint: internal error; some files were not fully checked (COG990)");
        ExitCode::from(2)
    } else if report.findings.iter().any(|f| report.fails(f)) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends here, and the system takes its memory back at once: freeing the report
    // (every finding, every text kept) piece by piece would only add to the run's time.
    std::mem::forget(report);
    std::mem::forget(out);
    code
}

fn usage_error(message: &str) -> ExitCode {
    // It may quote a config file or a path: shown with control characters escaped.
    eprintln!("cognito-lint: {}", render::escape_line(message));
    ExitCode::from(2)
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
    print(&[&out]);
    ExitCode::SUCCESS
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
fn print<S: AsRef<str>>(parts: &[S]) {
    let mut stdout = std::io::stdout().lock();
    for part in parts {
        if stdout.write_all(part.as_ref().as_bytes()).is_err() {
            break;
        }
    }
    let _ = stdout.flush();
}
