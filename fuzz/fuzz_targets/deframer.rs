//! Fuzzes the echo framing scanner with peer-controlled bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    netlearn::net::fuzzing::deframer(data);
});
