//! What a released file keeps of its text for SARIF and GitLab fingerprints.

/// The text of some ranges of a released file, in one buffer: by range, where its text starts
/// in the buffer (a range's text is as long as the range). A range inside the one before it
/// (a list and an item of it) points into that one's text. One allocation a file, not one a
/// finding: SARIF keeps the text under each of a million findings.
#[derive(Debug, Default)]
pub(super) struct Excerpts {
    ranges: Vec<(u32, u32, u32)>,
    text: Box<str>,
}

impl Excerpts {
    /// The text of `ranges` in `text`; a range out of it or off a character boundary is not
    /// kept.
    pub(super) fn new(text: &str, mut ranges: Vec<std::ops::Range<usize>>) -> Excerpts {
        ranges.retain(|r| text.get(r.clone()).is_some());
        // Longest first at a start, so that the ranges inside it follow it.
        ranges.sort_unstable_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        ranges.dedup();
        let mut kept = Vec::with_capacity(ranges.len());
        let mut buffer = String::new();
        // The last range copied, and where its text starts in the buffer.
        let mut copied: Option<(std::ops::Range<usize>, usize)> = None;
        for r in ranges {
            let at = match &copied {
                Some((c, at)) if c.start <= r.start && r.end <= c.end => at + (r.start - c.start),
                _ => {
                    let at = buffer.len();
                    buffer.push_str(&text[r.clone()]);
                    copied = Some((r.clone(), at));
                    at
                }
            };
            kept.push((r.start as u32, r.end as u32, at as u32));
        }
        kept.sort_unstable();
        Excerpts {
            ranges: kept,
            text: buffer.into_boxed_str(),
        }
    }

    /// The text of `range`, when it was kept.
    pub(super) fn get(&self, range: std::ops::Range<usize>) -> Option<&str> {
        let key = (range.start as u32, range.end as u32);
        let i = self
            .ranges
            .binary_search_by_key(&key, |&(start, end, _)| (start, end))
            .ok()?;
        let at = self.ranges[i].2 as usize;
        self.text.get(at..at + range.len())
    }
}

#[cfg(test)]
mod tests {
    use super::Excerpts;

    #[test]
    fn each_range_reads_its_own_text_nested_or_not() {
        let text = "callback_urls = [\"http://a\", \"https://b\"] # é";
        let list = 16..text.find(']').unwrap() + 1;
        let first = 17..27;
        let second = 29..40;
        let comment = text.len() - 4..text.len();
        let ranges = vec![
            second.clone(),
            first.clone(),
            list.clone(),
            comment.clone(),
            first.clone(),
        ];
        let kept = Excerpts::new(text, ranges);
        for r in [list.clone(), first, second, comment] {
            assert_eq!(kept.get(r.clone()), Some(&text[r]));
        }
        // The items inside the list are read from the list's copy.
        assert_eq!(kept.text.len(), list.len() + 4);
        assert_eq!(kept.get(0..3), None, "not kept");
    }

    #[test]
    fn a_range_off_a_character_boundary_is_not_kept() {
        let text = "x = \"é\"";
        let kept = Excerpts::new(text, vec![5..6, 0..1]);
        assert_eq!(kept.get(5..6), None);
        assert_eq!(kept.get(0..1), Some("x"));
    }
}
