//! What a link does wrong on purpose: loss, a rate limit with its queue, delay; and how the
//! lab makes each of them happen, without root:
//!
//! - rate: a token bucket filter (tbf) at each end of the link's veth pair, set through
//!   rtnetlink, so each direction has the rate and a queue of `queue_bytes`;
//! - loss: nftables at each end's ingress (a `netdev` table), `numgen random` dropping the
//!   share asked of what arrives, so each direction loses it. Not at egress: a frame dropped
//!   on its way out of the sending host is reported to that host's TCP as a local drop
//!   (NET_XMIT_DROP) and sent again at once, never counted as lost nor retransmitted, so TCP
//!   would cross a "lossy" link unharmed;
//! - delay: netem where the kernel has it; where not, the link is cut in two through a hidden
//!   namespace where netlearn itself relays every frame, late ([`relay`]).
//!
//! [`Applied`] records which method each link got, so a view can say it.

pub mod measure;
pub mod relay;

use std::io;
use std::time::{Duration, Instant};

use super::netlink::{Mac, Netlink, Tbf, VethEnd};
use super::netns::NetNs;
use super::nft::{self, NftError};
use super::{Link, Topology};

/// A share of packets lost, in hundredths of a percent (an exact, comparable number).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Loss(u16);

impl Loss {
    /// `percent` in 0..=100, kept to a hundredth of a percent; `None` outside.
    pub fn from_percent(percent: f64) -> Option<Loss> {
        (0.0..=100.0)
            .contains(&percent)
            .then(|| Loss((percent * 100.0).round() as u16))
    }

    pub fn percent(self) -> f64 {
        f64::from(self.0) / 100.0
    }

    /// Hundredths of a percent (0..=10000).
    pub fn basis_points(self) -> u16 {
        self.0
    }
}

/// Everything a link may do wrong, each direction alike. `Default` is a perfect link.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Impairment {
    pub loss: Option<Loss>,
    /// The most bits per second the link carries.
    pub rate_bits_per_second: Option<u64>,
    /// How many bytes may wait in the link's queue at that rate (the rest are dropped).
    pub queue_bytes: Option<u32>,
    /// One-way delay added to every frame.
    pub delay: Option<Duration>,
}

impl Impairment {
    /// A perfect link: nothing to apply.
    pub fn is_perfect(&self) -> bool {
        *self == Impairment::default()
    }
}

/// The longest delay a link may add (a topology file's `delay`, `lab link-test --delay`).
pub const MAX_DELAY: Duration = Duration::from_secs(10);

/// Why a written rate, size, share or delay is not one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QuantityError {
    /// No plain decimal number where the text begins.
    #[error("not a number")]
    Number,
    /// A unit this kind of quantity does not have.
    #[error("not a unit of this quantity")]
    Unit,
    /// A number outside what the quantity may be.
    #[error("out of range")]
    Range,
}

/// A number and what follows it: "1.5mbit" → (1.5, "mbit"). The number is plain decimal
/// (digits and a point: no sign, no exponent).
fn number_and_unit(text: &str) -> Result<(f64, &str), QuantityError> {
    let text = text.trim();
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let number: f64 = text[..end].parse().map_err(|_| QuantityError::Number)?;
    if !number.is_finite() {
        return Err(QuantityError::Number);
    }
    Ok((number, text[end..].trim_start()))
}

/// `true` when `text` ends in a unit rather than in the number (a topology file asks for
/// one: `"10mbit"`, never `"10"`).
pub fn unit_written(text: &str) -> bool {
    text.trim_end()
        .ends_with(|c: char| !(c.is_ascii_digit() || c == '.'))
}

