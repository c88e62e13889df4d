//! `getsockopt(TCP_INFO)`: what the kernel's TCP knows about one connection right now — its
//! congestion window, smoothed round-trip time, retransmissions, delivery rate. Typed and
//! silent: a [`TcpInfo`] is numbers with their units, read from the kernel's `struct
//! tcp_info` (linux/tcp.h) up to `tcpi_delivery_rate` (Linux 4.9); an older kernel returns
//! less, and the fields it did not fill are `None`.

use std::io;
use std::mem::{offset_of, size_of};
use std::os::fd::{AsRawFd, BorrowedFd};
use std::time::Duration;

use crate::sockets::TcpState;

/// `struct tcp_info` of linux/tcp.h up to `tcpi_delivery_rate`, field for field. (libc's copy
/// may be older than the kernel; the kernel fills as many bytes as both know, and says how
/// many.)
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
struct RawTcpInfo {
    state: u8,
    ca_state: u8,
    retransmits: u8,
    probes: u8,
    backoff: u8,
    options: u8,
    /// `tcpi_snd_wscale : 4, tcpi_rcv_wscale : 4`.
    wscale: u8,
    /// `tcpi_delivery_rate_app_limited : 1, tcpi_fastopen_client_fail : 2`.
    flags: u8,
    rto: u32,
    ato: u32,
    snd_mss: u32,
    rcv_mss: u32,
    unacked: u32,
    sacked: u32,
    lost: u32,
    retrans: u32,
    fackets: u32,
    last_data_sent: u32,
    last_ack_sent: u32,
    last_data_recv: u32,
    last_ack_recv: u32,
    pmtu: u32,
    rcv_ssthresh: u32,
    rtt: u32,
    rttvar: u32,
    snd_ssthresh: u32,
    snd_cwnd: u32,
    advmss: u32,
    reordering: u32,
    rcv_rtt: u32,
    rcv_space: u32,
    total_retrans: u32,
    pacing_rate: u64,
    max_pacing_rate: u64,
    bytes_acked: u64,
    bytes_received: u64,
    segs_out: u32,
    segs_in: u32,
    notsent_bytes: u32,
    min_rtt: u32,
    data_segs_in: u32,
    data_segs_out: u32,
    delivery_rate: u64,
}

// The offsets of linux/tcp.h (checked against the C header's offsetof on x86_64 and aarch64).
const _: () = assert!(offset_of!(RawTcpInfo, rto) == 8);
const _: () = assert!(offset_of!(RawTcpInfo, rtt) == 68);
const _: () = assert!(offset_of!(RawTcpInfo, snd_cwnd) == 80);
const _: () = assert!(offset_of!(RawTcpInfo, total_retrans) == 100);
const _: () = assert!(offset_of!(RawTcpInfo, pacing_rate) == 104);
const _: () = assert!(offset_of!(RawTcpInfo, bytes_acked) == 120);
const _: () = assert!(offset_of!(RawTcpInfo, min_rtt) == 148);
const _: () = assert!(offset_of!(RawTcpInfo, delivery_rate) == 160);
const _: () = assert!(size_of::<RawTcpInfo>() == 168);

/// The fewest bytes a useful answer has: everything up to `tcpi_total_retrans` (Linux 2.6).
const MIN_LEN: usize = offset_of!(RawTcpInfo, total_retrans) + size_of::<u32>();

/// The kernel's "no slow-start threshold yet" (TCP_INFINITE_SSTHRESH).
const INFINITE_SSTHRESH: u32 = 0x7fff_ffff;

/// What congestion control is doing (`tcpi_ca_state`: the kernel's `tcp_ca_state`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaState {
    /// Nothing lost: the window grows.
    Open,
    /// Duplicate ACKs or SACKs seen: something may be lost.
    Disorder,
    /// Reduced on an ECN mark or a local queue that was full.
    Cwr,
    /// Fast retransmit: a loss was found and is being repaired.
    Recovery,
    /// The retransmission timer expired: start again from one segment.
    Loss,
    Other(u8),
}

impl CaState {
    fn from_kernel(value: u8) -> CaState {
        match value {
            0 => CaState::Open,
            1 => CaState::Disorder,
            2 => CaState::Cwr,
            3 => CaState::Recovery,
            4 => CaState::Loss,
            other => CaState::Other(other),
        }
    }

    /// The kernel's name without its `TCP_CA_` prefix, lower case (code, not words).
    pub fn name(self) -> &'static str {
        match self {
            CaState::Open => "open",
            CaState::Disorder => "disorder",
            CaState::Cwr => "cwr",
            CaState::Recovery => "recovery",
            CaState::Loss => "loss",
            CaState::Other(_) => "unknown",
        }
    }
}

/// One reading of `TCP_INFO`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TcpInfo {
    /// The connection's state (`tcpi_state`); `None` for a number the list does not know (a
    /// newer kernel's).
    pub state: Option<TcpState>,
    pub ca_state: CaState,
    /// The sender's maximum segment size, in bytes.
    pub mss: u32,
    /// The congestion window, in segments.
    pub cwnd_segments: u32,
    /// The slow-start threshold in segments; `None` before the first loss (still "infinite").
    pub ssthresh_segments: Option<u32>,
    /// The smoothed round-trip time.
    pub srtt: Duration,
    /// Its mean deviation.
    pub rttvar: Duration,
    /// The retransmission timeout.
    pub rto: Duration,
    /// Segments sent and not yet acknowledged.
    pub unacked: u32,
    /// Segments retransmitted over the connection's life.
    pub total_retrans: u32,
    /// Bytes the peer acknowledged (Linux 4.1).
    pub bytes_acked: Option<u64>,
    /// The lowest round-trip time seen (Linux 4.6).
    pub min_rtt: Option<Duration>,
    /// The most recent delivery rate, in bytes per second (Linux 4.9).
    pub delivery_rate: Option<u64>,
    /// How many bytes the kernel filled (the size of its `struct tcp_info`, up to ours).
    pub len: usize,
}

