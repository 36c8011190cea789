//! How much evaluation may do, and how large values may grow, before the rest is unknown.
//!
//! Two budgets: one per outermost evaluation (an argument, with every local it reads), and one
//! per root module, shared by every evaluation of the root and of the modules it calls, so
//! that memory and time stay bounded whatever the input (a 1 KB file can ask for gigabytes
//! through nested references). Past a budget a value is unknown, which no rule fires on; the
//! first cut of a root is kept ([`RootBudget::finish`]) for the info finding that says so.

use crate::value::{CauseKind, Span, Value};

/// Deeper expressions than this evaluate to unknown rather than risk the stack. The depth is
/// counted per thread, across the evaluators that locals referring to locals start.
const MAX_DEPTH: usize = 128;

/// How many expressions one evaluation may evaluate before the rest is unknown: nested `for`
/// expressions over long lists would otherwise take hours.
const MAX_STEPS: usize = 200_000;

/// Lists and objects longer than this are unknown: no client argument is anywhere near, and it
/// keeps every function linear enough.
pub const MAX_ELEMENTS: usize = 4096;

/// Strings longer than this many bytes are unknown, for the same reasons as [`MAX_ELEMENTS`].
pub const MAX_STRING: usize = 1 << 20;

/// A value whose parts take more than this (see [`Value::footprint`]; shared parts count each
/// time) is unknown: each list may be short, but lists of lists multiply.
pub const MAX_VALUE_BYTES: usize = 16 << 20;

/// Expressions one root module's evaluations may evaluate in all.
const MAX_ROOT_STEPS: usize = 5_000_000;

/// Bytes of values one root module's evaluations may build in all (see
/// [`Value::fresh_footprint`]: what is shared with a local or variable is not built again):
/// what keeps a run's memory bounded, since the clients' values are kept until their rules ran.
const MAX_ROOT_BYTES: usize = 256 << 20;

/// Client instances (`count`, `for_each`) one root module may expand in all; past it a block
/// is checked once, as with an unknown `count`.
pub const MAX_ROOT_INSTANCES: usize = 8192;

/// Module-call instances one root module may follow in all; past it calls are not followed.
pub const MAX_MODULE_INSTANCES: usize = 1024;

/// What a budget cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    /// A value over [`MAX_ELEMENTS`], [`MAX_STRING`] or [`MAX_VALUE_BYTES`].
    ValueSize,
    /// An expression nested deeper than [`MAX_DEPTH`].
    Depth,
    /// One evaluation past [`MAX_STEPS`].
    Steps,
    /// The root's evaluations past [`MAX_ROOT_STEPS`].
    RootSteps,
    /// The root's values past [`MAX_ROOT_BYTES`].
    RootBytes,
    /// A `count` or `for_each` past [`crate::extract::MAX_INSTANCES`].
    BlockInstances,
    /// The root's client instances past [`MAX_ROOT_INSTANCES`].
    Instances,
    /// The root's module-call instances past [`MAX_MODULE_INSTANCES`].
    ModuleInstances,
}

impl Cut {
    /// What was cut, for the finding's message.
    pub fn describe(self) -> String {
        match self {
            Cut::ValueSize => format!(
                "a value larger than the linter keeps ({MAX_ELEMENTS} elements, {} of text, \
                 {} in all)",
                mib(MAX_STRING),
                mib(MAX_VALUE_BYTES)
            ),
            Cut::Depth => format!("an expression nested more than {MAX_DEPTH} deep"),
            Cut::Steps => format!("an expression needing more than {MAX_STEPS} evaluation steps"),
            Cut::RootSteps => {
                format!("this module's expressions took more than {MAX_ROOT_STEPS} steps in all")
            }
            Cut::RootBytes => format!(
                "this module's values took more than {} in all",
                mib(MAX_ROOT_BYTES)
            ),
            Cut::BlockInstances => format!(
                "a count or for_each over more than {} instances",
                crate::extract::MAX_INSTANCES
            ),
            Cut::Instances => format!(
                "this module expands more than {MAX_ROOT_INSTANCES} client instances in all"
            ),
            Cut::ModuleInstances => format!(
                "this module calls more than {MAX_MODULE_INSTANCES} module instances in all"
            ),
        }
    }
}

fn mib(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{} KiB", bytes >> 10)
    }
}

/// The budgets' use on this thread.
#[derive(Clone, Copy)]
struct Use {
    /// Depth and steps of the outermost evaluation running.
    depth: usize,
    steps: usize,
    /// The root module being checked, when one is.
    root: Option<RootUse>,
}

#[derive(Clone, Copy, Default)]
struct RootUse {
    steps: usize,
    bytes: usize,
    instances: usize,
    module_instances: usize,
    cut: Option<(Cut, Span)>,
}

impl RootUse {
    fn exhausted(&self) -> bool {
        self.steps >= MAX_ROOT_STEPS || self.bytes >= MAX_ROOT_BYTES
    }
}

thread_local! {
    static USE: std::cell::Cell<Use> = const {
        std::cell::Cell::new(Use { depth: 0, steps: 0, root: None })
    };
}

/// Records `cut` at `span` as the root's first, when a root is being checked.
fn record(usage: &mut Use, cut: Cut, span: Span) {
    if let Some(root) = &mut usage.root {
        root.cut.get_or_insert((cut, span));
    }
}

/// Records that a value at `span` was given up on, for the root's finding: the unknown value
/// that stands for it.
pub fn give_up(cut: Cut, span: Span) -> Value {
    with_use(|u| record(u, cut, span));
    cut_value(cut, span)
}

/// The unknown value a cut leaves, its cause the budget.
pub fn cut_value(cut: Cut, span: Span) -> Value {
    Value::unknown(CauseKind::Budget, cut.describe(), span)
}

