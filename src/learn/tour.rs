//! `netlearn tour`: the article walked through on this machine, section by section, each
//! section a few words and netlearn commands run live.

use std::io::{self, BufRead};
use std::process::ExitCode;

use serde::Serialize;

use crate::cli::TourArgs;
use crate::i18n;
use crate::learn::live::{self, CapturedRun};
use crate::net::iface::{self, AddressScope};
use crate::output::Format;
use crate::output::screen::Screen;
use crate::output::sink::{ErrStream, Sink};
use crate::tr;

/// One stop of the tour; its title and text are the message `tour-<id>` and its `.text`.
pub struct Section {
    pub id: &'static str,
    pub commands: &'static [&'static [&'static str]],
    /// The message its echo demos send, in the reader's language: the id of a text added as
    /// the last argument of each command.
    pub message: Option<&'static str>,
    /// Its commands talk to a server on 127.0.0.1, so they need a working loopback.
    pub needs_loopback: bool,
}

/// The fixed part of the tour; the host's own subnet is added at run time.
pub const SECTIONS: &[Section] = &[
    Section {
        id: "echo",
        commands: &[&["echo", "demo"]],
        message: Some("tour-message-echo"),
        needs_loopback: true,
    },
    Section {
        id: "half-close",
        commands: &[&["echo", "demo", "--half-close"]],
        message: Some("tour-message-half-close"),
        needs_loopback: true,
    },
    Section {
        id: "udp",
        commands: &[&["echo", "demo", "--udp"]],
        message: Some("tour-message-udp"),
        needs_loopback: true,
    },
    Section {
        id: "blocking",
        commands: &[&["echo", "demo", "--nonblocking", "--delay", "100ms"]],
        message: None,
        needs_loopback: true,
    },
    Section {
        id: "loopback",
        commands: &[&["ifaces", "--loopback"]],
        message: None,
        needs_loopback: false,
    },
    Section {
        id: "interfaces",
        commands: &[&["ifaces"]],
        message: None,
        needs_loopback: false,
    },
    Section {
        id: "gateway",
        commands: &[&["gateway"]],
        message: None,
        needs_loopback: false,
    },
    Section {
        id: "localhost",
        commands: &[&["dns", "localhost", "--system"]],
        message: None,
        needs_loopback: false,
    },
    Section {
        id: "http",
        commands: &[&["http", "demo", "--half-close"]],
        message: None,
        needs_loopback: true,
    },
    Section {
        id: "addresses",
        commands: &[&["ip", "127.0.0.1"], &["ip", "::1"]],
        message: None,
        needs_loopback: false,
    },
    Section {
        id: "wire",
        commands: &[&["echo", "demo", "--wire", "--half-close"]],
        message: Some("tour-message-half-close"),
        needs_loopback: true,
    },
    Section {
        id: "lab",
        commands: &[
            &["lab", "ping", "h1", "h2", "--count", "1"],
            &["lab", "trace", "h1", "h2"],
        ],
        message: None,
        needs_loopback: false,
    },
];

impl Section {
    /// The title with its number: `n` is the section's place in [`SECTIONS`] (from 0). The
    /// texts hold titles without numbers, so a new stop needs no renumbering.
    pub fn title(&self, n: usize) -> String {
        format!("{}. {}", n + 1, tr!(&format!("tour-{}", self.id)))
    }

    pub fn text(&self) -> String {
        i18n::lookup_in(
            i18n::language(),
            &format!("tour-{}", self.id),
            Some("text"),
            None,
        )
    }
}

/// This host's first non-loopback IPv4 (else IPv6) address as `cidr ADDR/PREFIX`, or why none.
fn own_subnet_command() -> Result<Vec<String>, String> {
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
        None => Err(tr!("tour-no-subnet")),
    }
}

#[derive(Serialize)]
struct SectionRecord<'a> {
    section: String,
    text: String,
    runs: Vec<CapturedRun>,
    /// Why the section's commands were not run (loopback down), when they were not.
    #[serde(skip_serializing_if = "Option::is_none")]
    skipped: Option<&'a str>,
}

fn wait_for_enter(err: &ErrStream, screen: Screen) -> io::Result<()> {
    if !screen.prompts {
        return Ok(());
    }
    err.write_text(&tr!("tour-press-enter"));
    let mut line = String::new();
    io::stdin().lock().read_line(&mut line)?;
    Ok(())
}

pub fn run(args: &TourArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let err = sink.err();
    let screen = sink.screen();
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
            .map(|c| {
                let mut words: Vec<String> = c.iter().map(|s| s.to_string()).collect();
                words.extend(section.message.map(|id| tr!(id)));
                words
            })
            .collect();
        let mut text = section.text();
        if section.id == "interfaces" {
            let more = match &own_subnet {
                Ok(command) => {
                    commands.push(command.clone());
                    tr!("tour-own-subnet")
                }
                Err(why) => why.clone(),
            };
            text = i18n::join_sentences(&text, &more);
        }
        let lab_missing = if section.id == "lab" {
            crate::app::lab::unavailable()
        } else {
            None
        };
        let skipped = loopback
            .as_deref()
            .filter(|_| section.needs_loopback)
            .or(lab_missing.as_deref());
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
                        section: section.title(n),
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
                writeln!(out, "== {} ==\n", section.title(n))?;
                writeln!(
                    out,
                    "{}\n",
                    crate::output::wrap(&text, "", crate::output::prose_width())
                )?;
                if let Some(why) = skipped {
                    let skip = if said_loopback && lab_missing.is_none() {
                        tr!("tour-not-run-again")
                    } else {
                        tr!("tour-not-run", why = why)
                    };
                    said_loopback |= lab_missing.is_none();
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
                            let error = format!("{error:#}");
                            let failed = tr!("tour-step-failed", error = error);
                            writeln!(
                                out,
                                "{}",
                                crate::output::wrap(&failed, "", crate::output::prose_width())
                            )?;
                        }
                    }
                }
                out.flush()?;
                if args.step && n + 1 < SECTIONS.len() {
                    wait_for_enter(&err, screen)?;
                }
            }
        }
    }
    if format == Format::Table {
        writeln!(
            out,
            "\n{}",
            crate::output::wrap(&tr!("tour-next"), "", crate::output::prose_width())
        )?;
    }
    // Every section was shown: a demo that failed makes the tour's verdict "no".
    Ok(sink.verdict(all_ok))
}
