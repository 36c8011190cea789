//! COG902: reported by the baseline pass (`baseline.rs`); this file holds its metadata.

use super::declare_rule;

declare_rule! {
    pub static UNUSED_BASELINE_ENTRY: "COG902", "unused-baseline-entry", Warning, Baseline,
    "a `--baseline` entry that matches fewer findings than it counts: the finding was fixed or changed"
}
