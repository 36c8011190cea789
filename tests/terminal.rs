//! Hostile text cannot take over a terminal or a CI log: control characters from files and file
//! names are shown escaped in the human formats (colour on or off), and no line of output reads
//! as a GitHub Actions workflow command.

use cognito_lint::render::{render, Format, RenderOptions};
use cognito_lint::{lint_texts, RuleSelection};

/// A client whose values and comments hold escape sequences, raw and as HCL escapes (which
/// decode to the same characters), and a file whose name holds a line break.
fn hostile_report() -> cognito_lint::Report {
    let main = "resource \"aws_cognito_user_pool_client\" \"c\" {\n  \
        name = \"osc\\u001b]52;c;SGVsbG8=\\u0007x\"\n  \
        user_pool_id = \"x\"\n  \
        access_token_validity = 48 # \u{1b}[2J \u{85} raw\r\n  \
        callback_urls = [\"http://a.example.com/\u{1b}]8;;http://evil\u{7}x\", \"\\r::error title=x::forged\"]\n  \
        allowed_oauth_flows = [\"code\"]\n}\n";
    let other = "resource \"aws_cognito_user_pool_client\" \"d\" {\n  \
        name = \"d\"\n  user_pool_id = \"x\"\n  access_token_validity = 48\n}\n";
    lint_texts(
        &[
            ("main.tf", main),
            ("forged\n::error file=x::y\u{1b}.tf", other),
            ("nul.tf", "# a NUL \u{0} and a bell \u{7}\n"),
        ],
        &RuleSelection::default(),
    )
}

/// Every escape character must start one of the colour sequences the renderer writes itself.
fn assert_safe(out: &str, color: bool) {
    let bytes = out.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == 0x1b && color {
            let rest = &out[i + 1..];
            let sgr = rest.starts_with('[')
                && rest[1..]
                    .find(|c: char| !(c.is_ascii_digit() || c == ';'))
                    .is_some_and(|end| rest[1 + end..].starts_with('m'));
            assert!(
                sgr,
                "a raw escape that is not a colour: {:?}",
                &out[i..(i + 20).min(out.len())]
            );
            continue;
        }
        let control = (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f;
        assert!(!control, "raw control byte {b:#x} at {i} in:\n{out}");
    }
    assert!(!out.contains('\u{85}'), "a raw C1 control character");
    for line in out.lines() {
        assert!(
            !line.trim_start().starts_with("::"),
            "a workflow command line: {line:?}"
        );
    }
}

#[test]
fn human_formats_escape_control_characters_and_workflow_commands() {
    let report = hostile_report();
    assert!(report.findings.len() >= 4, "{:?}", report.findings);
    for format in [Format::Pretty, Format::Compact] {
        for color in [false, true] {
            let options = RenderOptions {
                color,
                ..RenderOptions::default()
            };
            let out = render(&report, format, &options);
            assert_safe(&out, color && format == Format::Pretty);
            assert!(out.contains("\\x1b]52;c;SGVsbG8=\\x07"), "{out}");
            assert!(out.contains("nul.tf"), "{out}");
            assert!(
                out.contains("forged\\n\\x3a:error file=x::y\\x1b.tf")
                    || out.contains("forged\\n::error file=x::y\\x1b.tf"),
                "{out}"
            );
        }
    }
    let compact = render(&report, Format::Compact, &RenderOptions::default());
    // One finding, one line, whatever the file name holds.
    assert_eq!(compact.lines().count(), report.findings.len(), "{compact}");
}

#[test]
fn a_snippet_with_control_characters_still_points_at_the_finding() {
    let report = hostile_report();
    let out = render(&report, Format::Pretty, &RenderOptions::default());
    // The escaped source line, with the finding's value (48) underlined below it.
    let chars = |s: &str, at: usize| s[..at].chars().count();
    let lines: Vec<&str> = out.lines().collect();
    let underlined: Vec<(usize, usize)> = lines
        .windows(2)
        .filter(|w| w[0].contains("access_token_validity = 48 # \\x1b[2J \\u{85} raw"))
        .filter_map(|w| {
            let under = w[1].find('─')?;
            Some((chars(w[0], w[0].find("48")?), chars(w[1], under)))
        })
        .collect();
    assert!(!underlined.is_empty(), "{out}");
    for (value, underline) in underlined {
        assert_eq!(value, underline, "{out}");
    }
}
