//! Inline suppressions: each placement the contract names, what does not count as a comment,
//! unused suppressions (COG900) and missing reasons (COG901).

mod common;
use cognito_lint::{lint_texts, Report, RuleSelection};
use common::{run, stdout, tree};

/// `line:CODE` of the findings and of the suppressed findings.
fn outcome(report: &Report) -> (Vec<String>, Vec<String>) {
    let list = |findings: &cognito_lint::finding::Findings| {
        findings
            .iter()
            .map(|f| {
                let line = report
                    .source(f.diag.span.file)
                    .line_col(f.diag.span.bytes().start)
                    .0;
                format!("{line}:{}", f.code())
            })
            .collect()
    };
    (list(&report.findings), list(&report.suppressed))
}

fn lint(text: &str) -> (Vec<String>, Vec<String>) {
    outcome(&lint_texts(&[("main.tf", text)], &RuleSelection::default()))
}

/// Line 1 opens the block (COG204 there); line 4 holds COG203 (implicit grant).
const SPA: &str = r#"resource "aws_cognito_user_pool_client" "spa" {
  name                                 = "spa"
  user_pool_id                         = aws_cognito_user_pool.pool.id
  allowed_oauth_flows                  = ["implicit"]
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_scopes                 = ["openid"]
  callback_urls                        = ["https://spa.example.com/callback"]
  supported_identity_providers         = ["COGNITO"]
}
"#;

