use super::duration::{unit, validity, UnitSource, TOKENS};
use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::Diag;

declare_rule! {
    pub struct TokenValidityUnitUnset: "COG002", "token-validity-unit-unset", Warning, Both,
    "a token validity is set while `token_validity_units` omits its unit"
}

impl Check for TokenValidityUnitUnset {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        for token in TOKENS {
            let Known::Value(v) = validity(cx.body(), token) else {
                continue;
            };
            let Known::Value((_, UnitSource::MissingFromBlock(block_span))) =
                unit(cx.body(), token)
            else {
                continue;
            };
            let Some(value_span) = v.span else { continue };
            out.push(
                Diag::new(
                    block_span,
                    format!(
                        "`token_validity_units` does not set `{}` while `{}` is set",
                        token.unit_attr(),
                        token.attr()
                    ),
                )
                .primary(format!("no `{}` here", token.unit_attr()))
                .label(value_span, "validity set here")
                .help(format!(
                    "add `{} = \"{}\"` to `token_validity_units` (the default unit); the provider reads the unit from the block and may compute a duration of 0s",
                    token.unit_attr(),
                    token.default_unit().name()
                )),
            );
        }
    }
}
