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
}

impl SpanMap {
    pub fn record(&mut self, generated: std::ops::Range<usize>, json: std::ops::Range<usize>) {
        self.entries.push((generated, json));
    }

    /// The JSON range of the smallest recorded piece that holds `start..end`.
    pub fn map(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let holding = |(g, _): &&(std::ops::Range<usize>, std::ops::Range<usize>)| {
            g.start <= start && end <= g.end
        };
        self.entries
            .iter()
            .filter(holding)
            .min_by_key(|(g, _)| g.len())
            .or_else(|| {
                self.entries
                    .iter()
                    .filter(|(g, _)| g.start <= start && start < g.end.max(g.start + 1))
                    .min_by_key(|(g, _)| g.len())
            })
            .map_or(0..0, |(_, j)| j.clone())
    }
}
