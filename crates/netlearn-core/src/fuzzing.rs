//! Entry points shared by the cargo-fuzz targets (fuzz/) and the stable smoke test
//! (tests/cli/fuzz_smoke.rs): each feeds arbitrary bytes to a parser and to what uses its result,
//! and checks the invariants that must hold whatever the input. A panic is a bug.

use super::address::{self, parse_any_mask};
use super::aggregate::AddressList;
use super::dns;
use super::dns::lookup::Status;
use super::echo::framing::{Deframer, Framing};
use super::subnet::{info, range_to_cidrs};

/// Network parsing, and the info and split of whatever parses.
pub fn parse_net(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(net) = address::parse_net(text) {
        let report = info(&net);
        assert_eq!(report.net, net);
        assert!(address::to_u128(report.first_host) <= address::to_u128(report.last_host));
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
    let list = AddressList::parse(data);
    let merged = list.merge();
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

/// A DNS answer from a server, as bytes: decoded, then every record rendered and the whole
/// response turned into an outcome. The first bytes also choose a record type whose RDATA is
/// the rest, wrapped in a well-formed message, so every RDATA decoder and renderer is reached.
pub fn dns_answer(data: &[u8]) {
    use hickory_resolver::proto::op::Message;
    use hickory_resolver::proto::rr::RecordType;

    let render = |message: &Message| {
        for record in message.answers.iter().chain(&message.additionals) {
            let _ = dns::answer::rdata_text(&record.data);
        }
        let rows: Vec<_> = message
            .answers
            .iter()
            .chain(&message.authorities)
            .chain(&message.additionals)
            .map(dns::answer::RecordRow::of)
            .collect();
        assert_eq!(
            rows.len(),
            message.answers.len() + message.authorities.len() + message.additionals.len()
        );
        let outcome = dns::lookup::outcome_of_response(message.clone(), RecordType::A);
        assert_eq!(outcome.answers.len(), message.answers.len());
        if let Some(rcode) = outcome.rcode {
            assert!(
                matches!(outcome.status, Status::Rcode(code) if code == rcode)
                    || outcome.status == Status::NoData
            );
        }
    };
    if let Ok(message) = Message::from_vec(data) {
        render(&message);
    }
    if data.len() >= 2 && data.len() <= usize::from(u16::MAX) {
        let (record_type, rdata) = data.split_at(2);
        let mut wire = vec![0x12, 0x34, 0x81, 0x80, 0, 0, 0, 1, 0, 0, 0, 0];
        wire.push(0); // owner: the root
        wire.extend_from_slice(record_type);
        wire.extend_from_slice(&[0, 1, 0, 0, 0x0e, 0x10]);
        wire.extend_from_slice(&(rdata.len() as u16).to_be_bytes());
        wire.extend_from_slice(rdata);
        if let Ok(message) = Message::from_vec(&wire) {
            render(&message);
        }
    }
}

/// What a user types for `netlearn dns`: names, types, servers; and the system files it reads.
pub fn dns_input(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(name) = dns::name::QueryName::parse(&text) {
        assert!(name.ascii.ends_with('.'));
        assert!(name.ascii.is_ascii());
    }
    let _ = dns::name::parse_record_type(&text);
    if let Ok(spec) = dns::server::ServerSpec::parse(&text) {
        assert!(spec.port != Some(0));
    }
    let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    let _ = dns::name::classify_words(&words);
    let hosts = dns::system::HostsFile::parse("fuzz".into(), &text);
    for word in &words {
        let _ = hosts.addresses(word, hickory_resolver::proto::rr::RecordType::A);
    }
    let _ = hickory_resolver::system_conf::parse_resolv_conf(data);
}

/// An HTTP response as a server may send it: head, framing and chunked body.
pub fn http_response(data: &[u8]) {
    use super::http::wire;
    if let Ok(Some(head)) = wire::parse_head(data) {
        assert!(head.head_bytes <= data.len());
        if let Ok(wire::BodyFraming::Chunked) = wire::body_framing("GET", &head)
            && let Ok(Some(done)) = wire::decode_chunked(&data[head.head_bytes..], 1 << 20)
        {
            assert!(done.consumed <= data.len() - head.head_bytes);
            if done.chunk_sizes.len() == done.chunk_count {
                assert_eq!(done.body.len(), done.chunk_sizes.iter().sum::<usize>());
            }
        }
    }
    if let Ok(Some(done)) = wire::decode_chunked(data, 1 << 20) {
        assert!(done.consumed <= data.len());
    }
}

/// What a user types for `http`, `port` and `explain`: URLs, request paths, services files
/// and services files.
pub fn text_input(data: &[u8]) {
    use std::path::Component;
    let text = String::from_utf8_lossy(data);
    if let Ok(target) = super::http::target::Target::parse(&text) {
        assert!(target.path_and_query.starts_with('/'));
    }
    if let Ok(relative) = super::http::server::relative_path(&text) {
        assert!(
            relative
                .components()
                .all(|c| matches!(c, Component::Normal(_)))
        );
    }
    let (services, _) = super::services::parse_services(&text);
    assert!(services.len() <= text.lines().count());
}

/// Frames as a capture holds them: the first byte picks a link type, the rest is frames, each
/// prefixed by a 2-byte length; every frame is decoded (the views are fuzzed by the test
/// suite's smoke, through the application).
pub fn wire_frames(data: &[u8]) {
    use super::wire::{LinkType, decode};
    let Some((&selector, mut rest)) = data.split_first() else {
        return;
    };
    let link = [1, 113, 276, 101, 228, 229][usize::from(selector) % 6];
    let Some(link) = LinkType::from_number(link) else {
        return;
    };
    // Every round consumes at least two bytes, so this ends.
    while rest.len() >= 2 {
        let len = usize::from(u16::from_be_bytes([rest[0], rest[1]])).min(rest.len() - 2);
        let _ = decode(link, &rest[2..2 + len]);
        rest = &rest[2 + len..];
    }
}

/// `data` as a whole capture file (pcap or pcapng): every record read and decoded.
pub fn capture_file(data: &[u8]) {
    use super::wire::decode;
    use super::wire::file::{MAX_RECORD, Reader};
    let Ok(mut reader) = Reader::new(std::io::Cursor::new(data)) else {
        return;
    };
    // Each record consumes bytes of `data`, so this ends.
    while let Ok(Some(record)) = reader.next_record() {
        assert!(record.data.len() <= MAX_RECORD);
        let _ = decode(record.link, record.data);
    }
}
