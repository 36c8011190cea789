//! Values the linter computes from Terraform expressions: known, null or unknown, each with
//! the place in the source it came from.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

mod shared;
pub use shared::{List, Object, Text};

/// Identifies a source file of the run (see [`crate::report::Report::source`]).
pub type FileId = u64;

/// The file of values given on the command line or in the environment (`--var`, `TF_VAR_x`):
/// they have no place to point at.
pub const NO_FILE: FileId = FileId::MAX;

/// A byte range in one source file. Offsets are 32-bit (no file read is over 256 MiB, see
/// [`crate::fs::MAX_FILE_SIZE`]): every finding and most values carry one or two ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Range {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

/// Where a value is used, and where it was defined when that is elsewhere (a variable's
/// default, a tfvars file, a local, a module argument): findings point at the use and label
/// the definition. Offsets are 32-bit, as [`Range`]'s are: a value and a finding carry one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
    pub origin: Option<Range>,
}

impl Range {
    /// The range of `start..end` in `file`; an offset past 4 GiB (a buffer no file read could
    /// hold) is kept as the last one.
    pub fn new(file: FileId, start: usize, end: usize) -> Range {
        let narrow = |offset: usize| u32::try_from(offset).unwrap_or(u32::MAX);
        Range {
            file,
            start: narrow(start),
            end: narrow(end),
        }
    }

    /// The byte offsets, for slicing the file's text.
    pub fn bytes(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl Span {
    /// The span of `range` in `file`; an offset past 4 GiB is kept as the last one (see
    /// [`Range::new`]).
    pub fn new(file: FileId, range: std::ops::Range<usize>) -> Span {
        let Range { file, start, end } = Range::new(file, range.start, range.end);
        Span {
            file,
            start,
            end,
            origin: None,
        }
    }

    /// The byte offsets, for slicing the file's text.
    pub fn bytes(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// An empty span at `offset`, for positions rather than nodes (a parse error).
    pub fn point(file: FileId, offset: usize) -> Span {
        Span::new(file, offset..offset)
    }

    pub fn range(self) -> Range {
        Range {
            file: self.file,
            start: self.start,
            end: self.end,
        }
    }

    /// This span as seen from `use_site`: the use site's place, with this span (or its own
    /// origin) as the origin.
    pub fn seen_from(self, use_site: Span) -> Span {
        let origin = self.origin.unwrap_or(self.range());
        Span {
            origin: (origin != use_site.range() && origin.file != NO_FILE).then_some(origin),
            ..use_site
        }
    }
}

impl From<Range> for Span {
    fn from(r: Range) -> Span {
        Span::new(r.file, r.bytes())
    }
}

/// A value as far as the linter can compute it before `terraform apply`.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(Text),
    /// Lists, sets and tuples: Terraform converts between them freely for these arguments.
    List(List),
    /// Objects and maps, in key order.
    Object(Object),
    /// Anything not computable before apply: resource attributes, unresolved variables,
    /// unsupported functions. Rules never fire on it; the [`Reason`] says why, for
    /// `--show-unknown`.
    Unknown(Reason),
}

/// Why a value is unknown: the first cause, at the expression that made it so. Cheap to clone
/// (values are copied often, unknowns rarely made). Two unknowns are equal whatever their
/// reasons: rules and the evaluator compare values, never causes.
#[derive(Debug, Clone, Default)]
pub struct Reason(Option<Arc<Cause>>);

/// One cause of unknown values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cause {
    pub kind: CauseKind,
    /// What the note quotes: `var.clients`, `aws_cognito_user_pool.pool`, a function's name.
    pub subject: String,
    /// What more the note says, when the kind does not say it all (why a file was not read).
    pub detail: &'static str,
    /// The expression that made the value unknown.
    pub at: Range,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CauseKind {
    /// A variable with no default, and no value from tfvars, `--var` or a module argument.
    NoValue,
    /// A managed resource's attribute: known after apply.
    AfterApply,
    /// A data source's attribute: read from the provider during plan.
    DataSource,
    /// A module's output: the linter does not evaluate outputs.
    ModuleOutput,
    /// Set by Terraform when it runs (`terraform.workspace`, `path.cwd` outside a module).
    RunTime,
    /// A function the linter does not evaluate (the subject is its name).
    Function,
    /// A function whose result changes at every run (`timestamp`, `uuid`).
    Impure,
    /// A file a filesystem function reads: outside the module's tree, too large, missing.
    File,
    /// An evaluation budget cut the evaluation short (COG903 says which).
    Budget,
    /// A `count` or `for_each` whose value is not known: the block is checked once.
    Iteration,
    /// A block with no instance under its module's own defaults, checked as a template.
    Template,
    /// An expression the linter computed to an error: Terraform would likely reject it.
    Invalid,
}

impl CauseKind {
    /// The name `--statistics` and the JSON use.
    pub fn as_str(self) -> &'static str {
        match self {
            CauseKind::NoValue => "variable-without-value",
            CauseKind::AfterApply => "resource-attribute",
            CauseKind::DataSource => "data-source",
            CauseKind::ModuleOutput => "module-output",
            CauseKind::RunTime => "set-at-run-time",
            CauseKind::Function => "unsupported-function",
            CauseKind::Impure => "changes-every-run",
            CauseKind::File => "file-not-read",
            CauseKind::Budget => "evaluation-budget",
            CauseKind::Iteration => "unknown-count-or-for-each",
            CauseKind::Template => "template-instance",
            CauseKind::Invalid => "invalid-expression",
        }
    }
}

impl Reason {
    /// No cause recorded: the note says the value could not be computed.
    pub const NONE: Reason = Reason(None);

