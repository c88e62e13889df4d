//! Strict parsing of addresses, prefixes and masks, and the u128 view all address math uses.
//!
//! Strict means: no leading zeros in IPv4 octets (tools disagree on whether `010` is ten or
//! octal eight), prefix lengths within the family, masks that are contiguous ones.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ipnet::{IpNet, Ipv4Net, Ipv6Net};

/// IPv4 or IPv6.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Family {
    #[serde(rename = "4")]
    V4,
    #[serde(rename = "6")]
    V6,
}

impl Family {
    pub fn of(addr: IpAddr) -> Family {
        match addr {
            IpAddr::V4(_) => Family::V4,
            IpAddr::V6(_) => Family::V6,
        }
    }

    /// Address width in bits.
    pub fn bits(self) -> u8 {
        match self {
            Family::V4 => 32,
            Family::V6 => 128,
        }
    }

    pub fn number(self) -> u8 {
        match self {
            Family::V4 => 4,
            Family::V6 => 6,
        }
    }

    /// Every bit of an address of this family set.
    pub fn all_ones(self) -> u128 {
        match self {
            Family::V4 => u128::from(u32::MAX),
            Family::V6 => u128::MAX,
        }
    }
}

/// Why a piece of input is not an address, network or mask (worded by the addr view:
/// `app::addr::words`). `input` is the text as given: the view quotes it short and inert.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    Empty,
    /// An IPv4 octet written with a leading zero; `value` is what it means in decimal.
    LeadingZero {
        input: String,
        octet: String,
        value: u32,
    },
    BadAddress {
        input: String,
    },
    /// Dotted IPv4 with a number past 255 in one place (`192.168.1.300`).
    OctetTooBig {
        input: String,
        /// 1-based, as people count octets.
        position: usize,
        /// Digits only, but there may be a million of them.
        value: String,
    },
    /// Dotted IPv4 with something other than a number in one place (`10.0.x.1`, `10..0.1`).
    BadOctet {
        input: String,
        position: usize,
        text: String,
    },
    /// Dotted IPv4 with too few or too many parts (`10.1.2`).
    OctetCount {
        input: String,
        count: usize,
    },
    BadPrefix {
        input: String,
        prefix: String,
    },
    PrefixOutOfRange {
        input: String,
        prefix: u32,
        family: Family,
    },
    NonContiguousMask {
        input: String,
        fault: MaskFault,
    },
    /// A dotted netmask given with an IPv6 address.
    MaskOnIpv6 {
        input: String,
    },
}

/// The address as an unsigned number (IPv4 in the low 32 bits).
pub fn to_u128(addr: IpAddr) -> u128 {
    match addr {
        IpAddr::V4(v4) => u128::from(u32::from(v4)),
        IpAddr::V6(v6) => u128::from(v6),
    }
}

/// The address with number `value` in `family` (IPv4 uses the low 32 bits).
pub fn from_u128(family: Family, value: u128) -> IpAddr {
    match family {
        Family::V4 => IpAddr::V4(Ipv4Addr::from(value as u32)),
        Family::V6 => IpAddr::V6(Ipv6Addr::from(value)),
    }
}

/// The netmask of a prefix length as a number of the family's width.
pub fn mask_bits(family: Family, prefix: u8) -> u128 {
    let host_bits = u32::from(family.bits() - prefix.min(family.bits()));
    let host = if host_bits == 128 {
        u128::MAX
    } else {
        (1u128 << host_bits) - 1
    };
    family.all_ones() & !host
}

/// Parses an address strictly: IPv4 octets without leading zeros, any IPv6 form std accepts.
pub fn parse_addr(text: &str) -> Result<IpAddr, ParseError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ParseError::Empty);
    }
    if !text.contains(':') {
        for octet in text.split('.') {
            if octet.len() > 1
                && octet.starts_with('0')
                && octet.bytes().all(|b| b.is_ascii_digit())
            {
                return Err(ParseError::LeadingZero {
                    input: text.to_string(),
                    octet: octet.to_string(),
                    value: octet.trim_start_matches('0').parse().unwrap_or(0),
                });
            }
        }
    }
    text.parse::<IpAddr>().map_err(|_| {
        ipv4_problem(text).unwrap_or_else(|| ParseError::BadAddress {
            input: text.to_string(),
        })
    })
}

