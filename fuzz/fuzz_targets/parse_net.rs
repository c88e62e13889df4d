//! Fuzzes network and address parsing plus everything computed from a parsed network.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    netlearn::net::fuzzing::parse_net(data);
});
