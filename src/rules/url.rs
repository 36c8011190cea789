//! Redirect URL checks that AWS applies to callback URLs (CallbackURLs in the API model), which
//! COG209 applies to logout URLs as well.

/// Why AWS rejects a redirect URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlProblem {
    /// `http://` to a host that is not loopback.
    Http,
    /// A `#fragment`.
    Fragment,
    /// No scheme: not an absolute URI.
    NotAbsolute,
}

/// The scheme of an absolute URI (`https`, `myapp`), per RFC 3986.
fn scheme(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let (first, rest) = scheme.as_bytes().split_first()?;
    (first.is_ascii_alphabetic()
        && rest
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.')))
    .then_some(scheme)
}

/// The host of an `http://` URL, lowercased, with brackets kept for IPv6.
fn http_host(url: &str) -> Option<String> {
    let rest = url.get(url.find("://")? + 3..)?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host_port.starts_with('[') {
        host_port
            .find(']')
            .map_or(host_port, |end| &host_port[..=end])
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    Some(host.to_ascii_lowercase())
}

pub fn is_http(url: &str) -> bool {
    scheme(url).is_some_and(|s| s.eq_ignore_ascii_case("http"))
}

/// `http://localhost`, `http://127.0.0.1` or `http://[::1]`, any port: allowed for testing.
pub fn is_loopback_http(url: &str) -> bool {
    is_http(url)
        && http_host(url).is_some_and(|h| matches!(h.as_str(), "localhost" | "127.0.0.1" | "[::1]"))
}

/// The first reason AWS would reject `url` as a redirect URL. The empty string is COG006's.
pub fn problem(url: &str) -> Option<UrlProblem> {
    if url.is_empty() {
        return None;
    }
    if scheme(url).is_none() {
        return Some(UrlProblem::NotAbsolute);
    }
    if is_http(url) && !is_loopback_http(url) {
        return Some(UrlProblem::Http);
    }
    if url.contains('#') {
        return Some(UrlProblem::Fragment);
    }
    None
}

/// The URL with every problem AWS would reject fixed: `https` for a plain `http` scheme (in any
/// case), no fragment. `None` for a relative URL, whose scheme and host the linter cannot
/// guess, or when nothing is left to fix.
pub fn secure(url: &str) -> Option<String> {
    let scheme = scheme(url)?;
    let mut fixed = if is_http(url) && !is_loopback_http(url) {
        format!("https{}", &url[scheme.len()..])
    } else {
        url.to_string()
    };
    if let Some(hash) = fixed.find('#') {
        fixed.truncate(hash);
    }
    (fixed != url && problem(&fixed).is_none() && !fixed.is_empty()).then_some(fixed)
}

/// A message and help for a problem; `what` names the argument ("callback URL").
pub fn describe(url: &str, problem: &UrlProblem, what: &str) -> (String, String) {
    let fixed = secure(url);
    let fixed = fixed.as_deref().unwrap_or(url);
    match problem {
        UrlProblem::Http => (
            format!("`{url}` cannot use the HTTP protocol"),
            format!(
                "use `{fixed}`; plain http is allowed only for localhost, 127.0.0.1 and [::1]{}",
                if url.contains('#') {
                    ", and AWS rejects a fragment"
                } else {
                    ""
                }
            ),
        ),
        UrlProblem::Fragment => (
            format!("{what} `{url}` has a fragment"),
            format!("remove the `#` part: `{fixed}`"),
        ),
        UrlProblem::NotAbsolute => (format!("{what} `{url}` is not an absolute URL"), {
            let path = url.split('#').next().unwrap_or(url);
            let example = if path.starts_with('/') {
                format!("https://app.example.com{path}")
            } else {
                format!("https://{path}")
            };
            format!("write the full URL with its scheme and host, for example `{example}`")
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts_are_exact() {
        assert!(is_loopback_http("http://localhost:3000/callback"));
        assert!(is_loopback_http("http://127.0.0.1/cb"));
        assert!(is_loopback_http("http://[::1]:8080/cb"));
        assert!(is_loopback_http("HTTP://LOCALHOST/cb"));
        assert!(!is_loopback_http("http://localhost.com/"));
        assert!(!is_loopback_http("http://user@evil.com/"));
        assert!(!is_loopback_http("https://localhost/"));
    }

    #[test]
    fn problems() {
        assert_eq!(problem("https://app.example.com/cb"), None);
        assert_eq!(problem("myapp://callback"), None);
        assert_eq!(problem("http://app.example.com"), Some(UrlProblem::Http));
        assert_eq!(
            problem("https://app.example.com/#/cb"),
            Some(UrlProblem::Fragment)
        );
        assert_eq!(problem("app.example.com/cb"), Some(UrlProblem::NotAbsolute));
        assert_eq!(problem("/callback"), Some(UrlProblem::NotAbsolute));
        assert_eq!(problem(""), None);
    }

    #[test]
    fn secure_fixes_every_problem_at_once() {
        assert_eq!(
            secure("HTTP://app.example.com/cb").as_deref(),
            Some("https://app.example.com/cb")
        );
        assert_eq!(
            secure("http://app.example.com/#/cb").as_deref(),
            Some("https://app.example.com/")
        );
        assert_eq!(secure("myapp://cb#x").as_deref(), Some("myapp://cb"));
        assert_eq!(secure("/callback"), None);
        assert_eq!(secure("https://app.example.com/cb"), None);
    }
}
