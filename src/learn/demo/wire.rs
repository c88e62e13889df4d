//! What the demos' socket calls put on the wire: capture on `lo` (as root, or inside the
//! private network `main` entered), a barrier after each call so every packet lands under the
//! call that caused it, the packets explained, and the same packets written as pcapng.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::app::wire::{Align, Explainer, PacketView};
use crate::net::sockets::Transport;
use crate::net::wire::decode::TcpFlags;
use crate::net::wire::live::{Captured, LiveError, Recorded, Recording};
use crate::net::wire::private_net::{self, Access, Refusal};
use crate::net::wire::{LinkType, decode};
use crate::output::escape::terminal_safe;

/// More marks than any demo takes; a bound on the slots made.
const MAX_MARKS: usize = 1 << 16;

/// A demo's capture while it runs.
pub struct Watch {
    recording: Recording,
    /// When the capture was ready, nanoseconds since the Unix epoch: times count from here.
    started: u64,
}

fn now_ns() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

/// The packets of a demo, placed under its marks.
pub struct Wire {
    /// `under[k]`: the packets sent after mark k-1 and before mark k; the last slot holds
    /// those after the last mark.
    pub under: Vec<Vec<PacketView>>,
    /// Every packet shown, as captured, for `--pcap`.
    pub frames: Vec<Captured>,
    pub link: LinkType,
    /// Frames the kernel dropped before the capture could read them.
    pub dropped: u64,
}

impl Watch {
    /// Starts capturing on lo if this process may; otherwise the sentence that says why not.
    pub fn start() -> Result<Watch, String> {
        let Some(access) = private_net::ready() else {
            return Err(text::not_prepared());
        };
        match access {
            Access::Unavailable(refusal) => Err(text::refusal(refusal)),
            access => Recording::start("lo")
                .map(|recording| Watch {
                    recording,
                    started: now_ns(),
                })
                .map_err(|error| match (access, error) {
                    (Access::PrivateNetwork, LiveError::NoPermission) => {
                        text::refusal(&Refusal::CapabilitiesDenied {
                            apparmor_rule: std::fs::read_to_string(
                                "/proc/sys/kernel/apparmor_restrict_unprivileged_userns",
                            )
                            .is_ok_and(|t| t.trim() == "1"),
                        })
                    }
                    (_, error) => text::capture_failed(&error),
                }),
        }
    }

    /// A barrier after a call: returns once every packet sent so far has been captured.
    pub fn mark(&self) -> u64 {
        self.recording.mark()
    }

    /// Stops capturing; keeps the packets to or from `ports`, explained, with times counted
    /// from the start, each under the first mark taken after it was sent.
    /// With `with_link`, each view shows the Ethernet header too.
    pub fn finish(self, ports: &[u16], with_link: bool) -> Wire {
        self.finish_over(ports, None, with_link)
    }

    /// Like [`Watch::finish`] for a demo that used one transport alone: TCP and UDP port
    /// numbers are separate spaces, so another program's connection on the number of the
    /// demo's UDP port is not the demo's (seen while the test suite ran).
    pub fn finish_over(self, ports: &[u16], only: Option<Transport>, with_link: bool) -> Wire {
        let link = self.recording.link();
        let (recorded, dropped) = self.recording.finish();
        let explainer = Explainer::with_origin(with_link, self.started);
        let (under, frames) = place(recorded, link, ports, only, explainer);
        let mut wire = Wire {
            under,
            frames,
            link,
            dropped,
        };
        wire.align();
        wire
    }
}

