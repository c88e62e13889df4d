//! Subnet arithmetic on one code path for IPv4 and IPv6 (u128 underneath): the info a
//! calculator shows, split, supernet, range to CIDRs, exclude and containment.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ipnet::IpNet;

use super::address::{Family, from_u128, make_net, mask_bits, to_u128};
use super::special::{Classification, bounds, classify, classify_addr};

/// How many addresses (or hosts): up to 2^128, the size of `::/0`, which no integer type
/// here can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Count {
    Exact(u128),
    TwoPow128,
}

impl std::fmt::Display for Count {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Count::Exact(n) => write!(f, "{n}"),
            Count::TwoPow128 => f.write_str("340282366920938463463374607431768211456"),
        }
    }
}

/// Everything about one network (`netlearn cidr <NET>`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubnetInfo {
    /// The network as given: the address with its host bits, and the prefix length.
    pub net: IpNet,
    pub netmask: IpAddr,
    /// The host mask (inverse of the netmask), as in ACLs.
    pub wildcard: IpAddr,
    /// IPv4 up to /30 only: /31 (RFC 3021) and /32 have none, and IPv6 has no broadcast.
    pub broadcast: Option<IpAddr>,
    pub first_host: IpAddr,
    pub last_host: IpAddr,
    pub addresses: Count,
    pub usable_hosts: Count,
    /// Whether the address given had bits set below the prefix.
    pub host_bits_set: bool,
    pub classification: Classification,
    pub forms: AddressForms,
}

impl SubnetInfo {
    pub fn family(&self) -> Family {
        Family::of(self.net.addr())
    }
}

/// The other ways to write an address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AddressForms {
    /// IPv6: the address itself (shown expanded and RFC 5952 compressed).
    pub v6: Option<Ipv6Addr>,
    /// IPv4: the same address as an IPv4-mapped IPv6 address (RFC 4291).
    pub ipv4_mapped: Option<Ipv6Addr>,
    /// IPv6: an IPv4 address embedded by the mapped, compatible or NAT64 (RFC 6052) forms.
    pub embedded_ipv4: Option<Ipv4Addr>,
}

impl AddressForms {
    pub fn of(addr: IpAddr) -> AddressForms {
        match addr {
            IpAddr::V4(v4) => AddressForms {
                v6: None,
                ipv4_mapped: Some(v4.to_ipv6_mapped()),
                embedded_ipv4: None,
            },
            IpAddr::V6(v6) => AddressForms {
                v6: Some(v6),
                ipv4_mapped: None,
                embedded_ipv4: embedded_ipv4(v6),
            },
        }
    }
}

/// Usable hosts for `host_bits` host bits, by the conventions in `--help`: IPv4 loses network
/// and broadcast up to /30, /31 has 2 (RFC 3021), /32 has 1; IPv6 uses every address.
fn usable_hosts(family: Family, host_bits: u32) -> Count {
    match (family, host_bits) {
        (_, 128) => Count::TwoPow128,
        (Family::V6, h) => Count::Exact(1u128 << h),
        (Family::V4, 0) => Count::Exact(1),
        (Family::V4, 1) => Count::Exact(2),
        (Family::V4, h) => Count::Exact((1u128 << h) - 2),
    }
}

pub fn address_count(host_bits: u32) -> Count {
    if host_bits == 128 {
        Count::TwoPow128
    } else {
        Count::Exact(1u128 << host_bits)
    }
}

/// The binary digits of `value` in the family's width, grouped (8 bits for IPv4, 16 for
/// IPv6), with `|` at the prefix boundary.
pub fn binary(family: Family, value: u128, prefix: u8) -> String {
    let bits = u32::from(family.bits());
    let group = if family == Family::V4 { 8 } else { 16 };
    let separator = if family == Family::V4 { '.' } else { ':' };
    let mut text = String::with_capacity(bits as usize + 24);
    for i in 0..bits {
        if i == u32::from(prefix) {
            text.push('|');
        } else if i > 0 && i % group == 0 {
            text.push(separator);
        }
        let bit = (value >> (bits - 1 - i)) & 1;
        text.push(if bit == 1 { '1' } else { '0' });
    }
    if u32::from(prefix) == bits {
        text.push('|');
    }
    text
}

