//! The congestion scenario: one bulk TCP transfer from h1 to h2 across the router r1, whose
//! link to h2 is slow (a rate limit with a queue) and, in the second phase, loses packets.
//! The sender's `TCP_INFO` is read every few milliseconds while it sends; what the samples
//! show (slow start, the queue filling, the sawtooth of loss recovery) is measured here from
//! them, as numbers. Typed and silent: the view words and plots them.

use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::os::fd::AsFd;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use socket2::{Domain, Protocol, SockAddr, Socket, Type};

use super::impair::{Impairment, Loss};
use super::tcp_info::{self, CaState, TcpInfo, TcpInfoError};
use super::{BuildError, Host, Interface, Lab, Link, Topology};

/// The port h2 receives on (iperf's).
pub const PORT: u16 = 5001;

/// The sender's address (h1) and the receiver's (h2): documentation prefixes, as in the
/// built-in lab.
pub const SENDER: Ipv4Addr = super::H1_V4;
pub const RECEIVER: Ipv4Addr = super::H2_V4;

/// How many times h1 tries to connect when the router finds no way to h2 (its ARP asks lost).
const CONNECT_TRIES: u32 = 3;

/// How long the connection may take to open: on the lossy link a SYN, its answer or the last
/// ACK may be lost and sent again a second or more later.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How often the sender and receiver look up from a blocked call to see whether time is up.
const POLL: Duration = Duration::from_millis(20);

/// The congestion control the sender uses (`setsockopt(TCP_CONGESTION)`), whatever this
/// machine's default is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    /// The textbook's: the window halves at each loss and grows by one segment per round trip.
    Reno,
    /// Linux's usual default: to 70 % at each loss, then a cubic curve back.
    Cubic,
    /// Models the path's rate and round trip instead of reacting to loss.
    Bbr,
}

impl Algorithm {
    /// The kernel's name for it (what `TCP_CONGESTION` takes).
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Reno => "reno",
            Algorithm::Cubic => "cubic",
            Algorithm::Bbr => "bbr",
        }
    }
}

/// The two phases: the same slow link, first with only its queue, then losing packets too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhaseKind {
    /// A slow link with a big queue: slow start, then the queue fills (bufferbloat).
    Queue,
    /// The same link losing packets: the window's sawtooth.
    Loss,
}

impl PhaseKind {
    /// Its name in JSON (code, not words).
    pub fn name(self) -> &'static str {
        match self {
            PhaseKind::Queue => "queue",
            PhaseKind::Loss => "loss",
        }
    }
}

/// What the scenario runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    pub rate_bits_per_second: u64,
    pub queue_bytes: u32,
    /// The second phase's loss.
    pub loss: Loss,
    /// How long each phase sends.
    pub phase_length: Duration,
    /// How often `TCP_INFO` is read.
    pub interval: Duration,
    pub algorithm: Algorithm,
}

impl Settings {
    /// The slow link of `phase`.
    pub fn impairment(&self, phase: PhaseKind) -> Impairment {
        Impairment {
            loss: (phase == PhaseKind::Loss).then_some(self.loss),
            rate_bits_per_second: Some(self.rate_bits_per_second),
            queue_bytes: Some(self.queue_bytes),
            delay: None,
        }
    }
}

fn host(name: &str, interfaces: Vec<Interface>, gateways: Vec<IpAddr>) -> Host {
    Host {
        name: name.into(),
        interfaces,
        gateways,
        forwarding: name == "r1",
        services: Vec::new(),
    }
}

fn interface(name: &str, last: [u8; 2], address: &str) -> Interface {
    Interface {
        name: name.into(),
        mac: super::mac(last),
        addresses: vec![super::net(address)],
        ports: Vec::new(),
    }
}