fn with_use<T>(f: impl FnOnce(&mut Use) -> T) -> T {
    USE.with(|cell| {
        let mut usage = cell.get();
        let out = f(&mut usage);
        cell.set(usage);
        out
    })
}

/// The budget of one root module's check, from [`RootBudget::start`] to
/// [`RootBudget::finish`]. Another root checked on this thread meanwhile (a worker picking up
/// work while it waits) gets its own budget, and this one is restored after it.
pub struct RootBudget {
    outer: Option<RootUse>,
}

impl RootBudget {
    pub fn start() -> RootBudget {
        let outer = with_use(|u| u.root.replace(RootUse::default()));
        RootBudget { outer }
    }

    /// The first cut this root's budgets made, if any.
    pub fn finish(self) -> Option<(Cut, Span)> {
        let outer = self.outer;
        std::mem::forget(self);
        with_use(|u| std::mem::replace(&mut u.root, outer).and_then(|r| r.cut))
    }
}

impl Drop for RootBudget {
    // Unwinding from a panic: the outer root's budget comes back.
    fn drop(&mut self) {
        let outer = self.outer;
        with_use(|u| u.root = outer);
    }
}

/// One level of evaluation, while within the budget; the level ends when it is dropped (also
/// when a panic unwinds through it).
pub(super) struct Level;

impl Level {
    /// Enters the evaluation of the expression at `span`. A literal (`cheap`) is evaluated
    /// even past the root's budgets: it costs no more than its text.
    pub(super) fn enter(span: Span, cheap: bool) -> Result<Level, Cut> {
        with_use(|u| {
            // A new outermost evaluation starts with a full budget.
            if u.depth == 0 {
                u.steps = 0;
            }
            let cut = if u.depth >= MAX_DEPTH {
                Some(Cut::Depth)
            } else if u.steps >= MAX_STEPS {
                Some(Cut::Steps)
            } else {
                match &mut u.root {
                    Some(root) if !cheap && root.exhausted() => {
                        Some(if root.steps >= MAX_ROOT_STEPS {
                            Cut::RootSteps
                        } else {
                            Cut::RootBytes
                        })
                    }
                    Some(root) => {
                        root.steps += 1;
                        None
                    }
                    None => None,
                }
            };
            if let Some(cut) = cut {
                record(u, cut, span);
                return Err(cut);
            }
            u.depth += 1;
            u.steps += 1;
            Ok(Level)
        })
    }
}

impl Drop for Level {
    fn drop(&mut self) {
        with_use(|u| u.depth = u.depth.saturating_sub(1));
    }
}

/// A value too large to reason about is unknown; the others are charged to the root's budget
/// for the memory they took that no other value shares.
pub(super) fn capped(value: Value, span: Span) -> Value {
    let too_long = match &value {
        Value::List(items) => items.len() > MAX_ELEMENTS,
        Value::Object(items) => items.len() > MAX_ELEMENTS,
        Value::String(s) => s.len() > MAX_STRING,
        _ => false,
    };
    let too_large = too_long || value.footprint() > MAX_VALUE_BYTES;
    with_use(|u| {
        if too_large {
            record(u, Cut::ValueSize, span);
            return cut_value(Cut::ValueSize, span);
        }
        if let Some(root) = &mut u.root {
            root.bytes = root.bytes.saturating_add(value.fresh_footprint());
        }
        value
    })
}

/// Takes `n` client instances (or module-call instances, when `modules`) from the root's
/// budget: false, with the cut recorded at `span`, when the budget has not that many left.
pub fn take_instances(n: usize, modules: bool, span: Span) -> bool {
    with_use(|u| {
        let Some(root) = &mut u.root else {
            return true;
        };
        let (used, max, cut) = if modules {
            (
                &mut root.module_instances,
                MAX_MODULE_INSTANCES,
                Cut::ModuleInstances,
            )
        } else {
            (&mut root.instances, MAX_ROOT_INSTANCES, Cut::Instances)
        };
        if used.saturating_add(n) > max {
            record(u, cut, span);
            return false;
        }
        *used += n;
        true
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Spanned;

    fn span() -> Span {
        Span::point(0, 0)
    }

    #[test]
    fn a_root_keeps_its_first_cut_and_restores_the_outer_budget() {
        let outer = RootBudget::start();
        assert!(take_instances(MAX_ROOT_INSTANCES, false, span()));
        let inner = RootBudget::start();
        assert!(
            take_instances(MAX_ROOT_INSTANCES, false, span()),
            "a fresh budget"
        );
        assert_eq!(inner.finish(), None);
        assert!(!take_instances(1, false, Span::point(0, 7)));
        assert_eq!(outer.finish(), Some((Cut::Instances, Span::point(0, 7))));
        assert!(
            take_instances(usize::MAX / 2, false, span()),
            "no root: no limit"
        );
    }

    #[test]
    fn lists_of_lists_are_measured_in_all() {
        let leaf = Spanned::new(Value::string("x".repeat(1000)), span());
        let row = Value::list(vec![leaf; 100]);
        let rows = Value::list(vec![Spanned::new(row, span()); 100]);
        assert!(
            rows.footprint() > 10_000_000,
            "shared parts count each time"
        );
        assert!(
            rows.fresh_footprint() < 10_000,
            "but only the outer list is new memory"
        );
        let budget = RootBudget::start();
        assert_eq!(capped(rows.clone(), span()), rows);
        let big = Value::list(vec![Spanned::new(rows, span()); 2]);
        assert_eq!(capped(big, Span::point(0, 3)), Value::UNKNOWN);
        assert_eq!(budget.finish(), Some((Cut::ValueSize, Span::point(0, 3))));
    }
}
