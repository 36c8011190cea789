//! Building the text edits that help lines propose (see [`crate::finding::Fix`]).
//! Rules have no source text, so edits are built from spans: an argument is inserted after the
//! last argument of a body, a list is rewritten from its known elements.

use crate::extract::{AttrView, BodyView, StrList};
use crate::finding::quoted;
use crate::value::Span;

/// An edit that adds `name = value` to `body` on a line of its own, before its first argument
/// (whose key starts a line: value spans may point inside an expression, keys do not).
/// `indent` is the body's indentation. `None` when the body has no argument to anchor to.
pub fn insert_attr(
    body: &BodyView,
    indent: &str,
    name: &str,
    value: &str,
) -> Option<(Span, String)> {
    let first = body.attrs.iter().min_by_key(|a| a.key_span.start)?;
    let at = Span::point(first.key_span.file, first.key_span.start as usize);
    Some((at, format!("{name} = {value}\n{indent}")))
}

/// An edit that sets `name = value` in `body`: the argument replaced when it is written (as
/// `null`, say; not when its value comes from elsewhere), inserted otherwise (see
/// [`insert_attr`]).
pub fn set_attr(body: &BodyView, indent: &str, name: &str, value: &str) -> Option<(Span, String)> {
    match body.attr(name) {
        Some(_) => set_written(body, name, value),
        None => insert_attr(body, indent, name, value),
    }
}

/// The edit that gives the argument `name` of `body` the value `value`, replacing the whole
/// expression written (the value's span may be the branch a conditional took). A value that
/// comes from elsewhere (a variable, a local) is replaced where it is set: the edit is on the
/// value, which the runner moves to its origin (the fix stage checks a literal is there).
pub fn set_written(body: &BodyView, name: &str, value: &str) -> Option<(Span, String)> {
    let attr = body.attr(name)?;
    Some(match attr.value.span.origin {
        None => (attr.span, format!("{name} = {value}")),
        Some(_) => (attr.value.span, value.to_string()),
    })
}

/// The edit that removes `attr` (its key and value; the line's blank remains).
pub fn remove_attr(attr: &AttrView) -> (Span, String) {
    (attr.span, String::new())
}

/// True when `list` is written as a list literal here: each element has its own span, in
/// order, inside the list's (not a function result such as `split(…)` whose elements all point
/// at the call), and every element is a known string.
pub fn is_literal(list: &StrList) -> bool {
    let mut after = list.span.start;
    // A list or an element set elsewhere (a variable, a local, a module argument) is not
    // written here: its spans are where it is used.
    list.is_fully_known()
        && list.span.origin.is_none()
        && list.items.iter().all(|i| {
            let own = i.span.file == list.span.file
                && i.span.origin.is_none()
                && i.span.start >= after
                && i.span.end <= list.span.end
                && (i.span.start, i.span.end) != (list.span.start, list.span.end);
            after = i.span.end;
            own
        })
}

/// A list literal of quoted strings: `["a", "b"]`.
pub fn list_text<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.into_iter().map(quoted).collect();
    format!("[{}]", items.join(", "))
}

/// The edit that adds `values` at the end of a literal list, after its last element (what
/// is written around the elements, comments included, stays).
pub fn append<'a>(
    list: &StrList,
    values: impl IntoIterator<Item = &'a str>,
) -> Option<(Span, String)> {
    if !is_literal(list) {
        return None;
    }
    let values: Vec<&str> = values.into_iter().collect();
    Some(match list.items.last() {
        Some(last) => (
            Span::point(last.span.file, last.span.end as usize),
            values.iter().map(|v| format!(", {}", quoted(v))).collect(),
        ),
        None => (list.span, list_text(values)),
    })
}

/// The edits that remove the elements of a literal list at `indices`: each run of them with
/// the separator after it (before it, for a run that ends the list), so that what is written
/// around the other elements stays. The list must keep an element.
pub fn remove_items(list: &StrList, indices: &[usize]) -> Option<Vec<(Span, String)>> {
    let items = &list.items;
    if !is_literal(list) || indices.is_empty() || indices.len() >= items.len() {
        return None;
    }
    let mut edits = Vec::new();
    let mut i = 0;
    while i < items.len() {
        if !indices.contains(&i) {
            i += 1;
            continue;
        }
        let start = i;
        while i + 1 < items.len() && indices.contains(&(i + 1)) {
            i += 1;
        }
        let range = match items.get(i + 1) {
            Some(next) => items[start].span.bytes().start..next.span.bytes().start,
            None => items[start - 1].span.bytes().end..items[i].span.bytes().end,
        };
        edits.push((Span::new(list.span.file, range), String::new()));
        i += 1;
    }
    Some(edits)
}

