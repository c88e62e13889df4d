//! This machine's own sockets as the kernel lists them in /proc/net/{tcp,tcp6,udp,udp6}, and
//! which process holds each: who is on a port, and whether only TIME_WAIT is left there.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::Path;
use std::time::Duration;

/// Transport of a socket table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transport {
    Tcp,
    Udp,
}

/// A TCP state as the kernel numbers them (include/net/tcp_states.h). UDP sockets show
/// `Close` (unconnected) or `Established` (connected).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TcpState {
    Established,
    SynSent,
    SynRecv,
    FinWait1,
    FinWait2,
    TimeWait,
    Close,
    CloseWait,
    LastAck,
    Listen,
    Closing,
    NewSynRecv,
}

impl TcpState {
    /// The kernel's number for a state (`st` of /proc/net/tcp, `tcpi_state` of TCP_INFO).
    pub(crate) fn from_kernel(code: u8) -> Option<TcpState> {
        Some(match code {
            0x01 => TcpState::Established,
            0x02 => TcpState::SynSent,
            0x03 => TcpState::SynRecv,
            0x04 => TcpState::FinWait1,
            0x05 => TcpState::FinWait2,
            0x06 => TcpState::TimeWait,
            0x07 => TcpState::Close,
            0x08 => TcpState::CloseWait,
            0x09 => TcpState::LastAck,
            0x0A => TcpState::Listen,
            0x0B => TcpState::Closing,
            0x0C => TcpState::NewSynRecv,
            _ => return None,
        })
    }

    /// The name RFC 793 uses: `ss` says CLOSE where the RFC says CLOSED.
    pub fn rfc_name(self) -> &'static str {
        match self {
            TcpState::Close => "CLOSED",
            other => other.name(),
        }
    }

    /// The name `ss` and RFC 793 use.
    pub fn name(self) -> &'static str {
        match self {
            TcpState::Established => "ESTABLISHED",
            TcpState::SynSent => "SYN_SENT",
            TcpState::SynRecv | TcpState::NewSynRecv => "SYN_RECV",
            TcpState::FinWait1 => "FIN_WAIT_1",
            TcpState::FinWait2 => "FIN_WAIT_2",
            TcpState::TimeWait => "TIME_WAIT",
            TcpState::Close => "CLOSE",
            TcpState::CloseWait => "CLOSE_WAIT",
            TcpState::LastAck => "LAST_ACK",
            TcpState::Listen => "LISTEN",
            TcpState::Closing => "CLOSING",
        }
    }
}

/// One row of a /proc/net socket table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SocketEntry {
    pub transport: Transport,
    pub local: SocketAddr,
    pub remote: SocketAddr,
    pub state: TcpState,
    /// The socket's inode: what /proc/PID/fd links name as `socket:[INODE]`. 0 for sockets no
    /// process holds any more (TIME_WAIT).
    pub inode: u64,
    /// Time left on the socket's timer, where the kernel runs one (TIME_WAIT's countdown).
    pub timer_left: Option<Duration>,
}

/// A process holding a socket.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Owner {
    pub pid: u32,
    pub program: String,
}

/// The kernel reports timers in clock ticks of USER_HZ, which is 100 on every Linux ABI.
const USER_HZ: u64 = 100;

fn parse_v4(hex: &str) -> Option<IpAddr> {
    // The kernel prints the address as one host-order u32 in hex.
    let raw = u32::from_str_radix(hex, 16).ok()?;
    Some(IpAddr::V4(Ipv4Addr::from(raw.to_ne_bytes())))
}

fn parse_v6(hex: &str) -> Option<IpAddr> {
    if hex.len() != 32 {
        return None;
    }
    // Four host-order u32 words.
    let mut bytes = [0u8; 16];
    for word in 0..4 {
        let raw = u32::from_str_radix(&hex[word * 8..word * 8 + 8], 16).ok()?;
        bytes[word * 4..word * 4 + 4].copy_from_slice(&raw.to_ne_bytes());
    }
    Some(IpAddr::V6(Ipv6Addr::from(bytes)))
}

fn parse_endpoint(text: &str) -> Option<SocketAddr> {
    let (addr, port) = text.split_once(':')?;
    let ip = match addr.len() {
        8 => parse_v4(addr)?,
        32 => parse_v6(addr)?,
        _ => return None,
    };
    Some(SocketAddr::new(ip, u16::from_str_radix(port, 16).ok()?))
}

