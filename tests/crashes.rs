//! Inputs that crashed or hung the linter, or came close (fuzzer finds and hand-made cases),
//! kept as regression fixtures in `tests/fixtures/crashes/`. The first byte of each file picks
//! how it is read, as in the fuzz target (`fuzz/fuzz_targets/pipeline.rs`): 0 a `.tf` file, 1 a
//! `.tf.json` file, 2 two `.tf` files of one module split at the first NUL byte.

use cognito_lint::render::{render, Format, RenderOptions};
use cognito_lint::{lint_texts, Report, RuleSelection};
use std::path::Path;
use std::time::{Duration, Instant};

fn lint(data: &[u8]) -> Report {
    let (&mode, rest) = data.split_first().expect("a crash fixture is not empty");
    let (text, _) = cognito_lint::source::decode(0, rest.to_vec());
    let selection = RuleSelection::default();
    match mode % 3 {
        0 => lint_texts(&[("main.tf", &text)], &selection),
        1 => lint_texts(&[("main.tf.json", &text)], &selection),
        _ => {
            let (a, b) = text.split_once('\0').unwrap_or((&text, ""));
            lint_texts(&[("a.tf", a), ("b.tf", b)], &selection)
        }
    }
}

#[test]
fn every_crash_fixture_runs_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/crashes");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    for path in paths {
        let started = Instant::now();
        let report = lint(&std::fs::read(&path).unwrap());
        for f in &report.findings {
            assert_ne!(f.code(), "COG990", "{}: {}", path.display(), f.diag.message);
        }
        for format in [Format::Pretty, Format::Json, Format::Sarif, Format::Compact] {
            let _ = render(&report, format, &RenderOptions::default());
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{} took {:?}",
            path.display(),
            started.elapsed()
        );
    }
}
