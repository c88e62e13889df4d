//! The UDP echo server: one datagram in, the same datagram back, never an amplifier.

use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::time::Instant;

use socket2::{Domain, Protocol, Socket, Type};
use tokio::net::UdpSocket;
use tokio_util::sync::CancellationToken;

use super::datagram::{DatagramSocket, serve_datagrams};
use super::endpoint::Endpoint;
use super::event::{Call, DroppedDatagrams, Events, InvalidDatagram, Proto, Summary};
use super::framing::{Framing, LENGTH_PREFIX_LEN};
use super::limit::{MAX_SOURCES, SourceLimiter};
use super::server::{ServerConfig, SetupCalls, family_name};

/// Source ports whose services answer any datagram: replying to them can start an endless
/// echo loop (RFC 862 echo vs RFC 864 chargen) or reflect traffic at a victim.
/// Every port below 1024 is a well-known service port and is refused as a whole.
const REFLECTOR_PORTS: &[(u16, &str)] = &[
    (1900, "SSDP"),
    (3702, "WS-Discovery"),
    (5353, "mDNS"),
    (5683, "CoAP"),
    (11211, "memcached"),
];

/// A well-known service below 1024 that is named when a datagram from its port is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Service {
    /// RFC 862: two echo servers would bounce a datagram forever.
    Echo,
    /// RFC 867.
    Daytime,
    /// RFC 865.
    Qotd,
    /// RFC 864: the classic echo/chargen loop.
    Chargen,
    /// RFC 868.
    Time,
    Dns,
    Ntp,
    Snmp,
}

impl Service {
    /// The protocol's short name, as services(5) spells it (DNS, NTP and SNMP in capitals).
    pub fn name(self) -> &'static str {
        match self {
            Service::Echo => "echo",
            Service::Daytime => "daytime",
            Service::Qotd => "qotd",
            Service::Chargen => "chargen",
            Service::Time => "time",
            Service::Dns => "DNS",
            Service::Ntp => "NTP",
            Service::Snmp => "SNMP",
        }
    }

    /// The RFC that defines the service, for the small ones that answer anything.
    pub fn rfc(self) -> Option<u16> {
        match self {
            Service::Echo => Some(862),
            Service::Daytime => Some(867),
            Service::Qotd => Some(865),
            Service::Chargen => Some(864),
            Service::Time => Some(868),
            Service::Dns | Service::Ntp | Service::Snmp => None,
        }
    }
}

/// Why a datagram from a source port must not be answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReflectionRisk {
    /// Port 0 is no valid source.
    PortZero,
    /// A named well-known service.
    Service { port: u16, service: Service },
    /// Any other port below 1024.
    WellKnown { port: u16 },
    /// A port above 1023 whose service answers anything (`name` as the protocol is called).
    Reflector { port: u16, name: &'static str },
}

/// Why a datagram from this source must not be answered, if it must not.
pub fn reflection_risk(source: SocketAddr) -> Option<ReflectionRisk> {
    let port = source.port();
    let service = match port {
        0 => return Some(ReflectionRisk::PortZero),
        7 => Some(Service::Echo),
        13 => Some(Service::Daytime),
        17 => Some(Service::Qotd),
        19 => Some(Service::Chargen),
        37 => Some(Service::Time),
        53 => Some(Service::Dns),
        123 => Some(Service::Ntp),
        161 => Some(Service::Snmp),
        _ => None,
    };
    if let Some(service) = service {
        return Some(ReflectionRisk::Service { port, service });
    }
    if port < 1024 {
        return Some(ReflectionRisk::WellKnown { port });
    }
    REFLECTOR_PORTS
        .iter()
        .find(|(reflector, _)| *reflector == port)
        .map(|&(port, name)| ReflectionRisk::Reflector { port, name })
}

/// Whether a datagram is one valid message under `framing`; the reason if it is not.
pub fn check_datagram(
    framing: Framing,
    max_frame: usize,
    datagram: &[u8],
) -> Result<(), InvalidDatagram> {
    let len = datagram.len();
    if len > max_frame {
        return Err(InvalidDatagram::OverMaxFrame {
            len,
            max: max_frame,
        });
    }
    match framing {
        Framing::Line | Framing::Raw => Ok(()),
        Framing::Fixed(size) if len > size => Err(InvalidDatagram::LongerThanFixed { len, size }),
        Framing::Fixed(_) => Ok(()),
        Framing::Length => {
            let Some((prefix, payload)) = datagram.split_first_chunk::<LENGTH_PREFIX_LEN>() else {
                return Err(InvalidDatagram::ShortForPrefix { len });
            };
            let declared = u32::from_be_bytes(*prefix) as usize;
            if declared != payload.len() {
                return Err(InvalidDatagram::PrefixDisagrees {
                    declared,
                    carried: payload.len(),
                });
            }
            Ok(())
        }
    }
}

