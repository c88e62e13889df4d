//! How one HTTP exchange looks: `curl -v`-style lines for people, or structured JSON.

use crate::tr;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;

use crate::net::http::client::Exchange;
use crate::net::http::wire::{BodyFraming, ResponseHead};
use crate::output::Render;
use crate::output::escape::{terminal_safe, terminal_safe_multiline};

use super::words::verification_text;

/// Body bytes shown unless --body.
pub const BODY_PREVIEW: usize = 2048;

#[derive(Serialize)]
pub struct ExchangeReport {
    #[serde(flatten, serialize_with = "super::json::exchange_fields")]
    pub exchange: Exchange,
    /// The body as text when it is UTF-8 (the first 2 KiB unless --body).
    pub body_text: Option<String>,
    pub body_truncated: bool,
    #[serde(skip)]
    pub whole_body: bool,
    /// The text view goes to a terminal: the body is escaped there (what came from the
    /// network must not drive the terminal); piped, it stays byte-exact.
    #[serde(skip)]
    pub terminal: bool,
    /// Lines are laid out for a width (a terminal, or COLUMNS): a preview's long lines fold.
    #[serde(skip)]
    pub fits_width: bool,
}

impl ExchangeReport {
    pub fn new(exchange: Exchange, whole_body: bool) -> ExchangeReport {
        let shown = if whole_body {
            &exchange.body[..]
        } else {
            &exchange.body[..exchange.body.len().min(BODY_PREVIEW)]
        };
        // A cut may fall inside a UTF-8 sequence: keep the valid prefix.
        let body_text = match std::str::from_utf8(shown) {
            Ok(text) => Some(text.to_string()),
            Err(error) if error.error_len().is_none() => {
                Some(String::from_utf8_lossy(&shown[..error.valid_up_to()]).into_owned())
            }
            Err(_) => None,
        };
        ExchangeReport {
            body_truncated: shown.len() < exchange.body.len(),
            exchange,
            body_text,
            whole_body,
            terminal: crate::output::screen::screen().on_terminal,
            fits_width: crate::output::screen::screen().fits_width,
        }
    }

    /// Overrides whether the text view goes to a terminal.
    pub fn on_terminal(mut self, terminal: bool) -> ExchangeReport {
        self.terminal = terminal;
        self.fits_width = terminal;
        self
    }
}

/// Body text for a terminal: line breaks and tabs kept, every other control character and
/// bidi override escaped. A CR is escaped (it lets one line overwrite another) except in a
/// CRLF line end, where it cannot hide anything.
fn text_for_terminal(text: &str) -> Cow<'_, str> {
    let lines: Vec<Cow<'_, str>> = text.split("\r\n").map(terminal_safe_multiline).collect();
    if lines.iter().all(|line| matches!(line, Cow::Borrowed(_))) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(lines.join("\r\n"))
}

/// Body bytes for a terminal: [`text_for_terminal`], and each invalid UTF-8 byte as `\xNN`.
fn bytes_for_terminal(bytes: &[u8]) -> Cow<'_, str> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text_for_terminal(text);
    }
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(&text_for_terminal(chunk.valid()));
        for byte in chunk.invalid() {
            let _ = write!(out, "\\x{byte:02x}");
        }
    }
    Cow::Owned(out)
}

fn framing_text(exchange: &Exchange) -> String {
    match exchange.framing {
        BodyFraming::None => tr!("demo-http-body-none"),
        BodyFraming::ContentLength(n) => tr!(
            "demo-http-body-length",
            bytes = crate::app::text::counted("count-bytes", n)
        ),
        BodyFraming::Chunked => {
            let sizes: Vec<String> = exchange.chunk_sizes.iter().map(|s| s.to_string()).collect();
            let listed = if exchange.chunk_count > sizes.len() {
                tr!("http-get-chunks-listed", count = sizes.len())
            } else {
                String::new()
            };
            tr!(
                "http-get-chunked",
                bytes = exchange.body_bytes,
                chunks = exchange.chunk_count.max(sizes.len()),
                sizes = sizes.join(", "),
                listed = listed
            )
        }
        BodyFraming::UntilClose => tr!(
            "demo-http-body-until-close",
            bytes = crate::app::text::counted("count-bytes", exchange.body_bytes as u64)
        ),
    }
}

