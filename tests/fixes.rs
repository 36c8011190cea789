//! Help lines a user can follow blindly. For every fixture finding whose help proposes a
//! concrete change (a [`Replacement`]), the change is applied to a copy of the file, the copy is
//! linted again with every rule on, and the finding must be gone with no other finding raised,
//! except of the rules the replacement names in `may_raise` (its help then says so).
//!
//! Findings are compared by (code, resource) and counted: spans move when text is replaced, and
//! a message may name the value it saw.

use cognito_lint::finding::{Finding, Fix};
use cognito_lint::{lint_texts, LintOptions, Report, RuleSelection};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

type Counts = BTreeMap<(String, Option<String>), usize>;

/// Every rule's fixture, and the files of the formats fixture, each linted on its own.
fn fixture_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .chain(std::fs::read_dir(dir.join("formats")).unwrap())
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "tf"))
        .collect();
    files.sort();
    files
}

fn lint(name: &str, text: &str) -> cognito_lint::finding::Findings {
    lint_texts(&[(name, text)], &RuleSelection::default()).findings
}

fn counts(findings: &[Box<Finding>]) -> Counts {
    let mut counts = Counts::new();
    for f in findings {
        *counts
            .entry((f.code().to_string(), f.resource().map(str::to_owned)))
            .or_default() += 1;
    }
    counts
}

/// `text` with the replacement's edits applied; `Err` when they overlap or change nothing.
fn apply(text: &str, replacement: &Fix) -> Result<String, String> {
    let mut edits: Vec<_> = replacement.edits.iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse((e.span.start, e.span.end)));
    let mut out = text.to_string();
    let mut limit = usize::MAX;
    for edit in edits {
        let std::ops::Range { start, end } = edit.span.bytes();
        if end > limit || end > out.len() || start > end {
            return Err(format!(
                "edits overlap or fall outside the file: {start}..{end}"
            ));
        }
        out.replace_range(start..end, &edit.text);
        limit = start;
    }
    if out == text {
        return Err("the edits change nothing".to_string());
    }
    Ok(out)
}

