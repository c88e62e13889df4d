//! Fuzzes a whole client connection to `http serve` in memory: request heads, pipelining,
//! bodies and garbage, answered from a small site.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    netlearn_core::http::server::fuzzing::request_head(data);
});
