//! `http get|serve|demo`: their arguments.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};

use super::values::*;

#[derive(Debug, Args)]
pub struct HttpArgs {
    #[command(subcommand)]
    pub command: HttpCommand,
}

#[derive(Debug, Subcommand)]
pub enum HttpCommand {
    /// Fetch a URL over a plain socket (http://) or TLS (https://) and show every byte.
    ///
    /// Prints, like `curl -v`: where the name resolved, the connection, for https:// the TLS
    /// version, cipher suite, ALPN and the server's certificate chain (subject, issuer, names,
    /// validity) and whether it verified, then the request exactly as sent (> lines), the
    /// response status and headers (< lines) and the body (the first 2 KiB unless --body),
    /// how the body was framed (Content-Length, chunked, or the connection closing) and the time
    /// of each phase. When verification fails it says why in plain words: expired, wrong name,
    /// or an issuer you do not trust. Exit 0 for any HTTP answer (1 with --fail for 4xx/5xx).
    #[command(
        after_help = "Examples:\n  netlearn http get http://127.0.0.1:8000/\n  netlearn http get http://www.python.org/ --half-close\n  netlearn http get https://localhost:8443/ --ca-file ca.pem\n  netlearn http get https://expired.badssl.com/ --insecure\n  netlearn --json http get http://127.0.0.1:8000/hello.txt --body"
    )]
    Get(HttpGetArgs),
    /// Serve a directory over HTTP/1.1 (GET and HEAD), on 127.0.0.1 by default.
    ///
    /// Files under DIR only: paths with "..", encoded or not, are refused, and symbolic links
    /// may not lead outside DIR. Directories show index.html or a listing. --tls serves HTTPS
    /// with a certificate from a throwaway CA made at start-up; the CA's file is printed, for
    /// `http get --ca-file`. The first line printed is always `listening on <addr> (<http|https>,
    /// serving <dir>)`. Each request is logged; Ctrl-C stops it.
    #[command(
        after_help = "Examples:\n  netlearn http serve                      # the current directory on 127.0.0.1:8000\n  netlearn http serve --port 0 ./site      # any free port\n  netlearn http serve --tls --port 8443"
    )]
    Serve(HttpServeArgs),
    /// Both halves at once: a server on 127.0.0.1 (a free port) and a request to it, offline.
    #[command(
        after_help = "Examples:\n  netlearn http demo\n  netlearn http demo --half-close\n  netlearn http demo --tls"
    )]
    Demo(HttpDemoArgs),
}

#[derive(Debug, Args)]
pub struct HttpGetArgs {
    /// The URL: http://HOST[:PORT]/PATH or https://…; a bare HOST[:PORT]/PATH means http://.
    pub url: String,
    /// Request method: GET or HEAD.
    #[arg(long, short = 'X', default_value = "GET", value_parser = ["GET", "HEAD"])]
    pub method: String,
    /// Extra request header, "Name: value" (repeatable).
    #[arg(long = "header", short = 'H', value_name = "NAME: VALUE")]
    pub headers: Vec<String>,
    /// After sending the request, shutdown(SHUT_WR) the socket, as the article's client does.
    #[arg(long)]
    pub half_close: bool,
    /// Print the whole body (raw bytes, even binary) instead of its first 2 KiB.
    #[arg(long)]
    pub body: bool,
    /// Trust only the CA certificates in this PEM file (a private or throwaway CA).
    #[arg(long, value_name = "FILE")]
    pub ca_file: Option<PathBuf>,
    /// DANGER: accept any certificate (still reports why it would have been refused).
    #[arg(long, short = 'k')]
    pub insecure: bool,
    /// Longest wait for any one step: resolving, connecting, the TLS handshake, and each read
    /// of the response (a server silent this long is given up on).
    #[arg(long, default_value = "10s", value_parser = parse_nonzero_duration)]
    pub timeout: Duration,
    /// Longest the whole exchange may take, from resolving the name to the last body byte, so
    /// that a server trickling a byte at a time cannot hold the client forever (as in curl).
    #[arg(long, default_value = "30s", value_parser = parse_nonzero_duration)]
    pub max_time: Duration,
    /// Largest response body accepted (e.g. 512KiB, 1GiB); a bigger one is an error, not
    /// unbounded memory. Other limits are fixed: a response head of 64 KiB, 10 interim
    /// (1xx) answers, chunk extensions of 4 KiB in all, trailer fields of 16 KiB.
    #[arg(long, default_value = "64MiB", value_name = "SIZE", value_parser = parse_size)]
    pub max_body: usize,
    /// Exit 1 when the status is 400 or above.
    #[arg(long)]
    pub fail: bool,
}

#[derive(Debug, Args)]
pub struct HttpServeArgs {
    /// The directory to serve.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Address to bind. A non-loopback address is reachable from other machines (warned).
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Port to bind; 0 picks a free one (printed on the first line).
    #[arg(long, short, default_value_t = 8000)]
    pub port: u16,
    /// Serve HTTPS with a certificate from a throwaway CA.
    #[arg(long)]
    pub tls: bool,
    /// Most connections open at once; further ones are closed at once (503 on plain HTTP)
    /// and logged.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_conns: u64,
    /// Cut a connection when no byte moved either way for this long: a client that stopped
    /// reading its download, or never finished its request (e.g. 30s, 2m).
    #[arg(long, default_value = "30s", value_parser = parse_nonzero_duration)]
    pub idle_timeout: Duration,
    /// On Ctrl-C/SIGTERM, how long open downloads may finish before they are cut; a second
    /// signal exits at once.
    #[arg(long, default_value = "5s", value_parser = parse_duration)]
    pub grace: Duration,
}

#[derive(Debug, Args)]
pub struct HttpDemoArgs {
    /// Use HTTPS (a throwaway CA, trusted for this demo only).
    #[arg(long)]
    pub tls: bool,
    /// The client half-closes after its request, as in the article.
    #[arg(long)]
    pub half_close: bool,
    /// After the exchange, the packets it caused: the handshake, the request's and the
    /// response's segments, the FINs (with --tls, the TLS records, encrypted). Without root,
    /// the demo runs in a private user + network namespace of its own; where none can be made
    /// it says why and runs without packets.
    #[arg(long)]
    pub wire: bool,
    /// Draw the exchange's packets as a ladder diagram after it: a line for the client and one
    /// for the server, an arrow per packet, the TCP state each end enters. Captures like --wire.
    #[arg(long)]
    pub ladder: bool,
    /// With --wire: also write the demo's packets to FILE as pcapng (nanosecond timestamps),
    /// for tcpdump -r or Wireshark.
    #[arg(long, value_name = "FILE", requires = "wire")]
    pub pcap: Option<std::path::PathBuf>,
}