/// A rate as people write it (tc's and containerlab's units), in bits per second, any case:
/// `10mbit`, `512kbit`, `2.5mbit/s`, `1gbit`, `1tbit` (powers of 1000), `2kibit`, `mibit`,
/// `gibit` (of 1024), `10M` (k, m, g: thousands of bits) or a bare number of bits. At least 1.
pub fn parse_rate(text: &str) -> Result<u64, QuantityError> {
    let lower = text.trim().to_ascii_lowercase();
    let lower = lower.strip_suffix("/s").unwrap_or(&lower);
    let (number, unit) = number_and_unit(lower)?;
    let scale: f64 = match unit {
        "" | "bit" => 1.0,
        "k" | "kbit" => 1e3,
        "m" | "mbit" => 1e6,
        "g" | "gbit" => 1e9,
        "tbit" => 1e12,
        "kibit" => 1024.0,
        "mibit" => 1024.0 * 1024.0,
        "gibit" => 1024.0 * 1024.0 * 1024.0,
        _ => return Err(QuantityError::Unit),
    };
    let bits = (number * scale).round();
    if bits >= 1.0 && bits <= u64::MAX as f64 {
        Ok(bits as u64)
    } else {
        Err(QuantityError::Range)
    }
}

/// A loss as people write it: `30%`, `0.5 %`, or a bare number of percent (`30`).
pub fn parse_loss(text: &str) -> Result<Loss, QuantityError> {
    let (number, unit) = number_and_unit(text)?;
    if !matches!(unit, "" | "%") {
        return Err(QuantityError::Unit);
    }
    Loss::from_percent(number).ok_or(QuantityError::Range)
}

/// `"64kB"`: bytes (B; kB, MB, GB: powers of 1000; KiB, MiB, GiB: of 1024), more than zero
/// and fewer than 4 GiB.
pub fn parse_bytes(text: &str) -> Result<u32, QuantityError> {
    let (number, unit) = number_and_unit(text)?;
    let scale: f64 = match unit {
        "B" | "b" => 1.0,
        "kB" | "KB" | "kb" => 1e3,
        "MB" | "mb" => 1e6,
        "GB" | "gb" => 1e9,
        "KiB" | "kiB" | "kib" => 1024.0,
        "MiB" | "mib" => 1024.0 * 1024.0,
        "GiB" | "gib" => 1024.0 * 1024.0 * 1024.0,
        _ => return Err(QuantityError::Unit),
    };
    let bytes = (number * scale).round();
    if bytes >= 1.0 && bytes <= f64::from(u32::MAX) {
        Ok(bytes as u32)
    } else {
        Err(QuantityError::Range)
    }
}

/// `"20ms"`: a delay (us or µs, ms, s), at most [`MAX_DELAY`].
pub fn parse_delay(text: &str) -> Result<Duration, QuantityError> {
    let (number, unit) = number_and_unit(text)?;
    let seconds = match unit {
        "us" | "µs" => number / 1e6,
        "ms" => number / 1e3,
        "s" => number,
        _ => return Err(QuantityError::Unit),
    };
    if seconds <= MAX_DELAY.as_secs_f64() {
        Ok(Duration::from_secs_f64(seconds))
    } else {
        Err(QuantityError::Range)
    }
}

/// How a rate limit was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RateMethod {
    /// A tbf qdisc at each end, with its bucket and its queue (bytes).
    Tbf { burst_bytes: u32, queue_bytes: u32 },
}

/// How loss was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LossMethod {
    /// nftables' `numgen random` at each end's ingress.
    Nftables,
}

/// How delay was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DelayMethod {
    /// The kernel's netem qdisc at each end.
    Netem,
    /// netlearn relays the link's frames through a hidden namespace (this kernel has no
    /// netem).
    Relay,
}

/// What was done to one link of a built lab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// The link's place in `Topology::links`.
    pub link: usize,
    /// What the topology asked for.
    pub asked: Impairment,
    pub rate: Option<RateMethod>,
    pub loss: Option<LossMethod>,
    pub delay: Option<DelayMethod>,
}

/// Why an impairment could not be applied (worded by the lab view).
#[derive(Debug, thiserror::Error)]
pub enum ImpairError {
    /// The kernel refused a qdisc (tbf, netem) or a setting (gso_max_segs) on `host`'s
    /// `interface`.
    #[error("{kind} on {host}/{interface}")]
    Qdisc {
        host: String,
        interface: String,
        kind: &'static str,
        #[source]
        error: io::Error,
    },
    /// nft refused the loss rule on `host`'s `interface`, or is missing.
    #[error("nft on {host}/{interface}")]
    Nft {
        host: String,
        interface: String,
        #[source]
        error: NftError,
    },
    /// The delay relay of the link between `a` and `b` could not be set up.
    #[error("relay between {a} and {b}")]
    Relay {
        a: String,
        b: String,
        #[source]
        error: io::Error,
    },
}

