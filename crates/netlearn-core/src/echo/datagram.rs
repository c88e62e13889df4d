//! The one receive loop of the datagram echo servers (UDP and Unix datagram): receive, decide
//! whether to answer, echo, and sum up what was dropped once per [`DROP_REPORT_EVERY`]. Each
//! socket family brings only its own rules, through [`DatagramSocket`].

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio_util::sync::CancellationToken;

use super::endpoint::Endpoint;
use super::event::{
    Call, DroppedDatagrams, Event, Events, InvalidDatagram, Proto, Summary, Warning,
};
use super::framing::{Framing, LENGTH_PREFIX_LEN};
use super::server::ServerConfig;
use super::shown::{HiddenCount, MESSAGE_LINES_PER_SECOND, MessageGate};

/// Largest UDP payload (65,535 minus the 8-byte UDP header); one more byte detects truncation.
pub const DATAGRAM_BUF: usize = 65_536;

/// How often unanswered datagrams are summed up in one event.
pub const DROP_REPORT_EVERY: Duration = Duration::from_secs(1);

/// A datagram socket as the echo loop drives it, with its family's rules on whom to answer.
pub trait DatagramSocket {
    /// Where a datagram came from, as the socket reports it.
    type Source;
    /// Where its echo goes.
    type Dest: Send + Sync;

    /// The protocol the summary names.
    const PROTO: Proto;

    fn recv_from(
        &self,
        buf: &mut [u8],
    ) -> impl Future<Output = io::Result<(usize, Self::Source)>> + Send;

    fn send_to(
        &self,
        datagram: &[u8],
        dest: &Self::Dest,
    ) -> impl Future<Output = io::Result<usize>> + Send;

    /// The datagrams per second answered per source, as the drop report states it (0: none).
    fn rate_limit(&self) -> u32;

    /// Where the echo of `datagram` goes, or `None` when it is dropped, counted in `dropped`.
    fn admit(
        &mut self,
        source: Self::Source,
        datagram: &[u8],
        dropped: &mut DroppedDatagrams,
    ) -> Option<Self::Dest>;

    /// The receive call as `--trace` narrates it.
    fn received(source: &Self::Source, bytes: usize) -> Call;

    /// The send call as `--trace` narrates it.
    fn sent(dest: &Self::Dest, bytes: usize) -> Call;

    /// The source a message line names (an IP source; a Unix sender is not named).
    fn message_peer(dest: &Self::Dest) -> Option<SocketAddr>;

    /// The peer a failed send is reported for.
    fn endpoint(dest: &Self::Dest) -> Endpoint;
}

/// Whether a datagram is one valid message under `framing`; the reason if it is not.
pub fn check_datagram(
    framing: Framing,
    max_frame: usize,
    datagram: &[u8],
) -> Result<(), InvalidDatagram> {
    let len = datagram.len();
    if len > max_frame {
        return Err(InvalidDatagram::OverMaxFrame {
            len,
            max: max_frame,
        });
    }
    match framing {
        Framing::Line | Framing::Raw => Ok(()),
        Framing::Fixed(size) if len > size => Err(InvalidDatagram::LongerThanFixed { len, size }),
        Framing::Fixed(_) => Ok(()),
        Framing::Length => {
            let Some((prefix, payload)) = datagram.split_first_chunk::<LENGTH_PREFIX_LEN>() else {
                return Err(InvalidDatagram::ShortForPrefix { len });
            };
            let declared = u32::from_be_bytes(*prefix) as usize;
            if declared != payload.len() {
                return Err(InvalidDatagram::PrefixDisagrees {
                    declared,
                    carried: payload.len(),
                });
            }
            Ok(())
        }
    }
}

/// Reports what the last interval of `interval_ms` dropped and did not show: the
/// once-a-second summary, and the last one at shutdown.
async fn report_hidden(
    events: &Events,
    dropped: &mut DroppedDatagrams,
    hidden: &mut HiddenCount,
    gate: &MessageGate,
    interval_ms: u64,
) {
    if let Some(report) = dropped.take(interval_ms) {
        events.emit(Event::DatagramsDropped(report)).await;
    }
    hidden.flush(gate);
    let messages = gate.take_hidden();
    if messages > 0 {
        events.emit(Event::MessagesNotShown { messages }).await;
    }
}