    pub fn new(kind: CauseKind, subject: impl Into<String>, at: Span) -> Reason {
        Reason::detailed(kind, subject, "", at)
    }

    pub fn detailed(
        kind: CauseKind,
        subject: impl Into<String>,
        detail: &'static str,
        at: Span,
    ) -> Reason {
        Reason(Some(Arc::new(Cause {
            kind,
            subject: subject.into(),
            detail,
            at: at.range(),
        })))
    }

    pub fn cause(&self) -> Option<&Cause> {
        self.0.as_deref()
    }

    pub fn is_none(&self) -> bool {
        self.0.is_none()
    }

    /// This reason, or `other` when this one has none.
    pub fn or(self, other: impl FnOnce() -> Reason) -> Reason {
        if self.is_none() {
            other()
        } else {
            self
        }
    }
}

impl PartialEq for Reason {
    fn eq(&self, _: &Reason) -> bool {
        true
    }
}

/// A value with the span of the expression that produced it.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Spanned<T> {
        Spanned { value, span }
    }
}

impl Spanned<Value> {
    /// The value as used at `use_site`: every span inside moves there, keeping where it was
    /// defined as its origin. The value's elements are shared, not copied: they move when
    /// taken out (see [`List::iter`]).
    pub fn seen_from(self, use_site: Span) -> Spanned<Value> {
        let value = match self.value {
            Value::List(list) => Value::List(list.seen_from(use_site)),
            Value::Object(object) => Value::Object(object.seen_from(use_site)),
            other => other,
        };
        Spanned {
            value,
            span: self.span.seen_from(use_site),
        }
    }
}

impl Value {
    /// An unknown value with no recorded cause.
    pub const UNKNOWN: Value = Value::Unknown(Reason::NONE);

    pub fn unknown(kind: CauseKind, subject: impl Into<String>, at: Span) -> Value {
        Value::Unknown(Reason::new(kind, subject, at))
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Value::Unknown(_))
    }

    /// Why the value, or the first unknown part of it, is unknown; `None` when wholly known.
    pub fn unknown_reason(&self) -> Option<&Reason> {
        match self {
            Value::Unknown(reason) => Some(reason),
            Value::List(items) => items.values().find_map(|v| v.unknown_reason()),
            Value::Object(items) => items.values().find_map(|(_, v)| v.unknown_reason()),
            _ => None,
        }
    }

    /// About how many bytes the value takes once (each element's own size, plus its text):
    /// what the size budgets count. Lists and objects know theirs, so this takes no walk.
    pub fn footprint(&self) -> usize {
        shared::NODE.saturating_add(match self {
            Value::String(s) => s.len(),
            other => other.budget().map_or(0, |b| b.bytes),
        })
    }

    /// About how many bytes of the value no other value holds: the memory the expression at
    /// hand allocated, rather than shared with a local or variable it read.
    pub fn fresh_footprint(&self) -> usize {
        // Most values are scalars or lists of scalars: no stack, no allocation.
        match self {
            Value::String(s) if s.is_fresh() => return shared::NODE + s.len(),
            Value::List(_) | Value::Object(_) => {}
            _ => return shared::NODE,
        }
        let mut total = 0usize;
        let mut nested: Vec<&Value> = Vec::new();
        let mut next = Some(self);
        while let Some(v) = next {
            let budget = v.budget();
            total = total
                .saturating_add(shared::NODE)
                .saturating_add(budget.as_ref().map_or(0, |b| b.fresh_seen));
            let fresh = budget.is_some_and(|b| b.fresh);
            // Only lists and objects get here: strings returned above, `nested` holds none.
            match v {
                Value::List(list) if fresh => {
                    for item in list.values() {
                        total = total.saturating_add(fresh_scalar(item, &mut nested));
                    }
                }
                Value::Object(object) if fresh => {
                    for (key, item) in object.values() {
                        total = total
                            .saturating_add(key.len() + std::mem::size_of::<String>())
                            .saturating_add(fresh_scalar(item, &mut nested));
                    }
                }
                _ => {}
            }
            next = nested.pop();
        }
        total
    }

    /// A list value of `items`.
    pub fn list(items: Vec<Spanned<Value>>) -> Value {
        Value::List(List::new(items))
    }

    /// An object value of `entries`, in the order given.
    pub fn object(entries: Vec<(String, Spanned<Value>)>) -> Value {
        Value::Object(Object::new(entries))
    }

    /// A string value.
    pub fn string(text: impl Into<Text>) -> Value {
        Value::String(text.into())
    }

    /// The unknown value that stands for this one when an operation on it cannot be known:
    /// the reason of its first unknown part (a recorded one first).
    pub fn unknown_from<'a>(values: impl IntoIterator<Item = &'a Value>) -> Value {
        let mut first = None;
        for v in values {
            if let Some(reason) = v.unknown_reason() {
                if !reason.is_none() {
                    return Value::Unknown(reason.clone());
                }
                first.get_or_insert(reason);
            }
        }
        Value::Unknown(first.cloned().unwrap_or_default())
    }

    /// True when the value and everything inside it is known.
    pub fn is_wholly_known(&self) -> bool {
        match self {
            Value::Unknown(_) => false,
            Value::List(items) => items.values().all(|v| v.is_wholly_known()),
            Value::Object(items) => items.values().all(|(_, v)| v.is_wholly_known()),
            _ => true,
        }
    }

    /// The value as a string, converting numbers and bools as Terraform does for a string
    /// argument. `None` for null, unknown, lists and objects.
    pub fn as_string(&self) -> Option<String> {
        self.as_text().map(Cow::into_owned)
    }

    /// [`Value::as_string`] without a copy of a string.
    pub fn as_text(&self) -> Option<Cow<'_, str>> {
        match self {
            Value::String(s) => Some(Cow::Borrowed(s.as_str())),
            Value::Number(n) => Some(Cow::Owned(format_number(*n))),
            Value::Bool(b) => Some(Cow::Borrowed(if *b { "true" } else { "false" })),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The value as a number, converting numeric strings as Terraform does.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::String(s) => parse_number(s),
            _ => None,
        }
    }

    /// The value as a bool, converting `"true"`/`"false"` as Terraform does.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s == "true" => Some(true),
            Value::String(s) if s == "false" => Some(false),
            _ => None,
        }
    }

    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::List(_) => "list",
            Value::Object(_) => "object",
            Value::Unknown(_) => "unknown",
        }
    }
}

