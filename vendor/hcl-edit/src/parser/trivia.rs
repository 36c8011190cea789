use super::prelude::*;

use winnow::ascii::{multispace0, space0, till_line_ending};
use winnow::combinator::{alt, delimited, fail, peek, preceded, repeat};
use winnow::token::{any, take_until};

pub(super) fn ws(input: &mut Input) -> ModalResult<()> {
    // cognito-lint patch: whitespace not followed by a comment (nearly always) is skipped by
    // a search of its bytes, not through the combinators.
    if skipped_without_comment(input, |b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'), b"#/") {
        return Ok(());
    }
    (
        multispace0.void(),
        void(repeat(0.., (comment, multispace0.void()))),
    )
        .void()
        .parse_next(input)
}

pub(super) fn sp(input: &mut Input) -> ModalResult<()> {
    // cognito-lint patch: as in `ws`.
    if skipped_without_comment(input, |b| matches!(b, b' ' | b'\t'), b"/") {
        return Ok(());
    }
    (
        space0.void(),
        void(repeat(0.., (inline_comment, space0.void()))),
    )
        .void()
        .parse_next(input)
}

/// Skips the bytes `space` accepts when no byte of `comment_starts` follows them (where a
/// comment could begin); `false`, having skipped nothing, when one does.
fn skipped_without_comment(
    input: &mut Input,
    space: impl Fn(u8) -> bool,
    comment_starts: &[u8],
) -> bool {
    let bytes = input.peek_finish().as_bytes();
    let len = bytes.iter().take_while(|b| space(**b)).count();
    if bytes.get(len).is_some_and(|b| comment_starts.contains(b)) {
        return false;
    }
    input.next_slice(len);
    true
}

fn comment(input: &mut Input) -> ModalResult<()> {
    dispatch! {peek(any);
        '#' => hash_line_comment,
        '/' => alt((double_slash_line_comment, inline_comment)),
        _ => fail,
    }
    .parse_next(input)
}

pub(super) fn line_comment(input: &mut Input) -> ModalResult<()> {
    dispatch! {peek(any);
        '#' => hash_line_comment,
        '/' => double_slash_line_comment,
        _ => fail,
    }
    .parse_next(input)
}

fn hash_line_comment(input: &mut Input) -> ModalResult<()> {
    preceded('#', till_line_ending).void().parse_next(input)
}

fn double_slash_line_comment(input: &mut Input) -> ModalResult<()> {
    preceded("//", till_line_ending).void().parse_next(input)
}

fn inline_comment(input: &mut Input) -> ModalResult<()> {
    delimited("/*", take_until(0.., "*/"), "*/")
        .void()
        .parse_next(input)
}

#[inline]
pub(super) fn void<P, I, E>(inner: P) -> impl ModalParser<I, (), E>
where
    P: ModalParser<I, (), E>,
{
    inner
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_comments() {
        let inline_comments = [
            "",
            " ",
            "/**/  ",
            "/*foo*/",
            " /* foo
                bar
                */  /* baz */\t",
        ];

        let multiline_comments = [
            "# foo
                # bar",
            "
            /* foo
                bar
                */  # baz */",
            "
                // foo #
                // bar /*
                # baz",
        ];

        for input in inline_comments {
            let parsed = sp.parse(new_input(input));
            assert!(parsed.is_ok(), "expected `{input}` to parse correctly");
        }

        for input in multiline_comments {
            let parsed = sp.parse(new_input(input));
            assert!(parsed.is_err(), "expected parse error for `{input}`");
        }

        for input in inline_comments.iter().chain(multiline_comments.iter()) {
            let parsed = ws.parse(new_input(input));
            assert!(parsed.is_ok(), "expected `{input}` to parse correctly");
        }
    }
}
