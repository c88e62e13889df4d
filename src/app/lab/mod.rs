//! `netlearn lab`: the guided scenario, `lab up`, `lab run`, `lab shell`, `lab ping|trace`;
//! and `ping` / `trace` on this machine (in `ping`).

pub mod congestion;
pub mod exercise;
pub mod export;
pub mod file_run;
pub mod impair_view;
pub mod ladder;
pub mod nat;
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
use crate::net::lab::exercise::Exercise;
use crate::net::lab::resolv;
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
    // Neither lists nor grades need a lab of their own.
    match &args.command {
        Some(LabCommand::Exercise(exercise)) if exercise.name.is_none() => {
            return exercise::list(sink);
        }
        Some(LabCommand::Check(_)) => return exercise::check(sink),
        _ => {}
    }
    // `lab export` writes a file: no namespace, no child process.
    if let Some(LabCommand::Export(export_args)) = &args.command {
        let (format, out) = sink.parts();
        return export::run(export_args, format, out);
    }
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
    if let Some(host) = host_name {
        file_run::known_host(host)?;
    }
    // A file with a mistake is told at once, before any namespace is made.
    let up_file = match &args.command {
        Some(LabCommand::Up(up)) => up.topology_file(),
        _ => None,
    };
    let up_topology = match up_file {
        Some(path) => Some(file_run::read(path)?.topology),
        None => None,
    };
    if let (None, Some(path)) = (&args.command, &args.topology) {
        file_run::read(path)?;
    }
    if let Some(LabCommand::LinkTest(test)) = &args.command {
        impair_view::topology(test, link_test_file(test)?)?;
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
        Some(LabCommand::Up(up)) => run_up(
            up_topology.unwrap_or_else(Topology::default_lab),
            up.duration,
            format,
            out,
        ),
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
        Some(LabCommand::Exercise(args)) => match args.name {
            Some(name) => {
                let chosen = exercise::exercise(name);
                run_up_as(chosen.topology(), Some(chosen), args.duration, format, out)
            }
            None => exercise::list(sink),
        },
        Some(LabCommand::Check(_)) => exercise::check(sink),
        Some(LabCommand::Nat(args)) => nat::run(args.ladder, format, out),
        Some(LabCommand::Export(export_args)) => export::run(export_args, format, out),
        Some(LabCommand::LinkTest(test)) => {
            impair_view::run(test, link_test_file(test)?, format, out)
        }
        Some(LabCommand::Congestion(congestion)) => congestion::run(congestion, format, out, &err),
    }
}

/// The topology file `lab link-test --topology FILE` names, read and checked whole.
fn link_test_file(args: &crate::cli::LabLinkTestArgs) -> anyhow::Result<Option<Topology>> {
    args.topology.as_deref().map(file_run::topology).transpose()
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
        Some(LabCommand::Nat(args)) => {
            argv.push("nat".into());
            if args.ladder {
                argv.push("--ladder".into());
            }
        }
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
    run_up_as(topology, None, duration, format, out)
}

