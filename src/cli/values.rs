//! Value parsers shared by every command family: sizes, durations, targets, networks. Each
//! parses to a typed value or a typed [`ValueError`]; nothing here does I/O or says a word
//! (the app's `values` module words the errors, `app::target` resolves a host name when the
//! command runs).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use ipnet::IpNet;

use super::DEFAULT_PORT;
use crate::net::address::{self, ParseError};
use crate::net::dns::name::QueryInputError;
use crate::net::echo::framing::{Framing, FramingParseError};

/// Why a value on the command line does not parse: the text as typed and what is wrong with
/// it. clap shows it through its `Display`, which the app family gives it (`app::values`),
/// in the reader's language.
#[derive(Debug, PartialEq, Eq)]
pub enum ValueError {
    /// Not an address, network or mask.
    Address(ParseError),
    /// Not a framing's name.
    Framing(FramingParseError),
    /// Not a record type a lookup can ask for.
    RecordType(QueryInputError),
    SizeUnit {
        text: String,
        unit: String,
    },
    SizeNumber {
        text: String,
    },
    DurationUnit {
        text: String,
        unit: String,
    },
    DurationNumber {
        text: String,
    },
    DurationTooLong {
        text: String,
    },
    DurationZero {
        text: String,
    },
    /// `HOST:PORT` whose port is not a number from 0 to 65535.
    TargetPort {
        text: String,
        port: String,
    },
    /// Neither `HOST:PORT`, `[IPv6]:PORT`, an IP address nor a port.
    TargetForm {
        text: String,
    },
    /// A generated message larger than the most that is held in memory (`max` bytes).
    MessageTooLarge {
        max: usize,
    },
    /// Permission bits above 0o777.
    ModeTooLarge {
        text: String,
    },
    /// Permission bits that are not octal.
    ModeNotOctal {
        text: String,
    },
    /// Not a link rate (`10mbit`) from [`MIN_RATE`] to [`MAX_RATE`] bits per second.
    Rate {
        text: String,
    },
    /// Not a share of packets (`1%`) from [`MIN_LOSS`] to [`MAX_LOSS`] percent.
    Percent {
        text: String,
    },
}

pub(crate) fn parse_net_arg(text: &str) -> Result<IpNet, ValueError> {
    address::parse_net(text).map_err(ValueError::Address)
}

pub(crate) fn parse_addr_arg(text: &str) -> Result<IpAddr, ValueError> {
    address::parse_addr(text).map_err(ValueError::Address)
}

pub(crate) fn parse_mask_arg(text: &str) -> Result<u8, ValueError> {
    address::parse_mask(text, false).map_err(ValueError::Address)
}

pub(crate) fn parse_framing(text: &str) -> Result<Framing, ValueError> {
    text.parse().map_err(ValueError::Framing)
}

/// Parses a byte count: `1024`, `64k`/`64KiB`, `1M`/`1MiB`, `1G`/`1GiB` (binary multiples).
pub fn parse_size(text: &str) -> Result<usize, ValueError> {
    let trimmed = text.trim();
    let split = trimmed
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(trimmed.len());
    let (digits, unit) = trimmed.split_at(split);
    let multiplier: usize = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => {
            return Err(ValueError::SizeUnit {
                text: text.to_string(),
                unit: unit.to_string(),
            });
        }
    };
    digits
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_mul(multiplier))
        .ok_or_else(|| ValueError::SizeNumber {
            text: text.to_string(),
        })
}

/// The longest duration any flag takes: a week. Longer ones would overflow clocks and timers
/// (`Instant + Duration`), and nothing netlearn does needs them.
pub const MAX_DURATION: Duration = Duration::from_secs(7 * 24 * 3600);

/// Parses a duration: `250ms`, `30s`, `5m`, `1h`, `2d`, or a bare number of seconds (`1.5`),
/// at most [`MAX_DURATION`].
pub fn parse_duration(text: &str) -> Result<Duration, ValueError> {
    let trimmed = text.trim();
    let split = trimmed
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(trimmed.len());
    let (number, unit) = trimmed.split_at(split);
    let seconds_per_unit = match unit {
        "" | "s" => 1.0,
        "ms" => 0.001,
        "us" | "µs" => 0.000_001,
        "m" | "min" => 60.0,
        "h" => 3600.0,
        "d" => 86_400.0,
        _ => {
            return Err(ValueError::DurationUnit {
                text: text.to_string(),
                unit: unit.to_string(),
            });
        }
    };
    let value: f64 = number.parse().map_err(|_| ValueError::DurationNumber {
        text: text.to_string(),
    })?;
    match Duration::try_from_secs_f64(value * seconds_per_unit) {
        Ok(duration) if duration <= MAX_DURATION => Ok(duration),
        _ => Err(ValueError::DurationTooLong {
            text: text.to_string(),
        }),
    }
}

pub(crate) fn parse_nonzero_duration(text: &str) -> Result<Duration, ValueError> {
    match parse_duration(text)? {
        Duration::ZERO => Err(ValueError::DurationZero {
            text: text.to_string(),
        }),
        duration => Ok(duration),
    }
}

/// The slowest and fastest link rates `lab congestion` takes, in bits per second.
pub const MIN_RATE: u64 = 100_000;
pub const MAX_RATE: u64 = 1_000_000_000;

/// Parses a link rate as tc writes it (`10mbit`, `512kbit`, `1gbit`: the lab's
/// `impair::parse_rate`), from [`MIN_RATE`] to [`MAX_RATE`].
pub fn parse_rate(text: &str) -> Result<u64, ValueError> {
    crate::net::lab::impair::parse_rate(text)
        .ok()
        .filter(|bits| (MIN_RATE..=MAX_RATE).contains(bits))
        .ok_or_else(|| ValueError::Rate {
            text: text.to_string(),
        })
}

