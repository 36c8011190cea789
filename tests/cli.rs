//! The command line as users and scripts see it: exit codes, formats, `rules`, `explain`.

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cognito-lint"))
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
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
            "code",
            "name",
            "severity",
            "message",
            "file",
            "resource",
            "instances",
            "span",
            "labels",
            "help",
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

fn run_env(args: &[&str], cwd: &Path, env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cognito-lint"));
    cmd.args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS");
    for (key, value) in env {
        cmd.env(key, value);
    }
    cmd.output().expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn one_run_writes_several_outputs() {
    let dir = tree(&[("main.tf", BAD_CLIENT), ("reports/.keep", "")]);
    let out = run(
        &[
            "-f",
            "compact",
            "-f",
            "sarif=reports/cognito-lint.sarif",
            "--format",
            "gitlab=gl-code-quality.json",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), stdout(&run(&["-f", "compact"], dir.path())));
    let sarif: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("reports/cognito-lint.sarif")).unwrap(),
    )
    .expect("valid SARIF");
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "COG001");
    let gitlab: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("gl-code-quality.json")).unwrap())
            .expect("valid JSON");
    assert_eq!(gitlab[0]["check_name"], "COG001");
    // Written through a temporary file renamed into place: nothing else is left behind.
    let mut left: Vec<String> = std::fs::read_dir(dir.path().join("reports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, [".keep", "cognito-lint.sarif"]);
}

#[test]
fn output_file_takes_the_output_without_a_file() {
    let dir = tree(&[("main.tf", BAD_CLIENT)]);
    std::fs::write(dir.path().join("report.txt"), "an old report\n").unwrap();
    let out = run(
        &["-f", "compact", "--output-file", "report.txt"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("report.txt")).unwrap(),
        "main.tf:4:27: error[COG001] access_token_validity is 48 hours; it must be between 5 minutes and 24 hours\n"
    );

    let twice = run(&["-f", "compact", "-f", "json"], dir.path());
    assert_eq!(twice.status.code(), Some(2));
    assert!(
        stderr(&twice).contains("two outputs go to standard output"),
        "{}",
        stderr(&twice)
    );
    let same_file = run(&["-f", "json=a.json", "-f", "sarif=a.json"], dir.path());
    assert_eq!(same_file.status.code(), Some(2));
    let no_folder = run(&["-f", "sarif=missing/out.sarif"], dir.path());
    assert_eq!(no_folder.status.code(), Some(2));
    assert!(
        stderr(&no_folder).contains("missing/out.sarif"),
        "{}",
        stderr(&no_folder)
    );
    assert_eq!(stdout(&no_folder), "", "nothing is linted");
    let unused = run(&["-f", "json=a.json", "--output-file", "b.txt"], dir.path());
    assert_eq!(unused.status.code(), Some(2));
    assert!(
        stderr(&unused).contains("takes no output"),
        "{}",
        stderr(&unused)
    );
    let bad_format = run(&["-f", "yaml=out.yaml"], dir.path());
    assert_eq!(bad_format.status.code(), Some(2));
    assert!(
        stderr(&bad_format).contains("unknown format `yaml`"),
        "{}",
        stderr(&bad_format)
    );
}

#[test]
fn exit_zero_only_hides_findings() {
    let dir = tree(&[("main.tf", BAD_CLIENT)]);
    assert_eq!(run(&["--exit-zero"], dir.path()).status.code(), Some(0));
    assert_eq!(
        run(&["--exit-zero", "--fail-on", "info"], dir.path())
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run(&["--exit-zero", "missing"], dir.path()).status.code(),
        Some(2),
        "a run that fails still exits 2"
    );
}

#[test]
fn color_flags_and_no_color() {
    let dir = tree(&[("main.tf", BAD_CLIENT)]);
    let colored = |args: &[&str], env: &[(&str, &str)]| {
        stdout(&run_env(args, dir.path(), env)).contains('\u{1b}')
    };
    assert!(!colored(&[], &[]), "auto: no colour when piped");
    assert!(!colored(&["--color", "auto"], &[]));
    assert!(colored(&["--color", "always"], &[]));
    assert!(
        colored(&["--color", "always"], &[("NO_COLOR", "1")]),
        "a flag beats NO_COLOR"
    );
    assert!(!colored(&["--color", "never"], &[]));
    assert!(
        !colored(&["--color", "always", "--no-color"], &[]),
        "--no-color is never"
    );
    assert!(
        !colored(&["--color", "always", "-f", "compact"], &[]),
        "only pretty has colour"
    );

    // On a terminal, `auto` colours unless NO_COLOR is set and not empty.
    use clap::Parser;
    let args = cognito_lint::cli::Cli::parse_from(["cognito-lint"]).lint;
    assert!(args.colored(true, None));
    assert!(
        args.colored(true, Some(std::ffi::OsStr::new(""))),
        "an empty NO_COLOR is unset"
    );
    assert!(!args.colored(true, Some(std::ffi::OsStr::new("1"))));
    assert!(!args.colored(false, None));
}

#[test]
fn quiet_drops_the_summary_of_every_format_that_has_one() {
    let dir = tree(&[("main.tf", BAD_CLIENT)]);
    for (format, summary) in [
        ("pretty", "1 error in 1 file"),
        ("github", "cognito-lint: 1 error"),
        ("checkstyle", "<!-- cognito-lint: 1 error"),
    ] {
        let loud = stdout(&run(&["-f", format], dir.path()));
        assert!(loud.contains(summary), "{format}: {loud}");
        let quiet = stdout(&run(&["-f", format, "-q"], dir.path()));
        assert!(!quiet.contains(summary), "{format}: {quiet}");
        assert!(quiet.contains("COG001"), "{format}: {quiet}");
    }
}

#[test]
fn gitlab_format_is_code_quality_json_with_stable_fingerprints() {
    let dir = tree(&[
        ("auth/main.tf", BAD_CLIENT),
        ("web/main.tf", WARNING_CLIENT),
    ]);
    let out = run(&["-f", "gitlab"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let issues: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let issue = &issues[0];
    assert_eq!(issue["check_name"], "COG001");
    assert_eq!(issue["severity"], "major");
    assert_eq!(issues[1]["severity"], "minor", "COG204 is a warning");
    assert_eq!(issue["location"]["path"], "auth/main.tf");
    assert_eq!(issue["location"]["lines"]["begin"], 4);
    assert!(issue["description"]
        .as_str()
        .unwrap()
        .contains("access_token_validity is 48 hours"));
    let keys: Vec<&str> = issue
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "description",
            "check_name",
            "fingerprint",
            "severity",
            "location"
        ]
    );
    assert_ne!(issues[0]["fingerprint"], issues[1]["fingerprint"]);

    // Lines added above move the finding, not its fingerprint.
    std::fs::write(
        dir.path().join("auth/main.tf"),
        format!("# a comment\n\n{BAD_CLIENT}"),
    )
    .unwrap();
    let moved: serde_json::Value =
        serde_json::from_slice(&run(&["-f", "gitlab"], dir.path()).stdout).unwrap();
    assert_eq!(moved[0]["location"]["lines"]["begin"], 6);
    assert_eq!(moved[0]["fingerprint"], issue["fingerprint"]);
}

#[test]
fn pretty_wraps_at_columns_else_80() {
    let dir = tree(&[("main.tf", BAD_CLIENT)]);
    let piped = stdout(&run(&[], dir.path()));
    let at = |columns: &str| stdout(&run_env(&[], dir.path(), &[("COLUMNS", columns)]));
    assert_eq!(piped, at("80"), "no terminal and no COLUMNS: 80");
    assert_ne!(piped, at("200"), "COLUMNS is honoured");
    let widest = |text: &str| {
        text.lines()
            .filter(|l| !l.contains("https://"))
            .map(|l| l.chars().count())
            .max()
            .unwrap()
    };
    assert!(widest(&piped) <= 80, "{piped}");
    assert!(widest(&at("200")) > 80);
    // A file has no terminal: COLUMNS or 80 as well.
    run(&["-f", "pretty=report.txt"], dir.path());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("report.txt")).unwrap(),
        piped
    );
}

