use super::duration::{effective, quantity, Token, Unit};
use super::{declare_rule, Check, Ctx};
use crate::finding::Diag;
use crate::value::format_number;

declare_rule! {
    pub struct LongLivedRefreshToken: "COG211", "long-lived-refresh-token", Info, Both,
    "the refresh token lasts longer than a threshold (default 30 days, option `max_days`)",
    options: [max_days: PositiveNumber]
}

const DEFAULT_MAX_DAYS: f64 = 30.0;

impl Check for LongLivedRefreshToken {
    fn check(&self, cx: &Ctx, out: &mut Vec<Diag>) {
        let max_days = cx.option_number("max_days").unwrap_or(DEFAULT_MAX_DAYS);
        let Some(refresh) = effective(cx.body(), Token::Refresh) else {
            return;
        };
        if !refresh.in_range() || refresh.seconds() <= max_days * Unit::Days.seconds() {
            return;
        }
        let span = refresh.span.unwrap_or(cx.client.labels_span);
        let what = if refresh.span.is_some() {
            ""
        } else {
            " (the default)"
        };
        out.push(
            Diag::new(
                span,
                format!(
                    "refresh tokens last {}{what}, more than {}",
                    refresh.describe(),
                    quantity(max_days, Unit::Days)
                ),
            )
            .help(format!(
                "set `refresh_token_validity = {}` or less (in {}); a stolen refresh token is usable for its whole lifetime",
                format_number((max_days * Unit::Days.seconds() / refresh.unit.seconds()).floor()),
                refresh.unit.name()
            )),
        );
    }
}
