//! Fuzzes network and address parsing plus everything computed from a parsed network.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    netlearn_core::fuzzing::parse_net(data);
});
