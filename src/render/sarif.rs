//! SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, every rule in
//! `tool.driver.rules`, one result per finding with a relative location and a fingerprint that
//! survives line moves. Suppressed findings, when listed, carry an `inSource` suppression.
//! Notes on unknown values (COG904, `--show-unknown`) say what the tool could not see, not
//! what is wrong: they are the invocation's `toolExecutionNotifications`, not results.

mod result;

use super::json::{pretty, written_elements};
use super::json_writer;
use super::{help_uri, summary_line, Parts};
use crate::finding::{fingerprint, Finding, Severity};
use crate::report::Report;
use crate::rules::all_meta;
use rayon::prelude::*;
use result::SarifResult;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::HashMap;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Relative URIs resolve against the folder the linter ran in, which in CI is the checkout.
const SRCROOT: &str = "%SRCROOT%";
/// The `partialFingerprints` key, quoted as the writer takes keys; bump the version when the
/// hashed fields change.
pub(super) const FINGERPRINT_KEY: &str = json_writer::key!("cognitoLintFinding/v1");

/// Where the results go in the document laid out without them: a string no value holds.
const RESULTS_HERE: &str = "\u{1}cognito-lint results\u{1}";
/// Results are at the document's fourth level (`runs[0].results[i]`), their bracket at the third.
const RESULT_DEPTH: usize = 4;
const RESULTS_CLOSE: &str = "      ]";

/// The document in parts: the results are written in chunks on the worker threads, then
/// laid out as `serde_json::to_string_pretty` lays out the whole document (the test holds the
/// bytes to it).
pub fn render<'r>(report: &'r Report, suppressed: &'r [Box<Finding>]) -> Parts<'r> {
    let metas = all_meta();
    let rules: Vec<Value> = metas
        .iter()
        .map(|meta| {
            let mut rule = json!({
                "id": meta.code,
                "name": meta.name,
                "shortDescription": { "text": meta.summary },
                "fullDescription": { "text": meta.description() },
                "help": { "text": meta.doc, "markdown": meta.doc },
                "helpUri": help_uri(meta),
                "defaultConfiguration": { "level": level(meta.severity) },
                "properties": { "tags": meta.tags() },
            });
            // GitHub code scanning shows rules with a score as security alerts, ranked by it.
            if let Some(score) = meta.security_severity() {
                rule["properties"]["security-severity"] = json!(score);
            }
            rule
        })
        .collect();
    let rule_index: HashMap<&str, usize> =
        metas.iter().enumerate().map(|(i, m)| (m.code, i)).collect();
    let notifications: Vec<Value> = report
        .findings
        .iter()
        .filter(|f| f.is_note())
        .map(|note| {
            let mut notification = json!({
                "level": "note",
                "message": { "text": note.diag.message },
                "locations": [result::location(report, note)],
                "associatedRule": {
                    "id": note.code(),
                    "index": rule_index.get(note.code()).copied().unwrap_or(0),
                },
            });
            if let Some(help) = &note.diag.help {
                notification["properties"] = json!({ "help": help });
            }
            notification
        })
        .collect();
    // Which occurrence of its fingerprint each result is: in order, before the parallel part.
    // The results, then the suppressed ones from `first_suppressed` on.
    let listed: Vec<&'r Finding> = report
        .findings
        .iter()
        .filter(|f| !f.is_note())
        .chain(suppressed)
        .map(|f| &**f)
        .collect();
    let first_suppressed = listed.len() - suppressed.len();
    let occurrences = occurrences(report, &listed, |f| f);
    let mut doc = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "cognito-lint",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": concat!(env!("CARGO_PKG_REPOSITORY"), "/"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            // Drawn in parallel above, and put in its place once the rest is laid out.
            "results": if listed.is_empty() { json!([]) } else { json!(RESULTS_HERE) },
            "properties": {
                "files": report.files,
                "clients": report.clients,
                "client_blocks": report.client_blocks,
                "clients_with_unknowns": report.unknowns.clients,
                "suppressed": report.suppressed.len(),
                "summary": summary_line(report),
            },
        }],
    });
    if !notifications.is_empty() {
        doc["runs"][0]["invocations"] = json!([{
            "executionSuccessful": true,
            "toolExecutionNotifications": notifications,
        }]);
    }
    let text = pretty(&doc);
    let placeholder = pretty(&RESULTS_HERE);
    let mut parts = Parts::new();
    let Some((before, after)) = text.split_once(&placeholder) else {
        // No results: nothing to put in.
        parts.text(text + "\n");
        return parts;
    };
    parts.text(format!("{before}[\n"));
    let after = format!("{RESULTS_CLOSE}{after}\n");
    written_elements(&mut parts, listed.len(), RESULT_DEPTH, move |w, at| {
        let (finding, is_suppressed) = (listed[at], at >= first_suppressed);
        let index = rule_index.get(finding.code()).copied().unwrap_or(0);
        let tags = metas.get(index).map_or(&[][..], |m| m.tags());
        SarifResult::new(
            report,
            finding,
            index,
            tags,
            is_suppressed,
            (fingerprint_hash(report, finding), occurrences[at]),
        )
        .write(w);
    });
    parts.text(after);
    parts
}

pub(super) fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Where a file is: a URI, relative to the checkout when the file is under it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Artifact<'a> {
    uri: Uri<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

/// A file's URI, encoded as it is written: no string for each of a million results.
pub(super) struct Uri<'a> {
    scheme: &'static str,
    path: &'a str,
}

