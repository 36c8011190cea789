use super::duration::{codes, effective, quantity, raised_by, Token, Unit};
use super::{declare_rule, CheckWith, Ctx};
use crate::finding::{Applicability, Diag};
use crate::value::format_number;
use serde::Deserialize;

declare_rule! {
    pub struct LongLivedRefreshToken: "COG211", "long-lived-refresh-token", Info, Both,
    "the refresh token lasts longer than a threshold (default 30 days, option `max_days`)",
    options: Options { max_days: PositiveNumber }
}

/// `rule "COG211" { max_days = 7 }`; the page's "Configuration" section lists the same.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// The longest refresh token lifetime, in days, that is not reported.
    pub max_days: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options { max_days: 30.0 }
    }
}

impl CheckWith<Options> for LongLivedRefreshToken {
    fn check(&self, cx: &Ctx, options: &Options, out: &mut Vec<Diag>) {
        let max_days = options.max_days;
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
        let unit_seconds = refresh.unit.seconds();
        let (min, _) = Token::Refresh.range();
        let limit = (max_days * Unit::Days.seconds() / unit_seconds).floor();
        let mut help = format!(
            "set `refresh_token_validity = {}` or less (in {}); a stolen refresh token is usable for its whole lifetime",
            format_number(limit),
            refresh.unit.name()
        );
        let diag = Diag::new(
            span,
            format!(
                "refresh tokens last {}{what}, more than {}",
                refresh.describe(),
                quantity(max_days, Unit::Days)
            ),
        );
        // A value written in the client, and a limit the provider accepts.
        let Some(value_span) = refresh.span.filter(|_| limit * unit_seconds >= min) else {
            out.push(diag.help(help));
            return;
        };
        let raised: Vec<_> = raised_by(cx.body(), Token::Refresh, limit * unit_seconds)
            .into_iter()
            .filter(|(code, _)| *code == "COG208")
            .collect();
        for (_, why) in &raised {
            help.push_str(&format!("; {why}"));
        }
        out.push(
            diag.help(help)
                .replace(value_span, format_number(limit))
                .may_raise(codes(&raised))
                // Sessions end sooner: behaviour changes.
                .fix_as(
                    Applicability::Unsafe,
                    format!("set the refresh token validity to {}", format_number(limit)),
                ),
        );
    }
}
