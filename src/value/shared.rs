//! The shared parts of values: strings, lists and objects are reference-counted, so that a
//! reference to a local, a variable or a `for` binding costs a pointer, not a copy of the
//! value (a 1 KB file can refer to a 1 MiB local a thousand times).
//!
//! A reference moves the spans of everything inside its value to the use site (see
//! [`Span::seen_from`]). Rewriting every nested span would copy the value after all, so lists
//! and objects keep the use sites they were seen from and apply them to an element only when
//! it is taken out: [`List::iter`] and [`Object::iter`] give elements as seen, [`List::values`]
//! and [`Object::values`] give them as defined, for code that reads no span.

use super::{Span, Spanned, Value};
use std::fmt;
use std::ops::Deref;
use triomphe::{Arc, ThinArc};

/// A string value's text, shared between the values that hold it. The `String` the evaluator
/// built is kept as it is (no copy), behind a thin pointer. No `Display`: `to_string` is then
/// `str`'s, a copy rather than a trip through the formatter.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Arc<String>);

impl Text {
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// True when no other value holds this text: it was built by the expression at hand.
    pub(crate) fn is_fresh(&self) -> bool {
        self.0.is_unique()
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.0.as_str()
    }
}

impl std::borrow::Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.0.as_str()
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(Arc::new(s))
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(Arc::new(s.to_owned()))
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text(Arc::new(s.clone()))
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        Arc::try_unwrap(t.0).unwrap_or_else(|shared| (*shared).clone())
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// The use sites a shared list or object was seen from, innermost first: an element taken
/// out is seen from each in turn, as if the reference had rewritten it.
#[derive(Clone, Default)]
struct Seen(Option<Arc<Vec<Span>>>);

impl Seen {
    fn then(&self, use_site: Span) -> Seen {
        // Seen twice in a row from one site is seen once (a reference's root and its whole
        // traversal are often the same expression).
        if self.0.as_ref().and_then(|sites| sites.last()) == Some(&use_site) {
            return self.clone();
        }
        let mut sites = self.0.as_deref().cloned().unwrap_or_default();
        sites.push(use_site);
        Seen(Some(Arc::new(sites)))
    }

    /// `inner`'s sites, then these: an element's own references came first.
    fn after(&self, inner: &Seen) -> Seen {
        match (&inner.0, &self.0) {
            (_, None) => inner.clone(),
            (None, _) => self.clone(),
            (Some(a), Some(b)) => Seen(Some(Arc::new(a.iter().chain(b.iter()).copied().collect()))),
        }
    }

    /// The memory of these sites when no other value holds them, for the budgets: a chain of
    /// references builds them, level after level, over values it does not copy.
    fn fresh_bytes(&self) -> usize {
        match &self.0 {
            Some(sites) if sites.is_unique() => {
                std::mem::size_of::<Vec<Span>>() + sites.len() * std::mem::size_of::<Span>()
            }
            _ => 0,
        }
    }

    fn span(&self, mut span: Span) -> Span {
        for site in self.0.iter().flat_map(|sites| sites.iter()) {
            span = span.seen_from(*site);
        }
        span
    }

    fn element(&self, item: &Spanned<Value>) -> Spanned<Value> {
        if self.0.is_none() {
            return item.clone();
        }
        let value = match &item.value {
            Value::List(list) => Value::List(List(list.0.seen_after(self))),
            Value::Object(object) => Value::Object(Object(object.0.seen_after(self))),
            other => other.clone(),
        };
        Spanned::new(value, self.span(item.span))
    }
}

/// A node's own size in [`Value::footprint`].
pub(crate) const NODE: usize = std::mem::size_of::<Spanned<Value>>();

/// What a list or an object holds: its elements, shared, after their footprint (counted
/// once, when it is made), and the use sites this value of it was seen from.
#[derive(Clone)]
struct Shared<T> {
    items: ThinArc<usize, T>,
    seen: Seen,
}

impl<T> Shared<T> {
    fn new(items: Vec<T>, bytes: usize) -> Shared<T> {
        Shared {
            items: ThinArc::from_header_and_iter(bytes, items.into_iter()),
            seen: Seen::default(),
        }
    }

    fn slice(&self) -> &[T] {
        &self.items.slice
    }

    fn seen_from(&self, use_site: Span) -> Shared<T> {
        Shared {
            items: self.items.clone(),
            seen: self.seen.then(use_site),
        }
    }

    /// This one, taken out of a value seen through `outer`.
    fn seen_after(&self, outer: &Seen) -> Shared<T> {
        Shared {
            items: self.items.clone(),
            seen: outer.after(&self.seen),
        }
    }

    fn budget(&self) -> Budget {
        Budget {
            bytes: self.items.header.header,
            fresh: self.items.with_arc(|a| a.is_unique()),
            fresh_seen: self.seen.fresh_bytes(),
        }
    }
}

/// What the size budgets read of a list or an object.
pub(crate) struct Budget {
    /// Its footprint (see [`Value::footprint`]).
    pub bytes: usize,
    /// True when no other value holds its elements: they were built by the expression at
    /// hand, so their memory is new.
    pub fresh: bool,
    /// The memory of the use sites this value alone holds.
    pub fresh_seen: usize,
}

impl Value {
    /// The budgets' view of a list or an object; `None` for the other values.
    pub(crate) fn budget(&self) -> Option<Budget> {
        match self {
            Value::List(list) => Some(list.0.budget()),
            Value::Object(object) => Some(object.0.budget()),
            _ => None,
        }
    }
}

/// Lists, sets and tuples: Terraform converts between them freely for these arguments.
#[derive(Clone)]
pub struct List(Shared<Spanned<Value>>);

