use clap::{CommandFactory, Parser};
use cognito_lint::cli::{Cli, Command, ListFormat};
use cognito_lint::fs;
use cognito_lint::render::{self, RenderOptions};
use cognito_lint::rules::{all_meta, find_meta};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

// The parser allocates a node for every token; mimalloc makes that markedly cheaper than the
// system allocator (see scripts/bench.sh).
#[global_allocator]
static GLOBAL: Mimalloc = Mimalloc;

/// mimalloc, asked for alignment only when a type needs more than its blocks give. The
/// `mimalloc` crate's allocator calls `mi_malloc_aligned` for every allocation, which checks
/// the alignment of the block it found each time. Every mimalloc block is aligned to a word at
/// least (block sizes are multiples of it), so a word's alignment or less needs no check.
struct Mimalloc;

const WORD: usize = std::mem::size_of::<usize>();

// SAFETY: the functions are mimalloc's own, called as its header says: blocks freed with
// `mi_free` whichever function allocated them, and `mi_realloc*` keeps the contents.
unsafe impl std::alloc::GlobalAlloc for Mimalloc {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= WORD {
            libmimalloc_sys::mi_malloc(layout.size()).cast()
        } else {
            libmimalloc_sys::mi_malloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= WORD {
            libmimalloc_sys::mi_zalloc(layout.size()).cast()
        } else {
            libmimalloc_sys::mi_zalloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        libmimalloc_sys::mi_free(ptr.cast());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= WORD {
            libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast()
        } else {
            libmimalloc_sys::mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
        }
    }
}
use std::time::Instant;

fn main() -> ExitCode {
    // No transparent huge pages for this process: measured on and off (scripts/bench.sh's
    // trees, alternating runs), CPU time is the same within noise, and peak RSS is lower
    // without them: 18 against 40 MiB on the 10k-file monorepo tree, 179 against 207 MiB on
    // the all-clients tree. The kernel applies it to every page touched from here on,
    // whether mimalloc asks for huge pages or the system gives them unasked.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
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
            None => usage_error(&cognito_lint::rules::unknown_rule_message(&rule)),
        },
        Some(Command::Completions { shell }) => {
            let mut command = Cli::command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut command, "cognito-lint", &mut out);
            print(&[String::from_utf8_lossy(&out)]);
            ExitCode::SUCCESS
        }
        Some(Command::Man) => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut out) {
                Ok(()) => {
                    print(&[String::from_utf8_lossy(&out)]);
                    ExitCode::SUCCESS
                }
                Err(e) => usage_error(&format!("cannot write the man page: {e}")),
            }
        }
        Some(Command::Server) => match cognito_lint::server::run() {
            Ok(true) => ExitCode::SUCCESS,
            // `exit` without `shutdown` first, as the protocol says.
            Ok(false) => ExitCode::from(1),
            Err(message) => usage_error(&format!("server: {message}")),
        },
        None => lint_command(cli.lint),
    }
}

