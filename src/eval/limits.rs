//! How much one evaluation may do, and how large a value may grow, before the rest is unknown.

use crate::value::Value;

/// Deeper expressions than this evaluate to unknown rather than risk the stack. The depth is
/// counted per thread, across the evaluators that locals referring to locals start.
const MAX_DEPTH: usize = 128;

/// How many expressions one evaluation (an argument, with every local it reads) may evaluate
/// before the rest is unknown: nested `for` expressions over long lists would otherwise take
/// hours.
const MAX_STEPS: usize = 200_000;

/// Lists and objects longer than this are unknown: no client argument is anywhere near, and it
/// keeps every function linear enough.
pub const MAX_ELEMENTS: usize = 4096;

/// Strings longer than this many bytes are unknown, for the same reasons as [`MAX_ELEMENTS`].
pub const MAX_STRING: usize = 1 << 20;

thread_local! {
    /// (depth, steps) of the evaluation running on this thread.
    static BUDGET: std::cell::Cell<(usize, usize)> = const { std::cell::Cell::new((0, 0)) };
}

/// One level of evaluation, while within the budget; the level ends when it is dropped (also
/// when a panic unwinds through it).
pub(super) struct Level;

impl Level {
    pub(super) fn enter() -> Option<Level> {
        BUDGET.with(|budget| {
            let (depth, steps) = budget.get();
            // A new outermost evaluation starts with a full budget.
            let steps = if depth == 0 { 0 } else { steps };
            if depth >= MAX_DEPTH || steps >= MAX_STEPS {
                budget.set((depth, steps));
                return None;
            }
            budget.set((depth + 1, steps + 1));
            Some(Level)
        })
    }
}

impl Drop for Level {
    fn drop(&mut self) {
        BUDGET.with(|budget| {
            let (depth, steps) = budget.get();
            budget.set((depth.saturating_sub(1), steps));
        });
    }
}

/// A value too large to reason about is unknown.
pub(super) fn capped(value: Value) -> Value {
    match &value {
        Value::List(items) if items.len() > MAX_ELEMENTS => Value::Unknown,
        Value::Object(items) if items.len() > MAX_ELEMENTS => Value::Unknown,
        Value::String(s) if s.len() > MAX_STRING => Value::Unknown,
        _ => value,
    }
}
