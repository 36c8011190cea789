//! `--fix`, `--unsafe-fixes`, `--diff` and `--add-suppressions`, end to end.
//!
//! `tests/fixtures/fix/` holds, per fixable rule, a small configuration in native syntax and
//! the same in JSON; each snapshot shows the text `--fix` writes, then what `--unsafe-fixes`
//! changes beyond it, as a diff. Every rule fixture is also fixed in a scratch folder: a second
//! run changes nothing, no finding with a safe fix is left, a `terraform fmt`-clean file stays
//! clean (where terraform is installed).

mod common;

use cognito_lint::fix::{self, FixOptions, FixRun, FixedFile};
use cognito_lint::{LintOptions, Report};
use common::{run, stdout};
use std::path::{Path, PathBuf};

fn fixtures(group: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(group);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.to_string_lossy().contains(".tf"))
        .collect();
    files.sort();
    files
}

/// `file` copied alone into a scratch folder.
fn scratch(file: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join(file.file_name().unwrap());
    std::fs::copy(file, &copy).unwrap();
    (dir, copy)
}

fn options(dir: &Path) -> LintOptions {
    LintOptions {
        paths: vec![dir.to_path_buf()],
        ..LintOptions::default()
    }
}

fn fix_folder(dir: &Path, unsafe_fixes: bool, write: bool) -> FixRun {
    let pool = cognito_lint::thread_pool(Some(1)).unwrap();
    let fixes = FixOptions {
        unsafe_fixes,
        write,
        ..FixOptions::default()
    };
    fix::run(&pool, &options(dir), fixes, &|_| {}).unwrap()
}

/// Findings that `--fix` (with `unsafe_fixes`, `--unsafe-fixes`) would still fix.
fn still_fixable(report: &Report, unsafe_fixes: bool) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| {
            f.diag
                .fix
                .as_ref()
                .is_some_and(|fix| fix::applies(report, f, fix, unsafe_fixes))
        })
        .map(|f| format!("{} {}", f.code(), f.diag.message))
        .collect()
}

/// Whether `terraform fmt -check` accepts `text` as a `.tf` file; `None` without terraform.
fn fmt_clean(text: &str) -> Option<bool> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("main.tf");
    std::fs::write(&path, text).unwrap();
    let status = std::process::Command::new("terraform")
        .args(["fmt", "-check", "-no-color"])
        .arg(&path)
        .env("TF_CLI_CONFIG_FILE", "/dev/null")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .ok()?;
    Some(status.success())
}

fn terraform_missing_note() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        eprintln!(
            "note: terraform is not on PATH; the `terraform fmt -check` comparisons are skipped"
        )
    });
}

/// Fixing `file` in a scratch folder twice: the text after the first run, which the second
/// must leave as it is; the fixes left must not be ones the run could apply; a file that was
/// fmt-clean stays so.
fn fixed_once(file: &Path, unsafe_fixes: bool) -> Result<String, String> {
    let (dir, copy) = scratch(file);
    let before = std::fs::read_to_string(&copy).unwrap();
    let first = fix_folder(dir.path(), unsafe_fixes, true);
    let after = std::fs::read_to_string(&copy).unwrap();
    let name = file.file_name().unwrap().to_string_lossy().to_string();
    let mut problems = Vec::new();
    if !first.notes.is_empty() {
        problems.push(format!("notes: {:?}", first.notes));
    }
    if first.report.findings.iter().any(|f| f.code() == "COG000") && !before.contains("COG000") {
        problems.push("the fixed file does not parse".to_string());
    }
    let left = still_fixable(&first.report, unsafe_fixes);
    if !left.is_empty() {
        problems.push(format!("still fixable after the run: {left:?}"));
    }
    let second = fix_folder(dir.path(), unsafe_fixes, true);
    if !second.files.is_empty() {
        problems.push(format!(
            "a second run changes it again:\n{}",
            fix::unified_diff(&second.files)
        ));
    }
    if name.ends_with(".tf") && before != after {
        match (fmt_clean(&before), fmt_clean(&after)) {
            (None, _) | (_, None) => terraform_missing_note(),
            (Some(true), Some(false)) => {
                problems.push(format!("no longer terraform fmt-clean:\n{after}"))
            }
            _ => {}
        }
    }
    match problems.is_empty() {
        true => Ok(after),
        false => Err(format!(
            "{name} (unsafe fixes: {unsafe_fixes}): {}",
            problems.join("; ")
        )),
    }
}

