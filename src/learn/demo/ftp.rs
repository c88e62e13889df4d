//! `netlearn ftp demo`: libunftp in-process on 127.0.0.1 serving a temporary directory, and a
//! client whose control lines and data connections are shown as they happen. Every sentence
//! the demo says is in this module.

use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use serde::Serialize;
use tokio::net::TcpListener;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio_util::sync::CancellationToken;

use crate::cli::FtpDemoArgs;
use crate::error::Error;
use crate::net::ftp::client::{Control, FtpError, Observer, Wire};
use crate::net::ftp::server;
use crate::output::escape::terminal_safe;
use crate::output::{self, Format};

/// The demo's user name and password: any are accepted; these are the ones seen crossing.
const USER: &str = "demo";
const PASSWORD: &str = "netlearn-secret";
/// Files the demo server starts with.
const HELLO: (&str, &str) = ("hello.txt", "Hello from netlearn's FTP demo!\n");
const README: (&str, &str) = (
    "readme.txt",
    "Every transfer opens its own data connection.\n",
);
/// What the client uploads.
const UPLOAD: (&str, &str) = ("upload.txt", "uploaded with STOR\n");
/// Largest listing or file the demo reads.
const DATA_LIMIT: u64 = 1024 * 1024;

/// One line of the demo's output.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
enum Line {
    Note { text: String },
    Wire(Wire),
    Result(Outcome),
    Listening { addr: SocketAddr, root: String },
}

#[derive(Clone, Debug, Serialize)]
struct Outcome {
    mode: &'static str,
    server: SocketAddr,
    data_connections: u64,
    files_verified: u64,
}

fn text(line: &Line) -> String {
    match line {
        Line::Note { text } => format!("  {text}"),
        Line::Wire(Wire::Sent { line }) => format!("C> {}", terminal_safe(line)),
        Line::Wire(Wire::Received { line }) => format!("S> {}", terminal_safe(line)),
        Line::Wire(Wire::DataOpened {
            local,
            peer,
            active: false,
        }) => format!(
            "[data] connection opened: client {local} -> server {peer} (passive: the client \
             connected)"
        ),
        Line::Wire(Wire::DataOpened {
            local,
            peer,
            active: true,
        }) => format!(
            "[data] connection opened: server {peer} -> client {local} (active: the server \
             connected back)"
        ),
        Line::Wire(Wire::DataClosed {
            bytes,
            by_server: true,
        }) => format!(
            "[data] closed by the server after {bytes} bytes: that close marks the end of the \
             data (no length was sent)"
        ),
        Line::Wire(Wire::DataClosed {
            bytes,
            by_server: false,
        }) => format!(
            "[data] closed by the client after sending {bytes} bytes: the close tells the \
             server the file is complete"
        ),
        Line::Result(outcome) => format!(
            "result: {} mode: {} data connections opened and closed while the control \
             connection stayed open; {} files verified byte for byte",
            outcome.mode, outcome.data_connections, outcome.files_verified
        ),
        Line::Listening { addr, root } => format!(
            "listening on {addr} (ftp, files in {}); any user name and password log in; \
             Ctrl-C stops",
            terminal_safe(root)
        ),
    }
}

impl output::Render for Line {
    fn render(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let fitted =
            output::width::wrap_hanging(&text(self), "      ", output::width::terminal_width());
        writeln!(out, "{fitted}")
    }
}

fn write_line(line: &Line, format: Format, out: &mut dyn Write) -> std::io::Result<()> {
    output::write_record(line, format, out)
}

/// Narration: notes and wire steps in the order they happen.
struct Say {
    tx: UnboundedSender<Line>,
}

impl Say {
    fn note(&self, text: impl Into<String>) {
        let _ = self.tx.send(Line::Note { text: text.into() });
    }
}

/// The server's starting files, in a fresh temporary directory.
fn make_root() -> std::io::Result<tempfile::TempDir> {
    let root = tempfile::Builder::new().prefix("netlearn-ftp-").tempdir()?;
    for (name, content) in [HELLO, README] {
        std::fs::write(root.path().join(name), content)?;
    }
    Ok(root)
}

