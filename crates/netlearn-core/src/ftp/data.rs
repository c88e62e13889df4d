//! The server's data connections: where PORT/EPRT ask it to connect (and whether it may,
//! RFC 2577), the passive listener of PASV/EPSV, and opening the one data connection a
//! transfer uses.
//!
//! A session holds at most one [`DataPlan`]: the next PORT, EPRT, PASV or EPSV replaces it
//! (closing a passive listener), a transfer uses it up, and QUIT or the end of the session
//! drops it. Nothing is connected until a transfer asks: PORT only records an address, so its
//! reply says nothing about whether a port answers.

use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use tokio::net::{TcpListener, TcpSocket, TcpStream};

/// The lowest port PORT and EPRT may name: below it are the well-known services a bounce
/// would reach (RFC 2577, section 3).
pub const LOWEST_ACTIVE_PORT: u16 = 1024;

/// Connections a passive listener keeps waiting in the kernel before the transfer accepts.
const PASSIVE_BACKLOG: u32 = 4;

/// The data connection a session has prepared for its next transfer.
#[derive(Debug, Default)]
pub enum DataPlan {
    #[default]
    None,
    /// PASV/EPSV: the server listens; the client connects.
    Passive(TcpListener),
    /// PORT/EPRT: the server connects to this address when the transfer starts.
    Active(SocketAddr),
}

/// Why PORT or EPRT was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActiveRefusal {
    /// Not `h1,h2,h3,h4,p1,p2` (PORT) or `|proto|address|port|` (EPRT).
    Syntax,
    /// EPRT names a network protocol other than 1 (IPv4) and 2 (IPv6).
    UnknownProtocol,
    /// The address is of the other family than the control connection's.
    WrongFamily,
    /// The address is not the control connection's peer (a bounce to a third party).
    ForeignAddress,
    /// A port below [`LOWEST_ACTIVE_PORT`].
    PrivilegedPort,
}

/// Why a transfer has no data connection.
#[derive(Debug)]
pub enum DataError {
    /// No PORT, EPRT, PASV or EPSV came before the transfer.
    NoPlan,
    /// Nobody connected to the passive port, or the client's port did not answer, in time.
    Timeout,
    /// Connecting or accepting failed.
    Io(io::Error),
}

/// Parses PORT's argument, `h1,h2,h3,h4,p1,p2`.
pub fn parse_port(argument: &str) -> Result<SocketAddr, ActiveRefusal> {
    let numbers: Vec<u8> = argument
        .split(',')
        .map(|part| part.trim().parse().map_err(|_| ActiveRefusal::Syntax))
        .collect::<Result<_, _>>()?;
    let [h1, h2, h3, h4, p1, p2] = numbers[..] else {
        return Err(ActiveRefusal::Syntax);
    };
    let port = (u16::from(p1) << 8) | u16::from(p2);
    Ok(SocketAddr::from((Ipv4Addr::new(h1, h2, h3, h4), port)))
}

/// Parses EPRT's argument (RFC 2428), `|1|132.235.1.2|6275|` or `|2|::1|5282|`: the first
/// character is the delimiter.
pub fn parse_eprt(argument: &str) -> Result<SocketAddr, ActiveRefusal> {
    let mut chars = argument.chars();
    let delimiter = chars.next().ok_or(ActiveRefusal::Syntax)?;
    if !(33..=126).contains(&u32::from(delimiter)) {
        return Err(ActiveRefusal::Syntax);
    }
    let fields: Vec<&str> = chars.as_str().split(delimiter).collect();
    let [protocol, address, port, ""] = fields[..] else {
        return Err(ActiveRefusal::Syntax);
    };
    let port: u16 = port.parse().map_err(|_| ActiveRefusal::Syntax)?;
    let ip: IpAddr = match protocol {
        "1" => address
            .parse::<Ipv4Addr>()
            .map_err(|_| ActiveRefusal::Syntax)?
            .into(),
        "2" => address
            .parse::<Ipv6Addr>()
            .map_err(|_| ActiveRefusal::Syntax)?
            .into(),
        _ => return Err(ActiveRefusal::UnknownProtocol),
    };
    Ok(SocketAddr::new(ip, port))
}

/// RFC 2577's rule for active mode: the server connects only back to the client that asked
/// (the control connection's peer address) and only to a port of 1024 or more. Anything else
/// lets a client use the server to reach a third machine or to probe which ports answer.
pub fn check_active(target: SocketAddr, control_peer: IpAddr) -> Result<(), ActiveRefusal> {
    let (target_ip, peer) = (target.ip().to_canonical(), control_peer.to_canonical());
    if target_ip.is_ipv4() != peer.is_ipv4() {
        return Err(ActiveRefusal::WrongFamily);
    }
    if target_ip != peer {
        return Err(ActiveRefusal::ForeignAddress);
    }
    if target.port() < LOWEST_ACTIVE_PORT {
        return Err(ActiveRefusal::PrivilegedPort);
    }
    Ok(())
}

/// PASV/EPSV: a listener on the control connection's own address, any free port.
pub fn listen_passive(local: IpAddr) -> io::Result<TcpListener> {
    let socket = match local {
        IpAddr::V4(_) => TcpSocket::new_v4()?,
        IpAddr::V6(_) => TcpSocket::new_v6()?,
    };
    socket.bind(SocketAddr::new(local, 0))?;
    socket.listen(PASSIVE_BACKLOG)
}

