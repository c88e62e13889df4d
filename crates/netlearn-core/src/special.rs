//! The IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and updates) plus the
//! multicast blocks, as a data table, and the classification of any prefix against it.

use std::sync::LazyLock;

use ipnet::IpNet;

#[cfg(test)]
use super::address::from_u128;
use super::address::{Family, to_u128};

/// What a prefix is, by the registry: one variant per registry slug, plus the two verdicts a
/// prefix outside a single block gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AddressClass {
    SixToFour,
    Amt,
    Anycast,
    As112,
    Benchmarking,
    Broadcast,
    Deprecated6to4Relay,
    DeprecatedOrchid,
    Discard,
    Documentation,
    DroneDet,
    Dummy,
    IetfProtocol,
    Ipv4Mapped,
    LinkLocal,
    Loopback,
    Multicast,
    Nat64,
    Nat64Discovery,
    Nat64Local,
    OrchidV2,
    Private,
    Reserved,
    ServiceContinuity,
    Shared,
    Srv6,
    Teredo,
    ThisHost,
    ThisNetwork,
    UniqueLocal,
    Unspecified,
    /// The prefix overlaps special-purpose blocks without lying inside one.
    Mixed,
    /// No special-purpose block overlaps the prefix.
    Global,
}

impl AddressClass {
    /// The stable identifier (the registry slug; "mixed", "global").
    pub fn as_str(self) -> &'static str {
        match self {
            AddressClass::SixToFour => "6to4",
            AddressClass::Amt => "amt",
            AddressClass::Anycast => "anycast",
            AddressClass::As112 => "as112",
            AddressClass::Benchmarking => "benchmarking",
            AddressClass::Broadcast => "broadcast",
            AddressClass::Deprecated6to4Relay => "deprecated-6to4-relay",
            AddressClass::DeprecatedOrchid => "deprecated-orchid",
            AddressClass::Discard => "discard",
            AddressClass::Documentation => "documentation",
            AddressClass::DroneDet => "drone-det",
            AddressClass::Dummy => "dummy",
            AddressClass::IetfProtocol => "ietf-protocol",
            AddressClass::Ipv4Mapped => "ipv4-mapped",
            AddressClass::LinkLocal => "link-local",
            AddressClass::Loopback => "loopback",
            AddressClass::Multicast => "multicast",
            AddressClass::Nat64 => "nat64",
            AddressClass::Nat64Discovery => "nat64-discovery",
            AddressClass::Nat64Local => "nat64-local",
            AddressClass::OrchidV2 => "orchid-v2",
            AddressClass::Private => "private",
            AddressClass::Reserved => "reserved",
            AddressClass::ServiceContinuity => "service-continuity",
            AddressClass::Shared => "shared",
            AddressClass::Srv6 => "srv6",
            AddressClass::Teredo => "teredo",
            AddressClass::ThisHost => "this-host",
            AddressClass::ThisNetwork => "this-network",
            AddressClass::UniqueLocal => "unique-local",
            AddressClass::Unspecified => "unspecified",
            AddressClass::Mixed => "mixed",
            AddressClass::Global => "global",
        }
    }
}

/// One registry row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpecialBlock {
    pub block: &'static str,
    pub class: AddressClass,
    /// The registry's own name for the block.
    pub iana_name: &'static str,
    pub rfc: &'static str,
    /// The registry's "Globally Reachable" column; None where it says N/A.
    pub globally_reachable: Option<bool>,
}

const fn row(
    block: &'static str,
    class: AddressClass,
    iana_name: &'static str,
    rfc: &'static str,
    globally_reachable: Option<bool>,
) -> SpecialBlock {
    SpecialBlock {
        block,
        class,
        iana_name,
        rfc,
        globally_reachable,
    }
}

const NO: Option<bool> = Some(false);
const YES: Option<bool> = Some(true);
const NA: Option<bool> = None;

