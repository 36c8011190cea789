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
    // The first argument of each name, looked up once per argument: a body may hold thousands.
    let mut firsts: HashMap<&str, &AttrView> = HashMap::with_capacity(body.attrs.len());
    for attr in &body.attrs {
        if let Some(first) = firsts.get(attr.name.as_str()).copied() {
            let diag = Diag::new(attr.key_span, format!("`{}` is set twice", attr.name))
                .label(first.key_span, "first set here")
                .help(
                    "remove this one, keeping the first; Terraform rejects an argument set twice",
                );
            out.push(match is_native(attr.key_span, &attr.name) {
                // Keeping the first is a guess: the second may be the one meant.
                true => diag
                    .replace(argument_span(attr), "")
                    .fix_as(Applicability::Unsafe, "remove the second one"),
                false => diag,
            });
        } else {
            firsts.insert(&attr.name, attr);
        }
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