fn ms(value: f64) -> String {
    tr!("http-ms", ms = format!("{value:.2}"))
}

/// Writes a response head's lines (`< …`), escaped: they came from the network.
fn write_head(out: &mut dyn Write, head: &ResponseHead) -> io::Result<()> {
    writeln!(
        out,
        "< {} {} {}",
        head.version,
        head.status,
        terminal_safe(&head.reason)
    )?;
    for (name, value) in &head.headers {
        writeln!(out, "< {}: {}", terminal_safe(name), terminal_safe(value))?;
    }
    Ok(())
}

impl ExchangeReport {
    fn write_body(&self, out: &mut dyn Write) -> io::Result<()> {
        let e = &self.exchange;
        let text: Cow<'_, str> = match (&self.body_text, self.whole_body) {
            (_, true) if !self.terminal => {
                crate::output::spaces::verbatim(|| out.write_all(&e.body))?;
                if !e.body.ends_with(b"\n") && !e.body.is_empty() {
                    writeln!(out)?;
                }
                return Ok(());
            }
            (Some(_), true) => bytes_for_terminal(&e.body),
            (Some(text), false) if self.terminal => text_for_terminal(text),
            (Some(text), false) => Cow::Borrowed(text),
            (None, _) => {
                let note = if self.whole_body {
                    tr!("http-get-binary-not-terminal")
                } else {
                    tr!("http-get-binary-body-flag")
                };
                let said = tr!("http-get-binary", bytes = e.body_bytes, note = note);
                return writeln!(out, "* {said}");
            }
        };
        if (self.terminal || self.fits_width) && !self.whole_body {
            // A preview is for reading: long lines are folded to the terminal at spaces.
            let width = crate::output::width::terminal_width();
            for piece in text.split_inclusive('\n') {
                let line = piece.trim_end_matches(['\r', '\n']);
                let ending = &piece[line.len()..];
                if crate::output::width::display_width(line) > width {
                    let folded = crate::output::width::wrap_hanging(line, "", width);
                    write!(out, "{folded}{ending}")?;
                } else {
                    write!(out, "{piece}")?;
                }
            }
            if !text.ends_with('\n') && !text.is_empty() {
                writeln!(out)?;
            }
        } else {
            write!(out, "{text}")?;
            if !text.ends_with('\n') && !text.is_empty() {
                writeln!(out)?;
            }
        }
        if self.body_truncated {
            star_line(
                out,
                &format!(
                    "* {}",
                    tr!(
                        "http-get-more",
                        bytes = e.body_bytes - BODY_PREVIEW.min(e.body_bytes)
                    )
                ),
            )?;
        }
        if self.terminal && matches!(text, Cow::Owned(_)) {
            star_line(out, &format!("* {}", tr!("http-get-escaped")))?;
        }
        Ok(())
    }
}

