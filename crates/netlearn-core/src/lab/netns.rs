//! Network namespaces held only by file descriptors: a thread unshares, opens its
//! `/proc/thread-self/ns/net` and ends, so the namespace lives exactly as long as the
//! descriptor (and any socket made in it). No bind mount under /run/netns, nothing to clean.

use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::Command;

/// One network namespace, alive while this value (or a socket made inside) is.
#[derive(Debug)]
pub struct NetNs {
    fd: OwnedFd,
}

fn last_error() -> io::Error {
    io::Error::last_os_error()
}

/// A panic on a lab thread is a bug of this process, not an error of the lab: it goes on as
/// the same panic on the caller's thread, as if the work had run there.
fn joined<T>(result: std::thread::Result<io::Result<T>>) -> io::Result<T> {
    match result {
        Ok(result) => result,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

impl NetNs {
    /// Makes a new, empty network namespace (only a `lo`, down).
    pub fn new() -> io::Result<NetNs> {
        // A thread of its own: unshare moves only the calling thread, which then ends.
        joined(
            std::thread::spawn(|| {
                // SAFETY: unshare changes only this thread's network namespace.
                if unsafe { libc::unshare(libc::CLONE_NEWNET) } != 0 {
                    return Err(last_error());
                }
                let file = File::open("/proc/thread-self/ns/net")?;
                Ok(NetNs { fd: file.into() })
            })
            .join(),
        )
    }

    pub fn try_clone(&self) -> io::Result<NetNs> {
        Ok(NetNs {
            fd: self.fd.try_clone()?,
        })
    }

    /// A namespace opened elsewhere (`/proc/PID/fd/N` of a running lab).
    pub fn from_fd(fd: OwnedFd) -> NetNs {
        NetNs { fd }
    }

    /// Moves the calling thread into this namespace. Only for threads made for that (see
    /// [`NetNs::run`]) and for a child process between fork and exec.
    pub fn enter(&self) -> io::Result<()> {
        // SAFETY: setns with a namespace descriptor we own; it changes only this thread.
        if unsafe { libc::setns(self.fd.as_raw_fd(), libc::CLONE_NEWNET) } != 0 {
            return Err(last_error());
        }
        Ok(())
    }

    /// Runs `work` on a new thread inside this namespace and returns its result: sockets
    /// it makes belong to the namespace for their whole life, wherever they are used later.
    pub fn run<T: Send, F: FnOnce() -> T + Send>(&self, work: F) -> io::Result<T> {
        std::thread::scope(|scope| {
            joined(
                scope
                    .spawn(|| {
                        self.enter()?;
                        Ok(work())
                    })
                    .join(),
            )
        })
    }

    /// Starts `work` on a thread of its own inside this namespace (a host's servers).
    pub fn spawn<F: FnOnce() + Send + 'static>(
        &self,
        name: &str,
        work: F,
    ) -> io::Result<std::thread::JoinHandle<()>> {
        let fd = self.fd.try_clone()?;
        std::thread::Builder::new()
            .name(name.to_string())
            .spawn(move || {
                let ns = NetNs { fd };
                if ns.enter().is_ok() {
                    drop(ns);
                    work();
                }
            })
    }

    /// `program`, to be run inside this namespace: the returned command enters it between
    /// fork and exec (its own copy of the descriptor, closed at exec, so the command may
    /// outlive this value). More `pre_exec` steps may be added after this one.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> io::Result<Command> {
        let ns = self.try_clone()?;
        let mut command = Command::new(program);
        // SAFETY: between fork and exec only setns, which is async-signal-safe.
        unsafe {
            command.pre_exec(move || ns.enter());
        }
        Ok(command)
    }

    /// The descriptor, for netlink's "put the peer in that namespace" (IFLA_NET_NS_FD).
    pub fn raw_fd(&self) -> i32 {
        self.fd.as_raw_fd()
    }

    /// Writes a sysctl of this namespace (`net/ipv4/ip_forward`): /proc/sys/net shows the
    /// namespace of the thread that opens it.
    pub fn set_sysctl(&self, key: &str, value: &str) -> io::Result<()> {
        let path = format!("/proc/sys/{key}");
        self.run(|| std::fs::write(&path, value))?
    }
}