/// The smallest bucket: two full Ethernet frames (a smaller one would drop every full frame).
pub const MIN_BURST_BYTES: u32 = 2 * 1514;
/// The smallest queue: four full frames.
pub const MIN_QUEUE_BYTES: u32 = 4 * 1514;
/// The queue when none is asked for: what the rate sends in this long.
pub const DEFAULT_QUEUE_TIME: Duration = Duration::from_millis(50);
/// netem's queue, in packets (tc's default).
const NETEM_LIMIT: u32 = 1000;

impl Impairment {
    /// The tbf settings for this link's rate, if it has one: a bucket of 4 ms at the rate
    /// (the usual rate/HZ), the queue asked for or [`DEFAULT_QUEUE_TIME`] at the rate, never
    /// less than a few frames.
    pub fn tbf(&self) -> Option<Tbf> {
        let bits_per_second = self.rate_bits_per_second.filter(|r| *r > 0)?;
        let bytes_per_second = bits_per_second / 8;
        let clamp = |bytes: u64, least: u32| u32::try_from(bytes).unwrap_or(u32::MAX).max(least);
        let burst_bytes = clamp(bytes_per_second / 250, MIN_BURST_BYTES);
        let queue = self.queue_bytes.map_or_else(
            || {
                clamp(
                    (u128::from(bytes_per_second) * DEFAULT_QUEUE_TIME.as_millis() / 1000) as u64,
                    MIN_QUEUE_BYTES,
                )
            },
            |q| q.max(1514),
        );
        Some(Tbf {
            bits_per_second,
            burst_bytes,
            limit_bytes: queue,
        })
    }
}

/// The interface names a link's ends have in their hosts.
struct Ends<'a> {
    link: &'a Link,
    a: &'a NetNs,
    b: &'a NetNs,
}

/// A name nft reads inside double quotes as it is.
fn nft_safe(name: &str) -> bool {
    name.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
}

/// The ruleset that drops `basis_points` in 10000 of what arrives on `interface`.
fn loss_ruleset(chain: &str, interface: &str, basis_points: u16) -> String {
    format!(
        "table netdev netlearn_impair {{\n\
         \tchain {chain} {{\n\
         \t\ttype filter hook ingress device \"{interface}\" priority 0; policy accept;\n\
         \t\tnumgen random mod 10000 < {basis_points} counter drop\n\
         \t}}\n\
         }}\n"
    )
}

/// What applying needs to know of the lab being built.
pub(crate) struct Building<'a> {
    pub topology: &'a Topology,
    pub namespaces: &'a [NetNs],
    /// When the links must be up by.
    pub deadline: Instant,
}

/// The lab's delay relays: a hidden namespace and a thread per relayed link. Dropping it
/// stops and joins the threads; the namespace goes with its last descriptor.
pub struct Relays {
    // Threads first: they stop before the namespace's descriptor closes.
    links: Vec<(usize, relay::LinkRelay)>,
    _namespace: NetNs,
}

impl Relays {
    /// The counters of link `link`'s relay, if it has one.
    pub fn counters(&self, link: usize) -> Option<&relay::RelayCounters> {
        self.links
            .iter()
            .find(|(n, _)| *n == link)
            .map(|(_, r)| r.counters.as_ref())
    }
}

/// The interface index a relay end gets: distinct from every veth end of the lab.
const FIRST_RELAY_INDEX: u32 = 20_000;

fn relay_mac(link: usize, side: u8) -> Mac {
    let n = link as u16;
    [0x02, 0x00, 0x00, 0x02 | side << 4, (n >> 8) as u8, n as u8]
}

