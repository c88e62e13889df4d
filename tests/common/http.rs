//! HTTP peers for tests: netlearn's file server in-process (plain or TLS with certificates the
//! test makes), and hand-written raw responders for framings a file server never sends.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use netlearn::app::http::words::WordedPages;
use netlearn::net::drops::DropCount;
use netlearn::net::http::server::{EventSink, FileServer, Limits, serve_with};
use tokio_util::sync::CancellationToken;

use super::dns::TestPki;

/// A file server on 127.0.0.1:0, stopped on Drop.
pub struct HttpServer {
    pub addr: SocketAddr,
    shutdown: CancellationToken,
    thread: Option<JoinHandle<()>>,
}

impl HttpServer {
    pub fn start(root: &Path, tls: Option<rustls::ServerConfig>) -> HttpServer {
        let root = root.canonicalize().expect("root");
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("nonblocking");
        let addr = listener.local_addr().expect("addr");
        let shutdown = CancellationToken::new();
        let stop = shutdown.clone();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
                let (events, mut received) = tokio::sync::mpsc::channel(1024);
                tokio::spawn(async move { while received.recv().await.is_some() {} });
                let server = Arc::new(FileServer {
                    root,
                    tls: tls.map(|c| tokio_rustls::TlsAcceptor::from(Arc::new(c))),
                });
                let sink = EventSink::new(events, DropCount::default());
                serve_with(
                    listener,
                    server,
                    Limits::default(),
                    &WordedPages,
                    sink,
                    stop,
                )
                .await;
            });
        });
        HttpServer {
            addr,
            shutdown,
            thread: Some(thread),
        }
    }
}

impl Drop for HttpServer {
    fn drop(&mut self) {
        self.shutdown.cancel();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A CA (its PEM written to `dir/ca.pem`) and a server certificate from it for `names`,
/// valid until `not_after` (year, month, day).
pub fn certificates(
    dir: &Path,
    names: &[&str],
    not_after: (i32, u8, u8),
) -> (PathBuf, rustls::ServerConfig) {
    let pki = TestPki::new(names, not_after);
    let ca_file = dir.join("ca.pem");
    std::fs::write(&ca_file, &pki.ca_pem).expect("write CA");
    (ca_file, pki.server_config(b"http/1.1"))
}

/// A one-connection raw HTTP peer: reads the request (to the blank line, or to end of stream
/// when `wait_for_eof`), writes `response`, closes. Returns the request bytes it read.
pub fn raw_responder(response: Vec<u8>, wait_for_eof: bool) -> (SocketAddr, JoinHandle<Vec<u8>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let thread = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("accept");
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(20)))
            .expect("timeout");
        let mut request = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            match stream.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => request.extend_from_slice(&buf[..n]),
            }
            if !wait_for_eof && request.windows(4).any(|w| w == b"\r\n\r\n") {
                break;
            }
        }
        let _ = stream.write_all(&response);
        request
    });
    (addr, thread)
}