fn lint_command(args: cognito_lint::cli::LintArgs) -> ExitCode {
    let started = Instant::now();
    if let Some(message) = args.mistyped_command() {
        return usage_error(&message);
    }
    let outputs = match args.outputs() {
        Ok(outputs) => outputs,
        Err(message) => return usage_error(&message),
    };
    // Before linting: a typo in an output's folder should not cost a whole run.
    for path in outputs.iter().filter_map(|o| o.path.as_deref()) {
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
        if folder.is_some_and(|f| !f.is_dir()) {
            return usage_error(&format!(
                "cannot write `{}`: its folder does not exist",
                path.display()
            ));
        }
    }
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
    let jobs = settings
        .options
        .jobs
        .or_else(|| cognito_lint::one_module(&settings.options).then_some(1));
    let pool = match cognito_lint::thread_pool(jobs) {
        Ok(pool) => pool,
        Err(e) => return usage_error(&e.to_string()),
    };
    let fixes = match args.fixes() {
        Ok(fixes) => fixes,
        Err(message) => return usage_error(&message),
    };
    let report = match fixes {
        None => cognito_lint::lint_with(&pool, &settings.options),
        Some(fixes) => match fix_command(&pool, &settings.options, fixes) {
            Ok(Ok(report)) => Ok(report),
            Ok(Err(code)) => return code,
            Err(e) => Err(e),
        },
    };
    let report = match report {
        Ok(report) => report,
        Err(e) => return usage_error(&e.to_string()),
    };
    let no_color_env = std::env::var_os("NO_COLOR");
    for output in &outputs {
        let terminal = output.path.is_none() && std::io::stdout().is_terminal();
        let render_options = RenderOptions {
            color: args.colored(terminal, no_color_env.as_deref()),
            width: terminal_width(output.path.is_none()),
            show_suppressed: args.show_suppressed,
            quiet: args.quiet,
        };
        // Drawn as it is written, on the run's workers: the output is never held whole.
        let written = pool.install(|| {
            let parts = render::render_parts(&report, output.format, &render_options);
            match &output.path {
                None => {
                    print_parts(&parts);
                    Ok(())
                }
                Some(path) => fs::write_atomically_with(path, |out| parts.write_to(out)),
            }
        });
        if let (Err(e), Some(path)) = (written, &output.path) {
            return usage_error(&format!("cannot write `{}`: {e}", path.display()));
        }
    }
    // A green run that linted nothing, or nothing in a folder it was given, must be visible
    // (a wrong path in CI, everything excluded).
    for folder in &report.empty_folders {
        eprintln!(
            "cognito-lint: {}",
            render::escape_line(&format!(
                "no Terraform files found under `{}` (none there, or all excluded)",
                folder.display()
            ))
        );
    }
    if args.statistics {
        // Standard error, so that machine formats on standard output stay parseable.
        eprint!("{}", render::statistics(&report, started.elapsed()));
    }
    // A file that could not be fully checked (COG990, a bug) fails the run, suppressed or not.
    let code = if report
        .findings
        .iter()
        .chain(&report.suppressed)
        .any(|f| cognito_lint::guard::is_internal_error(f))
    {
        eprintln!("cognito-lint: internal error; some files were not fully checked (COG990)");
        ExitCode::from(2)
    } else if !args.exit_zero && report.findings.iter().any(|f| report.fails(f)) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends here, and the system takes its memory back at once: freeing the report
    // (every finding, every text kept) piece by piece would only add to the run's time.
    std::mem::forget(report);
    code
}

/// `--fix`, `--unsafe-fixes`, `--add-suppressions`: the files fixed, and the report of what is
/// left to render. `--diff`: the diff printed, and the exit code (`Err`).
fn fix_command(
    pool: &rayon::ThreadPool,
    options: &cognito_lint::LintOptions,
    fixes: cognito_lint::fix::FixOptions,
) -> Result<Result<cognito_lint::Report, ExitCode>, cognito_lint::RunError> {
    let run = cognito_lint::fix::run(pool, options, fixes, &|_| {})?;
    for note in &run.notes {
        eprintln!("cognito-lint: {}", render::escape_line(note));
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let what = match (run.fixed, run.suppressions) {
        (fixed, 0) => plural(fixed, "finding") + " fixed",
        (0, added) => plural(added, "suppression comment") + " added",
        (fixed, added) => format!(
            "{} fixed, {} added",
            plural(fixed, "finding"),
            plural(added, "suppression comment")
        ),
    };
    if !fixes.write {
        print(&[cognito_lint::fix::unified_diff(&run.files)]);
        eprintln!(
            "cognito-lint: would change {} ({what})",
            plural(run.files.len(), "file")
        );
        let internal = run
            .report
            .findings
            .iter()
            .any(|f| cognito_lint::guard::is_internal_error(f));
        return Ok(Err(match (internal, run.files.is_empty()) {
            (true, _) => ExitCode::from(2),
            (false, false) => ExitCode::from(1),
            (false, true) => ExitCode::SUCCESS,
        }));
    }
    if !run.files.is_empty() {
        eprintln!(
            "cognito-lint: {what}; {} written",
            plural(run.written, "file")
        );
    }
    Ok(Ok(run.report))
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

/// Where `pretty` wraps: `$COLUMNS` when set, else the terminal's width (standard output's,
/// when that is where the output goes), else 80.
fn terminal_width(to_stdout: bool) -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .filter(|&c: &usize| c > 0)
        .or_else(|| {
            to_stdout
                .then(|| terminal_size::terminal_size_of(std::io::stdout()))
                .flatten()
                .map(|(terminal_size::Width(w), _)| usize::from(w))
        })
        .unwrap_or(80)
}

/// Writes `parts` to standard output; a closed pipe (`| head`) ends the writing, not the run.
fn print_parts(parts: &render::Parts) {
    let mut stdout = std::io::stdout().lock();
    if parts.write_to(&mut stdout).is_ok() {
        let _ = stdout.flush();
    }
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
