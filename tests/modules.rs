//! Whole modules (tests/fixtures/modules/<case>/): variables, tfvars, locals, functions,
//! dynamic blocks, count/for_each and module calls. Each case folder is linted as a user
//! would lint it; every `# expect: CODE` or `# expect: CODE@address` comment must match a
//! finding on its line, and no other finding may appear. A `# select: CODE, ...` line in a
//! case's files limits the rules.

use cognito_lint::source::Keep;
use cognito_lint::{lint, LintOptions, Report, RuleSelection};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/modules")
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

type Key = (String, usize, String, Option<String>);

/// (file relative to the case, line, code, address) → count.
fn expectations(case: &Path) -> (BTreeMap<Key, usize>, Option<Vec<String>>) {
    let mut expected = BTreeMap::new();
    let mut select = None;
    for file in files_under(case) {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let rel = file
            .strip_prefix(case)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        for (i, line) in text.lines().enumerate() {
            if let Some((_, codes)) = line.split_once("# select:") {
                select = Some(codes.split(',').map(|c| c.trim().to_string()).collect());
            }
            let Some((_, items)) = line.split_once("# expect:") else {
                continue;
            };
            for item in items.split(", ").map(str::trim).filter(|s| !s.is_empty()) {
                let (code, address) = match item.split_once('@') {
                    Some((c, a)) => (c.to_string(), Some(a.to_string())),
                    None => (item.to_string(), None),
                };
                *expected
                    .entry((rel.clone(), i + 1, code, address))
                    .or_insert(0) += 1;
            }
        }
    }
    (expected, select)
}

fn found(report: &Report, case: &Path, expected: &BTreeMap<Key, usize>) -> BTreeMap<Key, usize> {
    let mut out = BTreeMap::new();
    for f in &report.findings {
        let source = report.source(f.diag.span.file);
        let rel = source
            .path
            .strip_prefix(case)
            .unwrap_or(&source.path)
            .to_string_lossy()
            .replace('\\', "/");
        let line = source.line_col(f.diag.span.bytes().start).0;
        // Compare addresses only where the expectation names one.
        let resource = f.resource().map(str::to_owned);
        let with_address = (rel.clone(), line, f.code().to_string(), resource);
        let key = if expected.contains_key(&with_address) {
            with_address
        } else {
            (rel, line, f.code().to_string(), None)
        };
        *out.entry(key).or_insert(0) += 1;
    }
    out
}

fn lint_case(case: &Path, select: Option<Vec<String>>, variables: Vec<(String, String)>) -> Report {
    lint(&LintOptions {
        paths: vec![case.to_path_buf()],
        rules: RuleSelection {
            select,
            ..RuleSelection::default()
        },
        jobs: Some(2),
        variables,
        ..LintOptions::default()
    })
    .expect("the case lints")
}