/// The reverse zone covering a network: whole octets (in-addr.arpa) or nibbles (ip6.arpa);
/// IPv4 prefixes longer than /24 that do not end on an octet get the RFC 2317 form.
pub fn reverse_zone(net: &IpNet) -> String {
    match net.network() {
        IpAddr::V4(v4) => {
            let octets = v4.octets();
            let prefix = net.prefix_len();
            let whole = usize::from(prefix / 8);
            let mut labels: Vec<String> = octets[..whole].iter().rev().map(u8::to_string).collect();
            if prefix > 24 && !prefix.is_multiple_of(8) {
                labels.insert(0, format!("{}/{prefix}", octets[3]));
            }
            labels.push("in-addr.arpa".to_string());
            labels.join(".")
        }
        IpAddr::V6(v6) => {
            let nibbles = usize::from(net.prefix_len() / 4);
            let value = u128::from(v6);
            let mut labels: Vec<String> = (0..nibbles)
                .rev()
                .map(|i| format!("{:x}", (value >> (124 - 4 * i)) & 0xf))
                .collect();
            labels.push("ip6.arpa".to_string());
            labels.join(".")
        }
    }
}

/// An IPv4 address carried inside an IPv6 one, if the IPv6 address is of such a form.
pub fn embedded_ipv4(v6: Ipv6Addr) -> Option<Ipv4Addr> {
    let value = u128::from(v6);
    let low32 = Ipv4Addr::from(value as u32);
    let high96 = value >> 32;
    match high96 {
        0xffff => Some(low32),                          // ::ffff:a.b.c.d (mapped)
        0x0064_ff9b_0000_0000_0000_0000 => Some(low32), // 64:ff9b::a.b.c.d (NAT64)
        h if h == 0 && value > 1 => Some(low32),        // ::a.b.c.d (compatible, deprecated)
        _ => None,
    }
}

