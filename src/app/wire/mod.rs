//! `netlearn capture`: packets from a capture file or a live interface, decoded, followed and
//! explained; the arguments become a `Config`, `run` drives the domain, `view` shows it.

pub mod ladder;
mod ladder_file;
pub mod mermaid;
pub mod svg;
pub mod text;
pub mod view;
pub mod words;

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
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
use crate::net::wire::track::{MAX_CONNECTIONS, Tracked, Tracker};
use crate::output::escape::terminal_safe;
use crate::output::sink::Sink;
use crate::output::width::terminal_width;
use crate::output::{self, Format};

pub use text::TextWriter;
pub use view::{Align, Layout, PacketView};

/// What `capture` was asked to do.
#[derive(Clone, Debug)]
pub struct Config {
    pub source: Source,
    pub filter: Filter,
    pub count: Option<u64>,
    pub duration: Option<Duration>,
    pub write: Option<PathBuf>,
    pub link: bool,
    /// The packets drawn as a ladder instead of listed.
    pub picture: Option<ladder_file::Picture>,
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
            picture: ladder_file::Picture::from_args(args),
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

    /// Times count from `origin_ns` (a demo's start) instead of the first packet.
    pub fn with_origin(link: bool, origin_ns: u64) -> Explainer {
        Explainer {
            tracker: Tracker::new(),
            first_ns: Some(origin_ns),
            link,
        }
    }

    /// The time of a packet seen at `time_ns` (seconds since the first), and the TCP
    /// tracker's verdict on it.
    fn observe(&mut self, time_ns: u64, packet: &Packet) -> (f64, Option<Tracked>) {
        let first = *self.first_ns.get_or_insert(time_ns);
        let time = time_ns.saturating_sub(first) as f64 / 1e9;
        let tracked: Option<Tracked> = match &packet.body {
            Body::Tcp {
                ip,
                tcp,
                payload_len,
                ..
            } => Some(self.tracker.observe(
                time_ns,
                SocketAddr::new(ip.src, tcp.src_port),
                SocketAddr::new(ip.dst, tcp.dst_port),
                tcp,
                *payload_len,
            )),
            _ => None,
        };
        (time, tracked)
    }

    pub fn view(&mut self, time_ns: u64, packet: &Packet) -> PacketView {
        let (time, tracked) = self.observe(time_ns, packet);
        PacketView::new(time, packet, tracked.as_ref(), self.link)
    }

    /// The packet's text, its line whole and its explanation wrapped to `width`, pushed onto
    /// `out`: what [`PacketView::render_with`] writes with [`Layout::Whole`] for its view.
    pub fn push_text(
        &mut self,
        time_ns: u64,
        packet: &Packet,
        width: usize,
        writer: &mut TextWriter,
        out: &mut String,
    ) {
        let (time, tracked) = self.observe(time_ns, packet);
        writer.push(out, time, packet, tracked.as_ref(), self.link, width);
    }

    /// TCP connections forgotten so far to keep the tracker's table bounded.
    pub fn connections_evicted(&self) -> u64 {
        self.tracker.evicted()
    }
}

/// Writes one packet in the chosen format: its line laid out as `layout` says, its
/// explanation wrapped to `width`.
pub fn emit_packet(
    view: &PacketView,
    format: Format,
    (width, layout): (usize, Layout),
    out: &mut dyn Write,
) -> io::Result<()> {
    output::write_record(
        &Fitted {
            view,
            width,
            layout,
        },
        format,
        out,
    )
}

/// A packet with the layout of its text line; its JSON is the packet's.
struct Fitted<'a> {
    view: &'a PacketView,
    width: usize,
    layout: Layout,
}

impl Serialize for Fitted<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.view.serialize(serializer)
    }
}

impl output::Render for Fitted<'_> {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        self.view.render_with(out, self.width, self.layout)
    }
}

impl output::Render for Summary {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "{}",
            crate::tr!(
                "wire-captured",
                packets = crate::app::text::counted("count-packets", self.captured),
                dropped = crate::output::words::thousands(self.dropped_by_kernel)
            )
        )?;
        render_evicted(self.connections_evicted, out)
    }
}

