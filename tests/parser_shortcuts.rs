//! The vendored parser builds plain values (strings, lists of strings, whole numbers,
//! `true`/`false`/`null`, `a.b.c` references) directly, without its combinators
//! (`vendor/hcl-edit/src/parser/shortcut.rs`). These tests parse the same text both ways and
//! require the same tree, spans and decor included: the shortcut may only be faster.

#[path = "common/hcl_gen.rs"]
mod hcl_gen;

use hcl_edit::parser::{parse_body, parse_body_regions, with_combinators_only};
use std::path::{Path, PathBuf};

/// Both parses of `text`, as their debug output (every node, span and decor), or the error.
fn both_ways(text: &str) -> [String; 2] {
    let parse = || {
        let whole_file = 0..text.len();
        let regions = format!(
            "{:?}",
            parse_body_regions(text, std::slice::from_ref(&whole_file))
        );
        let whole = format!("{:?}", parse_body(text));
        regions + "\n" + &whole
    };
    [parse(), with_combinators_only(parse)]
}

fn assert_same_tree(text: &str) {
    let [direct, combinators] = both_ways(text);
    assert_eq!(direct, combinators, "the trees differ for:\n{text}");
}

/// Values of every form the shortcut takes, and near misses it must leave to the combinators.
const VALUES: &[&str] = &[
    r#""plain""#,
    r#""""#,
    r#""é ü""#,
    r#""with ${var.x}""#,
    r#""esc\"aped""#,
    "0",
    "3600",
    "007",
    "18446744073709551615",
    "18446744073709551616",
    "1.5",
    "1e3",
    "true",
    "false",
    "null",
    "true.x",
    "null[0]",
    "var.id_hours",
    "aws_cognito_user_pool.pool.id",
    "token_validity_units.value.access",
    "a-b.c-d",
    "_x._y",
    "local.x.0",
    "local.x[0]",
    "local.x.*.id",
    "local.x[*]",
    "local. x",
    "local .x",
    "local.é",
    "lócal.x",
    "f(x)",
    "f (x)",
    "ns::f(x)",
    "var.a ? 1 : 2",
    "var.a == var.b",
    "var.a+1",
    "var.a - 1",
    "-1",
    "!var.a",
    "[]",
    "[ ]",
    r#"["a"]"#,
    r#"["a", "b"]"#,
    r#"["a","b",]"#,
    r#"[ "a" , "b" ]"#,
    "[\n  \"a\",\n  \"b\",\n]",
    "[\n  \"a\",\n  \"b\"\n]",
    "[\r\n  \"a\",\r\n  \"b\",\r\n]",
    "[\n  \"a\", # comment\n  \"b\",\n]",
    "[\n  # comment\n  \"a\",\n]",
    r#"["a", "b"][0]"#,
    r#"["a"] == ["b"]"#,
    r#"["${x}", "b"]"#,
    r#"["a", var.b, 3, true, null, local.c.d]"#,
    "[var.a, var.b]",
    "[var.a\n, var.b]",
    "[local.units_1]",
    "[for x in var.l : x]",
    "[for_x, format]",
    "[[\"a\"], [\"b\"]]",
    "[var.a.0, var.b[0], var.c.*.d]",
    "[f(x), 1 + 2]",
    "{ a = 1 }",
    "<<EOT\nx\nEOT",
];

#[test]
fn plain_values_build_the_combinators_tree() {
    for value in VALUES {
        for text in [
            format!("x = {value}\n"),
            format!("x = {value} # comment\n"),
            format!("x = {value} // comment\n"),
            format!("x =   {value}  \n"),
            format!("x = {value}"),
            format!("x = {value}\r\n"),
            format!("resource \"a\" \"b\" {{\n  x = {value}\n  y = [{value}]\n}}\n"),
            format!("b {{\n  c {{\n    x = {value}\n  }}\n}}\n"),
            format!("b {{ x = {value} }}\n"),
            format!("x = [{value}, {value}]\n"),
            format!("x = {{ k = {value} }}\n"),
        ] {
            assert_same_tree(&text);
        }
    }
}

fn tf_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            tf_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "tf") {
            out.push(path);
        }
    }
}

/// Every Terraform file the tests hold (valid and invalid, fixtures and the syntax corpus).
#[test]
fn the_test_files_parse_to_the_combinators_tree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["tests/corpus", "tests/fixtures", "examples"] {
        tf_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 100, "only {} files found", files.len());
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let [direct, combinators] = both_ways(&text);
        assert!(
            direct == combinators,
            "the trees differ for {}",
            file.display()
        );
    }
}

/// Generated files (the grammar `tests/syntax.rs` checks against Terraform: every kind of
/// expression, comments, heredocs, CRLF), valid and not: the same tree, or the same error.
#[test]
fn generated_files_parse_to_the_combinators_tree() {
    let mut gen = hcl_gen::Gen(hcl_gen::Xorshift(0x5eed_5407_c0de_0001));
    for _ in 0..2000 {
        let text = gen.file();
        let [direct, combinators] = both_ways(&text);
        assert!(direct == combinators, "the trees differ for:\n{text}");
    }
}
