//! References and traversals: `var.x`, `a.b[0]`, splats.

use super::limits::{capped, Level};
use super::{EvalError, EvalResult, Evaluator};
use crate::value::{CauseKind, Span, Spanned, Value};
use hcl_edit::expr::{Expression, TraversalOperator};

impl Evaluator<'_> {
    fn is_bound(&self, name: &str) -> bool {
        self.locals.iter().any(|(n, _)| n == name) || self.bindings.iter().any(|(n, _)| n == name)
    }

    /// The value of a name (`var.x` as `var` with `attr` "x"): bound by a `for`, by the context,
    /// or resolved by the scope; unknown when none knows it.
    pub(super) fn variable(&mut self, name: &str, attr: Option<&str>, span: Span) -> EvalResult {
        if let Some((_, value)) = self.locals.iter().rev().find(|(n, _)| n == name) {
            return Ok(Spanned {
                span,
                ..value.clone()
            });
        }
        if let Some((_, value)) = self.bindings.iter().rev().find(|(n, _)| n == name) {
            return Ok(value.clone().seen_from(span));
        }
        match self.scope.resolve(name, attr, span) {
            Some(value) => Ok(value.seen_from(span)),
            None => Ok(Spanned::new(unresolved(name, attr, span), span)),
        }
    }

    /// `root` followed by attribute, index and splat operators.
    pub(super) fn traversal(
        &mut self,
        root: &Expression,
        operators: &[hcl_edit::Decorated<TraversalOperator>],
        span: Span,
    ) -> EvalResult {
        let mut ops = operators.iter().map(|op| op.value()).peekable();
        let mut current = match root {
            Expression::Variable(name) if !self.is_bound(name.as_str()) => {
                // The scope resolves `root.attr` as one name (`var.x`, `local.y`, `each.value`).
                match ops.peek() {
                    Some(TraversalOperator::GetAttr(attr)) => {
                        let attr = attr.as_str().to_string();
                        ops.next();
                        let value = self.variable(name.as_str(), Some(&attr), span)?;
                        match (name.as_str(), ops.peek(), &value.value) {
                            // `data.type.name`: the note names the data source, not its type.
                            ("data", Some(TraversalOperator::GetAttr(n)), Value::Unknown(_)) => {
                                let subject = format!("data.{attr}.{}", n.as_str());
                                let why = Value::unknown(CauseKind::DataSource, subject, span);
                                Spanned::new(why, value.span)
                            }
                            _ => value,
                        }
                    }
                    _ => self.variable(name.as_str(), None, span)?,
                }
            }
            _ => self.try_eval(root)?,
        };
        let rest: Vec<&TraversalOperator> = ops.collect();
        let mut picked = None;
        current.value = self.apply_operators(current.value, &rest, &mut picked)?;
        if !matches!(root, Expression::Variable(_)) {
            current.span = span;
        }
        if let Some(element) = picked {
            // An element picked by key or index was set where it was written (a literal in
            // a variable's default, a line of a YAML file), not where its collection was.
            let origin = element.origin.unwrap_or(element.range());
            if origin.file != crate::value::NO_FILE {
                current.span.origin = Some(origin);
            }
        }
        // What came from a reference is used at the whole traversal, not at its root.
        Ok(current.seen_from(span))
    }

    /// Applies `ops` to `value`; `picked` is the span of the element the last of them picked
    /// (none after a splat).
    fn apply_operators(
        &mut self,
        mut value: Value,
        ops: &[&TraversalOperator],
        picked: &mut Option<Span>,
    ) -> Result<Value, EvalError> {
        for (i, op) in ops.iter().enumerate() {
            if value.is_unknown() {
                *picked = None;
                return Ok(value);
            }
            let element = match op {
                TraversalOperator::GetAttr(attr) => get_attr(value, attr.as_str())?,
                TraversalOperator::Index(index) => {
                    let index = self.try_eval(index)?.value;
                    get_index(value, &index)?
                }
                TraversalOperator::LegacyIndex(index) => {
                    get_index(value, &Value::Number(*index.value() as f64))?
                }
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                    *picked = None;
                    let items = match value {
                        Value::List(items) => items,
                        Value::Null => Vec::new().into(),
                        other => vec![Spanned::new(other, Span::point(self.file, 0))].into(),
                    };
                    let rest = &ops[i + 1..];
                    // Each splat recurses: `a[*][*]...` is as deep as it is long.
                    let at = Span::new(self.file, hcl_edit::Span::span(*op).unwrap_or(0..0));
                    let _level = match Level::enter(at, false) {
                        Ok(level) => level,
                        Err(cut) => return Ok(super::limits::cut_value(cut, at)),
                    };
                    let mut out = Vec::with_capacity(items.len());
                    for item in items {
                        let v = self.apply_operators(item.value, rest, &mut None)?;
                        out.push(Spanned { value: v, ..item });
                    }
                    return Ok(capped(Value::List(out.into()), at));
                }
            };
            value = element.value;
            *picked = (!value.is_unknown()).then_some(element.span);
        }
        Ok(value)
    }
}

/// What a name the scope does not know stands for, and why it is unknown.
fn unresolved(name: &str, attr: Option<&str>, span: Span) -> Value {
    let subject = match attr {
        Some(attr) => format!("{name}.{attr}"),
        None => name.to_string(),
    };
    let kind = match name {
        "var" => CauseKind::NoValue,
        "data" => CauseKind::DataSource,
        "module" => CauseKind::ModuleOutput,
        "terraform" | "path" => CauseKind::RunTime,
        "each" | "count" => CauseKind::Iteration,
        // `local.x` undeclared, `self` outside a provisioner: Terraform rejects them.
        "local" | "self" => CauseKind::Invalid,
        _ => CauseKind::AfterApply,
    };
    Value::unknown(kind, subject, span)
}

/// An unknown element of an unknown collection (or picked by an unknown key), where no
/// element can be picked: unknown for the same reason.
fn unknown(from: &Value) -> Spanned<Value> {
    Spanned::new(
        Value::unknown_from([from]),
        Span::point(crate::value::NO_FILE, 0),
    )
}

fn get_attr(value: Value, attr: &str) -> Result<Spanned<Value>, EvalError> {
    match value {
        Value::Object(items) => items.get(attr).ok_or(EvalError),
        unknown @ Value::Unknown(_) => Ok(self::unknown(&unknown)),
        _ => Err(EvalError),
    }
}

fn get_index(value: Value, index: &Value) -> Result<Spanned<Value>, EvalError> {
    if index.is_unknown() {
        return Ok(unknown(index));
    }
    match value {
        Value::List(items) => {
            let i = index.as_number().ok_or(EvalError)?;
            if i < 0.0 || i.fract() != 0.0 {
                return Err(EvalError);
            }
            items.get(i as usize).ok_or(EvalError)
        }
        Value::Object(items) => {
            let key = index.as_string().ok_or(EvalError)?;
            items.get(&key).ok_or(EvalError)
        }
        unknown @ Value::Unknown(_) => Ok(self::unknown(&unknown)),
        _ => Err(EvalError),
    }
}
