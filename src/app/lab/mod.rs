//! `netlearn lab`: the guided scenario, `lab up`, `lab run`, `lab shell`, `lab ping|trace`;
//! and `ping` / `trace` on this machine (in `ping`).

pub mod congestion;
pub mod file_run;
pub mod impair_view;
pub mod ladder;
pub mod picture;
pub mod picture_svg;
pub mod ping;
pub mod scenario;
pub mod text;
pub mod words;

use std::io::Write;
use std::os::unix::process::CommandExt;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;

use crate::cli::{LabArgs, LabCommand, LabMistake};
use crate::error::Error as NetlearnError;
use crate::net::lab::attach;
use crate::net::lab::services::Services;
use crate::net::lab::supervise;
use crate::net::lab::{Lab, Mistake, Topology};
use crate::net::wire::private_net::{self, Access};
use crate::output::sink::{ErrStream, Sink};
use crate::output::{self, Format};

fn mistake(m: LabMistake) -> Mistake {
    match m {
        LabMistake::Mask => Mistake::Mask,
        LabMistake::Gateway => Mistake::Gateway,
        LabMistake::GatewayOffSubnet => Mistake::GatewayOffSubnet,
        LabMistake::NoForwarding => Mistake::NoForwarding,
    }
}

/// Fails with the paragraph that says why, where no namespace can be made.
fn check_access() -> anyhow::Result<()> {
    if attach::joined().is_some() {
        return Ok(());
    }
    if let Access::Unavailable(refusal) = private_net::prepare() {
        anyhow::bail!(text::refusal(refusal));
    }
    Ok(())
}

pub fn run(args: &LabArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let err = sink.err();
    let (format, out) = sink.parts();
    // Run inside another command (a glossary or tour demo) without root: this process was
    // not prepared before its threads started, and entering a namespace now would move the
    // rest of that command too. A child process of our own gets a clean start.
    // SAFETY: geteuid has no preconditions.
    if private_net::access().is_none()
        && attach::joined().is_none()
        && unsafe { libc::geteuid() } != 0
        && let Some(argv) = child_argv(args, format)
    {
        return run_child(&argv, out, &err);
    }
    let host_name = match &args.command {
        Some(LabCommand::Run(a)) => Some(a.host.as_str()),
        Some(LabCommand::Shell(a)) => Some(a.host.as_str()),
        Some(LabCommand::Ping(a)) => Some(a.host.as_str()),
        Some(LabCommand::Trace(a)) => Some(a.host.as_str()),
        _ => None,
    };
    if let Some(host) = host_name
        && Topology::default_lab().host(host).is_none()
    {
        return Err(NetlearnError::Usage(text::host_unknown(host)).into());
    }
    // A file with a mistake is told at once, before any namespace is made.
    if let (None, Some(path)) = (&args.command, &args.topology) {
        file_run::topology(path)?;
    }
    if let Some(LabCommand::LinkTest(test)) = &args.command {
        impair_view::topology(test)?;
    }
    check_access()?;
    match &args.command {
        None => match &args.topology {
            Some(path) => file_run::run(path, format, out),
            None => scenario::run(
                args.mistake.map(mistake),
                args.ladder,
                args.svg.as_deref(),
                format,
                out,
            ),
        },
        Some(LabCommand::Up(up)) => run_up(Topology::default_lab(), up.duration, format, out),
        Some(LabCommand::Run(run)) => run_command(&run.host, &run.command, None),
        Some(LabCommand::Shell(shell)) => {
            let program = std::env::var_os("SHELL").unwrap_or_else(|| "/bin/sh".into());
            run_command(&shell.host, &[program], Some(&shell.host))
        }
        Some(LabCommand::Ping(ping)) => {
            let answered = ping::run_lab_ping(ping, format, out)?;
            Ok(sink.verdict(answered))
        }
        Some(LabCommand::Trace(trace)) => {
            let reached = ping::run_lab_trace(trace, format, out)?;
            Ok(sink.verdict(reached))
        }
        Some(LabCommand::LinkTest(test)) => impair_view::run(test, format, out),
        Some(LabCommand::Congestion(congestion)) => congestion::run(congestion, format, out, &err),
    }
}

/// Why no lab can be built by this user here, if it cannot: asks a child process (a user
/// namespace cannot be tried from a process whose threads already run). Root: always.
pub fn unavailable() -> Option<String> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        return None;
    }
    let program = std::env::current_exe().ok()?;
    let output = std::process::Command::new(program)
        .args(["--lang", crate::i18n::language().code()])
        .args(["lab", "up", "--duration", "1ms"])
        // Its error is read as one line: not wrapped to a width.
        .env_remove("COLUMNS")
        .stdin(std::process::Stdio::null())
        .output()
        .ok()?;
    if output.status.success() {
        return None;
    }
    let said = String::from_utf8_lossy(&output.stderr);
    let prefix = format!("netlearn: {}: ", crate::tr!("clap-error"));
    Some(
        said.trim()
            .trim_start_matches(prefix.as_str())
            .trim_start_matches(&text::cannot_build(""))
            .to_string(),
    )
}

