use super::{declare_rule, Check, Ctx};
use crate::extract::{BlockArg, BodyView, Known};
use crate::finding::{Applicability, Diag};
use crate::value::format_number;

declare_rule! {
    pub struct ValueOutOfRange: "COG003", "value-out-of-range", Error, Both,
    "`auth_session_validity` outside 3..15 or `retry_grace_period_seconds` outside 0..60"
}

impl Check for ValueOutOfRange {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        check_range(
            cx.body(),
            "auth_session_validity",
            3.0,
            15.0,
            "minutes",
            out,
        );
        if let BlockArg::Present(_, rotation) = cx.body().block("refresh_token_rotation") {
            check_range(
                rotation,
                "retry_grace_period_seconds",
                0.0,
                60.0,
                "seconds",
                out,
            );
        }
    }
}

fn check_range(body: &BodyView, name: &str, min: f64, max: f64, unit: &str, out: &mut Vec<Diag>) {
    let Known::Value(item) = body.number(name) else {
        return;
    };
    if (min..=max).contains(&item.value) {
        return;
    }
    let nearest = item.value.clamp(min, max);
    out.push(
        Diag::new(
            item.span,
            format!(
                "{name} is {}; it must be between {} and {} {unit}",
                format_number(item.value),
                format_number(min),
                format_number(max)
            ),
        )
        .help(format!("set `{name} = {}`", format_number(nearest.round())))
        .replace(item.span, format_number(nearest.round()))
        // The nearest valid number is a guess at what was meant.
        .fix_as(
            Applicability::Unsafe,
            format!("set `{name} = {}`", format_number(nearest.round())),
        ),
    );
}
