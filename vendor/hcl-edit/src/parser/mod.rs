//! An HCL parser which keeps track of whitespace, comments and span information.

mod error;
mod expr;
mod fast;
mod limits;
mod nesting;
mod number;
mod pratt;
mod repr;
mod shortcut;
mod state;
mod string;
mod structure;
mod template;
#[cfg(test)]
mod tests;
mod trivia;

pub use self::error::{Error, Location};
pub use self::limits::{with_combinators_only, with_limits};
use self::expr::root_expr;
use self::structure::body;
use self::template::template;
use crate::expr::Expression;
use crate::structure::Body;
use crate::template::Template;

mod prelude {
    pub(super) use winnow::error::{ContextError, StrContext, StrContextValue};
    pub(super) use winnow::stream::Stream;
    pub(super) use winnow::{dispatch, ModalParser, ModalResult, Parser};

    pub(super) type Input<'a> =
        winnow::stream::Stateful<winnow::stream::LocatingSlice<&'a str>, NestingState>;

    use super::nesting::NestingState;

    /// Creates a new parser input from `s`.
    pub(super) fn new_input(s: &str) -> Input<'_> {
        Input {
            input: winnow::stream::LocatingSlice::new(s),
            state: NestingState::default(),
        }
    }
}

use self::prelude::*;

/// Parse an input into a [`Body`].
///
/// # Errors
///
/// Returns an error if the input does not resemble a valid HCL body.
pub fn parse_body(input: &str) -> Result<Body, Error> {
    // cognito-lint patch: see `fast.rs`.
    let mut body = match fast::parse_body(input) {
        Some(body) => body,
        None => parse_complete(input, body)?,
    };
    body.despan(input);
    Ok(body)
}

/// cognito-lint patch: parses only `regions` of `input`, each a run of whole top-level
/// structures, into one body whose spans are offsets in `input`. What lies between the regions
/// is not read at all. `None` when a region does not parse (parse the input whole for the
/// error). Unlike [`parse_body`]'s, the body's decor and raw number texts are left unresolved
/// (they read as empty).
pub fn parse_body_regions(input: &str, regions: &[std::ops::Range<usize>]) -> Option<Body> {
    let mut body = Body::new();
    for region in regions {
        for structure in fast::parse_body_at(input, region.clone())? {
            body.push(structure);
        }
    }
    // The decor (whitespace and comments around each item) and numbers' raw text keep their
    // spans and read as empty: cognito-lint reads neither, and resolving them into strings
    // was a tenth of the parse, nearly all of it allocations.
    Some(body)
}

/// Parse an input into an [`Expression`].
///
/// # Errors
///
/// Returns an error if the input does not resemble a valid HCL expression.
pub fn parse_expr(input: &str) -> Result<Expression, Error> {
    let mut expr = match fast::parse_expr(input) {
        Some(expr) => expr,
        None => parse_complete(input, root_expr)?,
    };
    expr.despan(input);
    Ok(expr)
}

/// Parse an input into a [`Template`].
///
/// # Errors
///
/// Returns an error if the input does not resemble a valid HCL template.
pub fn parse_template(input: &str) -> Result<Template, Error> {
    let mut template = match fast::parse_template(input) {
        Some(template) => template,
        None => parse_complete(input, template)?,
    };
    template.despan(input);
    Ok(template)
}

fn parse_complete<'a, P, O>(input: &'a str, mut parser: P) -> Result<O, Error>
where
    P: ModalParser<Input<'a>, O, ContextError>,
{
    let input = new_input(input);

    parser
        .parse(input)
        .map_err(|err| Error::from_parse_error(&err))
}