/// h1 — r1 — h2: the link from r1 to h2 is the slow one (`impairment`), so the queue builds
/// at the router, where a real bottleneck's queue is, not in the sender's own machine.
pub fn topology(impairment: Impairment) -> Topology {
    let h1 = host(
        "h1",
        vec![interface("eth0", [1, 0x10], "192.0.2.10/24")],
        vec![super::R1_LEFT_V4.into()],
    );
    let r1 = host(
        "r1",
        vec![
            interface("eth0", [1, 0x01], "192.0.2.1/24"),
            interface("eth1", [2, 0x01], "198.51.100.1/24"),
        ],
        Vec::new(),
    );
    let h2 = host(
        "h2",
        vec![interface("eth0", [2, 0x20], "198.51.100.20/24")],
        vec![super::R1_RIGHT_V4.into()],
    );
    Topology {
        hosts: vec![h1, r1, h2],
        links: vec![
            Link {
                a: ("h1".into(), "eth0".into()),
                b: ("r1".into(), "eth0".into()),
                impairment: Impairment::default(),
            },
            Link {
                a: ("r1".into(), "eth1".into()),
                b: ("h2".into(), "eth0".into()),
                impairment,
            },
        ],
    }
}

/// One reading, `at` after the connection opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sample {
    pub at: Duration,
    pub info: TcpInfo,
}

/// One phase's transfer and its samples.
#[derive(Clone, Debug)]
pub struct PhaseRun {
    pub kind: PhaseKind,
    pub impairment: Impairment,
    pub samples: Vec<Sample>,
    /// Bytes the sender's application wrote.
    pub bytes_written: u64,
    pub build_time: Duration,
}

/// Which socket call of the transfer failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransferStep {
    Listen,
    Connect,
    Accept,
    Send,
    Receive,
}

/// Why a phase could not run (worded by the view).
#[derive(Debug, thiserror::Error)]
pub enum CongestionError {
    /// The lab of the phase could not be built (worded by the lab view).
    #[error("the lab could not be built")]
    Build(BuildError),
    /// The kernel has no such congestion control, or does not let this user choose it.
    #[error("the congestion control {name} cannot be used")]
    Algorithm {
        name: &'static str,
        #[source]
        error: io::Error,
    },
    #[error("{step:?} failed")]
    Transfer {
        step: TransferStep,
        #[source]
        error: io::Error,
    },
    #[error("TCP_INFO could not be read")]
    TcpInfo(#[source] TcpInfoError),
    /// The phase ended with fewer than two readings (a machine too busy to sample).
    #[error("only {0} samples")]
    TooFewSamples(usize),
}

fn transfer(step: TransferStep) -> impl FnOnce(io::Error) -> CongestionError {
    move |error| CongestionError::Transfer { step, error }
}

/// Builds the lab of `phase`, sends for `settings.phase_length` and returns the samples.
pub fn run_phase(settings: &Settings, phase: PhaseKind) -> Result<PhaseRun, CongestionError> {
    let impairment = settings.impairment(phase);
    let lab = Lab::build(topology(impairment)).map_err(CongestionError::Build)?;
    let build_time = lab.build_time;
    let result = transfer_on(&lab, settings);
    lab.tear_down();
    let (samples, bytes_written) = result?;
    if samples.len() < 2 {
        return Err(CongestionError::TooFewSamples(samples.len()));
    }
    Ok(PhaseRun {
        kind: phase,
        impairment,
        samples,
        bytes_written,
        build_time,
    })
}

fn namespace<'a>(lab: &'a Lab, host: &str) -> Result<&'a super::netns::NetNs, CongestionError> {
    lab.namespace(host)
        .ok_or_else(|| CongestionError::Build(BuildError::UnknownHost(host.to_string())))
}

