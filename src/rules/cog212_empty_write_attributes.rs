use super::edits::{offer, remove_attr};
use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::{Applicability, Diag};

declare_rule! {
    pub struct EmptyWriteAttributes: "COG212", "empty-write-attributes", Warning, Both,
    "`write_attributes = []`, which AWS reads as every attribute writable"
}

impl Check for EmptyWriteAttributes {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        // In a plan, `[]` is also what state holds for an argument the configuration left
        // unset: nothing says it was written.
        if cx.module.planned {
            return;
        }
        let Known::Value(list) = cx.body().list("write_attributes") else {
            return;
        };
        if !list.is_empty() {
            return;
        }
        let diag = Diag::new(
            list.span,
            "`write_attributes = []` does not restrict writes: AWS treats an empty list as every attribute writable",
        )
        .primary("empty list")
        .help("list the attributes the app may write, or remove `write_attributes` (the same effect, without the empty list the provider mishandled after apply)");
        out.push(
            offer(diag, cx.body().attr("write_attributes").map(remove_attr))
                // Unset and `[]` mean the same to AWS.
                .fix_as(Applicability::Safe, "remove `write_attributes = []`"),
        );
    }
}