/// Applies every link's impairment, after the cables are made and before the hosts are
/// configured. Returns what was done, and the relays to keep while the lab lives.
pub(crate) fn apply(building: &Building) -> Result<(Vec<Applied>, Option<Relays>), ImpairError> {
    let topology = building.topology;
    let namespace = |host: &str| {
        topology
            .hosts
            .iter()
            .position(|h| h.name == host)
            .and_then(|i| building.namespaces.get(i))
    };
    let mut applied = Vec::new();
    let mut relays: Option<Relays> = None;
    for (n, link) in topology.links.iter().enumerate() {
        let asked = link.impairment;
        if asked.is_perfect() {
            continue;
        }
        // The lab builder has checked that both hosts exist.
        let (Some(a), Some(b)) = (namespace(&link.a.0), namespace(&link.b.0)) else {
            continue;
        };
        let ends = Ends { link, a, b };
        let delay = match asked.delay.filter(|d| !d.is_zero()) {
            None => None,
            Some(delay) => {
                let method = apply_delay(building, &ends, n, delay, &mut relays)?;
                for (ns, (_, interface)) in [(a, &link.a), (b, &link.b)] {
                    patient_arp(ns, interface, delay);
                }
                Some(method)
            }
        };
        // Each frame meets the rate and the dice on its own, as on a real wire.
        for (ns, (host, interface)) in [(a, &link.a), (b, &link.b)] {
            qdisc_step(ns, host, interface, "gso_max_segs", |netlink| {
                netlink.one_segment_at_a_time(interface)
            })?;
        }
        let rate = match asked.tbf() {
            None => None,
            Some(tbf) => {
                let parent = (delay == Some(DelayMethod::Netem)).then_some(
                    netlink_packet_route::tc::TcHandle {
                        major: super::netlink::NETEM_HANDLE,
                        minor: 1,
                    },
                );
                for (ns, (host, interface)) in [(a, &link.a), (b, &link.b)] {
                    qdisc_step(ns, host, interface, "tbf", |netlink| {
                        netlink.add_tbf(interface, parent, tbf)
                    })?;
                }
                Some(RateMethod::Tbf {
                    burst_bytes: tbf.burst_bytes,
                    queue_bytes: tbf.limit_bytes,
                })
            }
        };
        let loss = match asked.loss.filter(|l| l.basis_points() > 0) {
            None => None,
            Some(loss) => {
                for (ns, (host, interface), side) in [(a, &link.a, 'a'), (b, &link.b, 'b')] {
                    let fail = |error| ImpairError::Nft {
                        host: host.clone(),
                        interface: interface.clone(),
                        error,
                    };
                    if !nft_safe(interface) {
                        return Err(fail(NftError::Refused {
                            said: interface.clone(),
                        }));
                    }
                    let ruleset =
                        loss_ruleset(&format!("link{n}{side}"), interface, loss.basis_points());
                    nft::apply(ns, &ruleset).map_err(fail)?;
                }
                Some(LossMethod::Nftables)
            }
        };
        applied.push(Applied {
            link: n,
            asked,
            rate,
            loss,
            delay,
        });
    }
    Ok((applied, relays))
}

/// The lab asks ARP three times, 100 ms apart (so its mistakes show fast): on a link whose
/// round trip is longer, every first resolution would fail before its answer is back. This
/// makes ARP on `interface` ask until a few tries past the round trip.
fn patient_arp(ns: &NetNs, interface: &str, delay: Duration) {
    let every: u128 = super::ARP_RETRANS_MS.parse().unwrap_or(100);
    let tries = 3 + (delay * 2).as_millis().div_ceil(every.max(1));
    let tries = tries.min(255).to_string();
    for key in ["mcast_solicit", "ucast_solicit"] {
        // A bridge port has no ARP of its own (its bridge does): nothing to set there.
        let _ = ns.set_sysctl(&format!("net/ipv4/neigh/{interface}/{key}"), &tries);
    }
}

/// Runs one qdisc request on `host`'s `interface`, inside its namespace.
fn qdisc_step(
    ns: &NetNs,
    host: &str,
    interface: &str,
    kind: &'static str,
    request: impl FnOnce(&mut Netlink) -> io::Result<()> + Send,
) -> Result<(), ImpairError> {
    ns.run(|| Netlink::open().and_then(|mut netlink| request(&mut netlink)))
        .and_then(|r| r)
        .map_err(|error| ImpairError::Qdisc {
            host: host.to_string(),
            interface: interface.to_string(),
            kind,
            error,
        })
}

/// Whether the kernel's refusal of a qdisc means "no such kind here".
fn unknown_kind(error: &io::Error) -> bool {
    matches!(
        error.raw_os_error(),
        Some(libc::ENOENT | libc::EINVAL | libc::EOPNOTSUPP)
    )
}

