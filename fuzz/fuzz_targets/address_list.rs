//! Fuzzes the fast list reader and the merge.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    netlearn::net::fuzzing::address_list(data);
});
