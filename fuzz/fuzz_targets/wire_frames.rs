//! Fuzzes the packet decoder with captured bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    netlearn_core::fuzzing::wire_frames(data);
});
