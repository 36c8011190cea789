//! Inputs a pre-commit hook meets sooner or later: none may crash the linter, hang it, or hide
//! the findings of another file. Every test puts a bad input next to a good file with a known
//! finding (`client.tf`, COG001 on line 4) and checks that finding is still reported.

mod common;

use common::{run, stderr, tree};
use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

/// A client with one error: COG001 on line 4, column 27.
const CLIENT: &str = r#"resource "aws_cognito_user_pool_client" "good" {
  name                          = "good"
  user_pool_id                  = aws_cognito_user_pool.pool.id
  access_token_validity         = 48
  prevent_user_existence_errors = "ENABLED"
}
"#;

/// One finding of the JSON output.
#[derive(Debug, Clone, PartialEq)]
struct Diag {
    file: String,
    code: String,
    line: u64,
    column: u64,
    message: String,
}

fn diags(out: &Output) -> Vec<Diag> {
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "output is not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            stderr(out)
        )
    });
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| Diag {
            file: d["file"].as_str().unwrap().to_string(),
            code: d["code"].as_str().unwrap().to_string(),
            line: d["span"]["start"]["line"].as_u64().unwrap(),
            column: d["span"]["start"]["column"].as_u64().unwrap(),
            message: d["message"].as_str().unwrap().to_string(),
        })
        .collect()
}

/// Runs the linter on `args` in `dir` with JSON output, within a time limit.
fn lint(dir: &Path, args: &[&str], limit_secs: u64) -> (Output, Vec<Diag>) {
    let mut all = vec!["-f", "json"];
    all.extend(args);
    let started = Instant::now();
    let out = run(&all, dir);
    assert!(
        started.elapsed() < Duration::from_secs(limit_secs),
        "took {:?}",
        started.elapsed()
    );
    let found = diags(&out);
    (out, found)
}

/// The good client's finding is there, where it belongs.
fn assert_good_client_reported(found: &[Diag], file: &str) {
    assert!(
        found
            .iter()
            .any(|d| d.file == file && d.code == "COG001" && d.line == 4 && d.column == 35),
        "the finding in {file} is missing: {found:#?}"
    );
}

fn codes_in<'a>(found: &'a [Diag], file: &str) -> Vec<&'a str> {
    found
        .iter()
        .filter(|d| d.file == file)
        .map(|d| d.code.as_str())
        .collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn binary_content_named_tf_is_one_syntax_error() {
    let dir = tree(&[("client.tf", CLIENT)]);
    // Bytes of every value, as a compiled binary or an image would hold.
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    write(dir.path(), "blob.tf", &bytes);
    let (out, found) = lint(dir.path(), &[], 60);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(codes_in(&found, "blob.tf"), ["COG000"]);
    assert_good_client_reported(&found, "client.tf");
}

#[test]
fn latin1_is_a_syntax_error_at_the_first_bad_byte() {
    let dir = tree(&[("client.tf", CLIENT)]);
    write(
        dir.path(),
        "latin1.tf",
        b"locals {\n  city = \"Z\xfcrich\"\n}\n",
    );
    let (_, found) = lint(dir.path(), &[], 60);
    let error = found.iter().find(|d| d.file == "latin1.tf").unwrap();
    assert_eq!(
        (error.code.as_str(), error.line, error.column),
        ("COG000", 2, 12)
    );
    assert!(error.message.contains("UTF-8"), "{}", error.message);
    assert_good_client_reported(&found, "client.tf");
}

#[test]
fn a_byte_order_mark_is_skipped_and_positions_stay_right() {
    let dir = tree(&[]);
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(CLIENT.as_bytes());
    write(dir.path(), "bom.tf", &bytes);
    let (_, found) = lint(dir.path(), &[], 60);
    assert!(!found.iter().any(|d| d.code == "COG000"), "{found:#?}");
    assert_good_client_reported(&found, "bom.tf");
}

#[test]
fn crlf_line_endings_keep_lines_and_columns() {
    let dir = tree(&[]);
    write(
        dir.path(),
        "crlf.tf",
        CLIENT.replace('\n', "\r\n").as_bytes(),
    );
    let (_, found) = lint(dir.path(), &[], 60);
    assert!(!found.iter().any(|d| d.code == "COG000"), "{found:#?}");
    assert_good_client_reported(&found, "crlf.tf");
    // The compact format counts the same columns.
    let out = run(&["-f", "compact", "crlf.tf"], dir.path());
    assert!(
        common::stdout(&out).contains("crlf.tf:4:35: error[COG001]"),
        "{}",
        common::stdout(&out)
    );
}

