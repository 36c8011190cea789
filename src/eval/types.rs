//! Variable type constraints, and Terraform's conversion of a value to the declared type.

use crate::value::{format_number, CauseKind, Spanned, Value};
use hcl_edit::expr::{Expression, ObjectKey};

#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    Any,
    String,
    Number,
    Bool,
    List(Box<Type>),
    Set(Box<Type>),
    Map(Box<Type>),
    /// Attributes with their type and, for `optional(type, default)`, the default.
    Object(Vec<(String, Type, Option<Value>)>),
    Tuple(Vec<Type>),
}

impl Type {
    /// Reads a `type = ...` constraint; what it cannot read is `any` (no conversion).
    pub fn parse(expr: &Expression) -> Type {
        match expr {
            Expression::Variable(v) => match v.as_str() {
                "string" => Type::String,
                "number" => Type::Number,
                "bool" => Type::Bool,
                "list" => Type::List(Box::new(Type::Any)),
                "set" => Type::Set(Box::new(Type::Any)),
                "map" => Type::Map(Box::new(Type::Any)),
                _ => Type::Any,
            },
            Expression::FuncCall(call) => {
                let args: Vec<&Expression> = call.args.iter().collect();
                let inner = || Box::new(args.first().map_or(Type::Any, |a| Type::parse(a)));
                match call.name.name.as_str() {
                    "list" => Type::List(inner()),
                    "set" => Type::Set(inner()),
                    "map" => Type::Map(inner()),
                    "optional" => args.first().map_or(Type::Any, |a| Type::parse(a)),
                    "object" => match args.first() {
                        Some(Expression::Object(object)) => Type::Object(
                            object
                                .iter()
                                .filter_map(|(k, v)| {
                                    let key = match k {
                                        ObjectKey::Ident(i) => i.as_str().to_string(),
                                        ObjectKey::Expression(Expression::String(s)) => {
                                            s.value().clone()
                                        }
                                        ObjectKey::Expression(_) => return None,
                                    };
                                    Some((key, Type::parse(v.expr()), optional_default(v.expr())))
                                })
                                .collect(),
                        ),
                        _ => Type::Any,
                    },
                    "tuple" => match args.first() {
                        Some(Expression::Array(items)) => {
                            Type::Tuple(items.iter().map(Type::parse).collect())
                        }
                        _ => Type::Any,
                    },
                    _ => Type::Any,
                }
            }
            _ => Type::Any,
        }
    }

    pub fn is_primitive(&self) -> bool {
        matches!(self, Type::String | Type::Number | Type::Bool)
    }
}

/// The default of `optional(type, default)`, a literal.
fn optional_default(expr: &Expression) -> Option<Value> {
    let Expression::FuncCall(call) = expr else {
        return None;
    };
    if call.name.name.as_str() != "optional" {
        return None;
    }
    let default = call.args.iter().nth(1)?;
    Some(
        super::Evaluator::new(crate::value::NO_FILE, &super::NoScope)
            .eval(default)
            .value,
    )
}

