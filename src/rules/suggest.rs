//! "Did you mean" for enum values and argument names.

/// The candidate closest to `value`: equal ignoring case, or within a small edit distance.
pub fn closest<'a>(value: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = value.to_ascii_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate.to_ascii_lowercase() == lower {
            return Some(candidate);
        }
        let distance = strsim::levenshtein(&lower, &candidate.to_ascii_lowercase());
        let limit = (candidate.len() / 4).clamp(1, 3);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// True when `chosen` is the only candidate as close to `value` as it is (or equal to it but for
/// case): the suggestion is not one of several guesses.
pub fn is_unambiguous<'a>(
    value: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    chosen: &str,
) -> bool {
    let lower = value.to_ascii_lowercase();
    if chosen.to_ascii_lowercase() == lower {
        return true;
    }
    let distance = |c: &str| strsim::levenshtein(&lower, &c.to_ascii_lowercase());
    let best = distance(chosen);
    candidates
        .into_iter()
        .filter(|c| *c != chosen && distance(c) <= best)
        .count()
        == 0
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn case_and_typos() {
        let units = ["seconds", "minutes", "hours", "days"];
        assert_eq!(closest("Hours", units), Some("hours"));
        assert_eq!(closest("hour", units), Some("hours"));
        assert_eq!(closest("weeks", units), None);
        assert_eq!(
            closest("acess_token_validity", ["access_token_validity"]),
            Some("access_token_validity")
        );
    }
}
