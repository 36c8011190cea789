//! `regex`, `regexall` and the `/pattern/` form of `replace`, with Go's RE2 syntax as Terraform
//! reads it. The regex crate follows RE2 but makes `\d`, `\w`, `\s` and `\b` Unicode-aware
//! where Go's are ASCII: [`translate`] spells those as Go means them.

use super::{Args, Function, Output};
use crate::eval::{EvalError, MAX_STRING};
use crate::value::{Spanned, Value};
use regex::Regex;
use std::collections::HashMap;

pub(super) const FUNCTIONS: &[Function] = &[
    Function::new("regex", regex),
    Function::new("regexall", regexall),
];

/// Compiled programs larger than this are unknown rather than built: Go has no such limit,
/// but a linter must not spend its memory on one pattern.
const MAX_PROGRAM: usize = 1 << 20;

/// Patterns compiled on this thread: `for_each` keys run the same `replace` for every client.
const CACHED: usize = 64;

thread_local! {
    static CACHE: std::cell::RefCell<HashMap<String, Option<Regex>>> =
        std::cell::RefCell::new(HashMap::new());
}

/// The compiled pattern; `None` when it is not compiled here: too large, a Go construct the
/// regex crate spells differently (`\Q...\E`), or invalid (Terraform's error is left unknown
/// too, never made an error that `try` would turn into its fallback).
pub(super) fn compile(pattern: &str) -> Option<Regex> {
    if let Some(done) = CACHE.with(|c| c.borrow().get(pattern).cloned()) {
        return done;
    }
    let compiled = translate(pattern).and_then(|translated| {
        regex::RegexBuilder::new(&translated)
            .size_limit(MAX_PROGRAM)
            .dfa_size_limit(MAX_PROGRAM)
            .build()
            .ok()
    });
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHED {
            c.clear();
        }
        c.insert(pattern.to_string(), compiled.clone());
    });
    compiled
}

/// Go's ASCII-only Perl classes, spelled for the regex crate; `None` for one that has no
/// spelling inside a bracketed class (`[\S]`) or a word boundary.
fn translate(pattern: &str) -> Option<String> {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    // Depth of bracketed classes (`[[:alpha:]]` nests one level).
    let mut class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(next) = chars.next() else {
                    out.push('\\');
                    break;
                };
                let spelled = match (next, class) {
                    ('d', false) => "[0-9]",
                    ('d', true) => "0-9",
                    ('D', false) => "[^0-9]",
                    ('w', false) => "[0-9A-Za-z_]",
                    ('w', true) => "0-9A-Za-z_",
                    ('W', false) => "[^0-9A-Za-z_]",
                    ('s', false) => r"[\t\n\f\r ]",
                    ('s', true) => r"\t\n\f\r ",
                    ('S', false) => r"[^\t\n\f\r ]",
                    ('D' | 'W' | 'S', true) | ('b' | 'B' | 'p' | 'P', _) => return None,
                    _ => {
                        out.push('\\');
                        out.push(next);
                        continue;
                    }
                };
                out.push_str(spelled);
            }
            '[' if !class => {
                class = true;
                out.push('[');
                // A `]` or `^]` first in a class is literal.
                let rest = chars.as_str();
                for prefix in ["^]", "]", "^"] {
                    if let Some(after) = rest.strip_prefix(prefix) {
                        out.push_str(prefix);
                        chars = after.chars();
                        break;
                    }
                }
            }
            '[' if chars.as_str().starts_with(':') => {
                // `[:alpha:]` inside a class: copied whole.
                let rest = chars.as_str();
                let end = rest.find(":]")?;
                out.push('[');
                out.push_str(&rest[..end + 2]);
                chars = rest[end + 2..].chars();
            }
            // A `[` in a class is literal in Go, a nested class for the regex crate.
            '[' => out.push_str("\\["),
            // Set operations in a class (`[a-z&&[^x]]`) are the regex crate's: Go reads the
            // characters. Not worth spelling.
            '&' | '-' | '~' if class && chars.as_str().starts_with(c) => return None,
            ']' if class => {
                class = false;
                out.push(']');
            }
            _ => out.push(c),
        }
    }
    Some(out)
}

/// The first match: the matched text, or its groups (a list, or an object for named groups;
/// null for a group that did not take part).
fn regex(args: Args) -> Output {
    args.arity(2)?;
    let (pattern, text) = (args.string(0)?, args.string(1)?);
    let Some(re) = compile(&pattern) else {
        return Ok(None);
    };
    let shape = Shape::of(&re)?;
    let caps = re.captures(&text).ok_or(EvalError)?;
    Ok(Some(shape.result(&caps, &args)))
}