impl Render for ExchangeReport {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        let e = &self.exchange;
        if let Some(dns) = e.timings.dns_ms {
            let addresses: Vec<String> = e.resolved.iter().map(|a| a.to_string()).collect();
            star_line(
                out,
                &format!(
                    "* {}",
                    tr!(
                        "http-get-resolved",
                        addresses = addresses.join(", "),
                        ms = ms(dns)
                    )
                ),
            )?;
        }
        star_line(
            out,
            &format!(
                "* {}",
                tr!(
                    "demo-http-connected",
                    peer = e.peer.to_string(),
                    local = e.local.to_string(),
                    ms = ms(e.timings.connect_ms)
                )
            ),
        )?;
        if let Some(tls) = &e.tls {
            star_line(
                out,
                &format!(
                    "* {}",
                    tr!(
                        "http-get-tls",
                        version = tls.version.as_str(),
                        suite = tls.cipher_suite.as_str(),
                        alpn = match tls.alpn.as_deref() {
                            Some(alpn) => terminal_safe(alpn).into_owned(),
                            None => tr!("http-get-alpn-none"),
                        },
                        ms = ms(e.timings.tls_ms.unwrap_or_default())
                    )
                ),
            )?;
            // Certificates are written by whoever made them: their names are network text.
            for (n, cert) in tls.chain.iter().enumerate() {
                let role = if n == 0 {
                    tr!("http-get-cert-server")
                } else {
                    tr!("http-get-cert-chain")
                };
                let said = tr!(
                    "http-get-cert",
                    n = n + 1,
                    role = role,
                    subject = terminal_safe(&cert.subject).into_owned()
                );
                star_line(out, &format!("*   {said}"))?;
                let issuer = terminal_safe(&cert.issuer).into_owned();
                let said = tr!("http-get-cert-issuer", issuer = issuer);
                star_line(out, &format!("*     {said}"))?;
                if !cert.names.is_empty() {
                    let names = terminal_safe(&cert.names.join(", ")).into_owned();
                    let said = tr!("http-get-cert-names", names = names);
                    star_line(out, &format!("*     {said}"))?;
                }
                let said = tr!(
                    "http-get-cert-valid",
                    from = iso_date(cert.not_before.timestamp()),
                    until = iso_date(cert.not_after.timestamp())
                );
                star_line(out, &format!("*     {said}"))?;
            }
            star_line(
                out,
                &format!(
                    "* {}",
                    terminal_safe(&verification_text(
                        crate::i18n::language(),
                        &tls.verification
                    ))
                ),
            )?;
        }
        for line in e.request_text.split("\r\n").take_while(|l| !l.is_empty()) {
            writeln!(out, "> {}", terminal_safe(line))?;
        }
        writeln!(out, ">")?;
        if e.half_closed {
            star_line(out, &format!("* {}", tr!("demo-http-half-closed")))?;
        }
        for interim in &e.informational {
            write_head(out, interim)?;
            star_line(
                out,
                &format!(
                    "* {}",
                    tr!("http-get-interim", status = interim.status.to_string())
                ),
            )?;
        }
        write_head(out, &e.head)?;
        writeln!(out, "<")?;
        self.write_body(out)?;
        star_line(
            out,
            &format!("* {}", tr!("demo-http-body", framing = framing_text(e))),
        )?;
        let t = &e.timings;
        let mut phases = Vec::new();
        if let Some(dns) = t.dns_ms {
            phases.push(tr!("http-get-phase-dns", ms = ms(dns)));
        }
        phases.push(tr!("http-get-phase-connect", ms = ms(t.connect_ms)));
        if let Some(tls) = t.tls_ms {
            phases.push(tr!("http-get-phase-tls", ms = ms(tls)));
        }
        phases.push(tr!("demo-http-first-byte", ms = ms(t.first_byte_ms)));
        phases.push(tr!("demo-http-total", ms = ms(t.total_ms)));
        star_line(
            out,
            &format!(
                "* {}",
                tr!("demo-http-timings", phases = phases.join(" · "))
            ),
        )
    }
}

/// A certificate's time as ISO 8601 writes it, in UTC, the same in every language:
/// `1975-01-01 00:00:00 UTC` (OpenSSL's `Jan  1 00:00:00 1975 +00:00` is English; the JSON
/// keeps it).
fn iso_date(timestamp: i64) -> String {
    let days = timestamp.div_euclid(86_400);
    let seconds = timestamp.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days: the proleptic Gregorian date of a day number.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}\u{a0}UTC",
        seconds / 3600,
        seconds % 3600 / 60,
        seconds % 60
    )
}

