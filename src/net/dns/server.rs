//! Where queries go: `@server` specs (`127.0.0.1:5353`, `[::1]:53`, `dns.example`,
//! `https://dns.example/dns-query`) turned into addresses.

use std::net::{IpAddr, SocketAddr, ToSocketAddrs};

use super::transport::{Server, Transport};

/// A server as written, before any name is resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ServerSpec {
    pub host: String,
    pub port: Option<u16>,
    /// Set by an `https://` URL: the DoH path.
    pub https_path: Option<String>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ServerSpecError {
    #[error("{0:?} is not a server: {1}")]
    Invalid(String, &'static str),
    #[error("cannot find the server {0:?}: {1}")]
    Unresolvable(String, String),
}

impl ServerSpec {
    pub fn parse(text: &str) -> Result<ServerSpec, ServerSpecError> {
        let invalid = |why| ServerSpecError::Invalid(text.to_string(), why);
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
            return Err(invalid("only https:// URLs name a server"));
        }
        if let Ok(ip) = text.parse::<IpAddr>() {
            return Ok(ServerSpec::host_only(ip.to_string()));
        }
        if let Ok(addr) = text.parse::<SocketAddr>() {
            if addr.port() == 0 {
                return Err(invalid("port 0 is not a port a server listens on"));
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
                    .map_err(|_| invalid("the port must be a number from 1 to 65535"))?;
                if port == 0 {
                    return Err(invalid("port 0 is not a port a server listens on"));
                }
                (host, Some(port))
            }
            None => (text, None),
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        if host.is_empty() {
            return Err(invalid("the host is missing"));
        }
        if host.contains(':') && host.parse::<IpAddr>().is_err() {
            return Err(invalid("write an IPv6 address with a port as [::1]:53"));
        }
        if !host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b':'))
        {
            return Err(invalid("a host is an address or a host name"));
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
    pub(crate) fn resolve(&self, transport: Transport) -> Result<Server, ServerSpecError> {
        let port = self.port.unwrap_or(transport.default_port());
        let addr = match self.host.parse::<IpAddr>() {
            Ok(ip) => SocketAddr::new(ip, port),
            Err(_) => (self.host.as_str(), port)
                .to_socket_addrs()
                .map_err(|e| ServerSpecError::Unresolvable(self.host.clone(), e.to_string()))?
                .next()
                .ok_or_else(|| {
                    ServerSpecError::Unresolvable(self.host.clone(), "no address".into())
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
        for bad in [
            "127.0.0.1:0",
            "127.0.0.1:99999",
            "",
            ":53",
            "ftp://x",
            "a b",
            "1:2:3:zz",
        ] {
            let err = ServerSpec::parse(bad).unwrap_err();
            assert!(err.to_string().contains("is not a server"), "{bad}: {err}");
        }
    }

    #[test]
    fn default_ports_follow_the_transport() {
        let s = spec("127.0.0.1", None);
        assert_eq!(s.resolve(Transport::Udp).unwrap().addr.port(), 53);
        assert_eq!(s.resolve(Transport::Tls).unwrap().addr.port(), 853);
        assert_eq!(s.resolve(Transport::Https).unwrap().addr.port(), 443);
    }
}