fn transfer_on(lab: &Lab, settings: &Settings) -> Result<(Vec<Sample>, u64), CongestionError> {
    let to = SocketAddr::from((RECEIVER, PORT));
    let listener = namespace(lab, "h2")?
        .run(|| TcpListener::bind(to))
        .and_then(|bound| bound)
        .map_err(transfer(TransferStep::Listen))?;
    let algorithm = settings.algorithm;
    let socket = namespace(lab, "h1")?
        .run(|| -> Result<Socket, CongestionError> {
            // r1 asks ARP for h2 across the lossy link: when every ask is lost, r1 answers the
            // SYN with "host unreachable". A new ask then usually gets through.
            let mut tries = 0;
            loop {
                tries += 1;
                let socket = Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP))
                    .map_err(transfer(TransferStep::Connect))?;
                socket
                    .set_tcp_congestion(algorithm.name().as_bytes())
                    .map_err(|error| CongestionError::Algorithm {
                        name: algorithm.name(),
                        error,
                    })?;
                match socket.connect_timeout(&SockAddr::from(to), CONNECT_TIMEOUT) {
                    Ok(()) => return Ok(socket),
                    Err(error)
                        if error.raw_os_error() == Some(libc::EHOSTUNREACH)
                            && tries < CONNECT_TRIES => {}
                    Err(error) => return Err(transfer(TransferStep::Connect)(error)),
                }
            }
        })
        .map_err(transfer(TransferStep::Connect))??;
    // h2 may see the handshake's last ACK late on the lossy link: the phase's clock starts
    // once both ends hold the connection, so it always gets its whole length.
    let mut accepted =
        accept_within(&listener, CONNECT_TIMEOUT).map_err(transfer(TransferStep::Accept))?;
    let started = Instant::now();
    let deadline = started + settings.phase_length;
    accepted
        .set_read_timeout(Some(POLL))
        .map_err(transfer(TransferStep::Receive))?;
    socket
        .set_write_timeout(Some(POLL))
        .map_err(transfer(TransferStep::Send))?;
    let stop = AtomicBool::new(false);
    let mut samples = Vec::with_capacity(
        (settings.phase_length.as_micros() / settings.interval.as_micros().max(1)) as usize + 1,
    );
    let (sampled, sent, received) = std::thread::scope(|scope| {
        let receiver = scope.spawn(|| receive(&mut accepted, &stop));
        let sender = scope.spawn(|| send(&socket, deadline));
        let sampled = sample(&socket, started, deadline, settings.interval, &mut samples);
        let sent = sender.join();
        stop.store(true, Ordering::Relaxed);
        let received = receiver.join();
        (sampled, sent, received)
    });
    // Nothing left to say to h2: reset rather than wait for the queue to drain.
    let _ = socket.set_linger(Some(Duration::ZERO));
    sampled.map_err(CongestionError::TcpInfo)?;
    let sent = sent.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    let bytes_written = sent.map_err(transfer(TransferStep::Send))?;
    received
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        .map_err(transfer(TransferStep::Receive))?;
    Ok((samples, bytes_written))
}

/// Accepts one connection, or fails with `TimedOut` after `limit` (h1's last ACK of the
/// handshake, lost on the lossy link, may never come before the data does).
fn accept_within(listener: &TcpListener, limit: Duration) -> io::Result<std::net::TcpStream> {
    use std::os::fd::AsRawFd;
    let mut ready = libc::pollfd {
        fd: listener.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    let millis = i32::try_from(limit.as_millis()).unwrap_or(i32::MAX);
    // SAFETY: one pollfd that lives across the call.
    match unsafe { libc::poll(&mut ready, 1, millis) } {
        -1 => Err(io::Error::last_os_error()),
        0 => Err(io::Error::from(io::ErrorKind::TimedOut)),
        _ => listener.accept().map(|(stream, _)| stream),
    }
}

/// Reads TCP_INFO every `interval` until `deadline`.
fn sample(
    socket: &Socket,
    started: Instant,
    deadline: Instant,
    interval: Duration,
    samples: &mut Vec<Sample>,
) -> Result<(), TcpInfoError> {
    let mut next = started;
    loop {
        let now = Instant::now();
        if now >= deadline {
            return Ok(());
        }
        samples.push(Sample {
            at: now - started,
            info: tcp_info::read(socket.as_fd())?,
        });
        // A reading that came late is not made up for: the next comes one interval on.
        next = (next + interval).max(now);
        std::thread::sleep(next.saturating_duration_since(Instant::now()));
    }
}

/// A read or write that only ran out of time or was interrupted: the loop tries again.
fn again(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut | io::ErrorKind::Interrupted
    )
}