impl TcpInfo {
    /// The congestion window in bytes (segments times the MSS).
    pub fn cwnd_bytes(&self) -> u64 {
        u64::from(self.cwnd_segments) * u64::from(self.mss)
    }

    fn from_raw(raw: &RawTcpInfo, len: usize) -> TcpInfo {
        let filled = |end: usize| len >= end;
        TcpInfo {
            state: TcpState::from_kernel(raw.state),
            ca_state: CaState::from_kernel(raw.ca_state),
            mss: raw.snd_mss,
            cwnd_segments: raw.snd_cwnd,
            ssthresh_segments: (raw.snd_ssthresh < INFINITE_SSTHRESH).then_some(raw.snd_ssthresh),
            srtt: Duration::from_micros(raw.rtt.into()),
            rttvar: Duration::from_micros(raw.rttvar.into()),
            rto: Duration::from_micros(raw.rto.into()),
            unacked: raw.unacked,
            total_retrans: raw.total_retrans,
            bytes_acked: filled(offset_of!(RawTcpInfo, bytes_received)).then_some(raw.bytes_acked),
            min_rtt: filled(offset_of!(RawTcpInfo, data_segs_in))
                .then(|| Duration::from_micros(raw.min_rtt.into())),
            delivery_rate: filled(size_of::<RawTcpInfo>()).then_some(raw.delivery_rate),
            len,
        }
    }
}

/// Why `TCP_INFO` could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TcpInfoError {
    /// getsockopt failed (not a TCP socket, a closed descriptor).
    #[error("getsockopt(TCP_INFO) failed")]
    Call(#[source] io::Error),
    /// The kernel answered with fewer bytes than the fields every Linux since 2.6 fills.
    #[error("the kernel's tcp_info has {len} bytes, fewer than {MIN_LEN}")]
    Short { len: usize },
}

/// Reads `TCP_INFO` of the TCP socket `fd`.
pub fn read(fd: BorrowedFd<'_>) -> Result<TcpInfo, TcpInfoError> {
    let mut raw = RawTcpInfo::default();
    let mut len = size_of::<RawTcpInfo>() as libc::socklen_t;
    // SAFETY: the kernel writes at most `len` bytes into `raw`, a plain #[repr(C)] struct of
    // integers that any bytes are a valid value of, and sets `len` to how many it wrote.
    let result = unsafe {
        libc::getsockopt(
            fd.as_raw_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_INFO,
            (&raw mut raw).cast(),
            &mut len,
        )
    };
    if result != 0 {
        return Err(TcpInfoError::Call(io::Error::last_os_error()));
    }
    let len = len as usize;
    if len < MIN_LEN {
        return Err(TcpInfoError::Short { len });
    }
    Ok(TcpInfo::from_raw(&raw, len))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::{TcpListener, TcpStream};
    use std::os::fd::AsFd;

    #[test]
    fn a_loopback_connection_reads_as_established_with_a_window() {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let mut client = TcpStream::connect(listener.local_addr().expect("addr")).expect("connect");
        let (mut server, _) = listener.accept().expect("accept");
        client.write_all(&[7; 4096]).expect("write");
        let mut got = [0; 4096];
        server.read_exact(&mut got).expect("read");
        // The peer's ACK may still be on its way: read until it is counted (the SYN counts
        // one byte too), for at most two seconds.
        let deadline = std::time::Instant::now() + Duration::from_secs(2);
        let mut info = read(client.as_fd()).expect("tcp_info");
        while info.bytes_acked != Some(4097) && std::time::Instant::now() < deadline {
            std::thread::yield_now();
            info = read(client.as_fd()).expect("tcp_info");
        }
        assert_eq!(info.state, Some(TcpState::Established));
        assert!(info.cwnd_segments > 0, "{info:?}");
        assert!(info.mss > 0, "{info:?}");
        assert_eq!(info.cwnd_bytes(), u64::from(info.cwnd_segments * info.mss));
        assert!(info.len >= MIN_LEN);
        // This kernel is newer than 4.9: every field is there.
        assert!(info.delivery_rate.is_some() && info.bytes_acked.is_some());
        assert_eq!(info.bytes_acked, Some(4097));
    }

    #[test]
    fn a_socket_that_is_not_tcp_is_an_error() {
        let udp = std::net::UdpSocket::bind("127.0.0.1:0").expect("bind");
        assert!(matches!(read(udp.as_fd()), Err(TcpInfoError::Call(_))));
    }

    #[test]
    fn a_short_answer_leaves_the_newer_fields_out() {
        let raw = RawTcpInfo {
            snd_ssthresh: INFINITE_SSTHRESH,
            snd_cwnd: 10,
            snd_mss: 1448,
            rtt: 1500,
            ..RawTcpInfo::default()
        };
        let info = TcpInfo::from_raw(&raw, 104);
        assert_eq!(info.ssthresh_segments, None);
        assert_eq!(info.srtt, Duration::from_micros(1500));
        assert_eq!((info.bytes_acked, info.delivery_rate), (None, None));
        assert_eq!(info.cwnd_bytes(), 14_480);
    }
}