#[test]
fn empty_and_comment_only_files_are_fine() {
    let dir = tree(&[
        ("client.tf", CLIENT),
        ("empty.tf", ""),
        ("blank.tf", "\n\n   \n"),
        ("comments.tf", "# one\n// two\n/* three\n*/\n"),
    ]);
    let (_, found) = lint(dir.path(), &[], 60);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_good_client_reported(&found, "client.tf");
    // Named explicitly, they are parsed, and still fine.
    let (out, found) = lint(dir.path(), &["empty.tf", "blank.tf", "comments.tf"], 60);
    assert_eq!(out.status.code(), Some(0));
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn nul_bytes_are_a_syntax_error() {
    let dir = tree(&[("client.tf", CLIENT)]);
    write(dir.path(), "nul.tf", b"locals {\n  a = \"x\0y\"\n}\n");
    let (_, found) = lint(dir.path(), &["client.tf", "nul.tf"], 60);
    let error = found.iter().find(|d| d.file == "nul.tf").unwrap();
    assert_eq!(
        (error.code.as_str(), error.line, error.column),
        ("COG000", 2, 9)
    );
    assert_good_client_reported(&found, "client.tf");
}

/// 200,000 levels: far beyond any real file (Terraform itself overflows its stack on this).
#[test]
fn very_deep_nesting_is_a_syntax_error_not_a_crash() {
    let n = 200_000;
    let deep = [
        (
            "brackets.tf",
            format!("locals {{\n  x = {}{}\n}}\n", "[".repeat(n), "]".repeat(n)),
        ),
        (
            "objects.tf",
            format!(
                "locals {{\n  x = {}1{}\n}}\n",
                "{a = ".repeat(n),
                "}".repeat(n)
            ),
        ),
        (
            "blocks.tf",
            format!("{}{}", "a {\n".repeat(n), "}\n".repeat(n)),
        ),
        (
            "unclosed.tf",
            format!("locals {{\n  x = {}\n", "(".repeat(n)),
        ),
        (
            "unary.tf",
            format!("locals {{\n  x = {}true\n}}\n", "!".repeat(n)),
        ),
        (
            "operators.tf",
            format!("locals {{\n  x = {}1\n}}\n", "1 + ".repeat(n)),
        ),
    ];
    let dir = tree(&[("client.tf", CLIENT)]);
    let mut args = vec!["client.tf"];
    for (name, text) in &deep {
        write(dir.path(), name, text.as_bytes());
        args.push(name);
    }
    let (out, found) = lint(dir.path(), &args, 120);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    for (name, _) in &deep {
        let error = found.iter().find(|d| d.file == *name);
        let error = error.unwrap_or_else(|| panic!("no finding in {name}: {found:#?}"));
        assert_eq!(error.code, "COG000", "{name}");
        assert!(
            error.message.contains("more than"),
            "{name}: {}",
            error.message
        );
    }
    assert_good_client_reported(&found, "client.tf");
}

/// Up to 1,024 levels (and 4,096 chained operators) is valid Terraform that must parse.
#[test]
fn deep_but_valid_nesting_parses() {
    let n = 1000;
    let files = [
        (
            "brackets.tf",
            format!("locals {{\n  x = {}{}\n}}\n", "[".repeat(n), "]".repeat(n)),
        ),
        (
            "objects.tf",
            format!(
                "locals {{\n  y = {}1{}\n}}\n",
                "{a = ".repeat(n),
                "}".repeat(n)
            ),
        ),
        (
            "templates.tf",
            format!(
                "locals {{\n  z = \"{}a{}\"\n}}\n",
                "${\"".repeat(400),
                "\"}".repeat(400)
            ),
        ),
        (
            "operators.tf",
            format!("locals {{\n  w = {}1\n}}\n", "1 + ".repeat(4000)),
        ),
        (
            "blocks.tf",
            format!(
                "terraform {{\n{}{}}}\n",
                "a {\n".repeat(n - 1),
                "}\n".repeat(n - 1)
            ),
        ),
    ];
    let dir = tree(&[("client.tf", CLIENT)]);
    let mut args = vec!["client.tf"];
    for (name, text) in &files {
        write(dir.path(), name, text.as_bytes());
        args.push(name);
    }
    let (_, found) = lint(dir.path(), &args, 120);
    assert!(
        !found.iter().any(|d| d.code == "COG000"),
        "valid deep files got COG000: {found:#?}"
    );
}

#[test]
fn deep_template_interpolation_is_contained() {
    let n = 5000;
    let text = format!(
        "locals {{\n  x = \"{}a{}\"\n}}\n",
        "${\"".repeat(n),
        "\"}".repeat(n)
    );
    let dir = tree(&[("client.tf", CLIENT), ("template.tf", &text)]);
    let (_, found) = lint(dir.path(), &["client.tf", "template.tf"], 60);
    assert_eq!(codes_in(&found, "template.tf"), ["COG000"]);
    assert_good_client_reported(&found, "client.tf");
}

#[test]
fn unterminated_strings_and_heredocs_are_syntax_errors() {
    let dir = tree(&[
        ("client.tf", CLIENT),
        (
            "string.tf",
            "resource \"aws_cognito_user_pool_client\" \"s\" {\n  name = \"unterminated\n}\n",
        ),
        (
            "heredoc.tf",
            "resource \"aws_cognito_user_pool_client\" \"h\" {\n  name = <<EOT\n  no end marker\n}\n",
        ),
        (
            "template.tf",
            "locals {\n  a = \"${var.x\"\n}\n",
        ),
        ("comment.tf", "locals {\n  a = 1 /* never closed\n}\n"),
    ]);
    let (_, found) = lint(dir.path(), &[], 60);
    for name in ["string.tf", "heredoc.tf", "template.tf", "comment.tf"] {
        assert_eq!(codes_in(&found, name), ["COG000"], "{name}: {found:#?}");
    }
    assert_good_client_reported(&found, "client.tf");
}

#[test]
fn broken_json_is_a_syntax_error() {
    let deep = format!(
        "{{\"locals\": {{\"x\": {}{}}}}}",
        "[".repeat(200_000),
        "]".repeat(200_000)
    );
    let dir = tree(&[
        ("client.tf", CLIENT),
        (
            "truncated.tf.json",
            r#"{"resource": {"aws_cognito_user_pool_client": {"x": {"name": "#,
        ),
        ("deep.tf.json", &deep),
        // (Terraform rejects an empty JSON file, "Root value must be object"; the linter reads
        // it as an empty module. Either way nothing breaks.)
        ("empty.tf.json", ""),
    ]);
    let (_, found) = lint(dir.path(), &[], 60);
    assert!(!found.iter().any(|d| d.code == "COG990"), "{found:#?}");
    for name in ["truncated.tf.json", "deep.tf.json"] {
        assert_eq!(codes_in(&found, name), ["COG000"], "{name}: {found:#?}");
    }
    assert_good_client_reported(&found, "client.tf");
}

#[test]
fn a_six_megabyte_file_with_sixty_thousand_clients() {
    let mut text = String::with_capacity(6 << 20);
    for i in 0..60_000 {
        text.push_str(&format!(
            "resource \"aws_cognito_user_pool_client\" \"c{i}\" {{\n  name = \"c{i}\"\n  user_pool_id = \"p\"\n  prevent_user_existence_errors = \"ENABLED\"\n}}\n"
        ));
    }
    assert!(text.len() > 6_000_000, "{}", text.len());
    // One bad client in the middle.
    text = text.replacen(
        "\"c30000\"\n  user_pool_id = \"p\"\n",
        "\"c30000\"\n  user_pool_id = \"p\"\n  id_token_validity = 0\n",
        1,
    );
    let dir = tree(&[("clients.tf", &text)]);
    let started = Instant::now();
    let out = run(&["-f", "json", "--statistics"], dir.path());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["summary"]["clients"], 60_000);
    let codes: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["COG001"]);
    assert!(started.elapsed() < Duration::from_secs(120));
    // Pretty output reads only the lines around each finding, so it is as quick.
    let started = Instant::now();
    let pretty = run(&["-f", "pretty"], dir.path());
    assert!(common::stdout(&pretty).contains("1 error in 1 file (60000 clients checked)"));
    assert!(started.elapsed() < Duration::from_secs(120));
}

