//! Fuzzes what an HTTP server may answer: the response head, its framing and chunked bodies,
//! and that the streaming chunked decoder gives one answer however the bytes arrive.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    netlearn_core::fuzzing::http_response(data);
    if let Some((&cut, rest)) = data.split_first() {
        let split = usize::from(cut) % (rest.len() + 1);
        let whole = netlearn_core::http::wire::fed_in_two(rest, 0);
        assert_eq!(netlearn_core::http::wire::fed_in_two(rest, split), whole);
    }
});
