//! Fuzzes DNS answer decoding and rendering: arbitrary messages and arbitrary RDATA of any type.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    netlearn_core::fuzzing::dns_answer(data);
});
