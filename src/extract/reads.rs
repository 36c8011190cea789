//! The unknown values rules read. While a rule checks a client, each accessor of
//! [`BodyView`](super::BodyView) that finds an argument unknown records it here, so that
//! `--show-unknown` can say which rules could not check which argument, and the summary how
//! many clients were not wholly checked. Only what a rule asked for counts: an unknown argument
//! no rule needed (or needed only to know it is set) is not a gap.

use crate::value::{Reason, Span};
use std::cell::RefCell;

/// One unknown value a rule read.
#[derive(Debug, Clone)]
pub struct UnknownRead {
    /// The argument's name (or the nested block's), where it is written: which argument it is.
    pub key: Span,
    /// The unknown value, or its first unknown part.
    pub at: Span,
    pub reason: Reason,
}

thread_local! {
    static READS: RefCell<Option<Vec<UnknownRead>>> = const { RefCell::new(None) };
}

/// Runs `f`, returning what it returned and the unknown values it read. Recordings nest: an
/// inner one sees only its own reads.
pub fn recording<T>(f: impl FnOnce() -> T) -> (T, Vec<UnknownRead>) {
    /// Puts the outer recording back, also when `f` panics (a rule's panic is contained).
    struct Restore(Option<Vec<UnknownRead>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let outer = self.0.take();
            READS.with(|r| *r.borrow_mut() = outer);
        }
    }
    let outer = READS.with(|r| r.borrow_mut().replace(Vec::new()));
    let restore = Restore(outer);
    let value = f();
    let reads = READS.with(|r| r.borrow_mut().take()).unwrap_or_default();
    drop(restore);
    (value, reads)
}

/// The reads recorded so far in the current recording, which goes on (empty when none).
pub fn take() -> Vec<UnknownRead> {
    READS.with(|r| {
        r.borrow_mut()
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    })
}

/// Records that the argument written at `key` was read and found unknown at `at`.
// Cold: the accessors that call it stay small enough to inline, as they were before reads
// were recorded (an unknown value is the rare case).
#[cold]
pub(super) fn record(key: Span, at: Span, reason: &Reason) {
    READS.with(|r| {
        if let Some(reads) = r.borrow_mut().as_mut() {
            reads.push(UnknownRead {
                key,
                at,
                reason: reason.clone(),
            });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::CauseKind;

    #[test]
    fn reads_are_seen_only_by_the_recording_they_happen_in() {
        let at = Span::point(0, 1);
        let unknown = Reason::new(CauseKind::NoValue, "var.x", at);
        record(at, at, &unknown);
        let ((_, inner), outer) = recording(|| {
            record(at, at, &unknown);
            let inner = recording(|| record(at, at, &unknown));
            record(at, at, &unknown);
            inner
        });
        assert_eq!(inner.len(), 1);
        assert_eq!(outer.len(), 2);
        let ((first, second), rest) = recording(|| {
            record(at, at, &unknown);
            let first = take();
            let second = take();
            record(at, at, &unknown);
            (first, second)
        });
        assert_eq!((first.len(), second.len(), rest.len()), (1, 0, 1));
        assert!(take().is_empty(), "nothing is recorded outside a recording");
        assert_eq!(outer[0].reason.cause().unwrap().subject, "var.x");
        let (_, none) = recording(|| ());
        assert!(none.is_empty());
    }

    #[test]
    fn a_panic_inside_a_recording_puts_the_outer_one_back() {
        let at = Span::point(0, 1);
        let (_, outer) = recording(|| {
            let _ = std::panic::catch_unwind(|| {
                recording::<()>(|| panic!("a rule failed"));
            });
            record(at, at, &Reason::NONE);
        });
        assert_eq!(outer.len(), 1);
    }
}
