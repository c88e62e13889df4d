//! An in-process DNS server for tests and benchmarks: hickory-server on 127.0.0.1 port 0
//! serving tests/fixtures zones over UDP, TCP, TLS and HTTPS, with a throwaway CA (rcgen).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use hickory_server::Server;
use hickory_server::proto::serialize::txt::Parser;
use hickory_server::store::in_memory::InMemoryZoneHandler;
use hickory_server::zone_handler::{AxfrPolicy, Catalog, ZoneType};
use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

const ZONES: [&str; 3] = ["netlearn.test.zone", "reverse.zone", "reverse6.zone"];

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn catalog() -> Catalog {
    let mut catalog = Catalog::new();
    for file in ZONES {
        let text = std::fs::read_to_string(fixtures().join(file)).expect("zone file");
        let (origin, records) = Parser::new(text, None, None).parse().expect("zone parses");
        let handler =
            InMemoryZoneHandler::<hickory_server::net::runtime::TokioRuntimeProvider>::new(
                origin.clone(),
                records,
                ZoneType::Primary,
                AxfrPolicy::Deny,
            )
            .expect("zone loads");
        catalog.upsert(origin.into(), vec![Arc::new(handler)]);
    }
    catalog
}

/// A throwaway CA and a server certificate it signed (for the DNS server, and the HTTP tests).
pub struct TestPki {
    pub ca_pem: String,
    /// The server's certificate, then the CA's.
    pub chain: Vec<CertificateDer<'static>>,
    key: Vec<u8>,
}

impl TestPki {
    /// A certificate for `names` (DNS names or IP addresses), valid from 2019-01-01 until
    /// `not_after` (year, month, day).
    pub fn new(names: &[&str], not_after: (i32, u8, u8)) -> TestPki {
        let ca_key = KeyPair::generate().expect("CA key");
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "netlearn test CA");
        let ca_cert = ca_params.self_signed(&ca_key).expect("CA cert");
        let issuer = Issuer::new(ca_params, ca_key);
        let key = KeyPair::generate().expect("server key");
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        let mut params = CertificateParams::new(names).expect("params");
        params.not_before = rcgen::date_time_ymd(2019, 1, 1);
        params.not_after = rcgen::date_time_ymd(not_after.0, not_after.1, not_after.2);
        let cert = params.signed_by(&key, &issuer).expect("server cert");
        TestPki {
            ca_pem: ca_cert.pem(),
            chain: vec![cert.der().clone(), ca_cert.der().clone()],
            key: key.serialize_der(),
        }
    }

    /// TLS server settings presenting the chain, offering `alpn`.
    pub fn server_config(&self, alpn: &[u8]) -> rustls::ServerConfig {
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.key.clone()));
        let mut config =
            netlearn::net::tls::server_config(self.chain.clone(), key).expect("server config");
        config.alpn_protocols = vec![alpn.to_vec()];
        config
    }
}

/// Addresses of a running test server.
pub struct DnsServer {
    /// UDP and TCP, same port.
    pub addr: SocketAddr,
    pub tls_addr: SocketAddr,
    pub https_addr: SocketAddr,
    /// PEM file of the CA that signed the server's certificate.
    pub ca_file: PathBuf,
    _runtime: tokio::runtime::Runtime,
}

/// Binds UDP and TCP on `port` of 127.0.0.1, or on one free port when it is 0 (retrying if
/// TCP's half is taken).
async fn bind_pair(port: u16) -> (tokio::net::UdpSocket, tokio::net::TcpListener) {
    if port != 0 {
        let udp = tokio::net::UdpSocket::bind(("127.0.0.1", port))
            .await
            .unwrap_or_else(|e| panic!("cannot bind 127.0.0.1:{port} (udp): {e}"));
        let tcp = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .unwrap_or_else(|e| panic!("cannot bind 127.0.0.1:{port} (tcp): {e}"));
        return (udp, tcp);
    }
    for _ in 0..50 {
        let udp = tokio::net::UdpSocket::bind("127.0.0.1:0")
            .await
            .expect("udp");
        let addr = udp.local_addr().expect("addr");
        if let Ok(tcp) = tokio::net::TcpListener::bind(addr).await {
            return (udp, tcp);
        }
    }
    panic!("no free UDP+TCP port pair on 127.0.0.1");
}

impl DnsServer {
    /// Starts the server on a free port of its own runtime; it stops when dropped.
    pub fn start() -> DnsServer {
        DnsServer::start_on(0)
    }

    /// Starts the server with UDP and TCP on `port` (0: a free one).
    pub fn start_on(port: u16) -> DnsServer {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let pki = TestPki::new(&["dns.netlearn.test", "127.0.0.1"], (2099, 1, 1));
        // Most suites keep their server in a static, which is never dropped: the directory
        // goes when the process exits.
        let dir = netlearn_core::fixtures::process_tempdir().expect("tempdir");
        let ca_file = dir.join("ca.pem");
        std::fs::write(&ca_file, &pki.ca_pem).expect("write CA");
        let (addr, tls_addr, https_addr) = runtime.block_on(async {
            let (udp, tcp) = bind_pair(port).await;
            let tls = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("tls");
            let https = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("https");
            let addrs = (
                udp.local_addr().expect("addr"),
                tls.local_addr().expect("addr"),
                https.local_addr().expect("addr"),
            );
            let mut server = Server::new(catalog());
            server.register_socket(udp);
            server.register_listener(tcp, Duration::from_secs(10), 65535);
            server
                .register_tls_listener_with_tls_config(
                    tls,
                    Duration::from_secs(10),
                    Arc::new(pki.server_config(b"dot")),
                )
                .expect("tls listener");
            server
                .register_https_listener_with_tls_config(
                    https,
                    Duration::from_secs(10),
                    Arc::new(pki.server_config(b"h2")),
                    None,
                    "/dns-query".to_string(),
                )
                .expect("https listener");
            tokio::spawn(async move {
                let _ = server.block_until_done().await;
            });
            addrs
        });
        DnsServer {
            addr,
            tls_addr,
            https_addr,
            ca_file,
            _runtime: runtime,
        }
    }

    /// `@127.0.0.1:PORT` for the UDP/TCP server.
    pub fn at(&self) -> String {
        format!("@{}", self.addr)
    }
}

/// A UDP socket that reads queries and never answers; dropped with the guard.
pub struct SilentServer {
    pub addr: SocketAddr,
    _socket: std::net::UdpSocket,
}

impl SilentServer {
    pub fn start() -> SilentServer {
        let socket = std::net::UdpSocket::bind("127.0.0.1:0").expect("bind");
        SilentServer {
            addr: socket.local_addr().expect("addr"),
            _socket: socket,
        }
    }
}

/// A loopback UDP port with nothing behind it (bound, read back, closed).
pub fn closed_udp_port() -> SocketAddr {
    let socket = std::net::UdpSocket::bind("127.0.0.1:0").expect("bind");
    socket.local_addr().expect("addr")
}
