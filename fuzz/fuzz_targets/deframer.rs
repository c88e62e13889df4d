//! Fuzzes the echo framing scanner with peer-controlled bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    netlearn_core::fuzzing::deframer(data);
});