/// All 32 hex digits of an IPv6 address, in eight groups.
pub fn expanded(v6: Ipv6Addr) -> String {
    v6.segments()
        .iter()
        .map(|s| format!("{s:04x}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// Computes everything about one network.
pub fn info(net: &IpNet) -> SubnetInfo {
    let family = Family::of(net.addr());
    let bits = u32::from(family.bits());
    let prefix = net.prefix_len();
    let host_bits = bits - u32::from(prefix);
    let (first, last) = bounds(net);
    let address = to_u128(net.addr());
    let mask = mask_bits(family, prefix);
    let addr = |value: u128| from_u128(family, value);
    let (first_host, last_host, broadcast) = match (family, host_bits) {
        (Family::V4, h) if h >= 2 => (first + 1, last - 1, Some(addr(last))),
        _ => (first, last, None),
    };
    SubnetInfo {
        net: *net,
        netmask: addr(mask),
        wildcard: addr(family.all_ones() & !mask),
        broadcast,
        first_host: addr(first_host),
        last_host: addr(last_host),
        addresses: address_count(host_bits),
        usable_hosts: usable_hosts(family, host_bits),
        host_bits_set: address != first,
        classification: classify(net),
        forms: AddressForms::of(net.addr()),
    }
}

/// Why a list operation cannot be done (worded by the addr view: `app::addr::words`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SubnetError {
    /// The new prefix is not longer than the network's, or past the family's width.
    SplitPrefix {
        net: IpNet,
        prefix: u32,
        current: u8,
        max: u8,
    },
    /// More subnets than `split` lists (2^`limit`).
    TooManySubnets {
        net: IpNet,
        prefix: u8,
        exponent: u32,
        limit: u32,
    },
    /// The network is too small for what was asked.
    DoesNotFit {
        net: IpNet,
        wanted: u128,
        what: Wanted,
    },
    SupernetPrefix {
        prefix: u32,
        current: u8,
    },
    MixedFamilies {
        first: IpAddr,
        last: IpAddr,
    },
}

/// What a network was asked to hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wanted {
    Subnets,
    UsableHosts,
}

/// Largest number of subnets `split` lists: 2^24.
pub const SPLIT_LIMIT_EXPONENT: u32 = 24;

/// The prefix that splits `net` into at least `count` subnets.
pub fn prefix_for_count(net: &IpNet, count: u128) -> Result<u8, SubnetError> {
    let family = Family::of(net.addr());
    let extra = if count <= 1 {
        0
    } else {
        128 - (count - 1).leading_zeros()
    };
    let prefix = u32::from(net.prefix_len()) + extra;
    if count == 0 || prefix > u32::from(family.bits()) {
        return Err(SubnetError::DoesNotFit {
            net: *net,
            wanted: count,
            what: Wanted::Subnets,
        });
    }
    Ok(prefix as u8)
}

/// The longest prefix whose subnets each have at least `hosts` usable hosts.
pub fn prefix_for_hosts(net: &IpNet, hosts: u128) -> Result<u8, SubnetError> {
    let family = Family::of(net.addr());
    let bits = u32::from(family.bits());
    let max_host_bits = bits - u32::from(net.prefix_len());
    let usable = |h: u32| -> u128 {
        match (family, h) {
            (_, 128) => u128::MAX,
            (Family::V6, h) => 1u128 << h,
            (Family::V4, 0) => 1,
            (Family::V4, 1) => 2,
            (Family::V4, h) => (1u128 << h) - 2,
        }
    };
    (0..=max_host_bits)
        .find(|&h| usable(h) >= hosts)
        .map(|h| (bits - h) as u8)
        .ok_or(SubnetError::DoesNotFit {
            net: *net,
            wanted: hosts,
            what: Wanted::UsableHosts,
        })
}

/// The subnets of `net` with the longer prefix `prefix`, in order.
pub fn split(
    net: &IpNet,
    prefix: u32,
) -> Result<impl Iterator<Item = IpNet> + Clone + use<>, SubnetError> {
    let family = Family::of(net.addr());
    let current = net.prefix_len();
    if prefix < u32::from(current) || prefix > u32::from(family.bits()) {
        return Err(SubnetError::SplitPrefix {
            net: *net,
            prefix,
            current,
            max: family.bits(),
        });
    }
    let exponent = prefix - u32::from(current);
    if exponent > SPLIT_LIMIT_EXPONENT {
        return Err(SubnetError::TooManySubnets {
            net: net.trunc(),
            prefix: prefix as u8,
            exponent,
            limit: SPLIT_LIMIT_EXPONENT,
        });
    }
    let (first, _) = bounds(net);
    let step_bits = u32::from(family.bits()) - prefix;
    let count = 1u128 << exponent;
    Ok((0..count).map(move |i| {
        let start = if step_bits == 128 {
            0
        } else {
            first + (i << step_bits)
        };
        make_net(from_u128(family, start), prefix as u8)
    }))
}

/// The enclosing network with prefix `prefix` (default: one bit shorter).
pub fn supernet(net: &IpNet, prefix: Option<u32>) -> Result<IpNet, SubnetError> {
    let current = net.prefix_len();
    let prefix = match prefix {
        Some(prefix) => prefix,
        None if current == 0 => return Err(SubnetError::SupernetPrefix { prefix: 0, current }),
        None => u32::from(current - 1),
    };
    if prefix > u32::from(current) {
        return Err(SubnetError::SupernetPrefix { prefix, current });
    }
    Ok(make_net(net.addr(), prefix as u8).trunc())
}

/// The minimal list of CIDR blocks covering exactly `first..=last`.
pub fn range_to_cidrs(family: Family, first: u128, last: u128) -> Vec<IpNet> {
    let mut blocks = Vec::new();
    let bits = u32::from(family.bits());
    let mut start = first;
    loop {
        if start > last {
            break;
        }
        // Largest block aligned at `start` ...
        let align = if start == 0 {
            bits
        } else {
            start.trailing_zeros().min(bits)
        };
        // ... that does not run past `last`.
        let span = last - start; // block size minus one must be <= span
        let fit = if span == u128::MAX {
            128
        } else {
            128 - (span + 1).leading_zeros() - 1
        };
        let host_bits = align.min(fit).min(bits);
        blocks.push(make_net(from_u128(family, start), (bits - host_bits) as u8));
        let size_minus_one = if host_bits == 128 {
            u128::MAX
        } else {
            (1u128 << host_bits) - 1
        };
        match start
            .checked_add(size_minus_one)
            .and_then(|end| end.checked_add(1))
        {
            Some(next) if start + size_minus_one < last => start = next,
            _ => break,
        }
    }
    blocks
}

/// CIDR blocks covering `first..=last` (two addresses of the same family).
pub fn range(first: IpAddr, last: IpAddr) -> Result<Vec<IpNet>, SubnetError> {
    if Family::of(first) != Family::of(last) {
        return Err(SubnetError::MixedFamilies { first, last });
    }
    let (a, b) = (to_u128(first), to_u128(last));
    let (low, high) = if a <= b { (a, b) } else { (b, a) };
    Ok(range_to_cidrs(Family::of(first), low, high))
}

/// Whether `inner` lies wholly inside `outer` (same family).
pub fn contains(outer: &IpNet, inner: &IpNet) -> bool {
    if Family::of(outer.addr()) != Family::of(inner.addr()) {
        return false;
    }
    let (outer_first, outer_last) = bounds(outer);
    let (inner_first, inner_last) = bounds(inner);
    outer_first <= inner_first && inner_last <= outer_last
}

/// `net` with every block of `excluded` removed, as a minimal CIDR list.
pub fn exclude(net: &IpNet, excluded: &[IpNet]) -> Vec<IpNet> {
    let family = Family::of(net.addr());
    let (first, last) = bounds(net);
    let mut holes: Vec<(u128, u128)> = excluded
        .iter()
        .filter(|e| Family::of(e.addr()) == family)
        .map(bounds)
        .filter(|&(a, b)| a <= last && first <= b)
        .collect();
    holes.sort_unstable();
    let mut result = Vec::new();
    let mut cursor = Some(first);
    for (hole_first, hole_last) in holes {
        let Some(start) = cursor else { break };
        if hole_first > start {
            result.extend(range_to_cidrs(family, start, hole_first - 1));
        }
        if hole_last >= last {
            cursor = None;
        } else if hole_last + 1 > start {
            cursor = Some(hole_last + 1);
        }
    }
    if let Some(start) = cursor {
        result.extend(range_to_cidrs(family, start, last));
    }
    result
}

/// A netmask in every notation (`netlearn mask`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MaskInfo {
    pub family: Family,
    pub prefix_len: u8,
    pub netmask: IpAddr,
    pub wildcard: IpAddr,
    pub addresses: Count,
    pub usable_hosts: Count,
}