#[test]
fn a_folder_named_like_a_file_is_walked() {
    let dir = tree(&[("x.tf/client.tf", CLIENT), ("y.tf.json/.keep", "")]);
    let (out, found) = lint(dir.path(), &[], 60);
    assert_eq!(out.status.code(), Some(1));
    assert_good_client_reported(&found, "x.tf/client.tf");
    // Named: a folder is walked, whatever its name.
    let (_, found) = lint(dir.path(), &["x.tf"], 60);
    assert_good_client_reported(&found, "x.tf/client.tf");
}

#[cfg(unix)]
#[test]
fn symlink_loops_end() {
    use std::os::unix::fs::symlink;
    let dir = tree(&[("client.tf", CLIENT)]);
    // A folder that contains itself, and two files that point at each other.
    symlink(".", dir.path().join("loop")).unwrap();
    symlink("b.tf", dir.path().join("a.tf")).unwrap();
    symlink("a.tf", dir.path().join("b.tf")).unwrap();
    let (out, found) = lint(dir.path(), &[], 60);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_good_client_reported(&found, "client.tf");
    // Named, the looping file is unreadable: a COG000 of its own, and the run goes on.
    let (out, found) = lint(dir.path(), &["client.tf", "a.tf"], 60);
    assert_eq!(out.status.code(), Some(1));
    let error = found.iter().find(|d| d.file == "a.tf").unwrap();
    assert_eq!(error.code, "COG000");
    assert!(error.message.contains("cannot read"), "{}", error.message);
    assert_good_client_reported(&found, "client.tf");
}