/// The frames to or from `ports`, explained, each under the first mark recorded after it:
/// `under[k]` holds those between mark k-1 and mark k, the last slot those after the last mark.
fn place(
    recorded: Vec<Recorded>,
    link: LinkType,
    ports: &[u16],
    only: Option<Transport>,
    mut explainer: Explainer,
) -> (Vec<Vec<PacketView>>, Vec<Captured>) {
    let mut under: Vec<Vec<PacketView>> = vec![Vec::new()];
    let mut frames = Vec::new();
    for item in recorded {
        match item {
            Recorded::Mark(mark) => {
                // Packets after mark m belong to mark m+1; a mark the capture missed still
                // opens its slot. Marks are numbered by this process, one per call.
                let next = usize::try_from(mark).map_or(MAX_MARKS, |m| m.min(MAX_MARKS)) + 2;
                while under.len() < next {
                    under.push(Vec::new());
                }
            }
            Recorded::Frame(frame) => {
                let packet = decode(link, &frame.data);
                if !ports.iter().any(|&port| packet.involves_port(port)) {
                    continue;
                }
                let other_transport = matches!(
                    (only, &packet.body),
                    (Some(Transport::Tcp), decode::Body::Udp { .. })
                        | (Some(Transport::Udp), decode::Body::Tcp { .. })
                );
                if other_transport {
                    continue;
                }
                let view = explainer.view(frame.time_ns, &packet);
                if let Some(slot) = under.last_mut() {
                    slot.push(view);
                }
                frames.push(frame);
            }
        }
    }
    (under, frames)
}

impl Wire {
    /// Lines the packet lines of the whole demo up: every packet gets the column widths of
    /// all of them.
    fn align(&mut self) {
        let align = Align::over(self.under.iter().flatten());
        for view in self.under.iter_mut().flatten() {
            view.align = Some(align);
        }
    }

    /// The packets under mark `k` (sent after mark k-1, before mark k).
    pub fn before_mark(&self, k: u64) -> &[PacketView] {
        usize::try_from(k)
            .ok()
            .and_then(|k| self.under.get(k))
            .map_or(&[], Vec::as_slice)
    }

    /// For each of [`Wire::frames`], the mark it was placed under (see [`Wire::before_mark`]).
    pub fn frame_marks(&self) -> Vec<u64> {
        self.under
            .iter()
            .enumerate()
            .flat_map(|(mark, packets)| std::iter::repeat_n(mark as u64, packets.len()))
            .collect()
    }

    /// The packets sent after the last mark `last` (a connection's final ACK, say).
    pub fn after_mark(&self, last: u64) -> &[PacketView] {
        self.before_mark(last.saturating_add(1))
    }

    /// Every packet up to and after mark `last`, in order.
    pub fn into_packets(self, last: u64) -> Vec<PacketView> {
        let end = usize::try_from(last).map_or(usize::MAX, |l| l.saturating_add(2));
        self.under.into_iter().take(end).flatten().collect()
    }

    /// Names each packet's ends by role: the ports in `server_ports` are the server's, the
    /// others the client's.
    pub fn name_ends(&mut self, server_ports: &[u16]) {
        let port = |end: &str| {
            end.rsplit_once(':')
                .and_then(|(_, p)| p.parse::<u16>().ok())
        };
        for view in self.under.iter_mut().flatten() {
            let (Some(src), Some(dst)) = (port(&view.src), port(&view.dst)) else {
                continue;
            };
            let (from, to, direction) = if server_ports.contains(&src) {
                ("server", "client", text::SERVER_TO_CLIENT)
            } else if server_ports.contains(&dst) {
                ("client", "server", text::CLIENT_TO_SERVER)
            } else {
                continue;
            };
            view.ends = Some(format!("{from}:{src} → {to}:{dst}"));
            view.direction = Some(direction);
        }
        self.align();
    }

    /// Says how many unread bytes a reset threw away, where the demo knows it.
    pub fn explain_resets(&mut self, closer: text::Closer, unread: usize) {
        for view in self.under.iter_mut().flatten() {
            if view.flags.is_some_and(|f| f.has(TcpFlags::RST)) {
                view.explain = text::reset(closer, unread, &view.explain);
            }
        }
    }

    /// Says, under each data segment, that its payload is encrypted (an HTTPS demo).
    pub fn explain_encrypted(&mut self) {
        for view in self.under.iter_mut().flatten() {
            if view.proto == "tcp" && view.len > 0 {
                let record = view
                    .preview
                    .as_ref()
                    .and_then(|p| p.bytes().first().copied());
                view.explain.push_str(&text::tls_record(record));
            }
        }
    }

