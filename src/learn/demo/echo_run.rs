//! What every `echo demo` run shares: its configuration, why it stopped (and the words for
//! that), what it measured, and the steps each script takes the same way: bounded socket calls,
//! the server's announcement and stop, reading an echo back.

use std::time::Duration;

use tokio::io::AsyncReadExt;
use tokio_util::sync::CancellationToken;

use super::story::{Say, Step};
use crate::app::text::t;
use crate::i18n::Lang;
use crate::net::echo::event::{Call, Proto, Summary};
use crate::net::echo::framing::{EncodeError, Framing};
use crate::net::echo::server::ServerConfig;
use crate::net::echo::unix::UnixBindError;

/// Time given to the other side to act before the next step, so the log reads in the order
/// things happen (the steps themselves never depend on it).
pub(super) const SETTLE: Duration = Duration::from_millis(25);

#[derive(Clone, Debug)]
pub struct DemoConfig {
    pub protos: Vec<Proto>,
    pub framings: Vec<Framing>,
    /// Send, then shutdown(SHUT_WR), then read the echo until end of stream (TCP).
    pub half_close: bool,
    /// Clients connected at once (TCP): all connect, then all send, then all read.
    pub clients: usize,
    pub message: Vec<u8>,
    /// Longest wait for any echo.
    pub timeout: Duration,
    /// Instead of echoing, the server closes with the message unread: a reset (TCP).
    pub reset: bool,
}

/// Why a demo run stopped; [`demo_error`] words it.
#[derive(Debug)]
pub enum DemoError {
    /// The demo's message cannot be framed this way.
    Encode {
        framing: Framing,
        error: EncodeError,
    },
    /// The demo server's socket could not be made.
    Bind(std::io::Error),
    /// The demo server's socket file could not be bound.
    BindUnix(UnixBindError),
    /// A client's socket call failed.
    Client {
        client: usize,
        source: std::io::Error,
    },
    /// A client's echo did not come back whole in time.
    Timeout { client: usize, waited: Duration },
    /// A client's socket call (`step`, as C spells it) did not finish in time.
    Stalled {
        client: usize,
        step: &'static str,
        waited: Duration,
    },
    /// A client's echo differs from what it sent.
    Mismatch { client: usize },
    /// A non-blocking client's first recv() found the echo already there: the server's delay
    /// was not long enough for the EWOULDBLOCK the demo shows.
    Early { client: usize },
    /// The demo's own task ended without finishing (it panicked or was cancelled).
    Stopped,
}

/// Why a demo run stopped, in `lang`.
pub fn demo_error(lang: Lang, error: &DemoError) -> String {
    let waited = |waited: &Duration| crate::app::echo::words::duration_in(lang, *waited);
    match error {
        DemoError::Encode { framing, error } => t!(
            lang,
            "echo-demo-error-encode",
            framing = crate::app::echo::words::framing_name(lang, framing),
            error = crate::app::echo::words::encode_error(lang, error)
        ),
        DemoError::Bind(error) => {
            t!(lang, "echo-demo-error-bind", error = error.to_string())
        }
        DemoError::BindUnix(error) => t!(
            lang,
            "echo-demo-error-bind",
            error = crate::app::echo::words::unix_bind_error(lang, error)
        ),
        DemoError::Client { client, source } => t!(
            lang,
            "echo-demo-error-client",
            client = client.to_string(),
            error = source.to_string()
        ),
        DemoError::Timeout { client, waited: w } => t!(
            lang,
            "echo-demo-error-timeout",
            client = client.to_string(),
            waited = waited(w)
        ),
        DemoError::Stalled {
            client,
            step,
            waited: w,
        } => t!(
            lang,
            "echo-demo-error-stalled",
            client = client.to_string(),
            step = *step,
            waited = waited(w)
        ),
        DemoError::Mismatch { client } => {
            t!(
                lang,
                "echo-demo-error-mismatch",
                client = client.to_string()
            )
        }
        DemoError::Early { client } => {
            t!(lang, "echo-demo-error-early", client = client.to_string())
        }
        DemoError::Stopped => t!(lang, "echo-demo-error-stopped"),
    }
}

/// One run per protocol and framing.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct DemoRun {
    pub proto: Proto,
    pub framing: Framing,
    pub server: crate::net::echo::endpoint::Endpoint,
    /// The bytes one message puts on the wire, framing included.
    pub wire: Vec<u8>,
    pub echoes_verified: usize,
    pub summary: Summary,
}

/// Longest the demo server is given to stop once told to.
const STOP_GRACE: Duration = Duration::from_secs(2);