fn with_line(text: &str, line: usize, edit: impl Fn(&str) -> String) -> String {
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == line {
                edit(l)
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn unsuppressed_baseline() {
    assert_eq!(
        lint(SPA),
        (vec!["1:COG204".into(), "4:COG203".into()], vec![])
    );
}

#[test]
fn trailing_the_finding_line() {
    let text = with_line(SPA, 4, |l| {
        format!("{l} # cognito-lint:ignore COG203 legacy SPA")
    });
    assert_eq!(
        lint(&text),
        (vec!["1:COG204".into()], vec!["4:COG203".into()])
    );
}

#[test]
fn alone_on_the_line_above_the_finding_with_slashes_and_a_name() {
    let text = with_line(SPA, 4, |l| {
        format!("  // cognito-lint:ignore implicit-grant legacy SPA\n{l}")
    });
    assert_eq!(
        lint(&text),
        (vec!["1:COG204".into()], vec!["5:COG203".into()])
    );
}

#[test]
fn alone_above_the_block_covers_the_whole_block() {
    let text = format!("# cognito-lint:ignore COG203, COG204 legacy SPA\n{SPA}");
    assert_eq!(
        lint(&text),
        (vec![], vec!["2:COG204".into(), "5:COG203".into()])
    );
}

#[test]
fn trailing_the_block_opening_line_covers_the_whole_block() {
    let text = with_line(SPA, 1, |l| {
        format!("{l} # cognito-lint:ignore all legacy SPA")
    });
    assert_eq!(
        lint(&text),
        (vec![], vec!["1:COG204".into(), "4:COG203".into()])
    );
}

#[test]
fn stacked_comments_above_a_block_all_apply() {
    let text = format!(
        "# cognito-lint:ignore COG203 legacy SPA\n# cognito-lint:ignore COG204 enumeration accepted\n{SPA}"
    );
    assert_eq!(
        lint(&text),
        (vec![], vec!["3:COG204".into(), "6:COG203".into()])
    );
}

#[test]
fn ignore_file_covers_every_block_of_the_file() {
    let second = SPA.replace("\"spa\"", "\"admin\"");
    let text = format!("{SPA}\n{second}\n# cognito-lint:ignore-file COG204 internal tools\n");
    let (found, suppressed) = lint(&text);
    assert_eq!(found, ["4:COG203", "14:COG203"]);
    assert_eq!(suppressed, ["1:COG204", "11:COG204"]);
}

#[test]
fn a_comment_covers_only_its_own_block() {
    let second = SPA.replace("\"spa\"", "\"admin\"");
    let text = format!("# cognito-lint:ignore COG204 legacy\n{SPA}{second}");
    let (found, suppressed) = lint(&text);
    assert_eq!(found, ["5:COG203", "11:COG204", "14:COG203"]);
    assert_eq!(suppressed, ["2:COG204"]);
}

#[test]
fn a_blank_line_breaks_the_link_and_the_comment_is_unused() {
    let text = format!("# cognito-lint:ignore COG204 legacy\n\n{SPA}");
    let (found, suppressed) = lint(&text);
    assert_eq!(found, ["1:COG900", "3:COG204", "6:COG203"]);
    assert!(suppressed.is_empty());
}

#[test]
fn text_in_strings_and_heredocs_is_not_a_comment() {
    let text = SPA
        .replace(
            "\"https://spa.example.com/callback\"",
            "\"https://spa.example.com/#/cb # cognito-lint:ignore COG108 x\"",
        )
        .replace(
            "  supported_identity_providers         = [\"COGNITO\"]\n",
            "  supported_identity_providers         = [\"COGNITO\"]\n  tags = <<-EOT\n    # cognito-lint:ignore all\n  EOT\n",
        );
    let (found, suppressed) = lint(&text);
    assert!(found.contains(&"7:COG108".to_string()), "{found:?}");
    assert!(!found.iter().any(|f| f.ends_with("COG900")), "{found:?}");
    assert!(suppressed.is_empty());
}

#[test]
fn unused_suppressions_are_cog900_unless_their_rule_is_off() {
    let text = with_line(SPA, 2, |l| {
        format!("{l} # cognito-lint:ignore COG108 old URL")
    });
    let (found, _) = lint(&text);
    assert!(found.contains(&"2:COG900".to_string()), "{found:?}");
    // With COG108 turned off the comment may be needed again when it is back on: no COG900.
    let selection = RuleSelection {
        ignore: vec!["COG108".into()],
        ..RuleSelection::default()
    };
    let (found, _) = outcome(&lint_texts(&[("main.tf", &text)], &selection));
    assert!(!found.iter().any(|f| f.ends_with("COG900")), "{found:?}");
    // So is `all` while any rule is off.
    let text = with_line(SPA, 2, |l| format!("{l} # cognito-lint:ignore all"));
    let (found, _) = outcome(&lint_texts(&[("main.tf", &text)], &selection));
    assert!(!found.iter().any(|f| f.ends_with("COG900")), "{found:?}");
}

#[test]
fn unknown_codes_and_directives_are_cog900() {
    let text =
        format!("# cognito-lint:ignore COG203, COG2O4 typo\n# cognito-lint:ignroe COG204\n{SPA}");
    let report = lint_texts(&[("main.tf", &text)], &RuleSelection::default());
    let messages: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.code() == "COG900")
        .map(|f| &*f.diag.message)
        .collect();
    assert_eq!(
        messages,
        [
            "unknown rule `COG2O4` in suppression",
            "unknown suppression directive `cognito-lint:ignroe`"
        ]
    );
    // The known code still works.
    assert_eq!(outcome(&report).1, ["6:COG203"]);
}

/// In a file that does not parse, comments before the error are read (they cannot be misread)
/// and cover its COG000; comments after it are not, and none is reported as unused.
#[test]
fn a_broken_file_honours_comments_before_the_error_only() {
    let text = "# cognito-lint:ignore COG000 generated by a template engine\nresource \"aws_cognito_user_pool_client\" \"x\" { name = {{ name }} }\n# cognito-lint:ignore COG204 after the error\n";
    let (found, suppressed) = lint(text);
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(suppressed, ["2:COG000"]);
    let file_level = "# cognito-lint:ignore-file COG000 template\n\nresource {{\n";
    assert_eq!(lint(file_level), (vec![], vec!["3:COG000".into()]));
}

#[test]
fn require_reason_reports_cog901_from_the_flag_or_the_file() {
    let text = with_line(SPA, 4, |l| format!("{l} # cognito-lint:ignore COG203"));
    let dir = tree(&[("main.tf", &text)]);
    let plain = stdout(&run(&["-f", "compact"], dir.path()));
    assert!(!plain.contains("COG901"), "{plain}");
    let strict = stdout(&run(&["-f", "compact", "--require-reason"], dir.path()));
    // The finding points at the comment, after the 53 characters of code and a space.
    assert!(
        strict.contains("main.tf:4:55: warning[COG901] suppression gives no reason"),
        "{strict}"
    );
    std::fs::write(
        dir.path().join(".cognito-lint.hcl"),
        "require_reason = true\n",
    )
    .unwrap();
    assert!(stdout(&run(&["-f", "compact"], dir.path())).contains("COG901"));
}

#[test]
fn suppressed_findings_are_counted_and_listed_on_request() {
    let text = with_line(SPA, 4, |l| {
        format!("{l} # cognito-lint:ignore COG203 legacy")
    });
    let dir = tree(&[("main.tf", &text)]);
    let pretty = stdout(&run(&[], dir.path()));
    assert!(
        pretty.ends_with("1 warning in 1 file (1 client checked, 1 suppressed)\n"),
        "{pretty}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["-f", "json"], dir.path()).stdout).unwrap();
    assert_eq!(json["summary"]["suppressed"], 1);
    assert!(json.get("suppressed").is_none());
    let shown = stdout(&run(&["-f", "compact", "--show-suppressed"], dir.path()));
    assert_eq!(
        shown,
        "main.tf:1:10: warning[COG204] user existence errors are not prevented\nmain.tf:4:43: suppressed[COG203] the implicit grant returns tokens in the URL fragment\n"
    );
}

#[test]
fn block_comments_work_as_line_comments_do() {
    // Trailing the finding's line.
    let trailing = with_line(SPA, 4, |l| {
        format!("{l} /* cognito-lint:ignore COG203 legacy SPA */")
    });
    assert_eq!(
        lint(&trailing),
        (vec!["1:COG204".into()], vec!["4:COG203".into()])
    );
    // Alone above the block, over several lines, stacked with a line comment.
    let above = format!(
        "/* cognito-lint:ignore COG203 legacy SPA,\n   tracked in JIRA-123 */\n# cognito-lint:ignore COG204 accepted\n{SPA}"
    );
    assert_eq!(
        lint(&above),
        (vec![], vec!["4:COG204".into(), "7:COG203".into()])
    );
    // Before the code on its line: it covers that line, here the block's opening.
    let before = format!("/* cognito-lint:ignore all legacy */ {SPA}");
    assert_eq!(
        lint(&before),
        (vec![], vec!["1:COG204".into(), "4:COG203".into()])
    );
    // One that covers nothing is COG900, like the others.
    let unused = format!("/* cognito-lint:ignore COG001 nothing here */\n\n{SPA}");
    assert_eq!(lint(&unused).0, ["1:COG900", "3:COG204", "6:COG203"]);
    // A block comment that merely mentions a directive is not one.
    let mention = format!("/* old:\n# cognito-lint:ignore COG203 x\n*/\n{SPA}");
    assert_eq!(lint(&mention).0, ["4:COG204", "7:COG203"]);
}

#[test]
fn block_comment_suppression_from_the_command_line() {
    let text = format!("/* cognito-lint:ignore COG203, COG204 legacy SPA */\n{SPA}");
    let dir = tree(&[("main.tf", &text)]);
    let out = run(&["-f", "compact", "--show-suppressed"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        "main.tf:2:10: suppressed[COG204] user existence errors are not prevented\nmain.tf:5:43: suppressed[COG203] the implicit grant returns tokens in the URL fragment\n"
    );
}