#[test]
fn counts_say_which_files_and_an_empty_run_says_so() {
    let dir = tree(&[
        ("app/main.tf", BAD_CLIENT),
        ("app/pool.tf", "variable \"x\" {}\n"),
        ("app/modules/m/main.tf", "variable \"y\" {}\n"),
        ("prod.tfvars", "x = 1\n"),
        ("docs/readme.md", "no terraform here\n"),
    ]);
    // Only main.tf of the two linted files has findings; the summary counts both.
    let out = run(&["app/main.tf", "app/pool.tf"], dir.path());
    assert!(
        stdout(&out).ends_with("1 error in 2 files (1 client checked)\n"),
        "{}",
        stdout(&out)
    );
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["-f", "json", "app"], dir.path()).stdout).unwrap();
    assert_eq!(json["summary"]["files"], 3);

    // Every file read: the two of app/, the module folder's and the variable file.
    let stats = stderr(&run(
        &[
            "--statistics",
            "--var-file",
            "prod.tfvars",
            "-f",
            "compact",
            "app",
        ],
        dir.path(),
    ));
    assert!(stats.contains("files read:     4"), "{stats}");
    assert!(stats.contains("files linted:   3"), "{stats}");

    let empty = run(&["docs"], dir.path());
    assert_eq!(empty.status.code(), Some(0));
    assert!(
        stderr(&empty).contains("no Terraform files found under `docs`"),
        "{}",
        stderr(&empty)
    );
    assert!(!stderr(&run(&["app"], dir.path())).contains("no Terraform files"));
    // Each folder named is checked: one that holds nothing is named even when others do.
    let mixed = run(&["app", "./docs", "app/main.tf"], dir.path());
    assert_eq!(
        stderr(&mixed),
        "cognito-lint: no Terraform files found under `./docs` (none there, or all excluded)\n"
    );
    assert!(!stderr(&run(&[".", "app"], dir.path())).contains("no Terraform files"));

    std::fs::write(
        dir.path().join(".cognito-lint.hcl"),
        "exclude = [\"app/**\"]\n",
    )
    .unwrap();
    let excluded = run(&["."], dir.path());
    assert_eq!(excluded.status.code(), Some(0));
    assert!(
        stderr(&excluded)
            .contains("no Terraform files found under `.` (none there, or all excluded)\n"),
        "{}",
        stderr(&excluded)
    );
}