    /// Writes the packets shown to `file` as pcapng (nanosecond timestamps), which tcpdump
    /// and Wireshark read.
    pub fn write_pcap(&self, file: PcapFile) -> Result<(), crate::error::Error> {
        let PcapFile { file, path } = file;
        let failed = |error: io::Error| {
            crate::error::Error::Runtime(format!("--pcap {}: {error}", path_text(&path)))
        };
        let mut writer =
            crate::net::wire::file::PcapngWriter::new(BufWriter::new(file), self.link, 262_144)
                .map_err(failed)?;
        for frame in &self.frames {
            let len = u32::try_from(frame.data.len()).unwrap_or(u32::MAX);
            writer
                .write_packet(frame.time_ns, &frame.data, len)
                .map_err(failed)?;
        }
        writer.flush().map_err(failed)
    }
}

/// The file `--pcap` names, created before the demo runs so a path that cannot be written
/// fails at once, not after the demo.
pub struct PcapFile {
    file: File,
    path: std::path::PathBuf,
}

fn path_text(path: &Path) -> String {
    terminal_safe(&path.display().to_string()).into_owned()
}

impl PcapFile {
    pub fn create(path: Option<&Path>) -> Result<Option<PcapFile>, crate::error::Error> {
        let Some(path) = path else {
            return Ok(None);
        };
        File::create(path)
            .map(|file| {
                Some(PcapFile {
                    file,
                    path: path.to_path_buf(),
                })
            })
            .map_err(|error| {
                crate::error::Error::Usage(format!("--pcap {}: {error}", path_text(path)))
            })
    }
}

/// Writes `views` in the demo's format.
pub fn emit(
    views: &[PacketView],
    format: crate::output::Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    let width = crate::output::width::terminal_width();
    // The demo aligned its packets over all of them; packets from elsewhere, over these.
    let own = Align::over(views);
    for view in views {
        let layout = crate::app::wire::view::layout(view.align.unwrap_or(own));
        crate::app::wire::emit_packet(view, format, (width, layout), out)?;
    }
    Ok(())
}

/// The sentences of the demos' wire view (texts/*/wire.ftl).
pub mod text {
    use std::io;

    use crate::net::wire::live::LiveError;
    use crate::net::wire::private_net::Refusal;
    use crate::tr;

    /// Why the demo shows no packets, in plain words, with what would allow them.
    pub fn refusal(refusal: &Refusal) -> String {
        let why = match refusal {
            Refusal::UnshareRefused {
                sysctl_off: true, ..
            } => tr!("wire-why-sysctl-off"),
            Refusal::UnshareRefused { .. } => tr!("wire-why-unshare-refused"),
            Refusal::CapabilitiesDenied {
                apparmor_rule: true,
            } => tr!("wire-why-apparmor"),
            Refusal::CapabilitiesDenied { .. } => tr!("wire-why-no-capabilities"),
            Refusal::UnshareFailed(errno)
            | Refusal::MapRefused(errno)
            | Refusal::LoopbackDown(errno) => tr!(
                "wire-why-no-namespace",
                error = io::Error::from_raw_os_error(*errno).to_string()
            ),
            Refusal::Unsupported => tr!("wire-why-not-linux"),
        };
        tr!("wire-refusal", why = why)
    }

    /// A wire demo run inside another command (the tour, a glossary entry with other demos)
    /// by a user who is not root: the private namespace is made only at start.
    pub fn not_prepared() -> String {
        tr!("wire-not-prepared")
    }

    pub fn capture_failed(error: &LiveError) -> String {
        let cause = crate::app::wire::words::live_cause(crate::i18n::language(), error);
        tr!("wire-capture-failed", error = cause)
    }

    /// The direction of a demo's packet: a JSON value, the same in every language.
    pub const CLIENT_TO_SERVER: &str = "client → server";
    pub const SERVER_TO_CLIENT: &str = "server → client";

    /// Under an `accept()` that caused no packet.
    pub fn accept_sent_nothing() -> String {
        tr!("wire-accept-sent-nothing")
    }

    /// After a data segment of an HTTPS exchange, by the TLS record type its payload starts
    /// with.
    pub fn tls_record(content_type: Option<u8>) -> String {
        match content_type {
            Some(0x16) => tr!("wire-tls-handshake"),
            Some(0x14) => tr!("wire-tls-change-cipher-spec"),
            Some(0x17) => tr!("wire-tls-application-data"),
            Some(0x15) => tr!("wire-tls-alert"),
            _ => tr!("wire-tls-other"),
        }
    }