/// What is wrong with text that was meant as dotted IPv4, so the error names the bad part.
/// None when it does not look like IPv4 at all (a host name, IPv6): those keep the general
/// message, since guessing which octet a name got wrong would mislead.
fn ipv4_problem(text: &str) -> Option<ParseError> {
    let parts: Vec<&str> = text.split('.').collect();
    let numeric = parts
        .iter()
        .filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        .count();
    let only_digits_and_dots = text.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let looks_v4 = text.contains('.')
        && !text.contains(':')
        && (only_digits_and_dots || (parts.len() == 4 && numeric >= 2));
    if !looks_v4 {
        return None;
    }
    for (index, part) in parts.iter().enumerate().take(4) {
        let position = index + 1;
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Some(ParseError::BadOctet {
                input: text.to_string(),
                position,
                text: part.to_string(),
            });
        }
        // Leading zeros were refused before; a long run of digits is above 255 all the same.
        if part.len() > 3 || part.parse::<u16>().map_or(true, |n| n > 255) {
            return Some(ParseError::OctetTooBig {
                input: text.to_string(),
                position,
                value: part.to_string(),
            });
        }
    }
    (parts.len() != 4).then(|| ParseError::OctetCount {
        input: text.to_string(),
        count: parts.len(),
    })
}

/// What is wrong with a mask whose ones are not one run from the left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MaskFault {
    /// Zeros then ones (`0.0.15.255`): a wildcard (ACL) mask, which a caller may accept.
    Inverted,
    /// IPv4: bit `first_zero_bit` (from 1 at the left) is 0 but a later bit is 1.
    Gap { first_zero_bit: u32 },
    /// IPv6: the ones are not one run from the left.
    NotContiguous,
}

/// Parses a netmask: dotted (`255.255.240.0`), `/20` or `20`. Returns the prefix length.
/// With `allow_wildcard`, an inverted (Cisco ACL) mask such as `0.0.15.255` is accepted too.
pub fn parse_mask(text: &str, allow_wildcard: bool) -> Result<u8, ParseError> {
    let text = text.trim();
    let number = text.strip_prefix('/').unwrap_or(text);
    if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
        return prefix_in_range(text, number, Family::V4);
    }
    let addr = parse_addr(text)?;
    let IpAddr::V4(mask) = addr else {
        return Err(ParseError::MaskOnIpv6 {
            input: text.to_string(),
        });
    };
    let bits = u32::from(mask);
    if bits.leading_ones() + bits.trailing_zeros() == 32 {
        return Ok(bits.leading_ones() as u8);
    }
    if allow_wildcard && bits.leading_zeros() + bits.trailing_ones() == 32 {
        return Ok(bits.leading_zeros() as u8);
    }
    let fault = if bits.leading_zeros() + bits.trailing_ones() == 32 {
        MaskFault::Inverted
    } else {
        MaskFault::Gap {
            first_zero_bit: bits.leading_ones() + 1,
        }
    };
    Err(ParseError::NonContiguousMask {
        input: text.to_string(),
        fault,
    })
}

/// Parses a netmask of either family: a prefix length (`/20`, `20`; above 32 means IPv6, or
/// `family` when given), a dotted IPv4 mask, or an IPv6 mask (`ffff:ffff::`).
pub fn parse_any_mask(
    text: &str,
    allow_wildcard: bool,
    family: Option<Family>,
) -> Result<(Family, u8), ParseError> {
    let trimmed = text.trim();
    let number = trimmed.strip_prefix('/').unwrap_or(trimmed);
    if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
        let wide = number.parse::<u32>().map_or(true, |n| n > 32);
        let family = family.unwrap_or(if wide { Family::V6 } else { Family::V4 });
        return Ok((family, prefix_in_range(trimmed, number, family)?));
    }
    if trimmed.contains(':') {
        let IpAddr::V6(mask) = parse_addr(trimmed)? else {
            return Err(ParseError::BadAddress {
                input: trimmed.to_string(),
            });
        };
        let bits = u128::from(mask);
        if bits.leading_ones() + bits.trailing_zeros() == 128 {
            return Ok((Family::V6, bits.leading_ones() as u8));
        }
        return Err(ParseError::NonContiguousMask {
            input: trimmed.to_string(),
            fault: MaskFault::NotContiguous,
        });
    }
    Ok((Family::V4, parse_mask(trimmed, allow_wildcard)?))
}