#[cfg(unix)]
#[test]
fn a_link_to_a_file_is_a_module_file_and_a_dangling_link_is_skipped() {
    use std::os::unix::fs::symlink;
    let dir = tree(&[("shared/client.tf", CLIENT)]);
    std::fs::create_dir(dir.path().join("env")).unwrap();
    symlink("../shared/client.tf", dir.path().join("env/client.tf")).unwrap();
    symlink("../nowhere.tf", dir.path().join("env/gone.tf")).unwrap();
    let (_, found) = lint(dir.path(), &["env"], 60);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_good_client_reported(&found, "env/client.tf");
    // Named, a dangling link is a file that cannot be read.
    let (out, found) = lint(dir.path(), &["env/gone.tf", "env/client.tf"], 60);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(codes_in(&found, "env/gone.tf"), ["COG000"]);
    assert_good_client_reported(&found, "env/client.tf");
}

/// A FIFO never ends when read, and blocks when opened: it must be neither.
#[cfg(unix)]
#[test]
fn a_fifo_named_tf_does_not_block() {
    let dir = tree(&[("client.tf", CLIENT)]);
    let fifo = dir.path().join("pipe.tf");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("SKIPPED a_fifo_named_tf_does_not_block: mkfifo is not available");
        return;
    }
    let (_, found) = lint(dir.path(), &[], 30);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_good_client_reported(&found, "client.tf");
    let (out, found) = lint(dir.path(), &["pipe.tf", "client.tf"], 30);
    assert_eq!(out.status.code(), Some(1));
    let error = found.iter().find(|d| d.file == "pipe.tf").unwrap();
    assert_eq!(error.code, "COG000");
    assert!(
        error.message.contains("not a regular file"),
        "{}",
        error.message
    );
    assert_good_client_reported(&found, "client.tf");
}

/// Root reads files whatever their permissions (the test suite often runs as root): then the
/// test says so and checks nothing.
#[cfg(unix)]
#[test]
fn an_unreadable_file_is_a_finding_and_the_rest_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tree(&[("client.tf", CLIENT), ("secret.tf", "locals {}\n")]);
    let secret = dir.path().join("secret.tf");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&secret).is_ok() {
        eprintln!(
            "SKIPPED an_unreadable_file_is_a_finding_and_the_rest_goes_on: permissions are not \
             enforced for this user (root); a_fifo_named_tf_does_not_block and the dangling-link \
             test cover unreadable files instead"
        );
        return;
    }
    let (out, found) = lint(dir.path(), &[], 60);
    assert_eq!(out.status.code(), Some(1));
    let error = found.iter().find(|d| d.file == "secret.tf").unwrap();
    assert!(
        error.message.contains("permission denied"),
        "{}",
        error.message
    );
    assert_good_client_reported(&found, "client.tf");
}

