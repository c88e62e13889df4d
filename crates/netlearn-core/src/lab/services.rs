//! The lab's servers, each bound inside its host's namespace, as each host's `services` lists
//! them: hickory-server answering the lab's names, netlearn's echo and HTTP servers. Plus the small DNS query the
//! scenario sends from h1 (a real query over UDP, hickory-proto's encoding).

use std::io;
use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use hickory_server::Server;
use hickory_server::proto::ProtoError;
use hickory_server::proto::op::{Message, Query, ResponseCode};
use hickory_server::proto::rr::{Name, RecordType};
use hickory_server::proto::serialize::txt::Parser;
use hickory_server::store::in_memory::InMemoryZoneHandler;
use hickory_server::zone_handler::{AxfrPolicy, Catalog, ZoneType};
use tokio_util::sync::CancellationToken;

use super::{Lab, Service, Topology};
use crate::echo::event::{Events, Role};
use crate::echo::server::{ServerConfig, serve_tcp};
use crate::http::server::{FileServer, serve};

/// The article's port, netlearn echo's default: `netlearn echo client 198.51.100.20` finds it.
pub const ECHO_PORT: u16 = 5008;
pub const HTTP_PORT: u16 = 80;
pub const DNS_PORT: u16 = 53;

/// The zone `lab.` as a zone file: an SOA, the name server and every host's addresses.
pub fn zone_text(topology: &Topology) -> String {
    let mut text = String::from(
        "$ORIGIN lab.\n$TTL 60\n@ IN SOA dns.lab. hostmaster.lab. 1 3600 600 86400 60\n@ IN NS dns.lab.\n",
    );
    for (name, address) in topology.names() {
        let kind = if address.is_ipv4() { "A" } else { "AAAA" };
        text.push_str(&format!("{name} IN {kind} {address}\n"));
    }
    text
}

fn catalog(topology: &Topology) -> io::Result<Catalog> {
    // hickory's errors are kept whole inside the I/O error (its text is theirs).
    let (origin, records) = Parser::new(zone_text(topology), None, None)
        .parse()
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    let handler = InMemoryZoneHandler::<hickory_server::net::runtime::TokioRuntimeProvider>::new(
        origin.clone(),
        records,
        ZoneType::Primary,
        AxfrPolicy::Deny,
    )
    .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    let mut catalog = Catalog::new();
    catalog.upsert(origin.into(), vec![Arc::new(handler)]);
    Ok(catalog)
}

/// Why the lab's servers did not start (worded by the lab view: `app::lab::words`).
#[derive(Debug)]
pub enum StartError {
    /// The lab has no host of this name.
    NoHost(String),
    /// A server's thread did not report within this time.
    NotStarted(Duration),
    Io(io::Error),
}

impl From<io::Error> for StartError {
    fn from(error: io::Error) -> Self {
        StartError::Io(error)
    }
}

/// Why the scenario's DNS query found no answer (worded by the lab view).
#[derive(Debug)]
pub enum LookupError {
    /// No answer to any of `tries` queries, each given `timeout`.
    NoAnswer {
        tries: u32,
        timeout: Duration,
    },
    Io(io::Error),
}

impl From<io::Error> for LookupError {
    fn from(error: io::Error) -> Self {
        LookupError::Io(error)
    }
}

/// How many times the scenario's DNS query is sent.
const LOOKUP_TRIES: u32 = 3;

/// How long a server's thread may take to bind.
const START_WITHIN: Duration = Duration::from_secs(5);

/// The running servers; [`Services::stop`] ends them.
pub struct Services {
    shutdown: CancellationToken,
    threads: Vec<JoinHandle<()>>,
    _root: crate::private_dir::PrivateDir,
}

fn runtime() -> io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
}

/// Binds inside the namespace (on this thread), then serves until `shutdown`.
fn host_thread<F, Fut>(
    lab: &Lab,
    host: &str,
    ready: std::sync::mpsc::Sender<io::Result<()>>,
    work: F,
) -> Result<JoinHandle<()>, StartError>
where
    F: FnOnce() -> io::Result<Fut> + Send + 'static,
    Fut: std::future::Future<Output = ()>,
{
    let ns = lab
        .namespace(host)
        .ok_or_else(|| StartError::NoHost(host.to_string()))?;
    let thread = ns.spawn(&format!("lab-{host}"), move || {
        let started = runtime().and_then(|rt| {
            let _guard = rt.enter();
            let future = work()?;
            Ok((rt, future))
        });
        match started {
            Ok((rt, future)) => {
                let _ = ready.send(Ok(()));
                rt.block_on(future);
            }
            Err(error) => {
                let _ = ready.send(Err(error));
            }
        }
    })?;
    Ok(thread)
}

