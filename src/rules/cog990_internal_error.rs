//! COG990: reported when checking a file panicked (`guard.rs`); this file holds its metadata.

use super::declare_rule;

declare_rule! {
    pub static INTERNAL_ERROR: "COG990", "internal-error", Error, Both,
    "cognito-lint failed while checking a file (a bug); the other files are still checked, exit code 2"
}
