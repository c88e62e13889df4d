//! The next step for the errors a beginner meets first: a refused connection and a port that
//! is already in use, worded from what this machine's socket tables say.

use std::net::SocketAddr;
use std::time::Duration;

use crate::net::sockets::{self, PortHolder, Transport};

fn transport_name(transport: Transport) -> &'static str {
    match transport {
        Transport::Tcp => "tcp",
        Transport::Udp => "udp",
    }
}

fn seconds(duration: Duration) -> u64 {
    duration.as_secs() + u64::from(duration.subsec_millis() >= 500)
}

/// Why `addr` cannot be bound, with the next step: the program and pid that listen there
/// (where /proc shows them), or the TIME_WAIT connections a server that did not set
/// SO_REUSEADDR left behind, and how long they last.
pub fn address_in_use(transport: Transport, addr: SocketAddr) -> String {
    let proto = transport_name(transport);
    let port = addr.port();
    let what = match sockets::holder(transport, addr.ip(), port) {
        PortHolder::Bound {
            local,
            owner: Some(owner),
        } => format!(
            "{} (pid {}) is bound to {local}; stop it, or choose another port with --port \
             (--port 0 lets the system pick a free one)",
            owner.program, owner.pid
        ),
        PortHolder::Bound { local, owner: None } => format!(
            "another program is bound to {local} (its process is not visible to this user: \
             `sudo ss -lntup 'sport = :{port}'` names it); stop it, or choose another port with \
             --port"
        ),
        PortHolder::TimeWaitOnly {
            connections,
            longest_left,
        } => {
            let left = longest_left
                .map(|d| format!("within {} s", seconds(d)))
                .unwrap_or_else(|| "within 60 s".to_string());
            format!(
                "no program holds port {port}, only {connections} closed {} in TIME_WAIT, which \
                 end {left}. They were made by a server that did not set SO_REUSEADDR (the \
                 article's server.py does not), and Linux lets a new socket share a port with \
                 them only when both set it. Wait, or choose another port with --port; \
                 `netlearn explain TIME_WAIT` shows why",
                if connections == 1 {
                    "connection"
                } else {
                    "connections"
                }
            )
        }
        PortHolder::Connections { connections } => format!(
            "{connections} open {} use port {port}; choose another port with --port",
            if connections == 1 {
                "connection"
            } else {
                "connections"
            }
        ),
        PortHolder::Free => {
            "another program holds it (not visible from here); choose another port with --port"
                .to_string()
        }
    };
    format!("{addr} ({proto}) is already in use: {what}")
}

/// What a refused connection to `addr` means, and what to start. `server` is the netlearn
/// command that would listen there (`netlearn echo serve`), if any fits.
pub fn connection_refused(transport: Transport, addr: SocketAddr, server: Option<&str>) -> String {
    let proto = transport_name(transport);
    let how = match transport {
        Transport::Tcp => "the connection was refused",
        Transport::Udp => "an ICMP \"port unreachable\" came back",
    };
    match server {
        Some(command) => format!(
            "nothing listens on {addr} ({proto}): {how}. Is the server running? Start one with \
             `{command}` in another terminal, then try again"
        ),
        None => format!("nothing listens on {addr} ({proto}): {how}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listener_of_ours_is_named_with_its_pid() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let hint = address_in_use(Transport::Tcp, addr);
        assert!(
            hint.contains(&format!("pid {}", std::process::id())),
            "{hint}"
        );
        assert!(hint.contains("--port"), "{hint}");
    }

    #[test]
    fn refused_names_the_address_protocol_and_the_server_to_start() {
        let addr: SocketAddr = "127.0.0.1:5008".parse().unwrap();
        let hint = connection_refused(Transport::Udp, addr, Some("netlearn echo serve --udp"));
        assert!(hint.contains("127.0.0.1:5008 (udp)"), "{hint}");
        assert!(hint.contains("`netlearn echo serve --udp`"), "{hint}");
    }

    #[test]
    fn time_wait_left_by_a_server_without_so_reuseaddr_is_explained() {
        use socket2::{Domain, Socket, Type};
        // The article's server: no SO_REUSEADDR, and it closes the connection first, so the
        // TIME_WAIT is on its own port.
        let server = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
        server
            .bind(&"127.0.0.1:0".parse::<SocketAddr>().unwrap().into())
            .unwrap();
        server.listen(5).unwrap();
        let addr = server.local_addr().unwrap().as_socket().unwrap();
        let client = std::net::TcpStream::connect(addr).unwrap();
        let (conn, _) = server.accept().unwrap();
        drop(conn);
        drop(server);
        let mut buffer = [0u8; 1];
        assert_eq!(std::io::Read::read(&mut &client, &mut buffer).unwrap(), 0);
        drop(client);
        let hint = address_in_use(Transport::Tcp, addr);
        assert!(hint.contains("TIME_WAIT"), "{hint}");
        assert!(hint.contains("SO_REUSEADDR"), "{hint}");
    }
}