/// The edit that replaces the element at `span` of `list`, when it is written on its own.
pub fn replace_item(list: &StrList, span: Span, value: &str) -> Option<(Span, String)> {
    is_own(list, span).then(|| (span, quoted(value)))
}

/// `diag` with `edits` as its replacement, when there are some.
pub fn offer_all(
    diag: crate::finding::Diag,
    edits: Option<Vec<(Span, String)>>,
) -> crate::finding::Diag {
    edits
        .into_iter()
        .flatten()
        .fold(diag, |diag, (span, text)| diag.replace(span, text))
}

/// `diag` with `edit` as (one more edit of) its replacement, when there is one.
pub fn offer(diag: crate::finding::Diag, edit: Option<(Span, String)>) -> crate::finding::Diag {
    match edit {
        Some((span, text)) => diag.replace(span, text),
        None => diag,
    }
}

/// True when the element at `span` is written in `list` on its own, so that replacing its span
/// replaces that element alone: not the span of a function result all elements share
/// (`split(…)`), nor an expression of a `for` that makes several.
pub fn is_own(list: &StrList, span: Span) -> bool {
    span.origin.is_none()
        && (span.start, span.end) != (list.span.start, list.span.end)
        && list.items.iter().filter(|i| i.span == span).count() == 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Item;

    /// `text` parsed as a list literal of plain strings (no escapes), with its spans.
    fn list(text: &str) -> StrList<'_> {
        let mut items = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            if c == '"' {
                match start.take() {
                    None => start = Some(i),
                    Some(s) => items.push(Item {
                        value: Some(text[s + 1..i].into()),
                        span: Span::new(0, s..i + 1),
                    }),
                }
            }
        }
        StrList {
            span: Span::new(0, 0..text.len()),
            items,
        }
    }

    fn applied(text: &str, mut edits: Vec<(Span, String)>) -> String {
        edits.sort_by_key(|(s, _)| std::cmp::Reverse(s.start));
        let mut out = text.to_string();
        for (span, with) in edits {
            out.replace_range(span.bytes(), &with);
        }
        out
    }

    #[test]
    fn removals_keep_the_other_elements_and_their_comments() {
        let text = "[\n  \"a\", # keep\n  \"b\",\n  \"c\",\n  \"d\"\n]";
        let l = list(text);
        let middle = remove_items(&l, &[1, 2]).unwrap();
        assert_eq!(applied(text, middle), "[\n  \"a\", # keep\n  \"d\"\n]");
        let last = remove_items(&l, &[3]).unwrap();
        assert_eq!(
            applied(text, last),
            "[\n  \"a\", # keep\n  \"b\",\n  \"c\"\n]"
        );
        let first_and_last = remove_items(&l, &[0, 3]).unwrap();
        assert_eq!(applied(text, first_and_last), "[\n  \"b\",\n  \"c\"\n]");
        assert!(
            remove_items(&l, &[0, 1, 2, 3]).is_none(),
            "a list keeps an element"
        );
    }

    #[test]
    fn appends_go_after_the_last_element() {
        let text = "[\"a\", \"b\"]";
        let edit = append(&list(text), ["c", "d"]).unwrap();
        assert_eq!(applied(text, vec![edit]), "[\"a\", \"b\", \"c\", \"d\"]");
        let edit = append(&list("[]"), ["c"]).unwrap();
        assert_eq!(applied("[]", vec![edit]), "[\"c\"]");
    }

    #[test]
    fn elements_sharing_the_list_span_are_not_literal() {
        let mut l = list("[\"a\", \"b\"]");
        for item in &mut l.items {
            item.span = l.span;
        }
        assert!(!is_literal(&l));
        assert!(!is_own(&l, l.span));
        assert!(append(&l, ["c"]).is_none());
    }
}
