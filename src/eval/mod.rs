//! Static evaluation of HCL expressions: what Terraform would know before apply, and nothing
//! more. Names come from a [`Scope`]; anything it cannot resolve is [`Value::Unknown`].

pub mod declarations;
mod functions;
pub mod types;

use crate::value::{FileId, Span, Spanned, Value};
use hcl_edit::expr::{
    BinaryOperator, Expression, ForExpr, ObjectKey, TraversalOperator, UnaryOperator,
};
use hcl_edit::template::{Directive, Element, Template};
use hcl_edit::Span as _;

/// Deeper expressions than this evaluate to unknown rather than risk the stack. The depth is
/// counted per thread, across the evaluators that locals referring to locals start.
const MAX_DEPTH: usize = 128;

/// How many expressions one evaluation (an argument, with every local it reads) may evaluate
/// before the rest is unknown: nested `for` expressions over long lists would otherwise take
/// hours.
const MAX_STEPS: usize = 200_000;

/// Lists and objects longer than this, and strings longer than [`MAX_STRING`] bytes, are
/// unknown: no client argument is anywhere near, and it keeps every function linear enough.
pub const MAX_ELEMENTS: usize = 4096;
pub const MAX_STRING: usize = 1 << 20;

thread_local! {
    /// (depth, steps) of the evaluation running on this thread.
    static BUDGET: std::cell::Cell<(usize, usize)> = const { std::cell::Cell::new((0, 0)) };
}

/// One level of evaluation, while within the budget; the level ends when it is dropped (also
/// when a panic unwinds through it).
struct Level;

impl Level {
    fn enter() -> Option<Level> {
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
fn capped(value: Value) -> Value {
    match &value {
        Value::List(items) if items.len() > MAX_ELEMENTS => Value::Unknown,
        Value::Object(items) if items.len() > MAX_ELEMENTS => Value::Unknown,
        Value::String(s) if s.len() > MAX_STRING => Value::Unknown,
        _ => value,
    }
}

/// Where references (`var.x`, `local.y`, `aws_x.y.z`) get their values.
pub trait Scope {
    /// The value of `root.attr` (or of `root` alone when `attr` is `None`), or `None` when the
    /// scope does not know it. `span` is the span of the reference.
    fn resolve(&self, root: &str, attr: Option<&str>, span: Span) -> Option<Spanned<Value>>;
}

/// A scope that knows nothing: every reference is unknown.
pub struct NoScope;

impl Scope for NoScope {
    fn resolve(&self, _: &str, _: Option<&str>, _: Span) -> Option<Spanned<Value>> {
        None
    }
}

/// Terraform would reject the expression (a missing attribute, a bad index, a type error).
/// `try` and `can` observe it; everywhere else it makes the value unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvalError;

pub type EvalResult = Result<Spanned<Value>, EvalError>;

/// A name bound around an expression: `each`, `count`, a dynamic block's iterator.
pub type Binding = (String, Spanned<Value>);

pub struct Evaluator<'a> {
    file: FileId,
    scope: &'a dyn Scope,
    /// Names bound by the context (`each`, `count`, iterators): values defined elsewhere.
    bindings: &'a [Binding],
    /// Names bound by `for` expressions and template `for` directives, innermost last.
    locals: Vec<(String, Spanned<Value>)>,
}

impl<'a> Evaluator<'a> {
    pub fn new(file: FileId, scope: &'a dyn Scope) -> Evaluator<'a> {
        Evaluator::with_bindings(file, scope, &[])
    }

    pub fn with_bindings(
        file: FileId,
        scope: &'a dyn Scope,
        bindings: &'a [Binding],
    ) -> Evaluator<'a> {
        Evaluator {
            file,
            scope,
            bindings,
            locals: Vec::new(),
        }
    }

    /// Evaluates `expr`; errors become unknown.
    pub fn eval(&mut self, expr: &Expression) -> Spanned<Value> {
        self.try_eval(expr)
            .unwrap_or_else(|_| Spanned::new(Value::Unknown, self.span_of(expr)))
    }

