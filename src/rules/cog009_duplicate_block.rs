use super::{argument_span, declare_rule, is_native, Check, Ctx};
use crate::extract::BodyView;
use crate::finding::Diag;
use crate::schema::BLOCKS;

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
    for (i, attr) in body.attrs.iter().enumerate() {
        if let Some(first) = body.attrs[..i].iter().find(|a| a.name == attr.name) {
            let diag = Diag::new(attr.key_span, format!("`{}` is set twice", attr.name))
                .label(first.key_span, "first set here")
                .help(
                    "remove this one, keeping the first; Terraform rejects an argument set twice",
                );
            out.push(match is_native(attr.key_span, &attr.name) {
                true => diag.replace(argument_span(attr), ""),
                false => diag,
            });
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
        if let Some(inner) = &block.body {
            check_body(inner, out);
        }
    }
}