/// Sorted by address, then prefix length (an invariant test checks it).
pub const REGISTRY: &[SpecialBlock] = &[
    row(
        "0.0.0.0/8",
        AddressClass::ThisNetwork,
        "\"This network\"",
        "RFC 791, Section 3.2",
        NO,
    ),
    row(
        "0.0.0.0/32",
        AddressClass::ThisHost,
        "\"This host on this network\"",
        "RFC 1122, Section 3.2.1.3",
        NO,
    ),
    row(
        "10.0.0.0/8",
        AddressClass::Private,
        "Private-Use",
        "RFC 1918",
        NO,
    ),
    row(
        "100.64.0.0/10",
        AddressClass::Shared,
        "Shared Address Space",
        "RFC 6598",
        NO,
    ),
    row(
        "127.0.0.0/8",
        AddressClass::Loopback,
        "Loopback",
        "RFC 1122, Section 3.2.1.3",
        NO,
    ),
    row(
        "169.254.0.0/16",
        AddressClass::LinkLocal,
        "Link Local",
        "RFC 3927",
        NO,
    ),
    row(
        "172.16.0.0/12",
        AddressClass::Private,
        "Private-Use",
        "RFC 1918",
        NO,
    ),
    row(
        "192.0.0.0/24",
        AddressClass::IetfProtocol,
        "IETF Protocol Assignments",
        "RFC 6890, Section 2.1",
        NO,
    ),
    row(
        "192.0.0.0/29",
        AddressClass::ServiceContinuity,
        "IPv4 Service Continuity Prefix",
        "RFC 7335",
        NO,
    ),
    row(
        "192.0.0.8/32",
        AddressClass::Dummy,
        "IPv4 dummy address",
        "RFC 7600",
        NO,
    ),
    row(
        "192.0.0.9/32",
        AddressClass::Anycast,
        "Port Control Protocol Anycast",
        "RFC 7723",
        YES,
    ),
    row(
        "192.0.0.10/32",
        AddressClass::Anycast,
        "Traversal Using Relays around NAT Anycast",
        "RFC 8155",
        YES,
    ),
    row(
        "192.0.0.170/32",
        AddressClass::Nat64Discovery,
        "NAT64/DNS64 Discovery",
        "RFC 8880, RFC 7050, Section 2.2",
        NO,
    ),
    row(
        "192.0.0.171/32",
        AddressClass::Nat64Discovery,
        "NAT64/DNS64 Discovery",
        "RFC 8880, RFC 7050, Section 2.2",
        NO,
    ),
    row(
        "192.0.2.0/24",
        AddressClass::Documentation,
        "Documentation (TEST-NET-1)",
        "RFC 5737",
        NO,
    ),
    row(
        "192.31.196.0/24",
        AddressClass::As112,
        "AS112-v4",
        "RFC 7535",
        YES,
    ),
    row("192.52.193.0/24", AddressClass::Amt, "AMT", "RFC 7450", YES),
    row(
        "192.88.99.0/24",
        AddressClass::Deprecated6to4Relay,
        "Deprecated (6to4 Relay Anycast)",
        "RFC 7526",
        NA,
    ),
    row(
        "192.168.0.0/16",
        AddressClass::Private,
        "Private-Use",
        "RFC 1918",
        NO,
    ),
    row(
        "192.175.48.0/24",
        AddressClass::As112,
        "Direct Delegation AS112 Service",
        "RFC 7534",
        YES,
    ),
    row(
        "198.18.0.0/15",
        AddressClass::Benchmarking,
        "Benchmarking",
        "RFC 2544",
        NO,
    ),
    row(
        "198.51.100.0/24",
        AddressClass::Documentation,
        "Documentation (TEST-NET-2)",
        "RFC 5737",
        NO,
    ),
    row(
        "203.0.113.0/24",
        AddressClass::Documentation,
        "Documentation (TEST-NET-3)",
        "RFC 5737",
        NO,
    ),
    row(
        "224.0.0.0/4",
        AddressClass::Multicast,
        "Multicast",
        "RFC 5771",
        NA,
    ),
    row(
        "240.0.0.0/4",
        AddressClass::Reserved,
        "Reserved",
        "RFC 1112, Section 4",
        NO,
    ),
    row(
        "255.255.255.255/32",
        AddressClass::Broadcast,
        "Limited Broadcast",
        "RFC 8190, RFC 919, Section 7",
        NO,
    ),
    row(
        "::/128",
        AddressClass::Unspecified,
        "Unspecified Address",
        "RFC 4291",
        NO,
    ),
    row(
        "::1/128",
        AddressClass::Loopback,
        "Loopback Address",
        "RFC 4291",
        NO,
    ),
    row(
        "::ffff:0:0/96",
        AddressClass::Ipv4Mapped,
        "IPv4-mapped Address",
        "RFC 4291",
        NO,
    ),
    row(
        "64:ff9b::/96",
        AddressClass::Nat64,
        "IPv4-IPv6 Translat.",
        "RFC 6052",
        YES,
    ),
    row(
        "64:ff9b:1::/48",
        AddressClass::Nat64Local,
        "IPv4-IPv6 Translat.",
        "RFC 8215",
        NO,
    ),
    row(
        "100::/64",
        AddressClass::Discard,
        "Discard-Only Address Block",
        "RFC 6666",
        NO,
    ),
    row(
        "100:0:0:1::/64",
        AddressClass::Dummy,
        "Dummy IPv6 Prefix",
        "RFC 9780",
        NO,
    ),
    row(
        "2001::/23",
        AddressClass::IetfProtocol,
        "IETF Protocol Assignments",
        "RFC 2928",
        NO,
    ),
    row(
        "2001::/32",
        AddressClass::Teredo,
        "TEREDO",
        "RFC 4380, RFC 8190",
        NA,
    ),
    row(
        "2001:1::1/128",
        AddressClass::Anycast,
        "Port Control Protocol Anycast",
        "RFC 7723",
        YES,
    ),
    row(
        "2001:1::2/128",
        AddressClass::Anycast,
        "Traversal Using Relays around NAT Anycast",
        "RFC 8155",
        YES,
    ),
    row(
        "2001:1::3/128",
        AddressClass::Anycast,
        "DNS-SD Service Registration Protocol Anycast Address",
        "RFC 9665",
        YES,
    ),
    row(
        "2001:2::/48",
        AddressClass::Benchmarking,
        "Benchmarking",
        "RFC 5180, RFC Errata 1752",
        NO,
    ),
    row("2001:3::/32", AddressClass::Amt, "AMT", "RFC 7450", YES),
    row(
        "2001:4:112::/48",
        AddressClass::As112,
        "AS112-v6",
        "RFC 7535",
        YES,
    ),
    row(
        "2001:10::/28",
        AddressClass::DeprecatedOrchid,
        "Deprecated (previously ORCHID)",
        "RFC 4843",
        NA,
    ),
    row(
        "2001:20::/28",
        AddressClass::OrchidV2,
        "ORCHIDv2",
        "RFC 7343",
        YES,
    ),
    row(
        "2001:30::/28",
        AddressClass::DroneDet,
        "Drone Remote ID Protocol Entity Tags (DETs) Prefix",
        "RFC 9374",
        YES,
    ),
    row(
        "2001:db8::/32",
        AddressClass::Documentation,
        "Documentation",
        "RFC 3849",
        NO,
    ),
    row("2002::/16", AddressClass::SixToFour, "6to4", "RFC 3056", NA),
    row(
        "2620:4f:8000::/48",
        AddressClass::As112,
        "Direct Delegation AS112 Service",
        "RFC 7534",
        YES,
    ),
    row(
        "3fff::/20",
        AddressClass::Documentation,
        "Documentation",
        "RFC 9637",
        NO,
    ),
    row(
        "5f00::/16",
        AddressClass::Srv6,
        "Segment Routing (SRv6) SIDs",
        "RFC 9602",
        NO,
    ),
    row(
        "fc00::/7",
        AddressClass::UniqueLocal,
        "Unique-Local",
        "RFC 4193, RFC 8190",
        NO,
    ),
    row(
        "fe80::/10",
        AddressClass::LinkLocal,
        "Link-Local Unicast",
        "RFC 4291",
        NO,
    ),
    row(
        "ff00::/8",
        AddressClass::Multicast,
        "Multicast",
        "RFC 4291",
        NA,
    ),
];