    pub fn span_of(&self, expr: &Expression) -> Span {
        Span::new(self.file, expr.span().unwrap_or(0..0))
    }

    pub fn try_eval(&mut self, expr: &Expression) -> EvalResult {
        let Some(_level) = Level::enter() else {
            return Ok(Spanned::new(Value::Unknown, self.span_of(expr)));
        };
        let mut result = self.eval_inner(expr)?;
        result.value = capped(result.value);
        Ok(result)
    }

    fn eval_inner(&mut self, expr: &Expression) -> EvalResult {
        let span = self.span_of(expr);
        let known = |value| Ok(Spanned::new(value, span));
        match expr {
            Expression::Null(_) => known(Value::Null),
            Expression::Bool(b) => known(Value::Bool(*b.value())),
            Expression::Number(n) => {
                known(n.value().as_f64().map_or(Value::Unknown, Value::Number))
            }
            Expression::String(s) => known(Value::String(s.value().clone())),
            Expression::Array(array) => {
                if array.len() > MAX_ELEMENTS {
                    return known(Value::Unknown);
                }
                let mut items = Vec::with_capacity(array.len());
                for item in array.iter() {
                    items.push(self.try_eval(item)?);
                }
                known(Value::List(items))
            }
            Expression::Object(object) => {
                if object.len() > MAX_ELEMENTS {
                    return known(Value::Unknown);
                }
                let mut items: Vec<(String, Spanned<Value>)> = Vec::with_capacity(object.len());
                // Where each key is in `items`: a repeated key's last value wins.
                let mut index: std::collections::HashMap<String, usize> =
                    std::collections::HashMap::new();
                for (key, value) in object.iter() {
                    let key = match key {
                        ObjectKey::Ident(ident) => Some(ident.as_str().to_string()),
                        ObjectKey::Expression(expr) => self.try_eval(expr)?.value.as_string(),
                    };
                    let value = self.try_eval(value.expr())?;
                    let Some(key) = key else {
                        return known(Value::Unknown);
                    };
                    match index.get(&key) {
                        Some(&i) => items[i].1 = value,
                        None => {
                            index.insert(key.clone(), items.len());
                            items.push((key, value));
                        }
                    }
                }
                known(Value::Object(items))
            }
            Expression::StringTemplate(template) => {
                let value = self.template(template)?;
                known(value)
            }
            Expression::HeredocTemplate(heredoc) => {
                let value = self.template(&heredoc.template)?;
                known(value)
            }
            Expression::Parenthesis(inner) => {
                let inner = self.try_eval(inner.inner())?;
                Ok(Spanned { span, ..inner })
            }
            Expression::Variable(name) => self.variable(name.as_str(), None, span),
            Expression::Conditional(cond) => match self.try_eval(&cond.cond_expr)?.value {
                Value::Unknown => known(Value::Unknown),
                v => match v.as_bool() {
                    Some(true) => self.try_eval(&cond.true_expr),
                    Some(false) => self.try_eval(&cond.false_expr),
                    None => Err(EvalError),
                },
            },
            Expression::FuncCall(call) => {
                let name = call.name.name.as_str();
                if !call.name.namespace.is_empty() {
                    return known(Value::Unknown);
                }
                let args: Vec<&Expression> = call.args.iter().collect();
                let expand = call.args.expand_final();
                functions::call(self, name, &args, expand, span)
            }
            Expression::Traversal(traversal) => {
                self.traversal(&traversal.expr, &traversal.operators, span)
            }
            Expression::UnaryOp(op) => {
                let value = self.try_eval(&op.expr)?.value;
                let result = match (op.operator.value(), &value) {
                    (_, Value::Unknown) => Value::Unknown,
                    (UnaryOperator::Neg, v) => Value::Number(-v.as_number().ok_or(EvalError)?),
                    (UnaryOperator::Not, v) => Value::Bool(!v.as_bool().ok_or(EvalError)?),
                };
                known(result)
            }
            Expression::BinaryOp(op) => {
                let lhs = self.try_eval(&op.lhs_expr)?.value;
                let rhs = self.try_eval(&op.rhs_expr)?.value;
                known(binary(*op.operator.value(), &lhs, &rhs)?)
            }
            Expression::ForExpr(for_expr) => {
                let value = self.for_expr(for_expr)?;
                known(value)
            }
        }
    }

