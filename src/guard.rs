//! The last line of defence: a panic while checking one file or one client becomes a COG990
//! finding for that file, the other files are still checked, and the run exits with code 2.
//!
//! A panic is always a bug in cognito-lint. Containing it keeps one unlucky file from hiding
//! the findings in every other file of a pre-commit run, and the exit code keeps it from ever
//! looking like a clean run.

use crate::finding::{Diag, Finding};
use crate::rules::INTERNAL_ERROR;
use crate::value::Span;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Runs `f`; a panic comes back as its message.
///
/// Whatever `f` was changing when it panicked is dropped by the callers (they keep nothing
/// that `f` produced), so the state seen afterwards is never half-updated.
pub fn contain<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string())
    })
}

/// The COG990 finding for a panic while `doing` something (`"parsing this file"`,
/// `"running COG101 on aws_cognito_user_pool_client.web"`). COG990 cannot be turned off or
/// given another severity: it means the file was not fully checked.
pub fn internal_error(span: Span, doing: &str, panic: &str) -> Finding {
    let panic = panic.lines().next().unwrap_or_default();
    Finding {
        rule: &INTERNAL_ERROR,
        severity: INTERNAL_ERROR.severity,
        at: None,
        instances: thin_vec::ThinVec::new(),
        fingerprint: None,
        diag: Diag::new(span, format!("internal error while {doing}: {panic}")).help(
            "this is a bug in cognito-lint, not in your configuration; the rest of the run went on, \
             but this file was not fully checked. Please report it with the file that caused it",
        ),
    }
}

/// Whether a finding says the run could not check everything (exit code 2).
pub fn is_internal_error(finding: &Finding) -> bool {
    finding.code() == INTERNAL_ERROR.code
}

/// A test hook: in debug builds (the test suite's), checking something named
/// `cognito_lint_test_panic_<place>` panics, so that tests can show a panic is contained.
/// Release builds never panic here, nor do fuzzing builds (libFuzzer learns the name from the
/// comparison and finds it within a minute).
pub fn test_hook(place: &str, text: &str) {
    if cfg!(all(debug_assertions, not(fuzzing)))
        && text.contains(&format!("cognito_lint_test_panic_{place}"))
    {
        panic!("test panic ({place})");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        assert_eq!(contain(|| 7), Ok(7));
        assert_eq!(
            contain(|| -> u8 { panic!("boom") }),
            Err("boom".to_string())
        );
        let n = 3;
        assert_eq!(
            contain(|| -> u8 { panic!("bad index {n}") }),
            Err("bad index 3".to_string())
        );
    }

    #[test]
    fn the_finding_names_what_failed() {
        let f = internal_error(Span::point(4, 0), "parsing this file", "boom\nmore");
        assert_eq!(f.code(), "COG990");
        assert_eq!(
            f.diag.message,
            "internal error while parsing this file: boom"
        );
        assert!(is_internal_error(&f));
        assert_eq!(f.severity, crate::finding::Severity::Error);
    }

    #[test]
    fn the_hook_fires_only_on_its_marker() {
        assert!(contain(|| test_hook("rule", "resource x y {}")).is_ok());
        assert!(contain(|| test_hook("rule", "cognito_lint_test_panic_parse")).is_ok());
        assert_eq!(
            contain(|| test_hook("rule", "name = \"cognito_lint_test_panic_rule\"")),
            Err("test panic (rule)".to_string())
        );
    }
}