#[test]
fn mistakes_get_the_closest_name_and_say_which_part_is_wrong() {
    let dir = tree(&[("main.tf", WARNING_CLIENT)]);
    let error = |args: &[&str]| {
        let out = run(args, dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        stderr(&out)
    };
    assert!(error(&["--select", "COG01"])
        .contains("--select: unknown rule `COG01`; did you mean `COG001`"));
    assert!(error(&["--ignore", "implict-grant"]).contains(
        "--ignore: unknown rule `implict-grant`; did you mean `COG203` (implicit-grant)?"
    ));
    let unknown_code = error(&["--severity", "COG999=error"]);
    assert!(
        unknown_code.contains("unknown rule `COG999`"),
        "{unknown_code}"
    );
    assert!(!unknown_code.contains("level"), "{unknown_code}");
    assert!(error(&["--severity", "COG204=fatal"])
        .contains("unknown level `fatal`; the levels are error, warning, info"));
    assert!(error(&["--select", "zzzzzzzz"]).contains("`cognito-lint rules` lists them"));
    assert!(error(&["explain", "COG11"]).contains("did you mean `COG011`"));
    assert!(error(&["expalin", "COG101"]).contains("did you mean `cognito-lint explain`?"));
    assert!(error(&["rulse"]).contains("did you mean `cognito-lint rules`?"));
    // A word that is a folder is linted, and one far from every command is a missing path.
    assert!(error(&["infra"]).contains("infra: no such file or folder"));
}

#[test]
fn ruff_spellings_work_and_a_folder_named_help_is_linted() {
    let dir = tree(&[
        ("help/main.tf", WARNING_CLIENT),
        ("rulse/main.tf", WARNING_CLIENT),
    ]);
    let rule = run(&["rule", "COG101"], dir.path());
    assert_eq!(rule.status.code(), Some(0));
    assert_eq!(rule.stdout, run(&["explain", "COG101"], dir.path()).stdout);
    assert_eq!(
        run(&["rules", "-f", "json"], dir.path()).stdout,
        run(&["rules", "--format", "json"], dir.path()).stdout
    );
    let help = stdout(&run(&["-f", "compact", "./help"], dir.path()));
    assert!(
        help.starts_with("help/main.tf:1:10: warning[COG204]"),
        "{help}"
    );
    let folder = stdout(&run(&["-f", "compact", "rulse"], dir.path()));
    assert!(
        folder.starts_with("rulse/main.tf:1:10: warning[COG204]"),
        "{folder}"
    );
}

/// Completion scripts and the man page come from the same definitions as the parser, so they
/// name every flag; the bash script is valid bash.
#[test]
fn completions_and_man_page() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = run(&["completions", shell], dir.path());
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = stdout(&out);
        assert!(script.contains("--fail-on"), "{shell}: {script}");
    }
    let bash = stdout(&run(&["completions", "bash"], dir.path()));
    let script = dir.path().join("cognito-lint.bash");
    std::fs::write(&script, bash).unwrap();
    if let Ok(status) = Command::new("bash").arg("-n").arg(&script).status() {
        assert!(
            status.success(),
            "the bash completion script does not parse"
        );
    }
    let man = run(&["man"], dir.path());
    assert_eq!(man.status.code(), Some(0));
    let page = stdout(&man);
    assert!(page.contains(".TH cognito-lint 1"), "{page}");
    assert!(page.contains("fail\\-on"), "{page}");
    assert_eq!(
        run(&["completions", "tcsh"], dir.path()).status.code(),
        Some(2)
    );
}

