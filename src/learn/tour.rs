//! `netlearn tour`: the article walked through on this machine, section by section, each
//! section a few words and netlearn commands run live.

use std::io::{self, BufRead, IsTerminal};
use std::process::ExitCode;

use serde::Serialize;

use crate::cli::TourArgs;
use crate::learn::live::{self, CapturedRun};
use crate::net::iface::{self, AddressScope};
use crate::output::Format;
use crate::output::sink::{ErrStream, Sink};

/// One stop of the tour.
pub struct Section {
    pub title: &'static str,
    pub text: &'static str,
    pub commands: &'static [&'static [&'static str]],
    /// Its commands talk to a server on 127.0.0.1, so they need a working loopback.
    pub needs_loopback: bool,
}

/// The fixed part of the tour; the host's own subnet is added at run time.
pub const SECTIONS: &[Section] = &[
    Section {
        title: "1. Your echo server, done right",
        text: "The article's server binds 127.0.0.1:5008, listens, accepts one client and echoes \
            what recv() returns. Here the same calls run for real on a free port, server and \
            client in one process: every line is one socket call (with its Python spelling), and \
            the bytes on the wire are shown with their framing (a newline ends each message).",
        commands: &[&["echo", "demo", "hello from the tour"]],
        needs_loopback: true,
    },
    Section {
        title: "2. Half-close: \"I am done sending\"",
        text: "shutdown(SHUT_WR) closes only the client's sending side. The server's recv() \
            returns 0 bytes (end of stream), yet it still sends the echo back: that is how an \
            HTTP client says its request is complete.",
        commands: &[&["echo", "demo", "--half-close", "last words"]],
        needs_loopback: true,
    },
    Section {
        title: "3. TCP and UDP",
        text: "The same echo over UDP: no connect, listen or accept, and each datagram is one \
            whole message, so it needs no framing (and gets no retransmission).",
        commands: &[&["echo", "demo", "--udp", "one datagram"]],
        needs_loopback: true,
    },
    Section {
        title: "4. Blocking vs non-blocking",
        text: "A blocking recv() stops the program until data comes. Set the socket \
            non-blocking (s.setblocking(False)) and recv() returns at once with EWOULDBLOCK \
            (Python's BlockingIOError) when nothing is there yet; select/poll then waits until \
            the socket is ready. The demo's server answers after 100 ms, so both are seen.",
        commands: &[&["echo", "demo", "--nonblocking", "--delay", "100ms"]],
        needs_loopback: true,
    },
    Section {
        title: "5. Loopback: where 127.0.0.1 lives",
        text: "Everything so far went over the loopback interface, which never leaves this \
            machine.",
        commands: &[&["ifaces", "--loopback"]],
        needs_loopback: false,
    },
    Section {
        title: "6. This machine on its network",
        text: "Every interface with its addresses. The MAC address and MTU are the Ethernet \
            (link layer) part; each address/prefix names the subnet it sits in.",
        commands: &[&["ifaces"]],
        needs_loopback: false,
    },
    Section {
        title: "7. The default gateway",
        text: "Packets for any other network go to the default gateway, a router on one of \
            these subnets.",
        commands: &[&["gateway"]],
        needs_loopback: false,
    },
    Section {
        title: "8. localhost, resolved the way programs do",
        text: "Before DNS, your system checks the hosts file; RFC 6761 makes localhost mean \
            loopback everywhere, so it resolves with no network at all.",
        commands: &[&["dns", "localhost", "--system"]],
        needs_loopback: false,
    },
    Section {
        title: "9. HTTP: the article's request, on your own machine",
        text: "The article sends a request to python.org over a raw socket, calls \
            shutdown(SHUT_WR) and reads the answer to the end. Here the same exchange runs \
            against a small web server on 127.0.0.1: the request bytes (>), the response (<), \
            how its body is framed, and the server's side of it.",
        commands: &[&["http", "demo", "--half-close"]],
        needs_loopback: true,
    },
    Section {
        title: "10. The addresses you saw",
        text: "127.0.0.1 and ::1 explained: which special-purpose block each belongs to and \
            what its forms are.",
        commands: &[&["ip", "127.0.0.1"], &["ip", "::1"]],
        needs_loopback: false,
    },
];

const NEXT_STEPS: &str = "Next: `netlearn explain` lists every term with its own live demo; \
`netlearn echo serve` and `netlearn echo client` are the article's programs done right; \
`netlearn cidr`, `netlearn dns` and `netlearn ip` are tools worth keeping.";

/// This host's first non-loopback IPv4 (else IPv6) address as `cidr ADDR/PREFIX`, or why none.
fn own_subnet_command() -> Result<Vec<String>, &'static str> {
    let snapshot = iface::snapshot();
    let addresses: Vec<_> = snapshot
        .interfaces
        .iter()
        .filter(|i| !i.loopback)
        .flat_map(|i| &i.addresses)
        .filter(|a| a.scope != AddressScope::LinkLocal && a.scope != AddressScope::Loopback)
        .collect();
    let chosen = addresses
        .iter()
        .find(|a| a.addr.is_ipv4())
        .or_else(|| addresses.first());
    match chosen {
        Some(a) => Ok(vec!["cidr".into(), format!("{}/{}", a.addr, a.prefix)]),
        None => Err(
            "This machine has no address besides loopback (no network attached), so it \
            has no subnet of its own: it can still talk to itself, as the echo demo did.",
        ),
    }
}