/// The end of a live capture: counts, as tcpdump prints them.
#[derive(Debug, Serialize)]
pub struct Summary {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub captured: u64,
    pub dropped_by_kernel: u64,
    /// TCP connections the tracker forgot to stay within its limit.
    pub connections_evicted: u64,
}

/// The end of reading a capture file: the packets read and shown, and what the tracker forgot.
#[derive(Debug, Serialize)]
pub struct FileSummary {
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Packet records read from the file.
    pub read: u64,
    /// Those that passed the filters and were shown.
    pub shown: u64,
    /// TCP connections the tracker forgot to stay within its limit.
    pub connections_evicted: u64,
}

impl output::Render for FileSummary {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        let packets = crate::app::text::counted("count-packets", self.read);
        let line = if self.shown == self.read {
            crate::tr!("wire-read", packets = packets)
        } else {
            crate::tr!(
                "wire-read-shown",
                packets = packets,
                shown = crate::output::words::thousands(self.shown)
            )
        };
        writeln!(out, "{line}")?;
        render_evicted(self.connections_evicted, out)
    }
}

/// The line after a summary when the tracker had to forget connections.
fn render_evicted(evicted: u64, out: &mut dyn Write) -> io::Result<()> {
    if evicted == 0 {
        return Ok(());
    }
    output::write_prose_line(out, &evicted_text(crate::i18n::language(), evicted))
}

/// The sentence that says how many connections the tracker forgot, and why.
fn evicted_text(lang: crate::i18n::Lang, evicted: u64) -> String {
    crate::tr_in!(
        lang,
        "wire-evicted",
        connections = crate::app::text::counted_in(lang, "count-connections", evicted),
        limit = crate::output::words::thousands(MAX_CONNECTIONS as u64)
    )
}

pub fn run(args: &CaptureArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let (format, out) = sink.parts();
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

/// The next packet of `reader` that `filter` keeps, and when it was captured; None at the end
/// of the file. `read` counts every record read, so an error can say where the file went wrong.
fn next_kept(
    reader: &mut Reader<Box<dyn BufRead>>,
    path: &Path,
    filter: &Filter,
    read: &mut u64,
) -> anyhow::Result<Option<(u64, Packet)>> {
    loop {
        let record = match reader.next_record() {
            Ok(Some(record)) => record,
            Ok(None) => return Ok(None),
            Err(error) => {
                let lang = crate::i18n::language();
                return Err(file_error(
                    path,
                    words::file_error_after(lang, &error, *read),
                ));
            }
        };
        *read += 1;
        let packet = decode(record.link, record.data);
        if filter.matches(&packet) {
            return Ok(Some((record.time_ns, packet)));
        }
    }
}

/// The file name that means standard input, as tcpdump -r takes it.
const STDIN: &str = "-";

fn read_file(
    path: &Path,
    config: &Config,
    format: Format,
    out: &mut (dyn Write + Send),
) -> anyhow::Result<ExitCode> {
    let input: Box<dyn BufRead> = if path.as_os_str() == STDIN {
        Box::new(BufReader::with_capacity(1 << 16, io::stdin().lock()))
    } else {
        let file = File::open(path).map_err(|error| file_error(path, error))?;
        Box::new(BufReader::with_capacity(1 << 16, file))
    };
    let mut reader = Reader::new(input)
        .map_err(|error| file_error(path, words::file_error(crate::i18n::language(), &error)))?;
    if let Some(picture) = &config.picture {
        return ladder_file::run(reader, path, config, picture, format, out);
    }
    // A file is read as fast as it can be: its records leave in large writes (one system call
    // per 256 KiB, not one per packet, into a pipe), as tcpdump -r writes when its output is not
    // a terminal. Standard input may be a live capture (`tcpdump -w - | netlearn capture
    // --read -`): there each record still leaves at once.
    let mut out = Batched {
        inner: BufWriter::with_capacity(1 << 18, out),
        hold: path.as_os_str() != STDIN,
    };
    let width = terminal_width();
    // Lines fitted to a screen line up as they go: each column as wide as the widest so far.
    let mut align = Align::default();
    let fitted = view::layout(align) != Layout::Whole;
    let mut explainer = Explainer::new(config.link);
    // Whole text lines are written straight into one buffer, without a view per packet.
    let whole_text = format == Format::Table && !fitted;
    let mut writer = TextWriter::new();
    let mut text = String::with_capacity(1024);
    let mut shown = 0u64;
    let mut read = 0u64;
    loop {
        let (time_ns, packet) = match next_kept(&mut reader, path, &config.filter, &mut read) {
            Ok(Some(kept)) => kept,
            Ok(None) => break,
            Err(error) => {
                out.inner.flush()?;
                return Err(error);
            }
        };
        if whole_text {
            text.clear();
            explainer.push_text(time_ns, &packet, width, &mut writer, &mut text);
            // As `output::write_record` writes a record: then a flush (held for a file).
            out.write_all(text.as_bytes())?;
            out.flush()?;
        } else {
            let view = explainer.view(time_ns, &packet);
            if fitted {
                align.grow(&view);
            }
            emit_packet(&view, format, (width, view::layout(align)), &mut out)?;
        }
        shown += 1;
        if config.count.is_some_and(|count| shown >= count) {
            break;
        }
    }
    let summary = FileSummary {
        kind: "summary",
        read,
        shown,
        connections_evicted: explainer.connections_evicted(),
    };
    output::write_record(&summary, format, &mut out)
        .and_then(|()| out.inner.flush())
        .with_context(|| crate::tr!("wire-cannot-write"))?;
    Ok(ExitCode::SUCCESS)
}

/// A writer whose flushes after each record wait, when `hold` is set, until the buffer is full
/// or the file ends (`inner.flush()`).
struct Batched<W: Write> {
    inner: W,
    hold: bool,
}

impl<W: Write> Write for Batched<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.inner.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.hold {
            Ok(())
        } else {
            self.inner.flush()
        }
    }
}