impl List {
    pub fn new(items: Vec<Spanned<Value>>) -> List {
        let bytes = items
            .iter()
            .fold(0usize, |n, i| n.saturating_add(i.value.footprint()));
        List(Shared::new(items, bytes))
    }

    pub fn len(&self) -> usize {
        self.0.slice().len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.slice().is_empty()
    }

    /// The elements as seen where the list is used.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            items: self.0.slice().iter(),
            seen: &self.0.seen,
        }
    }

    /// Element `i` as seen where the list is used.
    pub fn get(&self, i: usize) -> Option<Spanned<Value>> {
        self.0.slice().get(i).map(|item| self.0.seen.element(item))
    }

    /// The elements' values, without their spans: nested lists and objects in them are as
    /// defined, so their elements' spans must not be used.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Value> + ExactSizeIterator + '_ {
        self.0.slice().iter().map(|i| &i.value)
    }

    /// Each element's span as seen where the list is used, with its value, for reading
    /// elements as scalars without copying them: a list or object in them is as defined, so
    /// its elements' spans must not be used.
    pub fn scalars(&self) -> impl ExactSizeIterator<Item = (Span, &Value)> + '_ {
        let seen = &self.0.seen;
        self.0.slice().iter().map(|i| (seen.span(i.span), &i.value))
    }

    /// The elements as seen, in a vector of their own.
    pub fn to_vec(&self) -> Vec<Spanned<Value>> {
        self.iter().collect()
    }

    pub(crate) fn seen_from(&self, use_site: Span) -> List {
        List(self.0.seen_from(use_site))
    }
}

impl FromIterator<Spanned<Value>> for List {
    fn from_iter<I: IntoIterator<Item = Spanned<Value>>>(iter: I) -> List {
        List::new(iter.into_iter().collect())
    }
}

impl From<Vec<Spanned<Value>>> for List {
    fn from(items: Vec<Spanned<Value>>) -> List {
        List::new(items)
    }
}

impl IntoIterator for List {
    type Item = Spanned<Value>;
    type IntoIter = std::vec::IntoIter<Spanned<Value>>;
    fn into_iter(self) -> Self::IntoIter {
        self.to_vec().into_iter()
    }
}

impl<'a> IntoIterator for &'a List {
    type Item = Spanned<Value>;
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// A list's elements as seen where it is used (see [`List::iter`]).
pub struct Iter<'a> {
    items: std::slice::Iter<'a, Spanned<Value>>,
    seen: &'a Seen,
}

impl Iterator for Iter<'_> {
    type Item = Spanned<Value>;
    fn next(&mut self) -> Option<Spanned<Value>> {
        self.items.next().map(|i| self.seen.element(i))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.items.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Spanned<Value>> {
        self.items.next_back().map(|i| self.seen.element(i))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl PartialEq for List {
    fn eq(&self, other: &List) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

impl fmt::Debug for List {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Objects and maps, in key order.
#[derive(Clone)]
pub struct Object(Shared<(String, Spanned<Value>)>);

impl Object {
    pub fn new(entries: Vec<(String, Spanned<Value>)>) -> Object {
        let bytes = entries.iter().fold(0usize, |n, (k, v)| {
            n.saturating_add(k.len() + std::mem::size_of::<String>())
                .saturating_add(v.value.footprint())
        });
        Object(Shared::new(entries, bytes))
    }

    pub fn len(&self) -> usize {
        self.0.slice().len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.slice().is_empty()
    }

    /// The entries, their values as seen where the object is used.
    pub fn iter(
        &self,
    ) -> impl DoubleEndedIterator<Item = (&String, Spanned<Value>)> + ExactSizeIterator + '_ {
        let seen = &self.0.seen;
        self.0.slice().iter().map(|(k, v)| (k, seen.element(v)))
    }

    /// The value at `key`, as seen where the object is used.
    pub fn get(&self, key: &str) -> Option<Spanned<Value>> {
        let (_, v) = self.0.slice().iter().find(|(k, _)| k.as_str() == key)?;
        Some(self.0.seen.element(v))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &String> + ExactSizeIterator + '_ {
        self.0.slice().iter().map(|(k, _)| k)
    }

    /// The entries without their values' spans (see [`List::values`]).
    pub fn values(
        &self,
    ) -> impl DoubleEndedIterator<Item = (&String, &Value)> + ExactSizeIterator + '_ {
        self.0.slice().iter().map(|(k, v)| (k, &v.value))
    }

    /// The entries as seen, in a vector of their own.
    pub fn to_vec(&self) -> Vec<(String, Spanned<Value>)> {
        self.iter().map(|(k, v)| (k.clone(), v)).collect()
    }

    pub(crate) fn seen_from(&self, use_site: Span) -> Object {
        Object(self.0.seen_from(use_site))
    }
}

impl FromIterator<(String, Spanned<Value>)> for Object {
    fn from_iter<I: IntoIterator<Item = (String, Spanned<Value>)>>(iter: I) -> Object {
        Object::new(iter.into_iter().collect())
    }
}

impl From<Vec<(String, Spanned<Value>)>> for Object {
    fn from(entries: Vec<(String, Spanned<Value>)>) -> Object {
        Object::new(entries)
    }
}

impl IntoIterator for Object {
    type Item = (String, Spanned<Value>);
    type IntoIter = std::vec::IntoIter<(String, Spanned<Value>)>;
    fn into_iter(self) -> Self::IntoIter {
        self.to_vec().into_iter()
    }
}

impl PartialEq for Object {
    fn eq(&self, other: &Object) -> bool {
        self.len() == other.len()
            && self
                .iter()
                .zip(other.iter())
                .all(|((k1, v1), (k2, v2))| k1 == k2 && v1 == v2)
    }
}

impl fmt::Debug for Object {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}
