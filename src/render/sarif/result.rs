//! One SARIF result, typed: serialized straight from the finding, with no `serde_json::Value`
//! tree in between (the run's largest cost in SARIF output was building those trees). Fields
//! are declared in the order the document's values had their keys inserted (`serde_json` is
//! built with `preserve_order`), so that the bytes stay those of the contract's snapshots.

use super::{artifact, level, Artifact, FINGERPRINT_KEY};
use crate::finding::{Finding, Fix};
use crate::render::positions;
use crate::report::Report;
use crate::value::Span;
use serde::Serialize;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text<'a>,
    locations: [Location<'a>; 1],
    partial_fingerprints: Fingerprints,
    properties: Properties<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Related<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressions: Option<[Suppression; 1]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixes: Option<[FixOut<'a>; 1]>,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "cognitoLintFinding/v1")]
    finding: String,
}

#[derive(Serialize)]
struct Properties<'a> {
    tags: &'static [&'static str],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    instances: &'a [std::sync::Arc<str>],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Location<'a> {
    physical_location: Physical<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logical_locations: Option<[Logical<'a>; 1]>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Logical<'a> {
    fully_qualified_name: &'a str,
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical<'a> {
    artifact_location: Artifact<'a>,
    region: Region,
}

#[derive(Serialize, Clone, Copy)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Related<'a> {
    physical_location: Physical<'a>,
    id: usize,
    message: Text<'a>,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FixOut<'a> {
    description: OwnedText,
    artifact_changes: Vec<Change<'a>>,
}

#[derive(Serialize)]
struct OwnedText {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Change<'a> {
    artifact_location: Artifact<'a>,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    #[serde(skip_serializing_if = "Option::is_none")]
    inserted_content: Option<Text<'a>>,
}

impl<'a> SarifResult<'a> {
    /// The result for `finding`; `occurrence` tells apart identical findings in one resource.
    pub(super) fn new(
        report: &'a Report,
        finding: &'a Finding,
        rule_index: usize,
        tags: &'static [&'static str],
        is_suppressed: bool,
        (hash, occurrence): (u64, u32),
    ) -> SarifResult<'a> {
        // The key is spelled in `Fingerprints`' rename, which cannot name a constant.
        debug_assert_eq!(FINGERPRINT_KEY, "cognitoLintFinding/v1");
        SarifResult {
            fixes: finding.diag.fix.as_ref().map(|fix| [fix_out(report, fix)]),
            level: level(finding.severity),
            locations: [location(report, finding)],
            message: Text {
                text: &finding.diag.message,
            },
            partial_fingerprints: Fingerprints {
                finding: format!("{hash:016x}:{occurrence}"),
            },
            properties: Properties {
                instances: &finding.instances,
                tags,
            },
            related_locations: finding
                .diag
                .labels
                .iter()
                .enumerate()
                .map(|(i, label)| Related {
                    id: i + 1,
                    message: Text {
                        text: &label.message,
                    },
                    physical_location: physical(report, label.span),
                })
                .collect(),
            rule_id: finding.code(),
            rule_index,
            suppressions: is_suppressed.then_some([Suppression { kind: "inSource" }]),
        }
    }
}

/// Where a finding is: the place, and the resource when it has one.
pub(super) fn location<'a>(report: &'a Report, finding: &'a Finding) -> Location<'a> {
    Location {
        logical_locations: finding.resource().map(|resource| {
            [Logical {
                fully_qualified_name: resource,
                kind: "resource",
            }]
        }),
        physical_location: physical(report, finding.diag.span),
    }
}

fn physical(report: &Report, span: Span) -> Physical<'_> {
    let file = report.source(span.file);
    Physical {
        artifact_location: artifact(file),
        region: region(report, span),
    }
}

fn region(report: &Report, span: Span) -> Region {
    let (start, end) = positions(report.source(span.file), span);
    Region {
        end_column: end.column,
        end_line: end.line,
        start_column: start.column,
        start_line: start.line,
    }
}

/// A SARIF `fix`: its description and, per file, the regions replaced (an empty region
/// inserts; no `insertedContent` deletes).
fn fix_out<'a>(report: &'a Report, fix: &'a Fix) -> FixOut<'a> {
    let mut changes: Vec<(crate::value::FileId, Vec<Replacement<'a>>)> = Vec::new();
    for edit in &fix.edits {
        let replacement = Replacement {
            deleted_region: region(report, edit.span),
            inserted_content: (!edit.text.is_empty()).then_some(Text { text: &edit.text }),
        };
        match changes.iter_mut().find(|(file, _)| *file == edit.span.file) {
            Some((_, replacements)) => replacements.push(replacement),
            None => changes.push((edit.span.file, vec![replacement])),
        }
    }
    FixOut {
        artifact_changes: changes
            .into_iter()
            .map(|(file, replacements)| Change {
                artifact_location: artifact(report.source(file)),
                replacements,
            })
            .collect(),
        description: OwnedText {
            text: format!("{} ({})", fix.message, fix.applicability.as_str()),
        },
    }
}