/// Delay on link `n`: netem at both ends if the kernel has it, else the relay.
fn apply_delay(
    building: &Building,
    ends: &Ends,
    n: usize,
    delay: Duration,
    relays: &mut Option<Relays>,
) -> Result<DelayMethod, ImpairError> {
    let link = ends.link;
    let netem = |ns: &NetNs, (host, interface): &(String, String)| {
        ns.run(|| {
            Netlink::open()
                .and_then(|mut netlink| netlink.add_netem_delay(interface, delay, NETEM_LIMIT))
        })
        .and_then(|r| r)
        .map_err(|error| (host.clone(), interface.clone(), error))
    };
    match netem(ends.a, &link.a) {
        Ok(()) => {
            netem(ends.b, &link.b).map_err(|(host, interface, error)| ImpairError::Qdisc {
                host,
                interface,
                kind: "netem",
                error,
            })?;
            return Ok(DelayMethod::Netem);
        }
        Err((_, _, error)) if unknown_kind(&error) => {}
        Err((host, interface, error)) => {
            return Err(ImpairError::Qdisc {
                host,
                interface,
                kind: "netem",
                error,
            });
        }
    }
    let fail = |error| ImpairError::Relay {
        a: link.a.0.clone(),
        b: link.b.0.clone(),
        error,
    };
    if relays.is_none() {
        *relays = Some(Relays {
            links: Vec::new(),
            _namespace: relay_namespace().map_err(fail)?,
        });
    }
    let Some(relays) = relays.as_mut() else {
        return Err(fail(io::Error::from(io::ErrorKind::NotFound)));
    };
    let relay = recable(building, ends, n, delay, &relays._namespace).map_err(fail)?;
    relays.links.push((n, relay));
    Ok(DelayMethod::Relay)
}

/// A namespace for relays: no IPv6 (its interfaces send nothing of their own), loopback only.
fn relay_namespace() -> io::Result<NetNs> {
    let ns = NetNs::new()?;
    for key in [
        "net/ipv6/conf/default/disable_ipv6",
        "net/ipv6/conf/all/disable_ipv6",
    ] {
        // A kernel without IPv6 has nothing to turn off.
        let _ = ns.set_sysctl(key, "1");
    }
    Ok(ns)
}

