//! Where queries go: `@server` specs (`127.0.0.1:5353`, `[::1]:53`, `dns.example`,
//! `https://dns.example/dns-query`) turned into addresses.

use std::net::{IpAddr, SocketAddr, ToSocketAddrs};

use super::transport::{Server, Transport};
use crate::cause::IoCause;

/// A server as written, before any name is resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerSpec {
    pub host: String,
    pub port: Option<u16>,
    /// Set by an `https://` URL: the DoH path.
    pub https_path: Option<String>,
}

/// A `@server` that cannot be used: the spec as written and what is wrong (worded in
/// `app::dns::words`).
#[derive(Debug, PartialEq, Eq)]
pub enum ServerSpecError {
    Invalid {
        spec: String,
        problem: SpecProblem,
    },
    /// The host name did not resolve: the system resolver's error, or None when it answered
    /// with no address at all.
    Unresolvable {
        host: String,
        error: Option<IoCause>,
    },
}

/// What is wrong with a `@server` as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpecProblem {
    /// A URL scheme other than https://.
    NotHttps,
    PortZero,
    PortNotNumber,
    HostMissing,
    /// An IPv6 address followed by a port without brackets.
    Ipv6WithoutBrackets,
    /// Characters no address or host name has.
    NotAHost,
}

impl ServerSpec {
    pub fn parse(text: &str) -> Result<ServerSpec, ServerSpecError> {
        let invalid = |problem| ServerSpecError::Invalid {
            spec: text.to_string(),
            problem,
        };
        if let Some(rest) = text.strip_prefix("https://") {
            let (authority, path) = match rest.find('/') {
                Some(at) => (&rest[..at], rest[at..].to_string()),
                None => (rest, "/dns-query".to_string()),
            };
            let mut spec = ServerSpec::parse(authority)?;
            spec.https_path = Some(path);
            return Ok(spec);
        }
        if text.contains("://") {
            return Err(invalid(SpecProblem::NotHttps));
        }
        if let Ok(ip) = text.parse::<IpAddr>() {
            return Ok(ServerSpec::host_only(ip.to_string()));
        }
        if let Ok(addr) = text.parse::<SocketAddr>() {
            if addr.port() == 0 {
                return Err(invalid(SpecProblem::PortZero));
            }
            return Ok(ServerSpec {
                host: addr.ip().to_string(),
                port: Some(addr.port()),
                https_path: None,
            });
        }
        let (host, port) = match text.rsplit_once(':') {
            Some((host, port)) => {
                let port: u16 = port
                    .parse()
                    .map_err(|_| invalid(SpecProblem::PortNotNumber))?;
                if port == 0 {
                    return Err(invalid(SpecProblem::PortZero));
                }
                (host, Some(port))
            }
            None => (text, None),
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        if host.is_empty() {
            return Err(invalid(SpecProblem::HostMissing));
        }
        if host.contains(':') && host.parse::<IpAddr>().is_err() {
            return Err(invalid(SpecProblem::Ipv6WithoutBrackets));
        }
        if !host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b':'))
        {
            return Err(invalid(SpecProblem::NotAHost));
        }
        Ok(ServerSpec {
            host: host.to_string(),
            port,
            https_path: None,
        })
    }

    fn host_only(host: String) -> ServerSpec {
        ServerSpec {
            host,
            port: None,
            https_path: None,
        }
    }

    /// The address to send to. A host name is looked up with the system resolver (as dig
    /// does for `@name`); the name is kept for checking the server's certificate.
    pub fn resolve(&self, transport: Transport) -> Result<Server, ServerSpecError> {
        let port = self.port.unwrap_or(transport.default_port());
        let addr = match self.host.parse::<IpAddr>() {
            Ok(ip) => SocketAddr::new(ip, port),
            Err(_) => (self.host.as_str(), port)
                .to_socket_addrs()
                .map_err(|e| ServerSpecError::Unresolvable {
                    host: self.host.clone(),
                    error: Some(e.into()),
                })?
                .next()
                .ok_or_else(|| ServerSpecError::Unresolvable {
                    host: self.host.clone(),
                    error: None,
                })?,
        };
        let mut server = Server::at(addr);
        server.tls_name = self.host.clone();
        if let Some(path) = &self.https_path {
            server.https_path = path.clone();
        }
        Ok(server)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(host: &str, port: Option<u16>) -> ServerSpec {
        ServerSpec {
            host: host.into(),
            port,
            https_path: None,
        }
    }

    #[test]
    fn addresses_with_and_without_ports() {
        assert_eq!(
            ServerSpec::parse("127.0.0.1").unwrap(),
            spec("127.0.0.1", None)
        );
        assert_eq!(
            ServerSpec::parse("127.0.0.1:5353").unwrap(),
            spec("127.0.0.1", Some(5353))
        );
        assert_eq!(ServerSpec::parse("::1").unwrap(), spec("::1", None));
        assert_eq!(
            ServerSpec::parse("[::1]:53").unwrap(),
            spec("::1", Some(53))
        );
        assert_eq!(
            ServerSpec::parse("dns.example:853").unwrap(),
            spec("dns.example", Some(853))
        );
    }

    #[test]
    fn https_urls_carry_their_path() {
        let s = ServerSpec::parse("https://127.0.0.1:8443/q").unwrap();
        assert_eq!((s.port, s.https_path.as_deref()), (Some(8443), Some("/q")));
        let s = ServerSpec::parse("https://dns.example").unwrap();
        assert_eq!(s.https_path.as_deref(), Some("/dns-query"));
    }

    #[test]
    fn bad_specs_say_why() {
        for (bad, problem) in [
            ("127.0.0.1:0", SpecProblem::PortZero),
            ("dns.example:0", SpecProblem::PortZero),
            ("127.0.0.1:99999", SpecProblem::PortNotNumber),
            ("", SpecProblem::HostMissing),
            (":53", SpecProblem::HostMissing),
            ("ftp://x", SpecProblem::NotHttps),
            ("a b", SpecProblem::NotAHost),
            ("1:2:3:zz", SpecProblem::PortNotNumber),
            ("2001:db8::1:zz:53", SpecProblem::Ipv6WithoutBrackets),
        ] {
            assert_eq!(
                ServerSpec::parse(bad),
                Err(ServerSpecError::Invalid {
                    spec: bad.into(),
                    problem
                }),
                "{bad}"
            );
        }
        // Inside a URL, the authority is what is named.
        assert_eq!(
            ServerSpec::parse("https://:0/q"),
            Err(ServerSpecError::Invalid {
                spec: ":0".into(),
                problem: SpecProblem::PortZero
            })
        );
    }

    #[test]
    fn default_ports_follow_the_transport() {
        let s = spec("127.0.0.1", None);
        assert_eq!(s.resolve(Transport::Udp).unwrap().addr.port(), 53);
        assert_eq!(s.resolve(Transport::Tls).unwrap().addr.port(), 853);
        assert_eq!(s.resolve(Transport::Https).unwrap().addr.port(), 443);
    }
}