/// Writes as fast as the connection takes until `deadline`; returns the bytes written.
fn send(socket: &Socket, deadline: Instant) -> io::Result<u64> {
    let chunk = [0x5a_u8; 64 * 1024];
    let mut written = 0_u64;
    let mut writer = socket;
    while Instant::now() < deadline {
        match writer.write(&chunk) {
            Ok(n) => written += n as u64,
            Err(error) if again(&error) => {}
            Err(error) => return Err(error),
        }
    }
    Ok(written)
}

/// Reads and forgets what arrives until told to stop or the sender is gone.
fn receive(stream: &mut std::net::TcpStream, stop: &AtomicBool) -> io::Result<()> {
    let mut buffer = vec![0_u8; 256 * 1024];
    while !stop.load(Ordering::Relaxed) {
        match stream.read(&mut buffer) {
            Ok(0) => return Ok(()),
            Ok(_) => {}
            Err(error) if again(&error) => {}
            Err(error) => return Err(error),
        }
    }
    Ok(())
}

/// Slow start as the samples show it: the window from its first value until the first loss
/// (or the end, if none came).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SlowStart {
    pub from_segments: u32,
    pub to_segments: u32,
    /// How long it lasted.
    pub lasted: Duration,
    /// How long the window took to double, on average (from the growth over `lasted`).
    pub doubling: Duration,
    /// The mean smoothed RTT meanwhile: one doubling per round trip is slow start's rule.
    pub mean_srtt: Duration,
    /// Whether it ended within the samples: a loss, or the algorithm leaving it on its own
    /// (CUBIC's HyStart sets the threshold when round trips start to grow).
    pub ended: bool,
}

/// The slow start at the head of `samples`, if the window grew at least fourfold in it.
pub fn slow_start(samples: &[Sample]) -> Option<SlowStart> {
    let first = samples.first()?;
    let mut end = 0;
    let mut ended = false;
    for (at, sample) in samples.iter().enumerate() {
        let info = &sample.info;
        let lost = info.ssthresh_segments.is_some()
            || !matches!(info.ca_state, CaState::Open | CaState::Disorder)
            || info.cwnd_segments < samples[end].info.cwnd_segments;
        if lost {
            ended = true;
            break;
        }
        end = at;
    }
    let last = &samples[end];
    let (from, to) = (first.info.cwnd_segments, last.info.cwnd_segments);
    if from == 0 || to < from.saturating_mul(4) {
        return None;
    }
    let lasted = last.at.saturating_sub(first.at);
    let doublings = (f64::from(to) / f64::from(from)).log2();
    let srtts = &samples[..=end];
    let mean_srtt = srtts.iter().map(|s| s.info.srtt).sum::<Duration>() / srtts.len() as u32;
    Some(SlowStart {
        from_segments: from,
        to_segments: to,
        lasted,
        doubling: lasted.div_f64(doublings),
        mean_srtt,
        ended,
    })
}

/// The first time the slow-start threshold was set: where slow start ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThresholdSet {
    pub at: Duration,
    pub cwnd_segments: u32,
    pub ssthresh_segments: u32,
    /// Whether anything had been retransmitted by then (a loss set it, not the algorithm).
    pub after_loss: bool,
}

pub fn threshold_set(samples: &[Sample]) -> Option<ThresholdSet> {
    let first = samples.first()?;
    samples.iter().find_map(|sample| {
        let ssthresh = sample.info.ssthresh_segments?;
        Some(ThresholdSet {
            at: sample.at,
            cwnd_segments: sample.info.cwnd_segments,
            ssthresh_segments: ssthresh,
            after_loss: sample.info.total_retrans > first.info.total_retrans
                || sample.info.ca_state != CaState::Open,
        })
    })
}

/// One fall of the window: from its peak to the lowest it went before growing again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fall {
    pub at: Duration,
    pub from_segments: u32,
    pub to_segments: u32,
}

/// A fall counts when the window drops below this share of its peak (Reno halves it, CUBIC
/// takes it to 70 %; nothing else moves it that far down).
const FALL_SHARE: f64 = 0.8;