/// Creates the UDP socket (socket, bind). Must be called inside a tokio runtime.
pub fn bind_udp(addr: SocketAddr) -> io::Result<(UdpSocket, SetupCalls)> {
    let socket = Socket::new(Domain::for_address(addr), Type::DGRAM, Some(Protocol::UDP))?;
    let mut calls = vec![Call::Socket {
        family: family_name(addr),
        kind: "SOCK_DGRAM",
    }];
    socket.set_nonblocking(true)?;
    socket.bind(&addr.into())?;
    let bound = socket.local_addr()?.as_socket().unwrap_or(addr);
    calls.push(Call::Bind { addr: bound });
    let socket = UdpSocket::from_std(std::net::UdpSocket::from(socket))?;
    Ok((socket, calls))
}

/// Whether `source` is this server's own socket (or, for a wildcard bind, the same port on
/// one of this machine's addresses): answering it would send the datagram to ourselves, and
/// it would bounce forever. `local_ips` are this machine's addresses, for a wildcard bind.
pub fn is_own_address(source: SocketAddr, local: SocketAddr, local_ips: &[IpAddr]) -> bool {
    if source.port() != local.port() {
        return false;
    }
    let source_ip = source.ip().to_canonical();
    let local_ip = local.ip().to_canonical();
    if source_ip == local_ip {
        return true;
    }
    // Every loopback address is this machine, whichever one the server bound.
    if source_ip.is_loopback() && (local_ip.is_loopback() || local_ip.is_unspecified()) {
        return true;
    }
    local_ip.is_unspecified() && local_ips.iter().any(|ip| ip.to_canonical() == source_ip)
}

/// This machine's addresses, read once at start (only needed for a wildcard bind).
fn machine_addresses(local: SocketAddr) -> Vec<IpAddr> {
    if !local.ip().is_unspecified() {
        return Vec::new();
    }
    if_addrs::get_if_addrs()
        .map(|interfaces| interfaces.into_iter().map(|i| i.ip()).collect())
        .unwrap_or_default()
}

/// The UDP socket with the rules on whom it answers.
struct UdpEcho {
    socket: UdpSocket,
    local: Option<SocketAddr>,
    /// This machine's addresses, for a wildcard bind.
    local_ips: Vec<IpAddr>,
    limiter: SourceLimiter,
    framing: Framing,
    max_frame: usize,
    udp_rate: u32,
}

impl DatagramSocket for UdpEcho {
    type Source = SocketAddr;
    type Dest = SocketAddr;
    const PROTO: Proto = Proto::Udp;

    fn recv_from(
        &self,
        buf: &mut [u8],
    ) -> impl Future<Output = io::Result<(usize, SocketAddr)>> + Send {
        self.socket.recv_from(buf)
    }

    fn send_to(
        &self,
        datagram: &[u8],
        dest: &SocketAddr,
    ) -> impl Future<Output = io::Result<usize>> + Send {
        self.socket.send_to(datagram, *dest)
    }

    fn rate_limit(&self) -> u32 {
        self.udp_rate
    }

    /// Never its own address or a service port, only whole messages, and each source IP at
    /// most `udp_rate` times a second.
    fn admit(
        &mut self,
        peer: SocketAddr,
        datagram: &[u8],
        dropped: &mut DroppedDatagrams,
    ) -> Option<SocketAddr> {
        if self
            .local
            .is_some_and(|local| is_own_address(peer, local, &self.local_ips))
        {
            dropped.add_own_address();
        } else if reflection_risk(peer).is_some() {
            dropped.add_service_port(peer);
        } else if let Err(reason) = check_datagram(self.framing, self.max_frame, datagram) {
            dropped.add_invalid(reason);
        } else if !self.limiter.allow(peer.ip().to_canonical(), Instant::now()) {
            dropped.add_over_rate(peer.ip().to_canonical().into());
        } else {
            return Some(peer);
        }
        None
    }

