//! Token validity durations: value × unit, with the units and defaults the provider uses.

use crate::extract::{BlockArg, BlockView, BodyView, Known};
use crate::value::{format_number, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    Access,
    Id,
    Refresh,
}

pub const TOKENS: [Token; 3] = [Token::Access, Token::Id, Token::Refresh];

impl Token {
    /// The validity argument (`access_token_validity`).
    pub fn attr(self) -> &'static str {
        match self {
            Token::Access => "access_token_validity",
            Token::Id => "id_token_validity",
            Token::Refresh => "refresh_token_validity",
        }
    }

    /// The unit argument in `token_validity_units` (`access_token`).
    pub fn unit_attr(self) -> &'static str {
        match self {
            Token::Access => "access_token",
            Token::Id => "id_token",
            Token::Refresh => "refresh_token",
        }
    }

    pub fn default_unit(self) -> Unit {
        match self {
            Token::Refresh => Unit::Days,
            _ => Unit::Hours,
        }
    }

    /// The value AWS uses when the argument is unset, in the default unit.
    pub fn default_value(self) -> f64 {
        match self {
            Token::Refresh => 30.0,
            _ => 1.0,
        }
    }

    /// Allowed range in seconds (provider ConfigValidator, AWS docs).
    pub fn range(self) -> (f64, f64) {
        match self {
            Token::Refresh => (3600.0, 315_360_000.0),
            _ => (300.0, 86_400.0),
        }
    }

    pub fn describe_range(self) -> &'static str {
        match self {
            Token::Refresh => "between 60 minutes and 3650 days",
            _ => "between 5 minutes and 24 hours",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Seconds,
    Minutes,
    Hours,
    Days,
}

pub const UNITS: [Unit; 4] = [Unit::Seconds, Unit::Minutes, Unit::Hours, Unit::Days];

impl Unit {
    pub fn parse(s: &str) -> Option<Unit> {
        UNITS.into_iter().find(|u| u.name() == s)
    }

    pub fn name(self) -> &'static str {
        match self {
            Unit::Seconds => "seconds",
            Unit::Minutes => "minutes",
            Unit::Hours => "hours",
            Unit::Days => "days",
        }
    }

    pub fn seconds(self) -> f64 {
        match self {
            Unit::Seconds => 1.0,
            Unit::Minutes => 60.0,
            Unit::Hours => 3600.0,
            Unit::Days => 86_400.0,
        }
    }
}

/// Where a token's unit comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitSource {
    Default,
    /// The unit's value in `token_validity_units`.
    Block(Span),
    /// The block exists but does not set this unit. COG002 reports it: with the validity set,
    /// the provider computes a duration of 0s and fails the plan. COG208 and COG211 take the
    /// default unit; COG001 leaves the token to COG002.
    MissingFromBlock(Span),
}

/// A token validity with its unit resolved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Validity {
    pub token: Token,
    pub value: f64,
    /// The span of the value; `None` when the argument is unset and AWS's default applies.
    pub span: Option<Span>,
    pub unit: Unit,
    pub unit_source: UnitSource,
}

impl Validity {
    pub fn seconds(&self) -> f64 {
        self.value * self.unit.seconds()
    }

    pub fn in_range(&self) -> bool {
        let (min, max) = self.token.range();
        (min..=max).contains(&self.seconds())
    }

    /// "48 hours", "1 day".
    pub fn describe(&self) -> String {
        quantity(self.value, self.unit)
    }
}

pub fn quantity(value: f64, unit: Unit) -> String {
    let name = unit.name();
    if value == 1.0 {
        format!("1 {}", &name[..name.len() - 1])
    } else {
        format!("{} {name}", format_number(value))
    }
}

/// The unit of a token: `Unknown` when the block is dynamic or the unit is not computable or
/// not a valid unit (COG004 reports that).
pub fn unit(body: &BodyView, token: Token) -> Known<(Unit, UnitSource)> {
    match body.block("token_validity_units") {
        BlockArg::Absent => Known::Value((token.default_unit(), UnitSource::Default)),
        BlockArg::Unknown(_) => Known::Unknown,
        BlockArg::Present(block, units) => match units.string(token.unit_attr()) {
            Known::Value(item) => match Unit::parse(&item.value) {
                Some(unit) => Known::Value((unit, UnitSource::Block(item.span))),
                None => Known::Unknown,
            },
            Known::Unset => Known::Value((
                token.default_unit(),
                UnitSource::MissingFromBlock(block.ident_span),
            )),
            Known::Unknown => Known::Unknown,
        },
    }
}

