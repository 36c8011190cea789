//! What rules ask of a block body: an argument's value as a scalar or a list, whether it is
//! set, a nested block. Each accessor that finds what was asked unknown records it
//! ([`super::reads`]).

use super::{reads, AttrView, BlockArg, BlockView, BodyView, Item, Known, Presence, StrList};
use crate::value::{Reason, Span, Spanned, Value};
use std::borrow::Cow;

impl BodyView {
    /// The first argument of that name (later ones are duplicates, a finding of their own).
    pub fn attr(&self, name: &str) -> Option<&AttrView> {
        self.attrs.iter().find(|a| a.name == name)
    }

    /// The argument's value; `null` counts as unset.
    pub fn value(&self, name: &str) -> Known<&Spanned<Value>> {
        match self.attr(name) {
            None => Known::Unset,
            Some(a) => match &a.value.value {
                Value::Null => Known::Unset,
                Value::Unknown(reason) => {
                    reads::record(a.key_span, a.value.span, reason);
                    Known::Unknown
                }
                _ => Known::Value(&a.value),
            },
        }
    }

    /// Whether the argument is unwritten or `null`; an unknown value is written (and not a
    /// gap: the rule asks only whether it is there).
    pub fn is_unset(&self, name: &str) -> bool {
        self.attr(name)
            .is_none_or(|a| matches!(a.value.value, Value::Null))
    }

    /// Whether the argument is set, also when its value is not known (see [`Presence`]): the
    /// span of its value when it is.
    pub fn set_at(&self, name: &str) -> Known<Span> {
        let Some(attr) = self.attr(name) else {
            return Known::Unset;
        };
        match (&attr.value.value, attr.presence) {
            (Value::Null, _) => Known::Unset,
            (Value::Unknown(reason), Presence::Maybe) => {
                reads::record(attr.key_span, attr.value.span, reason);
                Known::Unknown
            }
            _ => Known::Value(attr.value.span),
        }
    }

    /// Like [`BodyView::set_at`], for a string that must also be non-empty: a known non-empty
    /// string, or a template with literal text.
    pub fn non_empty_string_at(&self, name: &str) -> Known<Span> {
        // A template with text is set whatever its value: nothing unknown was needed.
        if let Some(a) = self.attr(name) {
            if a.presence == Presence::NonEmpty && a.value.value.is_unknown() {
                return Known::Value(a.value.span);
            }
        }
        match self.string(name) {
            Known::Value(s) if s.value.is_empty() => Known::Unset,
            Known::Value(s) => Known::Value(s.span),
            Known::Unset => Known::Unset,
            Known::Unknown => Known::Unknown,
        }
    }

    /// A string argument (a number or bool converted, as Terraform does), borrowed when the
    /// value is a string: rules ask for units and names many times a client.
    pub fn string(&self, name: &str) -> Known<Item<Cow<'_, str>>> {
        self.scalar(name, Value::as_text)
    }

    pub fn number(&self, name: &str) -> Known<Item<f64>> {
        self.scalar(name, Value::as_number)
    }

    pub fn boolean(&self, name: &str) -> Known<Item<bool>> {
        self.scalar(name, Value::as_bool)
    }

    fn scalar<'a, T>(
        &'a self,
        name: &str,
        convert: impl Fn(&'a Value) -> Option<T>,
    ) -> Known<Item<T>> {
        match self.value(name) {
            Known::Value(v) => match convert(&v.value) {
                Some(value) => Known::Value(Item {
                    value,
                    span: v.span,
                }),
                None => Known::Unknown,
            },
            Known::Unset => Known::Unset,
            Known::Unknown => Known::Unknown,
        }
    }

    /// A list of strings. Elements that are unknown, or not strings, are `None`.
    pub fn list(&self, name: &str) -> Known<StrList<'_>> {
        match self.value(name) {
            Known::Value(v) => match &v.value {
                Value::List(items) => {
                    let mut first_unknown = None;
                    let items = items
                        .scalars()
                        .map(|(span, element)| {
                            let value = element.as_text();
                            if let (None, None, Value::Unknown(reason)) =
                                (&value, first_unknown, element)
                            {
                                first_unknown = Some((span, reason));
                            }
                            Item { value, span }
                        })
                        .collect();
                    if let Some((at, reason)) = first_unknown {
                        let key = self.attr(name).map_or(v.span, |a| a.key_span);
                        reads::record(key, at, reason);
                    }
                    Known::Value(StrList {
                        span: v.span,
                        items,
                    })
                }
                _ => Known::Unknown,
            },
            Known::Unset => Known::Unset,
            Known::Unknown => Known::Unknown,
        }
    }

    /// The first nested block of that name (static or dynamic).
    pub fn block(&self, name: &str) -> BlockArg<'_> {
        match self.blocks.iter().find(|b| b.name == name) {
            None => BlockArg::Absent,
            Some(b) => match &b.body {
                Ok(body) => BlockArg::Present(b, body),
                Err(reason) => unknown_block(b, reason),
            },
        }
    }
}

/// A nested block whose content is not known, recorded as read.
#[cold]
fn unknown_block<'a>(block: &'a BlockView, reason: &Reason) -> BlockArg<'a> {
    let at = block.ident_span;
    reads::record(at, at, reason);
    BlockArg::Unknown(block)
}