/// A registry row with its block parsed, in the u128 view.
#[derive(Clone, Copy, Debug)]
struct Parsed {
    family: Family,
    first: u128,
    last: u128,
    prefix: u8,
    net: IpNet,
    row: &'static SpecialBlock,
}

static PARSED: LazyLock<Vec<Parsed>> = LazyLock::new(|| {
    REGISTRY
        .iter()
        .filter_map(|row| {
            // Every block parses (an invariant test proves it); a bad row would be skipped.
            let net: IpNet = row.block.parse().ok()?;
            let (first, last) = bounds(&net);
            Some(Parsed {
                family: Family::of(net.addr()),
                first,
                last,
                prefix: net.prefix_len(),
                net,
                row,
            })
        })
        .collect()
});

/// First and last address of a network, as numbers.
pub fn bounds(net: &IpNet) -> (u128, u128) {
    (to_u128(net.network()), to_u128(net.broadcast()))
}

/// How a prefix relates to the registry: its class and, when one block holds it all, that
/// block's registry entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Classification {
    pub class: AddressClass,
    /// The most specific block containing the whole prefix.
    pub block: Option<RegistryEntry>,
    /// The registry's "Globally Reachable" column for that block (None where it says N/A or
    /// the prefix is mixed); true for a prefix no special block overlaps.
    pub globally_reachable: Option<bool>,
}

/// A registry row as typed values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegistryEntry {
    pub block: IpNet,
    /// The block as the registry writes it (`::ffff:0:0/96`, where Rust would write the
    /// IPv4-mapped form `::ffff:0.0.0.0/96`).
    pub registry_text: &'static str,
    pub iana_name: &'static str,
    pub rfc: &'static str,
}