#[test]
fn every_replacement_clears_its_finding_and_raises_no_other() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in fixture_files() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let before = lint(&name, &text);
        let before_counts = counts(&before);
        for finding in &before {
            let Some(replacement) = &finding.diag.fix else {
                continue;
            };
            checked += 1;
            if replacement.message.is_empty() {
                failures.push(format!(
                    "{name}: {} offers a fix that says nothing",
                    finding.code()
                ));
            }
            let line = text[..finding.diag.span.bytes().start.min(text.len())]
                .matches('\n')
                .count()
                + 1;
            let what = format!(
                "{name}:{line}: {} {}: {}",
                finding.code(),
                finding.diag.message,
                replacement.edits[0].text
            );
            let fixed = match apply(&text, replacement) {
                Ok(fixed) => fixed,
                Err(e) => {
                    failures.push(format!("{what}: {e}"));
                    continue;
                }
            };
            let after_counts = counts(&lint(&name, &fixed));
            let key = (
                finding.code().to_string(),
                finding.resource().map(str::to_owned),
            );
            let count = |c: &Counts, k: &(String, Option<String>)| c.get(k).copied().unwrap_or(0);
            if count(&after_counts, &key) >= count(&before_counts, &key) {
                failures.push(format!("{what}: the finding is still there"));
            }
            for (k, n) in &after_counts {
                let allowed = replacement.may_raise.contains(&k.0.as_str());
                if *n > count(&before_counts, k) && !allowed {
                    failures.push(format!(
                        "{what}: raised {} on {}",
                        k.0,
                        k.1.as_deref().unwrap_or("the file")
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} replacements fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn a_value_set_elsewhere_is_fixed_where_it_is_set() {
    // The value comes from a variable's default: the edit replaces the default's literal, not
    // the reference at the use site.
    let text = r#"variable "mode" {
  default = "enabled"
}

resource "aws_cognito_user_pool_client" "c" {
  name                          = "c"
  user_pool_id                  = "eu-west-1_abc"
  prevent_user_existence_errors = var.mode
}
"#;
    let findings = lint("main.tf", text);
    let invalid: Vec<_> = findings.iter().filter(|f| f.code() == "COG004").collect();
    assert_eq!(invalid.len(), 1);
    let fix = invalid[0].diag.fix.as_ref().expect("a fix at the default");
    let edit = &fix.edits[0];
    assert_eq!(&text[edit.span.bytes()], "\"enabled\"");
    assert_eq!(edit.text, "\"ENABLED\"");
    // Through an expression, no fix.
    let text = text.replace("default = \"enabled\"", "default = lower(\"ENABLED\")");
    let findings = lint("main.tf", &text);
    assert!(findings
        .iter()
        .all(|f| f.diag.fix.is_none() || f.code() != "COG004"));
}

/// `from`'s files and folders copied under `to`.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Findings of a folder linted whole, by (code, resource, file relative to the folder).
fn folder_counts(
    root: &Path,
    report: &Report,
) -> BTreeMap<(String, Option<String>, String), usize> {
    let mut counts = BTreeMap::new();
    for f in &report.findings {
        let file = report.source(f.diag.span.file).path.clone();
        let file = file
            .strip_prefix(root)
            .unwrap_or(&file)
            .display()
            .to_string();
        *counts
            .entry((f.code().to_string(), f.resource().map(str::to_owned), file))
            .or_default() += 1;
    }
    counts
}

fn lint_folder(root: &Path) -> Report {
    let options = LintOptions {
        paths: vec![root.to_path_buf()],
        ..LintOptions::default()
    };
    cognito_lint::lint(&options).unwrap()
}

/// The same over the fixtures that are whole modules (variables, module calls, instances,
/// JSON configurations): each replacement applied in a copy of the folder, the copy linted.
#[test]
fn replacements_in_module_fixtures_clear_their_findings() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut folders: Vec<PathBuf> = ["modules", "json"]
        .iter()
        .flat_map(|group| std::fs::read_dir(fixtures.join(group)).unwrap().flatten())
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    let mut failures = Vec::new();
    let mut checked = 0;
    for folder in folders {
        let scratch = tempfile::tempdir().unwrap();
        let root = scratch.path().join("m");
        copy_tree(&folder, &root);
        let before = lint_folder(&root);
        let before_counts = folder_counts(&root, &before);
        for finding in &before.findings {
            let Some(replacement) = &finding.diag.fix else {
                continue;
            };
            checked += 1;
            let source = before.source(finding.diag.span.file);
            let what = format!(
                "{}: {} {}",
                source.display,
                finding.code(),
                finding.diag.message
            );
            let copy = tempfile::tempdir().unwrap();
            let copy_root = copy.path().join("m");
            copy_tree(&folder, &copy_root);
            // The edits may be in another file than the finding: where the value is written.
            let mut files: Vec<u64> = replacement.edits.iter().map(|e| e.span.file).collect();
            files.dedup();
            for id in files {
                let edited = before.source(id);
                let edits = Fix {
                    edits: (replacement.edits.iter())
                        .filter(|e| e.span.file == id)
                        .cloned()
                        .collect(),
                    ..(**replacement).clone()
                };
                match apply(&edited.text, &edits) {
                    Ok(fixed) => {
                        let relative = edited.path.strip_prefix(&root).unwrap();
                        std::fs::write(copy_root.join(relative), fixed).unwrap();
                    }
                    Err(e) => failures.push(format!("{what}: {e}")),
                }
            }
            let after_counts = folder_counts(&copy_root, &lint_folder(&copy_root));
            let relative = source.path.strip_prefix(&root).unwrap();
            let file = relative.display().to_string();
            let key = (
                finding.code().to_string(),
                finding.resource().map(str::to_owned),
                file,
            );
            let count = |c: &BTreeMap<_, usize>, k| c.get(k).copied().unwrap_or(0);
            if count(&after_counts, &key) >= count(&before_counts, &key) {
                failures.push(format!("{what}: the finding is still there"));
            }
            for (k, n) in &after_counts {
                if *n > count(&before_counts, k) && !replacement.may_raise.contains(&k.0.as_str()) {
                    failures.push(format!("{what}: raised {} in {}", k.0, k.2));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} replacements fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