#[cfg(target_os = "linux")]
mod live {
    use std::time::Instant;

    use tokio_util::sync::CancellationToken;

    use super::*;
    use crate::net::wire::file::PcapngWriter;
    use crate::net::wire::live::{LiveCapture, LiveError};

    /// How often the loop looks at the clock and for Ctrl-C when no packet comes.
    const POLL: Duration = Duration::from_millis(100);

    fn open_error(name: &str, error: LiveError) -> anyhow::Error {
        let text = words::live_error(crate::i18n::language(), &terminal_safe(name), &error);
        match error {
            LiveError::NoSuchInterface(_) => Error::Usage(text).into(),
            _ => Error::Runtime(text).into(),
        }
    }

    pub fn run(
        name: &str,
        config: &Config,
        format: Format,
        out: &mut (dyn Write + Send),
    ) -> anyhow::Result<ExitCode> {
        let mut capture = LiveCapture::open(name, POLL).map_err(|e| open_error(name, e))?;
        if let Some(port) = config.filter.port {
            capture
                .keep_port(port)
                .map_err(|e| open_error(name, LiveError::Io(e)))?;
        }
        let mut writer = match &config.write {
            Some(path) => {
                let file = File::create(path).map_err(|error| file_error(path, error))?;
                Some(
                    PcapngWriter::new(BufWriter::new(file), capture.link(), 262_144)
                        .map_err(|error| file_error(path, error))?,
                )
            }
            None => None,
        };
        let runtime = crate::app::process::runtime()?;
        let stop = CancellationToken::new();
        {
            let _entered = runtime.enter();
            crate::app::process::watch_signals(stop.clone());
        }
        let deadline = config.duration.map(|d| Instant::now() + d);
        let width = terminal_width();
        let mut align = Align::default();
        let fitted = view::layout(align) != Layout::Whole;
        let mut out = BufWriter::new(out);
        let mut explainer = Explainer::new(config.link);
        let mut shown = 0u64;
        let link = capture.link();
        while !stop.is_cancelled()
            && deadline.is_none_or(|d| Instant::now() < d)
            && config.count.is_none_or(|count| shown < count)
        {
            let Some(frame) = capture.next_frame()? else {
                out.flush()?;
                if let Some(writer) = writer.as_mut() {
                    writer.flush()?;
                }
                continue;
            };
            let packet = decode(link, frame.data);
            if !config.filter.matches(&packet) {
                continue;
            }
            if let Some(writer) = writer.as_mut() {
                writer.write_packet(frame.time_ns, frame.data, frame.orig_len)?;
            }
            let view = explainer.view(frame.time_ns, &packet);
            if fitted {
                align.grow(&view);
            }
            emit_packet(&view, format, (width, view::layout(align)), &mut out)?;
            out.flush()?;
            shown += 1;
        }
        if let Some(writer) = writer.as_mut() {
            writer.flush()?;
        }
        let dropped = capture.kernel_drops()?;
        let summary = Summary {
            kind: "summary",
            captured: shown,
            dropped_by_kernel: dropped,
            connections_evicted: explainer.connections_evicted(),
        };
        output::write_record(&summary, format, &mut out)?;
        runtime.shutdown_background();
        Ok(ExitCode::SUCCESS)
    }
}

