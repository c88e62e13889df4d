//! The echo server on a Unix datagram socket (AF_UNIX, SOCK_DGRAM): each datagram goes back
//! whole to the file its sender is bound to.
//!
//! No per-source rate is needed as for UDP: a sender's address is a file it bound itself,
//! which the kernel will not let it take from another socket, so no one can aim the echo at a
//! third party, and the answer is never larger than the question.

use std::time::Instant;

use tokio::net::UnixDatagram;
use tokio_util::sync::CancellationToken;

use super::endpoint::Endpoint;
use super::event::{Call, DroppedDatagrams, Event, Events, Proto, Summary, Warning};
use super::server::ServerConfig;
use super::shown::{HiddenCount, MESSAGE_LINES_PER_SECOND, MessageGate};
use super::udp::{DATAGRAM_BUF, DROP_REPORT_EVERY, InvalidDatagram, check_datagram, report_hidden};

/// Why an unnamed sender is not answered.
/// Echoes datagrams until `shutdown` is cancelled; unanswerable and invalid ones are summed up
/// once per [`DROP_REPORT_EVERY`].
pub async fn serve_unix_dgram(
    socket: UnixDatagram,
    config: ServerConfig,
    events: Events,
    shutdown: CancellationToken,
) -> Summary {
    let started = Instant::now();
    let mut summary = Summary {
        proto: Proto::UnixDgram,
        ..Summary::default()
    };
    let mut dropped = DroppedDatagrams::default();
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
        let (len, peer) = match received {
            Ok(pair) => pair,
            Err(error) => {
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
            .call_data(None, Call::Recv { bytes: len }, datagram)
            .await;
        let Some(path) = peer.as_pathname() else {
            dropped.add_invalid(InvalidDatagram::UnnamedSender);
            summary.dropped += 1;
            continue;
        };
        if let Err(reason) = check_datagram(config.framing, config.max_frame, datagram) {
            dropped.add_invalid(reason);
            summary.dropped += 1;
            continue;
        }
        if gate.enabled() {
            if gate.admit(Instant::now()) {
                events.emit(Event::message(None, None, datagram)).await;
            } else {
                hidden.add(&gate);
            }
        }
        match socket.send_to(datagram, path).await {
            Ok(sent) => {
                summary.bytes_out += sent as u64;
                summary.frames += 1;
                events
                    .call_data(None, Call::Send { bytes: sent }, datagram)
                    .await;
            }
            Err(error) => {
                let peer = Endpoint::Path(path.to_path_buf());
                events
                    .emit(Event::Warning(Warning::Sendto {
                        peer,
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