/// A path found while walking that is gone when its turn comes (a file deleted mid-run) is
/// skipped; a named one that is gone is reported.
#[test]
fn a_path_that_vanishes_mid_run() {
    use cognito_lint::discover::ModuleFile;
    use cognito_lint::module::{check_root, RootVariables, RunContext};
    use cognito_lint::RuleSelection;
    let dir = tree(&[("client.tf", CLIENT)]);
    let file = |name: &str, explicit: bool| ModuleFile {
        path: dir.path().join(name),
        display: name.to_string(),
        reported: true,
        explicit,
    };
    let selection = RuleSelection::default();
    let ctx = RunContext::new(
        &selection,
        RootVariables::default(),
        cognito_lint::source::Keep::Text,
    );
    let walked = check_root(
        1,
        vec![file("client.tf", false), file("gone.tf", false)],
        &ctx,
        &[],
    );
    let codes: Vec<&str> = walked.findings.iter().map(|f| f.code()).collect();
    assert_eq!(codes, ["COG001"]);
    let named = check_root(
        2,
        vec![file("client.tf", true), file("gone.tf", true)],
        &ctx,
        &[],
    );
    let mut codes: Vec<&str> = named.findings.iter().map(|f| f.code()).collect();
    codes.sort();
    assert_eq!(codes, ["COG000", "COG001"]);

    // Through the command line: a folder deleted while the linter runs. Many folders make the
    // window wide; whatever the timing, the run ends with the good client reported.
    let big = tree(&[("good/client.tf", CLIENT)]);
    for i in 0..300 {
        write(
            big.path(),
            &format!("m{i:03}/main.tf"),
            common::client(&format!("c{i}"), "").as_bytes(),
        );
    }
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_cognito-lint"))
        .args(["-f", "json", "-j", "1"])
        .current_dir(big.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    for i in (0..300).rev() {
        let _ = std::fs::remove_dir_all(big.path().join(format!("m{i:03}")));
    }
    let out = child.wait_with_output().unwrap();
    assert!(matches!(out.status.code(), Some(1)), "{}", stderr(&out));
    assert_good_client_reported(&diags(&out), "good/client.tf");
}

/// A panic in a rule (triggered by the test hook of debug builds) is COG990 on that client,
/// exit code 2, and every other file and client is still reported.
#[test]
fn a_panic_is_contained_reported_and_exits_2() {
    let panicking = CLIENT
        .replace("\"good\" {", "\"cognito_lint_test_panic_rule\" {")
        .replace("= \"good\"", "= \"other\"");
    let dir = tree(&[
        ("a/client.tf", CLIENT),
        ("a/panics.tf", &panicking),
        ("b/parse.tf", "# cognito_lint_test_panic_parse\nlocals {}\n"),
        ("b/client.tf", CLIENT),
    ]);
    let (out, found) = lint(dir.path(), &[], 60);
    assert_eq!(out.status.code(), Some(2), "{found:#?}");
    assert!(stderr(&out).contains("internal error"), "{}", stderr(&out));
    assert_good_client_reported(&found, "a/client.tf");
    assert_good_client_reported(&found, "b/client.tf");
    // The panicking client's other rules still ran.
    let mut in_panics = codes_in(&found, "a/panics.tf");
    in_panics.sort();
    assert_eq!(in_panics, ["COG001", "COG990"]);
    let internal = found
        .iter()
        .find(|d| d.file == "a/panics.tf" && d.code == "COG990");
    assert!(internal
        .unwrap()
        .message
        .starts_with("internal error while checking"));
    assert_eq!(codes_in(&found, "b/parse.tf"), ["COG990"]);
    // Neither --ignore, nor a clean --fail-on, nor a suppression makes it exit 0.
    let (out, _) = lint(dir.path(), &["--ignore", "all", "--fail-on", "error"], 60);
    assert_eq!(out.status.code(), Some(2));
    let suppressed = tree(&[(
        "panics.tf",
        &format!("# cognito-lint:ignore-file all\n{panicking}"),
    )]);
    let (out, _) = lint(suppressed.path(), &[], 60);
    assert_eq!(out.status.code(), Some(2));
}

/// Evaluation that would take hours, or recurse without bound, gives up: the values are
/// unknown and nothing is flagged from them.
#[test]
fn expensive_expressions_finish() {
    let list = format!(
        "[{}]",
        (0..3000)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",")
    );
    let with_validity = |value: &str| {
        CLIENT.replace(
            "  access_token_validity         = 48\n",
            &format!("  access_token_validity         = 48\n  id_token_validity = {value}\n"),
        )
    };
    let mut chain = String::from("locals {\n");
    for i in 0..50_000 {
        chain.push_str(&format!("  l{i} = local.l{}\n", i + 1));
    }
    chain.push_str("  l50000 = 48\n}\n");
    let cases = [
        (
            "nested_for",
            format!("locals {{\n  l = {list}\n}}\n")
                + &with_validity("length([for a in local.l : [for b in local.l : [for c in local.l : c]]])"),
        ),
        (
            "template_for",
            format!("locals {{\n  l = {list}\n}}\n")
                + &with_validity("length(\"%{for a in local.l}%{for b in local.l}%{for c in local.l}x%{endfor}%{endfor}%{endfor}\")"),
        ),
        ("local_chain", chain + &with_validity("local.l0")),
        (
            "splats",
            with_validity(&format!("length(local.x{})", "[*]".repeat(100_000))),
        ),
        (
            "count",
            CLIENT.replace("\"good\" {\n", "\"good\" {\n  count = 1e12\n"),
        ),
        (
            "big_map",
            format!(
                "locals {{\n  m = {{ {} }}\n}}\n",
                (0..200_000)
                    .map(|i| format!("k{i} = {i}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ) + &with_validity("local.m.k7"),
        ),
    ];
    let dir = tree(&[]);
    for (name, text) in &cases {
        write(dir.path(), &format!("{name}/main.tf"), text.as_bytes());
    }
    let (out, found) = lint(dir.path(), &[], 120);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    for (name, _) in &cases {
        let file = format!("{name}/main.tf");
        // The literal 48 is still found; nothing is flagged from the values given up on.
        let codes = codes_in(&found, &file);
        assert!(codes.contains(&"COG001"), "{name}: {found:#?}");
        assert!(!codes.contains(&"COG000"), "{name}: {found:#?}");
        assert!(!codes.contains(&"COG990"), "{name}: {found:#?}");
        // And one note says where evaluation stopped (splats of an unknown local are unknown
        // at once: nothing is cut).
        let notes = codes.iter().filter(|c| **c == "COG903").count();
        assert_eq!(notes, usize::from(*name != "splats"), "{name}: {found:#?}");
    }
}

/// Files named on the command line (as pre-commit names them) are reported; a sibling read
/// only as context reports nothing, not even its syntax error.
#[test]
fn a_broken_sibling_of_a_named_file_is_context_only() {
    // A broken client: the scanner keeps its block, so the file is parsed and fails.
    let dir = tree(&[
        ("client.tf", CLIENT),
        (
            "broken.tf",
            "resource \"aws_cognito_user_pool_client\" \"b\" {\n  name = \n}\n",
        ),
    ]);
    let (out, found) = lint(dir.path(), &["client.tf"], 60);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(codes_in(&found, "broken.tf"), Vec::<&str>::new());
    assert_good_client_reported(&found, "client.tf");
    let (_, found) = lint(dir.path(), &["client.tf", "broken.tf"], 60);
    assert_eq!(codes_in(&found, "broken.tf"), ["COG000"]);
}

/// Minified JSON (cdktf output, a plan file) is one long line: a finding past column 65,535
/// made the pretty renderer panic, and each finding printed the whole line.
#[test]
fn a_finding_far_along_one_long_line_renders() {
    let clients: Vec<String> = (0..2000)
        .map(|i| {
            format!(
                r#""c{i}": {{"name": "c{i}", "user_pool_id": "p", "access_token_validity": 48, "prevent_user_existence_errors": "ENABLED"}}"#
            )
        })
        .collect();
    let json = format!(
        r#"{{"resource": {{"aws_cognito_user_pool_client": {{{}}}}}}}"#,
        clients.join(", ")
    );
    assert!(json.len() > 100_000 && !json.contains('\n'));
    let dir = tree(&[("main.tf.json", &json)]);
    let out = run(&["-f", "pretty"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = common::stdout(&out);
    assert_eq!(
        text.matches("COG001 token-validity-out-of-range").count(),
        2000
    );
    assert!(text.len() < 3_000_000, "{} bytes", text.len());
}

/// A big `.tf.json` (cdktf writes them): every finding's span is mapped back into the JSON,
/// which once scanned every recorded piece of the file per finding (minutes for this one).
#[test]
fn a_big_json_file_with_thirty_thousand_clients() {
    let clients: Vec<String> = (0..30_000)
        .map(|i| {
            format!(
                "\"c{i}\": {{\"name\": \"c{i}\", \"user_pool_id\": \"p\", \"access_token_validity\": 48}}"
            )
        })
        .collect();
    let json = format!(
        "{{\"resource\": {{\"aws_cognito_user_pool_client\": {{\n{}\n}}}}}}\n",
        clients.join(",\n")
    );
    let dir = tree(&[("cdk.tf.json", &json)]);
    let started = Instant::now();
    let out = run(&["-f", "json"], dir.path());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["summary"]["clients"], 30_000);
    assert_eq!(doc["summary"]["errors"], 30_000);
    assert!(
        started.elapsed() < Duration::from_secs(120),
        "took {:?}",
        started.elapsed()
    );
}

/// `-j` beyond a few workers a core is capped, with a note: the findings are the same.
#[test]
fn a_huge_job_count_is_capped_with_a_note() {
    let dir = tree(&[("main.tf", &common::client("web", ""))]);
    let capped = run(
        &["--no-config", "-f", "compact", "-j", "100000"],
        dir.path(),
    );
    let plain = run(&["--no-config", "-f", "compact"], dir.path());
    assert_eq!(capped.status.code(), plain.status.code());
    assert_eq!(capped.stdout, plain.stdout);
    assert!(
        stderr(&capped).contains("note: -j 100000"),
        "{}",
        stderr(&capped)
    );
}

/// A config or variable file that is not a regular file, or is too large, is refused at once
/// (exit 2, saying why) instead of read until memory runs out or forever.
#[cfg(unix)]
#[test]
fn settings_files_that_are_not_files_are_refused() {
    let dir = tree(&[("main.tf", &common::client("web", ""))]);
    let fifo = dir.path().join("fifo.hcl");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let big = dir.path().join("big.tfvars");
    std::fs::write(&big, "a".repeat(17 << 20)).unwrap();
    let mut cases = vec![
        (vec!["--config", "/dev/zero"], "not a regular file"),
        (vec!["--var-file", "/dev/zero"], "not a regular file"),
        (vec!["--var-file", "big.tfvars"], "larger than 16 MiB"),
    ];
    if made.is_ok_and(|s| s.success()) {
        cases.push((vec!["--config", "fifo.hcl"], "not a regular file"));
    }
    for (args, why) in cases {
        let started = Instant::now();
        let out = run(&args, dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(why), "{args:?}: {}", stderr(&out));
        assert!(started.elapsed() < Duration::from_secs(20), "{args:?}");
    }
}

/// A named file inside a folder the user may not read is that file's finding; the other named
/// files are still reported (root reads every folder, so this needs another user).
#[cfg(unix)]
#[test]
fn a_named_file_in_an_unreadable_folder_is_its_own_finding() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tree(&[
        ("locked/main.tf", &common::client("locked", "")),
        ("open/main.tf", &common::client("open", "")),
    ]);
    let locked = dir.path().join("locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(&locked).is_ok() {
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        println!("SKIPPED: this user reads folders without permission (root)");
        return;
    }
    let out = run(
        &[
            "--no-config",
            "-f",
            "compact",
            "locked/main.tf",
            "open/main.tf",
        ],
        dir.path(),
    );
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let text = common::stdout(&out);
    assert!(
        text.contains("locked/main.tf:1:1: error[COG000] cannot read file"),
        "{text}"
    );
    assert!(text.contains("open/main.tf:1:"), "{text}");
}