impl Services {
    /// Starts on every host the servers its `services` names (DNS answering the zone `lab.`,
    /// echo, HTTP serving one page), each listening on every address of its host; returns
    /// once all are listening.
    pub fn start(lab: &Lab) -> Result<Services, StartError> {
        let shutdown = CancellationToken::new();
        // Whatever fails below stops the servers already started.
        let stop_on_failure = shutdown.clone().drop_guard();
        let root = crate::private_dir::PrivateDir::create(crate::private_dir::Kind::LabWeb)?;
        let (ready, waiting) = std::sync::mpsc::channel();
        let mut threads = Vec::new();
        for host in lab.topology.hosts.iter().filter(|h| !h.services.is_empty()) {
            let catalog = match host.services.contains(&Service::Dns) {
                true => Some(catalog(&lab.topology)?),
                false => None,
            };
            let served = match host.services.contains(&Service::Http) {
                true => {
                    let dir = root.path().join(&host.name);
                    std::fs::create_dir(&dir)?;
                    std::fs::write(dir.join("index.html"), index_html(&host.name))?;
                    Some(dir.canonicalize()?)
                }
                false => None,
            };
            let echo = host.services.contains(&Service::Echo);
            let token = shutdown.clone();
            threads.push(host_thread(lab, &host.name, ready.clone(), move || {
                serve_host(catalog, echo, served, token)
            })?);
        }
        drop(ready);
        for _ in 0..threads.len() {
            waiting
                .recv_timeout(START_WITHIN)
                .map_err(|_| StartError::NotStarted(START_WITHIN))??;
        }
        stop_on_failure.disarm();
        Ok(Services {
            shutdown,
            threads,
            _root: root,
        })
    }

    /// Stops the servers and waits for their threads.
    pub fn stop(self) {
        self.shutdown.cancel();
        for thread in self.threads {
            let _ = thread.join();
        }
    }
}

/// The page a host's HTTP server serves.
pub fn index_html(host: &str) -> String {
    format!(
        "<!doctype html>\n<title>{host}.lab</title>\n<p>Hello from {host} in netlearn's own lab.</p>\n"
    )
}

/// Binds one host's servers (on this thread, inside its namespace): DNS with `catalog`, echo,
/// HTTP serving `served`; the future serves them until `token` is cancelled.
fn serve_host(
    catalog: Option<Catalog>,
    echo: bool,
    served: Option<std::path::PathBuf>,
    token: CancellationToken,
) -> io::Result<impl std::future::Future<Output = ()>> {
    use futures_util::FutureExt;
    use futures_util::future::LocalBoxFuture;
    let any = |port| SocketAddr::from(([0, 0, 0, 0], port));
    let mut servers: Vec<LocalBoxFuture<'static, ()>> = Vec::new();
    if let Some(catalog) = catalog {
        let udp = tokio::net::UdpSocket::from_std(bind_udp(any(DNS_PORT))?)?;
        let tcp = tokio::net::TcpListener::from_std(bind_tcp(any(DNS_PORT))?)?;
        let mut server = Server::new(catalog);
        server.register_socket(udp);
        server.register_listener(tcp, Duration::from_secs(5), 65535);
        let token = token.clone();
        servers.push(
            async move {
                token.cancelled().await;
                let _ = server.shutdown_gracefully().await;
            }
            .boxed_local(),
        );
    }
    if echo {
        let listener = tokio::net::TcpListener::from_std(bind_tcp(any(ECHO_PORT))?)?;
        let (events, mut log) = Events::channel(Role::Server, false);
        let config = ServerConfig {
            grace: Duration::from_millis(200),
            ..ServerConfig::default()
        };
        let token = token.clone();
        servers.push(
            async move {
                // The server's log is not shown in the lab: drained so it never blocks.
                tokio::spawn(async move { while log.recv().await.is_some() {} });
                serve_tcp(listener, config, events, token).await;
            }
            .boxed_local(),
        );
    }
    if let Some(root) = served {
        let listener = tokio::net::TcpListener::from_std(bind_tcp(any(HTTP_PORT))?)?;
        let (events, mut log) = tokio::sync::mpsc::channel(64);
        let server = Arc::new(FileServer { root, tls: None });
        let token = token.clone();
        servers.push(
            async move {
                tokio::spawn(async move { while log.recv().await.is_some() {} });
                serve(listener, server, events, token).await;
            }
            .boxed_local(),
        );
    }
    Ok(async move {
        futures_util::future::join_all(servers).await;
    })
}

