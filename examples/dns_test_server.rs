//! Serves the test zone (tests/fixtures: netlearn.test and its reverse zones) with
//! hickory-server on 127.0.0.1, port 0, for benchmarks and for trying `netlearn dns` by hand.
//! Prints one line, `listening on ADDR (udp+tcp) tls ADDR https ADDR ca FILE`, then serves
//! until standard input closes or the time limit passes (default 600 s).
//!
//! Usage: cargo run --release --example dns_test_server [SECONDS]

#[path = "../tests/common/dns.rs"]
mod dns;

use std::io::Read;
use std::sync::mpsc;
use std::time::Duration;

fn main() {
    let seconds: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(600);
    let server = dns::DnsServer::start();
    println!(
        "listening on {} (udp+tcp) tls {} https {} ca {}",
        server.addr,
        server.tls_addr,
        server.https_addr,
        server.ca_file.display()
    );
    let (closed, stdin_closed) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = std::io::stdin().read_to_end(&mut Vec::new());
        let _ = closed.send(());
    });
    let _ = stdin_closed.recv_timeout(Duration::from_secs(seconds));
}