#[test]
fn each_fixable_rule_before_and_after() {
    let mut failures = Vec::new();
    for file in fixtures("fix") {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let before = std::fs::read_to_string(&file).unwrap();
        let (safe, all) = match (fixed_once(&file, false), fixed_once(&file, true)) {
            (Ok(safe), Ok(all)) => (safe, all),
            (a, b) => {
                failures.extend(a.err());
                failures.extend(b.err());
                continue;
            }
        };
        // COG002 inserts arguments in native syntax only (its page says so).
        let native_only = name.starts_with("COG002") && name.ends_with(".json");
        if safe == before && all == before && !native_only {
            failures.push(format!("{name}: nothing is fixed"));
        }
        let beyond = fix::unified_diff(&[FixedFile {
            path: PathBuf::from(&name),
            display: name.clone(),
            original: safe.clone(),
            fixed: all,
        }]);
        insta::assert_snapshot!(
            format!("fix-{name}"),
            format!("# --fix\n{safe}\n# --unsafe-fixes, beyond --fix\n{beyond}")
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_rule_fixture_reaches_a_fixed_point() {
    let mut failures = Vec::new();
    for file in fixtures("") {
        for unsafe_fixes in [false, true] {
            if let Err(e) = fixed_once(&file, unsafe_fixes) {
                failures.push(e);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Copies of a few rule fixtures, JSON ones too, and a file with CRLF line endings.
fn sample_tree(dir: &Path) {
    for file in fixtures("fix") {
        std::fs::copy(&file, dir.join(file.file_name().unwrap())).unwrap();
    }
    let crlf = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/fix/COG004-invalid-enum-value.tf"),
    )
    .unwrap()
    .replace('\n', "\r\n");
    // A byte order mark before a comment that suppresses nothing, which the fix removes.
    std::fs::write(
        dir.join("crlf.tf"),
        format!("\u{feff}# cognito-lint:ignore COG203 none here\r\n{crlf}"),
    )
    .unwrap();
}

fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_diff_applies_with_patch_to_the_bytes_fix_writes() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    sample_tree(a.path());
    sample_tree(b.path());
    let diff = run(&["--diff", "--unsafe-fixes", "."], a.path());
    assert_eq!(
        diff.status.code(),
        Some(1),
        "--diff exits 1 when it would change files"
    );
    let patch_text = stdout(&diff);
    assert!(
        patch_text.contains("--- crlf.tf\n+++ crlf.tf\n"),
        "{patch_text}"
    );
    let patch_dir = tempfile::tempdir().unwrap();
    let patch_file = patch_dir.path().join("fixes.patch");
    std::fs::write(&patch_file, &patch_text).unwrap();
    let patched = std::process::Command::new("patch")
        .args(["-p0", "--binary", "-s", "-i"])
        .arg(&patch_file)
        .current_dir(a.path())
        .status();
    let fixed = run(&["--fix", "--unsafe-fixes", "-f", "compact", "."], b.path());
    assert!(fixed.status.code().is_some_and(|c| c < 2), "{fixed:?}");
    match patched {
        Ok(status) => {
            assert!(
                status.success(),
                "patch -p0 rejects the diff:\n{patch_text}"
            );
            assert_eq!(contents(a.path()), contents(b.path()));
        }
        Err(_) => eprintln!("note: `patch` is not installed; the diff is not applied with it"),
    }
    // `git apply -p0`, outside a repository, gives the same bytes too.
    let c = tempfile::tempdir().unwrap();
    sample_tree(c.path());
    let applied = std::process::Command::new("git")
        .args(["apply", "-p0"])
        .arg(&patch_file)
        .current_dir(c.path())
        .status();
    match applied {
        Ok(status) => {
            assert!(
                status.success(),
                "git apply -p0 rejects the diff:\n{patch_text}"
            );
            assert_eq!(contents(c.path()), contents(b.path()));
        }
        Err(_) => eprintln!("note: git is not installed; the diff is not applied with it"),
    }
    // What was fixed keeps its byte order mark and its CRLF line breaks.
    let crlf = std::fs::read(b.path().join("crlf.tf")).unwrap();
    assert!(crlf.starts_with("\u{feff}".as_bytes()));
    let text = String::from_utf8(crlf).unwrap();
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "{text}"
    );
    assert!(text.contains("\"ENABLED\""), "{text}");
    assert!(text.starts_with("\u{feff}resource "), "{text}");
    // Nothing left to do: the diff is empty and exits 0.
    let again = run(&["--diff", "--unsafe-fixes", "."], b.path());
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(stdout(&again), "");
}

#[test]
fn nothing_is_written_without_the_flags() {
    let dir = tempfile::tempdir().unwrap();
    sample_tree(dir.path());
    let before = contents(dir.path());
    for args in [
        &["."][..],
        &["-f", "json", "."],
        &["-f", "sarif", "."],
        &["-f", "compact", "--show-suppressed", "."],
        &["--diff", "."],
        &["--diff", "--unsafe-fixes", "--add-suppressions", "."],
    ] {
        let out = run(args, dir.path());
        assert!(
            out.status.code().is_some_and(|c| c < 2),
            "{args:?}: {out:?}"
        );
        assert_eq!(contents(dir.path()), before, "{args:?} wrote a file");
    }
}

#[test]
fn a_file_changed_during_the_run_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    sample_tree(dir.path());
    let target = dir.path().join("COG004-invalid-enum-value.tf");
    let edited = "# saved by an editor while the linter ran\n";
    let pool = cognito_lint::thread_pool(Some(1)).unwrap();
    // Between the read and the write, another program saves the file.
    let hook = |path: &Path| {
        if path.ends_with("COG004-invalid-enum-value.tf") {
            std::fs::write(path, edited).unwrap();
        }
    };
    let fixes = FixOptions {
        write: true,
        ..FixOptions::default()
    };
    let run = fix::run(&pool, &options(dir.path()), fixes, &hook).unwrap();
    assert_eq!(std::fs::read_to_string(&target).unwrap(), edited);
    assert!(
        run.notes
            .iter()
            .any(|n| n.contains("COG004-invalid-enum-value.tf")
                && n.contains("changed on disk since it was read")),
        "{:?}",
        run.notes
    );
    // The other files are fixed all the same.
    assert!(run.written > 0 && run.written == run.files.len() - 1);
}

#[cfg(unix)]
#[test]
fn a_fixed_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fix/COG212-empty-write-attributes.tf");
    let (dir, copy) = scratch(&file);
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = run(&["--fix", "-f", "compact", "."], dir.path());
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(!std::fs::read_to_string(&copy)
        .unwrap()
        .contains("write_attributes"));
    let mode = std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("1 finding fixed; 1 file written"),
        "{stderr}"
    );
    // A read-only file is left as it is, and the run says so.
    let (dir, copy) = scratch(&file);
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&copy).unwrap();
    let out = run(&["--fix", "-f", "compact", "."], dir.path());
    assert_eq!(std::fs::read(&copy).unwrap(), before);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("read-only; its fixes are not written"),
        "{stderr}"
    );
}