pub fn run(args: &FtpDemoArgs, sink: &mut crate::output::sink::Sink) -> anyhow::Result<ExitCode> {
    let (format, out) = sink.parts();
    if let Some(problem) = crate::learn::live::loopback_problem() {
        return Err(Error::Runtime(problem).into());
    }
    let root = make_root().context("cannot make the FTP server's directory")?;
    let runtime = crate::app::process::runtime().context("cannot start the async runtime")?;
    if args.serve {
        return runtime.block_on(serve(args, root.path(), format, out));
    }
    let (active, timeout) = (args.active, args.timeout);
    runtime.block_on(async move {
        let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
            .await
            .context("the demo server could not start")?;
        let addr = listener.local_addr()?;
        let shutdown = CancellationToken::new();
        let server = tokio::spawn(server::serve(
            listener,
            root.path().to_path_buf(),
            shutdown.clone(),
        ));
        let (tx, rx) = unbounded_channel();
        let wire_tx = tx.clone();
        let observer: Observer = Box::new(move |step| {
            let _ = wire_tx.send(Line::Wire(step));
        });
        let path = root.path().to_path_buf();
        let script = tokio::spawn(async move {
            let say = Say { tx };
            script(addr, &path, active, timeout, observer, &say).await
        });
        print_lines(rx, format, out).await?;
        let outcome = script.await.context("the demo stopped unexpectedly")?;
        shutdown.cancel();
        let _ = tokio::time::timeout(Duration::from_secs(3), server).await;
        let outcome = outcome.map_err(|error| Error::Runtime(error.to_string()))?;
        write_line(&Line::Result(outcome), format, out)?;
        Ok(ExitCode::SUCCESS)
    })
}

async fn print_lines(
    mut rx: UnboundedReceiver<Line>,
    format: Format,
    out: &mut (dyn Write + Send),
) -> std::io::Result<()> {
    while let Some(line) = rx.recv().await {
        write_line(&line, format, out)?;
    }
    Ok(())
}

/// `--serve`: the demo server for any client, until a signal.
async fn serve(
    args: &FtpDemoArgs,
    root: &Path,
    format: Format,
    out: &mut (dyn Write + Send),
) -> anyhow::Result<ExitCode> {
    let requested = SocketAddr::from((Ipv4Addr::LOCALHOST, args.port));
    let listener = TcpListener::bind(requested).await.map_err(|error| {
        crate::app::echo::serve::bind_error(error, crate::net::sockets::Transport::Tcp, requested)
    })?;
    let addr = listener.local_addr()?;
    let shutdown = CancellationToken::new();
    crate::app::process::watch_signals(shutdown.clone());
    write_line(
        &Line::Listening {
            addr,
            root: root.display().to_string(),
        },
        format,
        out,
    )?;
    // The server serves on even when nobody reads its output any more (`| head -1`).
    let _ = write_line(
        &Line::Note {
            text: format!(
                "try: python3 -c 'import ftplib; f = ftplib.FTP(); f.connect(\"{}\", {}); \
                 f.login(\"demo\", \"pw\"); print(f.nlst())'",
                addr.ip(),
                addr.port()
            ),
        },
        format,
        out,
    );
    server::serve(listener, root.to_path_buf(), shutdown).await;
    Ok(ExitCode::SUCCESS)
}