fn millis(duration: Duration) -> String {
    format!("{}ms", duration.as_millis())
}

/// The command line that runs `args` again in a child process (the commands demos use).
fn child_argv(args: &LabArgs, format: Format) -> Option<Vec<String>> {
    use clap::ValueEnum;
    // The child speaks the language chosen here, whatever its environment says.
    let mut argv: Vec<String> = vec!["--lang".into(), crate::i18n::language().code().into()];
    if format == Format::Json {
        argv.push("--json".into());
    }
    // Its packet lines as whole as here.
    if crate::app::wire::view::wide() {
        argv.push("--wide".into());
    }
    argv.push("lab".into());
    match &args.command {
        None => {
            if let Some(mistake) = args.mistake.and_then(|m| m.to_possible_value()) {
                argv.extend(["--mistake".to_string(), mistake.get_name().to_string()]);
            }
            if args.ladder {
                argv.push("--ladder".into());
            }
            if let Some(topology) = &args.topology {
                argv.push("--topology".into());
                argv.push(topology.display().to_string());
            }
            if let Some(svg) = &args.svg {
                argv.push("--svg".into());
                argv.push(svg.display().to_string());
            }
        }
        Some(LabCommand::Ping(ping)) => argv.extend([
            "ping".into(),
            ping.host.clone(),
            ping.target.clone(),
            "--count".into(),
            ping.ping.count.to_string(),
            "--ttl".into(),
            ping.ping.ttl.to_string(),
            "--timeout".into(),
            millis(ping.ping.timeout),
            "--interval".into(),
            millis(ping.ping.interval),
        ]),
        Some(LabCommand::Trace(trace)) => argv.extend([
            "trace".into(),
            trace.host.clone(),
            trace.target.clone(),
            "--max-hops".into(),
            trace.trace.max_hops.to_string(),
            "--timeout".into(),
            millis(trace.trace.timeout),
        ]),
        Some(_) => return None,
    }
    Some(argv)
}

/// Runs netlearn `argv` as a child process: its output to `out`, its standard error to `err`.
fn run_child(argv: &[String], out: &mut dyn Write, err: &ErrStream) -> anyhow::Result<ExitCode> {
    let program = std::env::current_exe().with_context(text::cannot_find_self)?;
    let output = std::process::Command::new(program)
        .args(argv)
        .stdin(std::process::Stdio::null())
        .output()
        .with_context(text::cannot_start_child)?;
    out.write_all(&output.stdout)?;
    let said = String::from_utf8_lossy(&output.stderr);
    if !said.trim().is_empty() {
        err.write_text(&format!("{}\n", said.trim_end()));
    }
    Ok(match output.status.code() {
        Some(0) => ExitCode::SUCCESS,
        Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        None => ExitCode::from(1),
    })
}

/// A lab with its servers, for the commands that use it and then leave.
pub(crate) struct Running {
    pub lab: Lab,
    services: Services,
}

impl Running {
    /// Builds `topology` and starts the servers its hosts name.
    pub fn start(topology: Topology) -> anyhow::Result<Running> {
        let lang = crate::i18n::language();
        let lab = Lab::build(topology)
            .map_err(|error| anyhow::anyhow!(words::build_error(lang, &error)))
            .with_context(text::cannot_build_lab)?;
        let services = Services::start(&lab)
            .map_err(|error| anyhow::anyhow!(words::start_error(lang, &error)))
            .with_context(text::cannot_start_servers)?;
        Ok(Running { lab, services })
    }

    pub fn stop(self) -> Duration {
        self.services.stop();
        self.lab.tear_down()
    }
}

