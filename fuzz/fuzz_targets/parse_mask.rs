//! Fuzzes netmask parsing in every notation.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    netlearn_core::fuzzing::parse_mask(data);
});
