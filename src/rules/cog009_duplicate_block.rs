use super::{argument_span, declare_rule, is_native, Check, Ctx};
use crate::extract::{AttrView, BodyView};
use crate::finding::{Applicability, Diag};
use crate::schema::BLOCKS;
use foldhash::{HashMap, HashMapExt};

declare_rule! {
    pub struct DuplicateBlock: "COG009", "duplicate-block", Error, Both,
    "a nested block that may appear once appears twice, or an argument is set twice"
}

impl Check for DuplicateBlock {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        check_body(cx.body(), out);
    }
}

fn check_body(body: &BodyView, out: &mut Vec<Diag>) {
    for (attr, first) in repeated(&body.attrs) {
        let diag = Diag::new(attr.key_span, format!("`{}` is set twice", attr.name))
            .label(first.key_span, "first set here")
            .help("remove this one, keeping the first; Terraform rejects an argument set twice");
        out.push(match is_native(attr.key_span, &attr.name) {
            // Keeping the first is a guess: the second may be the one meant.
            true => diag
                .replace(argument_span(attr), "")
                .fix_as(Applicability::Unsafe, "remove the second one"),
            false => diag,
        });
    }
    for (i, block) in body.blocks.iter().enumerate() {
        if block.dynamic || !BLOCKS.iter().any(|(name, _)| *name == block.name) {
            continue;
        }
        if let Some(first) = body.blocks[..i]
            .iter()
            .find(|b| b.name == block.name && !b.dynamic)
        {
            out.push(
                Diag::new(
                    block.ident_span,
                    format!("only one `{}` block is allowed", block.name),
                )
                .label(first.ident_span, "first block here")
                .help("merge the two blocks into one"),
            );
        }
        if let Ok(inner) = &block.body {
            check_body(inner, out);
        }
    }
}

/// Each argument set again, with the first one of its name. A body of a few arguments (nearly
/// every one) is searched, a larger one indexed: a body may hold thousands.
fn repeated(attrs: &[AttrView]) -> Vec<(&AttrView, &AttrView)> {
    if attrs.len() <= 32 {
        return (attrs.iter().enumerate())
            .filter_map(|(i, a)| attrs[..i].iter().find(|f| f.name == a.name).map(|f| (a, f)))
            .collect();
    }
    let mut firsts: HashMap<&str, &AttrView> = HashMap::with_capacity(attrs.len());
    let mut again = Vec::new();
    for attr in attrs {
        match firsts.get(attr.name.as_str()) {
            Some(first) => again.push((attr, *first)),
            None => {
                firsts.insert(&attr.name, attr);
            }
        }
    }
    again
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Presence;
    use crate::value::{Span, Spanned, Value};

    fn attrs(names: &[String]) -> Vec<AttrView> {
        (names.iter().enumerate())
            .map(|(i, name)| AttrView {
                name: name.clone(),
                key_span: Span::point(0, i),
                span: Span::point(0, i),
                value: Spanned::new(Value::Null, Span::point(0, i)),
                refs: Vec::new(),
                presence: Presence::Set,
            })
            .collect()
    }

    #[test]
    fn small_and_large_bodies_find_the_same_repeats() {
        // Searched at 32 arguments and fewer, indexed past that: each repeat with its first.
        for size in [3, 32, 33, 200] {
            let names: Vec<String> = (0..size)
                .map(|i| format!("a{}", i % (size / 3 + 1)))
                .collect();
            let body = attrs(&names);
            let found: Vec<(usize, usize)> = repeated(&body)
                .into_iter()
                .map(|(again, first)| {
                    (again.key_span.start as usize, first.key_span.start as usize)
                })
                .collect();
            let expected: Vec<(usize, usize)> = (0..size)
                .filter_map(|i| {
                    names[..i]
                        .iter()
                        .position(|n| *n == names[i])
                        .map(|f| (i, f))
                })
                .collect();
            assert_eq!(found, expected, "{size} arguments");
        }
    }
}
