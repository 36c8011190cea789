//! Finds the comments (`#` and `//` line comments, `/* */` block comments) of an HCL file
//! without parsing it, so that a file with a syntax error still has comments up to the error. Quoted strings, heredocs and template
//! interpolations are tracked, so `"https://x/#/cb"` and a `#` line inside a heredoc are not
//! comments.

use std::ops::Range;

/// A comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// From the `#` or `//` to the end of the line, line break excluded; or from `/*` to `*/`
    /// included.
    pub span: Range<usize>,
    /// Where the text after the `#`, `//` or `/*` starts.
    pub body: usize,
    /// Where that text ends: the end of the line, or the `*/`.
    pub body_end: usize,
    /// Only whitespace precedes it on its (first) line, and follows it on its last line.
    pub alone: bool,
    /// Code precedes it on its first line (a trailing comment).
    pub trailing: bool,
}

enum Frame {
    /// Expressions and structure; `template` when inside `${ }` or `%{ }`, which a `}` at
    /// `braces == 0` closes.
    Code {
        braces: usize,
        template: bool,
    },
    Quoted,
    Heredoc {
        tag: String,
    },
}

/// Every comment of `text`, in order.
pub fn comments(text: &str) -> Vec<Comment> {
    let b = text.as_bytes();
    let mut comments = Vec::new();
    let mut stack = vec![Frame::Code {
        braces: 0,
        template: false,
    }];
    let mut i = 0;
    while i < b.len() {
        let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
        match stack.last_mut() {
            Some(Frame::Code { braces, template }) => match at(0) {
                b'#' => i = comment(text, i, 1, &mut comments),
                b'/' if at(1) == b'/' => i = comment(text, i, 2, &mut comments),
                b'/' if at(1) == b'*' => i = block_comment(text, i, &mut comments),
                b'"' => {
                    stack.push(Frame::Quoted);
                    i += 1;
                }
                b'<' if at(1) == b'<' => match heredoc_start(text, i) {
                    Some((tag, body)) => {
                        stack.push(Frame::Heredoc { tag });
                        i = body;
                    }
                    None => i += 2,
                },
                b'{' => {
                    *braces += 1;
                    i += 1;
                }
                b'}' => {
                    if *braces == 0 && *template {
                        stack.pop();
                    } else {
                        *braces = braces.saturating_sub(1);
                    }
                    i += 1;
                }
                _ => i += 1,
            },
            Some(Frame::Quoted) => match at(0) {
                b'\\' => i += 2,
                b'"' => {
                    stack.pop();
                    i += 1;
                }
                // A quoted string cannot span lines: the file is broken here; resume as code.
                b'\n' => {
                    stack.pop();
                    i += 1;
                }
                _ => i = template_step(b, i, &mut stack),
            },
            Some(Frame::Heredoc { tag }) => {
                let line_start = i == 0 || b[i - 1] == b'\n';
                let line_end = || text[i..].find('\n').map_or(b.len(), |n| i + n);
                if line_start && text[i..line_end()].trim() == tag.as_str() {
                    stack.pop();
                    i = line_end();
                } else if at(0) == b'\n' {
                    i += 1;
                } else {
                    i = template_step(b, i, &mut stack);
                }
            }
            None => break,
        }
    }
    comments
}

/// One step inside template text: `${` and `%{` open an interpolation, `$${` and `%%{` are
/// escapes for the literal text.
fn template_step(b: &[u8], i: usize, stack: &mut Vec<Frame>) -> usize {
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match (at(0), at(1), at(2)) {
        (b'$', b'$', b'{') | (b'%', b'%', b'{') => i + 3,
        (b'$' | b'%', b'{', _) => {
            stack.push(Frame::Code {
                braces: 0,
                template: true,
            });
            i + 2
        }
        _ => i + 1,
    }
}