#[test]
fn add_suppressions_quiets_every_finding_left() {
    let dir = tempfile::tempdir().unwrap();
    for file in fixtures("fix")
        .iter()
        .filter(|f| !f.to_string_lossy().ends_with(".json"))
    {
        std::fs::copy(file, dir.path().join(file.file_name().unwrap())).unwrap();
    }
    let out = run(
        &["--fix", "--add-suppressions", "-f", "compact", "."],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(stdout(&out), "");
    let again = run(&["-f", "json", "."], dir.path());
    let json: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(json["diagnostics"], serde_json::json!([]), "{json}");
    assert!(json["summary"]["suppressed"].as_u64().unwrap() > 10);
    // The comments split runs of aligned arguments: each part lines up again.
    for file in fixtures("fix")
        .iter()
        .filter(|f| !f.to_string_lossy().ends_with(".json"))
    {
        let text = std::fs::read_to_string(dir.path().join(file.file_name().unwrap())).unwrap();
        let before = std::fs::read_to_string(file).unwrap();
        match (fmt_clean(&before), fmt_clean(&text)) {
            (None, _) | (_, None) => terraform_missing_note(),
            (Some(true), Some(clean)) => assert!(clean, "no longer terraform fmt-clean:\n{text}"),
            (Some(false), _) => {}
        }
    }
    let text =
        std::fs::read_to_string(dir.path().join("COG205-token-revocation-disabled.tf")).unwrap();
    assert!(
        text.contains("  # cognito-lint:ignore COG205\n  enable_token_revocation = false\n"),
        "{text}"
    );
}

#[test]
fn fix_flags_that_cannot_work_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["--fix", "-"][..],
        &["--fix", "--write-baseline", "b.json", "."],
    ] {
        let out = run(args, dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

/// Each rule page says whether its fixes are safe, unsafe or none: the fixtures' fixes agree.
#[test]
fn rule_pages_say_how_safe_their_fixes_are() {
    let mut failures = Vec::new();
    for file in fixtures("").into_iter().chain(fixtures("fix")) {
        let (dir, _) = scratch(&file);
        let report = cognito_lint::lint(&options(dir.path())).unwrap();
        for f in &report.findings {
            let Some(fix) = &f.diag.fix else { continue };
            let meta = f.rule;
            let decision = meta
                .doc
                .split_once("**Fix: ")
                .and_then(|(_, rest)| rest.split_once(".**"))
                .map_or("", |(kind, _)| kind);
            let agrees = match decision {
                "none" => false,
                "unsafe" => fix.applicability == cognito_lint::finding::Applicability::Unsafe,
                _ => true,
            };
            if !agrees {
                failures.push(format!(
                    "{}: the page says `{decision}`, a fixture's fix is {}",
                    f.code(),
                    fix.applicability.as_str()
                ));
            }
        }
    }
    failures.sort();
    failures.dedup();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_value_is_fixed_where_it_is_set_a_default_or_a_linted_tfvars_file() {
    let dir = tempfile::tempdir().unwrap();
    let main = "variable \"mode\" {\n  default = \"enabled\"\n}\n\nresource \"aws_cognito_user_pool_client\" \"c\" {\n  name                          = \"c\"\n  user_pool_id                  = \"eu-west-1_abc\"\n  prevent_user_existence_errors = var.mode\n}\n";
    std::fs::write(dir.path().join("main.tf"), main).unwrap();
    let out = run(&["--fix", "-f", "compact", "."], dir.path());
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let fixed = std::fs::read_to_string(dir.path().join("main.tf")).unwrap();
    assert_eq!(fixed, main.replace("\"enabled\"", "\"ENABLED\""));
    // The value comes from terraform.tfvars. Named alone, main.tf has its folder as context
    // only: the tfvars file is not linted, so not written.
    std::fs::write(dir.path().join("terraform.tfvars"), "mode = \"legacy\"\n").unwrap();
    let out = run(&["--fix", "-f", "compact", "main.tf"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        stdout(&out).contains("error[COG004] `legacy`"),
        "{}",
        stdout(&out)
    );
    let tfvars = std::fs::read_to_string(dir.path().join("terraform.tfvars")).unwrap();
    assert_eq!(tfvars, "mode = \"legacy\"\n");
    // The folder linted: its terraform.tfvars is linted too, and fixed where the value is.
    let out = run(&["--fix", "-f", "compact", "."], dir.path());
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let tfvars = std::fs::read_to_string(dir.path().join("terraform.tfvars")).unwrap();
    assert_eq!(tfvars, "mode = \"LEGACY\"\n");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("main.tf")).unwrap(),
        fixed
    );
}
