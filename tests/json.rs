//! Terraform JSON inputs: hand-written `.tf.json`, mixed `.tf`/`.tf.json` modules, cdktf
//! output and plan files. Each case folder under `tests/fixtures/json/` has an `expected.txt`
//! listing `file:line CODE address`, one finding a line, all rules enabled; a case with a
//! `plan.json` lints that file, the others lint the folder.

use cognito_lint::{lint, LintOptions};
use std::path::{Path, PathBuf};

fn case_findings(case: &Path) -> Vec<String> {
    let plan = case.join("plan.json");
    let path = if plan.is_file() {
        plan
    } else {
        case.to_path_buf()
    };
    let report = lint(&LintOptions {
        paths: vec![path],
        ..LintOptions::default()
    })
    .expect("the case lints");
    let mut lines: Vec<String> = report
        .findings
        .iter()
        .map(|f| {
            let source = report.source(f.diag.span.file);
            let rel = source
                .path
                .strip_prefix(case)
                .unwrap_or(&source.path)
                .to_string_lossy()
                .replace('\\', "/");
            let line = source.line_col(f.diag.span.bytes().start).0;
            format!("{rel}:{line} {} {}", f.code(), f.resource().unwrap_or("-"))
        })
        .collect();
    lines.sort();
    lines
}

#[test]
fn json_cases_yield_exactly_the_expected_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/json");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 3);
    let mut failures = Vec::new();
    for case in cases {
        let expected_text =
            std::fs::read_to_string(case.join("expected.txt")).expect("expected.txt");
        let mut expected: Vec<String> = expected_text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect();
        expected.sort();
        let found = case_findings(&case);
        if found != expected {
            failures.push(format!(
                "{}:\n  found:\n    {}\n  expected:\n    {}",
                case.display(),
                found.join("\n    "),
                expected.join("\n    ")
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn json_spans_point_at_the_json_value() {
    let case = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/json/handwritten");
    let report = lint(&LintOptions {
        paths: vec![case],
        ..LintOptions::default()
    })
    .unwrap();
    let f = report
        .findings
        .iter()
        .find(|f| f.code() == "COG108")
        .unwrap();
    let source = report.source(f.diag.span.file);
    assert_eq!(
        &source.text[f.diag.span.bytes()],
        "\"http://${var.domain}/legacy\""
    );
    assert_eq!(source.line_col(f.diag.span.bytes().start), (29, 13));
}

#[test]
fn invalid_json_is_a_syntax_error_at_its_position() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf.json"),
        "{\n  \"resource\": {\n    \"aws_cognito_user_pool_client\": {\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("ok.tf"), "resource \"aws_cognito_user_pool_client\" \"x\" {\n  name = \"x\"\n  user_pool_id = \"p\"\n  access_token_validity = 48\n  prevent_user_existence_errors = \"ENABLED\"\n}\n").unwrap();
    let report = lint(&LintOptions {
        paths: vec![dir.path().to_path_buf()],
        ..LintOptions::default()
    })
    .unwrap();
    let codes: Vec<&str> = report.findings.iter().map(|f| f.code()).collect();
    assert_eq!(
        codes,
        ["COG000", "COG001"],
        "the broken JSON file does not hide the other file"
    );
}

#[test]
fn a_json_file_that_is_not_a_plan_is_named_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("package.json");
    std::fs::write(&path, "{\"name\": \"x\"}").unwrap();
    let report = lint(&LintOptions {
        paths: vec![path],
        ..LintOptions::default()
    })
    .unwrap();
    assert_eq!(report.findings.len(), 1);
    assert!(report.findings[0]
        .diag
        .message
        .contains("not a Terraform plan"));
}

#[test]
fn pretty_renders_point_into_the_json() {
    use cognito_lint::render::{render, Format, RenderOptions};
    for case in ["handwritten", "plan"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/json")
            .join(case);
        let plan = dir.join("plan.json");
        let path = if plan.is_file() { plan } else { dir.clone() };
        // Relative paths, so that the snapshot does not depend on where the clone is.
        let rel = path
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .to_path_buf();
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(
            cwd,
            Path::new(env!("CARGO_MANIFEST_DIR")),
            "cargo runs tests from the crate root"
        );
        let report = lint(&LintOptions {
            paths: vec![rel],
            ..LintOptions::default()
        })
        .unwrap();
        let rendered = render(&report, Format::Pretty, &RenderOptions::default());
        insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(format!("json-{case}"), rendered);
        });
    }
}
