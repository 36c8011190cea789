//! `file://` URIs to paths and back. `lsp_types::Uri` keeps the text as the client sent it
//! (percent-encoded), so decoding is ours; a drive letter (`file:///C:/x`, `file:///c%3A/x`)
//! is tolerated so that a Windows client's URIs name the same file.

use lsp_types::Uri;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The path a `file:` URI names; `None` for other schemes (`untitled:`, `git:`).
pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    path_of(uri.as_str())
}

fn path_of(text: &str) -> Option<PathBuf> {
    let rest = strip_prefix_ignore_case(text, "file:")?;
    // `file:///p` and `file://localhost/p` have an empty or local authority; `file:/p` none.
    let rest = match rest.strip_prefix("//") {
        Some(after) => {
            let (authority, path) = after.split_at(after.find('/').unwrap_or(after.len()));
            if !authority.is_empty() && !authority.eq_ignore_ascii_case("localhost") {
                return None;
            }
            path
        }
        None => rest,
    };
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let decoded = percent_decode(rest)?;
    // `/C:/x`: a Windows path written as a URI path.
    let bytes = decoded.as_bytes();
    let path = if bytes.len() >= 3
        && bytes[0] == b'/'
        && bytes[1].is_ascii_alphabetic()
        && bytes[2] == b':'
    {
        if cfg!(windows) {
            decoded[1..].to_string()
        } else {
            decoded
        }
    } else {
        decoded
    };
    (!path.is_empty()).then(|| PathBuf::from(path))
}

/// The `file://` URI of an absolute path, with every byte outside the unreserved set and `/`
/// percent-encoded.
pub fn from_path(path: &Path) -> Option<Uri> {
    let text = path.to_str()?;
    let text = text.replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            // A drive letter's colon stays readable, as clients write it.
            b':' if out.len() == "file:///".len() + 1 => out.push(':'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    Uri::from_str(&out).ok()
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// `%XX` decoded; `None` when a sequence is malformed or the bytes are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(s: &str) -> Uri {
        Uri::from_str(s).unwrap()
    }

    #[test]
    fn decodes_percent_escapes() {
        let path = to_path(&uri("file:///home/me/my%20infra/main.tf")).unwrap();
        assert_eq!(path, PathBuf::from("/home/me/my infra/main.tf"));
        let path = to_path(&uri("file:///tmp/caf%C3%A9/a.tf")).unwrap();
        assert_eq!(path, PathBuf::from("/tmp/café/a.tf"));
    }

    #[test]
    fn accepts_localhost_and_rejects_other_schemes() {
        assert_eq!(
            to_path(&uri("file://localhost/a/b.tf")),
            Some(PathBuf::from("/a/b.tf"))
        );
        assert_eq!(to_path(&uri("untitled:Untitled-1")), None);
        assert_eq!(to_path(&uri("file://server/share/a.tf")), None);
    }

    #[test]
    fn tolerates_drive_letters() {
        let path = to_path(&uri("file:///c%3A/work/main.tf")).unwrap();
        let expected = if cfg!(windows) {
            "c:/work/main.tf"
        } else {
            "/c:/work/main.tf"
        };
        assert_eq!(path, PathBuf::from(expected));
        assert_eq!(
            from_path(Path::new("C:\\work\\main.tf")).unwrap().as_str(),
            "file:///C:/work/main.tf"
        );
    }

    #[test]
    fn round_trips() {
        for path in ["/tmp/a b/c#d.tf", "/tmp/x%y/ü.tf", "/plain/main.tf"] {
            let uri = from_path(Path::new(path)).unwrap();
            assert_eq!(to_path(&uri), Some(PathBuf::from(path)), "{}", uri.as_str());
        }
    }
}