/// Lets the last log lines arrive, stops the server and returns its totals. Runs on every
/// path, failures included: the server task holds the log's sender, and the log's reader
/// waits until every sender is gone.
pub(super) async fn stop_server(
    shutdown: CancellationToken,
    mut task: tokio::task::JoinHandle<Summary>,
) -> Summary {
    tokio::time::sleep(SETTLE).await;
    shutdown.cancel();
    match tokio::time::timeout(STOP_GRACE, &mut task).await {
        Ok(summary) => summary.unwrap_or_default(),
        Err(_) => {
            task.abort();
            Summary::default()
        }
    }
}

/// `step` within `limit`, else a `Stalled` error for `client`.
pub(super) async fn within<T>(
    client: usize,
    step: &'static str,
    limit: Duration,
    work: impl std::future::Future<Output = std::io::Result<T>>,
) -> Result<T, DemoError> {
    match tokio::time::timeout(limit, work).await {
        Ok(result) => result.map_err(|source| DemoError::Client { client, source }),
        Err(_) => Err(DemoError::Stalled {
            client,
            step,
            waited: limit,
        }),
    }
}

/// Says what the server is, then narrates the calls that set it up.
pub(super) async fn announce(server_events: &Say, story: Step, setup: Vec<Call>) {
    server_events.step(story).await;
    for call in setup {
        server_events.call(None, call).await;
    }
}

pub(super) fn server_config(framing: Framing) -> ServerConfig {
    ServerConfig {
        framing,
        ..ServerConfig::default()
    }
}

/// Reads until the whole echo is in (or, after a half-close, until end of stream); None when
/// the time runs out.
pub(super) async fn read_echo<S: tokio::io::AsyncRead + Unpin>(
    stream: &mut S,
    wire: &[u8],
    to_end: bool,
    timeout: Duration,
    events: &Say,
) -> std::io::Result<Option<Vec<u8>>> {
    let mut echoed = Vec::with_capacity(wire.len());
    let mut buf = vec![0u8; 64 * 1024];
    let deadline = crate::net::echo::deadline_after(timeout);
    loop {
        if !to_end && echoed.len() >= wire.len() {
            return Ok(Some(echoed));
        }
        let read = tokio::time::timeout_at(deadline, stream.read(&mut buf)).await;
        let Ok(read) = read else {
            return Ok(None);
        };
        let n = read?;
        events.call(None, Call::Recv { bytes: n }).await;
        if n == 0 {
            return Ok(Some(echoed));
        }
        echoed.extend_from_slice(&buf[..n]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_errors_are_worded_in_both_languages() {
        let stalled = DemoError::Stalled {
            client: 2,
            step: "recv()",
            waited: Duration::from_secs(5),
        };
        assert_eq!(
            demo_error(Lang::En, &stalled),
            "client 2: recv() did not finish within 5\u{a0}s"
        );
        assert_eq!(
            demo_error(Lang::Ja, &stalled),
            "クライアント 2: recv() が 5\u{a0}秒以内に終わりませんでした"
        );
        let mismatch = DemoError::Mismatch { client: 1 };
        assert_eq!(
            demo_error(Lang::En, &mismatch),
            "client 1: the echo differs from what was sent"
        );
        assert!(demo_error(Lang::Ja, &mismatch).contains("送ったものと違います"));
        let encode = DemoError::Encode {
            framing: Framing::Fixed(4),
            error: EncodeError::WrongFixedSize { len: 5, size: 4 },
        };
        assert_eq!(
            demo_error(Lang::En, &encode),
            "fixed:4 framing cannot carry this message: message is 5\u{a0}bytes but fixed framing \
             needs exactly 4"
        );
        let bind = DemoError::BindUnix(UnixBindError::InUse {
            path: "/tmp/demo.sock".into(),
        });
        let ja = demo_error(Lang::Ja, &bind);
        assert!(
            ja.starts_with("デモのサーバーを起動できませんでした: /tmp/demo.sock で"),
            "{ja}"
        );
        let timeout = DemoError::Timeout {
            client: 3,
            waited: Duration::from_millis(250),
        };
        assert_eq!(
            demo_error(Lang::En, &timeout),
            "client 3: no complete echo within 250\u{a0}ms"
        );
    }

    #[test]
    fn an_early_echo_and_a_stopped_demo_are_worded_in_both_languages() {
        let early = DemoError::Early { client: 1 };
        assert_eq!(
            demo_error(Lang::En, &early),
            "client 1: the echo came before the server's delay: recv() did not have to wait"
        );
        let ja = demo_error(Lang::Ja, &early);
        assert!(ja.starts_with("クライアント 1: "), "{ja}");
        assert!(ja.contains("recv() は待たずに済みました"), "{ja}");
        assert_eq!(
            demo_error(Lang::Ja, &DemoError::Stopped),
            "デモが途中で止まりました"
        );
    }
}
