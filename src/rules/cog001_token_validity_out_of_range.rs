use super::duration::{quantity, validity, Token, UnitSource, Validity, TOKENS, UNITS};
use super::{declare_rule, Check, Ctx};
use crate::extract::Known;
use crate::finding::Diag;
use crate::value::format_number;

declare_rule! {
    pub struct TokenValidityOutOfRange: "COG001", "token-validity-out-of-range", Error, Both,
    "a token validity, with its unit, is outside the range the provider accepts"
}

impl Check for TokenValidityOutOfRange {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        for token in TOKENS {
            let Known::Value(v) = validity(cx.body(), token) else {
                continue;
            };
            let Some(span) = v.span else { continue };
            if v.in_range() {
                continue;
            }
            let mut diag = Diag::new(
                span,
                format!(
                    "{} is {}; it must be {}",
                    token.attr(),
                    v.describe(),
                    token.describe_range()
                ),
            )
            .primary(format!("{} in {}", format_number(v.value), v.unit.name()));
            if let UnitSource::Block(unit_span) = v.unit_source {
                diag = diag.label(unit_span, "unit set here");
            }
            out.push(diag.help(help(&v)));
        }
    }
}

/// The nearest valid value in the same unit, and the unit in which the same number would be
/// valid (the usual mistake: minutes meant, hours by default).
fn help(v: &Validity) -> String {
    let (min, max) = v.token.range();
    let unit_seconds = v.unit.seconds();
    let nearest = if v.seconds() > max {
        (max / unit_seconds).floor()
    } else {
        (min / unit_seconds).ceil()
    };
    let mut parts = Vec::new();
    if (min..=max).contains(&(nearest * unit_seconds)) && nearest >= 1.0 {
        parts.push(format!(
            "set `{} = {}`",
            v.token.attr(),
            format_number(nearest)
        ));
    }
    let other_unit = UNITS.into_iter().filter(|u| *u != v.unit).find(|u| {
        let seconds = v.value * u.seconds();
        (min..=max).contains(&seconds)
    });
    if let Some(unit) = other_unit {
        parts.push(format!(
            "use `token_validity_units {{ {} = \"{}\" }}` if you meant {}",
            v.token.unit_attr(),
            unit.name(),
            quantity(v.value, unit)
        ));
    }
    if parts.is_empty() {
        return format!("{} must be {}", v.token.attr(), v.token.describe_range());
    }
    let mut help = parts.join(", or ");
    if v.token == Token::Refresh && v.value == 0.0 {
        help.push_str(" (AWS would silently replace 0 with 30 days, but the provider rejects it)");
    }
    help
}
