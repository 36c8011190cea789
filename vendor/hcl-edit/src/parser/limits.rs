//! cognito-lint patch: the nesting limits of the current thread, shared by both builds of the
//! parser (see `fast.rs`).

use std::cell::Cell;

thread_local! {
    static LIMITS: Cell<(usize, usize)> = const {
        Cell::new((super::nesting::MAX_NESTING_DEPTH, super::nesting::MAX_OPERATOR_DEPTH))
    };
}

/// Runs `f` with other limits for the nesting depth and the operator depth on this thread, and
/// restores the previous limits afterwards (also when `f` panics).
///
/// The caller must give the parser a stack deep enough for `nesting` levels: about 40 KiB a
/// level in debug builds, 12 KiB in release builds.
pub fn with_limits<T>(nesting: usize, operators: usize, f: impl FnOnce() -> T) -> T {
    struct Restore((usize, usize));
    impl Drop for Restore {
        fn drop(&mut self) {
            LIMITS.with(|l| l.set(self.0));
        }
    }
    let _restore = Restore(LIMITS.with(|l| l.replace((nesting, operators))));
    f()
}

/// The nesting depth and operator depth limits of this thread.
pub(crate) fn limits() -> (usize, usize) {
    LIMITS.with(Cell::get)
}
