//! The next step for the errors a beginner meets first: a refused connection and a port that
//! is already in use, worded from what this machine's socket tables say.

use std::net::SocketAddr;
use std::time::Duration;

use crate::net::sockets::{self, PortHolder, Transport};
use crate::tr;

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
    let what = port_holder(
        &sockets::holder(transport, addr.ip(), addr.port()),
        addr.port(),
    );
    tr!(
        "hint-in-use",
        addr = addr.to_string(),
        proto = transport_name(transport),
        what = what
    )
}

/// What holds `port`, as /proc shows it, with the next step.
pub fn port_holder(holder: &PortHolder, port: u16) -> String {
    let port = port.to_string();
    match holder {
        PortHolder::Bound {
            local,
            owner: Some(owner),
        } => tr!(
            "hint-in-use-by-program",
            program = owner.program.as_str(),
            pid = owner.pid.to_string(),
            local = local.to_string()
        ),
        PortHolder::Bound { local, owner: None } => tr!(
            "hint-in-use-by-hidden",
            local = local.to_string(),
            port = port.clone()
        ),
        PortHolder::TimeWaitOnly {
            connections,
            longest_left,
        } => tr!(
            "hint-in-use-time-wait",
            port = port.clone(),
            connections = *connections,
            seconds = longest_left.map_or(60, seconds)
        ),
        PortHolder::Connections { connections } => tr!(
            "hint-in-use-connections",
            connections = *connections,
            port = port.clone()
        ),
        PortHolder::Free => tr!("hint-in-use-unknown"),
    }
}

/// What a refused connection to `addr` means, and what to start. `server` is the netlearn
/// command that would listen there (`netlearn echo serve`), if any fits.
pub fn connection_refused(transport: Transport, addr: SocketAddr, server: Option<&str>) -> String {
    let proto = transport_name(transport);
    let how = match transport {
        Transport::Tcp => tr!("hint-refused-tcp"),
        Transport::Udp => tr!("hint-refused-udp"),
    };
    let addr = addr.to_string();
    match server {
        Some(command) => tr!(
            "hint-refused-start",
            addr = addr,
            proto = proto,
            how = how,
            command = command
        ),
        None => tr!("hint-refused", addr = addr, proto = proto, how = how),
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
        // The client's FIN reaches the server's end a moment after close() returns: wait for
        // that end to enter TIME_WAIT (bounded), as the kernel's table shows it.
        let mut hint = address_in_use(Transport::Tcp, addr);
        for _ in 0..200 {
            if hint.contains("TIME_WAIT") {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
            hint = address_in_use(Transport::Tcp, addr);
        }
        assert!(hint.contains("TIME_WAIT"), "{hint}");
        assert!(hint.contains("SO_REUSEADDR"), "{hint}");
    }
}