/// The least and most loss `lab congestion` takes, in percent.
pub const MIN_LOSS: f64 = 0.1;
/// More than this, and the handshake itself may not get through in time.
pub const MAX_LOSS: f64 = 10.0;

/// Parses a share of packets in percent (`1%`, `0.5%` or `2`: the lab's
/// `impair::parse_loss`), from [`MIN_LOSS`] to [`MAX_LOSS`].
pub fn parse_percent(text: &str) -> Result<f64, ValueError> {
    crate::net::lab::impair::parse_loss(text)
        .ok()
        .map(|loss| loss.percent())
        .filter(|percent| (MIN_LOSS..=MAX_LOSS).contains(percent))
        .ok_or_else(|| ValueError::Percent {
            text: text.to_string(),
        })
}

/// Where to connect, as typed: an address, or a host name still to be resolved (by the
/// command, not while the command line is parsed: `app::target`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Addr(SocketAddr),
    Name { host: String, port: u16 },
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Addr(addr) => write!(f, "{addr}"),
            Target::Name { host, port } => write!(f, "{host}:{port}"),
        }
    }
}

/// Parses where to connect: `HOST:PORT`, `[v6]:PORT`, a bare IP (port 5008) or a bare port
/// (127.0.0.1). A host name is kept as a name: resolving it is I/O, done by the command.
pub fn parse_target(text: &str) -> Result<Target, ValueError> {
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Ok(Target::Addr(addr));
    }
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Ok(Target::Addr(SocketAddr::new(ip, DEFAULT_PORT)));
    }
    if let Ok(port) = text.parse::<u16>() {
        return Ok(Target::Addr(SocketAddr::new(
            IpAddr::V4(Ipv4Addr::LOCALHOST),
            port,
        )));
    }
    let (host, port) = match text.rsplit_once(':') {
        Some((host, port)) => match port.parse::<u16>() {
            Ok(port) => (host, port),
            Err(_) => {
                return Err(ValueError::TargetPort {
                    text: text.to_string(),
                    port: port.to_string(),
                });
            }
        },
        None => (text, DEFAULT_PORT),
    };
    let valid_name = !host.is_empty()
        && host.len() <= 253
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_');
    if !valid_name {
        return Err(ValueError::TargetForm {
            text: text.to_string(),
        });
    }
    Ok(Target::Name {
        host: host.to_string(),
        port,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_durations_parse_with_units() {
        assert_eq!(parse_size("512"), Ok(512));
        assert_eq!(parse_size("64KiB"), Ok(65536));
        assert_eq!(parse_size("1M"), Ok(1 << 20));
        assert!(parse_size("1.5M").is_err());
        assert!(parse_size("-1").is_err());
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("1.5"), Ok(Duration::from_millis(1500)));
        assert!(parse_duration("soon").is_err());
        assert_eq!(parse_duration("7d"), Ok(MAX_DURATION));
        assert!(parse_duration("2562047788015215h").is_err());
        assert!(parse_duration("1e300").is_err());
        assert!(parse_nonzero_duration("0").is_err());
    }

    #[test]
    fn errors_are_typed() {
        assert_eq!(
            parse_size("5X"),
            Err(ValueError::SizeUnit {
                text: "5X".into(),
                unit: "X".into()
            })
        );
        assert_eq!(
            parse_nonzero_duration("0s"),
            Err(ValueError::DurationZero { text: "0s".into() })
        );
        assert!(matches!(
            parse_addr_arg("1.2.3"),
            Err(ValueError::Address(ParseError::OctetCount { .. }))
        ));
        assert_eq!(
            parse_target("h:x"),
            Err(ValueError::TargetPort {
                text: "h:x".into(),
                port: "x".into()
            })
        );
    }

    #[test]
    fn targets_fill_in_the_defaults() {
        let addr = |text: &str| Ok(Target::Addr(text.parse().unwrap()));
        assert_eq!(parse_target("9000"), addr("127.0.0.1:9000"));
        assert_eq!(parse_target("::1"), addr("[::1]:5008"));
        assert_eq!(parse_target("[::1]:7"), addr("[::1]:7"));
        assert!(parse_target("127.0.0.1:99999").is_err());
        assert!(parse_target("").is_err());
        assert!(parse_target("a b:7").is_err());
    }

    /// A name is kept for the command to resolve; parsing does no lookup.
    #[test]
    fn names_are_parsed_not_resolved() {
        let name = |host: &str, port| {
            Ok(Target::Name {
                host: host.to_string(),
                port,
            })
        };
        assert_eq!(parse_target("localhost"), name("localhost", 5008));
        assert_eq!(
            parse_target("no-such-host.invalid:7"),
            name("no-such-host.invalid", 7)
        );
    }

    #[test]
    fn rates_and_shares_parse_as_tc_writes_them() {
        assert_eq!(parse_rate("10mbit"), Ok(10_000_000));
        assert_eq!(parse_rate("1.5Mbit"), Ok(1_500_000));
        assert_eq!(parse_rate("512kbit"), Ok(512_000));
        assert_eq!(parse_rate("1gbit"), Ok(1_000_000_000));
        for bad in ["fast", "10", "10mbyte", "50kbit", "2gbit", ""] {
            assert_eq!(
                parse_rate(bad),
                Err(ValueError::Rate { text: bad.into() }),
                "{bad}"
            );
        }
        assert_eq!(parse_percent("1%"), Ok(1.0));
        assert_eq!(parse_percent("0.5"), Ok(0.5));
        for bad in ["0%", "12%", "lots", "-1"] {
            assert_eq!(
                parse_percent(bad),
                Err(ValueError::Percent { text: bad.into() }),
                "{bad}"
            );
        }
    }
}