/// The most specific registry block containing the whole prefix; `Mixed` when the prefix only
/// overlaps special blocks; `Global` otherwise.
pub fn classify(net: &IpNet) -> Classification {
    let family = Family::of(net.addr());
    let (first, last) = bounds(net);
    let same_family = PARSED.iter().filter(|p| p.family == family);
    let containing = same_family
        .clone()
        .filter(|p| p.first <= first && last <= p.last)
        .max_by_key(|p| p.prefix);
    if let Some(block) = containing {
        return Classification {
            class: block.row.class,
            block: Some(RegistryEntry {
                block: block.net,
                registry_text: block.row.block,
                iana_name: block.row.iana_name,
                rfc: block.row.rfc,
            }),
            globally_reachable: block.row.globally_reachable,
        };
    }
    let overlapping = same_family
        .filter(|p| p.first <= last && first <= p.last)
        .count();
    if overlapping > 0 {
        return Classification {
            class: AddressClass::Mixed,
            block: None,
            globally_reachable: None,
        };
    }
    Classification {
        class: AddressClass::Global,
        block: None,
        globally_reachable: Some(true),
    }
}

/// The class of one address (its /32 or /128).
pub fn classify_addr(addr: std::net::IpAddr) -> Classification {
    classify(&IpNet::from(addr))
}

/// An address in the middle of a block, for tests.
#[cfg(test)]
fn sample_address(block: &SpecialBlock) -> Option<std::net::IpAddr> {
    let net: IpNet = block.block.parse().ok()?;
    let (first, last) = bounds(&net);
    Some(from_u128(
        Family::of(net.addr()),
        first + (last - first) / 2,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(text: &str) -> IpNet {
        text.parse().unwrap()
    }

    #[test]
    fn registry_is_sorted_unique_and_complete() {
        assert_eq!(PARSED.len(), REGISTRY.len(), "every block parses");
        for pair in PARSED.windows(2) {
            let key = |p: &Parsed| (p.family, p.first, p.prefix);
            assert!(
                key(&pair[0]) < key(&pair[1]),
                "{} before {}",
                pair[0].row.block,
                pair[1].row.block
            );
        }
        for parsed in PARSED.iter() {
            let block: IpNet = parsed.row.block.parse().unwrap();
            assert_eq!(
                block,
                block.trunc(),
                "{} has no host bits",
                parsed.row.block
            );
            assert!(
                parsed.row.rfc.starts_with("RFC "),
                "{} cites an RFC",
                parsed.row.block
            );
            assert!(!parsed.row.class.as_str().is_empty() && !parsed.row.iana_name.is_empty());
        }
    }

    #[test]
    fn every_block_classifies_as_itself_at_its_middle() {
        for block in REGISTRY {
            let sample = sample_address(block).unwrap();
            let class = classify(&IpNet::from(sample));
            let expected = PARSED
                .iter()
                .filter(|p| {
                    let n = to_u128(sample);
                    Family::of(sample) == p.family && p.first <= n && n <= p.last
                })
                .max_by_key(|p| p.prefix)
                .unwrap();
            assert_eq!(class.block.map(|b| b.block), Some(expected.net));
        }
    }

    #[test]
    fn well_known_classifications() {
        assert_eq!(classify(&net("127.0.0.1/32")).class.as_str(), "loopback");
        assert_eq!(
            classify(&net("192.168.1.0/24")).block.map(|b| b.iana_name),
            Some("Private-Use")
        );
        assert_eq!(
            classify(&net("192.0.0.8/32")).class.as_str(),
            "dummy",
            "most specific wins"
        );
        assert_eq!(
            classify(&net("192.0.0.0/24")).class.as_str(),
            "ietf-protocol"
        );
        assert_eq!(classify(&net("8.8.8.8/32")).class.as_str(), "global");
        assert_eq!(classify(&net("8.8.8.8/32")).globally_reachable, Some(true));
        assert_eq!(classify(&net("0.0.0.0/0")).class.as_str(), "mixed");
        assert_eq!(classify(&net("::/0")).class.as_str(), "mixed");
        assert_eq!(classify(&net("::1/128")).class.as_str(), "loopback");
        assert_eq!(classify(&net("::/128")).class.as_str(), "unspecified");
        assert_eq!(
            classify(&net("::ffff:192.168.0.1/128")).class.as_str(),
            "ipv4-mapped"
        );
        assert_eq!(
            classify(&net("2001:1::3/128")).block.map(|b| b.rfc),
            Some("RFC 9665")
        );
        assert_eq!(classify(&net("3fff::/20")).class.as_str(), "documentation");
        assert_eq!(classify(&net("5f00:1::/32")).class.as_str(), "srv6");
        assert_eq!(classify(&net("100:0:0:1::5/128")).class.as_str(), "dummy");
        assert_eq!(classify(&net("ff02::1/128")).class.as_str(), "multicast");
        assert_eq!(classify(&net("ff02::1/128")).globally_reachable, None);
        assert_eq!(classify(&net("239.1.2.3/32")).class.as_str(), "multicast");
        assert_eq!(classify(&net("2001:4860::/32")).class.as_str(), "global");
        assert_eq!(classify(&net("2001:0::/22")).class.as_str(), "mixed");
    }
}
