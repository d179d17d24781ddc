//! Which addresses a sign-in code or a token may be sent to: an org's base
//! address over `https://`, or plain `http://` only to this machine's
//! loopback (a local sandbox). Checked on the parsed URL, never on its
//! text, so `http://127.0.0.1.evil.example` or `http://localhost@evil.example`
//! are not mistaken for the loopback.

use url::{Host, Url};

/// Why an address is refused. Messages never repeat the address (it may
/// carry a password in its userinfo).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadAddress {
    #[error("it is not a web address")]
    NotAUrl,
    #[error("it is not an https:// address")]
    NotHttps,
    #[error("plain http:// is only allowed to 127.0.0.1, [::1] or localhost")]
    PlainHttpOffLoopback,
    #[error("it carries a user name or password")]
    UserInfo,
    #[error("it has a path, query or fragment; an org address is only scheme, host and port")]
    NotABase,
}

/// Checks an org's base address (login URL or instance URL) and returns
/// it normalised (lowercase scheme and host, no trailing `/`): the string
/// requests are built from is the one that was checked.
pub fn org_base_url(input: &str) -> Result<String, BadAddress> {
    let url = Url::parse(input.trim()).map_err(|_| BadAddress::NotAUrl)?;
    if !matches!(url.scheme(), "https" | "http") {
        return Err(BadAddress::NotHttps);
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(BadAddress::UserInfo);
    }
    if !matches!(url.path(), "" | "/") || url.query().is_some() || url.fragment().is_some() {
        return Err(BadAddress::NotABase);
    }
    let host = url.host().ok_or(BadAddress::NotAUrl)?;
    if url.scheme() == "http" && !is_loopback(&host) {
        return Err(BadAddress::PlainHttpOffLoopback);
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

/// Exactly 127.0.0.1, ::1 or `localhost`: not the rest of 127/8, not
/// `localhost.` or `*.localhost`, which resolvers may send elsewhere.
fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Ipv4(ip) => ip.octets() == [127, 0, 0, 1],
        Host::Ipv6(ip) => ip.is_loopback(),
        Host::Domain(d) => *d == "localhost",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_and_hostile_addresses() {
        let good = [
            (
                "https://login.salesforce.com",
                "https://login.salesforce.com",
            ),
            (
                "https://login.salesforce.com/",
                "https://login.salesforce.com",
            ),
            (
                " https://test.salesforce.com ",
                "https://test.salesforce.com",
            ),
            (
                "https://acme.my.salesforce.com",
                "https://acme.my.salesforce.com",
            ),
            (
                "HTTPS://Acme.My.Salesforce.COM/",
                "https://acme.my.salesforce.com",
            ),
            (
                "https://acme.my.salesforce.com:8443",
                "https://acme.my.salesforce.com:8443",
            ),
            ("http://127.0.0.1:8743", "http://127.0.0.1:8743"),
            ("HTTP://127.0.0.1:8743/", "http://127.0.0.1:8743"),
            ("http://[::1]:8743", "http://[::1]:8743"),
            ("http://localhost:8743", "http://localhost:8743"),
            ("http://LOCALHOST:8743", "http://localhost:8743"),
            ("https://127.0.0.1:8743", "https://127.0.0.1:8743"),
        ];
        for (input, want) in good {
            assert_eq!(org_base_url(input).as_deref(), Ok(want), "{input}");
        }
        let hostile = [
            ("", BadAddress::NotAUrl),
            ("login.salesforce.com", BadAddress::NotAUrl),
            ("javascript:alert(1)", BadAddress::NotHttps),
            ("file:///etc/passwd", BadAddress::NotHttps),
            ("ftp://login.salesforce.com", BadAddress::NotHttps),
            (
                "http://login.salesforce.com",
                BadAddress::PlainHttpOffLoopback,
            ),
            (
                "HTTP://LOGIN.SALESFORCE.COM",
                BadAddress::PlainHttpOffLoopback,
            ),
            (
                "http://127.0.0.1.evil.example",
                BadAddress::PlainHttpOffLoopback,
            ),
            (
                "http://127.0.0.1.evil.example:8743",
                BadAddress::PlainHttpOffLoopback,
            ),
            (
                "http://localhost.evil.example",
                BadAddress::PlainHttpOffLoopback,
            ),
            ("http://localhost.", BadAddress::PlainHttpOffLoopback),
            ("http://127.0.0.2", BadAddress::PlainHttpOffLoopback),
            ("http://localhost@evil.example", BadAddress::UserInfo),
            ("http://127.0.0.1@evil.example", BadAddress::UserInfo),
            ("http://127.0.0.1:8743@evil.example", BadAddress::UserInfo),
            ("https://user:pw@login.salesforce.com", BadAddress::UserInfo),
            ("https://evil@login.salesforce.com", BadAddress::UserInfo),
            ("http://evil.example#@127.0.0.1", BadAddress::NotABase),
            ("http://evil.example?@127.0.0.1", BadAddress::NotABase),
            ("http://evil.example/@127.0.0.1", BadAddress::NotABase),
            ("http://evil.example\\@127.0.0.1", BadAddress::NotABase),
            ("https://login.salesforce.com/path", BadAddress::NotABase),
            ("https://login.salesforce.com?x=1", BadAddress::NotABase),
            ("https://login.salesforce.com?", BadAddress::NotABase),
            ("https://login.salesforce.com#", BadAddress::NotABase),
            ("https://login salesforce.com", BadAddress::NotAUrl),
        ];
        for (input, want) in hostile {
            assert_eq!(org_base_url(input), Err(want), "{input}");
        }
    }

    #[test]
    fn refusals_do_not_repeat_the_address() {
        let e = org_base_url("https://user:hunter2@login.salesforce.com").unwrap_err();
        assert!(!e.to_string().contains("hunter2"), "{e}");
    }
}
