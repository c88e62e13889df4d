//! The echo demos' narrator: each [`Step`] of a script in the reader's language, and a demo's
//! log as records (a socket call or server event through the echo view, a step as a note).

use std::io::{self, Write};
use std::time::Duration;

use serde::Serialize;

use super::story::{Logged, Step};
use crate::app::echo::events::EventRecord;
use crate::app::echo::words::describe_wire;
use crate::net::echo::event::Role;
use crate::net::echo::framing::Framing;
use crate::output::Render;
use crate::output::width::{display_width, terminal_width, wrap_hanging};
use crate::tr;

/// A number of bytes with its noun, in the reader's language: "1 byte", "6 bytes", "6 バイト".
fn bytes(n: usize) -> String {
    crate::app::text::counted("count-bytes", n as u64)
}

/// What a framing means for the reader, in one sentence.
pub fn framing_story(framing: Framing) -> String {
    match framing {
        Framing::Line => tr!("echo-story-line"),
        Framing::Length => tr!("echo-story-length"),
        Framing::Fixed(size) => tr!("echo-story-fixed", size = bytes(size)),
        Framing::Raw => tr!("echo-story-raw"),
    }
}

/// Seconds with one decimal, as the demos print them.
fn seconds(duration: Duration) -> String {
    format!("{:.1}", duration.as_secs_f64())
}

/// Milliseconds, whole.
fn millis(duration: Duration) -> String {
    format!("{:.0}", duration.as_secs_f64() * 1000.0)
}

/// A step of a demo in the reader's language.
pub fn step_text(step: &Step) -> String {
    match step {
        Step::TcpServer { server, framing } => tr!(
            "echo-demo-server-tcp",
            server = server.to_string(),
            story = framing_story(*framing)
        ),
        Step::UdpServer { server } => tr!("echo-demo-server-udp", server = server.to_string()),
        Step::ClientsAtOnce { clients } => tr!("echo-demo-clients-at-once", clients = *clients),
        Step::Sending { wire } => tr!(
            "echo-demo-sending",
            bytes = bytes(wire.len()),
            wire = describe_wire(wire)
        ),
        Step::WriteSideClosed => tr!("echo-demo-write-side-closed"),
        Step::Verified { bytes: count } => tr!("echo-demo-verified", bytes = bytes(*count)),
        Step::SendingDatagram { wire } => tr!(
            "echo-demo-sending-datagram",
            bytes = bytes(wire.len()),
            wire = describe_wire(wire)
        ),
        Step::VerifiedDatagram { bytes: count } => {
            tr!("echo-demo-verified-datagram", bytes = bytes(*count))
        }
        Step::ResetServer { server } => tr!("demo-reset-server", server = server.to_string()),
        Step::ResetSending { wire } => tr!(
            "demo-reset-sending",
            bytes = bytes(wire.len()),
            wire = describe_wire(wire)
        ),
        Step::ResetClosed { unread } => tr!("demo-reset-closed", bytes = bytes(*unread)),
        Step::ResetRecvFails => tr!("demo-reset-recv-fails"),
        Step::UnixServer {
            path,
            proto,
            framing,
        } => tr!(
            "unix-server",
            path = path.display().to_string(),
            proto = proto.to_string(),
            story = framing_story(*framing),
        ),
        Step::UnixPermissions { mode, uid } => tr!(
            "unix-permissions",
            mode = format!("{mode:04o}"),
            uid = uid.to_string(),
        ),
        Step::UnixCannotExamine { error } => {
            tr!("unix-cannot-examine", error = error.to_string())
        }
        Step::UnixRemoved { gone } => {
            tr!("unix-removed", gone = if *gone { "yes" } else { "no" })
        }
        Step::UnixPeer => tr!("unix-peer"),
        Step::UnixVerified { bytes: count } => tr!("unix-verified", bytes = bytes(*count)),
        Step::UnixDgramOwnFile => tr!("unix-dgram-own-file"),
        Step::UnixDgramVerified { bytes: count } => {
            tr!("unix-dgram-verified", bytes = bytes(*count))
        }
        Step::UnixSocketpair => tr!("unix-socketpair"),
        Step::UnixSocketpairReceived { wire } => tr!(
            "unix-socketpair-received",
            bytes = bytes(wire.len()),
            wire = describe_wire(wire),
        ),
        Step::VanishServer {
            server,
            idle,
            keepalive,
        } => tr!(
            "vanish-server",
            server = server.to_string(),
            seconds = seconds(*idle),
            keepalive = if *keepalive { "yes" } else { "no" },
        ),
        Step::VanishPolite => tr!("vanish-polite"),
        Step::VanishFin => tr!("vanish-fin"),
        Step::VanishFrozenIntro => tr!("vanish-frozen-intro"),
        Step::VanishFrozen => tr!("vanish-frozen"),
        Step::VanishWaiting { waited, idle } => tr!(
            "vanish-waiting",
            waited = seconds(*waited),
            seconds = seconds(*idle),
        ),
        Step::VanishKeepalive => tr!("vanish-keepalive"),
        Step::VanishForever => tr!("vanish-forever"),
        Step::NonblockingServer { server, delay } => tr!(
            "demo-nb-server",
            server = server.to_string(),
            delay_ms = delay.as_millis().to_string()
        ),
        Step::NonblockingSet => tr!("demo-nb-nonblocking"),
        Step::ConnectInProgress => tr!("demo-nb-in-progress"),
        Step::Connected => tr!("demo-nb-connected"),
        Step::WouldBlock { took } => tr!(
            "demo-nb-would-block",
            us = format!("{:.0}", took.as_secs_f64() * 1e6)
        ),
        Step::Polled { waited, wire } => tr!(
            "demo-nb-polled",
            ms = millis(*waited),
            wire = describe_wire(wire)
        ),
        Step::BlockingSocket => tr!("demo-nb-blocking"),
        Step::StoodStill { waited } => tr!("demo-nb-stood-still", ms = millis(*waited)),
    }
}

