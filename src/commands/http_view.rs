//! How one HTTP exchange looks: `curl -v`-style lines for people, or structured JSON.

use std::io::{self, Write};

use serde::Serialize;

use crate::net::http::client::Exchange;
use crate::net::http::wire::BodyFraming;
use crate::output::Render;

/// Body bytes shown unless --body.
pub const BODY_PREVIEW: usize = 2048;

#[derive(Serialize)]
pub struct ExchangeReport {
    #[serde(flatten)]
    pub exchange: Exchange,
    /// The body as text when it is UTF-8 (the first 2 KiB unless --body).
    pub body_text: Option<String>,
    pub body_truncated: bool,
    #[serde(skip)]
    pub whole_body: bool,
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
        }
    }
}

fn framing_text(exchange: &Exchange) -> String {
    match exchange.framing {
        BodyFraming::None => "no body (HEAD, 1xx, 204 or 304 never carry one)".to_string(),
        BodyFraming::ContentLength(n) => format!("{n} bytes, framed by Content-Length"),
        BodyFraming::Chunked => {
            let sizes: Vec<String> = exchange.chunk_sizes.iter().map(|s| s.to_string()).collect();
            format!(
                "{} bytes, chunked transfer coding: {} chunk(s) of {} bytes, then a 0-size chunk",
                exchange.body_bytes,
                exchange.chunk_sizes.len(),
                sizes.join(", ")
            )
        }
        BodyFraming::UntilClose => format!(
            "{} bytes, ended by the server closing the connection (no length given)",
            exchange.body_bytes
        ),
    }
}

fn ms(value: f64) -> String {
    format!("{value:.2} ms")
}

impl Render for ExchangeReport {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        let e = &self.exchange;
        if let Some(dns) = e.timings.dns_ms {
            let addresses: Vec<String> = e.resolved.iter().map(|a| a.to_string()).collect();
            writeln!(out, "* resolved to {} ({})", addresses.join(", "), ms(dns))?;
        }
        writeln!(
            out,
            "* connected to {} from {} ({})",
            e.peer,
            e.local,
            ms(e.timings.connect_ms)
        )?;
        if let Some(tls) = &e.tls {
            writeln!(
                out,
                "* {}, cipher suite {}, ALPN {} ({})",
                tls.version,
                tls.cipher_suite,
                tls.alpn.as_deref().unwrap_or("none"),
                ms(e.timings.tls_ms.unwrap_or_default())
            )?;
            for (n, cert) in tls.chain.iter().enumerate() {
                let role = if n == 0 { "server" } else { "chain" };
                writeln!(out, "*   certificate {} ({role}): {}", n + 1, cert.subject)?;
                writeln!(out, "*     issued by: {}", cert.issuer)?;
                if !cert.names.is_empty() {
                    writeln!(out, "*     names:     {}", cert.names.join(", "))?;
                }
                writeln!(
                    out,
                    "*     valid:     {} until {}",
                    cert.not_before, cert.not_after
                )?;
            }
            writeln!(out, "* {}", tls.verification)?;
        }
        for line in e.request_text.split("\r\n").take_while(|l| !l.is_empty()) {
            writeln!(out, "> {line}")?;
        }
        writeln!(out, ">")?;
        if e.half_closed {
            writeln!(
                out,
                "* shutdown(SHUT_WR): request complete, our sending side is closed; the server still answers"
            )?;
        }
        for interim in &e.informational {
            writeln!(
                out,
                "< {} {} {}",
                interim.version, interim.status, interim.reason
            )?;
            for (name, value) in &interim.headers {
                writeln!(out, "< {name}: {value}")?;
            }
            writeln!(
                out,
                "* (an interim {} answer; the real one follows)",
                interim.status
            )?;
        }
        writeln!(
            out,
            "< {} {} {}",
            e.head.version, e.head.status, e.head.reason
        )?;
        for (name, value) in &e.head.headers {
            writeln!(out, "< {name}: {value}")?;
        }
        writeln!(out, "<")?;
        if self.whole_body {
            out.write_all(&e.body)?;
            if !e.body.ends_with(b"\n") && !e.body.is_empty() {
                writeln!(out)?;
            }
        } else if let Some(text) = &self.body_text {
            write!(out, "{text}")?;
            if !text.ends_with('\n') && !text.is_empty() {
                writeln!(out)?;
            }
            if self.body_truncated {
                writeln!(
                    out,
                    "* … {} more bytes (--body shows all)",
                    e.body_bytes - BODY_PREVIEW.min(e.body_bytes)
                )?;
            }
        } else {
            writeln!(
                out,
                "* {} bytes of binary data (--body writes them raw)",
                e.body_bytes
            )?;
        }
        writeln!(out, "* body: {}", framing_text(e))?;
        let t = &e.timings;
        let mut phases = Vec::new();
        if let Some(dns) = t.dns_ms {
            phases.push(format!("dns {}", ms(dns)));
        }
        phases.push(format!("connect {}", ms(t.connect_ms)));
        if let Some(tls) = t.tls_ms {
            phases.push(format!("tls {}", ms(tls)));
        }
        phases.push(format!("first byte {}", ms(t.first_byte_ms)));
        phases.push(format!("total {}", ms(t.total_ms)));
        writeln!(out, "* timings: {}", phases.join(" · "))
    }
}
