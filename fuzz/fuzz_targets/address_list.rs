//! Fuzzes the fast list reader and the merge.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    netlearn_core::fuzzing::address_list(data);
});
