//! Fuzzes URLs, request paths and services files.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    netlearn_core::fuzzing::text_input(data);
});