fn regexall(args: Args) -> Output {
    args.arity(2)?;
    let (pattern, text) = (args.string(0)?, args.string(1)?);
    let Some(re) = compile(&pattern) else {
        return Ok(None);
    };
    let shape = Shape::of(&re)?;
    let mut out = Vec::new();
    for caps in re.captures_iter(&text) {
        out.push(args.made(shape.result(&caps, &args)));
        if out.len() > crate::eval::MAX_ELEMENTS {
            return Ok(None);
        }
    }
    Ok(Some(Value::List(out.into())))
}

/// What a match gives, from the pattern's groups.
enum Shape {
    Whole,
    Groups,
    Named(Vec<String>),
}

impl Shape {
    fn of(re: &Regex) -> Result<Shape, EvalError> {
        let names: Vec<Option<&str>> = re.capture_names().skip(1).collect();
        let named = names.iter().filter(|n| n.is_some()).count();
        match (names.len(), named) {
            (0, _) => Ok(Shape::Whole),
            (_, 0) => Ok(Shape::Groups),
            (n, k) if n == k => Ok(Shape::Named(
                names.into_iter().flatten().map(str::to_string).collect(),
            )),
            _ => Err(EvalError),
        }
    }

    fn result(&self, caps: &regex::Captures, args: &Args) -> Value {
        let group = |i: usize| {
            caps.get(i).map_or(Value::Null, |m| {
                Value::String(m.as_str().to_string().into())
            })
        };
        match self {
            Shape::Whole => group(0),
            Shape::Groups => Value::List((1..caps.len()).map(|i| args.made(group(i))).collect()),
            Shape::Named(names) => {
                let mut items: Vec<(String, Spanned<Value>)> = names
                    .iter()
                    .map(|n| {
                        let v = caps.name(n).map_or(Value::Null, |m| {
                            Value::String(m.as_str().to_string().into())
                        });
                        (n.clone(), args.made(v))
                    })
                    .collect();
                items.sort_by(|a, b| a.0.cmp(&b.0));
                Value::Object(items.into())
            }
        }
    }
}

/// `replace(text, "/pattern/", with)`: every match replaced, `$1` and `${name}` in `with`
/// standing for groups, as Go's `ReplaceAllString`. Unknown past [`MAX_STRING`], checked as
/// the result grows.
pub(super) fn replace_pattern(text: &str, pattern: &str, with: &str) -> Output {
    let Some(re) = compile(pattern) else {
        return Ok(None);
    };
    let mut out = String::new();
    let mut last = 0;
    for caps in re.captures_iter(text) {
        let m = caps.get(0).expect("group 0 is the match");
        out.push_str(&text[last..m.start()]);
        caps.expand(with, &mut out);
        last = m.end();
        if out.len() > MAX_STRING {
            return Ok(None);
        }
    }
    out.push_str(&text[last..]);
    Ok((out.len() <= MAX_STRING).then_some(Value::String(out.into())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perl_classes_are_ascii_as_in_go() {
        assert_eq!(translate(r"\d+").as_deref(), Some("[0-9]+"));
        assert_eq!(translate(r"[\w-]").as_deref(), Some("[0-9A-Za-z_-]"));
        assert_eq!(translate(r"[]a]").as_deref(), Some("[]a]"));
        assert_eq!(
            translate(r"[[:alpha:]\d]").as_deref(),
            Some("[[:alpha:]0-9]")
        );
        assert_eq!(translate(r"\bx"), None);
        assert_eq!(translate(r"[a[b]").as_deref(), Some(r"[a\[b]"));
        assert_eq!(translate(r"[a-z&&[^x]]"), None);
        let re = compile(r"^\d$").unwrap();
        assert!(!re.is_match("٣"), "Go's \\d is ASCII");
    }

    #[test]
    fn replace_expands_groups_like_go() {
        let r = |t, p, w| replace_pattern(t, p, w).unwrap();
        assert_eq!(
            r("My App", "[^a-z0-9]", "-"),
            Some(Value::String("-y--pp".into()))
        );
        assert_eq!(
            r("a-b", "(\\w)-(\\w)", "$2+$1"),
            Some(Value::String("b+a".into()))
        );
        assert_eq!(
            r("k=v", "(?P<k>\\w)=(?P<v>\\w)", "${v}${k}"),
            Some(Value::String("vk".into()))
        );
        // `$1x` is the group named `1x`, empty, as in Go.
        assert_eq!(r("ab", "(a)", "$1x"), Some(Value::String("b".into())));
        assert_eq!(replace_pattern("a", "(", "").unwrap(), None);
    }
}
