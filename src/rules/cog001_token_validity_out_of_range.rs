use super::duration::{
    codes, effective, quantity, raised_by, validity, Token, UnitSource, Validity,
};
use super::duration::{TOKENS, UNITS};
use super::{declare_rule, Check, Ctx};
use crate::extract::{BodyView, Known};
use crate::finding::{Applicability, Diag};
use crate::value::format_number;

declare_rule! {
    pub struct TokenValidityOutOfRange: "COG001", "token-validity-out-of-range", Error, Both,
    "a token validity, with its unit, is outside the range the provider accepts"
}

impl Check for TokenValidityOutOfRange {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        for token in TOKENS {
            let v = match validity(cx.body(), token) {
                Known::Value(v) => v,
                Known::Unknown => {
                    zero_with_any_unit(cx, token, out);
                    continue;
                }
                Known::Unset => continue,
            };
            let Some(span) = v.span else { continue };
            // The block omits the unit: the provider computes 0s, whatever the value, and
            // COG002 reports it (one mistake, one finding).
            if v.in_range() || matches!(v.unit_source, UnitSource::MissingFromBlock(_)) {
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
            out.push(help(cx.body(), &v, diag));
        }
    }
}

/// A validity of 0 is out of range in every unit: reported even when the unit is unknown or
/// not a unit at all (COG004 reports that one).
fn zero_with_any_unit(cx: &Ctx, token: Token, out: &mut Vec<Diag>) {
    let Known::Value(value) = cx.body().number(token.attr()) else {
        return;
    };
    if value.value != 0.0 {
        return;
    }
    out.push(
        Diag::new(
            value.span,
            format!(
                "{} is 0; it must be {}",
                token.attr(),
                token.describe_range()
            ),
        )
        .primary("0 in any unit")
        .help(format!(
            "{} must be {}, whatever its unit",
            token.attr(),
            token.describe_range()
        )),
    );
}

/// The nearest valid value in the same unit (no longer than the refresh token, for access and
/// ID tokens), and the unit in which the same number would be valid (the usual mistake: minutes
/// meant, hours by default). With one proposal, it is the replacement; with both, the user
/// chooses.
fn help(body: &BodyView, v: &Validity, diag: Diag) -> Diag {
    let (min, max) = v.token.range();
    let unit_seconds = v.unit.seconds();
    let mut nearest = if v.seconds() > max {
        (max / unit_seconds).floor()
    } else {
        (min / unit_seconds).ceil()
    };
    if v.token != Token::Refresh {
        if let Some(refresh) = effective(body, Token::Refresh).filter(|r| r.in_range()) {
            let shorter = (refresh.seconds() / unit_seconds).floor();
            if nearest * unit_seconds > refresh.seconds() && shorter * unit_seconds >= min {
                nearest = shorter;
            }
        }
    }
    let nearest =
        ((min..=max).contains(&(nearest * unit_seconds)) && nearest >= 1.0).then_some(nearest);
    let other_unit = UNITS.into_iter().filter(|u| *u != v.unit).find(|u| {
        let seconds = v.value * u.seconds();
        (min..=max).contains(&seconds)
    });
    let mut parts = Vec::new();
    if let Some(nearest) = nearest {
        parts.push(format!(
            "set `{} = {}`",
            v.token.attr(),
            format_number(nearest)
        ));
    }
    if let Some(unit) = other_unit {
        parts.push(format!(
            "use `token_validity_units {{ {} = \"{}\" }}` if you meant {}",
            v.token.unit_attr(),
            unit.name(),
            quantity(v.value, unit)
        ));
    }
    if parts.is_empty() {
        return diag.help(format!(
            "{} must be {}",
            v.token.attr(),
            v.token.describe_range()
        ));
    }
    let mut help = parts.join(", or ");
    if v.token == Token::Refresh && v.value == 0.0 {
        help.push_str(" (AWS would silently replace 0 with 30 days, but the provider rejects it)");
    }
    let (Some(nearest), None, Some(span)) = (nearest, other_unit, v.span) else {
        return diag.help(help);
    };
    let raised = raised_by(body, v.token, nearest * unit_seconds);
    for (_, why) in &raised {
        help.push_str(&format!("; {why}"));
    }
    diag.help(help)
        .replace(span, format_number(nearest))
        .may_raise(codes(&raised))
        // The nearest valid number is a guess at what was meant.
        .fix_as(
            Applicability::Unsafe,
            format!("set `{}` to {}", v.token.attr(), format_number(nearest)),
        )
}
