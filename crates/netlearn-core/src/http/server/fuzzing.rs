//! Entry points for the fuzz targets in fuzz/: what a client controls, with the invariants
//! that must hold whatever it sends. A panic is a bug. Test harness, not API: hidden from the
//! docs, public only because the fuzz crate and the smoke test live outside this crate.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc;

use std::path::Component;

use super::config::{FileServer, Limits};
use super::conn::serve_stream;
use super::log::EventSink;
use super::page::BarePages;
use super::path::{relative_path, url_path};
use super::range::{ByteRange, byte_range};
use crate::drops::DropCount;

/// A request path and a Range header: accepted paths stay below the root and come back
/// from their URL form unchanged; a range lies inside the file.
pub fn request_path(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(relative) = relative_path(&text) {
        assert!(
            relative
                .components()
                .all(|c| matches!(c, Component::Normal(_)))
        );
        let location = url_path(&relative);
        assert!(location.starts_with('/') && !location.starts_with("//"));
        assert_eq!(relative_path(&location), Ok(relative));
    }
    if let Some((len, header)) = data.split_first_chunk::<8>() {
        let len = u64::from_le_bytes(*len);
        if let ByteRange::Part { start, end } = byte_range(&String::from_utf8_lossy(header), len) {
            assert!(start <= end && end < len);
        }
    }
}

struct Site {
    server: Arc<FileServer>,
    runtime: tokio::runtime::Runtime,
}

fn site() -> Option<&'static Site> {
    static SITE: OnceLock<Option<Site>> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = crate::fixtures::process_tempdir().ok()?;
        std::fs::write(dir.join("hello.txt"), "hello, world\n").ok()?;
        std::fs::create_dir(dir.join("sub")).ok()?;
        std::fs::write(dir.join("sub/index.html"), "<p>sub</p>\n").ok()?;
        let root = dir.canonicalize().ok()?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .ok()?;
        Some(Site {
            server: Arc::new(FileServer { root, tls: None }),
            runtime,
        })
    })
    .as_ref()
}

/// Most answer bytes read back per input: the site's files are small.
const MAX_ANSWER: u64 = 1 << 20;

/// Whatever a client sends on a connection (request heads, pipelined requests, bodies,
/// garbage), then end of stream: the server answers with well-formed HTTP/1.x response
/// heads (HTTP/1.0 to a 1.0 client), or closes.
pub fn request_head(data: &[u8]) {
    let Some(site) = site() else {
        return;
    };
    site.runtime.block_on(async {
        let (client, server_side) = tokio::io::duplex(64 * 1024);
        let (events, _) = mpsc::channel(1);
        let limits = Limits {
            idle_timeout: Duration::from_secs(2),
            ..Limits::default()
        };
        let peer = std::net::SocketAddr::from(([127, 0, 0, 1], 9));
        let served = tokio::spawn(serve_stream(
            server_side,
            peer,
            site.server.clone(),
            limits,
            &BarePages,
            EventSink::new(events, DropCount::default()),
        ));
        let (read, mut write) = tokio::io::split(client);
        let send = async {
            let _ = write.write_all(data).await;
            let _ = write.shutdown().await;
        };
        let mut answer = Vec::new();
        let mut read = read.take(MAX_ANSWER);
        let receive = read.read_to_end(&mut answer);
        let exchange = async { tokio::join!(send, receive) };
        let _ = tokio::time::timeout(Duration::from_secs(10), exchange).await;
        served.abort();
        if !answer.is_empty() {
            assert!(answer.starts_with(b"HTTP/1."), "{answer:?}");
            if let Ok(Some(head)) = crate::http::wire::parse_head(&answer) {
                assert!((100..600).contains(&head.status));
            }
        }
    });
}