/// The client's side, narrated.
async fn script(
    addr: SocketAddr,
    root: &Path,
    active: bool,
    timeout: Duration,
    wire: Observer,
    say: &Say,
) -> Result<Outcome, FtpError> {
    say.note(format!(
        "FTP server (libunftp) on {addr}, serving a temporary directory with {} and {}",
        HELLO.0, README.0
    ));
    say.note("the control connection: commands and replies are lines of text, one at a time");
    let (mut control, _) = Control::connect(addr, timeout, wire).await?;
    control.expect(&format!("USER {USER}")).await?;
    control.expect(&format!("PASS {PASSWORD}")).await?;
    say.note(
        "the password just crossed the network as plain text: anyone who can see the packets \
         reads it (FTPS adds TLS; SFTP is another protocol, over SSH)",
    );
    control.expect("SYST").await?;
    control.expect("PWD").await?;
    control.expect("TYPE I").await?;
    say.note("TYPE I: binary (\"image\"), every byte as it is; TYPE A would rewrite line ends");

    let mut data_connections = 0;
    let mut files_verified = 0;
    let listing = if active {
        say.note(
            "active mode: the client listens and tells the server where, with PORT \
             h1,h2,h3,h4,p1,p2",
        );
        let (listener, _, local) = control.port().await?;
        say.note(format!(
            "{} = {} × 256 + {}: the server will connect to {local}. Behind NAT that address \
             is private and a firewall sees an unexpected incoming connection: why active FTP \
             breaks there, and passive mode exists",
            local.port(),
            local.port() / 256,
            local.port() % 256
        ));
        control.expect("LIST").await?;
        let stream = control.accept_data(&listener).await?;
        control.read_data(stream, DATA_LIMIT).await
    } else {
        let (_, passive) = control.passive().await?;
        say.note(format!(
            "PASV's answer names where the server waits for the data connection: address {} \
             and port p1 × 256 + p2 = {} × 256 + {} = {}",
            passive.ip, passive.p1, passive.p2, passive.port
        ));
        let stream = control
            .open_data(SocketAddr::from((passive.ip, passive.port)))
            .await?;
        control.expect("LIST").await?;
        control.read_data(stream, DATA_LIMIT).await
    }?;
    let after_list = control.reply().await?;
    data_connections += 1;
    let listing = String::from_utf8_lossy(&listing).to_string();
    for entry in listing.lines() {
        say.note(format!("| {}", terminal_safe(entry)));
    }
    if !after_list.is_ok() {
        return Err(refused("LIST", &after_list));
    }

    // RETR: a file down.
    let retr = format!("RETR {}", HELLO.0);
    let stream = if active {
        let (listener, _, _) = control.port().await?;
        control.expect(&retr).await?;
        control.accept_data(&listener).await?
    } else {
        let (_, port) = control.extended_passive().await?;
        say.note(format!(
            "EPSV (RFC 2428) names only the port, {port}: the address is the control \
             connection's, which also works over IPv6 and through NAT"
        ));
        let stream = control
            .open_data(SocketAddr::new(control.peer().ip(), port))
            .await?;
        control.expect(&retr).await?;
        stream
    };
    let file = control.read_data(stream, DATA_LIMIT).await?;
    let done = control.reply().await?;
    data_connections += 1;
    if !done.is_ok() {
        return Err(refused("RETR", &done));
    }
    if file != HELLO.1.as_bytes() {
        return Err(FtpError::Io(std::io::Error::other(
            "the downloaded file differs from the server's",
        )));
    }
    files_verified += 1;
    say.note(format!(
        "{} arrived whole: {} bytes, the same as on the server's disk",
        HELLO.0,
        file.len()
    ));

    // STOR: a file up.
    let stor = format!("STOR {}", UPLOAD.0);
    let stream = if active {
        let (listener, _, _) = control.port().await?;
        control.expect(&stor).await?;
        control.accept_data(&listener).await?
    } else {
        let (_, passive) = control.passive().await?;
        let stream = control
            .open_data(SocketAddr::from((passive.ip, passive.port)))
            .await?;
        control.expect(&stor).await?;
        stream
    };
    control.write_data(stream, UPLOAD.1.as_bytes()).await?;
    let done = control.reply().await?;
    data_connections += 1;
    if !done.is_ok() {
        return Err(refused("STOR", &done));
    }
    let stored = std::fs::read(root.join(UPLOAD.0))?;
    if stored != UPLOAD.1.as_bytes() {
        return Err(FtpError::Io(std::io::Error::other(
            "the uploaded file on the server differs from what was sent",
        )));
    }
    files_verified += 1;
    say.note(format!(
        "{} is now in the server's directory, byte for byte",
        UPLOAD.0
    ));
    control.expect("QUIT").await?;
    say.note(format!(
        "{data_connections} transfers, {data_connections} data connections; one control \
         connection from login to QUIT"
    ));
    Ok(Outcome {
        mode: if active { "active" } else { "passive" },
        server: addr,
        data_connections,
        files_verified,
    })
}

fn refused(command: &str, reply: &crate::net::ftp::client::Reply) -> FtpError {
    FtpError::Refused {
        command: command.to_string(),
        code: reply.code,
        text: reply.text(),
    }
}
