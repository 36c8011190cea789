//! The command line as users and scripts see it: exit codes, formats, `rules`, `explain`.

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cognito-lint"))
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("output is UTF-8")
}

const BAD_CLIENT: &str = r#"resource "aws_cognito_user_pool_client" "web" {
  name                  = "web"
  user_pool_id          = aws_cognito_user_pool.pool.id
  access_token_validity = 48
  prevent_user_existence_errors = "ENABLED"
}
"#;

const GOOD_CLIENT: &str = r#"resource "aws_cognito_user_pool_client" "web" {
  name                          = "web"
  user_pool_id                  = aws_cognito_user_pool.pool.id
  access_token_validity         = 12
  prevent_user_existence_errors = "ENABLED"
}
"#;

const WARNING_CLIENT: &str = r#"resource "aws_cognito_user_pool_client" "web" {
  name         = "web"
  user_pool_id = aws_cognito_user_pool.pool.id
}
"#;

fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

#[test]
fn exit_code_follows_fail_on() {
    let clean = tree(&[("main.tf", GOOD_CLIENT)]);
    assert_eq!(run(&[], clean.path()).status.code(), Some(0));

    let errors = tree(&[("main.tf", BAD_CLIENT)]);
    assert_eq!(run(&[], errors.path()).status.code(), Some(1));

    let warnings = tree(&[("main.tf", WARNING_CLIENT)]);
    assert_eq!(run(&[], warnings.path()).status.code(), Some(0));
    assert_eq!(
        run(&["--fail-on", "warning"], warnings.path())
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        run(&["--severity", "COG204=error"], warnings.path())
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        run(&["--ignore", "COG204"], warnings.path()).status.code(),
        Some(0)
    );
}

#[test]
fn bad_arguments_exit_2() {
    let dir = tree(&[("main.tf", GOOD_CLIENT)]);
    let missing = run(&["does-not-exist"], dir.path());
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("does-not-exist"));
    assert_eq!(
        run(&["--select", "COG999"], dir.path()).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["--format", "yaml"], dir.path()).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["--severity", "COG204=fatal"], dir.path())
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn compact_format_is_one_line_per_finding() {
    let dir = tree(&[("main.tf", BAD_CLIENT)]);
    let out = stdout(&run(&["-f", "compact"], dir.path()));
    assert_eq!(
        out,
        "main.tf:4:27: error[COG001] access_token_validity is 48 hours; it must be between 5 minutes and 24 hours\n"
    );
}

#[test]
fn json_format_follows_the_contract() {
    let dir = tree(&[("auth/main.tf", BAD_CLIENT), ("auth/pool.tf", "")]);
    let out = run(&["-f", "json"], dir.path());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(doc["version"], 1);
    let d = &doc["diagnostics"][0];
    assert_eq!(d["code"], "COG001");
    assert_eq!(d["name"], "token-validity-out-of-range");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], "auth/main.tf");
    assert_eq!(d["resource"], "aws_cognito_user_pool_client.web");
    assert_eq!(d["span"]["start"]["line"], 4);
    assert_eq!(d["span"]["start"]["column"], 27);
    assert_eq!(d["span"]["end"]["column"], 29);
    assert!(d["help"]
        .as_str()
        .unwrap()
        .contains("access_token_validity = 24"));
    assert!(d["fix"].is_null());
    let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "code", "name", "severity", "message", "file", "resource", "span", "labels", "help",
            "fix"
        ]
    );
    assert_eq!(doc["summary"]["files"], 2);
    assert_eq!(doc["summary"]["clients"], 1);
    assert_eq!(doc["summary"]["errors"], 1);
    assert_eq!(doc["summary"]["suppressed"], 0);
}