    fn is_bound(&self, name: &str) -> bool {
        self.locals.iter().any(|(n, _)| n == name) || self.bindings.iter().any(|(n, _)| n == name)
    }

    fn variable(&mut self, name: &str, attr: Option<&str>, span: Span) -> EvalResult {
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
            None => Ok(Spanned::new(Value::Unknown, span)),
        }
    }

    fn traversal(
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
                        self.variable(name.as_str(), Some(&attr), span)?
                    }
                    _ => self.variable(name.as_str(), None, span)?,
                }
            }
            _ => self.try_eval(root)?,
        };
        let rest: Vec<&TraversalOperator> = ops.collect();
        current.value = self.apply_operators(current.value, &rest)?;
        if matches!(root, Expression::Variable(_)) {
            // What came from a reference is used at the whole traversal, not at its root.
            return Ok(current.seen_from(span));
        }
        current.span = span;
        Ok(current)
    }

    fn apply_operators(
        &mut self,
        mut value: Value,
        ops: &[&TraversalOperator],
    ) -> Result<Value, EvalError> {
        for (i, op) in ops.iter().enumerate() {
            if value == Value::Unknown {
                return Ok(Value::Unknown);
            }
            value = match op {
                TraversalOperator::GetAttr(attr) => get_attr(value, attr.as_str())?,
                TraversalOperator::Index(index) => {
                    let index = self.try_eval(index)?.value;
                    get_index(value, &index)?
                }
                TraversalOperator::LegacyIndex(index) => {
                    get_index(value, &Value::Number(*index.value() as f64))?
                }
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                    let items = match value {
                        Value::List(items) => items,
                        Value::Null => Vec::new(),
                        other => vec![Spanned::new(other, Span::point(self.file, 0))],
                    };
                    let rest = &ops[i + 1..];
                    // Each splat recurses: `a[*][*]...` is as deep as it is long.
                    let Some(_level) = Level::enter() else {
                        return Ok(Value::Unknown);
                    };
                    let mut out = Vec::with_capacity(items.len());
                    for item in items {
                        let v = self.apply_operators(item.value, rest)?;
                        out.push(Spanned { value: v, ..item });
                    }
                    return Ok(capped(Value::List(out)));
                }
            };
        }
        Ok(value)
    }

    fn template(&mut self, template: &Template) -> Result<Value, EvalError> {
        // A template that is exactly one interpolation (`"${x}"`) yields x's value unchanged.
        if let Some(Element::Interpolation(interp)) = template.as_single_element() {
            return Ok(self.try_eval(&interp.expr)?.value);
        }
        let mut out = String::new();
        if self.render_template(template, &mut out)? {
            Ok(Value::String(out))
        } else {
            Ok(Value::Unknown)
        }
    }

    /// Appends the rendered template to `out`; `Ok(false)` when some part is unknown.
    fn render_template(
        &mut self,
        template: &Template,
        out: &mut String,
    ) -> Result<bool, EvalError> {
        for element in template.iter() {
            if out.len() > MAX_STRING {
                return Ok(false);
            }
            match element {
                Element::Literal(lit) => out.push_str(lit.value()),
                Element::Interpolation(interp) => match self.try_eval(&interp.expr)?.value {
                    Value::Unknown => return Ok(false),
                    v => out.push_str(&v.as_string().ok_or(EvalError)?),
                },
                Element::Directive(directive) => match directive.as_ref() {
                    Directive::If(d) => {
                        let cond = self.try_eval(&d.if_expr.cond_expr)?.value;
                        if cond == Value::Unknown {
                            return Ok(false);
                        }
                        let branch = if cond.as_bool().ok_or(EvalError)? {
                            Some(&d.if_expr.template)
                        } else {
                            d.else_expr.as_ref().map(|e| &e.template)
                        };
                        if let Some(branch) = branch {
                            if !self.render_template(branch, out)? {
                                return Ok(false);
                            }
                        }
                    }
                    Directive::For(d) => {
                        let expr = &d.for_expr;
                        let collection = self.try_eval(&expr.collection_expr)?.value;
                        let Some(pairs) = iterate(collection)? else {
                            return Ok(false);
                        };
                        for (key, value) in pairs {
                            let bound = self.bind(
                                expr.key_var.as_deref().map(|k| k.as_str()),
                                expr.value_var.as_str(),
                                key,
                                value,
                            );
                            let ok = self.render_template(&expr.template, out);
                            self.locals.truncate(self.locals.len() - bound);
                            if !ok? {
                                return Ok(false);
                            }
                        }
                    }
                },
            }
        }
        Ok(true)
    }

    fn bind(
        &mut self,
        key_var: Option<&str>,
        value_var: &str,
        key: Spanned<Value>,
        value: Spanned<Value>,
    ) -> usize {
        let mut n = 1;
        if let Some(k) = key_var {
            self.locals.push((k.to_string(), key));
            n += 1;
        }
        self.locals.push((value_var.to_string(), value));
        n
    }

    fn for_expr(&mut self, for_expr: &ForExpr) -> Result<Value, EvalError> {
        let intro = &for_expr.intro;
        let collection = self.try_eval(&intro.collection_expr)?.value;
        let Some(pairs) = iterate(collection)? else {
            return Ok(Value::Unknown);
        };
        let key_var = intro.key_var.as_deref().map(|k| k.as_str().to_string());
        let value_var = intro.value_var.as_str().to_string();
        let mut list = Vec::new();
        let mut object: Vec<(String, Spanned<Value>)> = Vec::new();
        let mut unknown = false;
        let mut keys = std::collections::HashSet::new();
        for (key, value) in pairs {
            let bound = self.bind(key_var.as_deref(), &value_var, key, value);
            let step = self.for_step(for_expr, &mut list, &mut object, &mut keys);
            self.locals.truncate(self.locals.len() - bound);
            unknown |= !step?;
            if unknown || list.len() > MAX_ELEMENTS || object.len() > MAX_ELEMENTS {
                return Ok(Value::Unknown);
            }
        }
        if unknown {
            return Ok(Value::Unknown);
        }
        Ok(if for_expr.key_expr.is_some() {
            Value::Object(object)
        } else {
            Value::List(list)
        })
    }

    /// One iteration of a `for` expression; `Ok(false)` when its result is unknown.
    fn for_step(
        &mut self,
        for_expr: &ForExpr,
        list: &mut Vec<Spanned<Value>>,
        object: &mut Vec<(String, Spanned<Value>)>,
        keys: &mut std::collections::HashSet<String>,
    ) -> Result<bool, EvalError> {
        if let Some(cond) = &for_expr.cond {
            match self.try_eval(&cond.expr)?.value {
                Value::Unknown => return Ok(false),
                v if v.as_bool().ok_or(EvalError)? => {}
                _ => return Ok(true),
            }
        }
        let value = self.try_eval(&for_expr.value_expr)?;
        match &for_expr.key_expr {
            None => list.push(value),
            Some(key_expr) => {
                let Some(key) = self.try_eval(key_expr)?.value.as_string() else {
                    return Ok(false);
                };
                let repeated = !keys.insert(key.clone());
                if for_expr.grouping && !repeated {
                    let span = value.span;
                    object.push((key, Spanned::new(Value::List(vec![value]), span)));
                } else if for_expr.grouping {
                    match object.iter_mut().rev().find(|(k, _)| *k == key) {
                        Some((
                            _,
                            Spanned {
                                value: Value::List(items),
                                ..
                            },
                        )) => items.push(value),
                        _ => {
                            let span = value.span;
                            object.push((key, Spanned::new(Value::List(vec![value]), span)));
                        }
                    }
                } else if repeated {
                    return Err(EvalError);
                } else {
                    object.push((key, value));
                }
            }
        }
        Ok(true)
    }
}

