//! `ftp ls` and `ftp get`: netlearn as the client of any FTP server. The control connection's
//! dialogue goes to standard error as it crosses (as curl -v shows it), the listing or the
//! file's bytes to standard output (or a file); with `--ladder`, both connections' packets
//! drawn side by side afterwards.

pub mod words;

use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;

use crate::cli::{FtpClientArgs, FtpGetArgs, FtpLsArgs};
use crate::error::Error;
use crate::net::ftp::client::{Control, FtpError, Observer, Reply, Wire};
use crate::output::sink::{ErrStream, Sink};
use crate::tr;

/// The most a listing may hold: a directory of a million entries is not read into memory.
const LISTING_LIMIT: u64 = 16 << 20;

/// The user and password when the target names none (RFC 1635's anonymous FTP).
const ANONYMOUS: (&str, &str) = ("anonymous", "netlearn@");

/// Where and as whom to log in, and what to list or fetch.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Target {
    host: url::Host,
    port: u16,
    user: String,
    password: String,
    /// The path after the host, decoded; empty for the login directory.
    path: String,
}

/// Reads `ftp://[user[:password]@]host[:port][/path]` or `host[:port][/path]`.
fn target(text: &str) -> Result<Target, String> {
    let with_scheme = if text.contains("://") {
        text.to_string()
    } else {
        format!("ftp://{text}")
    };
    let url = url::Url::parse(&with_scheme).map_err(|_| tr!("ftp-client-unreadable"))?;
    if url.scheme() != "ftp" {
        return Err(tr!("ftp-client-scheme", scheme = url.scheme().to_string()));
    }
    let host = url
        .host()
        .map(|h| h.to_owned())
        .ok_or_else(|| tr!("ftp-client-no-host"))?;
    let decode = |s: &str| percent_decode(s);
    let (user, password) = if url.username().is_empty() {
        (ANONYMOUS.0.to_string(), ANONYMOUS.1.to_string())
    } else {
        (
            decode(url.username()),
            url.password().map_or_else(String::new, decode),
        )
    };
    Ok(Target {
        host,
        port: url.port().unwrap_or(21),
        user,
        password,
        path: decode(url.path().trim_start_matches('/')),
    })
}

