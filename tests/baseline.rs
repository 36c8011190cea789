//! Baselines: `--write-baseline FILE` records a run's findings, `--baseline FILE` reports only
//! the others, matching by file, code, resource and message (not by line), and reports entries
//! that match nothing (COG902).

mod common;
use common::{client, codes, run, stderr, stdout, tree};

const BASELINE: &str = "cognito-lint-baseline.json";

/// COG204 (line 1) and COG211 (line 4, 90 days).
fn old_client(name: &str) -> String {
    client(name, "  refresh_token_validity = 90\n")
}

#[test]
fn a_written_baseline_hides_its_findings_and_reports_new_ones() {
    let dir = tree(&[("infra/main.tf", &old_client("web"))]);
    let root = dir.path();
    let write = run(&["-f", "compact", "--write-baseline", BASELINE], root);
    assert_eq!(write.status.code(), Some(0), "{}", stderr(&write));
    assert_eq!(stdout(&write), "", "recorded findings are not reported");
    let text = std::fs::read_to_string(root.join(BASELINE)).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(
        json["entries"][0],
        serde_json::json!({
            "file": "infra/main.tf",
            "code": "COG204",
            "resource": "aws_cognito_user_pool_client.web",
            "message": "user existence errors are not prevented",
            "count": 1
        })
    );
    assert_eq!(json["entries"].as_array().unwrap().len(), 2);
    // No temporary file is left next to it.
    let names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");

    // Unchanged: nothing reported, from the root or from inside infra/.
    let args = ["-f", "compact", "--baseline", BASELINE];
    assert!(codes(&run(&args, root)).is_empty());
    let from_infra = run(
        &[
            "-f",
            "compact",
            "--baseline",
            "../cognito-lint-baseline.json",
        ],
        &root.join("infra"),
    );
    assert_eq!(stdout(&from_infra), "", "{}", stderr(&from_infra));

    // Lines added above move the findings: still matched. A new client's findings are
    // reported, and so is a third COG204 on a client the baseline counts once.
    let moved = format!(
        "# a comment\n\n{}\n{}",
        old_client("web"),
        client("api", "")
    );
    std::fs::write(root.join("infra/main.tf"), moved).unwrap();
    let out = run(&args, root);
    assert_eq!(codes(&out), ["9:COG204"], "{}", stdout(&out));
    assert!(stdout(&out).starts_with("infra/main.tf:9:"));
}

#[test]
fn entries_that_match_nothing_are_cog902_in_the_baseline_file() {
    let dir = tree(&[("main.tf", &old_client("web"))]);
    let root = dir.path();
    assert_eq!(
        run(&["--write-baseline", BASELINE], root).status.code(),
        Some(0)
    );
    // COG204 fixed; COG211 still there.
    std::fs::write(
        root.join("main.tf"),
        client(
            "web",
            "  refresh_token_validity = 90\n  prevent_user_existence_errors = \"ENABLED\"\n",
        ),
    )
    .unwrap();
    let out = run(&["-f", "compact", "--baseline", BASELINE], root);
    assert_eq!(
        stdout(&out),
        format!("{BASELINE}:4:5: warning[COG902] baseline entry for COG204 matches no finding\n")
    );
    assert_eq!(out.status.code(), Some(0), "a warning, not an error");
    // A run on another file does not judge this file's entries; a rule turned off neither.
    std::fs::write(
        root.join("other.tf"),
        client("api", "  prevent_user_existence_errors = \"ENABLED\"\n"),
    )
    .unwrap();
    assert!(codes(&run(
        &["-f", "compact", "--baseline", BASELINE, "other.tf"],
        root
    ))
    .is_empty());
    assert!(codes(&run(
        &[
            "-f",
            "compact",
            "--baseline",
            BASELINE,
            "--ignore",
            "COG204"
        ],
        root
    ))
    .is_empty());
    // COG902 follows the config nearest to the baseline: its severity and fail_on.
    std::fs::write(root.join(".cognito-lint.hcl"), "fail_on = \"warning\"\n").unwrap();
    assert_eq!(run(&["--baseline", BASELINE], root).status.code(), Some(1));
    std::fs::write(
        root.join(".cognito-lint.hcl"),
        "rule \"unused-baseline-entry\" {\n  severity = \"error\"\n}\n",
    )
    .unwrap();
    let out = run(&["-f", "compact", "--baseline", BASELINE], root);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("error[COG902]"));
    std::fs::remove_file(root.join(".cognito-lint.hcl")).unwrap();
    // Written again, the entry is gone.
    run(&["--write-baseline", BASELINE], root);
    assert!(codes(&run(&["-f", "compact", "--baseline", BASELINE], root)).is_empty());
    let text = std::fs::read_to_string(root.join(BASELINE)).unwrap();
    assert!(!text.contains("COG204"), "{text}");
}

#[test]
fn a_missing_or_invalid_baseline_is_exit_2() {
    let dir = tree(&[
        ("main.tf", &old_client("web")),
        ("bad.json", "{\"version\": 1, \"entries\": [{\"file\": 1}]}"),
    ]);
    let missing = run(&["--baseline", "nope.json"], dir.path());
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("nope.json: cannot read baseline"),
        "{}",
        stderr(&missing)
    );
    let bad = run(&["--baseline", "bad.json"], dir.path());
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("bad.json:1:"), "{}", stderr(&bad));
    assert!(stdout(&bad).is_empty());
}
