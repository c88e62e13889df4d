//! Serves the test zone (tests/fixtures: netlearn.test and its reverse zones) with
//! hickory-server on 127.0.0.1 (UDP and TCP on --port, default 5353, the port the README's
//! examples use; 0 picks a free one), for benchmarks and for trying `netlearn dns` by hand.
//! Prints one line, `listening on ADDR (udp+tcp) tls ADDR https ADDR ca FILE`, then serves
//! until standard input closes or the time limit passes (default 600 s).
//!
//! Usage: cargo run --release --example dns_test_server -- [--port PORT] [SECONDS]

// The example uses one of the servers the tests share; the others stay unused here.
#[allow(dead_code)]
#[path = "../tests/common/dns.rs"]
mod dns;

use std::io::Read;
use std::sync::mpsc;
use std::time::Duration;

fn main() {
    let mut port: u16 = 5353;
    let mut seconds: u64 = 600;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => match args.next().and_then(|p| p.parse().ok()) {
                Some(value) => port = value,
                None => {
                    eprintln!("dns_test_server: --port needs a port number (0-65535)");
                    std::process::exit(2);
                }
            },
            other => match other.parse() {
                Ok(value) => seconds = value,
                Err(_) => {
                    eprintln!(
                        "dns_test_server: unknown argument {other:?}; usage: [--port PORT] [SECONDS]"
                    );
                    std::process::exit(2);
                }
            },
        }
    }
    let server = dns::DnsServer::start_on(port);
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
