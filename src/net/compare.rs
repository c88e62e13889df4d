//! IPv4 and IPv6 side by side: the differences a learner meets first, each with its RFCs.

/// One row of the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Difference {
    pub topic: &'static str,
    pub ipv4: &'static str,
    pub ipv6: &'static str,
    pub rfc: &'static str,
}

const fn diff(
    topic: &'static str,
    ipv4: &'static str,
    ipv6: &'static str,
    rfc: &'static str,
) -> Difference {
    Difference {
        topic,
        ipv4,
        ipv6,
        rfc,
    }
}

pub(crate) const DIFFERENCES: &[Difference] = &[
    diff(
        "address size",
        "32 bits (2^32, about 4.3 billion)",
        "128 bits (2^128)",
        "RFC 791; RFC 4291",
    ),
    diff(
        "notation",
        "dotted decimal: 192.0.2.1",
        "hex groups, :: for zeros: 2001:db8::1",
        "RFC 791; RFC 5952",
    ),
    diff(
        "header",
        "20 to 60 bytes (options)",
        "40 bytes fixed, plus extension headers",
        "RFC 791; RFC 8200",
    ),
    diff(
        "header checksum",
        "yes, recomputed at every hop",
        "none (UDP checksum becomes mandatory)",
        "RFC 791; RFC 8200 section 8.1",
    ),
    diff(
        "fragmentation",
        "sender or any router (unless DF is set)",
        "sender only (Fragment header); links carry at least 1280 bytes",
        "RFC 791; RFC 8200 sections 4.5 and 5",
    ),
    diff("hop count field", "TTL", "Hop Limit", "RFC 791; RFC 8200"),
    diff(
        "broadcast",
        "yes: 255.255.255.255 and directed broadcast",
        "none: multicast (ff02::1 all nodes) and anycast instead",
        "RFC 919; RFC 4291",
    ),
    diff(
        "address resolution",
        "ARP",
        "Neighbor Discovery (NDP, over ICMPv6)",
        "RFC 826; RFC 4861",
    ),
    diff(
        "configuration",
        "DHCP (or static)",
        "SLAAC and/or DHCPv6 (or static)",
        "RFC 2131; RFC 4862, RFC 8415",
    ),
    diff(
        "control messages",
        "ICMP",
        "ICMPv6 (also carries NDP and MLD)",
        "RFC 792; RFC 4443",
    ),
    diff(
        "loopback",
        "127.0.0.0/8 (127.0.0.1, localhost)",
        "::1/128 only",
        "RFC 1122; RFC 4291",
    ),
    diff("unspecified address", "0.0.0.0", "::", "RFC 1122; RFC 4291"),
    diff(
        "private addresses",
        "10/8, 172.16/12, 192.168/16, usually behind NAT",
        "Unique Local fc00::/7 (no NAT needed)",
        "RFC 1918; RFC 4193",
    ),
    diff(
        "link-local",
        "169.254.0.0/16, only without DHCP",
        "fe80::/10, on every interface always",
        "RFC 3927; RFC 4291",
    ),
    diff(
        "IPv4 inside IPv6",
        "-",
        "::ffff:0:0/96 mapped (sockets), 64:ff9b::/96 NAT64",
        "RFC 4291; RFC 6052",
    ),
    diff("DNS record", "A", "AAAA", "RFC 1035; RFC 3596"),
    diff(
        "reverse DNS",
        "in-addr.arpa, by octet",
        "ip6.arpa, by nibble",
        "RFC 1035; RFC 3596",
    ),
    diff("socket family", "AF_INET", "AF_INET6", "RFC 3493"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_cites_an_rfc_and_topics_are_unique() {
        let mut topics: Vec<&str> = DIFFERENCES.iter().map(|d| d.topic).collect();
        topics.sort_unstable();
        topics.dedup();
        assert_eq!(topics.len(), DIFFERENCES.len());
        assert!(DIFFERENCES.iter().all(|d| d.rfc.starts_with("RFC ")));
    }
}
