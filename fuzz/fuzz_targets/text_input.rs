//! Fuzzes URLs, request paths, services files and glossary words.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    netlearn::net::fuzzing::text_input(data);
});