fn comment(text: &str, start: usize, marker: usize, out: &mut Vec<Comment>) -> usize {
    let end = text[start..].find('\n').map_or(text.len(), |n| start + n);
    let line_start = text[..start].rfind('\n').map_or(0, |n| n + 1);
    let alone = text[line_start..start].trim().is_empty();
    let visible_end = if text[..end].ends_with('\r') {
        end - 1
    } else {
        end
    };
    out.push(Comment {
        span: start..visible_end.max(start + marker),
        body: start + marker,
        body_end: visible_end.max(start + marker),
        alone,
        trailing: !alone,
    });
    end
}

/// A `/* */` comment from `start`; an unclosed one runs to the end of the file, as the parser
/// reads it.
fn block_comment(text: &str, start: usize, out: &mut Vec<Comment>) -> usize {
    let body = start + 2;
    let (body_end, end) = text[body..]
        .find("*/")
        .map_or((text.len(), text.len()), |n| (body + n, body + n + 2));
    let line_start = text[..start].rfind('\n').map_or(0, |n| n + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |n| end + n);
    let trailing = !text[line_start..start].trim().is_empty();
    let alone = !trailing && text[end..line_end].trim().is_empty();
    out.push(Comment {
        span: start..end,
        body,
        body_end,
        alone,
        trailing,
    });
    end
}

/// `<<TAG` or `<<-TAG` followed by a line break: the tag and where the body starts.
fn heredoc_start(text: &str, i: usize) -> Option<(String, usize)> {
    let rest = &text[i + 2..];
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let tag_len = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    let tag = &rest[..tag_len];
    if tag.is_empty() || !tag.starts_with(|c: char| c.is_alphabetic() || c == '_') {
        return None;
    }
    let after = &rest[tag_len..];
    let newline = after
        .strip_prefix("\r\n")
        .or_else(|| after.strip_prefix('\n'))?;
    Some((tag.to_string(), text.len() - newline.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bodies(text: &str) -> Vec<(&str, bool)> {
        comments(text)
            .into_iter()
            .map(|c| (&text[c.body..c.body_end], c.alone))
            .collect()
    }

    #[test]
    fn hash_and_slash_comments_alone_or_trailing() {
        let text = "# one\na = 1 // two\r\n  #three\n";
        assert_eq!(
            bodies(text),
            [(" one", true), (" two", false), ("three", true)]
        );
    }

    #[test]
    fn strings_are_not_comments() {
        let text = "a = \"https://x/#/cb\" # real\nb = \"say \\\"#\\\" // no\"\n";
        assert_eq!(bodies(text), [(" real", false)]);
    }

    #[test]
    fn interpolations_nest_strings_and_braces() {
        let text = "a = \"${join(\"#\", {x = \"}\"}.x)} # still string\" # real\n";
        assert_eq!(bodies(text), [(" real", false)]);
        let escaped = "a = \"$${not} # text\" # real\n";
        assert_eq!(bodies(escaped), [(" real", false)]);
    }

    #[test]
    fn heredoc_bodies_are_not_comments() {
        let text = "a = <<-EOT\n  # not a comment\n  ${x} // nor this\n  EOT\n# real\n";
        assert_eq!(bodies(text), [(" real", true)]);
    }

    #[test]
    fn block_comments_hide_line_comments() {
        let text = "/* # no\n // no */ a = 1 # yes\n";
        assert_eq!(bodies(text), [(" # no\n // no ", false), (" yes", false)]);
    }

    #[test]
    fn block_comments_alone_or_trailing() {
        let text = "  /* one */\na = 1 /* two */\n/* three */ b = 2\n/* open";
        let found = comments(text);
        let shape: Vec<(&str, bool, bool)> = found
            .iter()
            .map(|c| (&text[c.body..c.body_end], c.alone, c.trailing))
            .collect();
        assert_eq!(
            shape,
            [
                (" one ", true, false),
                (" two ", false, true),
                (" three ", false, false),
                (" open", true, false)
            ]
        );
        assert_eq!(&text[found[0].span.clone()], "/* one */");
    }

    #[test]
    fn a_broken_string_does_not_swallow_the_file() {
        let text = "a = \"open\n# real\n";
        assert_eq!(bodies(text), [(" real", true)]);
    }
}
