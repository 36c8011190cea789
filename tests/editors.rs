//! What editors and hooks rely on: standard input with `--stdin-filename`, the problem matcher
//! shipped in `.github/`, many named files as pre-commit passes them, `--statistics` on stderr.

mod common;
use common::{client, run, run_with_stdin, stderr, stdout, tree};
use std::path::Path;

const LITE_POOL: &str =
    "resource \"aws_cognito_user_pool\" \"pool\" {\n  name           = \"customers\"\n  user_pool_tier = \"LITE\"\n}\n";

fn user_auth_client() -> String {
    client(
        "web",
        "  explicit_auth_flows           = [\"ALLOW_USER_AUTH\", \"ALLOW_REFRESH_TOKEN_AUTH\"]\n  prevent_user_existence_errors = \"ENABLED\"\n",
    )
}

#[test]
fn stdin_is_linted_as_the_named_file_with_its_folder_as_context() {
    // The buffer differs from the file on disk, and the pool it needs is in a sibling file.
    let dir = tree(&[
        ("auth/pool.tf", LITE_POOL),
        ("auth/main.tf", &client("old", "")),
    ]);
    let out = run_with_stdin(
        &["-f", "compact", "--stdin-filename", "auth/main.tf", "-"],
        dir.path(),
        Some(&user_auth_client()),
    );
    assert_eq!(
        stdout(&out),
        "auth/main.tf:4:36: error[COG113] ALLOW_USER_AUTH needs the user pool on the Essentials tier or higher\n"
    );
    assert_eq!(out.status.code(), Some(1));
    // An unsaved buffer: the file need not exist yet.
    let out = run_with_stdin(
        &["-f", "compact", "--stdin-filename", "auth/new.tf", "-"],
        dir.path(),
        Some(&user_auth_client()),
    );
    assert!(stdout(&out).starts_with("auth/new.tf:4:36: error[COG113]"));
}

#[test]
fn stdin_without_a_name_is_a_module_of_its_own() {
    let dir = tree(&[("pool.tf", LITE_POOL)]);
    let out = run_with_stdin(
        &["-f", "compact", "-"],
        dir.path(),
        Some(&client("web", "")),
    );
    assert_eq!(
        stdout(&out),
        "<stdin>:1:10: warning[COG204] user existence errors are not prevented\n"
    );
    let broken = run_with_stdin(&["-f", "compact", "-"], dir.path(), Some("resource {"));
    assert!(
        stdout(&broken).starts_with("<stdin>:1:"),
        "{}",
        stdout(&broken)
    );
    assert_eq!(broken.status.code(), Some(1));
    let misuse = run(&["--stdin-filename", "main.tf"], dir.path());
    assert_eq!(misuse.status.code(), Some(2));
    assert!(stderr(&misuse).contains("add `-` to the paths"));
}

/// The regexp a VS Code task or `::add-matcher::` uses, applied to real compact output.
#[test]
fn the_problem_matcher_reads_compact_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join(".github/cognito-lint-matcher.json")).unwrap(),
    )
    .unwrap();
    let matcher = &json["problemMatcher"][0];
    assert_eq!(matcher["owner"], "cognito-lint");
    let pattern = &matcher["pattern"][0];
    let regex = regex::Regex::new(pattern["regexp"].as_str().unwrap()).unwrap();
    let group = |name: &str| pattern[name].as_u64().unwrap() as usize;

    let out = run(&["-f", "compact", "tests/fixtures/formats"], root);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() >= 3);
    for line in &lines {
        assert!(regex.is_match(line), "the matcher misses {line}");
    }
    let caps = regex
        .captures(
            lines
                .iter()
                .find(|l| l.contains("COG101"))
                .expect("the fixture has COG101"),
        )
        .unwrap();
    assert_eq!(&caps[group("file")], "tests/fixtures/formats/main.tf");
    assert_eq!(&caps[group("line")], "19");
    assert_eq!(&caps[group("column")], "34");
    assert_eq!(&caps[group("severity")], "error");
    assert_eq!(&caps[group("code")], "COG101");
    assert!(caps[group("message")].starts_with(
        "default_redirect_uri `https://app.example.com/other?a=1&b=<x>,y:z%20\"q\"` is not"
    ));
    // A path with a space and colons in the message still split right.
    let caps = regex
        .captures(lines.iter().find(|l| l.contains("COG201")).unwrap())
        .unwrap();
    assert_eq!(
        &caps[group("file")],
        "tests/fixtures/formats/modules/auth/api client.tf"
    );
    assert_eq!(&caps[group("severity")], "warning");
    let infos: Vec<_> = lines
        .iter()
        .filter_map(|l| regex.captures(l))
        .filter(|c| &c[group("severity")] == "info")
        .collect();
    assert!(!infos.is_empty());
    // Suppressed findings are listed in a form the matcher skips.
    let shown = stdout(&run(
        &[
            "-f",
            "compact",
            "--show-suppressed",
            "tests/fixtures/formats",
        ],
        root,
    ));
    let suppressed = shown.lines().find(|l| l.contains("suppressed[")).unwrap();
    assert!(!regex.is_match(suppressed));
}