/// `%41` → `A`; a malformed escape stays as it is.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[at],
            bytes.get(at + 1).copied().and_then(hex),
            bytes.get(at + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                at += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn resolve(target: &Target) -> anyhow::Result<SocketAddr> {
    let ip = match &target.host {
        url::Host::Ipv4(ip) => IpAddr::V4(*ip),
        url::Host::Ipv6(ip) => IpAddr::V6(*ip),
        url::Host::Domain(name) => {
            let found = tokio::net::lookup_host((name.as_str(), target.port))
                .await
                .ok()
                .and_then(|mut addrs| addrs.next());
            return found.ok_or_else(|| {
                Error::Runtime(tr!("ftp-client-no-address", host = name.clone())).into()
            });
        }
    };
    Ok(SocketAddr::new(ip, target.port))
}

/// Prints each step of the session on standard error as it happens; a password as `****`.
fn dialogue(err: ErrStream, data_ends: Arc<Mutex<Vec<(SocketAddr, SocketAddr)>>>) -> Observer {
    Box::new(move |step| {
        if let Wire::DataOpened { local, peer, .. } = &step
            && let Ok(mut ends) = data_ends.lock()
        {
            ends.push((*local, *peer));
        }
        let shown = match step {
            Wire::Sent { line } => Wire::Sent {
                line: hidden_password(line),
            },
            other => other,
        };
        let text = words::wire_text(&shown);
        // Standard error fits the width where one is known, as standard output does.
        let screen = crate::output::screen::screen();
        let text = if screen.fits_width || screen.progress {
            crate::output::width::wrap_hanging(
                &text,
                "    ",
                crate::output::width::terminal_width(),
            )
        } else {
            text
        };
        err.write_text(&format!("{text}\n"));
    })
}

/// A line the client sent, its password (if it is `PASS`) as `****`: the rule a ladder's and a
/// capture's payload previews follow too.
fn hidden_password(line: String) -> String {
    match crate::net::ftp::password::hide_passwords(line.as_bytes()) {
        std::borrow::Cow::Borrowed(_) => line,
        std::borrow::Cow::Owned(hidden) => String::from_utf8_lossy(&hidden).into_owned(),
    }
}

fn refused(command: &str, reply: &Reply) -> FtpError {
    // The reply's words without its code, which the error says once.
    let text = reply
        .lines
        .iter()
        .map(|line| {
            let code = reply.code.to_string();
            line.strip_prefix(code.as_str())
                .map_or(line.as_str(), |rest| rest.trim_start_matches(['-', ' ']))
        })
        .collect::<Vec<_>>()
        .join(" ");
    FtpError::Refused {
        command: command.to_string(),
        code: reply.code,
        text,
    }
}

/// Logs in and asks for binary transfers.
async fn login(control: &mut Control, target: &Target) -> Result<(), FtpError> {
    let user = format!("USER {}", target.user);
    let reply = control.send(&user).await?;
    match reply.code {
        230 => {}
        331 | 332 => {
            let pass = format!("PASS {}", target.password);
            let reply = control.send(&pass).await?;
            if !matches!(reply.code, 202 | 230) {
                return Err(refused("PASS ****", &reply));
            }
        }
        _ => return Err(refused(&user, &reply)),
    }
    control.expect("TYPE I").await?;
    Ok(())
}

/// Runs `command` (LIST, RETR) over a new data connection and returns what it carried, at most
/// `limit` bytes, once the server has said the transfer is complete.
async fn transfer(
    control: &mut Control,
    command: &str,
    active: bool,
    limit: u64,
) -> Result<Vec<u8>, FtpError> {
    let data = if active {
        let (listener, _, _) = control.port().await?;
        let reply = control.send(command).await?;
        if reply.code >= 400 {
            return Err(refused(command, &reply));
        }
        let stream = control.accept_data(&listener).await?;
        control.read_data(stream, limit).await?
    } else {
        // EPSV names only a port (on the control connection's address, IPv4 or IPv6); a
        // server without it gets PASV.
        let port = match control.extended_passive().await {
            Ok((_, port)) => port,
            Err(FtpError::Refused { .. }) => control.passive().await?.1.port,
            Err(error) => return Err(error),
        };
        let stream = control
            .open_data(SocketAddr::new(control.peer().ip(), port))
            .await?;
        let reply = control.send(command).await?;
        if reply.code >= 400 {
            return Err(refused(command, &reply));
        }
        control.read_data(stream, limit).await?
    };
    let done = control.reply().await?;
    if !done.is_ok() {
        return Err(refused(command, &done));
    }
    Ok(data)
}

/// What a client command does once logged in.
enum Job<'a> {
    List,
    Fetch { max: u64, output: Option<&'a Path> },
}

pub fn run_ls(args: &FtpLsArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    run(&args.client, Job::List, sink)
}

pub fn run_get(args: &FtpGetArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let max = u64::try_from(args.max_size).unwrap_or(u64::MAX);
    run(
        &args.client,
        Job::Fetch {
            max,
            output: args.output.as_deref(),
        },
        sink,
    )
}

fn run(args: &FtpClientArgs, job: Job, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let target = target(&args.target).map_err(|why| {
        Error::Usage(tr!(
            "ftp-client-bad-target",
            target = crate::output::escape::terminal_safe(&args.target).into_owned(),
            why = why
        ))
    })?;
    if let Job::Fetch { .. } = job
        && target.path.is_empty()
    {
        return Err(Error::Usage(tr!(
            "ftp-client-no-file",
            target = crate::output::escape::terminal_safe(&args.target).into_owned()
        ))
        .into());
    }
    let err = sink.err();
    let (format, out) = sink.parts();
    // Started before the first packet; where this process may not capture, one line says why
    // and the transfer goes on without a picture.
    let recording = if args.ladder {
        match crate::net::wire::live::Recording::start("lo") {
            Ok(recording) => Some(recording),
            Err(error) => {
                let lang = crate::i18n::language();
                err.write_text(&format!(
                    "{}\n",
                    crate::app::wire::words::live_error(lang, "lo", &error)
                ));
                None
            }
        }
    } else {
        None
    };
    let runtime = crate::app::process::runtime().with_context(|| tr!("process-no-runtime"))?;
    let data_ends = Arc::new(Mutex::new(Vec::new()));
    let observer = dialogue(err.clone(), data_ends.clone());
    let (addr, data) = runtime.block_on(async {
        let addr = resolve(&target).await?;
        let lang = crate::i18n::language();
        let failed = |error: FtpError| Error::Runtime(words::ftp_error(lang, &error));
        let (mut control, greeting) = Control::connect(addr, args.timeout, observer)
            .await
            .map_err(failed)?;
        if !greeting.is_ok() {
            return Err(failed(refused("", &greeting)).into());
        }
        login(&mut control, &target).await.map_err(failed)?;
        let data = match &job {
            Job::List => {
                let command = if target.path.is_empty() {
                    "LIST".to_string()
                } else {
                    format!("LIST {}", target.path)
                };
                transfer(&mut control, &command, args.active, LISTING_LIMIT).await
            }
            Job::Fetch { max, .. } => {
                transfer(
                    &mut control,
                    &format!("RETR {}", target.path),
                    args.active,
                    *max,
                )
                .await
            }
        }
        .map_err(failed)?;
        // A server that does not answer QUIT costs nothing: the transfer is done.
        let _ = tokio::time::timeout(Duration::from_secs(2), control.send("QUIT")).await;
        anyhow::Ok((addr, data))
    })?;
    match job {
        Job::List => {
            let text = String::from_utf8_lossy(&data);
            for line in text.lines() {
                writeln!(out, "{}", crate::output::escape::terminal_safe(line))?;
            }
        }
        Job::Fetch {
            output: Some(path), ..
        } => {
            std::fs::write(path, &data).map_err(|error| {
                Error::Runtime(tr!(
                    "ftp-client-cannot-write",
                    path = crate::output::escape::terminal_safe(&path.display().to_string())
                        .into_owned(),
                    cause = crate::app::text::system_error_in(crate::i18n::language(), &error)
                ))
            })?;
        }
        Job::Fetch { output: None, .. } => {
            crate::output::spaces::verbatim(|| out.write_all(&data))?;
        }
    }
    out.flush()?;
    if let Some(recording) = recording
        && format == crate::output::Format::Table
    {
        let link = recording.link();
        let data_ends = data_ends.lock().map(|e| e.clone()).unwrap_or_default();
        let ports: Vec<u16> = std::iter::once(addr.port())
            .chain(data_ends.iter().flat_map(|(a, b)| [a.port(), b.port()]))
            .collect();
        let frames: Vec<crate::net::wire::live::Captured> = recording
            .finish()
            .0
            .into_iter()
            .filter_map(|item| match item {
                crate::net::wire::live::Recorded::Frame(frame) => Some(frame),
                crate::net::wire::live::Recorded::Mark(_) => None,
            })
            .filter(|frame| {
                let packet = crate::net::wire::decode(link, &frame.data);
                matches!(packet.body, crate::net::wire::Body::Tcp { .. })
                    && ports.iter().any(|&port| packet.involves_port(port))
            })
            .collect();
        let mut picture = Vec::new();
        crate::app::wire::ladder::write_ftp(&frames, link, addr.port(), &data_ends, &mut picture)?;
        err.write_text(&String::from_utf8_lossy(&picture));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dialogue hides every password, the anonymous one too: the rule of the ladder's and
    /// the capture's previews, where netlearn cannot tell whose a password is.
    #[test]
    fn the_dialogue_shows_every_password_as_stars() {
        for password in [ANONYMOUS.1, "s3cret"] {
            assert_eq!(hidden_password(format!("PASS {password}")), "PASS ****");
        }
        assert_eq!(hidden_password("USER anonymous".into()), "USER anonymous");
    }

    #[test]
    fn targets_name_host_port_user_and_path() {
        let t = target("127.0.0.1:2121/pub/a%20b.txt").expect("a target");
        assert_eq!(t.host, url::Host::<String>::Ipv4([127, 0, 0, 1].into()));
        assert_eq!(
            (t.port, t.user.as_str(), t.path.as_str()),
            (2121, "anonymous", "pub/a b.txt")
        );
        let t = target("ftp://demo:p%40ss@[::1]/").expect("a target");
        assert_eq!(
            (
                t.port,
                t.user.as_str(),
                t.password.as_str(),
                t.path.as_str()
            ),
            (21, "demo", "p@ss", "")
        );
        assert!(target("http://example.org/").is_err());
        assert!(target("ftp://:21/x").is_err());
    }
}
