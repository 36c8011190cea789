//! Every output format over one fixture folder (`tests/fixtures/formats/`) with findings of every
//! severity, a suppressed finding and an unused suppression: the snapshots show exactly what a
//! user, a CI server or an editor receives.

use cognito_lint::render::{render, Format, RenderOptions};
use cognito_lint::rules::all_meta;
use cognito_lint::{lint, LintOptions, Report};
use std::path::PathBuf;

fn report(jobs: usize) -> Report {
    let options = LintOptions {
        paths: vec![PathBuf::from("tests/fixtures/formats")],
        jobs: Some(jobs),
        ..LintOptions::default()
    };
    lint(&options).expect("the fixture folder exists")
}

fn rendered(format: Format, show_suppressed: bool) -> String {
    let options = RenderOptions {
        show_suppressed,
        ..RenderOptions::default()
    };
    render(&report(1), format, &options)
}

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, text);
    });
}

#[test]
fn the_fixture_has_every_severity_and_a_suppression() {
    let report = report(1);
    let severities: std::collections::BTreeSet<_> =
        report.findings.iter().map(|f| f.severity).collect();
    assert_eq!(severities.len(), 3, "error, warning and info");
    assert_eq!(report.suppressed.len(), 1);
    assert!(report.findings.iter().any(|f| f.code() == "COG900"));
}

#[test]
fn pretty() {
    snapshot("format-pretty", &rendered(Format::Pretty, false));
}

#[test]
fn compact() {
    snapshot("format-compact", &rendered(Format::Compact, false));
}

#[test]
fn json() {
    snapshot("format-json", &rendered(Format::Json, false));
}

#[test]
fn github() {
    snapshot("format-github", &rendered(Format::Github, false));
}

#[test]
fn checkstyle() {
    snapshot("format-checkstyle", &rendered(Format::Checkstyle, false));
}

#[test]
fn gitlab() {
    snapshot("format-gitlab", &rendered(Format::Gitlab, false));
}

#[test]
fn junit() {
    snapshot("format-junit", &rendered(Format::Junit, false));
}

/// The rules' pages are in the SARIF (`help`) so that code scanning can show them; the snapshot
/// keeps one line per page instead, and a test checks the pages themselves.
#[test]
fn sarif() {
    let text = rendered(Format::Sarif, false);
    let mut doc: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    for rule in doc["runs"][0]["tool"]["driver"]["rules"]
        .as_array_mut()
        .unwrap()
    {
        let page = format!("<page of {}>", rule["id"].as_str().unwrap());
        rule["help"] = serde_json::json!({ "text": page, "markdown": page });
    }
    snapshot(
        "format-sarif",
        &(serde_json::to_string_pretty(&doc).unwrap() + "\n"),
    );
}

#[test]
fn sarif_describes_every_rule() {
    let doc: serde_json::Value =
        serde_json::from_str(&rendered(Format::Sarif, false)).expect("valid JSON");
    let run = &doc["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let metas = all_meta();
    assert_eq!(rules.len(), metas.len());
    for (rule, meta) in rules.iter().zip(&metas) {
        assert_eq!(rule["id"], meta.code);
        assert_eq!(rule["name"], meta.name);
        assert_eq!(rule["shortDescription"]["text"], meta.summary);
        assert!(!rule["fullDescription"]["text"].as_str().unwrap().is_empty());
        assert_eq!(rule["help"]["markdown"], meta.doc);
        assert!(rule["helpUri"]
            .as_str()
            .unwrap()
            .ends_with(&meta.doc_path()));
    }
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
    }
}