/// Parses one /proc/net/{tcp,udp}[6] table; lines that do not parse are skipped.
pub fn parse_table(text: &str, transport: Transport) -> Vec<SocketEntry> {
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            if fields.len() < 10 {
                return None;
            }
            let local = parse_endpoint(fields[1])?;
            let remote = parse_endpoint(fields[2])?;
            let state = TcpState::from_kernel(u8::from_str_radix(fields[3], 16).ok()?)?;
            let (timer, when) = fields[5].split_once(':')?;
            let timer_left = (timer != "00")
                .then(|| u64::from_str_radix(when, 16).ok())
                .flatten()
                .map(|ticks| Duration::from_millis(ticks * 1000 / USER_HZ));
            let inode = fields[9].parse().ok()?;
            Some(SocketEntry {
                transport,
                local,
                remote,
                state,
                inode,
                timer_left,
            })
        })
        .collect()
}

/// Every socket of `transport` on this machine (in this network namespace), IPv4 and IPv6,
/// each once.
///
/// The kernel hands /proc/net/tcp over a page (some 27 rows) per read and finds its place
/// again at the next read by counting rows in a hash bucket; when other programs open or close
/// sockets in between, a row is listed twice or not at all (seen: a demo's one TIME_WAIT row
/// three times while the test suite ran). So the table is read twice, each socket kept once
/// with its state from the later pass: a row one pass skipped is still there.
pub fn read_sockets(transport: Transport) -> Vec<SocketEntry> {
    let names: [&str; 2] = match transport {
        Transport::Tcp => ["/proc/net/tcp", "/proc/net/tcp6"],
        Transport::Udp => ["/proc/net/udp", "/proc/net/udp6"],
    };
    let pass = || -> Vec<SocketEntry> {
        names
            .iter()
            .filter_map(|path| std::fs::read_to_string(path).ok())
            .flat_map(|text| parse_table(&text, transport))
            .collect()
    };
    merge_passes([pass(), pass()])
}

/// The rows of several passes over a socket table, each socket once (in the order first
/// seen), with its fields from the last pass that listed it. A TCP connection is known by its
/// two ends (the kernel keeps one per pair); a listener or a UDP socket by its inode too.
fn merge_passes<const N: usize>(passes: [Vec<SocketEntry>; N]) -> Vec<SocketEntry> {
    let key = |entry: &SocketEntry| {
        let connected = entry.transport == Transport::Tcp && entry.remote.port() != 0;
        (
            entry.local,
            entry.remote,
            if connected { 0 } else { entry.inode },
        )
    };
    let mut merged: Vec<SocketEntry> = Vec::new();
    let mut index = HashMap::new();
    for entry in passes.into_iter().flatten() {
        match index.get(&key(&entry)) {
            Some(&at) => merged[at] = entry,
            None => {
                index.insert(key(&entry), merged.len());
                merged.push(entry);
            }
        }
    }
    merged
}

/// The processes holding the sockets `inodes`, where /proc lets this user see them (another
/// user's processes are invisible without privileges).
pub fn owners(inodes: &[u64]) -> HashMap<u64, Owner> {
    owners_in(Path::new("/proc"), inodes)
}

fn owners_in(proc_root: &Path, inodes: &[u64]) -> HashMap<u64, Owner> {
    let mut found = HashMap::new();
    let wanted: Vec<u64> = inodes.iter().copied().filter(|&inode| inode != 0).collect();
    if wanted.is_empty() {
        return found;
    }
    let Ok(processes) = std::fs::read_dir(proc_root) else {
        return found;
    };
    for process in processes.flatten() {
        let Some(pid) = process
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(fds) = std::fs::read_dir(process.path().join("fd")) else {
            continue;
        };
        for fd in fds.flatten() {
            let Ok(target) = std::fs::read_link(fd.path()) else {
                continue;
            };
            let Some(inode) = target
                .to_str()
                .and_then(|t| t.strip_prefix("socket:["))
                .and_then(|t| t.strip_suffix(']'))
                .and_then(|t| t.parse::<u64>().ok())
            else {
                continue;
            };
            if wanted.contains(&inode) && !found.contains_key(&inode) {
                let program = std::fs::read_to_string(process.path().join("comm"))
                    .map(|comm| comm.trim_end().to_string())
                    .unwrap_or_default();
                found.insert(inode, Owner { pid, program });
            }
        }
        if found.len() == wanted.len() {
            break;
        }
    }
    found
}

/// Who keeps `port` busy for a new socket of `transport` bound to `ip`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PortHolder {
    /// Nothing on this machine uses the port (in this namespace).
    Free,
    /// A socket is bound there; for TCP, one that listens.
    Bound {
        local: SocketAddr,
        owner: Option<Owner>,
    },
    /// Only connections in TIME_WAIT are left on the port: no process holds them.
    TimeWaitOnly {
        connections: usize,
        longest_left: Option<Duration>,
    },
    /// Connections (not a listener) use the port, e.g. a client's or a closing server's.
    Connections { connections: usize },
}