/// A line of narration that is not a socket call: a step, or something the demo's view says
/// (why no packets are shown). JSON: `{"event": "note", "role": ..., "message": ...}`.
#[derive(Serialize)]
pub struct NoteRecord {
    event: &'static str,
    role: Role,
    #[serde(serialize_with = "crate::app::echo::events::plain_spaces")]
    message: String,
}

impl NoteRecord {
    pub fn new(role: Role, message: String) -> NoteRecord {
        NoteRecord {
            event: "note",
            role,
            message,
        }
    }

    /// The note under its side's tag, wrapped to `width` (later lines indented).
    fn text_at(&self, width: usize) -> String {
        let who = crate::app::echo::events::tag_in(crate::i18n::language(), self.role, None);
        let indent = " ".repeat(display_width(&who) + 3);
        wrap_hanging(&format!("{who} {}", self.message), &indent, width)
    }
}

impl Render for NoteRecord {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", self.text_at(terminal_width()))
    }
}

/// Writes one record of a demo's log in `format`.
pub fn write_logged(
    logged: &Logged,
    format: crate::output::Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    match logged {
        Logged::Event { event, .. } => {
            crate::output::write_record(&EventRecord(event), format, out)
        }
        Logged::Step { role, step } => {
            crate::output::write_record(&NoteRecord::new(*role, step_text(step)), format, out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_worded_in_the_readers_language() {
        let sending = Step::Sending {
            wire: b"hi\n".to_vec(),
        };
        assert_eq!(step_text(&sending), "sending 3\u{a0}bytes: 68 69 0a |hi.|");
        let one = Step::Sending {
            wire: b"x".to_vec(),
        };
        assert_eq!(step_text(&one), "sending 1\u{a0}byte: 78 |x|");
        assert_eq!(
            step_text(&Step::Verified { bytes: 1 }),
            "echo verified: 1\u{a0}byte, byte for byte"
        );
        assert_eq!(
            step_text(&Step::UnixDgramVerified { bytes: 1 })
                .split(',')
                .next(),
            Some("echo verified: one datagram of 1\u{a0}byte")
        );
        let waiting = Step::VanishWaiting {
            waited: Duration::from_millis(1500),
            idle: Duration::from_secs(3),
        };
        assert!(
            crate::output::spaces::plain(&step_text(&waiting)).contains("1.5 s"),
            "{}",
            step_text(&waiting)
        );
    }

    #[test]
    fn a_long_note_wraps_to_the_width_under_its_tag() {
        let note = NoteRecord::new(
            Role::Client,
            "sending 33\u{a0}bytes: 00 00 00 1d 68 65 6c 6c 6f 20 74 68 65 72 65 2c 20 61 20 6c 6f \
             6e 67 65 72 |....hello there, a longer|"
                .to_string(),
        );
        let text = note.text_at(50);
        assert!(text.lines().all(|line| display_width(line) <= 50), "{text}");
        assert!(
            text.starts_with("[client] sending 33\u{a0}bytes: 00"),
            "{text}"
        );
    }
}
