//! A command run inside a lab host, supervised as sudo and docker supervise theirs: SIGTERM,
//! SIGINT and SIGHUP sent to this process are passed on to the command, which gets a grace
//! period to end before it is killed; only then does the caller tear the lab down. Without
//! this, a `kill` of netlearn would leave the command running in a namespace nobody owns.
//!
//! A signal a terminal sends (Ctrl-C, a hang-up) reaches the command's process group by itself,
//! so only signals sent by a process (`kill`, a service manager) are passed on: the command
//! never gets the same Ctrl-C twice.

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::process::{Child, ExitStatus};
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::{Duration, Instant};

/// The signals passed on to the command.
pub const FORWARDED: [i32; 3] = [libc::SIGTERM, libc::SIGINT, libc::SIGHUP];

/// The write end of the pipe the signal handler writes to (-1: no forwarder installed).
static WAKE: AtomicI32 = AtomicI32::new(-1);

/// Writes the signal's number and whether a process sent it (si_code <= 0: SI_USER, SI_QUEUE,
/// SI_TKILL) to the pipe. Async-signal-safe: an atomic load and write(2), errno kept.
extern "C" fn on_signal(signo: libc::c_int, info: *mut libc::siginfo_t, _: *mut libc::c_void) {
    // SAFETY: errno is thread-local; reading and restoring it is what a handler must do.
    let saved = unsafe { *libc::__errno_location() };
    let fd = WAKE.load(Ordering::Relaxed);
    if fd >= 0 {
        // SAFETY: the kernel passes a valid siginfo to an SA_SIGINFO handler.
        let sent = !info.is_null() && unsafe { (*info).si_code } <= 0;
        let message = [signo as u8, u8::from(sent)];
        // SAFETY: write(2) on a pipe descriptor from a buffer of 2 bytes. A full pipe drops the
        // message (the descriptor is non-blocking): the waiting loop is awake by then anyway.
        unsafe { libc::write(fd, message.as_ptr().cast(), message.len()) };
    }
    // SAFETY: as above.
    unsafe { *libc::__errno_location() = saved };
}

/// How a supervised command ended.
#[derive(Debug)]
pub struct Ended {
    pub status: ExitStatus,
    /// The first signal passed on to it, if any was.
    pub forwarded: Option<i32>,
    /// It outlived the grace period and was killed (SIGKILL).
    pub killed: bool,
}

/// Signal handlers installed for one supervised command; dropping it puts the previous
/// handlers back. One at a time per process.
pub struct Supervisor {
    read: OwnedFd,
    write: OwnedFd,
    previous: Vec<(i32, libc::sigaction)>,
}

fn last_error() -> io::Error {
    io::Error::last_os_error()
}

impl Supervisor {
    /// Installs the handlers: call it before spawning the command, so that a signal that comes
    /// right after the spawn is passed on, and an exit right after it is seen.
    pub fn install() -> io::Result<Supervisor> {
        let mut fds = [0; 2];
        // SAFETY: pipe2 fills two descriptors, owned below.
        if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_NONBLOCK | libc::O_CLOEXEC) } != 0 {
            return Err(last_error());
        }
        // SAFETY: both descriptors were just opened and belong to nobody else.
        let (read, write) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
        if WAKE
            .compare_exchange(-1, write.as_raw_fd(), Ordering::SeqCst, Ordering::SeqCst)
            .is_err()
        {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                "a command is already supervised",
            ));
        }
        let mut supervisor = Supervisor {
            read,
            write,
            previous: Vec::new(),
        };
        for signal in FORWARDED.into_iter().chain([libc::SIGCHLD]) {
            // SAFETY: sigaction is plain data; zeroed is a valid start.
            let mut action: libc::sigaction = unsafe { std::mem::zeroed() };
            action.sa_sigaction = on_signal as *const () as libc::sighandler_t;
            action.sa_flags = libc::SA_SIGINFO | libc::SA_RESTART | libc::SA_NOCLDSTOP;
            // SAFETY: sa_mask is a sigset_t inside the action.
            unsafe { libc::sigemptyset(&raw mut action.sa_mask) };
            // SAFETY: as above.
            let mut previous: libc::sigaction = unsafe { std::mem::zeroed() };
            // SAFETY: installing a handler that only does async-signal-safe work.
            if unsafe { libc::sigaction(signal, &action, &mut previous) } != 0 {
                return Err(last_error());
            }
            supervisor.previous.push((signal, previous));
        }
        Ok(supervisor)
    }

    /// Waits for `child` to end, passing on every forwarded signal that a process sends; once
    /// one was passed on, the child has `grace` to end before it is killed.
    pub fn wait(&self, child: &mut Child, grace: Duration) -> io::Result<Ended> {
        let pid = i32::try_from(child.id()).map_err(io::Error::other)?;
        let mut forwarded = None;
        let mut deadline: Option<Instant> = None;
        let mut killed = false;
        loop {
            // Before every sleep: an exit whose SIGCHLD came before the handler is seen here.
            if let Some(status) = child.try_wait()? {
                return Ok(Ended {
                    status,
                    forwarded,
                    killed,
                });
            }
            let timeout = deadline.map_or(-1, |deadline| {
                let left = deadline.saturating_duration_since(Instant::now());
                i32::try_from(left.as_millis() + 1).unwrap_or(i32::MAX)
            });
            let mut poll = libc::pollfd {
                fd: self.read.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd.
            let ready = unsafe { libc::poll(&mut poll, 1, timeout) };
            if ready < 0 {
                let error = last_error();
                if error.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(error);
            }
            if ready == 0 {
                if deadline.is_some_and(|deadline| Instant::now() >= deadline) {
                    // The child has not reaped yet (try_wait above), so the pid is still its.
                    child.kill()?;
                    killed = true;
                    deadline = None;
                }
                continue;
            }
            let mut messages = [0u8; 64];
            // SAFETY: reading into a buffer of its own length from our pipe.
            let got = unsafe {
                libc::read(
                    self.read.as_raw_fd(),
                    messages.as_mut_ptr().cast(),
                    messages.len(),
                )
            };
            let Ok(got) = usize::try_from(got) else {
                continue;
            };
            for message in messages[..got].chunks_exact(2) {
                let (signal, sent) = (i32::from(message[0]), message[1] != 0);
                if signal == libc::SIGCHLD || !sent {
                    continue;
                }
                // SAFETY: signalling our own child, not yet reaped (see above).
                if unsafe { libc::kill(pid, signal) } == 0 {
                    forwarded.get_or_insert(signal);
                    if !killed {
                        deadline.get_or_insert_with(|| Instant::now() + grace);
                    }
                }
            }
        }
    }
}

