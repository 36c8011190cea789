//! Blanking what no rule reads: unread blocks, and the locals and variables nothing read
//! refers to, replaced by spaces so that every span still matches the file.

use super::{local_references, scan, variable_references, BlockKind, ScannedBlock};
use foldhash::{HashSet, HashSetExt};
use std::ops::Range;

/// What is left of a file to parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blanked {
    /// Parse the file as it is.
    Whole,
    /// Every block was blanked: nothing to parse.
    Nothing,
    /// Parse only `regions`, runs of kept top-level blocks, of the text with `blank` blanked;
    /// `inner` says whether any blanked range lies inside a region (unread locals of a kept
    /// `locals` block), so that the text must be copied and blanked first.
    Regions {
        regions: Vec<Range<usize>>,
        blank: Vec<Range<usize>>,
        inner: bool,
    },
}

/// `text` with `blank` replaced by spaces. Line breaks stay, so that what is kept still ends
/// its lines, and every span still matches the file.
pub fn blank_text(text: &str, blank: &[Range<usize>]) -> String {
    let mut out = text.as_bytes().to_vec();
    for range in blank {
        let part = &mut out[range.clone()];
        if memchr::memchr(b'\r', part).is_some() {
            for b in part.iter_mut().filter(|b| **b != b'\n' && **b != b'\r') {
                *b = b' ';
            }
            continue;
        }
        let mut start = 0;
        while let Some(newline) = memchr::memchr(b'\n', &part[start..]) {
            part[start..start + newline].fill(b' ');
            start += newline + 1;
        }
        part[start..].fill(b' ');
    }
    // Only whole blocks and attributes were replaced, by ASCII: still UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// A file of a module, as the scanner saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scan {
    /// Its top-level blocks.
    Blocks(Vec<ScannedBlock>),
    /// Not scannable, or not to be scanned: it is parsed whole.
    Whole,
}

/// Blanks, in each file of a module, the blocks no rule reads and the locals nothing read
/// refers to (directly or through other locals). Files that did not scan are kept whole, and
/// what they refer to is kept too.
pub fn blank_module(texts: &[&str], scans: &[Scan]) -> Vec<Blanked> {
    let needed = &needed_names(texts, scans);
    texts
        .iter()
        .zip(scans)
        .map(|(text, scan)| {
            let blocks = match scan {
                Scan::Blocks(blocks) => blocks,
                Scan::Whole => return Blanked::Whole,
            };
            let mut blank: Vec<Range<usize>> = Vec::with_capacity(blocks.len());
            let mut regions: Vec<Range<usize>> = Vec::new();
            let mut inner = false;
            // Whether the previous block was kept, so that this one extends its region.
            let mut after_kept = false;
            for block in blocks {
                let kept = match &block.kind {
                    BlockKind::Read => true,
                    BlockKind::Unread => false,
                    BlockKind::Variable(name) => needed.variables.contains(&text[name.clone()]),
                    BlockKind::Locals(locals) => {
                        let unused: Vec<Range<usize>> = locals
                            .iter()
                            .filter(|(name, _)| !needed.locals.contains(&text[name.clone()]))
                            .map(|(_, r)| r.clone())
                            .collect();
                        let kept = unused.len() < locals.len();
                        if kept {
                            inner |= !unused.is_empty();
                            blank.extend(unused);
                        }
                        kept
                    }
                };
                if !kept {
                    blank.push(block.range.clone());
                } else {
                    match regions.last_mut() {
                        Some(region) if after_kept => region.end = block.range.end,
                        _ => regions.push(block.range.clone()),
                    }
                }
                after_kept = kept;
            }
            if regions.is_empty() {
                return Blanked::Nothing;
            }
            if blank.is_empty() {
                return Blanked::Whole;
            }
            // A region parsed alone must be what it is in the file: blocks on lines of their
            // own. Otherwise the blanked text is parsed as one region, as a whole file would be.
            if !regions.iter().all(|r| on_own_lines(text.as_bytes(), r)) {
                return Blanked::Regions {
                    regions: std::iter::once(0..text.len()).collect(),
                    blank,
                    inner: true,
                };
            }
            Blanked::Regions {
                regions,
                blank,
                inner,
            }
        })
        .collect()
}

/// Whether `range` starts a line (after spaces) and ends one (before spaces and a comment).
fn on_own_lines(bytes: &[u8], range: &Range<usize>) -> bool {
    let before = bytes[..range.start]
        .iter()
        .rev()
        .find(|b| !matches!(b, b' ' | b'\t'));
    let after = bytes[range.end..]
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t'))
        .map(|i| &bytes[range.end + i..]);
    matches!(before, None | Some(b'\n'))
        && match after {
            None => true,
            Some(rest) => matches!(rest[0], b'\n' | b'\r' | b'#') || rest.starts_with(b"//"),
        }
}

/// The locals and variables that something read refers to, directly or through locals.
struct Needed<'t> {
    locals: HashSet<&'t str>,
    variables: HashSet<&'t str>,
}

fn needed_names<'t>(texts: &[&'t str], scans: &[Scan]) -> Needed<'t> {
    let mut needed = Needed {
        locals: HashSet::new(),
        variables: HashSet::new(),
    };
    let take = |needed: &mut Needed<'t>, text: &'t str| {
        needed.locals.extend(local_references(text));
        needed.variables.extend(variable_references(text));
    };
    for (text, scan) in texts.iter().zip(scans) {
        match scan {
            Scan::Whole => take(&mut needed, text),
            Scan::Blocks(blocks) => {
                for block in blocks.iter().filter(|b| b.kind == BlockKind::Read) {
                    take(&mut needed, &text[block.range.clone()]);
                }
            }
        }
    }
    // A needed local's expression may refer to more: follow definitions until nothing new.
    let mut followed: HashSet<(usize, usize)> = HashSet::new();
    loop {
        let known = needed.locals.len();
        for (file, (text, scan)) in texts.iter().zip(scans).enumerate() {
            let Scan::Blocks(blocks) = scan else {
                continue;
            };
            for block in blocks {
                let BlockKind::Locals(locals) = &block.kind else {
                    continue;
                };
                for (name, range) in locals {
                    if needed.locals.contains(&text[name.clone()])
                        && followed.insert((file, range.start))
                    {
                        take(&mut needed, &text[range.clone()]);
                    }
                }
            }
        }
        if needed.locals.len() == known {
            return needed;
        }
    }
}

/// One file on its own (its locals kept only if the file itself refers to them).
pub fn blank_unread_blocks(text: &str) -> Option<String> {
    let scans = vec![Scan::Blocks(scan(text)?)];
    match blank_module(&[text], &scans).pop()? {
        Blanked::Whole => None,
        Blanked::Nothing => Some(text.replace(|c: char| c != '\n' && c != '\r', " ")),
        Blanked::Regions { blank, .. } => Some(blank_text(text, &blank)),
    }
}
