//! One SARIF result, typed, and written straight from the finding by [`JsonWriter`] in the
//! order the document's values had their keys inserted (`serde_json` is built with
//! `preserve_order`), so that the bytes stay those of the contract's snapshots; a location
//! also serializes with serde, for the notifications the document holds as values.

use super::{artifact, level, Artifact, FINGERPRINT_KEY};
use crate::finding::{Finding, Fix};
use crate::render::json_writer::{key, JsonWriter};
use crate::render::positions;
use crate::report::Report;
use crate::value::Span;
use serde::Serialize;

pub(super) struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: &'a str,
    locations: [Location<'a>; 1],
    /// The fingerprint's hash and which occurrence of it the result is.
    partial_fingerprints: (u64, u32),
    properties: Properties<'a>,
    related_locations: Vec<Related<'a>>,
    suppressed: bool,
    fixes: Option<FixOut<'a>>,
}

struct Properties<'a> {
    tags: &'static [&'static str],
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

struct Related<'a> {
    physical_location: Physical<'a>,
    id: usize,
    message: &'a str,
}

struct FixOut<'a> {
    /// The description's text: the fix's message, then its applicability in brackets.
    message: &'a str,
    applicability: &'static str,
    artifact_changes: Vec<Change<'a>>,
}

struct Change<'a> {
    artifact_location: Artifact<'a>,
    replacements: Vec<Replacement<'a>>,
}

struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: Option<&'a str>,
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
        SarifResult {
            fixes: finding.diag.fix.as_ref().map(|fix| fix_out(report, fix)),
            level: level(finding.severity),
            locations: [location(report, finding)],
            message: &finding.diag.message,
            partial_fingerprints: (hash, occurrence),
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
                    message: &label.message,
                    physical_location: physical(report, label.span),
                })
                .collect(),
            rule_id: finding.code(),
            rule_index,
            suppressed: is_suppressed,
        }
    }

    /// Writes the result: its fields in their order, the empty ones left out.
    pub(super) fn write(&self, w: &mut JsonWriter) {
        w.open_object();
        w.string_entry(key!("ruleId"), self.rule_id);
        w.number_entry(key!("ruleIndex"), self.rule_index as u64);
        w.string_entry(key!("level"), self.level);
        w.text_entry(key!("message"), self.message);
        w.key(key!("locations"));
        w.open_array();
        for location in &self.locations {
            w.element();
            location.write(w);
        }
        w.close_array();
        w.key(key!("partialFingerprints"));
        w.open_object();
        w.key(FINGERPRINT_KEY);
        let (hash, occurrence) = self.partial_fingerprints;
        w.fingerprint(hash, occurrence);
        w.close_object();
        w.key(key!("properties"));
        w.open_object();
        w.key(key!("tags"));
        w.strings(self.properties.tags.iter().copied());
        if !self.properties.instances.is_empty() {
            w.key(key!("instances"));
            w.strings(self.properties.instances.iter().map(|i| &**i));
        }
        w.close_object();
        if !self.related_locations.is_empty() {
            w.key(key!("relatedLocations"));
            w.open_array();
            for related in &self.related_locations {
                w.element();
                w.open_object();
                w.key(key!("physicalLocation"));
                related.physical_location.write(w);
                w.number_entry(key!("id"), related.id as u64);
                w.text_entry(key!("message"), related.message);
                w.close_object();
            }
            w.close_array();
        }
        if self.suppressed {
            w.key(key!("suppressions"));
            w.open_array();
            w.element();
            w.open_object();
            w.string_entry(key!("kind"), "inSource");
            w.close_object();
            w.close_array();
        }
        if let Some(fix) = &self.fixes {
            w.key(key!("fixes"));
            w.open_array();
            w.element();
            fix.write(w);
            w.close_array();
        }
        w.close_object();
    }
}

impl Location<'_> {
    fn write(&self, w: &mut JsonWriter) {
        w.open_object();
        w.key(key!("physicalLocation"));
        self.physical_location.write(w);
        if let Some([logical]) = &self.logical_locations {
            w.key(key!("logicalLocations"));
            w.open_array();
            w.element();
            w.open_object();
            w.string_entry(key!("fullyQualifiedName"), logical.fully_qualified_name);
            w.string_entry(key!("kind"), logical.kind);
            w.close_object();
            w.close_array();
        }
        w.close_object();
    }
}

impl Physical<'_> {
    fn write(&self, w: &mut JsonWriter) {
        w.open_object();
        w.key(key!("artifactLocation"));
        self.artifact_location.write(w);
        w.key(key!("region"));
        self.region.write(w);
        w.close_object();
    }
}

impl Artifact<'_> {
    fn write(&self, w: &mut JsonWriter) {
        w.open_object();
        w.key(key!("uri"));
        w.plain_string(|out| self.uri.push_to(out));
        if let Some(base) = self.uri_base_id {
            w.string_entry(key!("uriBaseId"), base);
        }
        w.close_object();
    }
}

impl Region {
    fn write(&self, w: &mut JsonWriter) {
        w.open_object();
        w.number_entry(key!("startLine"), self.start_line as u64);
        w.number_entry(key!("startColumn"), self.start_column as u64);
        w.number_entry(key!("endLine"), self.end_line as u64);
        w.number_entry(key!("endColumn"), self.end_column as u64);
        w.close_object();
    }
}

impl FixOut<'_> {
    fn write(&self, w: &mut JsonWriter) {
        w.open_object();
        w.key(key!("description"));
        w.open_object();
        w.key(key!("text"));
        w.string_of(&[self.message, " (", self.applicability, ")"]);
        w.close_object();
        w.key(key!("artifactChanges"));
        w.open_array();
        for change in &self.artifact_changes {
            w.element();
            w.open_object();
            w.key(key!("artifactLocation"));
            change.artifact_location.write(w);
            w.key(key!("replacements"));
            w.open_array();
            for replacement in &change.replacements {
                w.element();
                w.open_object();
                w.key(key!("deletedRegion"));
                replacement.deleted_region.write(w);
                if let Some(text) = replacement.inserted_content {
                    w.text_entry(key!("insertedContent"), text);
                }
                w.close_object();
            }
            w.close_array();
            w.close_object();
        }
        w.close_array();
        w.close_object();
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
            inserted_content: (!edit.text.is_empty()).then_some(&*edit.text),
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
        message: &fix.message,
        applicability: fix.applicability.as_str(),
    }
}