    fn received(peer: &SocketAddr, bytes: usize) -> Call {
        Call::Recvfrom { peer: *peer, bytes }
    }

    fn sent(peer: &SocketAddr, bytes: usize) -> Call {
        Call::Sendto { peer: *peer, bytes }
    }

    fn message_peer(peer: &SocketAddr) -> Option<SocketAddr> {
        Some(*peer)
    }

    fn endpoint(peer: &SocketAddr) -> Endpoint {
        Endpoint::Inet(*peer)
    }
}

/// Echoes datagrams until `shutdown` is cancelled. Never answers its own address or a
/// service port, answers each source IP at most `config.udp_rate` times a second, and sums
/// up what it dropped once a second.
pub async fn serve_udp(
    socket: UdpSocket,
    config: ServerConfig,
    events: Events,
    shutdown: CancellationToken,
) -> Summary {
    let local = socket.local_addr().ok();
    let echo = UdpEcho {
        local_ips: local.map(machine_addresses).unwrap_or_default(),
        local,
        socket,
        limiter: SourceLimiter::new(config.udp_rate, MAX_SOURCES, Instant::now()),
        framing: config.framing,
        max_frame: config.max_frame,
        udp_rate: config.udp_rate,
    };
    serve_datagrams(echo, &config, events, shutdown).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_well_known_and_reflector_source_ports() {
        for port in [0, 7, 19, 53, 123, 1023, 1900, 11211] {
            let source: SocketAddr = ([127, 0, 0, 1], port).into();
            assert!(reflection_risk(source).is_some(), "port {port}");
        }
        let at = |port: u16| reflection_risk(([127, 0, 0, 1], port).into());
        assert_eq!(at(0), Some(ReflectionRisk::PortZero));
        assert_eq!(
            at(7),
            Some(ReflectionRisk::Service {
                port: 7,
                service: Service::Echo
            })
        );
        assert_eq!(at(1023), Some(ReflectionRisk::WellKnown { port: 1023 }));
        assert_eq!(
            at(5353),
            Some(ReflectionRisk::Reflector {
                port: 5353,
                name: "mDNS"
            })
        );
        for port in [1024, 5008, 40000, 65535] {
            let source: SocketAddr = ([127, 0, 0, 1], port).into();
            assert!(reflection_risk(source).is_none(), "port {port}");
        }
    }

    #[test]
    fn own_address_is_never_answered() {
        let bound: SocketAddr = ([127, 0, 0, 1], 5009).into();
        let wildcard: SocketAddr = ([0, 0, 0, 0], 5009).into();
        let wildcard6: SocketAddr = "[::]:5009".parse().unwrap();
        let lan = IpAddr::from([192, 168, 1, 20]);
        let own = |source: &str, local: SocketAddr| {
            is_own_address(source.parse().unwrap(), local, &[lan])
        };
        assert!(own("127.0.0.1:5009", bound));
        assert!(own("127.0.0.2:5009", bound), "all of 127/8 is this machine");
        assert!(own("127.0.0.1:5009", wildcard));
        assert!(own("192.168.1.20:5009", wildcard));
        assert!(own("[::ffff:192.168.1.20]:5009", wildcard6));
        assert!(own("[::1]:5009", wildcard6));
        // Another port, or another machine, is an ordinary peer.
        assert!(!own("127.0.0.1:5010", bound));
        assert!(!own("192.168.1.21:5009", wildcard));
        assert!(!own("192.168.1.20:5009", bound));
    }

    #[test]
    fn datagrams_are_checked_against_the_framing() {
        assert!(check_datagram(Framing::Raw, 10, b"hello").is_ok());
        assert!(check_datagram(Framing::Raw, 4, b"hello").is_err());
        assert!(check_datagram(Framing::Fixed(4), 10, b"hello").is_err());
        assert!(check_datagram(Framing::Fixed(8), 10, b"hello").is_ok());
        assert!(check_datagram(Framing::Length, 10, &[0, 0, 0, 2, b'h', b'i']).is_ok());
        assert!(check_datagram(Framing::Length, 10, &[0, 0, 0, 3, b'h', b'i']).is_err());
        assert!(check_datagram(Framing::Length, 10, &[0, 0]).is_err());
    }
}