fn bind_tcp(addr: SocketAddr) -> io::Result<std::net::TcpListener> {
    let listener = std::net::TcpListener::bind(addr)?;
    listener.set_nonblocking(true)?;
    Ok(listener)
}

fn bind_udp(addr: SocketAddr) -> io::Result<UdpSocket> {
    let socket = UdpSocket::bind(addr)?;
    socket.set_nonblocking(true)?;
    Ok(socket)
}

/// A DNS exchange: the question, the answers, the response code, how long it took.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lookup {
    pub name: String,
    pub server: SocketAddr,
    pub rcode: ResponseCode,
    pub addresses: Vec<IpAddr>,
    pub rtt: Duration,
}

/// One query over UDP from the calling thread's namespace (tries 3 times, `timeout` each).
/// hickory's own text says what is wrong with a name it cannot encode.
pub fn lookup(
    server: SocketAddr,
    name: &str,
    kind: RecordType,
    timeout: Duration,
) -> Result<Lookup, LookupError> {
    // hickory's error is kept whole inside the I/O error (its text is theirs).
    let invalid = |e: ProtoError| io::Error::new(io::ErrorKind::InvalidData, e);
    let fqdn = Name::from_ascii(name).map_err(invalid)?;
    let mut query = Message::query();
    query.metadata.recursion_desired = true;
    query.add_query(Query::query(fqdn, kind));
    let bytes = query.to_vec().map_err(invalid)?;
    let socket = UdpSocket::bind(SocketAddr::new(
        if server.is_ipv4() {
            [0u8; 4].into()
        } else {
            [0u16; 8].into()
        },
        0,
    ))?;
    socket.connect(server)?;
    socket.set_read_timeout(Some(timeout))?;
    let mut buffer = [0u8; 4096];
    let started = Instant::now();
    for _ in 0..LOOKUP_TRIES {
        socket.send(&bytes)?;
        let len = match socket.recv(&mut buffer) {
            Ok(len) => len,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        let Ok(reply) = Message::from_vec(&buffer[..len]) else {
            continue;
        };
        if reply.metadata.id != query.metadata.id {
            continue;
        }
        return Ok(Lookup {
            name: name.to_string(),
            server,
            rcode: reply.metadata.response_code,
            addresses: reply
                .answers
                .iter()
                .filter_map(|r| r.data.ip_addr())
                .collect(),
            rtt: started.elapsed(),
        });
    }
    Err(LookupError::NoAnswer {
        tries: LOOKUP_TRIES,
        timeout,
    })
}

/// A TCP connection to `addr` from the calling thread's namespace: how long the handshake
/// took (the connection is closed at once).
pub fn connect(addr: SocketAddr, timeout: Duration) -> io::Result<Duration> {
    let started = Instant::now();
    let stream = std::net::TcpStream::connect_timeout(&addr, timeout)?;
    let took = started.elapsed();
    drop(stream);
    Ok(took)
}

/// The most bytes of a response read to find its status line.
const STATUS_LINE_MAX: usize = 1024;

/// `GET /` over HTTP/1.1 to `addr` (with `host` as the Host header) from the calling thread's
/// namespace: the response's status code and how long it took to come. Reads at most 1 KiB,
/// within `timeout` for the connection and again for each read and write.
pub fn http_status(addr: SocketAddr, host: &str, timeout: Duration) -> io::Result<(u16, Duration)> {
    use std::io::{Read, Write};
    let started = Instant::now();
    let mut stream = std::net::TcpStream::connect_timeout(&addr, timeout)?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    write!(
        stream,
        "GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nUser-Agent: netlearn\r\n\r\n"
    )?;
    let mut head = Vec::new();
    let mut buffer = [0u8; 256];
    while !head.windows(2).any(|w| w == b"\r\n") && head.len() < STATUS_LINE_MAX {
        let n = stream.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buffer[..n]);
    }
    let took = started.elapsed();
    let line = head.split(|b| *b == b'\r').next().unwrap_or_default();
    let line = String::from_utf8_lossy(line);
    let mut words = line.split(' ');
    let status = match (words.next(), words.next()) {
        (Some(version), Some(code)) if version.starts_with("HTTP/1.") => code.parse().ok(),
        _ => None,
    };
    status
        .map(|status| (status, took))
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "not an HTTP response"))
}