/// Builds `topology`, publishes it for `lab run`/`lab shell` and keeps it until a signal or
/// `duration`.
fn run_up(
    topology: Topology,
    duration: Option<Duration>,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    use tokio::signal::unix::{SignalKind, signal};
    let runtime = crate::app::process::current_thread_runtime()?;
    // Listening before the lab says it is up: a signal right after that line must tear it
    // down, not kill the process before its handler exists.
    let (mut interrupt, mut terminate) = {
        let _entered = runtime.enter();
        (
            signal(SignalKind::interrupt())?,
            signal(SignalKind::terminate())?,
        )
    };
    let running = Running::start(topology)?;
    let user_namespace = matches!(private_net::access(), Some(Access::PrivateNetwork));
    let publication = attach::publish(&attach::Published {
        pid: std::process::id(),
        user_namespace,
        hosts: running.lab.descriptors(),
    });
    let publication = match publication {
        Ok(publication) => publication,
        Err(error) => {
            running.stop();
            return Err(anyhow::anyhow!(words::publish_error(
                crate::i18n::language(),
                &error
            )));
        }
    };
    output::write_record(
        &Ready {
            build_ms: running.lab.build_time.as_secs_f64() * 1e3,
            hosts: running.lab.topology.hosts.iter().map(|h| &h.name).collect(),
            pid: std::process::id(),
            kind: "up",
        },
        format,
        out,
    )?;
    runtime.block_on(async {
        let signalled = async {
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
            }
        };
        match duration {
            Some(limit) => {
                let _ = tokio::time::timeout(limit, signalled).await;
            }
            None => signalled.await,
        }
    });
    drop(publication);
    let took = running.stop();
    if format == Format::Table {
        output::write_prose_line(out, &text::up_down(took.as_secs_f64() * 1e3))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// How long a command inside the lab has to end after netlearn passed it a signal, before it
/// is killed (docker stop gives 10 s; a lab command is small).
const GRACE: Duration = Duration::from_secs(5);

/// Runs `command` inside `host` of a fresh lab, waits for it, tears the lab down and exits
/// with the command's status: its exit code, or 128 + the signal that ended it, as a shell
/// says. SIGTERM, SIGINT and SIGHUP sent to netlearn are passed on to the command first, so
/// nothing it started outlives the lab.
fn run_command(
    host: &str,
    command: &[std::ffi::OsString],
    shell_for: Option<&str>,
) -> anyhow::Result<ExitCode> {
    // The lab of a running `lab up` where there is one; else a fresh lab for this command.
    let (running, ns) = match attach::joined() {
        Some(published) => {
            let ns = attach::host_namespace(published, host)
                .with_context(|| text::cannot_join(published.pid))?;
            (None, ns)
        }
        None => {
            let running = Running::start(Topology::default_lab())?;
            let ns = running
                .lab
                .namespace(host)
                .ok_or_else(|| NetlearnError::Usage(text::host_unknown(host)))?
                .try_clone()?;
            (Some(running), ns)
        }
    };
    let status = spawn_inside(&ns, host, command, shell_for);
    drop(ns);
    if let Some(running) = running {
        running.stop();
    }
    let status = status?;
    Ok(ExitCode::from(exit_code(status)))
}

/// A shell's `$?` for a command that ended with `status`.
fn exit_code(status: std::process::ExitStatus) -> u8 {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => u8::try_from(code).unwrap_or(1),
        (None, Some(signal)) => u8::try_from(128 + signal).unwrap_or(1),
        (None, None) => 1,
    }
}

/// Runs `command` with its network namespace set to `ns` and waits for it, passing on the
/// signals netlearn gets.
fn spawn_inside(
    ns: &crate::net::lab::netns::NetNs,
    host: &str,
    command: &[std::ffi::OsString],
    shell_for: Option<&str>,
) -> anyhow::Result<std::process::ExitStatus> {
    let fd = ns.raw_fd();
    let Some((program, rest)) = command.split_first() else {
        return Err(NetlearnError::Usage(text::run_needs_command()).into());
    };
    let mut child = std::process::Command::new(program);
    child.args(rest).env("NETLEARN_LAB_HOST", host);
    if let Some(host) = shell_for {
        child.env("PS1", format!("[lab {host}] $ "));
    }
    // SAFETY: between fork and exec only async-signal-safe calls: setns and signal.
    unsafe {
        child.pre_exec(move || {
            if libc::setns(fd, libc::CLONE_NEWNET) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            // The command starts with every signal's default action, not netlearn's handlers
            // (a signal that comes before exec then ends it, as it would end the command).
            for signal in supervise::FORWARDED
                .into_iter()
                .chain([libc::SIGQUIT, libc::SIGCHLD])
            {
                libc::signal(signal, libc::SIG_DFL);
            }
            Ok(())
        });
    }
    // Installed before the spawn: a signal right after it is passed on, not lost.
    let supervisor = supervise::Supervisor::install()?;
    let mut spawned = child
        .spawn()
        .with_context(|| text::cannot_run(program, host))?;
    // Ctrl-C and Ctrl-\ are for the command (as a shell does): the terminal sends them to it
    // directly, and the lab goes when it has ended.
    // SAFETY: setting a signal disposition to ignore.
    unsafe {
        libc::signal(libc::SIGQUIT, libc::SIG_IGN);
    }
    Ok(supervisor.wait(&mut spawned, GRACE)?.status)
}

/// `lab up`'s record once the lab is built: who to attach to, and what is in it.
#[derive(serde::Serialize)]
/// Fields in the order the record always had (alphabetical).
struct Ready<'a> {
    build_ms: f64,
    hosts: Vec<&'a String>,
    pid: u32,
    #[serde(rename = "type")]
    kind: &'static str,
}

impl output::Render for Ready<'_> {
    fn render(&self, out: &mut dyn Write) -> std::io::Result<()> {
        for line in text::up_ready(self.pid) {
            output::write_prose_line(out, &line)?;
        }
        Ok(())
    }
}