/// Code scanning matches alerts across commits by fingerprint: moving a finding to another line
/// must not change it.
#[test]
fn sarif_fingerprints_survive_line_moves() {
    let client = "resource \"aws_cognito_user_pool_client\" \"web\" {\n  name = \"web\"\n  user_pool_id = aws_cognito_user_pool.pool.id\n  access_token_validity = 48\n}\n";
    let fingerprints = |text: &str| -> Vec<String> {
        let report = cognito_lint::lint_texts(
            &[("main.tf", text)],
            &cognito_lint::RuleSelection::default(),
        );
        let doc: serde_json::Value =
            serde_json::from_str(&render(&report, Format::Sarif, &RenderOptions::default()))
                .unwrap();
        doc["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["partialFingerprints"]["cognitoLintFinding/v1"].to_string())
            .collect()
    };
    let before = fingerprints(client);
    let after = fingerprints(&format!("# a comment\n\n{client}"));
    assert_eq!(before.len(), 2);
    assert_eq!(before, after);
    assert_ne!(before[0], before[1]);
}

#[test]
fn show_suppressed_lists_them_in_every_format() {
    let expectations = [
        (Format::Pretty, "suppressed by comments:"),
        (Format::Compact, "suppressed[COG203]"),
        (Format::Json, "\"suppressed\": ["),
        (
            Format::Github,
            "suppressed: tests/fixtures/formats/main.tf:13:35",
        ),
        (Format::Checkstyle, "severity=\"ignore\""),
        (
            Format::Junit,
            "<skipped message=\"suppressed by a comment\"/>",
        ),
        (Format::Sarif, "\"kind\": \"inSource\""),
    ];
    for (format, marker) in expectations {
        let shown = rendered(format, true);
        assert!(
            shown.contains(marker),
            "{format:?} lacks {marker}:\n{shown}"
        );
        let hidden = rendered(format, false);
        assert!(
            !hidden.contains(marker),
            "{format:?} shows {marker} unasked"
        );
    }
}

#[test]
fn every_format_is_identical_whatever_the_thread_count() {
    for format in [
        Format::Pretty,
        Format::Compact,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Checkstyle,
        Format::Junit,
    ] {
        let options = RenderOptions::default();
        assert_eq!(
            render(&report(1), format, &options),
            render(&report(4), format, &options),
            "{format:?}"
        );
    }
}

#[test]
fn xml_formats_are_well_formed_even_for_a_clean_run() {
    let clean = cognito_lint::lint_texts(&[], &cognito_lint::RuleSelection::default());
    for format in [Format::Checkstyle, Format::Junit] {
        for text in [
            render(&clean, format, &RenderOptions::default()),
            rendered(format, true),
        ] {
            well_formed(&text);
        }
    }
}

/// A small XML checker: balanced tags, quoted attributes, no raw `<` or `&` in text.
fn well_formed(text: &str) {
    let body = text
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .expect("XML declaration");
    let mut stack: Vec<String> = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        let text_part = &rest[..open];
        assert!(!text_part.contains('>'), "raw > in {text_part:?}");
        for (i, _) in text_part.match_indices('&') {
            let entity = &text_part[i..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#10;", "&#13;", "&#9;"]
                    .iter()
                    .any(|e| entity.starts_with(e)),
                "bad entity in {text_part:?}"
            );
        }
        rest = &rest[open..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            let end = comment.find("-->").expect("comment ends");
            rest = &comment[end + 3..];
            continue;
        }
        let close = rest.find('>').expect("tag ends");
        let tag = &rest[1..close];
        assert_eq!(
            tag.matches('"').count() % 2,
            0,
            "unbalanced quotes in {tag}"
        );
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap().to_string());
        }
        rest = &rest[close + 1..];
    }
    assert!(stack.is_empty(), "unclosed {stack:?}");
    assert!(rest.trim().is_empty());
}

/// GitHub code scanning shows a SARIF rule as a security alert when its properties carry a
/// `security-severity`, and ranks it by that score; tags say what kind of rule it is.
#[test]
fn sarif_rules_carry_tags_and_security_severity() {
    use cognito_lint::{lint_texts, RuleSelection};
    let text = "resource \"aws_cognito_user_pool_client\" \"c\" {\n  name = \"c\"\n  user_pool_id = \"p\"\n  access_token_validity = 48\n  callback_urls = [\"http://app.example.com/cb\"]\n  allowed_oauth_flows = [\"code\"]\n  allowed_oauth_scopes = [\"openid\"]\n  allowed_oauth_flows_user_pool_client = true\n  supported_identity_providers = [\"COGNITO\"]\n  prevent_user_existence_errors = \"ENABLED\"\n}\n";
    let report = lint_texts(&[("main.tf", text)], &RuleSelection::default());
    let sarif: serde_json::Value = serde_json::from_str(&cognito_lint::render::render(
        &report,
        cognito_lint::render::Format::Sarif,
        &cognito_lint::render::RenderOptions::default(),
    ))
    .unwrap();
    let run = &sarif["runs"][0];
    let rule = |code: &str| {
        run["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == code)
            .unwrap()
            .clone()
    };
    assert_eq!(rule("COG108")["properties"]["security-severity"], "7.5");
    assert_eq!(rule("COG108")["properties"]["tags"][0], "security");
    assert!(rule("COG001")["properties"]
        .get("security-severity")
        .is_none());
    assert_eq!(rule("COG001")["properties"]["tags"][0], "correctness");
    let result = |code: &str| {
        run["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["ruleId"] == code)
            .unwrap_or_else(|| panic!("no {code} result"))
            .clone()
    };
    assert_eq!(result("COG108")["properties"]["tags"][0], "security");
    assert_eq!(result("COG001")["properties"]["tags"][0], "correctness");
}