/// Echoes datagrams until `shutdown` is cancelled: each one the socket's rules admit goes back
/// whole, the rest are summed up once per [`DROP_REPORT_EVERY`]. A failed receive or send
/// concerns one peer, so it is a warning and the server goes on.
pub async fn serve_datagrams<S: DatagramSocket>(
    mut socket: S,
    config: &ServerConfig,
    events: Events,
    shutdown: CancellationToken,
) -> Summary {
    let started = Instant::now();
    let mut summary = Summary {
        proto: S::PROTO,
        ..Summary::default()
    };
    let mut dropped = DroppedDatagrams {
        rate_limit: socket.rate_limit(),
        ..DroppedDatagrams::default()
    };
    let mut report_tick =
        tokio::time::interval_at(super::deadline_after(DROP_REPORT_EVERY), DROP_REPORT_EVERY);
    report_tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut last_report = started;
    let gate = MessageGate::new(MESSAGE_LINES_PER_SECOND, config.show_messages);
    let mut hidden = HiddenCount::default();
    let mut buf = vec![0u8; DATAGRAM_BUF];
    let cancelled = shutdown.cancelled();
    tokio::pin!(cancelled);
    loop {
        let received = tokio::select! {
            _ = &mut cancelled => break,
            _ = report_tick.tick() => {
                let now = Instant::now();
                let interval_ms = now.saturating_duration_since(last_report).as_millis() as u64;
                last_report = now;
                report_hidden(&events, &mut dropped, &mut hidden, &gate, interval_ms).await;
                continue;
            }
            received = socket.recv_from(&mut buf) => received,
        };
        let (len, source) = match received {
            Ok(pair) => pair,
            Err(error) => {
                // ICMP port-unreachable from an earlier reply surfaces here on some systems;
                // it concerns one peer, so the server carries on.
                events
                    .emit(Event::Warning(Warning::Recvfrom {
                        error: error.to_string(),
                    }))
                    .await;
                continue;
            }
        };
        summary.datagrams += 1;
        summary.bytes_in += len as u64;
        let datagram = &buf[..len];
        events
            .call_data(None, S::received(&source, len), datagram)
            .await;
        let Some(dest) = socket.admit(source, datagram, &mut dropped) else {
            summary.dropped += 1;
            continue;
        };
        if gate.enabled() {
            if gate.admit(Instant::now()) {
                let peer = S::message_peer(&dest);
                events.emit(Event::message(None, peer, datagram)).await;
            } else {
                hidden.add(&gate);
            }
        }
        match socket.send_to(datagram, &dest).await {
            Ok(sent) => {
                summary.bytes_out += sent as u64;
                summary.frames += 1;
                events.call_data(None, S::sent(&dest, sent), datagram).await;
            }
            Err(error) => {
                events
                    .emit(Event::Warning(Warning::Sendto {
                        peer: S::endpoint(&dest),
                        error: error.to_string(),
                    }))
                    .await;
            }
        }
    }
    let interval_ms = Instant::now()
        .saturating_duration_since(last_report)
        .as_millis() as u64;
    report_hidden(&events, &mut dropped, &mut hidden, &gate, interval_ms).await;
    summary.uptime_s = started.elapsed().as_secs_f64();
    summary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datagrams_are_checked_against_the_framing() {
        assert!(check_datagram(Framing::Raw, 10, b"hello").is_ok());
        assert!(check_datagram(Framing::Raw, 4, b"hello").is_err());
        assert!(check_datagram(Framing::Fixed(4), 10, b"hello").is_err());
        assert!(check_datagram(Framing::Fixed(8), 10, b"hello").is_ok());
        assert!(check_datagram(Framing::Length, 10, &[0, 0, 0, 2, b'h', b'i']).is_ok());
        assert!(check_datagram(Framing::Length, 10, &[0, 0, 0, 3, b'h', b'i']).is_err());
        assert!(check_datagram(Framing::Length, 10, &[0, 0]).is_err());
    }
}
