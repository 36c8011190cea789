//! `.cognito-lint.hcl`: the nearest to each linted file, or named with `--config`; every setting
//! works, flags override it, and every mistake is exit code 2 naming the line.

mod common;
use common::{client, codes, run, stderr, stdout, tree};

const CONFIG: &str = ".cognito-lint.hcl";

/// One warning (COG204) and one info (COG211, 90 days > 30).
fn warn_and_info() -> String {
    client("web", "  refresh_token_validity = 90\n")
}

#[test]
fn a_rule_is_disabled_by_code_or_name() {
    for label in ["COG204", "user-existence-errors-not-prevented"] {
        let config = format!("rule \"{label}\" {{\n  enabled = false\n}}\n");
        let dir = tree(&[("main.tf", &warn_and_info()), (CONFIG, &config)]);
        let out = run(&["-f", "compact"], dir.path());
        assert_eq!(codes(&out), ["4:COG211"], "{label}");
    }
}

#[test]
fn a_raised_severity_changes_the_exit_code() {
    let dir = tree(&[("main.tf", &warn_and_info())]);
    assert_eq!(run(&[], dir.path()).status.code(), Some(0));
    std::fs::write(
        dir.path().join(CONFIG),
        "rule \"COG204\" {\n  severity = \"error\"\n}\n",
    )
    .unwrap();
    let out = run(&["-f", "compact"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("error[COG204]"));
    // The flag wins over the file.
    let out = run(&["--severity", "COG204=warning"], dir.path());
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn fail_on_from_the_file_and_the_flag_overriding_it() {
    let dir = tree(&[
        ("main.tf", &warn_and_info()),
        (CONFIG, "fail_on = \"warning\"\n"),
    ]);
    assert_eq!(run(&[], dir.path()).status.code(), Some(1));
    assert_eq!(
        run(&["--fail-on", "error"], dir.path()).status.code(),
        Some(0)
    );
    assert_eq!(run(&["--no-config"], dir.path()).status.code(), Some(0));
}

#[test]
fn a_rule_option_reaches_the_rule() {
    let dir = tree(&[(
        "main.tf",
        &client(
            "web",
            "  refresh_token_validity = 10\n  prevent_user_existence_errors = \"ENABLED\"\n",
        ),
    )]);
    assert!(codes(&run(&["-f", "compact"], dir.path())).is_empty());
    std::fs::write(
        dir.path().join(CONFIG),
        "rule \"long-lived-refresh-token\" {\n  max_days = 7\n  severity = \"warning\"\n}\n",
    )
    .unwrap();
    let out = run(&["-f", "compact"], dir.path());
    assert_eq!(codes(&out), ["4:COG211"]);
    assert!(stdout(&out).contains("warning[COG211] refresh tokens last 10 days, more than 7 days"));
}

#[test]
fn select_runs_a_rule_the_file_disables_and_ignore_adds_to_it() {
    let config = "rule \"COG204\" {\n  enabled = false\n}\n";
    let dir = tree(&[("main.tf", &warn_and_info()), (CONFIG, config)]);
    assert_eq!(
        codes(&run(&["-f", "compact", "--select", "COG204"], dir.path())),
        ["1:COG204"]
    );
    assert!(codes(&run(&["-f", "compact", "--ignore", "COG211"], dir.path())).is_empty());
}

#[test]
fn the_file_is_found_in_a_folder_above_or_named() {
    let dir = tree(&[
        ("infra/auth/main.tf", &warn_and_info()),
        (CONFIG, "rule \"COG211\" {\n  enabled = false\n}\n"),
        ("other.hcl", "rule \"COG204\" {\n  enabled = false\n}\n"),
    ]);
    let nested = dir.path().join("infra/auth");
    assert_eq!(codes(&run(&["-f", "compact"], &nested)), ["1:COG204"]);
    let other = dir.path().join("other.hcl");
    assert_eq!(
        codes(&run(
            &["-f", "compact", "--config", other.to_str().unwrap()],
            &nested
        )),
        ["4:COG211"]
    );
    let missing = run(&["--config", "nope.hcl"], &nested);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("nope.hcl: cannot read config file"));
}

#[test]
fn exclude_skips_folders_and_files_relative_to_the_folder_walked() {
    let dir = tree(&[
        ("main.tf", &warn_and_info()),
        ("examples/demo/main.tf", &warn_and_info()),
        ("modules/test/main.tf", &warn_and_info()),
        ("modules/auth/main.tf", &warn_and_info()),
        ("modules/auth/generated.tf", &client("gen", "")),
        (
            CONFIG,
            "exclude = [\"examples/**\", \"**/test/**\", \"**/generated.tf\"]\n",
        ),
    ]);
    let out = stdout(&run(&["-f", "compact", "--ignore", "COG211"], dir.path()));
    assert_eq!(out, "main.tf:1:10: warning[COG204] user existence errors are not prevented\nmodules/auth/main.tf:1:10: warning[COG204] user existence errors are not prevented\n");
    // A file named on the command line (as pre-commit does) is excluded as well.
    let named = run(&["-f", "compact", "examples/demo/main.tf"], dir.path());
    assert_eq!(stdout(&named), "");
    assert_eq!(named.status.code(), Some(0));
}

#[test]
fn mistakes_are_exit_2_naming_the_line_and_what_was_expected() {
    let cases = [
        ("fail_on = \"warning\"\nfail_onn = 1\n", ":2:1: unknown key `fail_onn`; expected one of: exclude, extends, fail_on, require_reason, rule, var_files, variables (did you mean `fail_on`?)"),
        ("fail_on = \"fatal\"\n", ":1:11: `fail_on` expects one of \"error\", \"warning\", \"info\", not \"fatal\""),
        ("\n\nrule \"COG21\" {\n}\n", ":3:6: unknown rule `COG21`; did you mean `COG201`?"),
        ("rule \"COG211\" {\n  max_day = 7\n}\n", ":2:3: unknown setting for COG211 `max_day`; expected one of: enabled, severity, max_days (did you mean `max_days`?)"),
        ("rule \"COG211\" {\n  max_days = 0\n}\n", ":2:14: `max_days` expects a number greater than 0"),
        ("rule \"COG204\" {\n  enabled = \"no\"\n}\n", ":2:13: `enabled` expects true or false: found string \"no\""),
        ("exclude = \"examples\"\n", ":1:11: `exclude` expects a list of strings: found string \"examples\""),
        ("exclude = [\"ok/**\", \"a/[b\"]\n", ":1:21: invalid glob `a/[b` in `exclude`"),
        ("variables = { env = var.env }\n", ":1:13: `variables` must be a literal value"),
        ("plugin \"aws\" {\n}\n", ":1:1: unknown block `plugin`; expected one of: rule"),
        ("fail_on = \"error\"\nfail_on = \"info\"\n", ":2:1: invalid HCL: invalid attribute; expected unique attribute key"),
        ("rule \"COG204\" {\n}\nrule \"user-existence-errors-not-prevented\" {\n}\n", ":3:6: COG204 is configured twice"),
        ("fail_on = \n", ":1:"),
    ];
    for (text, expected) in cases {
        let dir = tree(&[("main.tf", &warn_and_info()), (CONFIG, text)]);
        let out = run(&[], dir.path());
        assert_eq!(out.status.code(), Some(2), "{text}");
        let err = stderr(&out);
        assert!(
            err.contains(&format!("{CONFIG}{expected}")),
            "for {text:?}\nexpected …{CONFIG}{expected}\ngot {err}"
        );
        assert!(stdout(&out).is_empty(), "no lint output on a bad config");
    }
}

#[test]
fn variables_and_var_files_are_read() {
    let path = std::path::Path::new("/repo/.cognito-lint.hcl");
    let config = cognito_lint::config::parse(
        path,
        "variables = { env = \"prod\", days = 7, hosts = [\"a\", \"b\"] }\nvar_files = [\"prod.tfvars\", \"env/dev.tfvars\"]\nrequire_reason = true\n",
    )
    .expect("a valid config");
    assert_eq!(
        config.variables,
        [
            ("env".to_string(), "prod".to_string()),
            ("days".to_string(), "7".to_string()),
            ("hosts".to_string(), "[\"a\",\"b\"]".to_string()),
        ]
    );
    assert_eq!(
        config.var_files,
        [
            std::path::PathBuf::from("/repo/prod.tfvars"),
            std::path::PathBuf::from("/repo/env/dev.tfvars"),
        ]
    );
    assert_eq!(config.require_reason, Some(true));
}

/// The layout of issue 16: a repository whose config excludes a legacy folder, linted as CI
/// (`.`), as a job on one folder (`infra/`), from inside that folder, and as pre-commit does
/// (named files): the same files are reported every time.
#[test]
fn exclude_is_relative_to_the_config_files_folder_however_the_linter_is_called() {
    let dir = tree(&[
        (".git/HEAD", "ref: refs/heads/main\n"),
        (
            CONFIG,
            "exclude = [\"infra/legacy/**\", \"**/generated.tf\"]\n",
        ),
        ("infra/auth/main.tf", &warn_and_info()),
        ("infra/auth/generated.tf", &client("gen", "")),
        ("infra/legacy/main.tf", &warn_and_info()),
    ]);
    let root = dir.path();
    let infra = root.join("infra");
    let flags = ["-f", "compact", "--ignore", "COG211"];
    let lint = |args: &[&str], cwd: &std::path::Path| {
        let all: Vec<&str> = flags.iter().copied().chain(args.iter().copied()).collect();
        codes(&run(&all, cwd))
    };
    let expected = ["1:COG204"];
    assert_eq!(lint(&[], root), expected, "cognito-lint .");
    assert_eq!(lint(&["infra"], root), expected, "cognito-lint infra");
    assert_eq!(lint(&["infra/"], root), expected, "cognito-lint infra/");
    assert_eq!(lint(&[], &infra), expected, "from inside infra/");
    assert_eq!(
        lint(&["."], &infra.join("auth")),
        expected,
        "from infra/auth"
    );
    // pre-commit names the files of the commit.
    let named = [
        "infra/auth/main.tf",
        "infra/auth/generated.tf",
        "infra/legacy/main.tf",
    ];
    assert_eq!(lint(&named, root), expected, "named files");
    assert_eq!(
        lint(&["auth/main.tf", "legacy/main.tf"], &infra),
        expected,
        "named from infra/"
    );
    // A folder named on the command line is excluded as its files are.
    assert!(lint(&["infra/legacy"], root).is_empty());
}

/// A monorepo: the root config, a team's module with its own config that extends it, and a
/// project with a config of its own that does not. Each file follows the config nearest to
/// it, wherever the linter runs from; `--config` forces one file, `--no-config` none.
#[test]
fn each_file_follows_the_config_nearest_to_it() {
    let dir = tree(&[
        (".git/HEAD", "ref: refs/heads/main\n"),
        (
            CONFIG,
            "exclude = [\"**/vendor/**\"]\nrule \"COG211\" {\n  enabled = false\n}\n",
        ),
        ("main.tf", &warn_and_info()),
        // Extends the root: COG211 stays off, COG204 is raised, the root's exclude holds.
        (
            "teams/payments/.cognito-lint.hcl",
            "extends = \"../../.cognito-lint.hcl\"\nfail_on = \"warning\"\nrule \"COG204\" {\n  severity = \"error\"\n}\n",
        ),
        ("teams/payments/main.tf", &warn_and_info()),
        ("teams/payments/vendor/main.tf", &warn_and_info()),
        // Stands alone: the root's settings do not reach it.
        (
            "sandbox/.cognito-lint.hcl",
            "rule \"COG204\" {\n  enabled = false\n}\n",
        ),
        ("sandbox/main.tf", &warn_and_info()),
    ]);
    let root = dir.path();
    let compact = |args: &[&str], cwd: &std::path::Path| {
        let all: Vec<&str> = ["-f", "compact"]
            .iter()
            .copied()
            .chain(args.iter().copied())
            .collect();
        stdout(&run(&all, cwd))
    };
    let everything = compact(&[], root);
    assert_eq!(
        everything,
        "main.tf:1:10: warning[COG204] user existence errors are not prevented\n\
         sandbox/main.tf:4:28: info[COG211] refresh tokens last 90 days, more than 30 days\n\
         teams/payments/main.tf:1:10: error[COG204] user existence errors are not prevented\n"
    );
    // A folder linted from anywhere gets the same result.
    let payments = root.join("teams/payments");
    assert_eq!(
        compact(&[], &payments),
        "main.tf:1:10: error[COG204] user existence errors are not prevented\n"
    );
    assert_eq!(
        compact(&["teams/payments"], root),
        "teams/payments/main.tf:1:10: error[COG204] user existence errors are not prevented\n"
    );
    assert_eq!(
        compact(&["main.tf"], &root.join("sandbox")),
        "main.tf:4:28: info[COG211] refresh tokens last 90 days, more than 30 days\n"
    );
    // fail_on follows the file's config too: only the payments team fails on warnings.
    assert_eq!(run(&[], &root.join("sandbox")).status.code(), Some(0));
    assert_eq!(run(&[], &payments).status.code(), Some(1));
    // --config forces one file for every folder, --no-config none.
    let sandbox_config = root.join("sandbox/.cognito-lint.hcl");
    assert_eq!(
        codes(&run(
            &[
                "-f",
                "compact",
                "--config",
                sandbox_config.to_str().unwrap()
            ],
            root
        )),
        ["4:COG211", "4:COG211", "4:COG211", "4:COG211"]
    );
    assert_eq!(
        codes(&run(&["-f", "compact", "--no-config"], root)).len(),
        8
    );
}

#[test]
fn a_bad_nested_config_or_a_loop_of_extends_is_exit_2() {
    let dir = tree(&[
        (".git/HEAD", "ref: refs/heads/main\n"),
        ("main.tf", &warn_and_info()),
        ("a/main.tf", &warn_and_info()),
        ("a/.cognito-lint.hcl", "fail_onn = \"error\"\n"),
    ]);
    let out = run(&[], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("a/.cognito-lint.hcl:1:1: unknown key `fail_onn`"),
        "{}",
        stderr(&out)
    );
    let looped = tree(&[
        ("main.tf", &warn_and_info()),
        (CONFIG, "extends = \"b/.cognito-lint.hcl\"\n"),
        (
            "b/.cognito-lint.hcl",
            "extends = \"../.cognito-lint.hcl\"\n",
        ),
    ]);
    let out = run(&[], looped.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`extends` makes a loop"),
        "{}",
        stderr(&out)
    );
}

/// `variables` and `var_files` follow the nearest config too, and so does standard input
/// named with `--stdin-filename`, as an editor sends it.
#[test]
fn inputs_and_standard_input_follow_the_nearest_config() {
    let uses_days = "variable \"days\" {\n  type = number\n}\n\nresource \"aws_cognito_user_pool_client\" \"web\" {\n  name                          = \"web\"\n  user_pool_id                  = aws_cognito_user_pool.pool.id\n  prevent_user_existence_errors = \"ENABLED\"\n  refresh_token_validity        = var.days\n}\n";
    let dir = tree(&[
        (".git/HEAD", "ref: refs/heads/main\n"),
        (CONFIG, "variables = { days = 90 }\n"),
        ("main.tf", uses_days),
        (
            "short/.cognito-lint.hcl",
            "var_files = [\"short.tfvars\"]\n",
        ),
        ("short/short.tfvars", "days = 7\n"),
        ("short/main.tf", uses_days),
    ]);
    let root = dir.path();
    assert_eq!(codes(&run(&["-f", "compact"], root)), ["9:COG211"]);
    let from_stdin = common::run_with_stdin(
        &["-f", "compact", "--stdin-filename", "short/main.tf", "-"],
        root,
        Some(uses_days),
    );
    assert!(codes(&from_stdin).is_empty(), "{}", stdout(&from_stdin));
    // From inside short/, the root's file gets the root's config.
    let root_stdin = common::run_with_stdin(
        &["-f", "compact", "--stdin-filename", "../main.tf", "-"],
        &root.join("short"),
        Some(uses_days),
    );
    assert_eq!(codes(&root_stdin), ["9:COG211"], "{}", stderr(&root_stdin));
}