#[test]
fn module_cases_yield_exactly_the_expected_findings() {
    let mut failures = Vec::new();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 7, "the module cases are there");
    for case in cases {
        let (expected, select) = expectations(&case);
        let report = lint_case(&case, select, Vec::new());
        let found = found(&report, &case, &expected);
        if found != expected {
            let mut diff = format!("{}:\n", case.file_name().unwrap().to_string_lossy());
            for key in found
                .keys()
                .chain(expected.keys())
                .collect::<std::collections::BTreeSet<_>>()
            {
                let (f, e) = (
                    found.get(key).unwrap_or(&0),
                    expected.get(key).unwrap_or(&0),
                );
                if f != e {
                    diff.push_str(&format!("  {key:?}: found {f}, expected {e}\n"));
                }
            }
            for f in &report.findings {
                let s = report.source(f.diag.span.file);
                diff.push_str(&format!(
                    "    | {}:{} {} {} {:?}\n",
                    s.display,
                    s.line_col(f.diag.span.bytes().start).0,
                    f.code(),
                    f.diag.message,
                    f.resource()
                ));
            }
            failures.push(diff);
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn var_flags_take_precedence_over_every_file() {
    let case = cases_dir().join("variables");
    let select = Some(vec!["COG001".to_string()]);
    let before = lint_case(&case, select.clone(), Vec::new());
    let addresses = |r: &Report| -> Vec<String> {
        r.findings
            .iter()
            .filter_map(|f| f.resource().map(str::to_owned))
            .collect()
    };
    assert!(!addresses(&before)
        .contains(&"aws_cognito_user_pool_client.validity_from_later_auto_tfvars_ok".to_string()));
    let after = lint_case(
        &case,
        select,
        vec![
            (
                "overridden_by_later_auto_tfvars".to_string(),
                "96".to_string(),
            ),
            ("from_default".to_string(), "12".to_string()),
        ],
    );
    let after = addresses(&after);
    assert!(after
        .contains(&"aws_cognito_user_pool_client.validity_from_later_auto_tfvars_ok".to_string()));
    assert!(!after.contains(&"aws_cognito_user_pool_client.validity_from_default".to_string()));
}

#[test]
fn a_value_from_elsewhere_is_labelled_where_it_was_set() {
    let case = cases_dir().join("variables");
    let report = lint_case(&case, Some(vec!["COG108".to_string()]), Vec::new());
    let finding = &report.findings[0];
    assert_eq!(
        report
            .source(finding.diag.span.file)
            .path
            .file_name()
            .unwrap(),
        "main.tf"
    );
    let label = finding
        .diag
        .labels
        .iter()
        .find(|l| l.message == "value set here")
        .expect("origin label");
    let origin_file = report.source(label.span.file);
    assert_eq!(origin_file.path.file_name().unwrap(), "variables.tf");
    assert_eq!(origin_file.line_col(label.span.bytes().start).0, 7);
}

#[test]
fn a_finding_in_a_called_module_is_labelled_at_the_callers_argument() {
    let case = cases_dir().join("module-call");
    let report = lint_case(&case, Some(vec!["COG108".to_string()]), Vec::new());
    let finding = &report.findings[0];
    assert_eq!(
        finding.resource(),
        Some("module.auth.aws_cognito_user_pool_client.this")
    );
    let label = finding
        .diag
        .labels
        .iter()
        .find(|l| l.message == "value set here")
        .expect("origin label");
    let origin = report.source(label.span.file);
    assert_eq!(origin.path.file_name().unwrap(), "main.tf");
    assert_eq!(
        origin.path.parent().unwrap().file_name().unwrap(),
        "module-call"
    );
    assert_eq!(
        &origin.text[label.span.bytes()],
        "\"http://app.example.com/insecure\""
    );
}

/// A single folder is checked as it is walked; several paths are gathered into modules first.
/// Both must give the same report, file ids included.
#[test]
fn a_walked_folder_and_gathered_paths_give_the_same_report() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let run = |paths: Vec<PathBuf>, keep: Keep| {
        let report = lint(&LintOptions {
            paths,
            jobs: Some(2),
            keep,
            ..LintOptions::default()
        })
        .expect("the fixtures lint");
        let findings: Vec<String> = report
            .findings
            .iter()
            .map(|f| {
                let file = report.source(f.diag.span.file);
                let (line, column) = file.line_col(f.diag.span.bytes().start);
                format!("{} {}:{line}:{column} {:?}", f.code(), file.display, f.diag)
            })
            .collect();
        let ids: Vec<u64> = report.sources.iter().map(|s| s.id).collect();
        (findings, ids, report.files, report.clients)
    };
    for keep in [Keep::Text, Keep::Fingerprints, Keep::Positions] {
        let walked = run(vec![fixtures.clone()], keep);
        // The same folder twice is gathered, then checked once.
        let gathered = run(vec![fixtures.clone(), fixtures.clone()], keep);
        assert!(!walked.0.is_empty());
        assert_eq!(walked, gathered);
    }
}

/// One mistake in a module reached through two calls and through the module's folder linted
/// on its own is one finding naming the three addresses; blocks are counted once.
#[test]
fn a_mistake_reached_several_ways_is_one_finding_naming_each_address() {
    let case = cases_dir().join("repeated-calls");
    let report = lint_case(&case, Some(vec!["COG001".into()]), Vec::new());
    let literal: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.diag.message.starts_with("access_token_validity"))
        .collect();
    assert_eq!(literal.len(), 1, "{:#?}", report.findings);
    assert_eq!(
        literal[0].addresses(),
        [
            "aws_cognito_user_pool_client.this",
            "module.admin.aws_cognito_user_pool_client.this",
            "module.public.aws_cognito_user_pool_client.this",
        ]
    );
    // What each call passes makes its own message: one finding per call.
    let passed: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.diag.message.starts_with("id_token_validity"))
        .map(|f| (f.resource().unwrap(), f.instances.len()))
        .collect();
    assert_eq!(
        passed,
        [
            ("module.admin.aws_cognito_user_pool_client.this", 0),
            ("module.public.aws_cognito_user_pool_client.this", 0)
        ]
    );
    assert_eq!((report.clients, report.client_blocks), (1, 1));
}

