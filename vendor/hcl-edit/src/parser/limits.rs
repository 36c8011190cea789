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

thread_local! {
    static COMBINATORS_ONLY: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with every value parsed through the combinators, none built directly (see
/// `shortcut.rs`), on this thread: what a test compares the direct trees with.
#[doc(hidden)]
pub fn with_combinators_only<T>(f: impl FnOnce() -> T) -> T {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            COMBINATORS_ONLY.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(COMBINATORS_ONLY.with(|c| c.replace(true)));
    f()
}

/// Whether values go through the combinators only on this thread.
pub(crate) fn combinators_only() -> bool {
    COMBINATORS_ONLY.with(Cell::get)
}