/// Every time the window fell by at least a fifth.
pub fn falls(samples: &[Sample]) -> Vec<Fall> {
    let mut falls = Vec::new();
    let mut peak = 0_u32;
    let mut falling: Option<Fall> = None;
    for sample in samples {
        let cwnd = sample.info.cwnd_segments;
        match &mut falling {
            Some(fall) if cwnd <= fall.to_segments => fall.to_segments = cwnd,
            Some(fall) => {
                falls.push(*fall);
                falling = None;
                peak = cwnd;
            }
            None if f64::from(cwnd) <= f64::from(peak) * FALL_SHARE && peak - cwnd >= 2 => {
                falling = Some(Fall {
                    at: sample.at,
                    from_segments: peak,
                    to_segments: cwnd,
                });
            }
            None => peak = peak.max(cwnd),
        }
    }
    falls.extend(falling);
    falls
}

/// The mean share of its peak the window fell to, over `falls`.
pub fn mean_fall_share(falls: &[Fall]) -> Option<f64> {
    let shares: Vec<f64> = falls
        .iter()
        .filter(|f| f.from_segments > 0)
        .map(|f| f64::from(f.to_segments) / f64::from(f.from_segments))
        .collect();
    (!shares.is_empty()).then(|| shares.iter().sum::<f64>() / shares.len() as f64)
}

/// Segments retransmitted between the first sample and the last.
pub fn retransmits(samples: &[Sample]) -> u32 {
    match (samples.first(), samples.last()) {
        (Some(first), Some(last)) => last
            .info
            .total_retrans
            .saturating_sub(first.info.total_retrans),
        _ => 0,
    }
}

/// How the smoothed RTT moved: its first value, its highest (and when), its median.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RttRange {
    pub first: Duration,
    pub highest: Duration,
    pub highest_at: Duration,
    pub median: Duration,
}

pub fn rtt_range(samples: &[Sample]) -> Option<RttRange> {
    let measured: Vec<&Sample> = samples.iter().filter(|s| !s.info.srtt.is_zero()).collect();
    let first = measured.first()?.info.srtt;
    let highest = measured.iter().max_by_key(|s| s.info.srtt)?;
    let mut sorted: Vec<Duration> = measured.iter().map(|s| s.info.srtt).collect();
    sorted.sort();
    Some(RttRange {
        first,
        highest: highest.info.srtt,
        highest_at: highest.at,
        median: sorted[sorted.len() / 2],
    })
}

/// The bytes a queue holds when it delays each packet by `delay` at `rate_bits_per_second`.
pub fn queued_bytes(delay: Duration, rate_bits_per_second: u64) -> u64 {
    (delay.as_secs_f64() * rate_bits_per_second as f64 / 8.0).round() as u64
}

