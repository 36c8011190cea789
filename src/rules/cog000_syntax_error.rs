//! COG000: reported by the parser (`source.rs`); this file holds its metadata.

use super::declare_rule;

declare_rule! {
    pub static SYNTAX_ERROR: "COG000", "syntax-error", Error, Both,
    "a file is not valid HCL or JSON; the other files are still linted"
}