/// The (key, value) pairs of a known collection (`for_each`, `for`); `None` when it is
/// unknown or not a collection.
#[allow(clippy::type_complexity)]
pub fn iterate_collection(collection: Value) -> Option<Vec<(Spanned<Value>, Spanned<Value>)>> {
    iterate(collection).ok().flatten()
}

/// The (key, value) pairs a `for` iterates over; `None` when the collection is unknown.
#[allow(clippy::type_complexity)]
fn iterate(collection: Value) -> Result<Option<Vec<(Spanned<Value>, Spanned<Value>)>>, EvalError> {
    match collection {
        Value::Unknown => Ok(None),
        Value::List(items) => Ok(Some(
            items
                .into_iter()
                .enumerate()
                .map(|(i, v)| (Spanned::new(Value::Number(i as f64), v.span), v))
                .collect(),
        )),
        Value::Object(items) => Ok(Some(
            items
                .into_iter()
                .map(|(k, v)| (Spanned::new(Value::String(k), v.span), v))
                .collect(),
        )),
        _ => Err(EvalError),
    }
}

fn get_attr(value: Value, attr: &str) -> Result<Value, EvalError> {
    match value {
        Value::Object(items) => items
            .into_iter()
            .find(|(k, _)| k == attr)
            .map(|(_, v)| v.value)
            .ok_or(EvalError),
        Value::Unknown => Ok(Value::Unknown),
        _ => Err(EvalError),
    }
}