fn prefix_in_range(input: &str, number: &str, family: Family) -> Result<u8, ParseError> {
    let prefix: u32 = number.parse().map_err(|_| ParseError::BadPrefix {
        input: input.to_string(),
        prefix: number.to_string(),
    })?;
    if prefix > u32::from(family.bits()) {
        return Err(ParseError::PrefixOutOfRange {
            input: input.to_string(),
            prefix,
            family,
        });
    }
    Ok(prefix as u8)
}

/// Parses a network: `192.168.0.0/24`, `192.168.0.77/24` (host bits kept), `10.0.0.1/255.0.0.0`,
/// `10.0.0.1 255.0.0.0`, `2001:db8::/32`, or a bare address (a /32 or /128).
pub fn parse_net(text: &str) -> Result<IpNet, ParseError> {
    let text = text.trim();
    let (addr_text, prefix_text) = match text.split_once('/') {
        Some((addr, prefix)) => (addr, Some(prefix)),
        None => match text.split_once(char::is_whitespace) {
            Some((addr, mask)) => (addr, Some(mask.trim())),
            None => (text, None),
        },
    };
    let addr = parse_addr(addr_text).map_err(|error| match error {
        ParseError::BadAddress { .. } => ParseError::BadAddress {
            input: text.to_string(),
        },
        other => other,
    })?;
    let family = Family::of(addr);
    let prefix = match prefix_text {
        None => family.bits(),
        Some(prefix) if prefix.contains('.') => {
            if family == Family::V6 {
                return Err(ParseError::MaskOnIpv6 {
                    input: text.to_string(),
                });
            }
            parse_mask(prefix, false).map_err(|error| match error {
                ParseError::NonContiguousMask { fault, .. } => ParseError::NonContiguousMask {
                    input: text.to_string(),
                    fault,
                },
                other => other,
            })?
        }
        Some(prefix) if !prefix.is_empty() && prefix.bytes().all(|b| b.is_ascii_digit()) => {
            prefix_in_range(text, prefix, family)?
        }
        Some(prefix) => {
            return Err(ParseError::BadPrefix {
                input: text.to_string(),
                prefix: prefix.to_string(),
            });
        }
    };
    Ok(make_net(addr, prefix))
}