impl Drop for Supervisor {
    fn drop(&mut self) {
        for (signal, previous) in self.previous.drain(..).rev() {
            // SAFETY: putting back the action sigaction returned.
            unsafe { libc::sigaction(signal, &previous, std::ptr::null_mut()) };
        }
        let _ = WAKE.compare_exchange(
            self.write.as_raw_fd(),
            -1,
            Ordering::SeqCst,
            Ordering::SeqCst,
        );
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::process::ExitStatusExt;
    use std::process::{Command, Stdio};

    use super::*;

    /// The handlers are process-wide: these tests take turns.
    static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());

    #[test]
    fn a_signal_sent_to_this_process_reaches_the_child_and_ends_the_wait() {
        let _turn = TURN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let supervisor = Supervisor::install().expect("install");
        let mut child = Command::new("sleep")
            .arg("25")
            .stdin(Stdio::null())
            .spawn()
            .expect("sleep");
        // A process-directed signal, as `kill PID` sends (SI_USER).
        // SAFETY: signalling this process, whose handler is installed.
        unsafe { libc::kill(libc::getpid(), libc::SIGTERM) };
        let ended = supervisor
            .wait(&mut child, Duration::from_secs(20))
            .expect("wait");
        assert_eq!(ended.status.signal(), Some(libc::SIGTERM), "{ended:?}");
        assert_eq!(ended.forwarded, Some(libc::SIGTERM));
        assert!(!ended.killed);
    }

    #[test]
    fn a_child_that_ignores_the_signal_is_killed_after_the_grace_period() {
        let _turn = TURN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let supervisor = Supervisor::install().expect("install");
        // The shell ignores SIGTERM, says so, and replaces itself with sleep, which keeps
        // ignoring it.
        let mut child = Command::new("sh")
            .args(["-c", "trap '' TERM; echo ready; exec sleep 25"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .expect("sh");
        let mut ready = String::new();
        std::io::BufRead::read_line(
            &mut std::io::BufReader::new(child.stdout.take().expect("stdout")),
            &mut ready,
        )
        .expect("read");
        assert_eq!(ready, "ready\n");
        // SAFETY: as above.
        unsafe { libc::kill(libc::getpid(), libc::SIGTERM) };
        let ended = supervisor
            .wait(&mut child, Duration::from_millis(300))
            .expect("wait");
        assert!(ended.killed, "{ended:?}");
        assert_eq!(ended.status.signal(), Some(libc::SIGKILL));
    }

    #[test]
    fn an_exit_without_signals_is_the_childs_status() {
        let _turn = TURN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let supervisor = Supervisor::install().expect("install");
        let mut child = Command::new("sh")
            .args(["-c", "exit 3"])
            .spawn()
            .expect("sh");
        let ended = supervisor
            .wait(&mut child, Duration::from_secs(1))
            .expect("wait");
        assert_eq!((ended.status.code(), ended.forwarded), (Some(3), None));
        drop(supervisor);
        assert!(
            Supervisor::install().is_ok(),
            "installed again after a drop"
        );
    }
}
