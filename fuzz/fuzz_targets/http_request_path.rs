//! Fuzzes what a client chooses for `http serve`: the request path's mapping under the root,
//! its redirect form, and the Range header.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    netlearn_core::http::server::fuzzing::request_path(data);
});
