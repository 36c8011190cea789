//! The evaluation budgets (`src/eval/limits.rs`): inputs that multiply (references of
//! references, module calls with `count` level after level) end quickly, say once where
//! evaluation stopped (COG903), and leave the other modules' findings as they were. Peak memory
//! is checked by `scripts/memory-bounds.py`, which `.ci/run` runs on the same kinds of input.

mod common;

use common::{run, tree};
use std::time::{Duration, Instant};

const GOOD: &str = r#"resource "aws_cognito_user_pool_client" "good" {
  name                          = "good"
  user_pool_id                  = "eu-west-1_AbCdEf123"
  access_token_validity         = 48
  prevent_user_existence_errors = "ENABLED"
}
"#;

/// (file, code) of every finding of a JSON run on `dir`, which must exit 1 within `secs`.
fn findings(dir: &std::path::Path, secs: u64) -> Vec<(String, String)> {
    let started = Instant::now();
    let out = run(&["-f", "json", "--no-config"], dir);
    assert!(
        started.elapsed() < Duration::from_secs(secs),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn client(extra: &str) -> String {
    format!(
        "resource \"aws_cognito_user_pool_client\" \"hostile\" {{\n  name         = \"h\"\n  \
         user_pool_id = \"eu-west-1_AbCdEf123\"\n  prevent_user_existence_errors = \"ENABLED\"\n{extra}}}\n"
    )
}

#[test]
fn references_of_references_are_cut_and_said_once() {
    // Each local is four of the one before: 4^12 strings from a few hundred bytes.
    let mut locals =
        String::from("locals {\n  l0 = [\"http://a\", \"http://b\", \"http://c\", \"http://d\"]\n");
    for i in 1..=12 {
        let p = format!("local.l{}", i - 1);
        locals.push_str(&format!("  l{i} = [{p}, {p}, {p}, {p}]\n"));
    }
    locals.push_str("}\n");
    let hostile = locals + &client("  callback_urls = flatten(local.l12)\n");
    let dir = tree(&[("hostile/main.tf", &hostile), ("good/main.tf", GOOD)]);
    let found = findings(dir.path(), 60);
    let hostile_codes: Vec<&str> = found
        .iter()
        .filter(|(f, _)| f == "hostile/main.tf")
        .map(|(_, c)| c.as_str())
        .collect();
    // Nothing is flagged from the values given up on (the URLs are http://), and one note says
    // where evaluation stopped.
    assert_eq!(hostile_codes, ["COG903"], "{found:?}");
    assert!(
        found.contains(&("good/main.tf".into(), "COG001".into())),
        "{found:?}"
    );
}

#[test]
fn module_calls_that_multiply_stop_at_the_budget() {
    // Three levels of `count = 1024`: a billion module instances.
    let mut files: Vec<(String, String)> = Vec::new();
    for level in 0..3 {
        files.push((
            format!("root/m{level}/main.tf"),
            format!(
                "variable \"v\" {{\n  default = 1\n}}\nmodule \"next\" {{\n  source = \"../m{}\"\n  count  = 1024\n  v      = count.index\n}}\n",
                level + 1
            ),
        ));
    }
    files.push((
        "root/m3/main.tf".into(),
        "variable \"v\" {\n  default = 1\n}\n".to_string()
            + &client("  access_token_validity = 30\n"),
    ));
    files.push((
        "root/main.tf".into(),
        "module \"top\" {\n  source = \"./m0\"\n}\n".into(),
    ));
    files.push(("good/main.tf".into(), GOOD.into()));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let dir = tree(&refs);
    let found = findings(dir.path(), 60);
    assert!(
        found.contains(&("good/main.tf".into(), "COG001".into())),
        "{found:?}"
    );
    // The literal 30 is found, once (however many calls reached it).
    let literal = found
        .iter()
        .filter(|(f, c)| f == "root/m3/main.tf" && c == "COG001")
        .count();
    assert_eq!(literal, 1, "{found:?}");
    assert!(found.iter().any(|(_, c)| c == "COG903"), "{found:?}");
}

#[test]
fn references_share_their_value_instead_of_spending_the_budget() {
    // 600 clients read one 1 MiB local (or variable default), a 600 MiB copy were each
    // reference a copy: past the root's 256 MiB of values. Shared, every reference is known,
    // and every client is checked.
    let big = "x".repeat(1 << 20);
    let declarations = [
        ("local.big", format!("locals {{\n  big = \"{big}\"\n}}\n")),
        (
            "var.big",
            format!("variable \"big\" {{\n  default = \"{big}\"\n}}\n"),
        ),
    ];
    for (reference, declaration) in declarations {
        let mut text = declaration;
        for i in 0..600 {
            text.push_str(&format!(
                "resource \"aws_cognito_user_pool_client\" \"c{i}\" {{\n  name = \"c{i}\"\n  \
                 user_pool_id = \"eu-west-1_AbCdEf123\"\n  prevent_user_existence_errors = \"ENABLED\"\n  \
                 access_token_validity = length({reference}) > 0 ? 48 : 1\n}}\n"
            ));
        }
        let dir = tree(&[("shared/main.tf", &text)]);
        let found = findings(dir.path(), 60);
        let flagged = found.iter().filter(|(_, c)| c == "COG001").count();
        assert_eq!(
            flagged,
            600,
            "{reference}: {:?}",
            &found[..found.len().min(5)]
        );
        assert!(
            !found.iter().any(|(_, c)| c == "COG903"),
            "{reference}: no budget was cut"
        );
    }
}
