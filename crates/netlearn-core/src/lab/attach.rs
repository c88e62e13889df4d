//! A running `lab up` that other netlearn processes can join: `lab up` publishes its process
//! id and the descriptor numbers of its hosts' namespaces in a state file only its user can
//! write; `lab run` and `lab shell` join the user namespace (if the lab has one) before any
//! thread starts, then open `/proc/PID/fd/N` to enter a host.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::PathBuf;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::netns::NetNs;
use crate::wire::private_net;

/// What `lab up` publishes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    pub pid: u32,
    /// Whether the lab lives in a user namespace of its own (started without root).
    pub user_namespace: bool,
    /// Each host and the descriptor number of its network namespace in `pid`.
    pub hosts: Vec<(String, i32)>,
}

/// Where the state file lives: the user's runtime directory, else /tmp with the uid.
pub fn state_path() -> PathBuf {
    let uid = private_net::outer_uid();
    match std::env::var_os("XDG_RUNTIME_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir).join("netlearn-lab.json"),
        _ => PathBuf::from(format!("/tmp/netlearn-lab-{uid}.json")),
    }
}

fn alive(pid: u32) -> bool {
    std::path::Path::new(&format!("/proc/{pid}")).exists()
}

/// Reads the state file if it is ours and its lab still runs.
pub fn read() -> Option<Published> {
    let path = state_path();
    let file = File::open(&path).ok()?;
    let meta = file.metadata().ok()?;
    if meta.uid() != private_net::outer_uid() || meta.len() > 64 * 1024 {
        return None;
    }
    let published: Published = serde_json::from_reader(file).ok()?;
    alive(published.pid).then_some(published)
}

/// The state file while `lab up` runs; removed when dropped.
pub struct Publication {
    path: PathBuf,
}

impl Drop for Publication {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Errors of [`publish`] (worded by the lab view: `app::lab::words`).
#[derive(Debug)]
pub enum PublishError {
    /// Another lab of this user runs in this process.
    AlreadyUp(u32),
    /// The state file could not be written.
    Io { path: PathBuf, error: io::Error },
}

/// Publishes this process's lab; refuses when another one of this user is up.
pub fn publish(published: &Published) -> Result<Publication, PublishError> {
    let path = state_path();
    let io_error = |error| PublishError::Io {
        path: path.clone(),
        error,
    };
    if let Some(other) = read() {
        return Err(PublishError::AlreadyUp(other.pid));
    }
    // A stale file of a lab that died without cleaning up (kill -9).
    let _ = std::fs::remove_file(&path);
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)
        .map_err(io_error)?;
    let text = serde_json::to_vec(published).map_err(|e| io_error(io::Error::other(e)))?;
    file.write_all(&text).map_err(io_error)?;
    Ok(Publication { path })
}

static JOINED: OnceLock<Published> = OnceLock::new();

/// Joins the running lab's user namespace, where it has one. Must run before any thread
/// starts (setns into a user namespace needs a single-threaded process); call it from `main`.
/// Returns whether a running lab was found and joined.
pub fn join_running() -> bool {
    let Some(published) = read() else {
        return false;
    };
    // SAFETY: geteuid has no preconditions.
    if published.user_namespace && unsafe { libc::geteuid() } != 0 {
        let Ok(user) = File::open(format!("/proc/{}/ns/user", published.pid)) else {
            return false;
        };
        // SAFETY: setns with a user namespace descriptor; no other thread runs yet.
        if unsafe { libc::setns(user.as_raw_fd(), libc::CLONE_NEWUSER) } != 0 {
            return false;
        }
    }
    JOINED.set(published).is_ok()
}

/// The lab joined by [`join_running`], if any.
pub fn joined() -> Option<&'static Published> {
    JOINED.get()
}

/// The network namespace of `host` in the joined lab.
pub fn host_namespace(published: &Published, host: &str) -> io::Result<NetNs> {
    let fd = published
        .hosts
        .iter()
        .find(|(name, _)| name == host)
        .map(|(_, fd)| *fd)
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, host.to_string()))?;
    let file = File::open(format!("/proc/{}/fd/{fd}", published.pid))?;
    Ok(NetNs::from_fd(OwnedFd::from(file)))
}
