//! COG900: reported by the suppression pass (`suppress.rs`); this file holds its metadata.

use crate::rules::RuleMeta;

pub static UNUSED_SUPPRESSION: RuleMeta = rule_meta!(
    "COG900",
    "unused-suppression",
    Warning,
    Comments,
    "a `cognito-lint:ignore` comment that suppresses nothing, or names an unknown rule"
);
