//! Static evaluation of HCL expressions: what Terraform would know before apply, and nothing
//! more. Names come from a [`Scope`]; anything it cannot resolve is [`Value::Unknown`].
//!
//! [`Evaluator`] (here) dispatches on the kind of expression; each kind has its file:
//! `traversal` (references, indexing, splats), `operators`, `template`, `iteration` (`for`
//! expressions) and `functions` (one table per family; files are read through the scope's
//! [`ModuleFiles`]). `limits` bounds the work and the size
//! of values, `types` converts values to a variable's declared type, and `declarations` holds
//! what a module declares and the [`Scope`] it gives its expressions.

pub mod declarations;
mod functions;
mod iteration;
mod limits;
mod operators;
mod template;
mod traversal;
pub mod types;

pub use functions::{FileReader, ModuleFiles};
pub use iteration::iterate_collection;
pub use limits::{cut_value, give_up, take_instances, Cut, RootBudget, MAX_ELEMENTS, MAX_STRING};
pub use operators::values_equal;

use crate::value::{CauseKind, FileId, Span, Spanned, Value};
use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::Span as _;
use limits::{capped, Level};
use operators::{binary, unary};

/// Where references (`var.x`, `local.y`, `aws_x.y.z`) get their values.
pub trait Scope {
    /// The value of `root.attr` (or of `root` alone when `attr` is `None`), or `None` when the
    /// scope does not know it. `span` is the span of the reference.
    fn resolve(&self, root: &str, attr: Option<&str>, span: Span) -> Option<Spanned<Value>>;

    /// This scope with every variable given no value (holding only its default) unknown: to
    /// ask whether a value rests on a module's own defaults. `None` for a scope with no
    /// variables.
    fn without_defaults(&self) -> Option<Box<dyn Scope + '_>> {
        None
    }

    /// Where `file()` and its kin read files; `None`: they are unknown.
    fn files(&self) -> Option<&ModuleFiles<'_>> {
        None
    }

    /// Whether this is a `templatefile` template's scope (which may not call `templatefile`).
    fn in_template(&self) -> bool {
        false
    }
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

/// A value, or the error Terraform would report.
pub type EvalResult = Result<Spanned<Value>, EvalError>;

/// A name bound around an expression: `each`, `count`, a dynamic block's iterator.
pub type Binding = (String, Spanned<Value>);

/// Evaluates the expressions of one file, in one scope, with the names bound around them.
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
        self.try_eval(expr).unwrap_or_else(|_| {
            let span = self.span_of(expr);
            Spanned::new(Value::unknown(CauseKind::Invalid, "", span), span)
        })
    }

    /// Where `expr` is, in this evaluator's file.
    pub fn span_of(&self, expr: &Expression) -> Span {
        Span::new(self.file, expr.span().unwrap_or(0..0))
    }

    /// Evaluates `expr`, keeping the error for `try` and `can`. Past the depth or step budget,
    /// and for a value over the size caps, the value is unknown.
    pub fn try_eval(&mut self, expr: &Expression) -> EvalResult {
        let span = self.span_of(expr);
        let literal = matches!(
            expr,
            Expression::Null(_)
                | Expression::Bool(_)
                | Expression::Number(_)
                | Expression::String(_)
        );
        let _level = match Level::enter(span, literal) {
            Ok(level) => level,
            Err(cut) => return Ok(Spanned::new(limits::cut_value(cut, span), span)),
        };
        let mut result = self.eval_inner(expr, span)?;
        result.value = capped(result.value, span);
        Ok(result)
    }

    /// `expr`'s value; `span` is where it is (found once, by the caller).
    fn eval_inner(&mut self, expr: &Expression, span: Span) -> EvalResult {
        let known = |value| Ok(Spanned::new(value, span));
        match expr {
            Expression::Null(_) => known(Value::Null),
            Expression::Bool(b) => known(Value::Bool(*b.value())),
            Expression::Number(n) => known(n.value().as_f64().map_or_else(
                || Value::unknown(CauseKind::Invalid, "", span),
                Value::Number,
            )),
            Expression::String(s) => known(Value::String(s.value().clone().into())),
            Expression::Array(array) => {
                if array.len() > MAX_ELEMENTS {
                    return known(limits::give_up(Cut::ValueSize, span));
                }
                let mut items = Vec::with_capacity(array.len());
                for item in array.iter() {
                    items.push(self.try_eval(item)?);
                }
                known(Value::List(items.into()))
            }
            Expression::Object(object) => {
                if object.len() > MAX_ELEMENTS {
                    return known(limits::give_up(Cut::ValueSize, span));
                }
                let mut items: Vec<(String, Spanned<Value>)> = Vec::with_capacity(object.len());
                // Where each key is in `items`: a repeated key's last value wins.
                let mut index: std::collections::HashMap<String, usize> =
                    std::collections::HashMap::new();
                for (key, value) in object.iter() {
                    let mut key_value = Value::Null;
                    let key = match key {
                        ObjectKey::Ident(ident) => Some(ident.as_str().to_string()),
                        ObjectKey::Expression(expr) => {
                            key_value = self.try_eval(expr)?.value;
                            key_value.as_string()
                        }
                    };
                    let value = self.try_eval(value.expr())?;
                    let Some(key) = key else {
                        return known(Value::unknown_from([&key_value]));
                    };
                    match index.get(&key) {
                        Some(&i) => items[i].1 = value,
                        None => {
                            index.insert(key.clone(), items.len());
                            items.push((key, value));
                        }
                    }
                }
                known(Value::Object(items.into()))
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
                unknown @ Value::Unknown(_) => known(unknown),
                v => match v.as_bool() {
                    Some(true) => self.try_eval(&cond.true_expr),
                    Some(false) => self.try_eval(&cond.false_expr),
                    None => Err(EvalError),
                },
            },
            Expression::FuncCall(call) => {
                let name = call.name.name.as_str();
                if !call.name.namespace.is_empty() {
                    let subject = format!(
                        "{}::{name}",
                        call.name
                            .namespace
                            .iter()
                            .map(|n| n.as_str())
                            .collect::<Vec<_>>()
                            .join("::")
                    );
                    return known(Value::unknown(CauseKind::Function, subject, span));
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
                known(unary(*op.operator.value(), &value)?)
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
}

#[cfg(test)]
mod partly_known_tests;
#[cfg(test)]
mod tests;