#[derive(Serialize)]
struct SectionRecord<'a> {
    section: &'a str,
    text: String,
    runs: Vec<CapturedRun>,
    /// Why the section's commands were not run (loopback down), when they were not.
    #[serde(skip_serializing_if = "Option::is_none")]
    skipped: Option<&'a str>,
}

fn wait_for_enter(err: &ErrStream) -> io::Result<()> {
    if !io::stdin().is_terminal() {
        return Ok(());
    }
    err.write_text("-- press Enter for the next section --");
    let mut line = String::new();
    io::stdin().lock().read_line(&mut line)?;
    Ok(())
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn run(args: &TourArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let err = sink.err();
    let (format, out) = sink.parts();
    let own_subnet = own_subnet_command();
    // Checked once, up front: with loopback down every demo would fail the same way, and the
    // reader should hear why once, in plain words, then see the sections that still work.
    let loopback = live::loopback_problem();
    let mut said_loopback = false;
    let mut all_ok = true;
    for (n, section) in SECTIONS.iter().enumerate() {
        let mut commands: Vec<Vec<String>> = section
            .commands
            .iter()
            .map(|c| c.iter().map(|s| s.to_string()).collect())
            .collect();
        let mut text = flat(section.text);
        if section.title.starts_with("5.") {
            match &own_subnet {
                Ok(command) => {
                    text.push_str(
                        " Then this host's own subnet, worked out like a subnet calculator:",
                    );
                    commands.push(command.clone());
                }
                Err(why) => text.push_str(&format!(" {}", flat(why))),
            }
        }
        let skipped = loopback.as_deref().filter(|_| section.needs_loopback);
        if skipped.is_some() {
            commands.clear();
        }
        match format {
            Format::Json => {
                let runs = commands
                    .iter()
                    .map(|c| live::capture(&c.iter().map(String::as_str).collect::<Vec<_>>()))
                    .collect::<Vec<_>>();
                all_ok &= runs.iter().all(|r| r.ok);
                crate::output::json_line(
                    &SectionRecord {
                        section: section.title,
                        text,
                        runs,
                        skipped,
                    },
                    out,
                )?;
            }
            Format::Table => {
                if n > 0 {
                    writeln!(out)?;
                }
                writeln!(out, "== {} ==\n", section.title)?;
                writeln!(
                    out,
                    "{}\n",
                    crate::output::wrap(&text, "", crate::output::prose_width())
                )?;
                if let Some(why) = skipped {
                    let skip = if said_loopback {
                        "(not run here: loopback is down, as said above.)".to_string()
                    } else {
                        format!("(not run here: {why}.)")
                    };
                    said_loopback = true;
                    writeln!(
                        out,
                        "{}",
                        crate::output::wrap(&skip, "", crate::output::prose_width())
                    )?;
                }
                for command in &commands {
                    let words: Vec<&str> = command.iter().map(String::as_str).collect();
                    writeln!(out, "$ {}", live::shell_words(&words))?;
                    out.flush()?;
                    match live::run(&words, format, out, err.clone()) {
                        Ok(code) if code == ExitCode::SUCCESS => {}
                        Ok(_) => all_ok = false,
                        Err(error) => {
                            all_ok = false;
                            writeln!(out, "(this step could not run here: {error:#})")?;
                        }
                    }
                }
                out.flush()?;
                if args.step && n + 1 < SECTIONS.len() {
                    wait_for_enter(&err)?;
                }
            }
        }
    }
    if format == Format::Table {
        writeln!(
            out,
            "\n{}",
            crate::output::wrap(NEXT_STEPS, "", crate::output::prose_width())
        )?;
    }
    Ok(if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