/// An element's fresh footprint when it is a scalar; a fresh list or object is left in
/// `nested` for the caller to count, a shared one counts its own use sites.
fn fresh_scalar<'a>(item: &'a Value, nested: &mut Vec<&'a Value>) -> usize {
    if let Value::String(s) = item {
        return shared::NODE + if s.is_fresh() { s.len() } else { 0 };
    }
    match item.budget() {
        Some(b) if b.fresh => {
            nested.push(item);
            0
        }
        b => shared::NODE + b.map_or(0, |b| b.fresh_seen),
    }
}

/// Terraform's string-to-number conversion: decimal, optional sign and exponent, no spaces.
pub fn parse_number(s: &str) -> Option<f64> {
    let ok = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'));
    if !ok {
        return None;
    }
    s.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Formats a number the way Terraform prints it: integers without a fraction.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        // Without `core::fmt`: messages and fixes write numbers for most findings.
        itoa::Buffer::new().format(n as i64).to_owned()
    } else {
        format!("{n}")
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Number(n) => f.write_str(&format_number(*n)),
            Value::String(s) => write!(f, "{s:?}"),
            Value::List(items) => {
                f.write_str("[")?;
                for (i, item) in items.values().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Value::Object(items) => {
                f.write_str("{")?;
                for (i, (k, v)) in items.values().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k} = {v}")?;
                }
                f.write_str("}")
            }
            Value::Unknown(_) => f.write_str("(known after apply)"),
        }
    }
}

/// `text` as a quoted HCL string literal: escapes, and `${`/`%{` doubled so they stay text.
/// Valid in a `.tf.json` string too.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_quoted(&mut out, text);
    out
}

/// A quoted native string holding exactly `text`.
pub fn push_quoted(out: &mut String, text: &str) {
    out.push('"');
    // Nearly every value is plain text: copied whole when no byte can need escaping (a
    // quote, a backslash, a control character, the C1 block's lead byte, a template marker).
    let plain = |b: &u8| !(*b < 0x20 || matches!(b, b'"' | b'\\' | b'$' | b'%' | 0x7f | 0xc2));
    if text.as_bytes().iter().all(plain) {
        out.push_str(text);
        out.push('"');
        return;
    }
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            _ => escape_char(out, c),
        }
    }
    out.push('"');
}

/// One character of a quoted HCL string, escaped where it must be.
pub fn escape_char(out: &mut String, c: char) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if c.is_control() => {
            let _ = fmt::Write::write_fmt(out, format_args!("\\u{:04X}", c as u32));
        }
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests;