#[cfg(not(target_os = "linux"))]
mod live {
    use super::*;

    pub fn run(
        _name: &str,
        _config: &Config,
        _format: Format,
        _out: &mut (dyn Write + Send),
    ) -> anyhow::Result<ExitCode> {
        Err(Error::Runtime(crate::tr!("wire-live-not-linux")).into())
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
    // The same packets written as text straight away: byte for byte the view's text.
    let mut texts = Explainer::new(selector & 0x80 != 0);
    let (mut writer, mut text) = (TextWriter::new(), String::new());
    let mut time = 0u64;
    // Every round consumes at least two bytes, so this ends.
    while rest.len() >= 2 {
        let len = usize::from(u16::from_be_bytes([rest[0], rest[1]])).min(rest.len() - 2);
        let frame = &rest[2..2 + len];
        rest = &rest[2 + len..];
        time += u64::from(selector);
        let packet = decode(link, frame);
        let view = explainer.view(time, &packet);
        let mut rendered = Vec::new();
        let _ = view.render(&mut rendered, 40);
        text.clear();
        texts.push_text(time, &packet, 40, &mut writer, &mut text);
        assert_eq!(
            text.as_bytes(),
            rendered,
            "the text path differs from the view"
        );
        let fitted = Layout::Fit {
            width: 40,
            align: Align::over([&view]),
        };
        let _ = view.render_with(&mut io::sink(), 40, fitted);
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

#[cfg(test)]
mod tests {
    use super::evicted_text;
    use crate::i18n::Lang;

    #[test]
    fn the_forgotten_connections_are_counted_with_the_limit_in_both_languages() {
        let en = crate::i18n::unfold(&evicted_text(Lang::En, 100));
        assert!(
            en.starts_with(
                "forgot 100\u{a0}connections: netlearn follows at most 65,536 TCP connections"
            ),
            "{en}"
        );
        assert!(evicted_text(Lang::En, 1).starts_with("forgot 1\u{a0}connection:"));
        let ja = crate::i18n::unfold(&evicted_text(Lang::Ja, 100));
        assert!(ja.starts_with("100\u{a0}個の接続を忘れました"), "{ja}");
        assert!(ja.contains("65,536"), "{ja}");
    }
}

#[cfg(test)]
mod batched_tests {
    use super::*;

    /// Counts the flushes that reach the writer underneath.
    #[derive(Default)]
    struct Flushes {
        bytes: Vec<u8>,
        flushes: usize,
    }

    impl Write for Flushes {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.bytes.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            self.flushes += 1;
            Ok(())
        }
    }

    #[test]
    fn records_of_a_file_wait_for_the_end_and_standard_input_leaves_each_at_once() {
        for (hold, flushes) in [(true, 0), (false, 3)] {
            let mut out = Batched {
                inner: Flushes::default(),
                hold,
            };
            for line in ["a\n", "b\n", "c\n"] {
                output::write_record(
                    &output::Line {
                        json: &(),
                        text: line.trim_end().into(),
                    },
                    Format::Table,
                    &mut out,
                )
                .expect("write");
            }
            assert_eq!(
                (out.inner.bytes.as_slice(), out.inner.flushes),
                (&b"a\nb\nc\n"[..], flushes)
            );
            out.inner.flush().expect("flush");
            assert_eq!(out.inner.flushes, flushes + 1);
        }
    }
}