/// A `* ` line of the exchange's narration, wrapped to the terminal under its text.
fn star_line(out: &mut dyn Write, text: &str) -> io::Result<()> {
    let width = crate::output::width::terminal_width();
    writeln!(
        out,
        "{}",
        crate::output::width::wrap_hanging(text, "    ", width)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::http::client::Timings;

    fn exchange(body: &[u8]) -> Exchange {
        Exchange {
            url: "http://127.0.0.1:1/".into(),
            resolved: Vec::new(),
            peer: "127.0.0.1:1".parse().unwrap(),
            local: "127.0.0.1:2".parse().unwrap(),
            request: Vec::new(),
            request_text: "GET / HTTP/1.1\r\n\r\n".into(),
            half_closed: false,
            tls: None,
            informational: Vec::new(),
            head: ResponseHead {
                version: "HTTP/1.1".into(),
                status: 200,
                reason: "OK\u{1b}[2J".into(),
                headers: vec![("X-A".into(), "b\u{202e}c".into())],
                head_bytes: 0,
            },
            framing: BodyFraming::UntilClose,
            body: body.to_vec(),
            body_bytes: body.len(),
            chunk_sizes: Vec::new(),
            chunk_count: 0,
            timings: Timings::default(),
        }
    }

    fn rendered(report: &ExchangeReport) -> Vec<u8> {
        let mut out = Vec::new();
        report.render(&mut out).unwrap();
        out
    }

    #[test]
    fn certificate_times_are_iso_dates_in_utc() {
        assert_eq!(iso_date(0), "1970-01-01 00:00:00\u{a0}UTC");
        // The throwaway CA's validity: rcgen's defaults.
        assert_eq!(iso_date(157_766_400), "1975-01-01 00:00:00\u{a0}UTC");
        assert_eq!(
            iso_date(951_782_400 + 3_661),
            "2000-02-29 01:01:01\u{a0}UTC"
        );
        assert_eq!(iso_date(-1), "1969-12-31 23:59:59\u{a0}UTC");
    }

    #[test]
    fn heads_are_always_escaped() {
        let piped = rendered(&ExchangeReport::new(exchange(b"hi"), false).on_terminal(false));
        let text = String::from_utf8(piped).unwrap();
        assert!(text.contains("< HTTP/1.1 200 OK\\x1b[2J\n"), "{text}");
        assert!(text.contains("< X-A: b\\u{202e}c\n"), "{text}");
    }

    #[test]
    fn bodies_are_escaped_on_a_terminal_and_exact_when_piped() {
        let body = b"line one\r\nred \x1b[31m\rover\n\xc2\x9b2J";
        for whole in [false, true] {
            let piped = rendered(&ExchangeReport::new(exchange(body), whole).on_terminal(false));
            assert!(
                piped.windows(body.len()).any(|w| w == body),
                "whole {whole}"
            );
            let shown = rendered(&ExchangeReport::new(exchange(body), whole).on_terminal(true));
            let text = String::from_utf8(shown).unwrap();
            assert!(
                text.contains("line one\r\nred \\x1b[31m\\rover\n\\u{9b}2J\n"),
                "whole {whole}: {text:?}"
            );
            assert!(text.contains("shown escaped on a terminal"), "{text}");
        }
        // Binary (not UTF-8) with --body: not written to a terminal at all, as curl refuses.
        let binary = b"\xff\xfe\x00\x1b[2J";
        let shown = rendered(&ExchangeReport::new(exchange(binary), true).on_terminal(true));
        let text = String::from_utf8(shown).unwrap();
        assert!(
            text.contains("7\u{a0}bytes of binary data (not written to a terminal"),
            "{text}"
        );
        let clean = rendered(&ExchangeReport::new(exchange(b"plain\r\n"), true).on_terminal(true));
        let text = String::from_utf8(clean).unwrap();
        assert!(
            !text.contains("escaped"),
            "nothing to escape, no note: {text}"
        );
    }
}
