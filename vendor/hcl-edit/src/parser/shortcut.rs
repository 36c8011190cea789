//! cognito-lint patch: the values most attributes hold, built without the expression
//! combinators.
//!
//! A Terraform attribute's value is nearly always a quoted string without escapes or template
//! markers, a list of such strings, a whole number, `true`/`false`/`null`, or a reference like
//! `var.name` or `aws_cognito_user_pool.pool.id`. Through the combinators each costs from two to
//! five times a plain string's parse (a traversal tries every operator after each part, a list
//! each separator and a `for` before its first element). Here each is taken in one pass over
//! its bytes, only when `ends(rest)` says that the text after it ends the expression (no
//! operator, conditional, call or further traversal follows), and built exactly as the
//! combinators build it: the same nodes, spans and decor (cognito-lint's
//! `tests/parser_shortcuts.rs` parses every form both ways, see `with_combinators_only`, and
//! compares the trees). Anything else (a space inside a reference, a comment inside a list, a
//! Unicode identifier) is left to the combinators.

use super::nesting;
use super::prelude::*;
use super::state::BodyParseState;
use super::string::{ascii_ident_len, string_literal_len};

use crate::expr::{Array, Expression, Traversal, TraversalOperator};
use crate::parser::limits::combinators_only;
use crate::structure::{Attribute, Structure};
use crate::{Decorate, Decorated, Formatted, Ident, Number, RawString, SetSpan};
use std::cell::RefCell;
use std::ops::Range;
use winnow::stream::Location;

/// Whether the text after a root expression (an attribute's value) ends it: its line ends
/// after spaces, or a line comment starts. Nothing on the next line can continue it.
fn ends_root(after: &[u8]) -> bool {
    let after = &after[after
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count()..];
    after.starts_with(b"\n")
        || after.starts_with(b"\r\n")
        || after.starts_with(b"#")
        || after.starts_with(b"//")
}

/// Whether the text after an array element ends it: a `,` or `]` after whitespace.
fn ends_element(after: &[u8]) -> bool {
    let next = after
        .iter()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'));
    matches!(next, Some(b',' | b']'))
}

/// An attribute's value, when it has one of the plain forms and its line ends it.
pub(super) fn root_value(input: &mut Input) -> Option<Expression> {
    if combinators_only() {
        return None;
    }
    match input.peek_finish().as_bytes().first()? {
        b'"' => plain_string(input, ends_root),
        b'[' => string_list(input),
        _ => scalar_or_reference(input, ends_root),
    }
}

/// An array element, when it has one of the plain forms (not a nested list) and a `,` or `]`
/// follows it. The caller keeps it within the nesting limit.
pub(super) fn element_value(input: &mut Input) -> Option<Expression> {
    if combinators_only() {
        return None;
    }
    match input.peek_finish().as_bytes().first()? {
        b'"' => plain_string(input, ends_element),
        _ => scalar_or_reference(input, ends_element),
    }
}

/// A quoted string without escapes or template markers: a string with no decor (callers set
/// the span and decor).
fn plain_string(input: &mut Input, ends: impl Fn(&[u8]) -> bool) -> Option<Expression> {
    let rest = input.peek_finish().as_bytes();
    let len = string_literal_len(rest.get(1..)?);
    if rest.get(1 + len) != Some(&b'"') || !ends(&rest[len + 2..]) {
        return None;
    }
    let start = input.current_token_start();
    let quoted = input.next_slice(len + 2);
    let mut expr = Expression::String(Decorated::new(quoted[1..=len].to_owned()));
    expr.set_span(start..start + quoted.len());
    Some(expr)
}

