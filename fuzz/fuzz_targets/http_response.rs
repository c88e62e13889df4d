//! Fuzzes what an HTTP server may answer: the response head, its framing and chunked bodies.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    netlearn::net::fuzzing::http_response(data);
});