    /// Who closed a connection with data unread, for `reset`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Closer {
        Server,
        Client,
    }

    /// A reset's explanation when the demo knows how many bytes were left unread.
    pub fn reset(closer: Closer, unread: usize, explained: &str) -> String {
        let states = explained
            .split_once(" → ")
            .map(|(_, states)| format!(" → {states}"))
            .unwrap_or_default();
        let closer = match closer {
            Closer::Server => tr!("wire-who-server"),
            Closer::Client => tr!("wire-who-client"),
        };
        tr!(
            "wire-reset-unread",
            closer = closer,
            unread = crate::app::text::counted("count-bytes", unread as u64),
            states = states
        )
    }

    /// Above the packets of the HTTP demo.
    pub fn http_packets(packets: usize) -> String {
        tr!(
            "wire-http-packets",
            packets = crate::app::text::counted("count-packets", packets as u64)
        )
    }

    /// After the packets, when the kernel dropped some before the capture read them.
    pub fn dropped(dropped: u64) -> String {
        tr!(
            "wire-dropped",
            packets = crate::app::text::counted("count-packets", dropped)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use etherparse::PacketBuilder;

    fn frame(src: u16, dst: u16, time_ns: u64) -> Recorded {
        let mut data = Vec::new();
        PacketBuilder::ethernet2([0; 6], [0; 6])
            .ipv4([127, 0, 0, 1], [127, 0, 0, 1], 64)
            .tcp(src, dst, 1000, 65495)
            .syn()
            .write(&mut data, b"")
            .expect("write");
        Recorded::Frame(Captured { time_ns, data })
    }

    #[test]
    fn packets_land_under_the_first_mark_after_them() {
        let recorded = vec![
            frame(40000, 5008, 1),
            Recorded::Mark(0),
            // Another program's packet on lo: not the demo's.
            frame(40001, 6000, 2),
            Recorded::Mark(1),
            frame(5008, 40000, 3),
            // Mark 2 was never seen (its wait timed out); mark 3 still closes its slot.
            Recorded::Mark(3),
            frame(40000, 5008, 4),
        ];
        let (under, frames) = place(
            recorded,
            LinkType::Ethernet,
            &[5008],
            None,
            Explainer::with_origin(false, 0),
        );
        let counts: Vec<usize> = under.iter().map(Vec::len).collect();
        assert_eq!(counts, [1, 0, 1, 0, 1]);
        assert_eq!(frames.len(), 3);
        assert_eq!(under[2][0].src, "127.0.0.1:5008");
        let wire = Wire {
            under,
            frames,
            link: LinkType::Ethernet,
            dropped: 0,
        };
        assert_eq!(wire.before_mark(0).len(), 1);
        assert_eq!(wire.after_mark(3).len(), 1);
        assert!(wire.before_mark(99).is_empty());
        let mut wire = wire;
        wire.name_ends(&[5008]);
        assert_eq!(
            wire.before_mark(0)[0].ends.as_deref(),
            Some("client:40000 → server:5008")
        );
        assert_eq!(wire.before_mark(2)[0].direction, Some("server → client"));
        assert_eq!(wire.into_packets(3).len(), 3);
    }

    #[test]
    fn a_udp_demo_keeps_no_tcp_on_its_port_numbers() {
        let mut datagram = Vec::new();
        PacketBuilder::ethernet2([0; 6], [0; 6])
            .ipv4([127, 0, 0, 1], [127, 0, 0, 1], 64)
            .udp(40000, 5008)
            .write(&mut datagram, b"hello\n")
            .expect("write");
        let recorded = vec![
            // Another program's TCP connection on the number of the demo's UDP port.
            frame(40000, 6000, 1),
            Recorded::Frame(Captured {
                time_ns: 2,
                data: datagram,
            }),
        ];
        let keep = |only| {
            let explainer = Explainer::with_origin(false, 0);
            place(
                recorded.clone(),
                LinkType::Ethernet,
                &[40000, 5008],
                only,
                explainer,
            )
            .1
        };
        assert_eq!(keep(Some(Transport::Udp)).len(), 1);
        assert_eq!(keep(None).len(), 2);
    }
}
