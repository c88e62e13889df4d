//! One module per subcommand: arguments in, calls into `net`, reports out.

pub mod cidr;
pub mod completions;
pub mod echo_bench;
pub mod echo_client;
pub mod echo_events;
pub mod echo_serve;
pub mod ip;
pub mod mask;

/// Lets thousands of connections be open at once (servers and load generators need more
/// descriptors than the usual soft limit of 1024). Failure just leaves the old limit.
pub fn raise_fd_limit() {
    let _ = rlimit::increase_nofile_limit(u64::MAX);
}

/// A multi-threaded tokio runtime for the network commands.
pub(crate) fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
}
