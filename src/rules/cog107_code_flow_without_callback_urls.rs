use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::Diag;

declare_rule! {
    pub struct CodeFlowWithoutCallbackUrls: "COG107", "code-flow-without-callback-urls", Error, Both,
    "the `code` or `implicit` flow without any `callback_urls`"
}

impl Check for CodeFlowWithoutCallbackUrls {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let Known::Value(flows) = cx.body().list("allowed_oauth_flows") else {
            return;
        };
        let Some((flow, span)) = flows
            .known()
            .find(|(f, _)| matches!(*f, "code" | "implicit"))
        else {
            return;
        };
        let empty_list = match cx.body().list("callback_urls") {
            Known::Unset => None,
            Known::Value(list) if list.is_empty() => Some(list.span),
            _ => return,
        };
        out.push(
            Diag::new(span, format!("the {flow} flow needs callback_urls, and there are none"))
                .label_opt(empty_list, "empty here")
                .help(format!("AWS: \"CallbackUrls can not be empty when code flow or implicit flow is selected\"; add the https URL your app receives the {} at to `callback_urls`", if flow == "code" { "code" } else { "tokens" })),
        );
    }
}
