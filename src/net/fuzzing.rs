//! Entry points shared by the cargo-fuzz targets (fuzz/) and the stable smoke test
//! (tests/fuzz_smoke.rs): each feeds arbitrary bytes to a parser and to what uses its result,
//! and checks the invariants that must hold whatever the input. A panic is a bug.

use super::address::{self, parse_any_mask};
use super::aggregate::AddressList;
use super::echo::framing::{Deframer, Framing};
use super::subnet::{info, range_to_cidrs};

/// Network parsing, and the info and split of whatever parses.
pub fn parse_net(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(net) = address::parse_net(text) {
        let report = info(&net);
        assert_eq!(report.prefix_len, net.prefix_len());
        let _ = super::subnet::split(&net, u32::from(net.prefix_len()) + 1).map(|mut it| it.next());
    }
}

/// Mask parsing in every notation.
pub fn parse_mask(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for wildcard in [false, true] {
        if let Ok((family, prefix)) = parse_any_mask(text, wildcard, None) {
            assert!(prefix <= family.bits());
        }
    }
}

/// The list reader and the merge: the merged cover is sorted and has no overlaps.
pub fn address_list(data: &[u8]) {
    let merged = AddressList::parse(data).merge();
    for pair in merged.v4.windows(2) {
        assert!(
            u64::from(pair[0].1) + 1 < u64::from(pair[1].0),
            "merged v4 intervals are apart"
        );
    }
    for pair in merged.v6.windows(2) {
        assert!(
            pair[0].1.saturating_add(1) < pair[1].0,
            "merged v6 intervals are apart"
        );
    }
    for &(first, last) in &merged.v4 {
        assert!(
            !range_to_cidrs(address::Family::V4, u128::from(first), u128::from(last)).is_empty()
        );
    }
}

/// The framing scanner on peer bytes, cut into reads at positions the data itself chooses.
pub fn deframer(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let framing = match selector % 4 {
        0 => Framing::Line,
        1 => Framing::Length,
        2 => Framing::Raw,
        _ => Framing::Fixed(usize::from(selector / 4) + 1),
    };
    let mut deframer = Deframer::new(framing, 64);
    let mut pending: Vec<u8> = Vec::new();
    let mut echoed = 0usize;
    for chunk in rest.chunks(usize::from(selector % 13) + 1) {
        pending.extend_from_slice(chunk);
        let scan = deframer.scan(&pending);
        assert!(scan.echo_len <= pending.len());
        echoed += scan.echo_len;
        pending.drain(..scan.echo_len);
        if scan.stop.is_some() {
            return;
        }
        assert!(
            pending.len() <= deframer.max_pending().max(64 + 2),
            "pending stays bounded"
        );
    }
    let _ = deframer.finish(&pending);
    assert!(echoed + pending.len() == rest.len());
}
