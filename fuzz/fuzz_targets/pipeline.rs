//! Bytes in a Terraform file → findings, through the whole pipeline: decoding, the scanner,
//! the parser, evaluation, extraction, every rule, suppressions and every output format.
//!
//! The first byte picks how the bytes are read (a `.tf` file, a `.tf.json` file, or two `.tf`
//! files of one module split at the first NUL byte), so that one corpus covers them all.
//! Besides crashes (any panic aborts under libFuzzer, even one the linter would contain), it
//! checks two properties:
//! - no COG990: nothing failed inside;
//! - a file read whole and the same file read through the scanner (which blanks the blocks no
//!   rule reads) give the same findings whenever the whole file parses.
#![no_main]

use cognito_lint::render::{render, Format, RenderOptions};
use cognito_lint::{lint_texts, RuleSelection};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (text, _) = cognito_lint::source::decode(0, rest.to_vec());
    let selection = RuleSelection::default();
    let report = match mode % 3 {
        0 => lint_texts(&[("main.tf", &text)], &selection),
        1 => lint_texts(&[("main.tf.json", &text)], &selection),
        _ => {
            let (a, b) = text.split_once('\0').unwrap_or((&text, ""));
            lint_texts(&[("a.tf", a), ("b.tf", b)], &selection)
        }
    };
    for f in &report.findings {
        assert!(
            !cognito_lint::guard::is_internal_error(f),
            "internal error: {}",
            f.diag.message
        );
    }
    for format in [Format::Pretty, Format::Json, Format::Sarif, Format::Compact] {
        let _ = render(&report, format, &RenderOptions::default());
    }
    if mode % 3 == 0 {
        let whole = check(&text, true);
        if !whole.iter().any(|f| f.0 == "COG000") {
            assert_eq!(whole, check(&text, false), "the scanner changed the findings");
        }
    }
});

type Found = Vec<(&'static str, usize, usize, String)>;

/// The findings of `main.tf` holding `text`, read whole (`explicit`, as when named) or through
/// the scanner (as when found in a walked folder).
fn check(text: &str, explicit: bool) -> Found {
    use cognito_lint::discover::ModuleFile;
    use cognito_lint::module::{check_root, RootVariables, RunContext};
    let selection = RuleSelection::default();
    let ctx = RunContext::new(&selection, RootVariables::default(), false);
    let files = vec![ModuleFile {
        path: "main.tf".into(),
        display: "main.tf".into(),
        reported: true,
        explicit,
    }];
    let texts = [cognito_lint::StdinInput {
        path: "main.tf".into(),
        text: text.to_string(),
    }];
    let mut found: Found = check_root(1, files, &ctx, &texts)
        .findings
        .into_iter()
        .map(|f| (f.code, f.diag.span.start, f.diag.span.end, f.diag.message))
        .collect();
    found.sort();
    found
}