/// Where a line goes into a `token_validity_units` block: an empty span before its first
/// argument, and the text that goes after the inserted line (a newline and the indentation
/// the first argument had, read from the distance between `token_validity_units {` and it).
/// `None` for a block without arguments or one written on one line, where an inserted line
/// would not be valid HCL.
pub fn insertion_point(block: &BlockView, units: &BodyView) -> Option<(Span, String)> {
    let first = units.attrs.iter().min_by_key(|a| a.key_span.start)?;
    let native = super::is_native(first.key_span, &first.name)
        && super::is_native(block.ident_span, &block.name);
    if first.key_span.file != block.ident_span.file || !native {
        return None;
    }
    // `token_validity_units {` + newline, then the indentation.
    let gap = first.key_span.start.checked_sub(block.ident_span.end)?;
    let indent = match gap.checked_sub(3)? {
        0 => return None,
        n if n <= 12 => n,
        _ => 4,
    };
    let at = Span::point(first.key_span.file, first.key_span.start as usize);
    Some((at, format!("\n{}", " ".repeat(indent as usize))))
}

/// The token's validity: `Unset` when the argument is not written (see [`effective`]).
pub fn validity(body: &BodyView, token: Token) -> Known<Validity> {
    let value = match body.number(token.attr()) {
        Known::Value(item) => item,
        Known::Unset => return Known::Unset,
        Known::Unknown => return Known::Unknown,
    };
    match unit(body, token) {
        Known::Value((unit, unit_source)) => Known::Value(Validity {
            token,
            value: value.value,
            span: Some(value.span),
            unit,
            unit_source,
        }),
        _ => Known::Unknown,
    }
}

/// The validity AWS will use: the written one, or the default when unset. `None` when unknown.
pub fn effective(body: &BodyView, token: Token) -> Option<Validity> {
    match validity(body, token) {
        Known::Value(v) => Some(v),
        Known::Unset => Some(Validity {
            token,
            value: token.default_value(),
            span: None,
            unit: token.default_unit(),
            unit_source: UnitSource::Default,
        }),
        Known::Unknown => None,
    }
}

/// The findings of COG208 and COG211 (at its default threshold) that giving `token` a duration
/// of `seconds` brings up, as (code, what the help says), for a token whose duration is out of
/// range now (COG208 and COG211 skip it).
pub fn raised_by(body: &BodyView, token: Token, seconds: f64) -> Vec<(&'static str, String)> {
    let mut raised = Vec::new();
    if token == Token::Refresh {
        let outlived = [Token::Access, Token::Id].into_iter().any(|t| {
            effective(body, t)
                .is_some_and(|v| v.span.is_some() && v.in_range() && v.seconds() > seconds)
        });
        if outlived {
            raised.push((
                "COG208",
                "the access or ID token then outlives the refresh token (COG208)".to_string(),
            ));
        }
        if seconds > 30.0 * Unit::Days.seconds() {
            raised.push((
                "COG211",
                "the refresh token then lasts more than 30 days (COG211)".to_string(),
            ));
        }
    } else if let Some(refresh) = effective(body, Token::Refresh) {
        if refresh.in_range() && seconds > refresh.seconds() {
            raised.push((
                "COG208",
                format!(
                    "the token then outlives the refresh token's {} (COG208)",
                    refresh.describe()
                ),
            ));
        }
    }
    raised
}

/// The codes of [`raised_by`]'s findings, for `Diag::may_raise`.
pub fn codes(raised: &[(&'static str, String)]) -> &'static [&'static str] {
    let has = |code| raised.iter().any(|(c, _)| *c == code);
    match (has("COG208"), has("COG211")) {
        (false, false) => &[],
        (true, false) => &["COG208"],
        (false, true) => &["COG211"],
        (true, true) => &["COG208", "COG211"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_read_naturally() {
        assert_eq!(quantity(1.0, Unit::Days), "1 day");
        assert_eq!(quantity(48.0, Unit::Hours), "48 hours");
    }
}
