//! What the demos' socket calls put on the wire: capture on `lo` (as root, or inside the
//! private network `main` entered), a barrier after each call so every packet lands under the
//! call that caused it, the packets explained, and the same packets written as pcapng.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::app::wire::{Explainer, PacketView};
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
            return Err(text::NOT_PREPARED.to_string());
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
        let link = self.recording.link();
        let (recorded, dropped) = self.recording.finish();
        let explainer = Explainer::with_origin(with_link, self.started);
        let (under, frames) = place(recorded, link, ports, explainer);
        Wire {
            under,
            frames,
            link,
            dropped,
        }
    }
}

/// The frames to or from `ports`, explained, each under the first mark recorded after it:
/// `under[k]` holds those between mark k-1 and mark k, the last slot those after the last mark.
fn place(
    recorded: Vec<Recorded>,
    link: LinkType,
    ports: &[u16],
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
    /// The packets under mark `k` (sent after mark k-1, before mark k).
    pub fn before_mark(&self, k: u64) -> &[PacketView] {
        usize::try_from(k)
            .ok()
            .and_then(|k| self.under.get(k))
            .map_or(&[], Vec::as_slice)
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
    }

    /// Says how many unread bytes a reset threw away, where the demo knows it.
    pub fn explain_resets(&mut self, closer: &str, unread: usize) {
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
                view.explain.push_str(text::tls_record(record));
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
    let fold = io::IsTerminal::is_terminal(&io::stdout());
    for view in views {
        crate::app::wire::emit_packet(view, format, (width, fold), out)?;
    }
    Ok(())
}

/// The sentences of the demos' wire view, in one place for translation.
pub mod text {
    use std::io;

    use crate::net::wire::live::LiveError;
    use crate::net::wire::private_net::Refusal;

    /// Why the demo shows no packets, in plain words, with what would allow them.
    pub fn refusal(refusal: &Refusal) -> String {
        let why = match refusal {
            Refusal::UnshareRefused {
                sysctl_off: true, ..
            } => "this kernel has unprivileged user namespaces switched off (sysctl \
                  kernel.unprivileged_userns_clone or user.max_user_namespaces is 0)"
                .to_string(),
            Refusal::UnshareRefused { .. } => "making a private network namespace was refused \
                 (EPERM): a container's seccomp profile, such as Docker's default, forbids it"
                .to_string(),
            Refusal::CapabilitiesDenied {
                apparmor_rule: true,
            } => "the private namespace was made but AppArmor withholds its capabilities \
                  (Ubuntu's kernel.apparmor_restrict_unprivileged_userns = 1)"
                .to_string(),
            Refusal::CapabilitiesDenied { .. } => {
                "the private namespace was made but gives no capabilities".to_string()
            }
            Refusal::UnshareFailed(errno)
            | Refusal::MapRefused(errno)
            | Refusal::LoopbackDown(errno) => {
                format!(
                    "no private network namespace: {}",
                    io::Error::from_raw_os_error(*errno)
                )
            }
            Refusal::Unsupported => "packet capture needs Linux".to_string(),
        };
        format!(
            "no packets this time: {why}. Run it with sudo to see them (root may capture on \
             lo); the socket calls below are the same either way"
        )
    }

    /// A wire demo run inside another command (the tour, a glossary entry with other demos)
    /// by a user who is not root: the private namespace is made only at start.
    pub const NOT_PREPARED: &str = "no packets this time: without root, packets are seen in a \
        private network namespace entered as netlearn starts, and this run did not start as \
        this demo; run the demo on its own (or with sudo) to see them";

    pub fn capture_failed(error: &LiveError) -> String {
        format!("no packets this time: capturing on lo failed: {error}")
    }

    pub const CLIENT_TO_SERVER: &str = "client → server";
    pub const SERVER_TO_CLIENT: &str = "server → client";

    /// Under an `accept()` that caused no packet.
    pub const ACCEPT_SENT_NOTHING: &str = "no packet under accept(): the kernel had finished \
        the three-way handshake before accept() was called (the packets are under connect()); \
        accept() only takes the ready connection off the listen queue";

    /// After a data segment of an HTTPS exchange, by the TLS record type its payload starts
    /// with.
    pub fn tls_record(content_type: Option<u8>) -> &'static str {
        match content_type {
            Some(0x16) => {
                "; a TLS handshake record: the hellos travel in the clear, the keys they agree \
                 encrypt everything after them"
            }
            Some(0x14) => {
                "; TLS change-cipher-spec and what follows: from here on the payload is \
                 encrypted"
            }
            Some(0x17) => {
                "; TLS application data: encrypted, only the two ends can read it (the HTTP \
                 request and response travel this way)"
            }
            Some(0x15) => "; a TLS alert (close_notify when a side is done), encrypted",
            _ => "; TLS records: the payload is encrypted, only the two ends can read it",
        }
    }

    /// A reset's explanation when the demo knows how many bytes were left unread.
    pub fn reset(closer: &str, unread: usize, explained: &str) -> String {
        let states = explained
            .split_once(" → ")
            .map(|(_, states)| format!(" → {states}"))
            .unwrap_or_default();
        format!(
            "reset: the {closer} closed with {} unread, so its kernel aborts the connection \
             instead of ending it with a FIN; the peer's next recv() fails with \
             ECONNRESET{states}",
            crate::output::words::count(unread as u64, "byte", "bytes")
        )
    }

    /// Above the packets of the HTTP demo.
    pub fn http_packets(count: usize) -> String {
        format!(
            "what travelled: {} on lo, in order — the three-way handshake of connect(), \
             the request's and the response's segments, each acknowledged, then the FINs of \
             close():",
            crate::output::words::count(count as u64, "packet", "packets")
        )
    }

    /// After the packets, when the kernel dropped some before the capture read them.
    pub fn dropped(dropped: u64) -> String {
        format!(
            "the capture missed {}: the kernel dropped them before netlearn could read them",
            crate::output::words::count(dropped, "packet", "packets")
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
}
