use super::duration::{codes, insertion_point, quantity, raised_by, unit, Token, Unit, UnitSource};
use super::duration::{TOKENS, UNITS};
use super::{declare_rule, Check, Ctx};
use crate::extract::{BlockArg, BlockView, BodyView, Known};
use crate::finding::{quoted, Applicability, Diag, Severity};
use crate::value::{format_number, Span};

declare_rule! {
    pub struct TokenValidityUnitUnset: "COG002", "token-validity-unit-unset", Error, Both,
    "a `token_validity_units` block omits a unit (plan error with the validity set, update failure without)"
}

impl Check for TokenValidityUnitUnset {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let body = cx.body();
        let BlockArg::Present(block, units) = body.block("token_validity_units") else {
            return;
        };
        for token in TOKENS {
            let Known::Value((_, UnitSource::MissingFromBlock(block_span))) = unit(body, token)
            else {
                continue;
            };
            let at = Place {
                body,
                block,
                units,
                block_span,
            };
            out.push(match body.number(token.attr()) {
                Known::Value(v) => validity_set(&at, token, v.value, v.span),
                Known::Unset => validity_unset(&at, token),
                Known::Unknown => continue,
            });
        }
    }
}

/// (a) The provider's validator reads the unit from the configuration, where the omitted
/// unit is null: the duration stays 0s and the plan fails, whatever the value.
fn validity_set(at: &Place, token: Token, value: f64, value_span: Span) -> Diag {
    let Place {
        body, block_span, ..
    } = *at;
    let (min, max) = token.range();
    let in_range = |u: Unit| (min..=max).contains(&(value * u.seconds()));
    let default = token.default_unit();
    let chosen = if in_range(default) {
        Some(default)
    } else {
        UNITS.into_iter().find(|u| in_range(*u))
    };
    let diag = Diag::new(
        block_span,
        format!(
            "`token_validity_units` omits `{}`, so the provider computes `{}` as 0s and fails the plan",
            token.unit_attr(),
            token.attr()
        ),
    )
    .primary(format!("no `{}` here", token.unit_attr()))
    .label(value_span, "validity set here");
    let Some(chosen) = chosen else {
        return diag.help(format!(
            "add `{} = \"{}\"` to `token_validity_units` and set `{}` {} (it is out of range in every unit)",
            token.unit_attr(),
            default.name(),
            token.attr(),
            token.describe_range()
        ));
    };
    let mut help = format!(
        "add `{} = \"{}\"` to `token_validity_units`",
        token.unit_attr(),
        chosen.name()
    );
    if chosen != default {
        help.push_str(&format!(
            " (in {}, the default, {} would be out of range)",
            default.name(),
            quantity(value, default)
        ));
    }
    let raises = if chosen != default {
        raised_by(body, token, value * chosen.seconds())
    } else {
        Vec::new()
    };
    for (_, why) in &raises {
        help.push_str(&format!("; {why}"));
    }
    let diag = diag.help(help);
    if let Some(attr) = at.units.attr(token.unit_attr()) {
        // `= null`: the value is replaced.
        return diag
            .replace(attr.value.span, quoted(chosen.name()))
            .may_raise(codes(&raises))
            .fix_as(
                unit_applicability(chosen == default),
                unit_message(token, chosen),
            );
    }
    let Some((point, after)) = insertion(at) else {
        return diag;
    };
    diag.replace(
        point,
        format!("{} = {}{after}", token.unit_attr(), quoted(chosen.name())),
    )
    .may_raise(codes(&raises))
    .fix_as(
        unit_applicability(chosen == default),
        unit_message(token, chosen),
    )
}

/// Writing the default unit changes nothing Terraform sends; another unit is the one in which
/// the number is valid, a guess at what was meant.
fn unit_applicability(is_default: bool) -> Applicability {
    match is_default {
        true => Applicability::Safe,
        false => Applicability::Unsafe,
    }
}

fn unit_message(token: Token, unit: Unit) -> String {
    format!("write `{} = \"{}\"`", token.unit_attr(), unit.name())
}

/// (b) The validity is unset: the plan passes with the schema's default unit, and an update
/// sends that unit with the number AWS stored, which may be in another unit
/// (hashicorp/terraform-provider-aws#32504).
fn validity_unset(at: &Place, token: Token) -> Diag {
    let Place {
        body,
        block,
        block_span,
        ..
    } = *at;
    let default = token.default_unit();
    let value = format_number(token.default_value());
    let diag = Diag::new(
        block_span,
        format!(
            "`token_validity_units` omits `{}` while `{}` is unset: the provider sends `{}`, and an update fails if AWS keeps `{}` in another unit",
            token.unit_attr(),
            token.attr(),
            default.name(),
            token.attr()
        ),
    )
    .primary(format!("no `{}` here", token.unit_attr()))
    .help(format!(
        "set `{} = {value}` and add `{} = \"{}\"` to `token_validity_units` ({}, AWS's default); removing the block instead fails the same way",
        token.attr(),
        token.unit_attr(),
        default.name(),
        quantity(token.default_value(), default)
    ))
    .at_most(Severity::Warning);
    let Some((point, after)) = insertion(at) else {
        return diag;
    };
    let unit = match at.units.attr(token.unit_attr()) {
        // `= null`: the value is replaced.
        Some(attr) => (attr.value.span, quoted(default.name())),
        None => (
            point,
            format!("{} = {}{after}", token.unit_attr(), quoted(default.name())),
        ),
    };
    // `= null` is unset: its value is replaced; otherwise the argument goes before the block.
    let validity = match body.attr(token.attr()) {
        Some(attr) => (attr.value.span, value.clone()),
        None => {
            let outer = after.len().saturating_sub(3);
            (
                Span::point(block.ident_span.file, block.ident_span.start as usize),
                format!("{} = {value}\n{}", token.attr(), " ".repeat(outer)),
            )
        }
    };
    // What the provider sends already, written out.
    diag.replace(unit.0, unit.1)
        .replace(validity.0, validity.1)
        .fix_as(
            Applicability::Safe,
            format!(
                "write `{} = {value}` and `{} = \"{}\"`",
                token.attr(),
                token.unit_attr(),
                default.name()
            ),
        )
}

/// The client body and its `token_validity_units` block.
#[derive(Clone, Copy)]
struct Place<'a> {
    body: &'a BodyView,
    block: &'a BlockView,
    units: &'a BodyView,
    block_span: Span,
}

/// The insertion point in a static block (a `dynamic` block's content is elsewhere).
fn insertion(at: &Place) -> Option<(Span, String)> {
    if at.block.dynamic {
        return None;
    }
    insertion_point(at.block, at.units)
}
