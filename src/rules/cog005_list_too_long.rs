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
            // No more elements than allowed: no more distinct ones either.
            if list.items.len() <= max {
                continue;
            }
            // A set: duplicates count once. Unknown elements may repeat known ones, so only
            // distinct known elements are counted.
            let distinct = count_distinct(list.known().map(|(value, _)| value));
            if distinct > max {
                out.push(
                    Diag::new(
                        list.span,
                        format!("{name} has {distinct} entries; at most {max} are allowed"),
                    )
                    .help(format!("remove {} entries", distinct - max)),
                );
            }
        }
    }
}

/// How many distinct values `values` holds: compared pairwise for a short list (most are), hashed
/// past that, so that a generated list of thousands stays linear.
fn count_distinct<'a>(values: impl Iterator<Item = &'a str>) -> usize {
    let mut seen: Vec<&str> = Vec::new();
    let mut hashed: Option<std::collections::HashSet<&str>> = None;
    for value in values {
        match &mut hashed {
            Some(set) => {
                set.insert(value);
            }
            None if seen.len() >= 64 => {
                let mut set: std::collections::HashSet<&str> = seen.drain(..).collect();
                set.insert(value);
                hashed = Some(set);
            }
            None => {
                if !seen.contains(&value) {
                    seen.push(value);
                }
            }
        }
    }
    hashed.map_or(seen.len(), |set| set.len())
}