/// pre-commit passes many files, some from one folder: each is linted with its whole folder,
/// and only the files passed are reported.
#[test]
fn named_files_as_pre_commit_passes_them() {
    let dir = tree(&[
        ("auth/pool.tf", LITE_POOL),
        ("auth/main.tf", &user_auth_client()),
        ("auth/other.tf", &client("other", "")),
        ("billing/main.tf", &client("billing", "")),
        ("billing/README.md", "not terraform"),
    ]);
    let out = run(
        &[
            "-f",
            "compact",
            "auth/main.tf",
            "billing/main.tf",
            "auth/pool.tf",
        ],
        dir.path(),
    );
    assert_eq!(
        stdout(&out),
        "auth/main.tf:4:36: error[COG113] ALLOW_USER_AUTH needs the user pool on the Essentials tier or higher\nbilling/main.tf:1:10: warning[COG204] user existence errors are not prevented\n"
    );
    // A .tf.json the hook passes is checked as JSON; its clients are not read yet.
    std::fs::write(dir.path().join("auth/extra.tf.json"), "{\"resource\": {}}").unwrap();
    let out = run(&["-f", "compact", "auth/extra.tf.json"], dir.path());
    assert_eq!(stdout(&out), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn statistics_go_to_stderr_and_leave_stdout_alone() {
    let dir = tree(&[("main.tf", &client("web", ""))]);
    let plain = run(&["-f", "json"], dir.path());
    let with = run(&["-f", "json", "--statistics"], dir.path());
    assert_eq!(plain.stdout, with.stdout);
    let err = stderr(&with);
    assert!(err.contains("clients:        1"), "{err}");
    assert!(
        err.contains("COG204  user-existence-errors-not-prevented      1      0"),
        "{err}"
    );
    assert!(err.contains(" ms"), "{err}");
}

/// The README's VS Code task inlines the matcher; it must stay the shipped one.
#[test]
fn the_readme_task_uses_the_shipped_matcher() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let json = std::fs::read_to_string(root.join(".github/cognito-lint-matcher.json")).unwrap();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let regexp_line = |text: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with("\"regexp\""))
            .map(|l| l.trim().trim_end_matches(',').to_string())
    };
    assert_eq!(regexp_line(&json), regexp_line(&readme));
}

/// The README's task names the folder relative to the workspace and runs in it; the matcher
/// then reads each path relative to the workspace: every path printed must be one.
#[test]
fn the_readme_task_prints_paths_the_matcher_resolves() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(readme.contains(r#""args": ["--format", "compact", "${relativeFileDirname}"]"#));
    assert!(readme.contains(r#""fileLocation": ["relative", "${workspaceFolder}"]"#));
    let workspace = tempfile::tempdir().unwrap();
    let folder = workspace.path().join("infra/auth");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("main.tf"),
        "resource \"aws_cognito_user_pool_client\" \"c\" {\n  name = \"c\"\n  user_pool_id = \"p\"\n}\n",
    )
    .unwrap();
    // ${relativeFileDirname} for infra/auth/main.tf, with cwd = ${workspaceFolder}.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cognito-lint"))
        .args(["--no-config", "--format", "compact", "infra/auth"])
        .current_dir(workspace.path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.is_empty());
    for line in text.lines() {
        let file = line.split(':').next().unwrap();
        assert!(Path::new(file).is_relative(), "{line}");
        assert!(workspace.path().join(file).is_file(), "{line}");
    }
}
