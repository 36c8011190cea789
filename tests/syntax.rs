//! No false syntax errors: what Terraform parses, the linter parses.
//!
//! - `tests/corpus/*.tf`: valid Terraform of every kind (heredocs, directives, for expressions,
//!   splats, legacy indexes, comments, namespaced functions, unicode identifiers, escapes...);
//! - `tests/corpus/gaps/*.tf`: one file per construct the parser used to reject;
//! - `tests/corpus/invalid/*.tf`: files Terraform rejects, which must stay COG000;
//! - a seeded generator of HCL-ish files, compared with `terraform fmt` when `terraform` is on
//!   PATH (skipped, with a printed reason, when it is not).
//!
//! `COGNITO_LINT_DIFF_CASES=N` runs N generated files instead of the default 120, and
//! `COGNITO_LINT_DIFF_SEED=S` starts the generator elsewhere.

#[path = "common/hcl_gen.rs"]
mod hcl_gen;

use cognito_lint::{lint_texts, RuleSelection};
use hcl_gen::Gen;
use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus(sub: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(sub);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tf"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} is empty", dir.display());
    files
}

/// The COG000 messages for `text`, read whole as a named file.
fn syntax_errors(name: &str, text: &str) -> Vec<String> {
    let report = lint_texts(&[(name, text)], &RuleSelection::default());
    report
        .findings
        .iter()
        .filter(|f| f.code() == "COG000" || f.code() == "COG990")
        .map(|f| {
            let (line, col) = report
                .source(f.diag.span.file)
                .line_col(f.diag.span.bytes().start);
            format!("{name}:{line}:{col}: {} {}", f.code(), f.diag.message)
        })
        .collect()
}

fn read(path: &Path) -> String {
    String::from_utf8(std::fs::read(path).unwrap()).unwrap()
}

/// Whether `terraform` is on PATH; prints why a check is skipped when it is not.
fn terraform(check: &str) -> bool {
    let found = Command::new("terraform")
        .arg("version")
        .env("CHECKPOINT_DISABLE", "1")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!(
            "SKIPPED {check}: `terraform` is not on PATH, so there is nothing to compare with"
        );
    }
    found
}

/// Whether `terraform fmt` parses the file (formatting differences do not count).
fn terraform_parses(path: &Path) -> bool {
    Command::new("terraform")
        .args(["fmt", "-no-color", "-write=false", "-list=false"])
        .arg(path)
        .env("CHECKPOINT_DISABLE", "1")
        .env("TF_CLI_CONFIG_FILE", "/dev/null")
        .output()
        .expect("terraform runs")
        .status
        .success()
}

#[test]
fn valid_terraform_is_never_a_syntax_error() {
    let mut errors = Vec::new();
    for path in corpus("").into_iter().chain(corpus("gaps")) {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        errors.extend(syntax_errors(&name, &read(&path)));
    }
    assert!(errors.is_empty(), "\n{}", errors.join("\n"));
}

#[test]
fn invalid_terraform_stays_a_syntax_error() {
    for path in corpus("invalid") {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let errors = syntax_errors(&name, &read(&path));
        assert!(
            errors.iter().any(|e| e.contains("COG000")),
            "{name} parsed, but Terraform rejects it"
        );
    }
}

#[test]
fn the_corpus_agrees_with_terraform() {
    if !terraform("the_corpus_agrees_with_terraform") {
        return;
    }
    for path in corpus("").into_iter().chain(corpus("gaps")) {
        assert!(
            terraform_parses(&path),
            "{} is in the valid corpus, but terraform fmt rejects it",
            path.display()
        );
    }
    for path in corpus("invalid") {
        assert!(
            !terraform_parses(&path),
            "{} is in the invalid corpus, but terraform fmt accepts it",
            path.display()
        );
    }
}

/// Random files from a small grammar of Terraform's native syntax, valid and not: wherever
/// Terraform parses one, the linter must not call it a syntax error.
#[test]
fn generated_files_parse_where_terraform_parses_them() {
    if !terraform("generated_files_parse_where_terraform_parses_them") {
        return;
    }
    let cases: usize = std::env::var("COGNITO_LINT_DIFF_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(120);
    let dir = tempfile::tempdir().unwrap();
    let seed = std::env::var("COGNITO_LINT_DIFF_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x5eed_c0de_1234_5678);
    let mut gen = Gen(hcl_gen::Xorshift(seed));
    let mut false_errors = Vec::new();
    let mut both_parse = 0;
    for i in 0..cases {
        let text = gen.file();
        let path = dir.path().join(format!("case{i}.tf"));
        std::fs::write(&path, &text).unwrap();
        let ours = syntax_errors("case.tf", &text);
        if terraform_parses(&path) {
            both_parse += usize::from(ours.is_empty());
            if !ours.is_empty() {
                false_errors.push(format!(
                    "{}\n--- {}\n{text}",
                    ours.join("\n"),
                    path.display()
                ));
            }
        }
    }
    assert!(
        false_errors.is_empty(),
        "{} of {cases} files Terraform parses are COG000:\n{}",
        false_errors.len(),
        false_errors.join("\n\n")
    );
    // The generator must mostly make valid files, or the test proves little.
    assert!(
        both_parse * 2 > cases,
        "only {both_parse} of {cases} generated files were valid"
    );
}
