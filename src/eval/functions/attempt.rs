//! `try` and `can`, which see errors rather than values. As in HCL's `tryfunc`, an argument
//! that refers to a value not wholly known makes the result unknown, even where evaluating it
//! would pick only known parts: `try(length(local.clients), 0)` waits for every client.

use crate::eval::{EvalError, EvalResult, Evaluator};
use crate::value::{Span, Spanned, Value};
use hcl_edit::expr::{Expression, ForExpr, Traversal, TraversalOperator};
use hcl_edit::template::ForTemplateExpr;
use hcl_edit::visit::{self, Visit};

/// `try(a, b, ...)`: the first argument that evaluates without an error.
pub(super) fn attempt(ev: &mut Evaluator, args: &[&Expression], span: Span) -> EvalResult {
    for arg in args {
        if let Some(unknown) = depends_on_unknowns(ev, arg) {
            return Ok(Spanned::new(unknown, span));
        }
        if let Ok(value) = ev.try_eval(arg) {
            return Ok(Spanned { span, ..value });
        }
    }
    Err(EvalError)
}

/// `can(a)`: whether `a` evaluates without an error.
pub(super) fn can(ev: &mut Evaluator, args: &[&Expression], span: Span) -> EvalResult {
    let [arg] = args else { return Err(EvalError) };
    let value = match depends_on_unknowns(ev, arg) {
        Some(unknown) => unknown,
        None => match ev.try_eval(arg) {
            Ok(v) if v.value.is_wholly_known() => Value::Bool(true),
            Ok(v) => Value::unknown_from([&v.value]),
            Err(_) => Value::Bool(false),
        },
    };
    Ok(Spanned::new(value, span))
}

/// Whether a reference in `expr` (a name with its static attributes and keys) has a value
/// that is not wholly known: the unknown that stands for the result. A reference that is an
/// error does not count.
fn depends_on_unknowns(ev: &mut Evaluator, expr: &Expression) -> Option<Value> {
    let span = ev.span_of(expr);
    let mut walker = Walker {
        ev,
        span,
        bound: Vec::new(),
        unknown: None,
    };
    walker.visit_expr(expr);
    walker.unknown
}

/// Evaluates the references of an expression as it meets them, but not the names its own
/// `for` expressions bind.
struct Walker<'v, 'a> {
    ev: &'v mut Evaluator<'a>,
    span: Span,
    bound: Vec<String>,
    unknown: Option<Value>,
}

impl Walker<'_, '_> {
    fn is_bound(&self, name: &str) -> bool {
        self.bound.iter().any(|b| b == name)
    }

    fn check(&mut self, value: EvalResult) {
        match value {
            Ok(v) if !v.value.is_wholly_known() => {
                self.unknown = Some(Value::unknown_from([&v.value]));
            }
            _ => {}
        }
    }

    fn bind<'n>(&mut self, names: impl Iterator<Item = &'n str>) -> usize {
        let before = self.bound.len();
        self.bound.extend(names.map(str::to_string));
        self.bound.len() - before
    }

    fn traversal(&mut self, t: &Traversal) {
        let Expression::Variable(name) = &t.expr else {
            visit::visit_traversal(self, t);
            return;
        };
        // The static part: attributes and literal keys, as in HCL's traversals.
        let fixed = t
            .operators
            .iter()
            .take_while(|op| match op.value() {
                TraversalOperator::GetAttr(_) | TraversalOperator::LegacyIndex(_) => true,
                TraversalOperator::Index(i) => {
                    matches!(i, Expression::Number(_) | Expression::String(_))
                }
                _ => false,
            })
            .count();
        if !self.is_bound(name.as_str()) {
            let value = self.ev.traversal(&t.expr, &t.operators[..fixed], self.span);
            self.check(value);
        }
        for op in &t.operators[fixed..] {
            self.visit_traversal_operator(op);
        }
    }
}

impl Visit for Walker<'_, '_> {
    fn visit_expr(&mut self, expr: &Expression) {
        if self.unknown.is_some() {
            return;
        }
        match expr {
            Expression::Variable(name) => {
                if !self.is_bound(name.as_str()) {
                    let value = self.ev.variable(name.as_str(), None, self.span);
                    self.check(value);
                }
            }
            Expression::Traversal(t) => self.traversal(t),
            _ => visit::visit_expr(self, expr),
        }
    }

    fn visit_for_expr(&mut self, node: &ForExpr) {
        self.visit_expr(&node.intro.collection_expr);
        let names = [node.intro.key_var.as_deref(), Some(&*node.intro.value_var)];
        let pushed = self.bind(names.into_iter().flatten().map(|i| i.as_str()));
        if let Some(key) = &node.key_expr {
            self.visit_expr(key);
        }
        self.visit_expr(&node.value_expr);
        if let Some(cond) = &node.cond {
            self.visit_expr(&cond.expr);
        }
        self.bound.truncate(self.bound.len() - pushed);
    }

    fn visit_for_template_expr(&mut self, node: &ForTemplateExpr) {
        self.visit_expr(&node.collection_expr);
        let names = [node.key_var.as_deref(), Some(&*node.value_var)];
        let pushed = self.bind(names.into_iter().flatten().map(|i| i.as_str()));
        self.visit_template(&node.template);
        self.bound.truncate(self.bound.len() - pushed);
    }
}
