//! COG990: reported when checking a file panicked (`guard.rs`); this file holds its metadata.

use crate::rules::RuleMeta;

pub static INTERNAL_ERROR: RuleMeta = rule_meta!(
    "COG990",
    "internal-error",
    Error,
    Both,
    "cognito-lint failed while checking a file (a bug); the other files are still checked, exit code 2"
);
