//! Subnet math against an independent oracle: plain u32/u128 formulas written separately
//! from the library, checked on random networks of both families.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use netlearn::net::address::{Family, make_net};
use netlearn::net::subnet::{info, range_to_cidrs};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn ipv4_info_matches_the_oracle(addr in any::<u32>(), prefix in 0u8..=32) {
        let mask: u32 = if prefix == 0 { 0 } else { u32::MAX << (32 - prefix) };
        let network = addr & mask;
        let broadcast = network | !mask;
        let size: u64 = 1 << (32 - prefix);
        let (first, last, usable) = match prefix {
            32 => (network, network, 1),
            31 => (network, broadcast, 2),
            _ => (network + 1, broadcast - 1, size - 2),
        };
        let got = info(&make_net(IpAddr::V4(Ipv4Addr::from(addr)), prefix));
        prop_assert_eq!(got.net.network(), IpAddr::V4(Ipv4Addr::from(network)));
        prop_assert_eq!(got.netmask, IpAddr::V4(Ipv4Addr::from(mask)));
        prop_assert_eq!(got.wildcard, IpAddr::V4(Ipv4Addr::from(!mask)));
        prop_assert_eq!(got.broadcast, (prefix <= 30).then(|| IpAddr::V4(Ipv4Addr::from(broadcast))));
        prop_assert_eq!(got.first_host, IpAddr::V4(Ipv4Addr::from(first)));
        prop_assert_eq!(got.last_host, IpAddr::V4(Ipv4Addr::from(last)));
        prop_assert_eq!(got.addresses.to_string(), size.to_string());
        prop_assert_eq!(got.usable_hosts.to_string(), usable.to_string());
        prop_assert_eq!(got.host_bits_set, addr != network);
    }

    #[test]
    fn ipv6_info_matches_the_oracle(addr in any::<u128>(), prefix in 0u8..=128) {
        let mask: u128 = if prefix == 0 { 0 } else { u128::MAX << (128 - prefix) };
        let network = addr & mask;
        let last = network | !mask;
        let got = info(&make_net(IpAddr::V6(Ipv6Addr::from(addr)), prefix));
        prop_assert_eq!(got.net.network(), IpAddr::V6(Ipv6Addr::from(network)));
        prop_assert_eq!(got.first_host, IpAddr::V6(Ipv6Addr::from(network)));
        prop_assert_eq!(got.last_host, IpAddr::V6(Ipv6Addr::from(last)));
        prop_assert_eq!(got.broadcast, None);
        let expected_size = if prefix == 0 {
            "340282366920938463463374607431768211456".to_string()
        } else {
            (1u128 << (128 - prefix)).to_string()
        };
        prop_assert_eq!(got.addresses.to_string(), expected_size.clone());
        prop_assert_eq!(got.usable_hosts.to_string(), expected_size);
    }

    /// Range to CIDR: blocks are aligned, contiguous, exactly cover the range, and none could
    /// be doubled (so the list is minimal).
    #[test]
    fn range_blocks_are_exact_and_maximal(a in any::<u32>(), b in any::<u32>()) {
        let (first, last) = (a.min(b), a.max(b));
        let blocks = range_to_cidrs(Family::V4, u128::from(first), u128::from(last));
        let mut next = u64::from(first);
        for block in &blocks {
            let IpAddr::V4(start) = block.addr() else { panic!("family") };
            let start = u64::from(u32::from(start));
            let size = 1u64 << (32 - block.prefix_len());
            prop_assert_eq!(start, next, "contiguous");
            prop_assert_eq!(start % size, 0, "aligned");
            // Doubling would break alignment or overrun the range.
            let doubled = size * 2;
            prop_assert!(block.prefix_len() == 0 || start % doubled != 0 || start + doubled - 1 > u64::from(last));
            next = start + size;
        }
        prop_assert_eq!(next, u64::from(last) + 1, "covers to the end");
    }
}
