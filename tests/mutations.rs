//! A short, deterministic fuzz run inside `cargo test`, on the stable toolchain: the rule
//! fixtures and the syntax corpus, mutated by a seeded generator (cut, duplicated, truncated,
//! with HCL tokens and odd bytes spliced in), go through the whole pipeline. None may panic
//! (a contained panic is COG990), and a file read whole must give the same findings as the
//! same file read through the scanner (which blanks the blocks no rule reads) whenever it
//! parses. The long, coverage-guided run is `cargo fuzz` (see the README's "Fuzzing").
//!
//! `COGNITO_LINT_MUTATIONS=N` runs N mutations instead of the default 400, and
//! `COGNITO_LINT_MUTATION_SEED=S` starts elsewhere.

#[path = "common/hcl_gen.rs"]
mod hcl_gen;

use hcl_gen::Xorshift;

use cognito_lint::discover::ModuleFile;
use cognito_lint::module::{check_root, RootVariables, RunContext};
use cognito_lint::{lint_texts, RuleSelection, StdinInput};
use std::path::{Path, PathBuf};

/// Pieces of HCL that reach the parser's corners, and bytes that reach the decoder's.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "\"",
    "${",
    "%{",
    "}",
    "~}",
    "<<EOT\n",
    "<<-EOT\n",
    "\nEOT\n",
    "\n",
    "\r\n",
    "\r",
    "#",
    "//",
    "/*",
    "*/",
    "=",
    ":",
    ",",
    ".",
    "[*]",
    ".*",
    "...",
    "=>",
    "?",
    "!",
    "-",
    "for x in ",
    " if ",
    "%{ endif }",
    "%{ endfor }",
    "\\",
    "\\u",
    "é",
    "\u{feff}",
    "\0",
    "$${",
    "%%{",
    "null",
    "true",
    "1e999",
    "-0",
    "var.x",
    "local.y",
    "each.value",
    "count.index",
    "dynamic \"d\" {\n",
    "content {\n",
    "count = 3\n",
    "for_each = {a = 1}\n",
    "resource \"aws_cognito_user_pool_client\" \"m\" {\n",
    "locals {\n",
    "module \"m\" {\n",
    "source = \"./m\"\n",
    "provider::aws::f(",
    "concat(",
    "...)",
];

struct Gen(Xorshift);

impl Gen {
    fn below(&mut self, n: usize) -> usize {
        self.0.below(n)
    }

    fn mutate(&mut self, input: &[u8]) -> Vec<u8> {
        let mut bytes = input.to_vec();
        for _ in 0..1 + self.below(4) {
            let at = self.below(bytes.len() + 1);
            match self.below(6) {
                0 => {
                    let end = (at + self.below(16)).min(bytes.len());
                    bytes.drain(at..end);
                }
                1 => {
                    let end = (at + self.below(64)).min(bytes.len());
                    let piece = bytes[at..end].to_vec();
                    bytes.splice(at..at, piece);
                }
                2 => bytes.truncate(at),
                3 => {
                    let byte = self.below(256) as u8;
                    bytes.insert(at, byte);
                }
                _ => {
                    let token = TOKENS[self.below(TOKENS.len())].as_bytes().to_vec();
                    bytes.splice(at..at, token);
                }
            }
        }
        bytes
    }
}

fn inputs() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["tests/fixtures", "tests/corpus", "tests/corpus/gaps"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
            let path = entry.path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            // The COG990 fixture panics on purpose.
            if path.is_file() && name.ends_with(".tf") && !name.starts_with("COG990") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            (name, std::fs::read(&p).unwrap())
        })
        .collect()
}

type Found = Vec<(&'static str, usize, usize, String)>;

fn check(text: &str, explicit: bool) -> Found {
    let selection = RuleSelection::default();
    let ctx = RunContext::new(
        &selection,
        RootVariables::default(),
        cognito_lint::source::Keep::Text,
    );
    let files = vec![ModuleFile {
        path: "mutated/main.tf".into(),
        display: "main.tf".into(),
        reported: true,
        explicit,
    }];
    let texts = [StdinInput {
        path: "mutated/main.tf".into(),
        text: text.to_string(),
    }];
    let mut found: Found = check_root(1, files, &ctx, &texts)
        .findings
        .into_iter()
        .map(|f| {
            (
                f.code(),
                f.diag.span.bytes().start,
                f.diag.span.bytes().end,
                f.diag.message.to_string(),
            )
        })
        .collect();
    found.sort();
    found
}

#[test]
fn mutated_files_never_break_the_linter() {
    let count: usize = std::env::var("COGNITO_LINT_MUTATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(400);
    let inputs = inputs();
    let seed = std::env::var("COGNITO_LINT_MUTATION_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x0bad_5eed_0000_0007);
    let mut gen = Gen(Xorshift(seed));
    let mut parsed = 0;
    for i in 0..count {
        let (name, original) = &inputs[gen.below(inputs.len())];
        let bytes = gen.mutate(original);
        let (text, _) = cognito_lint::source::decode(0, bytes.clone());
        let context = || {
            format!(
                "mutation {i} of {name}:\n{}",
                String::from_utf8_lossy(&bytes)
            )
        };
        let report = lint_texts(&[("main.tf", &text)], &RuleSelection::default());
        let internal: Vec<&str> = report
            .findings
            .iter()
            .filter(|f| f.code() == "COG990")
            .map(|f| &*f.diag.message)
            .collect();
        assert!(internal.is_empty(), "{internal:?}\n{}", context());
        // Every output format renders whatever was found.
        for format in [
            cognito_lint::render::Format::Pretty,
            cognito_lint::render::Format::Sarif,
        ] {
            let _ = cognito_lint::render::render(
                &report,
                format,
                &cognito_lint::render::RenderOptions::default(),
            );
        }
        let whole = check(&text, true);
        if !whole.iter().any(|f| f.0 == "COG000") {
            parsed += 1;
            assert_eq!(
                whole,
                check(&text, false),
                "the scanner changed the findings\n{}",
                context()
            );
        }
    }
    // Mutations must leave enough files parsing for the scanner check to mean something.
    assert!(
        parsed * 5 > count,
        "only {parsed} of {count} mutations parsed"
    );
}