/// `[` plain strings separated by commas, with an optional trailing comma, `]`; whitespace
/// between them (comments are left to the combinators). Each element is decorated with the
/// whitespace around it, the text between the last element (or its comma) and `]` is the
/// array's trailing decor, as `array_items` builds them.
fn string_list(input: &mut Input) -> Option<Expression> {
    // The elements sit one level deeper than the list, as `array_element` checks.
    if !nesting::can_nest(input) {
        return None;
    }
    let base = input.current_token_start();
    let bytes = input.peek_finish().as_bytes();
    let space = |from: usize| {
        from + bytes[from..]
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
            .count()
    };
    let mut values = Vec::new();
    let mut trailing_comma = false;
    // After `[`, or after a comma.
    let mut at = 1;
    let end = loop {
        let quote = space(at);
        match bytes.get(quote)? {
            b'"' => {}
            // An empty list: what lies inside is its trailing decor.
            b']' if values.is_empty() => break quote,
            _ => return None,
        }
        let len = string_literal_len(&bytes[quote + 1..]);
        let close = quote + 1 + len;
        if bytes.get(close) != Some(&b'"') {
            return None;
        }
        let after = space(close + 1);
        let mut element = Expression::String(Decorated::new(
            input.peek_finish()[quote + 1..close].to_owned(),
        ));
        element.set_span(base + quote..base + close + 1);
        let decor = element.decor_mut();
        decor.set_prefix(RawString::from_span(base + at..base + quote));
        decor.set_suffix(RawString::from_span(base + close + 1..base + after));
        values.push(element);
        match bytes.get(after)? {
            b',' => {
                at = after + 1;
                // A trailing comma: only whitespace until `]`.
                let next = space(at);
                if bytes.get(next) == Some(&b']') {
                    trailing_comma = true;
                    break next;
                }
            }
            b']' => {
                at = after;
                break after;
            }
            _ => return None,
        }
    };
    if !ends_root(&bytes[end + 1..]) {
        return None;
    }
    let mut array = Array::from(values);
    array.set_trailing_comma(trailing_comma);
    array.set_trailing(RawString::from_span(base + at..base + end));
    let mut expr = Expression::Array(array);
    expr.set_span(base..base + end + 1);
    input.next_slice(end + 1);
    Some(expr)
}

/// A whole number, `true`, `false`, `null`, a variable, or a variable followed by `.name`
/// parts, all ASCII and without spaces.
fn scalar_or_reference(input: &mut Input, ends: impl Fn(&[u8]) -> bool) -> Option<Expression> {
    let bytes = input.peek_finish().as_bytes();
    let first = *bytes.first()?;
    if first.is_ascii_digit() {
        return whole_number(input, ends);
    }
    if !(first.is_ascii_alphabetic() || first == b'_') {
        return None;
    }
    let base = input.current_token_start();
    let ident_end = |from: usize| from + ascii_ident_len(&bytes[from..]);
    let head = 0..ident_end(0);
    let mut parts: Vec<Range<usize>> = Vec::new();
    let mut end = head.end;
    while bytes.get(end) == Some(&b'.') {
        match bytes.get(end + 1) {
            Some(b) if b.is_ascii_alphabetic() || *b == b'_' => {}
            // `.0`, `.*`, `..`: left to the combinators.
            _ => return None,
        }
        let part = end + 1..ident_end(end + 1);
        end = part.end;
        parts.push(part);
    }
    // A non-ASCII byte could continue the identifier (a Unicode letter).
    if bytes.get(end).is_some_and(|b| !b.is_ascii()) || !ends(&bytes[end..]) {
        return None;
    }
    let text = input.peek_finish();
    let name = &text[head.clone()];
    let span = |r: &Range<usize>| base + r.start..base + r.end;
    let mut expr = match name {
        _ if !parts.is_empty() && matches!(name, "true" | "false" | "null") => return None,
        "null" => Expression::null(),
        "true" => Expression::from(true),
        "false" => Expression::from(false),
        _ => Expression::from(Ident::new_unchecked(name)),
    };
    expr.set_span(span(&head));
    if !parts.is_empty() {
        // `traversal` decorates the term with the (empty) space before the first `.`, and each
        // operator, from its `.`, and its name with the (empty) space before them.
        expr.decor_mut()
            .set_suffix(RawString::from_span(span(&(head.end..head.end))));
        let operators = parts
            .iter()
            .map(|part| {
                let mut name = Decorated::new(Ident::new_unchecked(&text[part.clone()]));
                name.decor_mut()
                    .set_prefix(RawString::from_span(span(&(part.start..part.start))));
                name.set_span(span(part));
                let dot = part.start - 1;
                let mut operator = Decorated::new(TraversalOperator::GetAttr(name));
                operator
                    .decor_mut()
                    .set_prefix(RawString::from_span(span(&(dot..dot))));
                operator.set_span(span(&(dot..part.end)));
                operator
            })
            .collect();
        expr = Expression::Traversal(Box::new(Traversal::new(expr, operators)));
        expr.set_span(base..base + end);
    }
    input.next_slice(end);
    Some(expr)
}

