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

use cognito_lint::{lint_texts, RuleSelection};
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
    let mut gen = Gen(seed);
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

/// A deterministic generator (xorshift) of HCL-ish text.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn file(&mut self) -> String {
        let mut out = String::new();
        for _ in 0..1 + self.below(4) {
            out.push_str(&self.comment_line());
            match self.below(5) {
                0 => out.push_str(&format!("locals {{\n{}}}\n", self.attributes(2))),
                1 => out.push_str(&format!(
                    "resource \"aws_cognito_user_pool_client\" \"{}\" {{\n{}{}}}\n",
                    self.ident(),
                    self.attributes(2),
                    self.nested_block()
                )),
                2 => out.push_str(&format!(
                    "variable \"{}\" {{\n  default = {}\n}}\n",
                    self.ident(),
                    self.expr(3)
                )),
                3 => out.push_str(&format!("{} {{}}\n", self.ident())),
                _ => out.push_str(&format!(
                    "module \"{}\" {{\n  source = \"./m\"\n{}}}\n",
                    self.ident(),
                    self.attributes(1)
                )),
            }
        }
        if self.below(3) == 0 {
            out = out.replace('\n', "\r\n");
        }
        out
    }

    fn comment_line(&mut self) -> String {
        match self.below(6) {
            0 => "# a comment\n".into(),
            1 => "// a comment\n".into(),
            2 => "/* a\n   comment */\n".into(),
            _ => String::new(),
        }
    }

    fn nested_block(&mut self) -> String {
        match self.below(4) {
            0 => format!("  token_validity_units {{\n{}  }}\n", self.attributes(1)),
            1 => "  lifecycle { ignore_changes = [name] }\n".into(),
            2 => format!(
                "  dynamic \"analytics_configuration\" {{\n    for_each = {}\n    content {{\n      application_id = analytics_configuration.value\n    }}\n  }}\n",
                self.expr(2)
            ),
            _ => String::new(),
        }
    }

    fn attributes(&mut self, depth: usize) -> String {
        let mut out = String::new();
        let mut used = Vec::new();
        for _ in 0..1 + self.below(4) {
            let mut name = self.ident();
            while used.contains(&name) {
                name.push('x');
            }
            used.push(name.clone());
            let trailing = self.pick(&["", "", " # trailing", " // trailing", " /* c */"]);
            out.push_str(&format!("  {name} = {}{trailing}\n", self.expr(depth + 1)));
        }
        out
    }

    fn ident(&mut self) -> String {
        self.pick(&[
            "name",
            "a",
            "b_2",
            "with-dash",
            "naïve",
            "for_x",
            "if_",
            "callback_urls",
            "x1",
            "é",
            "count_",
            "in_",
            "null_",
        ])
        .to_string()
    }

    fn expr(&mut self, depth: usize) -> String {
        if depth == 0 {
            return self.atom();
        }
        let d = depth - 1;
        match self.below(16) {
            0 => format!("[{}]", self.list(d)),
            1 => format!("[\n    {},\n  ]", self.list(d)),
            2 => self.object(d),
            3 => format!("{} {} {}", self.expr(d), self.operator(), self.expr(d)),
            4 => format!(
                "({}\n    {} {})",
                self.expr(d),
                self.operator(),
                self.expr(d)
            ),
            5 => format!("{} ? {} : {}", self.expr(d), self.expr(d), self.expr(d)),
            6 => format!("[for x in {} : x if x != null]", self.expr(d)),
            7 => format!("{{ for k, v in {} : k => v... }}", self.expr(d)),
            8 => format!(
                "{}({})",
                self.pick(&["max", "concat", "lower", "provider::aws::arn_parse", "try"]),
                self.list(d)
            ),
            9 => format!("concat({}...)", self.expr(d)),
            10 => self.template(d),
            11 => self.heredoc(d),
            12 => format!("{}{}", self.pick(&["-", "!"]), self.atom()),
            13 => format!(
                "{}{}",
                self.pick(&["var.x", "local.y", "aws_s3_bucket.b", "each.value"]),
                self.pick(&["[*].id", ".*.id", ".0.id", "[0]", "[\"k\"]", ".a.b", ""])
            ),
            _ => self.atom(),
        }
    }

    fn list(&mut self, depth: usize) -> String {
        let n = self.below(4);
        let items: Vec<String> = (0..n).map(|_| self.expr(depth)).collect();
        let sep = self.pick(&[", ", ",\n    "]);
        let mut out = items.join(sep);
        if n > 0 && self.below(3) == 0 {
            out.push(',');
        }
        out
    }

    fn object(&mut self, depth: usize) -> String {
        let n = self.below(4);
        let mut items = Vec::new();
        for _ in 0..n {
            let key = match self.below(4) {
                0 => format!("\"{}\"", self.ident()),
                1 => "(var.k)".to_string(),
                // Repeated keys come from the small identifier pool.
                _ => self.ident(),
            };
            let assign = self.pick(&[" = ", " = ", ": "]);
            items.push(format!("{key}{assign}{}", self.expr(depth)));
        }
        if self.below(2) == 0 {
            format!("{{ {} }}", items.join(", "))
        } else {
            format!("{{\n    {}\n  }}", items.join("\n    "))
        }
    }

    fn operator(&mut self) -> &'static str {
        self.pick(&[
            "+", "-", "*", "/", "%", "==", "!=", "<", ">", "<=", ">=", "&&", "||",
        ])
    }

    fn atom(&mut self) -> String {
        self.pick(&[
            "1",
            "1.5",
            "1e3",
            "007",
            "true",
            "null",
            "\"s\"",
            "\"https://example.com/cb\"",
            "\"tab\\t quote\\\" unicode\\u00e9\"",
            "\"$${not} %%{not}\"",
            "\"100%\"",
            "\"5$\"",
            "var.x",
            "local.y",
            "[]",
            "{}",
            "timestamp()",
        ])
        .to_string()
    }

    fn template(&mut self, depth: usize) -> String {
        let inner = self.expr(depth.min(1));
        match self.below(5) {
            0 => format!("\"${{{inner}}}\""),
            1 => format!("\"a-${{ {inner} }}-b\""),
            2 => format!("\"%{{ if {inner} }}yes%{{ else }}no%{{ endif }}\""),
            3 => format!("\"%{{~ for v in {inner} ~}}${{v}},%{{~ endfor ~}}\""),
            _ => format!("\"${{\"nested ${{{inner}}}\"}}\""),
        }
    }

    fn heredoc(&mut self, depth: usize) -> String {
        let inner = self.expr(depth.min(1));
        let marker = self.pick(&["EOT", "EOF", "END_OF_TEXT"]);
        let lines = [
            "plain text".to_string(),
            format!("with ${{{inner}}}"),
            "%{ if true }directive%{ endif }".to_string(),
            format!("{marker}X is not the end"),
            format!(" {marker} is not the end either"),
            format!("{marker}) nor this"),
            "$${escaped} %%{escaped}".to_string(),
            String::new(),
        ];
        let mut body = String::new();
        for _ in 0..1 + self.below(3) {
            body.push_str(&lines[self.below(lines.len())]);
            body.push('\n');
        }
        if self.below(2) == 0 {
            format!("<<{marker}\n{body}{marker}\n")
        } else {
            let indented: String = body.lines().map(|l| format!("    {l}\n")).collect();
            format!("<<-{marker}\n{indented}    {marker}\n")
        }
    }
}
