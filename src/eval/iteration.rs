//! `for` expressions, and the (key, value) pairs of the collections they and `for_each` iterate.

use super::limits::MAX_ELEMENTS;
use super::{EvalError, Evaluator};
use crate::value::{Reason, Spanned, Value};
use hcl_edit::expr::ForExpr;

/// (key, value) pairs: a list's indexes or a map's keys, each with its value.
type Pairs = Vec<(Spanned<Value>, Spanned<Value>)>;

impl Evaluator<'_> {
    /// Binds a `for`'s key and value names, innermost; returns how many names to unbind after.
    pub(super) fn bind(
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

    pub(super) fn for_expr(&mut self, for_expr: &ForExpr) -> Result<Value, EvalError> {
        let intro = &for_expr.intro;
        let collection = self.try_eval(&intro.collection_expr)?.value;
        let pairs = match iterate(collection)? {
            Ok(pairs) => pairs,
            Err(unknown) => return Ok(unknown),
        };
        let key_var = intro.key_var.as_deref().map(|k| k.as_str().to_string());
        let value_var = intro.value_var.as_str().to_string();
        let mut list = Vec::new();
        // Each key's values: one, or (`...` grouping) all of them.
        let mut object: Vec<(String, Vec<Spanned<Value>>)> = Vec::new();
        let mut keys = std::collections::HashSet::new();
        for (key, value) in pairs {
            let bound = self.bind(key_var.as_deref(), &value_var, key, value);
            let step = self.for_step(for_expr, &mut list, &mut object, &mut keys);
            self.locals.truncate(self.locals.len() - bound);
            if let Some(unknown) = step? {
                return Ok(unknown);
            }
            if list.len() > MAX_ELEMENTS || object.len() > MAX_ELEMENTS {
                let at = crate::value::Span::new(
                    self.file,
                    hcl_edit::Span::span(for_expr).unwrap_or(0..0),
                );
                return Ok(super::limits::give_up(super::Cut::ValueSize, at));
            }
        }
        Ok(if for_expr.key_expr.is_some() {
            let grouping = for_expr.grouping;
            let entries = object.into_iter().map(|(key, mut values)| {
                let value = if grouping {
                    let span = values[0].span;
                    Spanned::new(Value::list(values), span)
                } else {
                    values.pop().expect("one value a key")
                };
                (key, value)
            });
            Value::Object(entries.collect())
        } else {
            Value::List(list.into())
        })
    }

    /// One iteration of a `for` expression; `Ok(Some(unknown))` when its result is unknown.
    fn for_step(
        &mut self,
        for_expr: &ForExpr,
        list: &mut Vec<Spanned<Value>>,
        object: &mut Vec<(String, Vec<Spanned<Value>>)>,
        keys: &mut std::collections::HashSet<String>,
    ) -> Result<Option<Value>, EvalError> {
        if let Some(cond) = &for_expr.cond {
            match self.try_eval(&cond.expr)?.value {
                unknown @ Value::Unknown(_) => return Ok(Some(unknown)),
                v if v.as_bool().ok_or(EvalError)? => {}
                _ => return Ok(None),
            }
        }
        let value = self.try_eval(&for_expr.value_expr)?;
        match &for_expr.key_expr {
            None => list.push(value),
            Some(key_expr) => {
                let key = self.try_eval(key_expr)?.value;
                let Some(key) = key.as_string() else {
                    return Ok(Some(Value::unknown_from([&key])));
                };
                let repeated = !keys.insert(key.clone());
                if for_expr.grouping && repeated {
                    match object.iter_mut().rev().find(|(k, _)| *k == key) {
                        Some((_, values)) => values.push(value),
                        None => object.push((key, vec![value])),
                    }
                } else if repeated {
                    return Err(EvalError);
                } else {
                    object.push((key, vec![value]));
                }
            }
        }
        Ok(None)
    }
}

/// The (key, value) pairs a `for_each` iterates over; the reason when the collection is
/// unknown or not a collection.
pub fn iterate_collection(collection: Value) -> Result<Pairs, Reason> {
    match iterate(collection) {
        Ok(Ok(pairs)) => Ok(pairs),
        Ok(Err(unknown)) => Err(unknown.unknown_reason().cloned().unwrap_or_default()),
        Err(EvalError) => Err(Reason::NONE),
    }
}

/// The (key, value) pairs a `for` expression or a template's `for` directive iterates over;
/// `Ok(Err(collection))` when the collection is unknown, an error when it is not a collection.
pub(super) fn iterate(collection: Value) -> Result<Result<Pairs, Value>, EvalError> {
    match collection {
        unknown @ Value::Unknown(_) => Ok(Err(unknown)),
        Value::List(items) => Ok(Ok(items
            .into_iter()
            .enumerate()
            .map(|(i, v)| (Spanned::new(Value::Number(i as f64), v.span), v))
            .collect())),
        Value::Object(items) => Ok(Ok(items
            .into_iter()
            .map(|(k, v)| (Spanned::new(Value::string(k), v.span), v))
            .collect())),
        _ => Err(EvalError),
    }
}
