//! Fuzzes the pcap and pcapng reader with whole files.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    netlearn::app::wire::fuzz_capture_file(data);
});
