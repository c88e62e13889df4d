//! `netlearn ftp demo`: netlearn's FTP server in-process on 127.0.0.1 serving a private
//! temporary directory (`net::private_dir`: mode 0700, left-overs of killed runs removed), and a
//! client whose control lines and data connections are shown as they happen. Every sentence
//! the demo says is in `texts/*/lessons.ftl` (`ftp-*`), looked up here.

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

use crate::app::ftp::words::ftp_error;
use crate::app::text::counted;
use crate::cli::FtpDemoArgs;
use crate::error::Error;
use crate::net::ftp::client::{Control, FtpError, Observer, Wire};
use crate::net::ftp::server::{Server, ServerConfig};
use crate::net::private_dir::{Kind, PrivateDir};
use crate::output::escape::terminal_safe;
use crate::output::{self, Format};
use crate::tr;

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
        Line::Wire(step) => crate::app::ftp::words::wire_text(step),
        Line::Result(outcome) => tr!(
            "ftp-result",
            mode = outcome.mode,
            connections = outcome.data_connections,
            files = outcome.files_verified,
        ),
        Line::Listening { addr, root } => tr!(
            "ftp-listening",
            addr = addr.to_string(),
            root = terminal_safe(root).into_owned(),
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

/// The server's starting files, in a fresh private directory in the temporary directory
/// (`TMPDIR`); the left-overs of runs that were killed go first.
fn make_root() -> std::io::Result<PrivateDir> {
    let root = PrivateDir::create(Kind::FtpRoot)?;
    for (name, content) in [HELLO, README] {
        std::fs::write(root.path().join(name), content)?;
    }
    Ok(root)
}

/// `--serve`'s limits; the demo's own run keeps the defaults.
fn server_config(args: &FtpDemoArgs) -> ServerConfig {
    ServerConfig {
        max_upload: args.max_upload as u64,
        max_stored: args.max_stored as u64,
        ..ServerConfig::default()
    }
}

pub fn run(args: &FtpDemoArgs, sink: &mut crate::output::sink::Sink) -> anyhow::Result<ExitCode> {
    let (format, out) = sink.parts();
    if let Some(problem) = crate::learn::live::loopback_problem() {
        return Err(Error::Runtime(problem).into());
    }
    let root = make_root().with_context(|| tr!("ftp-cannot-make-root"))?;
    let runtime = crate::app::process::runtime().with_context(|| tr!("process-no-runtime"))?;
    if args.serve {
        return runtime.block_on(serve(args, root.path(), format, out));
    }
    let (active, timeout) = (args.active, args.timeout);
    let watch = if args.ladder {
        match crate::learn::demo::wire::Watch::start() {
            Ok(watch) => Some(watch),
            Err(message) => {
                write_line(&Line::Note { text: message }, format, out)?;
                None
            }
        }
    } else {
        None
    };
    // The data connections as the client saw them opened: (its own end, the server's).
    let data_ends = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen_ends = data_ends.clone();
    let narration: &mut (dyn Write + Send) = &mut *out;
    let control_port = runtime.block_on(async move {
        let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
            .await
            .with_context(|| tr!("ftp-server-cannot-start"))?;
        let addr = listener.local_addr()?;
        let shutdown = CancellationToken::new();
        let server = Server::new(root.path().to_path_buf(), ServerConfig::default());
        let server = tokio::spawn(server.serve(listener, shutdown.clone()));
        let (tx, rx) = unbounded_channel();
        let wire_tx = tx.clone();
        let observer: Observer = Box::new(move |step| {
            if let Wire::DataOpened { local, peer, .. } = &step
                && let Ok(mut ends) = seen_ends.lock()
            {
                ends.push((*local, *peer));
            }
            let _ = wire_tx.send(Line::Wire(step));
        });
        let path = root.path().to_path_buf();
        let script = tokio::spawn(async move {
            let say = Say { tx };
            script(addr, &path, active, timeout, observer, &say).await
        });
        print_lines(rx, format, &mut *narration).await?;
        let outcome = script.await.with_context(|| tr!("ftp-demo-stopped"))?;
        shutdown.cancel();
        let _ = tokio::time::timeout(Duration::from_secs(3), server).await;
        let outcome =
            outcome.map_err(|error| Error::Runtime(ftp_error(crate::i18n::language(), &error)))?;
        write_line(&Line::Result(outcome), format, &mut *narration)?;
        anyhow::Ok(addr.port())
    })?;
    if let Some(watch) = watch
        && format == Format::Table
    {
        let data_ends = data_ends.lock().map(|e| e.clone()).unwrap_or_default();
        let mut ports = vec![control_port];
        ports.extend(data_ends.iter().flat_map(|(a, b)| [a.port(), b.port()]));
        let wire = watch.finish_over(&ports, Some(crate::net::sockets::Transport::Tcp), false);
        writeln!(out)?;
        crate::app::wire::ladder::write_ftp(
            &wire.frames,
            wire.link,
            control_port,
            &data_ends,
            out,
        )?;
    }
    Ok(ExitCode::SUCCESS)
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
    crate::app::process::raise_fd_limit();
    let listener = TcpListener::bind(requested).await.map_err(|error| {
        crate::app::echo::serve::bind_error(error, crate::net::sockets::Transport::Tcp, requested)
    })?;
    let addr = listener.local_addr()?;
    let config = server_config(args);
    let server = Server::new(root.to_path_buf(), config.clone());
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
            text: tr!(
                "ftp-try",
                command = format!(
                    "python3 -c 'import ftplib; f = ftplib.FTP(); f.connect(\"{}\", {}); \
                     f.login(\"demo\", \"pw\"); print(f.nlst())'",
                    addr.ip(),
                    addr.port()
                )
            ),
        },
        format,
        out,
    );
    let _ = write_line(
        &Line::Note {
            text: tr!(
                "ftp-limits",
                per_address = config.max_sessions_per_address,
                sessions = config.max_sessions,
                file = size(config.max_upload),
                stored = size(config.max_stored),
                idle = config.idle_timeout.as_secs(),
            ),
        },
        format,
        out,
    );
    server.serve(listener, shutdown).await;
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
    say.note(tr!(
        "ftp-server",
        addr = addr.to_string(),
        first = HELLO.0,
        second = README.0
    ));
    say.note(tr!("ftp-control"));
    let (mut control, _) = Control::connect(addr, timeout, wire).await?;
    control.expect(&format!("USER {USER}")).await?;
    control.expect(&format!("PASS {PASSWORD}")).await?;
    say.note(tr!("ftp-password"));
    control.expect("SYST").await?;
    control.expect("PWD").await?;
    control.expect("TYPE I").await?;
    say.note(tr!("ftp-type-i"));

    let mut data_connections = 0;
    let mut files_verified = 0;
    let listing = if active {
        say.note(tr!("ftp-active"));
        let (listener, _, local) = control.port().await?;
        say.note(tr!(
            "ftp-active-nat",
            port = local.port().to_string(),
            p1 = (local.port() / 256).to_string(),
            p2 = (local.port() % 256).to_string(),
            local = local.to_string(),
        ));
        say.note(tr!(
            "ftp-active-bounce",
            client = local.ip().to_string(),
            lowest = crate::net::ftp::data::LOWEST_ACTIVE_PORT,
        ));
        control.expect("LIST").await?;
        let stream = control.accept_data(&listener).await?;
        control.read_data(stream, DATA_LIMIT).await
    } else {
        let (_, passive) = control.passive().await?;
        say.note(tr!(
            "ftp-pasv",
            ip = passive.ip.to_string(),
            p1 = passive.p1.to_string(),
            p2 = passive.p2.to_string(),
            port = passive.port.to_string(),
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
        say.note(tr!("ftp-epsv", port = port.to_string()));
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
        return Err(FtpError::Io(std::io::Error::other(tr!(
            "ftp-download-differs"
        ))));
    }
    files_verified += 1;
    say.note(tr!(
        "ftp-retrieved",
        file = HELLO.0,
        bytes = counted("count-bytes", file.len() as u64)
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
        return Err(FtpError::Io(std::io::Error::other(tr!(
            "ftp-upload-differs"
        ))));
    }
    files_verified += 1;
    say.note(tr!("ftp-stored", file = UPLOAD.0));
    control.expect("QUIT").await?;
    say.note(tr!("ftp-transfers", count = data_connections));
    Ok(Outcome {
        mode: if active { "active" } else { "passive" },
        server: addr,
        data_connections,
        files_verified,
    })
}

/// A byte count as a limit is written (`64 MiB`), the number and its unit held together.
fn size(bytes: u64) -> String {
    crate::app::http::words::size(crate::i18n::language(), bytes).replace(' ', "\u{a0}")
}

fn refused(command: &str, reply: &crate::net::ftp::client::Reply) -> FtpError {
    FtpError::Refused {
        command: command.to_string(),
        code: reply.code,
        text: reply.text(),
    }
}
