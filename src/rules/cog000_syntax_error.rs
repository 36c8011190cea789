//! COG000: reported by the parser (`source.rs`); this file holds its metadata.

use crate::rules::RuleMeta;

pub static SYNTAX_ERROR: RuleMeta = rule_meta!(
    "COG000",
    "syntax-error",
    Error,
    Both,
    "a file is not valid HCL or JSON; the other files are still linted"
);