/// A commit that changes only a tfvars file (pre-commit passes just that file) reports the
/// findings its values cause in the Terraform files of its folder.
#[test]
fn a_named_tfvars_file_reports_its_folder() {
    let dir = tree(&[
        (
            "auth/main.tf",
            "variable \"validity\" {}\n\nresource \"aws_cognito_user_pool_client\" \"web\" {\n  name                          = \"web\"\n  user_pool_id                  = \"eu-west-1_abc\"\n  access_token_validity         = var.validity\n  prevent_user_existence_errors = \"ENABLED\"\n}\n",
        ),
        ("auth/terraform.tfvars", "validity = 48\n"),
        ("other/main.tf", "resource \"aws_cognito_user_pool_client\" \"x\" {\n  name = \"x\"\n  user_pool_id = \"p\"\n}\n"),
    ]);
    let out = run(
        &["--no-config", "-f", "compact", "auth/terraform.tfvars"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains("auth/main.tf:6:"), "{text}");
    assert!(text.contains("COG001"), "{text}");
    assert!(!text.contains("other/"), "{text}");
    std::fs::write(dir.path().join("auth/terraform.tfvars"), "validity = 12\n").unwrap();
    let clean = run(
        &["--no-config", "-f", "compact", "auth/terraform.tfvars"],
        dir.path(),
    );
    assert_eq!(clean.status.code(), Some(0), "{}", stdout(&clean));
}

/// In a git repository, what `.gitignore` names is not walked (as ripgrep); `.ignore` counts
/// anywhere; `--no-ignore` walks everything; a file named on the command line is linted.
#[test]
fn ignore_files_are_respected_when_walking() {
    let client = "resource \"aws_cognito_user_pool_client\" \"c\" {\n  name = \"c\"\n  user_pool_id = \"p\"\n  access_token_validity = 48\n}\n";
    let dir = tree(&[
        ("repo/.gitignore", "generated/\n"),
        ("repo/app/.ignore", "scratch.tf\n"),
        ("repo/app/main.tf", client),
        ("repo/app/scratch.tf", client),
        ("repo/generated/main.tf", client),
        ("plain/.gitignore", "*.tf\n"),
        ("plain/main.tf", client),
    ]);
    std::fs::create_dir_all(dir.path().join("repo/.git")).unwrap();
    let files = |args: &[&str], cwd: &str| -> Vec<String> {
        let mut all = vec!["--no-config", "-f", "compact"];
        all.extend_from_slice(args);
        let mut files: Vec<String> = stdout(&run(&all, &dir.path().join(cwd)))
            .lines()
            .map(|l| l.split(':').next().unwrap().to_string())
            .collect();
        files.dedup();
        files
    };
    assert_eq!(files(&["."], "repo"), ["app/main.tf"]);
    assert_eq!(files(&["../"], "repo/app"), ["../app/main.tf"]);
    assert_eq!(
        files(&["--no-ignore", "."], "repo"),
        ["app/main.tf", "app/scratch.tf", "generated/main.tf"]
    );
    assert_eq!(files(&["generated/main.tf"], "repo"), ["generated/main.tf"]);
    // Outside a repository a .gitignore is only a file.
    assert_eq!(files(&["."], "plain"), ["main.tf"]);
}

/// Variables, lowest first: the config file's `var_files`, its `variables`, `--var-file`,
/// `--var` (later wins), as the README says.
#[test]
fn flag_variables_beat_the_config_files() {
    let dir = tree(&[
        (
            ".cognito-lint.hcl",
            "var_files = [\"config.tfvars\"]\nvariables = { cb = \"http://variables.example.com\" }\n",
        ),
        ("config.tfvars", "cb = \"http://config-file.example.com\"\n"),
        ("flag.tfvars", "cb = \"http://flag-file.example.com\"\n"),
        (
            "main.tf",
            "variable \"cb\" {}\n\nresource \"aws_cognito_user_pool_client\" \"c\" {\n  name                                 = \"c\"\n  user_pool_id                         = \"p\"\n  allowed_oauth_flows_user_pool_client = true\n  allowed_oauth_flows                  = [\"code\"]\n  allowed_oauth_scopes                 = [\"openid\"]\n  callback_urls                        = [var.cb]\n}\n",
        ),
    ]);
    let seen = |args: &[&str]| {
        let mut all = vec!["-f", "compact", "--select", "COG108"];
        all.extend_from_slice(args);
        stdout(&run(&all, dir.path()))
    };
    assert!(
        seen(&["."]).contains("variables.example.com"),
        "{}",
        seen(&["."])
    );
    let with_file = seen(&["--var-file", "flag.tfvars", "."]);
    assert!(with_file.contains("flag-file.example.com"), "{with_file}");
    let with_var = seen(&[
        "--var-file",
        "flag.tfvars",
        "--var",
        "cb=http://var.example.com",
        ".",
    ]);
    assert!(with_var.contains("var.example.com"), "{with_var}");
}

/// `--show-unknown` adds COG904 notes and nothing else: the same exit code (also with
/// `--fail-on info`), the same other findings, the same summary but for `notes`.
#[test]
fn show_unknown_changes_neither_the_exit_code_nor_the_other_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut notes_seen = 0;
    for target in ["tests/fixtures", "tests/fixtures/modules", "examples"] {
        for fail_on in ["error", "info"] {
            let plain = run(&["-f", "json", "--fail-on", fail_on, target], root);
            let shown = run(
                &["-f", "json", "--fail-on", fail_on, "--show-unknown", target],
                root,
            );
            assert_eq!(
                plain.status.code(),
                shown.status.code(),
                "{target} {fail_on}"
            );
            let parse = |o: &Output| -> serde_json::Value {
                serde_json::from_str(&stdout(o)).expect("JSON output")
            };
            let (mut plain, mut shown) = (parse(&plain), parse(&shown));
            let is_note = |d: &serde_json::Value| d["code"] == "COG904";
            let diagnostics = |doc: &serde_json::Value| -> Vec<serde_json::Value> {
                doc["diagnostics"].as_array().unwrap().clone()
            };
            assert!(!diagnostics(&plain).iter().any(is_note), "{target}");
            let notes = diagnostics(&shown).iter().filter(|d| is_note(d)).count();
            notes_seen += notes;
            let others: Vec<_> = diagnostics(&shown)
                .into_iter()
                .filter(|d| !is_note(d))
                .collect();
            assert_eq!(diagnostics(&plain), others, "{target}");
            assert_eq!(shown["summary"]["notes"], notes, "{target}");
            plain["summary"]["notes"] = serde_json::Value::Null;
            shown["summary"]["notes"] = serde_json::Value::Null;
            assert_eq!(plain["summary"], shown["summary"], "{target}");
        }
    }
    assert!(notes_seen > 0, "the targets have unknown values to note");
}

