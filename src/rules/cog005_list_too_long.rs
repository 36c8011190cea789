use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::Diag;

declare_rule! {
    pub struct ListTooLong: "COG005", "list-too-long", Error, Both,
    "more OAuth flows, scopes, callback or logout URLs than AWS allows"
}

const LIMITS: &[(&str, usize)] = &[
    ("allowed_oauth_flows", 3),
    ("allowed_oauth_scopes", 50),
    ("callback_urls", 100),
    ("logout_urls", 100),
];

impl Check for ListTooLong {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        for &(name, max) in LIMITS {
            let Known::Value(list) = cx.body().list(name) else {
                continue;
            };
            // A set: duplicates count once. Unknown elements may repeat known ones, so only
            // distinct known elements are counted.
            let distinct: std::collections::HashSet<&str> =
                list.known().map(|(value, _)| value).collect();
            if distinct.len() > max {
                out.push(
                    Diag::new(
                        list.span,
                        format!(
                            "{name} has {} entries; at most {max} are allowed",
                            distinct.len()
                        ),
                    )
                    .help(format!("remove {} entries", distinct.len() - max)),
                );
            }
        }
    }
}