/// Cuts link `n` in two through the relay namespace: host a's end to relay end `dNa`, host
/// b's end to `dNb` (the hosts' ends keep their names and MACs), and starts its relay.
fn recable(
    building: &Building,
    ends: &Ends,
    n: usize,
    delay: Duration,
    relay_ns: &NetNs,
) -> io::Result<relay::LinkRelay> {
    let link = ends.link;
    let mac_of = |(host, interface): &(String, String)| {
        building
            .topology
            .host(host)
            .and_then(|h| h.interfaces.iter().find(|i| &i.name == interface))
            .map(|i| i.mac)
            .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))
    };
    let (a_mac, b_mac) = (mac_of(&link.a)?, mac_of(&link.b)?);
    ends.a
        .run(|| Netlink::open()?.delete_link(&link.a.1))
        .and_then(|r| r)?;
    let names = [format!("d{n}a"), format!("d{n}b")];
    let index = FIRST_RELAY_INDEX + 2 * n as u32;
    for (side, (ns, (_, interface), mac)) in [(ends.a, &link.a, a_mac), (ends.b, &link.b, b_mac)]
        .into_iter()
        .enumerate()
    {
        let relay_end = VethEnd {
            name: &names[side],
            mac: relay_mac(n, side as u8),
            index: index + side as u32,
        };
        // The host's end: the kernel picks its index (small, so distinct from the relay's).
        let host_end = VethEnd {
            name: interface,
            mac,
            index: 0,
        };
        let peer_ns = ns.raw_fd();
        relay_ns
            .run(|| {
                let mut netlink = Netlink::open()?;
                netlink.add_veth(relay_end, host_end, peer_ns)?;
                netlink.link_up(relay_end.name)
            })
            .and_then(|r| r)?;
    }
    // The hosts' ends up now, so the relay's ends are running before the lab is used (the
    // hosts are configured next; setting an interface up twice changes nothing).
    for (ns, (_, interface)) in [(ends.a, &link.a), (ends.b, &link.b)] {
        ns.run(|| Netlink::open()?.link_up(interface))
            .and_then(|r| r)?;
    }
    let sockets = relay_ns
        .run(|| {
            let mut netlink = Netlink::open()?;
            let mut sockets = Vec::new();
            for name in &names {
                // Bounded by the lab's deadline.
                while !netlink.oper_up(name)? {
                    if Instant::now() >= building.deadline {
                        return Err(io::Error::from(io::ErrorKind::TimedOut));
                    }
                    std::thread::sleep(Duration::from_millis(2));
                }
                sockets.push(relay::packet_socket(super::netlink::index_of(name)?)?);
            }
            Ok(sockets)
        })
        .and_then(|r| r)?;
    let [a_socket, b_socket]: [_; 2] = sockets
        .try_into()
        .map_err(|_| io::Error::from(io::ErrorKind::InvalidData))?;
    relay::LinkRelay::start(format!("relay-{n}"), [a_socket, b_socket], delay)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn loss_keeps_hundredths_of_a_percent_and_refuses_the_impossible() {
        assert_eq!(Loss::from_percent(20.0).map(Loss::basis_points), Some(2000));
        assert_eq!(Loss::from_percent(0.25).map(Loss::percent), Some(0.25));
        assert_eq!(Loss::from_percent(100.5), None);
        assert_eq!(Loss::from_percent(-1.0), None);
        assert!(Impairment::default().is_perfect());
    }

    #[test]
    fn rates_sizes_losses_and_delays_read_as_tc_and_people_write_them() {
        use QuantityError::{Number, Range, Unit};
        assert_eq!(parse_rate("10mbit"), Ok(10_000_000));
        assert_eq!(parse_rate("2.5Mbit/s"), Ok(2_500_000));
        assert_eq!(parse_rate("500kbit"), Ok(500_000));
        assert_eq!(parse_rate("1Gbit"), Ok(1_000_000_000));
        assert_eq!(parse_rate("1g"), Ok(1_000_000_000));
        assert_eq!(parse_rate("2kibit"), Ok(2048));
        assert_eq!(parse_rate("64000"), Ok(64_000));
        assert_eq!(parse_rate("0"), Err(Range));
        assert_eq!(parse_rate("0kbit"), Err(Range));
        assert_eq!(parse_rate("fast"), Err(Number));
        assert_eq!(parse_rate("10 furlongs"), Err(Unit));
        assert_eq!(
            parse_rate("10mbps"),
            Err(Unit),
            "tc's bps is bytes: refused"
        );
        assert_eq!(parse_bytes("64kB"), Ok(64_000));
        assert_eq!(parse_bytes("64KiB"), Ok(65_536));
        assert_eq!(parse_bytes("1500B"), Ok(1500));
        assert_eq!(parse_bytes("1MB"), Ok(1_000_000));
        assert_eq!(parse_bytes("5GB"), Err(Range), "more than a u32");
        assert_eq!(parse_bytes("64"), Err(Unit));
        assert_eq!(parse_delay("20ms"), Ok(Duration::from_millis(20)));
        assert_eq!(parse_delay("1.5s"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_delay("250us"), Ok(Duration::from_micros(250)));
        assert_eq!(parse_delay("11s"), Err(Range));
        assert_eq!(parse_delay("-1ms"), Err(Number));
        assert_eq!(parse_loss("30%").map(Loss::basis_points), Ok(3000));
        assert_eq!(parse_loss("0.5 %").map(Loss::basis_points), Ok(50));
        assert_eq!(parse_loss("0.01%").map(Loss::basis_points), Ok(1));
        assert_eq!(parse_loss("20").map(Loss::basis_points), Ok(2000));
        assert_eq!(parse_loss("101%"), Err(Range));
        assert_eq!(parse_loss("lots"), Err(Number));
        // A file asks for the unit to be written.
        assert!(unit_written("10mbit") && unit_written("20 %"));
        assert!(!unit_written("10") && !unit_written(" 2.5 "));
    }

    #[test]
    fn tbf_gets_a_bucket_of_4_ms_and_a_queue_of_50_ms_at_the_rate() {
        let ten_megabits = Impairment {
            rate_bits_per_second: Some(10_000_000),
            ..Impairment::default()
        };
        let tbf = ten_megabits.tbf().expect("a rate");
        assert_eq!(tbf.burst_bytes, 5_000);
        assert_eq!(tbf.limit_bytes, 62_500);
        let slow = Impairment {
            rate_bits_per_second: Some(64_000),
            queue_bytes: Some(100),
            ..Impairment::default()
        };
        let tbf = slow.tbf().expect("a rate");
        assert_eq!((tbf.burst_bytes, tbf.limit_bytes), (MIN_BURST_BYTES, 1514));
        assert_eq!(Impairment::default().tbf(), None);
    }

    #[test]
    fn the_loss_rule_drops_at_ingress_by_a_random_number() {
        let rules = loss_ruleset("link0a", "eth0", 3000);
        assert!(rules.contains("hook ingress device \"eth0\""), "{rules}");
        assert!(
            rules.contains("numgen random mod 10000 < 3000 counter drop"),
            "{rules}"
        );
        assert!(nft_safe("sw-h2") && !nft_safe("a\"b"));
    }

    /// A lab of two hosts, 10.9.0.1 and 10.9.0.2, on one link impaired as asked.
    pub(crate) fn pair(impairment: Impairment) -> Topology {
        use crate::lab::{Host, Interface};
        let host = |name: &str, last: u8| Host {
            name: name.into(),
            interfaces: vec![Interface {
                name: "eth0".into(),
                mac: [2, 0, 0, 9, 0, last],
                addresses: vec![format!("10.9.0.{last}/24").parse().expect("net")],
                ports: Vec::new(),
            }],
            gateways: Vec::new(),
            forwarding: false,
            services: Vec::new(),
        };
        Topology {
            hosts: vec![host("a", 1), host("b", 2)],
            links: vec![Link {
                a: ("a".into(), "eth0".into()),
                b: ("b".into(), "eth0".into()),
                impairment,
            }],
        }
    }

    /// `tc ARGS` inside `ns`.
    fn tc(ns: &NetNs, args: &[&str]) -> String {
        let mut command = ns
            .command("tc")
            .expect("a copy of the namespace's descriptor");
        command.args(args);
        let output = command.output().expect("tc");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn can_build() -> bool {
        // SAFETY: geteuid has no preconditions.
        let root = unsafe { libc::geteuid() } == 0;
        let tools = ["tc", "nft"]
            .iter()
            .all(|tool| std::process::Command::new(tool).arg("-V").output().is_ok());
        // Without root, tc or nft the test has nothing to look at: the CLI tests (as root in
        // CI) cover the same ground with their own "skipped" line.
        root && tools
    }

    #[test]
    fn rate_and_loss_show_in_tc_and_nft_and_say_how() {
        if !can_build() {
            return;
        }
        let lab = crate::lab::Lab::build(pair(Impairment {
            loss: Loss::from_percent(30.0),
            rate_bits_per_second: Some(10_000_000),
            queue_bytes: None,
            delay: None,
        }))
        .expect("lab");
        assert_eq!(
            lab.impairments,
            vec![Applied {
                link: 0,
                asked: lab.topology.links[0].impairment,
                rate: Some(RateMethod::Tbf {
                    burst_bytes: 5_000,
                    queue_bytes: 62_500
                }),
                loss: Some(LossMethod::Nftables),
                delay: None,
            }]
        );
        for host in ["a", "b"] {
            let ns = lab.namespace(host).expect("ns");
            let shown = tc(ns, &["qdisc", "show", "dev", "eth0"]);
            assert!(shown.contains("qdisc tbf 10: root"), "{shown}");
            assert!(shown.contains("rate 10Mbit burst 5000b"), "{shown}");
            let rules = nft::nft(ns, &["list", "ruleset"], None).expect("nft");
            assert!(rules.contains("numgen random mod 10000 < 3000"), "{rules}");
        }
    }

    #[test]
    fn two_impaired_links_on_one_router_share_its_table_and_the_relay_namespace() {
        if !can_build() {
            return;
        }
        use crate::lab::{Host, Interface};
        let card = |name: &str, last: u8, address: &str| Interface {
            name: name.into(),
            mac: [2, 0, 0, 9, 1, last],
            addresses: vec![address.parse().expect("net")],
            ports: Vec::new(),
        };
        let host = |name: &str, interfaces, gateway: &str, forwarding| Host {
            name: name.into(),
            interfaces,
            gateways: vec![gateway.parse().expect("gateway")],
            forwarding,
            services: Vec::new(),
        };
        let impairment = Impairment {
            loss: Loss::from_percent(1.0),
            delay: Some(Duration::from_millis(5)),
            ..Impairment::default()
        };
        let link = |a: &str, ai: &str, b: &str, bi: &str| Link {
            a: (a.into(), ai.into()),
            b: (b.into(), bi.into()),
            impairment,
        };
        let topology = Topology {
            hosts: vec![
                host(
                    "a",
                    vec![card("eth0", 1, "10.9.1.10/24")],
                    "10.9.1.1",
                    false,
                ),
                host(
                    "r",
                    vec![
                        card("eth0", 2, "10.9.1.1/24"),
                        card("eth1", 3, "10.9.2.1/24"),
                    ],
                    "10.9.1.10",
                    true,
                ),
                host(
                    "b",
                    vec![card("eth0", 4, "10.9.2.20/24")],
                    "10.9.2.1",
                    false,
                ),
            ],
            links: vec![
                link("a", "eth0", "r", "eth0"),
                link("r", "eth1", "b", "eth0"),
            ],
        };
        let lab = crate::lab::Lab::build(topology).expect("lab");
        assert_eq!(lab.impairments.len(), 2);
        for applied in &lab.impairments {
            assert_eq!(applied.loss, Some(LossMethod::Nftables));
            assert!(applied.delay.is_some());
        }
        let router = lab.namespace("r").expect("r");
        let rules = nft::nft(router, &["list", "ruleset"], None).expect("nft");
        assert!(
            rules.contains("chain link0b") && rules.contains("chain link1a"),
            "{rules}"
        );
        // a to b crosses both links: at least two delays each way. A ping may be lost (1 %
        // each way of each link): a few tries.
        let a = lab.namespace("a").expect("a");
        let rtt = a
            .run(|| {
                let mut pinger = crate::lab::icmp::Pinger::open().expect("pinger");
                (0..5).find_map(|_| {
                    match pinger
                        .probe("10.9.2.20".parse().expect("ip"), 64, Duration::from_secs(1))
                        .expect("probe")
                        .answer
                    {
                        crate::lab::icmp::Answer::Echo { rtt, .. } => Some(rtt),
                        _ => None,
                    }
                })
            })
            .expect("run")
            .expect("an answer");
        assert!(rtt >= Duration::from_millis(20), "{rtt:?}");
        let counted = |link| {
            lab.relay_counters(link)
                .map(|c| c.forwarded.load(std::sync::atomic::Ordering::Relaxed))
        };
        if lab.impairments[0].delay == Some(DelayMethod::Relay) {
            assert!(counted(0).is_some_and(|n| n > 0) && counted(1).is_some_and(|n| n > 0));
        }
        lab.tear_down();
    }

    #[test]
    fn a_slow_link_resolves_arp_at_the_first_ping() {
        if !can_build() {
            return;
        }
        // 200 ms each way: the lab's ARP alone (3 tries, 100 ms apart) gives up at 300 ms,
        // before the answer is back at 400 ms.
        let lab = crate::lab::Lab::build(pair(Impairment {
            delay: Some(Duration::from_millis(200)),
            ..Impairment::default()
        }))
        .expect("lab");
        let a = lab.namespace("a").expect("a");
        let answer = a
            .run(|| {
                crate::lab::icmp::Pinger::open()
                    .expect("pinger")
                    .probe("10.9.0.2".parse().expect("ip"), 64, Duration::from_secs(2))
                    .expect("probe")
                    .answer
            })
            .expect("run");
        match answer {
            crate::lab::icmp::Answer::Echo { rtt, .. } => {
                assert!(rtt >= Duration::from_millis(800), "ARP and ping: {rtt:?}");
            }
            other => panic!("the first ping was not answered: {other:?}"),
        }
    }
}