fn get_index(value: Value, index: &Value) -> Result<Value, EvalError> {
    if *index == Value::Unknown {
        return Ok(Value::Unknown);
    }
    match value {
        Value::List(items) => {
            let i = index.as_number().ok_or(EvalError)?;
            if i < 0.0 || i.fract() != 0.0 {
                return Err(EvalError);
            }
            items
                .into_iter()
                .nth(i as usize)
                .map(|v| v.value)
                .ok_or(EvalError)
        }
        Value::Object(items) => {
            let key = index.as_string().ok_or(EvalError)?;
            items
                .into_iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.value)
                .ok_or(EvalError)
        }
        Value::Unknown => Ok(Value::Unknown),
        _ => Err(EvalError),
    }
}

fn binary(op: BinaryOperator, lhs: &Value, rhs: &Value) -> Result<Value, EvalError> {
    use BinaryOperator::*;
    // `false && x` and `true || x` are still unknown in Terraform when x is unknown.
    if *lhs == Value::Unknown || *rhs == Value::Unknown {
        return Ok(Value::Unknown);
    }
    let num = |v: &Value| v.as_number().ok_or(EvalError);
    let boolean = |v: &Value| v.as_bool().ok_or(EvalError);
    Ok(match op {
        Eq => Value::Bool(values_equal(lhs, rhs)),
        NotEq => Value::Bool(!values_equal(lhs, rhs)),
        LessEq => Value::Bool(num(lhs)? <= num(rhs)?),
        GreaterEq => Value::Bool(num(lhs)? >= num(rhs)?),
        Less => Value::Bool(num(lhs)? < num(rhs)?),
        Greater => Value::Bool(num(lhs)? > num(rhs)?),
        Plus => Value::Number(num(lhs)? + num(rhs)?),
        Minus => Value::Number(num(lhs)? - num(rhs)?),
        Mul => Value::Number(num(lhs)? * num(rhs)?),
        Div => {
            let d = num(rhs)?;
            if d == 0.0 {
                return Err(EvalError);
            }
            Value::Number(num(lhs)? / d)
        }
        Mod => {
            let d = num(rhs)?;
            if d == 0.0 {
                return Err(EvalError);
            }
            Value::Number(num(lhs)? % d)
        }
        And => Value::Bool(boolean(lhs)? && boolean(rhs)?),
        Or => Value::Bool(boolean(lhs)? || boolean(rhs)?),
    })
}

/// Equality ignoring spans, as Terraform's `==` (no conversion between types).
pub fn values_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(a, b)| values_equal(&a.value, &b.value))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter().all(|(k, v)| {
                    y.iter()
                        .any(|(k2, v2)| k == k2 && values_equal(&v.value, &v2.value))
                })
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests;