/// The plan's data connection: accepts the client's connection to the passive port (only
/// from the control connection's address: a connection from elsewhere is closed and the wait
/// goes on), or connects to the PORT address from the control connection's local address.
/// Either way within `limit`.
pub async fn open(
    plan: DataPlan,
    local: IpAddr,
    control_peer: IpAddr,
    limit: Duration,
) -> Result<TcpStream, DataError> {
    let work = async {
        match plan {
            DataPlan::None => Err(DataError::NoPlan),
            DataPlan::Passive(listener) => loop {
                let (stream, from) = listener.accept().await.map_err(DataError::Io)?;
                if from.ip().to_canonical() == control_peer.to_canonical() {
                    break Ok(stream);
                }
                // Someone else found the port first: theirs is not this client's transfer.
                drop(stream);
            },
            DataPlan::Active(target) => {
                let socket = match local {
                    IpAddr::V4(_) => TcpSocket::new_v4(),
                    IpAddr::V6(_) => TcpSocket::new_v6(),
                }
                .map_err(DataError::Io)?;
                socket
                    .bind(SocketAddr::new(local, 0))
                    .map_err(DataError::Io)?;
                socket.connect(target).await.map_err(DataError::Io)
            }
        }
    };
    tokio::time::timeout(limit, work)
        .await
        .unwrap_or(Err(DataError::Timeout))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> SocketAddr {
        text.parse().unwrap()
    }

    #[test]
    fn port_and_eprt_arguments_parse_or_are_syntax_errors() {
        assert_eq!(parse_port("127,0,0,1,39,15"), Ok(at("127.0.0.1:9999")));
        assert_eq!(parse_port(" 10, 0,0,2,0,21"), Ok(at("10.0.0.2:21")));
        for bad in [
            "",
            "1,2,3,4,5",
            "1,2,3,4,5,6,7",
            "256,0,0,1,0,1",
            "a,b,c,d,e,f",
        ] {
            assert_eq!(parse_port(bad), Err(ActiveRefusal::Syntax), "{bad:?}");
        }
        assert_eq!(parse_eprt("|1|127.0.0.1|5000|"), Ok(at("127.0.0.1:5000")));
        assert_eq!(parse_eprt("!2!::1!5000!"), Ok(at("[::1]:5000")));
        assert_eq!(
            parse_eprt("|3|x|5000|"),
            Err(ActiveRefusal::UnknownProtocol)
        );
        for bad in [
            "",
            "|1|127.0.0.1|5000",
            "|1|::1|5000|",
            "|2|1.2.3.4|1|",
            "|1|1.2.3.4|x|",
        ] {
            assert_eq!(parse_eprt(bad), Err(ActiveRefusal::Syntax), "{bad:?}");
        }
    }

    #[test]
    fn active_mode_only_back_to_the_client_and_never_below_1024() {
        let client: IpAddr = "127.0.0.1".parse().unwrap();
        assert_eq!(check_active(at("127.0.0.1:1024"), client), Ok(()));
        assert_eq!(check_active(at("127.0.0.1:65535"), client), Ok(()));
        // A third party, even on the same loopback network: the bounce.
        assert_eq!(
            check_active(at("127.0.0.2:5000"), client),
            Err(ActiveRefusal::ForeignAddress)
        );
        assert_eq!(
            check_active(at("192.0.2.1:5000"), client),
            Err(ActiveRefusal::ForeignAddress)
        );
        // The client's own address, a service's port: a probe of (or an attack on) the client's
        // own machine through the server.
        assert_eq!(
            check_active(at("127.0.0.1:21"), client),
            Err(ActiveRefusal::PrivilegedPort)
        );
        assert_eq!(
            check_active(at("[::1]:5000"), client),
            Err(ActiveRefusal::WrongFamily)
        );
        // An IPv4 client seen through an IPv6 socket is the same client.
        let mapped: IpAddr = "::ffff:127.0.0.1".parse().unwrap();
        assert_eq!(check_active(at("127.0.0.1:5000"), mapped), Ok(()));
    }

    #[tokio::test]
    async fn a_passive_connection_from_another_address_is_not_the_transfer() {
        let client: IpAddr = "127.0.0.1".parse().unwrap();
        let listener = listen_passive(client).unwrap();
        let port = listener.local_addr().unwrap().port();
        // A thief on 127.0.0.2 connects first, then the client.
        let thief = TcpSocket::new_v4().unwrap();
        thief.bind(at("127.0.0.2:0")).unwrap();
        let _thief = thief.connect(SocketAddr::new(client, port)).await.unwrap();
        let mine = TcpStream::connect(SocketAddr::new(client, port))
            .await
            .unwrap();
        let opened = open(
            DataPlan::Passive(listener),
            client,
            client,
            Duration::from_secs(5),
        )
        .await
        .unwrap();
        assert_eq!(opened.peer_addr().unwrap(), mine.local_addr().unwrap());
        let none = open(DataPlan::None, client, client, Duration::from_secs(1)).await;
        assert!(matches!(none, Err(DataError::NoPlan)));
    }
}
