//! Fuzzes the pcap and pcapng reader with whole files.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    netlearn_core::fuzzing::capture_file(data);
});