#[test]
fn the_summary_counts_clients_with_unknown_arguments() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        r#"variable "urls" {
  type = list(string)
}

resource "aws_cognito_user_pool_client" "web" {
  name                          = "web"
  user_pool_id                  = aws_cognito_user_pool.pool.id
  prevent_user_existence_errors = "ENABLED"
  callback_urls                 = var.urls
}

resource "aws_cognito_user_pool_client" "api" {
  name                          = "api"
  user_pool_id                  = aws_cognito_user_pool.pool.id
  prevent_user_existence_errors = "ENABLED"
}
"#,
    )
    .unwrap();
    let out = run(&["."], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).ends_with(
            "no problems in 1 file (2 clients checked, 1 with arguments not known before apply: \
             --show-unknown lists them)\n"
        ),
        "{}",
        stdout(&out)
    );
    let out = run(&["--show-unknown", "-f", "compact", "."], dir.path());
    assert_eq!(
        stdout(&out),
        "main.tf:9:35: info[COG904] `callback_urls` is not known before apply: `var.urls` has no value\n"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["-f", "json", "."], dir.path()))).unwrap();
    assert_eq!(json["summary"]["clients_with_unknowns"], 1);
    assert_eq!(
        json["summary"]["unknown_causes"]["variable-without-value"],
        1
    );
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&run(
        &["-f", "sarif", "--show-unknown", "."],
        dir.path(),
    )))
    .unwrap();
    let run0 = &sarif["runs"][0];
    assert_eq!(
        run0["results"],
        serde_json::json!([]),
        "notes are not results"
    );
    let notes = &run0["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(notes.as_array().unwrap().len(), 1);
    assert_eq!(notes[0]["level"], "note");
    assert_eq!(notes[0]["associatedRule"]["id"], "COG904");
    assert_eq!(
        notes[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        9
    );
    // JUnit: a check that did not run is a skipped test case; GitLab has no place for it.
    let junit = stdout(&run(&["-f", "junit", "--show-unknown", "."], dir.path()));
    assert!(
        junit.contains(r#"tests="1" failures="0" errors="0" skipped="1""#),
        "{junit}"
    );
    assert!(
        junit.contains("<skipped message=\"`callback_urls` is not known"),
        "{junit}"
    );
    let gitlab = stdout(&run(&["-f", "gitlab", "--show-unknown", "."], dir.path()));
    assert_eq!(gitlab.trim(), "[]");
    let stats = run(&["--statistics", "-q", "."], dir.path());
    let stderr = String::from_utf8_lossy(&stats.stderr);
    assert!(stderr.contains("with unknowns:  1"), "{stderr}");
    assert!(stderr.contains("variable-without-value      1"), "{stderr}");
}