/// Digits that fit a `u64`, with no fraction or exponent: `number` takes them as an integer,
/// its text as the number's representation.
fn whole_number(input: &mut Input, ends: impl Fn(&[u8]) -> bool) -> Option<Expression> {
    let bytes = input.peek_finish().as_bytes();
    let len = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if !ends(&bytes[len..]) {
        return None;
    }
    let base = input.current_token_start();
    let text = &input.peek_finish()[..len];
    let value: u64 = text.parse().ok()?;
    let mut number = Formatted::new(Number::from(value));
    number.set_repr(text);
    let mut expr = Expression::Number(number);
    expr.set_span(base..base + len);
    input.next_slice(len);
    Some(expr)
}

/// One line of a body holding an attribute with a plain value, as `body` parses a line:
/// leading whitespace (no comment), `name = value`, trailing spaces, a line break. The
/// attribute goes into `state` with the decor `body` gives it, and the line is consumed;
/// `false`, with nothing consumed or recorded, for any other line.
pub(super) fn attribute_line<'i>(
    input: &mut Input<'i>,
    state: &RefCell<BodyParseState<'i>>,
) -> bool {
    if combinators_only() {
        return false;
    }
    let base = input.current_token_start();
    let text: &'i str = input.peek_finish();
    let bytes = text.as_bytes();
    let name_start = skip(bytes, 0, |b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'));
    match bytes.get(name_start) {
        Some(b) if b.is_ascii_alphabetic() || *b == b'_' => {}
        _ => return false,
    }
    let name_end = name_start + ascii_ident_len(&bytes[name_start..]);
    let equals = skip(bytes, name_end, |b| matches!(b, b' ' | b'\t'));
    // A non-ASCII byte could continue the name; `==` is no attribute.
    if bytes.get(name_end).is_some_and(|b| !b.is_ascii())
        || bytes.get(equals) != Some(&b'=')
        || bytes.get(equals + 1) == Some(&b'=')
    {
        return false;
    }
    let value_start = skip(bytes, equals + 1, |b| matches!(b, b' ' | b'\t'));
    let checkpoint = input.checkpoint();
    input.next_slice(value_start);
    let Some(mut value) = root_value(input) else {
        input.reset(&checkpoint);
        return false;
    };
    let value_end = input.current_token_start() - base;
    let rest = input.peek_finish().as_bytes();
    let line_end = rest
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    let newline = match &rest[line_end..] {
        [b'\n', ..] => 1,
        [b'\r', b'\n', ..] => 2,
        // A comment or the end of the input: left to the combinators.
        _ => {
            input.reset(&checkpoint);
            return false;
        }
    };
    let name = &text[name_start..name_end];
    let mut state = state.borrow_mut();
    // Checked last: it records the name.
    if state.is_redefined(name) {
        input.reset(&checkpoint);
        return false;
    }
    let span = |from: usize, to: usize| base + from..base + to;
    let mut key = Decorated::new(Ident::new_unchecked(name));
    key.decor_mut()
        .set_suffix(RawString::from_span(span(name_end, equals)));
    key.set_span(span(name_start, name_end));
    value
        .decor_mut()
        .set_prefix(RawString::from_span(span(equals + 1, value_start)));
    value.set_span(span(value_start, value_end));
    let mut structure = Structure::Attribute(Attribute::new(key, value));
    structure.set_span(span(name_start, value_end));
    state.on_ws(span(0, name_start));
    state.on_structure(structure);
    state.on_ws(span(value_end, value_end + line_end));
    state.on_line_ending();
    input.next_slice(line_end + newline);
    true
}

/// Where the bytes from `from` that `space` accepts end.
fn skip(bytes: &[u8], from: usize, space: impl Fn(u8) -> bool) -> usize {
    from + bytes[from..].iter().take_while(|b| space(**b)).count()
}