fn overlaps(bound: IpAddr, wanted: IpAddr) -> bool {
    bound.is_unspecified() || wanted.is_unspecified() || bound == wanted
}

/// Classifies what holds `ip:port` from the socket tables `entries`.
pub fn holder_in(entries: &[SocketEntry], ip: IpAddr, port: u16) -> PortHolder {
    let on_port: Vec<&SocketEntry> = entries
        .iter()
        .filter(|e| e.local.port() == port && overlaps(e.local.ip(), ip))
        .collect();
    let bound = on_port.iter().find(|e| match e.transport {
        Transport::Tcp => e.state == TcpState::Listen,
        Transport::Udp => true,
    });
    if let Some(entry) = bound {
        let owner = owners(&[entry.inode]).remove(&entry.inode);
        return PortHolder::Bound {
            local: entry.local,
            owner,
        };
    }
    if on_port.is_empty() {
        return PortHolder::Free;
    }
    if on_port.iter().all(|e| e.state == TcpState::TimeWait) {
        return PortHolder::TimeWaitOnly {
            connections: on_port.len(),
            longest_left: on_port.iter().filter_map(|e| e.timer_left).max(),
        };
    }
    PortHolder::Connections {
        connections: on_port.len(),
    }
}

/// What holds `ip:port` for `transport` on this machine now.
pub fn holder(transport: Transport, ip: IpAddr, port: u16) -> PortHolder {
    holder_in(&read_sockets(transport), ip, port)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1390 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 37762 1 0000000072d00ecb 100 0 0 10 0
   1: 0100007F:1390 0100007F:D15A 06 00000000:00000000 03:00000853 00000000     0        0 0 3 000000008117bd8a
";

    #[test]
    fn passes_merge_into_each_socket_once_with_its_latest_state() {
        let first = parse_table(TABLE, Transport::Tcp);
        let listener = first[0].clone();
        let time_wait = first[1].clone();
        // A pass that listed the connection twice and missed the listener.
        let doubled = vec![time_wait.clone(), time_wait.clone()];
        let merged = merge_passes([doubled.clone(), vec![listener.clone()]]);
        assert_eq!(merged, [time_wait.clone(), listener.clone()]);
        // A connection that moved on between the passes keeps the later state once.
        let mut earlier = time_wait.clone();
        earlier.state = TcpState::FinWait2;
        earlier.inode = 4242;
        let merged = merge_passes([vec![listener.clone(), earlier], doubled]);
        assert_eq!(merged, [listener.clone(), time_wait.clone()]);
        // Two listeners on one address (SO_REUSEPORT) are two sockets.
        let mut twin = listener.clone();
        twin.inode += 1;
        assert_eq!(merge_passes([vec![listener, twin]]).len(), 2);
    }

    #[test]
    fn parses_the_kernel_table() {
        let entries = parse_table(TABLE, Transport::Tcp);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].local, "127.0.0.1:5008".parse().unwrap());
        assert_eq!(entries[0].state, TcpState::Listen);
        assert_eq!(entries[0].inode, 37762);
        assert_eq!(entries[1].state, TcpState::TimeWait);
        assert_eq!(entries[1].remote, "127.0.0.1:53594".parse().unwrap());
        assert_eq!(entries[1].timer_left, Some(Duration::from_millis(21_310)));
    }

    #[test]
    fn parses_ipv6_rows() {
        let line = "  sl header\n   0: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5555 1\n";
        let entries = parse_table(line, Transport::Tcp);
        assert_eq!(entries[0].local, "[::1]:8080".parse().unwrap());
    }

    #[test]
    fn time_wait_alone_is_told_apart_from_a_listener() {
        let entries = parse_table(TABLE, Transport::Tcp);
        let time_wait: Vec<SocketEntry> = entries[1..].to_vec();
        assert_eq!(
            holder_in(&time_wait, "127.0.0.1".parse().unwrap(), 5008),
            PortHolder::TimeWaitOnly {
                connections: 1,
                longest_left: Some(Duration::from_millis(21_310))
            }
        );
        assert!(matches!(
            holder_in(&entries, "0.0.0.0".parse().unwrap(), 5008),
            PortHolder::Bound { .. }
        ));
        assert_eq!(
            holder_in(&entries, "127.0.0.1".parse().unwrap(), 5009),
            PortHolder::Free
        );
    }

    #[test]
    fn finds_this_process_behind_its_own_listener() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        match holder(Transport::Tcp, addr.ip(), addr.port()) {
            PortHolder::Bound { local, owner } => {
                assert_eq!(local, addr);
                assert_eq!(owner.map(|o| o.pid), Some(std::process::id()));
            }
            other => panic!("expected our listener, got {other:?}"),
        }
    }
}