impl Serialize for Uri<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Uri<'_> {
    /// Appends the path as a URI reference: every byte outside the unreserved set and `/`
    /// percent-encoded, so that the result is plain ASCII with nothing to escape in JSON.
    pub(super) fn push_to(&self, out: &mut Vec<u8>) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        // `|`, not `||`, and ranges as subtractions: the check of a whole path then runs
        // sixteen bytes at a time, and nearly every path is plain (written whole, once for
        // each result).
        let unreserved = |b: u8| {
            (b.wrapping_sub(b'a') < 26)
                | (b.wrapping_sub(b'A') < 26)
                | (b.wrapping_sub(b'0') < 10)
                | (b == b'-')
                | (b == b'.')
                | (b == b'_')
                | (b == b'~')
                | (b == b'/')
        };
        let plain = |b: &u8| unreserved(*b);
        out.extend_from_slice(self.scheme.as_bytes());
        let path = self.path.as_bytes();
        if path
            .iter()
            .fold(0u8, |any, &b| any | u8::from(!unreserved(b)))
            == 0
        {
            out.extend_from_slice(path);
            return;
        }
        // Runs of plain bytes, each ended by one to encode.
        for run in self.path.as_bytes().split_inclusive(|b| !plain(b)) {
            match run.split_last() {
                Some((&last, text)) if !plain(&last) => {
                    out.extend_from_slice(text);
                    out.extend([
                        b'%',
                        HEX[usize::from(last >> 4)],
                        HEX[usize::from(last & 0xf)],
                    ]);
                }
                _ => out.extend_from_slice(run),
            }
        }
    }
}

impl std::fmt::Display for Uri<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = Vec::new();
        self.push_to(&mut out);
        f.write_str(std::str::from_utf8(&out).map_err(|_| std::fmt::Error)?)
    }
}

/// Where a file is, relative to the checkout when it is under it.
pub(super) fn artifact(file: &crate::source::SourceFile) -> Artifact<'_> {
    let display = file.display.as_str();
    let bytes = display.as_bytes();
    let windows_absolute =
        bytes.len() > 2 && bytes[0].is_ascii_alphabetic() && &bytes[1..3] == b":/";
    let (scheme, uri_base_id) = if display.starts_with('/') {
        ("file://", None)
    } else if windows_absolute {
        ("file:///", None)
    } else {
        ("", Some(SRCROOT))
    };
    Artifact {
        uri: Uri {
            scheme,
            path: display,
        },
        uri_base_id,
    }
}

#[cfg(test)]
fn encode_path(path: &str) -> String {
    Uri { scheme: "", path }.to_string()
}

/// The hash of the finding's fingerprint (see [`fingerprint::of`]).
pub(super) fn fingerprint_hash(report: &Report, finding: &Finding) -> u64 {
    fingerprint::of(finding, report.source(finding.diag.span.file))
}

/// Which occurrence of its fingerprint each of `listed` is, in order: identical findings in
/// one resource (the same bad URL twice) stay distinct. Counted by sorting (hash, position)
/// pairs, not with a table of every hash; only the occurrences, 4 bytes a finding, stay for
/// the rendering (a million findings on a generated stack), which reads the hashes again
/// from the findings, where their modules drew them (a finding whose file kept its text, such
/// as one made after its module, is hashed from the text both times).
pub(super) fn occurrences<T: Sync>(
    report: &Report,
    listed: &[T],
    finding: impl Fn(&T) -> &Finding + Sync,
) -> Vec<u32> {
    let position = |i: usize| u32::try_from(i).expect("fewer than 4 billion findings");
    let mut by_hash: Vec<(u64, u32)> = listed
        .par_iter()
        .enumerate()
        .map(|(i, item)| (fingerprint_hash(report, finding(item)), position(i)))
        .collect();
    by_hash.par_sort_unstable();
    let mut occurrences = vec![0; listed.len()];
    let mut previous: Option<(u64, u32)> = None;
    for (hash, i) in by_hash {
        let occurrence = match previous {
            Some((h, n)) if h == hash => n + 1,
            _ => 1,
        };
        occurrences[i as usize] = occurrence;
        previous = Some((hash, occurrence));
    }
    occurrences
}

#[cfg(test)]
mod tests {
    use super::encode_path;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            encode_path("infra/my app/main.tf"),
            "infra/my%20app/main.tf"
        );
        assert_eq!(encode_path("é#.tf"), "%C3%A9%23.tf");
        let plain = "infra/App-1/main_v2.tf~";
        assert_eq!(encode_path(plain), plain);
    }

    /// The parts, joined, are the document `serde_json` lays out: with more results than a
    /// chunk (repeated fingerprints among them), with none, with suppressed ones and notes.
    #[test]
    fn the_parts_are_the_whole_documents_pretty_printing() {
        let urls = r#"["http://x/", "http://x/", var.u]"#;
        let many = crate::render::test_clients(400, 200, urls);
        let suppressed = "# cognito-lint:ignore-file COG204 reason\n".to_string()
            + &crate::render::test_clients(1, 1, urls);
        let selection = crate::RuleSelection {
            show_unknown: true,
            ..crate::RuleSelection::default()
        };
        for text in [many.as_str(), "", suppressed.as_str()] {
            let report = crate::lint_texts(&[("main.tf", text)], &selection);
            for hidden in [&[][..], &report.suppressed[..]] {
                let out = super::render(&report, hidden).concat();
                let doc: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
                assert_eq!(out, super::pretty(&doc) + "\n");
            }
        }
    }
}
