//! What identifies a finding whatever line it moves to, for SARIF's `partialFingerprints` and
//! GitLab's `fingerprint`: rule, file, resource, and the offending text.

use super::Finding;
use crate::source::SourceFile;
use std::num::NonZeroU64;

/// The finding's hash: the one its module drew ([`draw_in_module`]), or drawn now from
/// `file`, the file of its span, which then has its text.
pub fn of(finding: &Finding, file: &SourceFile) -> u64 {
    finding
        .fingerprint
        .map_or_else(|| draw(finding, file), NonZeroU64::get)
}

/// Draws the finding's hash while `file`, the file of its span, has its whole text, so that
/// the text need not be kept to the end of the run (the text under each of a million findings
/// on a generated stack). `false` when the hash is 0 (1 in 2^64), which is not kept: the file
/// must then keep its text, for [`of`] to draw it again.
pub fn draw_in_module(finding: &mut Finding, file: &SourceFile) -> bool {
    finding.fingerprint = NonZeroU64::new(draw(finding, file));
    finding.fingerprint.is_some()
}

/// The hash of `code \0 file \0 resource \0 words joined by spaces`, taken piece by piece:
/// the words of the text under the finding (whitespace-insensitive), or of its message for a
/// finding at a point, such as a syntax error.
fn draw(finding: &Finding, file: &SourceFile) -> u64 {
    let text = file.text_at(finding.diag.span.bytes()).unwrap_or_default();
    let text = if text.trim().is_empty() {
        &*finding.diag.message
    } else {
        text
    };
    let mut hash = FNV_OFFSET;
    for part in [
        finding.code(),
        &file.display,
        finding.resource().unwrap_or(""),
    ] {
        hash = fnv1a_from(hash, part.as_bytes());
        hash = fnv1a_from(hash, b"\0");
    }
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            hash = fnv1a_from(hash, b" ");
        }
        hash = fnv1a_from(hash, word.as_bytes());
    }
    hash
}

/// FNV-1a's hash of no bytes. FNV-1a, 64 bits: stable across platforms and Rust versions,
/// unlike `DefaultHasher`.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a of `bytes` continued from `hash`, the hash of what came before.
fn fnv1a_from(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::{fnv1a_from, FNV_OFFSET};

    fn fnv1a(bytes: &[u8]) -> u64 {
        fnv1a_from(FNV_OFFSET, bytes)
    }

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        // Taken piece by piece, the hash is the whole's.
        assert_eq!(fnv1a_from(fnv1a(b"a\0"), b"b c"), fnv1a(b"a\0b c"));
    }

    /// A file whose text is released after its module drew the hashes gives the same
    /// fingerprints as one that kept its text.
    #[test]
    fn a_hash_drawn_in_the_module_is_the_one_drawn_from_the_text() {
        let text = "resource \"aws_cognito_user_pool_client\" \"c\" {\n  name = \"c\"\n  \
                    user_pool_id = \"p\"\n  callback_urls = [\"http://x/\",   \"http://y/\"]\n}\n";
        let report = crate::lint_texts(&[("main.tf", text)], &crate::RuleSelection::default());
        assert!(!report.findings.is_empty());
        let file = report.source(report.findings[0].diag.span.file);
        let mut released = crate::source::SourceFile::new(
            file.id,
            file.path.clone(),
            file.display.clone(),
            file.text.clone(),
        );
        let mut drawn: Vec<_> = report.findings.iter().map(|f| (**f).clone()).collect();
        for finding in &mut drawn {
            assert!(super::draw_in_module(finding, &released));
        }
        released.release_text([0]);
        for (finding, original) in drawn.iter().zip(&report.findings) {
            assert_eq!(super::of(finding, &released), super::of(original, file));
        }
    }
}
