//! Fuzzes the matching of ICMP answers to ping and traceroute probes (peer input).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    netlearn_core::lab::icmp::fuzz_answers(data);
});
