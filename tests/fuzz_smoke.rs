//! A short, stable-toolchain fuzz smoke run: the cargo-fuzz entry points (fuzz/) fed
//! arbitrary and address-shaped input by proptest. None may panic.

use netlearn::net::fuzzing;
use proptest::prelude::*;

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
}
