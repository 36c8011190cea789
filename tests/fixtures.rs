//! Every rule's fixture: the findings must be exactly the `# expect: CODE` comments, line by
//! line, and the pretty render must match its snapshot.

use cognito_lint::render::{render, Format, RenderOptions};
use cognito_lint::rules::all_meta;
use cognito_lint::{lint_texts, RuleSelection};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// `tests/fixtures/COG101-name.tf` and the like, sorted.
fn rule_fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.file_name().unwrap().to_string_lossy().starts_with("COG"))
        .collect();
    files.sort();
    files
}

/// (line, code) → count, from `# expect: COG101, COG101` comments, or from `# ^expect: COG901`
/// alone on the next line, for a finding on a comment whose text must not change (a suppression
/// without a reason).
fn expected(text: &str) -> BTreeMap<(usize, String), usize> {
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let above = line.trim_start().starts_with("# ^expect:");
        let Some((_, codes)) = line.split_once("expect:") else {
            continue;
        };
        if !above && !line.contains("# expect:") && !line.contains("// expect:") {
            continue;
        }
        let i = if above { i - 1 } else { i };
        for code in codes
            .split([',', ' '])
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            *out.entry((i + 1, code.to_string())).or_insert(0) += 1;
        }
    }
    out
}

fn check_fixture(path: &Path) -> Result<String, String> {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let code = name.split('-').next().unwrap().to_string();
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    // A suppression rule judges comments against every rule's findings, so its fixture runs all
    // rules (COG901 with reasons required); the others run their own rule alone.
    let selection = match code.as_str() {
        "COG900" | "COG901" => RuleSelection {
            require_reason: code == "COG901",
            ..RuleSelection::default()
        },
        // Notes on unknown values come from what every rule reads; only the notes count.
        "COG904" => RuleSelection {
            show_unknown: true,
            ..RuleSelection::default()
        },
        _ => RuleSelection {
            select: Some(vec![code.clone()]),
            ..RuleSelection::default()
        },
    };
    let display = format!("tests/fixtures/{name}");
    let report = lint_texts(&[(&display, &text)], &selection);
    let mut found: BTreeMap<(usize, String), usize> = BTreeMap::new();
    for f in report
        .findings
        .iter()
        .filter(|f| code != "COG904" || f.is_note())
    {
        let (line, _) = report
            .source(f.diag.span.file)
            .line_col(f.diag.span.bytes().start);
        *found.entry((line, f.code().to_string())).or_insert(0) += 1;
    }
    let expected = expected(&text);
    if found != expected {
        let lines: Vec<&str> = text.lines().collect();
        let mut diff = format!("{name}: findings differ from `# expect:` comments\n");
        let keys: std::collections::BTreeSet<_> = found.keys().chain(expected.keys()).collect();
        for key in keys {
            let (f, e) = (
                found.get(key).copied().unwrap_or(0),
                expected.get(key).copied().unwrap_or(0),
            );
            if f != e {
                let messages: Vec<&str> = report
                    .findings
                    .iter()
                    .filter(|x| {
                        report
                            .source(x.diag.span.file)
                            .line_col(x.diag.span.bytes().start)
                            .0
                            == key.0
                    })
                    .map(|x| &*x.diag.message)
                    .collect();
                diff.push_str(&format!(
                    "  line {:>3}: {} found {f}, expected {e}   | {}   {:?}\n",
                    key.0,
                    key.1,
                    lines.get(key.0 - 1).unwrap_or(&"").trim(),
                    messages
                ));
            }
        }
        return Err(diff);
    }
    if expected.is_empty() {
        return Err(format!(
            "{name}: no `# expect:` comment; every fixture must show its rule firing"
        ));
    }
    Ok(render(&report, Format::Pretty, &RenderOptions::default()))
}

#[test]
fn fixtures_yield_exactly_the_expected_findings() {
    let results: Vec<(PathBuf, Result<String, String>)> = rule_fixtures()
        .into_iter()
        .map(|p| {
            let r = check_fixture(&p);
            (p, r)
        })
        .collect();
    let failures: Vec<&String> = results
        .iter()
        .filter_map(|(_, r)| r.as_ref().err())
        .collect();
    assert!(
        failures.is_empty(),
        "\n{}",
        failures
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    for (path, rendered) in results {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(name, rendered.unwrap());
        });
    }
}

#[test]
fn every_fixture_has_an_ok_case() {
    for path in rule_fixtures() {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let name = path.file_name().unwrap().to_string_lossy();
        if name.starts_with("COG000") {
            continue;
        }
        assert!(
            text.contains("_ok\""),
            "{name} has no `_ok` block that must stay silent"
        );
    }
}

#[test]
fn every_rule_has_a_page_a_fixture_and_a_readme_row() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md exists");
    let fixtures: Vec<String> = rule_fixtures()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    for meta in all_meta() {
        let page = Path::new(env!("CARGO_MANIFEST_DIR")).join(meta.doc_path());
        assert!(
            page.is_file(),
            "{} has no page at {}",
            meta.code,
            meta.doc_path()
        );
        let fixture = format!("{}-{}.tf", meta.code, meta.name);
        // COG902 judges a baseline file's entries, not Terraform: tests/baseline.rs runs it on
        // real files, a baseline written and then outdated.
        let judges_baseline = meta.applies_to == cognito_lint::rules::AppliesTo::Baseline;
        assert!(
            judges_baseline || fixtures.contains(&fixture),
            "{} has no fixture tests/fixtures/{fixture}",
            meta.code
        );
        let row = format!("| [{}]({}) | `{}` |", meta.code, meta.doc_path(), meta.name);
        assert!(
            readme.contains(&row),
            "README has no rule-table row starting `{row}`"
        );
    }
}
