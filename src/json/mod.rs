//! Terraform's JSON syntax (`.tf.json`, cdktf's `cdk.tf.json`) and plan files.
//!
//! A JSON configuration is translated into the equivalent native-syntax text, which the rest
//! of the linter reads like any `.tf` file; a [`SpanMap`] takes every span in that text back
//! to the JSON value it came from, so findings point into the JSON file.

mod config;
pub mod plan;

pub use config::to_hcl;

use jsonc_parser::ast::Value as JsonValue;
use jsonc_parser::{CollectOptions, ParseOptions};

/// The byte range of a JSON value.
pub fn value_range(value: &JsonValue) -> std::ops::Range<usize> {
    let r = match value {
        JsonValue::StringLit(v) => v.range,
        JsonValue::NumberLit(v) => v.range,
        JsonValue::BooleanLit(v) => v.range,
        JsonValue::Object(v) => v.range,
        JsonValue::Array(v) => v.range,
        JsonValue::NullKeyword(v) => v.range,
    };
    r.start..r.end
}

/// Strict JSON, as Terraform reads it.
pub fn parse(text: &str) -> Result<Option<JsonValue<'_>>, (usize, String)> {
    let options = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &options)
        .map(|r| r.value)
        .map_err(|e| (e.range().start, format!("invalid JSON: {}", e.kind())))
}

/// Where each piece of generated text came from in the JSON file.
#[derive(Debug, Default, Clone)]
pub struct SpanMap {
    /// (generated range, JSON range), in the order emitted.
    entries: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)>,
    /// For each 1 KiB of generated text, the entries (in order) whose range touches it: a
    /// lookup reads one bucket, not every entry (a 10 MB file has millions of entries, and
    /// every finding is looked up).
    buckets: std::sync::OnceLock<Vec<Vec<u32>>>,
}

/// Bytes of generated text per bucket.
const BUCKET: usize = 1024;

impl SpanMap {
    pub fn record(&mut self, generated: std::ops::Range<usize>, json: std::ops::Range<usize>) {
        self.entries.push((generated, json));
        self.buckets = std::sync::OnceLock::new();
    }

    /// Entry indices by bucket: an entry is in every bucket from its start's to its end's,
    /// both included, so the bucket of any offset it holds (its end too) lists it.
    fn buckets(&self) -> &[Vec<u32>] {
        self.buckets.get_or_init(|| {
            let last = self.entries.iter().map(|(g, _)| g.end.max(g.start)).max();
            let mut buckets = vec![Vec::new(); last.map_or(0, |l| l / BUCKET + 1)];
            for (i, (g, _)) in self.entries.iter().enumerate() {
                for bucket in &mut buckets[g.start / BUCKET..=g.end.max(g.start) / BUCKET] {
                    bucket.push(i as u32);
                }
            }
            buckets
        })
    }

    /// The JSON range of the smallest recorded piece that holds `start..end`.
    pub fn map(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        // Every entry either test below accepts holds `start` (g.start <= start <= g.end), so
        // it is listed in `start`'s bucket, in the order emitted (ties go to the first).
        let buckets = self.buckets();
        let Some(bucket) = buckets.get(start / BUCKET) else {
            return 0..0;
        };
        let candidates = || bucket.iter().map(|&i| &self.entries[i as usize]);
        let holding = |(g, _): &&(std::ops::Range<usize>, std::ops::Range<usize>)| {
            g.start <= start && end <= g.end
        };
        candidates()
            .filter(holding)
            .min_by_key(|(g, _)| g.len())
            .or_else(|| {
                candidates()
                    .filter(|(g, _)| g.start <= start && start < g.end.max(g.start + 1))
                    .min_by_key(|(g, _)| g.len())
            })
            .map_or(0..0, |(_, j)| j.clone())
    }

    /// The JSON range an edit of `start..end` in the generated text stands for, end by end:
    /// each end must be the start or the end of a recorded piece (a value, a key), so that the
    /// edit replaces whole pieces and what lies between them. `None` when an end falls inside
    /// a piece, or on text the JSON does not have.
    pub fn map_edit(&self, start: usize, end: usize) -> Option<std::ops::Range<usize>> {
        let bucket = |at: usize| self.buckets().get(at / BUCKET).into_iter().flatten();
        let entry = |i: &u32| &self.entries[*i as usize];
        let starting = |at: usize| bucket(at).map(entry).find(|(g, _)| g.start == at);
        let ending = |at: usize| bucket(at).map(entry).find(|(g, _)| g.end == at);
        let from = starting(start)
            .map(|(_, j)| j.start)
            .or_else(|| ending(start).map(|(_, j)| j.end))?;
        let to = match start == end {
            true => from,
            false => ending(end)
                .map(|(_, j)| j.end)
                .or_else(|| starting(end).map(|(_, j)| j.start))?,
        };
        (from <= to).then_some(from..to)
    }
}

#[cfg(test)]
mod span_map_tests {
    use super::*;

    /// The lookup over every entry, as it was before the buckets.
    fn linear(map: &SpanMap, start: usize, end: usize) -> std::ops::Range<usize> {
        let holding = |(g, _): &&(std::ops::Range<usize>, std::ops::Range<usize>)| {
            g.start <= start && end <= g.end
        };
        map.entries
            .iter()
            .filter(holding)
            .min_by_key(|(g, _)| g.len())
            .or_else(|| {
                map.entries
                    .iter()
                    .filter(|(g, _)| g.start <= start && start < g.end.max(g.start + 1))
                    .min_by_key(|(g, _)| g.len())
            })
            .map_or(0..0, |(_, j)| j.clone())
    }

    #[test]
    fn buckets_find_what_a_scan_of_every_entry_finds() {
        let mut seed = 0x1234_5678_9abc_def1u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut map = SpanMap::default();
        for i in 0..3000 {
            let start = next(6000);
            let len = match next(4) {
                0 => 0,
                1 => next(10),
                2 => next(3000),
                _ => next(200),
            };
            map.record(start..start + len, i..i + 1);
        }
        for _ in 0..5000 {
            let start = next(9500);
            let end = start + next(50);
            assert_eq!(
                map.map(start, end),
                linear(&map, start, end),
                "{start}..{end}"
            );
        }
        assert_eq!(SpanMap::default().map(3, 4), 0..0);
    }
}
