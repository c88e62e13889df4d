//! Where a client connects, found when its command runs: a typed [`Target`] from the command
//! line, a host name looked up with the system's hosts file and resolver (never while the
//! command line is parsed).

use std::net::{SocketAddr, ToSocketAddrs};

use crate::cli::Target;
use crate::tr;

impl Target {
    /// The address to connect to: a name is looked up and its first address taken. The
    /// error is one line in the run's language, for a usage error.
    pub fn resolve(&self) -> Result<SocketAddr, String> {
        let (host, port) = match self {
            Target::Addr(addr) => return Ok(*addr),
            Target::Name { host, port } => (host, *port),
        };
        let target = self.to_string();
        match (host.as_str(), port).to_socket_addrs() {
            Ok(mut addrs) => addrs
                .next()
                .ok_or_else(|| tr!("value-target-no-addresses", text = target)),
            Err(error) => Err(tr!(
                "value-target-unresolved",
                text = target,
                error = crate::app::text::system_error(&error)
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only "localhost" and literal addresses: tests never ask the system's resolver.
    #[test]
    fn names_resolve_when_the_command_runs() {
        let localhost = Target::Name {
            host: "localhost".into(),
            port: 9,
        };
        assert_eq!(localhost.resolve().map(|a| a.port()), Ok(9));
        let literal = Target::Addr("127.0.0.1:7".parse().unwrap());
        assert_eq!(literal.resolve(), Ok("127.0.0.1:7".parse().unwrap()));
    }
}
