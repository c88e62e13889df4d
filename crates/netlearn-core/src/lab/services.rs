//! The lab's servers, each bound inside its host's namespace: hickory-server answering the
//! lab's names on `dns`, netlearn's echo and HTTP servers on `h2`. Plus the small DNS query the
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

use super::{Lab, Topology};
use crate::echo::event::{Events, Role};
use crate::echo::server::{ServerConfig, serve_tcp};
use crate::http::server::{FileServer, serve};

/// The article's port, netlearn echo's default: `netlearn echo client 198.51.100.20` finds it.
pub const ECHO_PORT: u16 = 5008;
pub const HTTP_PORT: u16 = 80;
pub const DNS_PORT: u16 = 53;

/// The page h2's HTTP server serves.
pub const INDEX_HTML: &str =
    "<!doctype html>\n<title>h2.lab</title>\n<p>Hello from h2, across the router r1.</p>\n";

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
    /// Starts DNS on `dns` and the echo and HTTP servers on `h2`, each listening on every
    /// address of its host; returns once all are listening.
    pub fn start(lab: &Lab) -> Result<Services, StartError> {
        let shutdown = CancellationToken::new();
        // Whatever fails below stops the servers already started.
        let stop_on_failure = shutdown.clone().drop_guard();
        let root = crate::private_dir::PrivateDir::create(crate::private_dir::Kind::LabWeb)?;
        std::fs::write(root.path().join("index.html"), INDEX_HTML)?;
        let (ready, waiting) = std::sync::mpsc::channel();
        let mut threads = Vec::new();

        let catalog = catalog(&lab.topology)?;
        let token = shutdown.clone();
        threads.push(host_thread(lab, "dns", ready.clone(), move || {
            let any = SocketAddr::from(([0, 0, 0, 0], DNS_PORT));
            let udp = tokio::net::UdpSocket::from_std(bind_udp(any)?)?;
            let tcp = tokio::net::TcpListener::from_std(bind_tcp(any)?)?;
            let mut server = Server::new(catalog);
            server.register_socket(udp);
            server.register_listener(tcp, Duration::from_secs(5), 65535);
            Ok(async move {
                token.cancelled().await;
                let _ = server.shutdown_gracefully().await;
            })
        })?);

        let token = shutdown.clone();
        let served = root.path().canonicalize()?;
        threads.push(host_thread(lab, "h2", ready.clone(), move || {
            let echo = tokio::net::TcpListener::from_std(bind_tcp(SocketAddr::from((
                [0, 0, 0, 0],
                ECHO_PORT,
            )))?)?;
            let http = tokio::net::TcpListener::from_std(bind_tcp(SocketAddr::from((
                [0, 0, 0, 0],
                HTTP_PORT,
            )))?)?;
            let (events, mut log) = Events::channel(Role::Server, false);
            let (http_events, mut http_log) = tokio::sync::mpsc::channel(64);
            let server = Arc::new(FileServer {
                root: served,
                tls: None,
            });
            Ok(async move {
                // The servers' logs are not shown in the lab: drained so they never block.
                tokio::spawn(async move { while log.recv().await.is_some() {} });
                tokio::spawn(async move { while http_log.recv().await.is_some() {} });
                let config = ServerConfig {
                    grace: Duration::from_millis(200),
                    ..ServerConfig::default()
                };
                tokio::join!(
                    serve_tcp(echo, config, events, token.clone()),
                    serve(http, server, http_events, token.clone()),
                );
            })
        })?);
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