/// A root whose clients are all in a called module has no client of its own, but its blocks
/// are counted, and the summary says both.
#[test]
fn client_blocks_count_what_called_modules_hold() {
    let root = cases_dir().join("module-pattern/main.tf");
    let report = lint(&LintOptions {
        paths: vec![root],
        rules: RuleSelection {
            select: Some(vec!["COG001".into()]),
            ..RuleSelection::default()
        },
        ..LintOptions::default()
    })
    .unwrap();
    assert_eq!((report.clients, report.client_blocks), (0, 1));
    let summary = cognito_lint::render::summary_line(&report);
    assert!(
        summary.ends_with("(0 clients and 1 client block checked)"),
        "{summary}"
    );
}

#[test]
fn a_value_read_from_a_file_is_labelled_in_it() {
    let case = cases_dir().join("clients-from-files");
    let report = lint_case(&case, Some(vec!["COG108".to_string()]), Vec::new());
    let finding = &report.findings[0];
    let label = finding
        .diag
        .labels
        .iter()
        .find(|l| l.message == "value set here")
        .expect("origin label");
    let origin_file = report.source(label.span.file);
    assert_eq!(origin_file.path.file_name().unwrap(), "clients.yaml");
    assert_eq!(origin_file.line_col(label.span.bytes().start).0, 3);
}

/// A module whose client reads `clients.yaml` (an `http://` callback URL, which COG108
/// reports when the file is read).
fn module_reading(dir: &Path, path: &str) {
    std::fs::write(
        dir.join("main.tf"),
        format!(
            r#"
locals {{
  clients = yamldecode(file("{path}"))
}}

resource "aws_cognito_user_pool_client" "c" {{
  for_each      = local.clients
  name          = each.key
  user_pool_id  = "eu-west-1_AbCdEf123"
  callback_urls = each.value.callback_urls
}}
"#
        ),
    )
    .unwrap();
}

const CLIENTS_YAML: &str = "web:\n  callback_urls: [\"http://app.example.com/cb\"]\n";

fn cog108(dir: &Path) -> usize {
    lint_case(dir, Some(vec!["COG108".to_string()]), Vec::new())
        .findings
        .len()
}

#[test]
fn files_are_read_only_inside_the_tree_and_below_the_size_cap() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("clients.yaml"), CLIENTS_YAML).unwrap();
    let root = tempfile::tempdir().unwrap();
    let module = root.path().join("module");
    std::fs::create_dir(&module).unwrap();

    std::fs::write(module.join("clients.yaml"), CLIENTS_YAML).unwrap();
    module_reading(&module, "${path.module}/clients.yaml");
    assert_eq!(cog108(&module), 1, "a file inside the tree is read");

    let elsewhere = outside.path().join("clients.yaml");
    module_reading(&module, elsewhere.to_str().unwrap());
    assert_eq!(cog108(&module), 0, "a file outside the tree is not read");
    module_reading(&module, "${path.module}/../clients.yaml");
    std::fs::write(root.path().join("clients.yaml"), CLIENTS_YAML).unwrap();
    assert_eq!(
        cog108(&module),
        0,
        "a file above the linted folder is not read"
    );

    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&elsewhere, module.join("linked.yaml")).unwrap();
        module_reading(&module, "${path.module}/linked.yaml");
        assert_eq!(cog108(&module), 0, "a link is resolved, then checked");
    }

    let mut large = CLIENTS_YAML.to_string();
    large.push_str(&"# padding\n".repeat(110_000));
    std::fs::write(module.join("large.yaml"), large).unwrap();
    module_reading(&module, "${path.module}/large.yaml");
    assert_eq!(cog108(&module), 0, "a file over the size cap is unknown");

    std::fs::create_dir(module.join("folder.yaml")).unwrap();
    module_reading(&module, "${path.module}/folder.yaml");
    assert_eq!(cog108(&module), 0, "a folder is unknown");
}