/// What h2 acknowledged per second on average over the samples, in bits per second.
pub fn goodput_bits_per_second(samples: &[Sample]) -> Option<u64> {
    let (first, last) = (samples.first()?, samples.last()?);
    let acked = last
        .info
        .bytes_acked?
        .checked_sub(first.info.bytes_acked?)?;
    let seconds = last.at.checked_sub(first.at)?.as_secs_f64();
    (seconds > 0.0).then(|| (acked as f64 * 8.0 / seconds).round() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sockets::TcpState;

    fn at(ms: u64, cwnd: u32, srtt_ms: u64, ssthresh: Option<u32>, ca: CaState) -> Sample {
        Sample {
            at: Duration::from_millis(ms),
            info: TcpInfo {
                state: Some(TcpState::Established),
                ca_state: ca,
                mss: 1448,
                cwnd_segments: cwnd,
                ssthresh_segments: ssthresh,
                srtt: Duration::from_millis(srtt_ms),
                rttvar: Duration::ZERO,
                rto: Duration::from_millis(200),
                unacked: 0,
                total_retrans: 0,
                bytes_acked: Some(u64::from(cwnd) * 1448),
                min_rtt: None,
                delivery_rate: None,
                len: 168,
            },
        }
    }

    #[test]
    fn slow_start_doubles_until_the_first_loss() {
        let samples = [
            at(0, 10, 10, None, CaState::Open),
            at(10, 20, 10, None, CaState::Open),
            at(20, 40, 10, None, CaState::Open),
            at(30, 80, 10, None, CaState::Open),
            at(40, 60, 10, Some(40), CaState::Recovery),
        ];
        let start = slow_start(&samples).expect("slow start");
        assert_eq!((start.from_segments, start.to_segments), (10, 80));
        assert_eq!(start.lasted, Duration::from_millis(30));
        assert_eq!(start.doubling, Duration::from_millis(10));
        assert!(start.ended);
    }

    #[test]
    fn a_threshold_set_without_a_loss_is_the_algorithm_s_own_exit() {
        let samples = [
            at(0, 10, 1, None, CaState::Open),
            at(5, 21, 1, Some(21), CaState::Open),
        ];
        let set = threshold_set(&samples).expect("set");
        assert_eq!((set.at, set.cwnd_segments), (Duration::from_millis(5), 21));
        assert!(!set.after_loss);
        let lost = [
            at(0, 10, 1, None, CaState::Open),
            at(5, 5, 1, Some(5), CaState::Recovery),
        ];
        assert!(threshold_set(&lost).expect("set").after_loss);
    }

    #[test]
    fn a_window_that_hardly_grew_is_no_slow_start() {
        let samples = [
            at(0, 10, 1, None, CaState::Open),
            at(10, 12, 1, None, CaState::Open),
        ];
        assert_eq!(slow_start(&samples), None);
    }

    #[test]
    fn each_halving_is_one_fall() {
        let cwnds = [10, 11, 12, 6, 6, 7, 8, 9, 10, 5, 4, 5, 6];
        let samples: Vec<Sample> = cwnds
            .iter()
            .enumerate()
            .map(|(n, &c)| at(n as u64 * 5, c, 1, Some(5), CaState::Open))
            .collect();
        let falls = falls(&samples);
        assert_eq!(falls.len(), 2, "{falls:?}");
        assert_eq!((falls[0].from_segments, falls[0].to_segments), (12, 6));
        assert_eq!((falls[1].from_segments, falls[1].to_segments), (10, 4));
        let share = mean_fall_share(&falls).expect("share");
        assert!((share - 0.45).abs() < 1e-9, "{share}");
    }

    #[test]
    fn the_rtt_range_and_the_queue_it_means() {
        let samples = [
            at(0, 10, 2, None, CaState::Open),
            at(5, 10, 50, None, CaState::Open),
            at(10, 10, 202, None, CaState::Open),
        ];
        let range = rtt_range(&samples).expect("range");
        assert_eq!(range.first, Duration::from_millis(2));
        assert_eq!(range.highest, Duration::from_millis(202));
        assert_eq!(range.highest_at, Duration::from_millis(10));
        // 200 ms at 10 Mbit/s: 250 kB waiting.
        assert_eq!(
            queued_bytes(Duration::from_millis(200), 10_000_000),
            250_000
        );
    }

    #[test]
    fn a_phase_over_a_real_lab_samples_a_growing_window() {
        let settings = Settings {
            rate_bits_per_second: 10_000_000,
            queue_bytes: 256 * 1024,
            loss: Loss::from_percent(1.0).expect("loss"),
            phase_length: Duration::from_millis(300),
            interval: Duration::from_millis(5),
            algorithm: Algorithm::Reno,
        };
        let run = match run_phase(&settings, PhaseKind::Queue) {
            // No network namespace here: nothing to sample (the domain prints nothing).
            Err(CongestionError::Build(BuildError::Namespace(_))) => return,
            other => other.expect("phase"),
        };
        assert!(run.samples.len() > 20, "{}", run.samples.len());
        assert!(run.samples.iter().all(|s| s.info.cwnd_segments > 0));
        assert!(run.bytes_written > 0);
        let last = run.samples.last().expect("a sample");
        assert!(last.info.bytes_acked.unwrap_or(0) > 0, "{last:?}");
    }
}
