//! A short, stable-toolchain fuzz smoke run: the cargo-fuzz entry points (fuzz/) fed
//! arbitrary and address-shaped input by proptest. None may panic.

use netlearn::app::wire::{fuzz_capture_file, fuzz_frames};
use netlearn::net::fuzzing;
use proptest::prelude::*;

/// The loopback capture in tests/fixtures: real frames to mutate.
fn fixture_pcap() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/wire/handshake.pcap"
    ))
    .expect("fixture")
}

/// The fixture's frames in `fuzz_frames`'s format (2-byte length, frame), Ethernet selector.
fn fixture_frames() -> Vec<u8> {
    let file = fixture_pcap();
    let mut out = vec![0u8];
    let mut at = 24;
    while at + 16 <= file.len() {
        let caplen =
            u32::from_le_bytes(file[at + 8..at + 12].try_into().expect("4 bytes")) as usize;
        let frame = &file[at + 16..(at + 16 + caplen).min(file.len())];
        out.extend_from_slice(&(frame.len() as u16).to_be_bytes());
        out.extend_from_slice(frame);
        at += 16 + caplen;
    }
    out
}

/// `bytes` with `flips` (position, value) applied.
fn mutate(mut bytes: Vec<u8>, flips: &[(usize, u8)]) -> Vec<u8> {
    let len = bytes.len();
    for &(at, value) in flips {
        bytes[at % len] = value;
    }
    bytes
}

fn address_like() -> impl Strategy<Value = String> {
    // Mostly characters that occur in addresses, so the parsers get past their first check.
    proptest::string::string_regex("[0-9a-fA-F:./ \\-#\\n]{0,60}").expect("valid regex")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn parse_net_never_panics(text in address_like(), bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
        fuzzing::parse_net(text.as_bytes());
        fuzzing::parse_net(&bytes);
    }

    #[test]
    fn parse_mask_never_panics(text in address_like(), bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
        fuzzing::parse_mask(text.as_bytes());
        fuzzing::parse_mask(&bytes);
    }

    #[test]
    fn address_list_never_panics(text in address_like(), bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        fuzzing::address_list(text.as_bytes());
        fuzzing::address_list(&bytes);
    }

    #[test]
    fn deframer_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        fuzzing::deframer(&bytes);
    }

    #[test]
    fn dns_answer_rendering_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300), record_type in any::<u16>(), rdata in proptest::collection::vec(any::<u8>(), 0..120)) {
        fuzzing::dns_answer(&bytes);
        let mut shaped = record_type.to_be_bytes().to_vec();
        shaped.extend_from_slice(&rdata);
        fuzzing::dns_answer(&shaped);
    }

    #[test]
    fn dns_input_never_panics(text in "[a-zA-Z0-9.:@\\[\\]_/ \\-#\\n\\u{e0}-\\u{ff}]{0,60}", bytes in proptest::collection::vec(any::<u8>(), 0..80)) {
        fuzzing::dns_input(text.as_bytes());
        fuzzing::dns_input(&bytes);
    }

    #[test]
    fn http_response_parsing_never_panics(
        text in "HTTP/1\\.[01] [0-9]{3} [A-Za-z ]{0,8}\r\n([A-Za-z-]{1,12}: [0-9a-z, ]{0,10}\r\n){0,4}\r\n([0-9a-fA-F]{1,3}\r\n[a-z]{0,20}\r\n){0,4}",
        bytes in proptest::collection::vec(any::<u8>(), 0..300),
    ) {
        fuzzing::http_response(text.as_bytes());
        fuzzing::http_response(&bytes);
    }

    #[test]
    fn text_input_never_panics(text in "[a-zA-Z0-9.:/%?#@\\[\\] \\-_\\\\\n]{0,60}", bytes in proptest::collection::vec(any::<u8>(), 0..80)) {
        fuzzing::text_input(text.as_bytes());
        fuzzing::text_input(&bytes);
    }

    /// What the domain entry points leave to the application: every bad line of an address
    /// list worded as one short line a terminal cannot act on, in both languages, and a
    /// glossary lookup that suggests at most three words.
    #[test]
    fn address_list_errors_and_glossary_words_stay_tame(text in address_like(), bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        for data in [text.as_bytes(), &bytes[..]] {
            let list = netlearn::net::aggregate::AddressList::parse(data);
            for error in &list.errors {
                for lang in netlearn::i18n::Lang::ALL {
                    let message = netlearn::app::addr::words::line_error(lang, error);
                    prop_assert!(!message.chars().any(netlearn::output::escape::is_unsafe));
                    prop_assert!(message.chars().count() < 400, "{}", message);
                }
            }
            if let netlearn::learn::glossary::Lookup::NotFound { suggestions } =
                netlearn::learn::glossary::lookup(&String::from_utf8_lossy(data))
            {
                prop_assert!(suggestions.len() <= 3);
            }
        }
    }

    #[test]
    fn icmp_answers_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        netlearn::net::lab::icmp::fuzz_answers(&bytes);
    }

    #[test]
    fn wire_frames_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400), flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8), selector in any::<u8>()) {
        fuzz_frames(&bytes);
        let mut frames = mutate(fixture_frames(), &flips);
        frames[0] = selector;
        fuzz_frames(&frames);
        fuzzing::wire_frames(&frames);
    }

    #[test]
    fn capture_files_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400), flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..6), cut in any::<usize>()) {
        fuzz_capture_file(&bytes);
        let file = mutate(fixture_pcap(), &flips);
        let cut = cut % (file.len() + 1);
        fuzz_capture_file(&file[..cut]);
        fuzzing::capture_file(&file[..cut]);
    }
}