/// Converts as Terraform does when it assigns a value to a variable; a value Terraform would
/// reject becomes unknown (Terraform's own error is not ours to report).
pub fn convert(value: Spanned<Value>, ty: &Type) -> Spanned<Value> {
    let span = value.span;
    let unknown = || Spanned::new(Value::unknown(CauseKind::Invalid, "", span), span);
    let converted = match (ty, value.value) {
        (_, unknown @ Value::Unknown(_)) => unknown,
        (_, Value::Null) => Value::Null,
        (Type::Any, v) => v,
        (Type::String, v @ Value::String(_)) => v,
        (Type::String, Value::Number(n)) => Value::String(format_number(n).into()),
        (Type::String, Value::Bool(b)) => Value::String(b.to_string().into()),
        (Type::Number, v) => match v.as_number() {
            Some(n) => Value::Number(n),
            None => return unknown(),
        },
        (Type::Bool, v) => match v.as_bool() {
            Some(b) => Value::Bool(b),
            None => return unknown(),
        },
        (Type::List(inner), Value::List(items)) => {
            Value::List(items.into_iter().map(|i| convert(i, inner)).collect())
        }
        // Unknown elements of a set may turn out equal to others: its length is unknown, as
        // for `toset`.
        (Type::Set(_), Value::List(items))
            if items.len() > 1 && items.iter().any(|i| !i.value.is_wholly_known()) =>
        {
            return unknown()
        }
        (Type::Set(inner), Value::List(items)) => Value::List(
            super::functions::set_of(items.into_iter().map(|i| convert(i, inner)).collect()).into(),
        ),
        (Type::Tuple(types), Value::List(items)) if types.len() == items.len() => Value::List(
            items
                .into_iter()
                .zip(types)
                .map(|(i, t)| convert(i, t))
                .collect(),
        ),
        (Type::Map(inner), Value::Object(items)) => Value::Object(
            items
                .into_iter()
                .map(|(k, v)| (k, convert(v, inner)))
                .collect(),
        ),
        (Type::Object(attrs), Value::Object(items)) => {
            let mut out = Vec::with_capacity(attrs.len());
            for (name, attr_type, default) in attrs {
                let given = items
                    .iter()
                    .find(|(k, _)| **k == *name)
                    .map(|(_, v)| v.clone());
                // An optional attribute left out, or null, takes its default (null without one).
                let value = match (given, default) {
                    (Some(v), Some(d)) if v.value == Value::Null => Spanned::new(d.clone(), v.span),
                    (Some(v), _) => v,
                    (None, Some(d)) => Spanned::new(d.clone(), span),
                    (None, None) => Spanned::new(Value::Null, span),
                };
                out.push((name.clone(), convert(value, attr_type)));
            }
            Value::Object(out.into())
        }
        _ => return unknown(),
    };
    Spanned::new(converted, span)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Span;

    fn ty(src: &str) -> Type {
        Type::parse(&hcl_edit::parser::parse_expr(src).unwrap())
    }

    fn v(value: Value) -> Spanned<Value> {
        Spanned::new(value, Span::point(0, 0))
    }

    #[test]
    fn strings_become_numbers_and_bools_where_declared() {
        assert_eq!(
            convert(v(Value::String("12".into())), &ty("number")).value,
            Value::Number(12.0)
        );
        assert_eq!(
            convert(v(Value::String("true".into())), &ty("bool")).value,
            Value::Bool(true)
        );
        assert_eq!(
            convert(v(Value::String("x".into())), &ty("number")).value,
            Value::UNKNOWN
        );
        assert_eq!(
            convert(v(Value::Number(3.0)), &ty("string")).value,
            Value::String("3".into())
        );
    }

    #[test]
    fn sets_dedupe_and_sort() {
        let list = Value::list(vec![
            v(Value::String("b".into())),
            v(Value::String("a".into())),
            v(Value::String("b".into())),
        ]);
        let Value::List(items) = convert(v(list), &ty("set(string)")).value else {
            panic!()
        };
        let strings: Vec<_> = items.values().map(|v| v.as_str().unwrap()).collect();
        assert_eq!(strings, ["a", "b"]);
    }

    #[test]
    fn object_types_fill_optional_attributes_with_null() {
        let object = Value::object(vec![("a".into(), v(Value::Number(1.0)))]);
        let out = convert(
            v(object),
            &ty("object({ a = string, b = optional(number) })"),
        )
        .value;
        assert_eq!(
            out,
            Value::object(vec![
                ("a".into(), v(Value::String("1".into()))),
                ("b".into(), v(Value::Null))
            ])
        );
    }

    #[test]
    fn optional_attributes_take_their_default() {
        let object = Value::object(vec![("a".into(), v(Value::Null))]);
        let ty = ty(r#"object({ a = optional(string, "x"), b = optional(bool, true) })"#);
        let out = convert(v(object), &ty).value;
        let expected = Value::object(vec![
            ("a".into(), v(Value::String("x".into()))),
            ("b".into(), v(Value::Bool(true))),
        ]);
        assert_eq!(out, expected);
    }
}