/// [`run_up`] for `exercise` where there is one: the lab broken as the exercise says, its name
/// published for `lab check`, its task said instead of the plain lab's lines. Every host gets
/// its own resolver file (`lab run` and `lab shell` see it as /etc/resolv.conf).
fn run_up_as(
    topology: Topology,
    exercise: Option<Exercise>,
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
    if let Some(exercise) = exercise
        && let Err(error) = exercise.break_lab(&running.lab)
    {
        running.stop();
        return Err(anyhow::anyhow!(exercise::cannot_break(exercise, &error)));
    }
    let host_files = resolver_files(&running.lab.topology, exercise);
    let host_files = match host_files {
        Ok(files) => files,
        Err(error) => {
            running.stop();
            return Err(anyhow::anyhow!(words::publish_error(
                crate::i18n::language(),
                &error
            )));
        }
    };
    let user_namespace = matches!(private_net::access(), Some(Access::PrivateNetwork));
    let publication = attach::publish(&attach::Published {
        pid: std::process::id(),
        user_namespace,
        hosts: running.lab.descriptors(),
        exercise: exercise.map(|e| e.name().to_string()),
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
    let pid = std::process::id();
    let lines = if running.lab.topology == Topology::default_lab() {
        text::up_ready(pid)
    } else {
        file_run::up_lines(&running.lab.topology, pid)
    };
    let ready = Ready {
        build_ms: running.lab.build_time.as_secs_f64() * 1e3,
        hosts: running.lab.topology.hosts.iter().map(|h| &h.name).collect(),
        pid,
        kind: "up",
        lines,
    };
    match exercise {
        Some(exercise) => {
            output::write_record(&exercise::Started::new(exercise, ready), format, out)?
        }
        None => output::write_record(&ready, format, out)?,
    }
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
    drop(host_files);
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
    let (running, ns, lab_pid, host_files) = match attach::joined() {
        Some(published) => {
            let ns = attach::host_namespace(published, host)
                .with_context(|| text::cannot_join(published.pid))?;
            (None, ns, published.pid, None)
        }
        None => {
            let running = Running::start(Topology::default_lab())?;
            let ns = running
                .lab
                .namespace(host)
                .ok_or_else(|| NetlearnError::Usage(text::host_unknown(host)))?
                .try_clone()?;
            // This command's own lab: its resolver files live as long as it does. Where they
            // cannot be written the command runs with the machine's file, as before.
            let files = resolver_files(&running.lab.topology, None).ok();
            (Some(running), ns, std::process::id(), files)
        }
    };
    // A regular file of ours (no symbolic link) in the lab's private directory.
    let resolver = resolv::open(lab_pid, host)
        .ok()
        .and_then(|_| resolv::path(lab_pid, host));
    let status = spawn_inside(&ns, host, command, shell_for, resolver.as_deref());
    drop(ns);
    drop(host_files);
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
    resolver: Option<&std::path::Path>,
) -> anyhow::Result<std::process::ExitStatus> {
    use std::os::unix::ffi::OsStrExt;
    // The host's resolver file is bind-mounted over /etc/resolv.conf in a mount namespace of
    // the command's own (as `ip netns exec` does), where this machine has that file; the
    // path is made here, before the fork. (By its path: a descriptor opened before the new
    // mount namespace exists belongs to the old one, which a bind mount refuses.)
    let bind = resolver
        .filter(|_| std::fs::metadata(RESOLV_CONF).is_ok())
        .and_then(|path| std::ffi::CString::new(path.as_os_str().as_bytes()).ok());
    let Some((program, rest)) = command.split_first() else {
        return Err(NetlearnError::Usage(text::run_needs_command()).into());
    };
    // Enters the host's network namespace first (between fork and exec), then the steps below.
    let mut child = ns
        .command(program)
        .with_context(|| text::cannot_run(program, host))?;
    child.args(rest).env("NETLEARN_LAB_HOST", host);
    if let Some(host) = shell_for {
        child.env("PS1", format!("[lab {host}] $ "));
    }
    // SAFETY: between fork and exec only async-signal-safe calls: unshare, mount and signal
    // (the strings they take were made before the fork).
    unsafe {
        child.pre_exec(move || {
            if let Some(source) = &bind {
                bind_resolver(source)?;
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

/// The file every program reads to find its DNS server.
const RESOLV_CONF: &str = "/etc/resolv.conf";

/// In a child between fork and exec: a mount namespace of its own, nothing of which reaches
/// the machine's (/ made a recursive slave), and `source` (the host's resolver file, opened
/// in the lab's private directory) bound onto /etc/resolv.conf.
///
/// # Safety
/// Only async-signal-safe calls; for a child process between fork and exec.
unsafe fn bind_resolver(source: &std::ffi::CStr) -> std::io::Result<()> {
    let failed = || Err(std::io::Error::last_os_error());
    // SAFETY: unshare and mount with NUL-terminated strings that outlive the calls.
    unsafe {
        if libc::unshare(libc::CLONE_NEWNS) != 0 {
            return failed();
        }
        let none = std::ptr::null();
        if libc::mount(
            none,
            c"/".as_ptr(),
            none,
            libc::MS_REC | libc::MS_SLAVE,
            std::ptr::null(),
        ) != 0
        {
            return failed();
        }
        if libc::mount(
            source.as_ptr(),
            c"/etc/resolv.conf".as_ptr(),
            none,
            libc::MS_BIND,
            std::ptr::null(),
        ) != 0
        {
            return failed();
        }
    }
    Ok(())
}

/// Writes each host's resolver file for the lab of this process: the exercise's where there
/// is one, else the lab's DNS server.
fn resolver_files(
    topology: &Topology,
    exercise: Option<Exercise>,
) -> Result<resolv::HostFiles, attach::PublishError> {
    let files: Vec<(String, String)> = topology
        .hosts
        .iter()
        .map(|host| {
            let content = match exercise {
                Some(exercise) => exercise.resolv_conf(topology, &host.name),
                None => resolv::default_conf(topology),
            };
            (host.name.clone(), content)
        })
        .collect();
    resolv::HostFiles::create(std::process::id(), &files)
}

/// `lab up`'s record once the lab is built: who to attach to, and what is in it.
#[derive(serde::Serialize)]
/// Fields in the order the record always had (alphabetical).
pub(crate) struct Ready<'a> {
    pub build_ms: f64,
    pub hosts: Vec<&'a String>,
    pub pid: u32,
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// What the text says: the lab's hosts, how to step in, who owns it.
    #[serde(skip)]
    pub lines: Vec<String>,
}

impl output::Render for Ready<'_> {
    fn render(&self, out: &mut dyn Write) -> std::io::Result<()> {
        for line in &self.lines {
            output::write_prose_line(out, line)?;
        }
        Ok(())
    }
}
