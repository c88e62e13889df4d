//! Fuzzes the packet decoder, the TCP tracker and the explanations with captured bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    netlearn::app::wire::fuzz_frames(data);
});