/// Builds a network keeping the address as given (host bits included). `prefix` must be in
/// range for the family; callers validate it first.
pub fn make_net(addr: IpAddr, prefix: u8) -> IpNet {
    match addr {
        IpAddr::V4(v4) => IpNet::V4(Ipv4Net::new_assert(v4, prefix.min(32))),
        IpAddr::V6(v6) => IpNet::V6(Ipv6Net::new_assert(v6, prefix.min(128))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_faults_are_typed() {
        let fault = |text: &str| match parse_mask(text, false) {
            Err(ParseError::NonContiguousMask { fault, .. }) => Some(fault),
            _ => None,
        };
        assert_eq!(fault("0.0.15.255"), Some(MaskFault::Inverted));
        assert_eq!(
            fault("255.0.255.0"),
            Some(MaskFault::Gap { first_zero_bit: 9 })
        );
        assert_eq!(parse_mask("0.0.15.255", true), Ok(20));
        assert!(matches!(
            parse_any_mask("ffff:0:ffff::", false, None),
            Err(ParseError::NonContiguousMask {
                fault: MaskFault::NotContiguous,
                ..
            })
        ));
    }

    #[test]
    fn strict_addresses() {
        assert!(parse_addr("192.168.0.1").is_ok());
        assert!(parse_addr("::ffff:10.0.0.1").is_ok());
        assert!(matches!(
            parse_addr("010.1.1.1"),
            Err(ParseError::LeadingZero { value: 10, .. })
        ));
        assert!(matches!(
            parse_addr("300.1.1.1"),
            Err(ParseError::OctetTooBig { position: 1, .. })
        ));
        assert!(matches!(
            parse_addr("abc"),
            Err(ParseError::BadAddress { .. })
        ));
        assert!(matches!(parse_addr(""), Err(ParseError::Empty)));
        assert!(matches!(
            parse_addr("1.2.3.4.5"),
            Err(ParseError::OctetCount { count: 5, .. })
        ));
        assert!(
            parse_addr("0.0.0.0").is_ok(),
            "a lone zero is not a leading zero"
        );
    }

    #[test]
    fn a_bad_ipv4_address_names_the_octet_at_fault() {
        let error = |text: &str| parse_addr(text).unwrap_err();
        assert_eq!(
            error("192.168.1.300"),
            ParseError::OctetTooBig {
                input: "192.168.1.300".into(),
                position: 4,
                value: "300".into()
            }
        );
        assert_eq!(
            error("10.0.x.1"),
            ParseError::BadOctet {
                input: "10.0.x.1".into(),
                position: 3,
                text: "x".into()
            }
        );
        assert!(matches!(
            error("10..0.1"),
            ParseError::BadOctet { position: 2, ref text, .. } if text.is_empty()
        ));
        assert!(matches!(
            error("10.1.2"),
            ParseError::OctetCount { count: 3, .. }
        ));
        // Names and IPv6 keep the general error: there is no octet to blame.
        assert!(matches!(
            error("example.com"),
            ParseError::BadAddress { .. }
        ));
        assert!(matches!(
            error("2001:db8::zz"),
            ParseError::BadAddress { .. }
        ));
        // The same error through a network and a mask; the network's error names the address.
        assert!(matches!(
            parse_net("192.168.1.300/24"),
            Err(ParseError::OctetTooBig { ref input, position: 4, .. }) if input == "192.168.1.300"
        ));
        assert!(matches!(
            parse_mask("255.255.256.0", false),
            Err(ParseError::OctetTooBig { position: 3, .. })
        ));
    }

    #[test]
    fn masks_must_be_contiguous() {
        assert_eq!(parse_mask("255.255.240.0", false), Ok(20));
        assert_eq!(parse_mask("/20", false), Ok(20));
        assert_eq!(parse_mask("0", false), Ok(0));
        assert_eq!(parse_mask("0.0.0.0", false), Ok(0));
        assert_eq!(parse_mask("255.255.255.255", false), Ok(32));
        assert!(matches!(
            parse_mask("255.0.255.0", false),
            Err(ParseError::NonContiguousMask { .. })
        ));
        assert!(parse_mask("0.0.15.255", false).is_err());
        assert_eq!(parse_mask("0.0.15.255", true), Ok(20));
        assert!(matches!(
            parse_mask("33", false),
            Err(ParseError::PrefixOutOfRange { .. })
        ));
    }

    #[test]
    fn networks_in_every_notation() {
        assert_eq!(
            parse_net("192.168.0.77/24").unwrap().to_string(),
            "192.168.0.77/24"
        );
        assert_eq!(
            parse_net("172.16.5.4 255.255.240.0").unwrap().to_string(),
            "172.16.5.4/20"
        );
        assert_eq!(
            parse_net("172.16.5.4/255.255.240.0").unwrap().to_string(),
            "172.16.5.4/20"
        );
        assert_eq!(
            parse_net("2001:db8::/32").unwrap().to_string(),
            "2001:db8::/32"
        );
        assert_eq!(parse_net("10.1.2.3").unwrap().prefix_len(), 32);
        assert_eq!(parse_net("::1").unwrap().prefix_len(), 128);
        assert!(matches!(
            parse_net("192.168.0.0/33"),
            Err(ParseError::PrefixOutOfRange { prefix: 33, .. })
        ));
        assert!(matches!(
            parse_net("2001:db8::/129"),
            Err(ParseError::PrefixOutOfRange { prefix: 129, .. })
        ));
        assert!(matches!(
            parse_net("10.0.0.0/x"),
            Err(ParseError::BadPrefix { .. })
        ));
        assert!(matches!(
            parse_net("2001:db8::/255.0.0.0"),
            Err(ParseError::MaskOnIpv6 { .. })
        ));
        assert!(matches!(
            parse_net("10.0.0.0/255.0.255.0"),
            Err(ParseError::NonContiguousMask { .. })
        ));
    }

    #[test]
    fn mask_bits_cover_the_edges() {
        assert_eq!(mask_bits(Family::V4, 0), 0);
        assert_eq!(mask_bits(Family::V4, 32), u128::from(u32::MAX));
        assert_eq!(mask_bits(Family::V4, 24), 0xffff_ff00);
        assert_eq!(mask_bits(Family::V6, 0), 0);
        assert_eq!(mask_bits(Family::V6, 128), u128::MAX);
        assert_eq!(mask_bits(Family::V6, 1), 1u128 << 127);
    }
}
