//! COG901: reported by the suppression pass (`suppress.rs`) under `--require-reason`; this file
//! holds its metadata.

use super::declare_rule;

declare_rule! {
    pub static SUPPRESSION_WITHOUT_REASON: "COG901", "suppression-without-reason", Warning, Comments,
    "a `cognito-lint:ignore` comment without a reason, when `--require-reason` asks for one"
}