pub fn mask_info(family: Family, prefix: u8) -> MaskInfo {
    let mask = mask_bits(family, prefix);
    let host_bits = u32::from(family.bits() - prefix);
    MaskInfo {
        family,
        prefix_len: prefix,
        netmask: from_u128(family, mask),
        wildcard: from_u128(family, family.all_ones() & !mask),
        addresses: address_count(host_bits),
        usable_hosts: usable_hosts(family, host_bits),
    }
}

/// One address explained (`netlearn ip`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressInfo {
    pub addr: IpAddr,
    pub forms: AddressForms,
    pub classification: Classification,
    /// The PTR name a reverse lookup asks for.
    pub reverse_pointer: String,
}

/// The name a reverse (PTR) lookup asks for: 1.2.0.192.in-addr.arpa, or 32 nibbles of ip6.arpa.
pub fn reverse_pointer(addr: IpAddr) -> String {
    match addr {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            format!("{}.{}.{}.{}.in-addr.arpa", o[3], o[2], o[1], o[0])
        }
        IpAddr::V6(_) => reverse_zone(&make_net(addr, 128)),
    }
}

pub fn address_info(addr: IpAddr) -> AddressInfo {
    AddressInfo {
        addr,
        forms: AddressForms::of(addr),
        classification: classify_addr(addr),
        reverse_pointer: reverse_pointer(addr),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::address::parse_net;
    use crate::special::AddressClass;

    fn net(text: &str) -> IpNet {
        parse_net(text).unwrap()
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn conventions_at_the_edges() {
        let slash24 = info(&net("192.168.0.77/24"));
        assert_eq!(slash24.net.trunc(), net("192.168.0.0/24"));
        assert_eq!(slash24.broadcast, Some(ip("192.168.0.255")));
        assert_eq!(
            (slash24.first_host, slash24.last_host),
            (ip("192.168.0.1"), ip("192.168.0.254"))
        );
        assert_eq!(slash24.usable_hosts, Count::Exact(254));
        assert!(slash24.host_bits_set);

        let slash31 = info(&net("10.0.0.0/31"));
        assert_eq!(slash31.broadcast, None);
        assert_eq!(
            (slash31.first_host, slash31.last_host),
            (ip("10.0.0.0"), ip("10.0.0.1"))
        );
        assert_eq!(slash31.usable_hosts, Count::Exact(2));

        let slash32 = info(&net("10.0.0.7/32"));
        assert_eq!(slash32.usable_hosts, Count::Exact(1));
        assert_eq!(slash32.first_host, ip("10.0.0.7"));
        assert!(!slash32.host_bits_set);

        let all_v4 = info(&net("0.0.0.0/0"));
        assert_eq!(all_v4.addresses, Count::Exact(4_294_967_296));
        assert_eq!(all_v4.usable_hosts, Count::Exact(4_294_967_294));
        assert_eq!(all_v4.netmask, ip("0.0.0.0"));
        assert_eq!(all_v4.wildcard, ip("255.255.255.255"));

        let all_v6 = info(&net("::/0"));
        assert_eq!(all_v6.addresses, Count::TwoPow128);
        assert_eq!(
            all_v6.usable_hosts.to_string(),
            "340282366920938463463374607431768211456",
            "2^128"
        );
        assert_eq!(all_v6.broadcast, None);
        assert_eq!(
            all_v6.last_host,
            ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
        );

        let slash127 = info(&net("2001:db8::/127"));
        assert_eq!(slash127.usable_hosts, Count::Exact(2));
        assert_eq!(slash127.first_host, ip("2001:db8::"));
        let slash128 = info(&net("2001:db8::1/128"));
        assert_eq!(slash128.usable_hosts, Count::Exact(1));
    }

    #[test]
    fn forms_and_zones() {
        assert_eq!(
            binary(Family::V4, 0xc0a8_0001, 24),
            "11000000.10101000.00000000|00000001"
        );
        assert_eq!(
            binary(Family::V4, 0, 0),
            "|00000000.00000000.00000000.00000000"
        );
        assert_eq!(
            reverse_zone(&net("192.168.1.0/24")),
            "1.168.192.in-addr.arpa"
        );
        assert_eq!(
            reverse_zone(&net("192.168.1.64/26")),
            "64/26.1.168.192.in-addr.arpa"
        );
        assert_eq!(reverse_zone(&net("10.0.0.0/12")), "10.in-addr.arpa");
        assert_eq!(
            reverse_zone(&net("2001:db8::/32")),
            "8.b.d.0.1.0.0.2.ip6.arpa"
        );
        let mapped = info(&net("::ffff:192.0.2.1"));
        assert_eq!(
            mapped.forms.embedded_ipv4,
            Some(Ipv4Addr::new(192, 0, 2, 1))
        );
        assert_eq!(mapped.classification.class, AddressClass::Ipv4Mapped);
        assert_eq!(
            info(&net("10.1.2.3")).forms.ipv4_mapped,
            Some("::ffff:10.1.2.3".parse().unwrap())
        );
        assert_eq!(
            expanded("2001:db8::1".parse().unwrap()),
            "2001:0db8:0000:0000:0000:0000:0000:0001"
        );
        assert_eq!(embedded_ipv4("::1".parse().unwrap()), None);
    }

    #[test]
    fn masks_and_addresses_explained() {
        let mask = mask_info(Family::V4, 20);
        assert_eq!(
            (mask.netmask, mask.wildcard),
            (ip("255.255.240.0"), ip("0.0.15.255"))
        );
        assert_eq!(mask.usable_hosts, Count::Exact(4094));
        assert_eq!(
            mask_info(Family::V6, 64).netmask,
            ip("ffff:ffff:ffff:ffff::")
        );
        let loopback = address_info(ip("127.0.0.1"));
        assert_eq!(loopback.reverse_pointer, "1.0.0.127.in-addr.arpa");
        assert_eq!(loopback.classification.class, AddressClass::Loopback);
        let v6 = address_info(ip("2001:db8::1"));
        assert_eq!(
            v6.reverse_pointer,
            "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"
        );
        assert_eq!(
            address_info(ip("fe80::1")).classification.class,
            AddressClass::LinkLocal
        );
    }

    #[test]
    fn split_supernet_range_exclude() {
        let parts: Vec<String> = split(&net("192.168.0.0/24"), 26)
            .unwrap()
            .map(|n| n.to_string())
            .collect();
        assert_eq!(
            parts,
            [
                "192.168.0.0/26",
                "192.168.0.64/26",
                "192.168.0.128/26",
                "192.168.0.192/26"
            ]
        );
        assert!(split(&net("10.0.0.0/8"), 7).is_err());
        assert!(split(&net("2001:db8::/32"), 128).is_err());
        assert_eq!(prefix_for_count(&net("10.0.0.0/24"), 5), Ok(27));
        assert_eq!(prefix_for_hosts(&net("10.0.0.0/24"), 50), Ok(26));
        assert_eq!(prefix_for_hosts(&net("10.0.0.0/24"), 2), Ok(31));
        assert_eq!(prefix_for_hosts(&net("10.0.0.0/24"), 1), Ok(32));
        assert!(prefix_for_hosts(&net("10.0.0.0/24"), 255).is_err());
        assert_eq!(
            supernet(&net("192.168.1.0/24"), None).unwrap().to_string(),
            "192.168.0.0/23"
        );
        assert_eq!(
            supernet(&net("192.168.1.0/24"), Some(16))
                .unwrap()
                .to_string(),
            "192.168.0.0/16"
        );
        assert!(supernet(&net("192.168.1.0/24"), Some(25)).is_err());
        let blocks: Vec<String> = range("10.0.0.1".parse().unwrap(), "10.0.0.10".parse().unwrap())
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            blocks,
            [
                "10.0.0.1/32",
                "10.0.0.2/31",
                "10.0.0.4/30",
                "10.0.0.8/31",
                "10.0.0.10/32"
            ]
        );
        assert_eq!(range_to_cidrs(Family::V6, 0, u128::MAX), vec![net("::/0")]);
        assert_eq!(
            range_to_cidrs(Family::V4, 0, u128::from(u32::MAX)),
            vec![net("0.0.0.0/0")]
        );
        let rest: Vec<String> = exclude(&net("10.0.0.0/24"), &[net("10.0.0.64/26")])
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(rest, ["10.0.0.0/26", "10.0.0.128/25"]);
        assert!(exclude(&net("10.0.0.0/24"), &[net("10.0.0.0/8")]).is_empty());
        assert!(contains(&net("10.0.0.0/8"), &net("10.1.2.3")));
        assert!(!contains(&net("10.0.0.0/8"), &net("11.0.0.0/32")));
        assert!(!contains(&net("::/0"), &net("10.0.0.0/8")));
    }
}
