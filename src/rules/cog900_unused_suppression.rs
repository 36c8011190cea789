//! COG900: reported by the suppression pass (`suppress.rs`); this file holds its metadata.

use super::declare_rule;

declare_rule! {
    pub static UNUSED_SUPPRESSION: "COG900", "unused-suppression", Warning, Comments,
    "a `cognito-lint:ignore` comment that suppresses nothing, or names an unknown rule"
}
