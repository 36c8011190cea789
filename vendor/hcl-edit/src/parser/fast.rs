//! cognito-lint patch: the parser built a second time, with winnow's `EmptyError` in place of
//! `ContextError`.
//!
//! `ContextError` records what each failed alternative expected, which costs an allocation
//! every time the parser backtracks, and that is often: about a fifth of the parse time of a
//! typical Terraform file. Input is parsed with this build first; only input that does not
//! parse is parsed again with the recording build, for its error message. The two builds are
//! the same source files (only the error type in `prelude` differs), so they accept the same
//! input and build the same trees.

#![allow(dead_code)]

mod prelude {
    pub(super) use winnow::error::{StrContext, StrContextValue};
    pub(super) use winnow::stream::Stream;
    pub(super) use winnow::{dispatch, ModalParser, Parser};

    /// Records nothing.
    pub(super) type ContextError = winnow::error::EmptyError;
    pub(super) type ModalResult<O, E = ContextError> = winnow::ModalResult<O, E>;

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

#[path = "expr.rs"]
mod expr;
#[path = "nesting.rs"]
mod nesting;
#[path = "number.rs"]
mod number;
#[path = "pratt.rs"]
mod pratt;
#[path = "repr.rs"]
mod repr;
#[path = "shortcut.rs"]
mod shortcut;
#[path = "state.rs"]
mod state;
#[path = "string.rs"]
mod string;
#[path = "structure.rs"]
mod structure;
#[path = "template.rs"]
mod template;
#[path = "trivia.rs"]
mod trivia;

use self::prelude::*;
use crate::expr::Expression;
use crate::structure::Body;
use crate::template::Template;

/// The body, with its spans still in place, or `None` when `input` does not parse.
pub(super) fn parse_body(input: &str) -> Option<Body> {
    parse_complete(input, structure::body)
}

/// The body in `region` of `input`, with spans that are offsets in `input`.
pub(super) fn parse_body_at(input: &str, region: std::ops::Range<usize>) -> Option<Body> {
    let mut stream = new_input(input.get(..region.end)?);
    if !input.is_char_boundary(region.start) || region.start > region.end {
        return None;
    }
    stream.next_slice(region.start);
    structure::body.parse(stream).ok()
}

pub(super) fn parse_expr(input: &str) -> Option<Expression> {
    parse_complete(input, expr::root_expr)
}

pub(super) fn parse_template(input: &str) -> Option<Template> {
    parse_complete(input, template::template)
}

fn parse_complete<'a, P, O>(input: &'a str, mut parser: P) -> Option<O>
where
    P: ModalParser<Input<'a>, O, ContextError>,
{
    parser.parse(new_input(input)).ok()
}
