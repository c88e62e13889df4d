//! Fuzzes what users give netlearn dns: names, record types, server specs, hosts and resolv.conf text.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    netlearn_core::fuzzing::dns_input(data);
});
