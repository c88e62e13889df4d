//! What an http:// or https:// URL names: scheme, host, port and the request target.

use std::fmt;

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    Http,
    Https,
}

impl Scheme {
    pub fn default_port(self) -> u16 {
        match self {
            Scheme::Http => 80,
            Scheme::Https => 443,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Target {
    pub scheme: Scheme,
    /// A DNS name (punycode for international names) or an IP address, without brackets.
    pub host: String,
    pub port: u16,
    /// Path and query as sent on the request line ("/" at least).
    pub path_and_query: String,
}

/// Why a URL is not an http:// or https:// target (worded by the http view:
/// `app::http::words`). `url` is the text as given.
#[derive(Debug, PartialEq, Eq)]
pub enum TargetError {
    /// The url crate's reason.
    Invalid {
        url: String,
        reason: url::ParseError,
    },
    /// Another scheme, such as ftp.
    Scheme {
        url: String,
        scheme: String,
    },
    NoHost {
        url: String,
    },
}

impl Target {
    /// Parses a URL; a bare `host[:port][/path]` means http://.
    pub fn parse(text: &str) -> Result<Target, TargetError> {
        let with_scheme = if text.contains("://") {
            text.to_string()
        } else {
            format!("http://{text}")
        };
        let url = url::Url::parse(&with_scheme).map_err(|reason| TargetError::Invalid {
            url: text.to_string(),
            reason,
        })?;
        let scheme = match url.scheme() {
            "http" => Scheme::Http,
            "https" => Scheme::Https,
            other => {
                return Err(TargetError::Scheme {
                    url: text.to_string(),
                    scheme: other.to_string(),
                });
            }
        };
        let host = match url.host() {
            Some(url::Host::Domain(domain)) if !domain.is_empty() => domain.to_string(),
            Some(url::Host::Ipv4(ip)) => ip.to_string(),
            Some(url::Host::Ipv6(ip)) => ip.to_string(),
            _ => {
                return Err(TargetError::NoHost {
                    url: text.to_string(),
                });
            }
        };
        let mut path_and_query = url.path().to_string();
        if let Some(query) = url.query() {
            path_and_query.push('?');
            path_and_query.push_str(query);
        }
        Ok(Target {
            port: url.port().unwrap_or(scheme.default_port()),
            scheme,
            host,
            path_and_query,
        })
    }

    /// The Host header: the port only when it is not the scheme's default.
    pub fn host_header(&self) -> String {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        if self.port == self.scheme.default_port() {
            host
        } else {
            format!("{host}:{}", self.port)
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = match self.scheme {
            Scheme::Http => "http",
            Scheme::Https => "https",
        };
        write!(
            f,
            "{scheme}://{}{}",
            self.host_header(),
            self.path_and_query
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_become_targets() {
        let t = Target::parse("http://www.python.org/").unwrap();
        assert_eq!(
            (t.host.as_str(), t.port, t.path_and_query.as_str()),
            ("www.python.org", 80, "/")
        );
        let t = Target::parse("https://[::1]:8443/a/b?c=d").unwrap();
        assert_eq!(t.host, "::1");
        assert_eq!(t.host_header(), "[::1]:8443");
        assert_eq!(t.path_and_query, "/a/b?c=d");
        assert_eq!(t.to_string(), "https://[::1]:8443/a/b?c=d");
        let t = Target::parse("127.0.0.1:8000").unwrap();
        assert_eq!((t.scheme, t.port), (Scheme::Http, 8000));
        let t = Target::parse("http://bücher.example/").unwrap();
        assert_eq!(t.host, "xn--bcher-kva.example");
    }

    #[test]
    fn bad_urls_say_what_is_wrong() {
        assert!(matches!(
            Target::parse("ftp://x/"),
            Err(TargetError::Scheme { .. })
        ));
        assert!(matches!(
            Target::parse("http://:80/"),
            Err(TargetError::Invalid { .. })
        ));
        assert!(matches!(
            Target::parse("http://host:99999/"),
            Err(TargetError::Invalid { .. })
        ));
        assert!(Target::parse("http://exa mple/").is_err());
    }
}
