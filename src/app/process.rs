//! The process around a command: runtimes, descriptor limits, signals and the exit after a
//! server's grace period.

/// Lets thousands of connections be open at once (servers and load generators need more
/// descriptors than the usual soft limit of 1024). Failure just leaves the old limit.
pub fn raise_fd_limit() {
    let _ = rlimit::increase_nofile_limit(u64::MAX);
}

/// A single-threaded tokio runtime, for commands that start quickly and do a little I/O.
pub(crate) fn current_thread_runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
}

/// A multi-threaded tokio runtime for the network commands.
pub(crate) fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
}

/// Exit status after a second Ctrl-C or SIGTERM: 128 + SIGINT, as shells report an interrupt.
const EXIT_INTERRUPTED: i32 = 130;

/// Cancels `shutdown` on the first Ctrl-C or SIGTERM (the server stops accepting and finishes
/// within its grace period); a second one exits the process at once. Both signals are caught
/// from the moment this returns: a caller that then says it is listening can be stopped
/// cleanly at once (a handler installed later, by the spawned task, left a window in which
/// SIGTERM killed the process outright and it cleaned nothing up).
pub(crate) fn watch_signals(shutdown: tokio_util::sync::CancellationToken) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let (Ok(mut interrupt), Ok(mut terminate)) = (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
        ) {
            tokio::spawn(async move {
                tokio::select! {
                    _ = interrupt.recv() => {}
                    _ = terminate.recv() => {}
                }
                shutdown.cancel();
                tokio::select! {
                    _ = interrupt.recv() => {}
                    _ = terminate.recv() => {}
                }
                std::process::exit(EXIT_INTERRUPTED);
            });
            return;
        }
    }
    tokio::spawn(async move {
        let _ = tokio::signal::ctrl_c().await;
        shutdown.cancel();
        let _ = tokio::signal::ctrl_c().await;
        std::process::exit(EXIT_INTERRUPTED);
    });
}

/// How long after its grace period a stopping server may still spend on its log.
const LOG_AFTER_GRACE: std::time::Duration = std::time::Duration::from_millis(800);

/// A server returns within its grace period, but the thread that writes its log may be stuck
/// on a reader that stopped reading (a paused terminal, a full pipe): once `shutdown` fires,
/// the process ends soon after the grace period all the same, with a clean stop's status.
pub(crate) fn exit_after_grace(
    shutdown: tokio_util::sync::CancellationToken,
    grace: std::time::Duration,
) {
    tokio::spawn(async move {
        shutdown.cancelled().await;
        let wait = grace.saturating_add(LOG_AFTER_GRACE);
        tokio::time::sleep(wait).await;
        std::process::exit(0);
    });
}
