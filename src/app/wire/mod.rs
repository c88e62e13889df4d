//! `netlearn capture`: packets from a capture file or a live interface, decoded, followed and
//! explained; the arguments become a `Config`, `run` drives the domain, `view` shows it.

pub mod view;

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use serde::Serialize;

use crate::cli::CaptureArgs;
use crate::error::Error;
use crate::net::wire::decode::{Body, Packet, decode};
use crate::net::wire::file::Reader;
use crate::net::wire::track::{Tracked, Tracker};
use crate::output::escape::terminal_safe;
use crate::output::width::terminal_width;
use crate::output::{self, Format};

pub use view::PacketView;

/// What `capture` was asked to do.
#[derive(Clone, Debug)]
pub struct Config {
    pub source: Source,
    pub filter: Filter,
    pub count: Option<u64>,
    pub duration: Option<Duration>,
    pub write: Option<PathBuf>,
    pub link: bool,
}

#[derive(Clone, Debug)]
pub enum Source {
    File(PathBuf),
    Interface(String),
}

/// Which packets are shown.
#[derive(Clone, Copy, Debug, Default)]
pub struct Filter {
    pub port: Option<u16>,
    pub host: Option<IpAddr>,
}

impl Filter {
    pub fn matches(&self, packet: &Packet) -> bool {
        self.port.is_none_or(|port| packet.involves_port(port))
            && self.host.is_none_or(|host| packet.involves_host(host))
    }
}

impl From<&CaptureArgs> for Config {
    fn from(args: &CaptureArgs) -> Config {
        Config {
            source: match &args.read {
                Some(path) => Source::File(path.clone()),
                None => Source::Interface(args.iface.clone()),
            },
            filter: Filter {
                port: args.port,
                host: args.host,
            },
            count: args.count,
            duration: args.duration,
            write: args.write.clone(),
            link: args.link,
        }
    }
}

/// Turns decoded packets into views: the TCP tracker and the time origin live here.
pub struct Explainer {
    tracker: Tracker,
    first_ns: Option<u64>,
    link: bool,
}

impl Explainer {
    pub fn new(link: bool) -> Explainer {
        Explainer {
            tracker: Tracker::new(),
            first_ns: None,
            link,
        }
    }

    pub fn view(&mut self, time_ns: u64, packet: &Packet) -> PacketView {
        let first = *self.first_ns.get_or_insert(time_ns);
        let time = time_ns.saturating_sub(first) as f64 / 1e9;
        let tracked: Option<Tracked> = match &packet.body {
            Body::Tcp {
                ip,
                tcp,
                payload_len,
                ..
            } => Some(self.tracker.observe(
                SocketAddr::new(ip.src, tcp.src_port),
                SocketAddr::new(ip.dst, tcp.dst_port),
                tcp,
                *payload_len,
            )),
            _ => None,
        };
        PacketView::new(time, packet, tracked.as_ref(), self.link)
    }
}

/// Writes one packet in the chosen format.
pub fn emit_packet(
    view: &PacketView,
    format: Format,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => view.render(out, width),
        Format::Json => output::json_line(view, out),
    }
}

/// The end of a live capture: counts, as tcpdump prints them.
#[derive(Debug, Serialize)]
pub struct Summary {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub captured: u64,
    pub dropped_by_kernel: u64,
}

pub fn run(
    args: &CaptureArgs,
    format: Format,
    out: &mut (dyn Write + Send),
) -> anyhow::Result<ExitCode> {
    let config = Config::from(args);
    match &config.source {
        Source::File(path) => read_file(path, &config, format, out),
        Source::Interface(name) => live::run(name, &config, format, out),
    }
}

fn file_error(path: &Path, error: impl std::fmt::Display) -> anyhow::Error {
    Error::Usage(format!(
        "{}: {error}",
        terminal_safe(&path.display().to_string())
    ))
    .into()
}

fn read_file(
    path: &Path,
    config: &Config,
    format: Format,
    out: &mut (dyn Write + Send),
) -> anyhow::Result<ExitCode> {
    let file = File::open(path).map_err(|error| file_error(path, error))?;
    let mut reader = Reader::new(BufReader::with_capacity(1 << 16, file))
        .map_err(|error| file_error(path, error))?;
    let mut out = BufWriter::with_capacity(1 << 16, out);
    let width = terminal_width();
    let mut explainer = Explainer::new(config.link);
    let mut shown = 0u64;
    let mut read = 0u64;
    loop {
        let record = match reader.next_record() {
            Ok(Some(record)) => record,
            Ok(None) => break,
            Err(error) => {
                out.flush()?;
                return Err(file_error(path, format!("{error} (after {read} packets)")));
            }
        };
        read += 1;
        let packet = decode(record.link, record.data);
        if !config.filter.matches(&packet) {
            continue;
        }
        let view = explainer.view(record.time_ns, &packet);
        emit_packet(&view, format, width, &mut out)?;
        shown += 1;
        if config.count.is_some_and(|count| shown >= count) {
            break;
        }
    }
    out.flush().context("writing the packets")?;
    Ok(ExitCode::SUCCESS)
}

mod live {
    use super::*;

    pub fn run(
        name: &str,
        config: &Config,
        format: Format,
        out: &mut (dyn Write + Send),
    ) -> anyhow::Result<ExitCode> {
        let _ = (name, config, format, out);
        Err(Error::Runtime("live capture is not available yet".into()).into())
    }
}

/// Fuzzing entry point (fuzz/ and tests/fuzz_smoke.rs): the first byte picks a link type, the
/// rest is frames, each prefixed by a 2-byte length; every frame is decoded, followed, viewed,
/// rendered and serialised. A panic is a bug.
pub fn fuzz_frames(data: &[u8]) {
    use crate::net::wire::LinkType;
    let Some((&selector, mut rest)) = data.split_first() else {
        return;
    };
    let link = [1, 113, 276, 101, 228, 229][usize::from(selector) % 6];
    let Some(link) = LinkType::from_number(link) else {
        return;
    };
    let mut explainer = Explainer::new(selector & 0x80 != 0);
    let mut time = 0u64;
    // Every round consumes at least two bytes, so this ends.
    while rest.len() >= 2 {
        let len = usize::from(u16::from_be_bytes([rest[0], rest[1]])).min(rest.len() - 2);
        let frame = &rest[2..2 + len];
        rest = &rest[2 + len..];
        time += u64::from(selector);
        let packet = decode(link, frame);
        let view = explainer.view(time, &packet);
        let _ = view.render(&mut io::sink(), 40);
        let _ = output::json_line(&view, &mut io::sink());
        assert!(view.len <= frame.len(), "payload longer than the frame");
    }
}

/// Fuzzing entry point: `data` as a whole capture file, every record read and explained.
pub fn fuzz_capture_file(data: &[u8]) {
    let Ok(mut reader) = Reader::new(io::Cursor::new(data)) else {
        return;
    };
    let mut explainer = Explainer::new(true);
    // Each record consumes bytes of `data`, so this ends.
    while let Ok(Some(record)) = reader.next_record() {
        assert!(record.data.len() <= crate::net::wire::file::MAX_RECORD);
        let packet = decode(record.link, record.data);
        let view = explainer.view(record.time_ns, &packet);
        let _ = view.render(&mut io::sink(), 80);
    }
}