#[test]
fn a_broken_file_does_not_hide_the_others() {
    let dir = tree(&[
        (
            "a/broken.tf",
            "resource \"aws_cognito_user_pool_client\" \"x\" {\n  name = \n",
        ),
        ("a/main.tf", BAD_CLIENT),
        ("b/main.tf", BAD_CLIENT),
        ("c/binary.tf", "\u{0}\u{1}\u{2}aws_cognito_user_pool_client"),
    ]);
    let out = run(&["-f", "compact"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("a/broken.tf:2:10: error[COG000]"), "{text}");
    assert!(text.contains("a/main.tf:4:27: error[COG001]"), "{text}");
    assert!(text.contains("b/main.tf:4:27: error[COG001]"), "{text}");
    assert!(text.contains("c/binary.tf:1:1: error[COG000]"), "{text}");
}

#[test]
fn named_files_report_only_themselves_with_their_folder_as_context() {
    let dir = tree(&[
        ("main.tf", BAD_CLIENT),
        ("other.tf", &BAD_CLIENT.replace("\"web\"", "\"api\"")),
    ]);
    let out = stdout(&run(&["-f", "compact", "other.tf"], dir.path()));
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("other.tf:4:27: error[COG001]"), "{out}");
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let files: Vec<(String, String)> = (0..12)
        .map(|i| {
            (
                format!("m{i}/main.tf"),
                BAD_CLIENT.replace("\"web\"", &format!("\"c{i}\"")),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = tree(&refs);
    let one = run(&["-j", "1", "-f", "json"], dir.path());
    let four = run(&["-j", "4", "-f", "json"], dir.path());
    assert_eq!(one.stdout, four.stdout);
    let pretty1 = run(&["-j", "1"], dir.path());
    let pretty4 = run(&["-j", "4"], dir.path());
    assert_eq!(pretty1.stdout, pretty4.stdout);
}

#[test]
fn pretty_output_ends_with_a_summary_and_has_no_colour_when_piped() {
    let dir = tree(&[("main.tf", BAD_CLIENT)]);
    let out = stdout(&run(&[], dir.path()));
    assert!(!out.contains('\u{1b}'), "no escape codes when piped");
    assert!(out.contains("COG001"));
    assert!(out.contains("help: set `access_token_validity = 24`"));
    assert!(
        out.ends_with("1 error in 1 file (1 client checked)\n"),
        "{out}"
    );
}

#[test]
fn rules_lists_every_rule() {
    let dir = tempfile::tempdir().unwrap();
    let text = stdout(&run(&["rules"], dir.path()));
    assert!(text
        .lines()
        .any(|l| l.starts_with("COG101  error    default-redirect-uri-not-in-callback-urls")));
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["rules", "--format", "json"], dir.path()).stdout).unwrap();
    let rules = json.as_array().unwrap();
    assert!(rules
        .iter()
        .any(|r| r["code"] == "COG211" && r["severity"] == "info"));
    assert_eq!(rules.len(), text.lines().count());
}

#[test]
fn explain_prints_the_page_by_code_or_name() {
    let dir = tempfile::tempdir().unwrap();
    let by_code = run(&["explain", "COG101"], dir.path());
    assert_eq!(by_code.status.code(), Some(0));
    assert!(stdout(&by_code).starts_with("# COG101"));
    let by_name = run(
        &["explain", "default-redirect-uri-not-in-callback-urls"],
        dir.path(),
    );
    assert_eq!(by_code.stdout, by_name.stdout);
    assert_eq!(
        run(&["explain", "COG999"], dir.path()).status.code(),
        Some(2)
    );
}

#[test]
fn var_flags_files_and_environment_follow_terraform_precedence() {
    let module = r#"variable "hours" {
  type    = number
  default = 1
}

resource "aws_cognito_user_pool_client" "web" {
  name                          = "web"
  user_pool_id                  = aws_cognito_user_pool.pool.id
  access_token_validity         = var.hours
  prevent_user_existence_errors = "ENABLED"
}
"#;
    let dir = tree(&[("main.tf", module), ("prod.tfvars", "hours = 30\n")]);
    let code = |args: &[&str], env: Option<&str>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_cognito-lint"));
        cmd.args(args)
            .current_dir(dir.path())
            .env_remove("TF_VAR_hours");
        if let Some(v) = env {
            cmd.env("TF_VAR_hours", v);
        }
        cmd.output().unwrap().status.code()
    };
    assert_eq!(code(&[], None), Some(0));
    assert_eq!(code(&[], Some("48")), Some(1), "TF_VAR_ beats the default");
    assert_eq!(
        code(&["--var-file", "prod.tfvars"], None),
        Some(1),
        "a var file beats the default"
    );
    assert_eq!(
        code(&["--var-file", "prod.tfvars"], Some("2")),
        Some(1),
        "a var file beats TF_VAR_"
    );
    assert_eq!(
        code(&["--var-file", "prod.tfvars", "--var", "hours=2"], None),
        Some(0),
        "--var beats a var file"
    );
    assert_eq!(code(&["--var", "hours"], None), Some(2));
    assert_eq!(code(&["--var-file", "missing.tfvars"], None), Some(2));
}

#[test]
fn json_names_the_origin_of_a_value_from_another_file() {
    let dir = tree(&[
        ("variables.tf", "variable \"url\" {\n  default = \"http://app.example.com/cb\"\n}\n"),
        (
            "main.tf",
            "resource \"aws_cognito_user_pool_client\" \"web\" {\n  name          = \"web\"\n  user_pool_id  = \"x\"\n  callback_urls = [var.url]\n}\n",
        ),
    ]);
    let out = run(&["-f", "json", "--select", "COG108"], dir.path());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &doc["diagnostics"][0];
    assert_eq!(d["file"], "main.tf");
    assert_eq!(d["labels"].as_array().unwrap().len(), 0);
    assert!(
        d["help"]
            .as_str()
            .unwrap()
            .ends_with("(value set here at variables.tf:2:13)"),
        "{}",
        d["help"]
    );
}

#[test]
fn suppressions_in_context_files_are_not_reported() {
    let sibling = "# cognito-lint:ignore COG001 nothing here\nvariable \"x\" {}\n";
    let dir = tree(&[("main.tf", GOOD_CLIENT), ("vars.tf", sibling)]);
    let named = stdout(&run(&["-f", "compact", "main.tf"], dir.path()));
    assert_eq!(
        named, "",
        "vars.tf was not named: its unused suppression is not reported"
    );
    let walked = stdout(&run(&["-f", "compact", "."], dir.path()));
    assert!(walked.contains("vars.tf:1:1: warning[COG900]"), "{walked}");
}
