//! `ftp demo`: its arguments.

use std::time::Duration;

use clap::{Args, Subcommand};

use super::values::*;

#[derive(Debug, Args)]
pub struct FtpArgs {
    #[command(subcommand)]
    pub command: FtpCommand,
}

#[derive(Debug, Subcommand)]
pub enum FtpCommand {
    /// FTP's two connections, watched: a real FTP server (netlearn's own) on 127.0.0.1 serving
    /// a temporary directory, and a client whose every command and reply is shown as it crosses.
    ///
    /// The control connection carries text commands (USER, PASS, SYST, PWD, TYPE I, PASV,
    /// EPSV, LIST, RETR, STOR, QUIT) and three-digit replies; each transfer gets a second, data
    /// connection, opened for it and closed at its end: the close marks the end of the file.
    /// PASV's answer (h1,h2,h3,h4,p1,p2) is decoded: the data port is p1 × 256 + p2. The
    /// password crosses in clear text. --active uses PORT instead: the client listens and the
    /// server connects back to it, which is why firewalls and NAT break active FTP (and why the
    /// server connects only back to the client's own address, ports 1024 and up: RFC 2577).
    /// --serve leaves the server running for other clients (Python's ftplib, curl, lftp) until
    /// Ctrl-C: at most 16 sessions from one address and 64 in all; uploads capped.
    #[command(
        after_help = "Examples:\n  netlearn ftp demo\n  netlearn ftp demo --active\n  netlearn ftp demo --serve --port 2121\n  python3 -c 'import ftplib; f = ftplib.FTP(); f.connect(\"127.0.0.1\", 2121); f.login(\"demo\", \"pw\"); print(f.nlst())'"
    )]
    Demo(FtpDemoArgs),
    /// List a directory on any FTP server: the control connection's dialogue on standard error
    /// as it crosses (like curl -v), the listing on standard output.
    ///
    /// TARGET is ftp://[USER[:PASSWORD]@]HOST[:PORT][/PATH] or HOST[:PORT][/PATH]; without a
    /// user, anonymous. Passive mode (EPSV, else PASV) unless --active (PORT: the server
    /// connects back). A password in the dialogue is shown as ****: FTP sends it in clear text.
    #[command(
        after_help = "Examples:\n  netlearn ftp ls 127.0.0.1:2121\n  netlearn ftp ls ftp://demo:pw@127.0.0.1:2121/ --active"
    )]
    Ls(FtpLsArgs),
    /// Download one file from any FTP server (RETR, binary): the dialogue on standard error,
    /// the file's bytes on standard output, or in a file with -o.
    #[command(
        after_help = "Examples:\n  netlearn ftp get 127.0.0.1:2121/hello.txt\n  netlearn ftp get ftp://127.0.0.1:2121/hello.txt -o hello.txt --active"
    )]
    Get(FtpGetArgs),
}

/// How `ftp ls` and `ftp get` reach a server.
#[derive(Debug, Args)]
pub struct FtpClientArgs {
    /// ftp://[USER[:PASSWORD]@]HOST[:PORT][/PATH], or HOST[:PORT][/PATH] (port 21 when left out).
    pub target: String,
    /// Active mode: the client listens and sends PORT; the server connects back.
    #[arg(long)]
    pub active: bool,
    /// After the transfer, its packets as a ladder on standard error: the control
    /// connection's ends outside, the data connection's inside (a server on this machine's
    /// loopback; capturing needs root or CAP_NET_RAW).
    #[arg(long)]
    pub ladder: bool,
    /// Longest wait for the connection, any reply or data.
    #[arg(long, default_value = "10s", value_parser = parse_nonzero_duration)]
    pub timeout: Duration,
}

#[derive(Debug, Args)]
pub struct FtpLsArgs {
    #[command(flatten)]
    pub client: FtpClientArgs,
}

#[derive(Debug, Args)]
pub struct FtpGetArgs {
    #[command(flatten)]
    pub client: FtpClientArgs,
    /// Write the file here instead of to standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// The largest file accepted: past it the transfer stops with an error.
    #[arg(long, value_name = "SIZE", default_value = "256MiB", value_parser = parse_size)]
    pub max_size: usize,
}

#[derive(Debug, Args)]
pub struct FtpDemoArgs {
    /// Active mode: the client sends PORT and the server connects back to it.
    #[arg(long)]
    pub active: bool,
    /// After the demo, its packets as ladder diagrams: for each data connection, the control
    /// connection's lines outside and the data connection's inside, side by side.
    #[arg(long, conflicts_with = "serve")]
    pub ladder: bool,
    /// Leave the demo server running for other clients until Ctrl-C (any user and password).
    #[arg(long, conflicts_with = "active")]
    pub serve: bool,
    /// With --serve: the port to listen on (0 = any free port, printed on the first line).
    #[arg(long, short, default_value_t = 2121, requires = "serve")]
    pub port: u16,
    /// With --serve: the largest file an upload may make (a larger one is refused with 552
    /// and removed).
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = parse_size, requires = "serve")]
    pub max_upload: usize,
    /// With --serve: the most the served directory may hold in all, every file and directory
    /// counting 4 KiB besides its bytes.
    #[arg(long, value_name = "SIZE", default_value = "256MiB", value_parser = parse_size, requires = "serve")]
    pub max_stored: usize,
    /// Longest wait for any reply or data.
    #[arg(long, default_value = "5s", value_parser = parse_nonzero_duration)]
    pub timeout: Duration,
}
