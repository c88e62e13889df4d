//! A running `lab up` that other netlearn processes can join: `lab up` publishes its process
//! id and the descriptor numbers of its hosts' namespaces in a state file, in a runtime
//! directory only its user can write ([`runtime_dir`]); `lab run` and `lab shell` join the user
//! namespace (if the lab has one) before any thread starts, then open `/proc/PID/fd/N` to enter
//! a host.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
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
    /// The exercise the lab was built for (`lab exercise NAME`), which `lab check` grades.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exercise: Option<String>,
}

/// The state file's name in the runtime directory.
const STATE_FILE: &str = "lab.json";

/// The user id files of this process show as: the outer user id, or 0 inside the private
/// user namespace `main` entered (where that id is mapped to 0).
fn effective_uid() -> u32 {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() }
}

/// `path` is a directory (followed if it is a symbolic link) owned by this user.
fn our_directory(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|meta| meta.is_dir() && meta.uid() == effective_uid())
}

/// The private directory where `lab up` keeps its state: `$XDG_RUNTIME_DIR/netlearn` when
/// that directory is this user's, else `/run/user/UID/netlearn` when that is, else
/// `/tmp/netlearn-UID` (made 0700 by [`publish`], and refused when another user has it).
pub fn runtime_dir() -> PathBuf {
    runtime_dir_in(
        std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from),
        Path::new("/run/user"),
        Path::new("/tmp"),
        private_net::outer_uid(),
    )
}

/// [`runtime_dir`] with its places given (tests).
fn runtime_dir_in(xdg: Option<PathBuf>, run_user: &Path, tmp: &Path, uid: u32) -> PathBuf {
    if let Some(dir) = xdg.filter(|dir| dir.is_absolute())
        && our_directory(&dir)
    {
        return dir.join("netlearn");
    }
    let run_user = run_user.join(uid.to_string());
    if our_directory(&run_user) {
        return run_user.join("netlearn");
    }
    tmp.join(format!("netlearn-{uid}"))
}

/// Where the state file lives.
pub fn state_path() -> PathBuf {
    runtime_dir().join(STATE_FILE)
}

/// Whether `pid` is still the lab that was published: a live process (not a zombie, whose
/// descriptors are already closed) of the same program as this one. A lab killed with SIGKILL
/// leaves its state file behind; once its process is gone, or its id has been given to some
/// other program, the file is ignored, and the next `lab up` replaces it.
fn alive(pid: u32) -> bool {
    let comm = |pid: &str| std::fs::read_to_string(format!("/proc/{pid}/comm")).ok();
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The state is the field after the name, which ends with the last ')'.
    let state = stat
        .rsplit_once(") ")
        .and_then(|(_, rest)| rest.chars().next());
    let same_program =
        matches!((comm(&pid.to_string()), comm("self")), (Some(a), Some(b)) if a == b);
    same_program && !matches!(state, None | Some('Z') | Some('X'))
}

/// `dir` as it is now: a real directory of this user, not a symbolic link.
fn checked(dir: &Path) -> Result<(), PublishError> {
    let meta = std::fs::symlink_metadata(dir).map_err(|error| PublishError::Io {
        path: dir.to_path_buf(),
        error,
    })?;
    if !meta.file_type().is_dir() {
        return Err(PublishError::NotADirectory(dir.to_path_buf()));
    }
    if meta.uid() != effective_uid() {
        return Err(PublishError::NotOurs {
            path: dir.to_path_buf(),
            owner: meta.uid(),
        });
    }
    Ok(())
}

/// Reads the state file if it is ours and its lab still runs.
pub fn read() -> Option<Published> {
    read_in(&runtime_dir())
}

fn read_in(dir: &Path) -> Option<Published> {
    checked(dir).ok()?;
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(dir.join(STATE_FILE))
        .ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.uid() != effective_uid() || meta.len() > 64 * 1024 {
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
    /// The runtime directory belongs to another user.
    NotOurs { path: PathBuf, owner: u32 },
    /// The runtime directory's name is taken by a symbolic link or a file.
    NotADirectory(PathBuf),
    /// The runtime directory or the state file could not be made.
    Io { path: PathBuf, error: io::Error },
}

/// Makes `dir` (mode 0700) unless it exists, then checks it is this user's own directory and
/// closes it to others.
fn make_private(dir: &Path) -> Result<(), PublishError> {
    let io_error = |error| PublishError::Io {
        path: dir.to_path_buf(),
        error,
    };
    match std::fs::DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => {}
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {}
        Err(error) => return Err(io_error(error)),
    }
    checked(dir)?;
    let meta = std::fs::symlink_metadata(dir).map_err(io_error)?;
    if meta.mode() & 0o077 != 0 {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(io_error)?;
    }
    Ok(())
}

/// The private runtime directory, made (mode 0700) where it is missing and checked to be this
/// user's own.
pub fn private_runtime_dir() -> Result<PathBuf, PublishError> {
    let dir = runtime_dir();
    make_private(&dir)?;
    Ok(dir)
}

/// Publishes this process's lab; refuses when another one of this user is up.
pub fn publish(published: &Published) -> Result<Publication, PublishError> {
    publish_in(&runtime_dir(), published)
}

fn publish_in(dir: &Path, published: &Published) -> Result<Publication, PublishError> {
    make_private(dir)?;
    if let Some(other) = read_in(dir) {
        return Err(PublishError::AlreadyUp(other.pid));
    }
    let path = dir.join(STATE_FILE);
    let io_error = |error| PublishError::Io {
        path: path.clone(),
        error,
    };
    // Whatever else has the name: a stale file of a lab that died without cleaning up
    // (kill -9), or anything put there; the directory is ours alone.
    match std::fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(&path).map_err(io_error)?,
        Ok(_) => std::fs::remove_file(&path).map_err(io_error)?,
        Err(_) => {}
    }
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

/// The joined lab as it is now: each host with the addresses its interfaces hold (read
/// inside its namespace, so what a learner changed shows), loopback and link-local left out.
/// Gateways, forwarding and services are not read back.
pub fn live_topology(published: &Published) -> io::Result<super::Topology> {
    let mut hosts = Vec::new();
    for (name, _) in &published.hosts {
        let ns = host_namespace(published, name)?;
        let found = ns.run(if_addrs::get_if_addrs)??;
        let mut interfaces: Vec<super::Interface> = Vec::new();
        for interface in found {
            let address = match &interface.addr {
                if_addrs::IfAddr::V4(v4) => ipnet::IpNet::new(v4.ip.into(), v4.prefixlen),
                if_addrs::IfAddr::V6(v6) => ipnet::IpNet::new(v6.ip.into(), v6.prefixlen),
            };
            let Ok(address) = address else { continue };
            let link_local = match address.addr() {
                std::net::IpAddr::V4(v4) => v4.is_link_local(),
                std::net::IpAddr::V6(v6) => v6.is_unicast_link_local(),
            };
            if address.addr().is_loopback() || link_local {
                continue;
            }
            match interfaces.iter_mut().find(|i| i.name == interface.name) {
                Some(known) => known.addresses.push(address),
                None => interfaces.push(super::Interface {
                    name: interface.name.clone(),
                    mac: [0; 6],
                    addresses: vec![address],
                    ports: Vec::new(),
                }),
            }
        }
        // In the order a topology lists them (eth0 first), not the kernel's index order.
        interfaces.sort_by(|a, b| a.name.cmp(&b.name));
        hosts.push(super::Host {
            name: name.clone(),
            interfaces,
            gateways: Vec::new(),
            forwarding: false,
            services: Vec::new(),
        });
    }
    Ok(super::Topology {
        hosts,
        links: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Gives `path` to nobody (65534), where this process may (root); false elsewhere.
    fn give_to_nobody(path: &Path) -> bool {
        std::os::unix::fs::lchown(path, Some(65534), Some(65534)).is_ok()
    }

    fn ours() -> Published {
        Published {
            pid: std::process::id(),
            user_namespace: false,
            hosts: vec![("h1".into(), 3)],
            exercise: None,
        }
    }

    #[test]
    fn the_runtime_directory_is_one_of_ours() {
        let xdg = tempfile::tempdir().expect("tempdir");
        let run_user = tempfile::tempdir().expect("tempdir");
        let tmp = tempfile::tempdir().expect("tempdir");
        let uid = 4242;
        let choose = |xdg: Option<PathBuf>| runtime_dir_in(xdg, run_user.path(), tmp.path(), uid);
        assert_eq!(
            choose(Some(xdg.path().to_path_buf())),
            xdg.path().join("netlearn")
        );
        let fallback = tmp.path().join("netlearn-4242");
        assert_eq!(choose(None), fallback);
        assert_eq!(choose(Some("relative".into())), fallback);
        assert_eq!(choose(Some(xdg.path().join("missing"))), fallback);
        let mine = run_user.path().join("4242");
        std::fs::create_dir(&mine).expect("mkdir");
        assert_eq!(choose(None), mine.join("netlearn"));
        if give_to_nobody(xdg.path()) && give_to_nobody(&mine) {
            // Someone else's directories (sudo keeps XDG_RUNTIME_DIR=/run/user/1000) are passed by.
            assert_eq!(choose(Some(xdg.path().to_path_buf())), fallback);
        }
    }

    #[test]
    fn publishing_makes_a_private_directory_and_refuses_another_users() {
        let base = tempfile::tempdir().expect("tempdir");
        std::fs::set_permissions(base.path(), std::fs::Permissions::from_mode(0o777))
            .expect("chmod");
        let dir = base.path().join("netlearn-0");
        let publication = publish_in(&dir, &ours()).expect("published");
        let meta = std::fs::symlink_metadata(&dir).expect("made");
        assert_eq!(meta.mode() & 0o777, 0o700);
        assert_eq!(read_in(&dir), Some(ours()));
        assert!(matches!(
            publish_in(&dir, &ours()),
            Err(PublishError::AlreadyUp(pid)) if pid == std::process::id()
        ));
        drop(publication);
        assert_eq!(read_in(&dir), None);

        // Opened up by mistake: closed again.
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).expect("chmod");
        drop(publish_in(&dir, &ours()).expect("published"));
        let meta = std::fs::symlink_metadata(&dir).expect("there");
        assert_eq!(meta.mode() & 0o777, 0o700);

        // A symbolic link in its place is not followed.
        let elsewhere = tempfile::tempdir().expect("tempdir");
        let link = base.path().join("netlearn-link");
        std::os::unix::fs::symlink(elsewhere.path(), &link).expect("symlink");
        assert!(matches!(
            publish_in(&link, &ours()),
            Err(PublishError::NotADirectory(path)) if path == link
        ));
        assert_eq!(read_in(&link), None);
        assert!(!elsewhere.path().join(STATE_FILE).exists());

        if give_to_nobody(&dir) {
            assert!(matches!(
                publish_in(&dir, &ours()),
                Err(PublishError::NotOurs { owner: 65534, .. })
            ));
            assert_eq!(read_in(&dir), None);
        }
    }

    #[test]
    fn a_state_file_naming_a_dead_lab_or_another_program_is_ignored() {
        let base = tempfile::tempdir().expect("tempdir");
        let dir = base.path().join("netlearn");
        let ours_now = publish_in(&dir, &ours()).expect("published");
        assert_eq!(read_in(&dir), Some(ours()));
        std::mem::forget(ours_now);
        // What a SIGKILL leaves: the file stays, naming a process that is gone.
        let mut child = std::process::Command::new("true")
            .spawn()
            .expect("spawn true");
        let gone = child.id();
        child.wait().expect("wait");
        for pid in [gone, 1] {
            let stale = Published { pid, ..ours() };
            std::fs::write(
                dir.join(STATE_FILE),
                serde_json::to_vec(&stale).expect("json"),
            )
            .expect("write");
            assert_eq!(read_in(&dir), None, "pid {pid}");
            drop(publish_in(&dir, &ours()).expect("replaced"));
        }
    }

    #[test]
    fn what_is_planted_in_the_directory_does_not_block_publishing() {
        let base = tempfile::tempdir().expect("tempdir");
        let dir = base.path().join("netlearn");
        std::fs::DirBuilder::new()
            .mode(0o700)
            .create(&dir)
            .expect("mkdir");
        let state = dir.join(STATE_FILE);
        // A directory with something inside, where the state file goes.
        std::fs::create_dir(&state).expect("mkdir");
        std::fs::write(state.join("x"), "x").expect("write");
        give_to_nobody(&state);
        assert_eq!(read_in(&dir), None);
        drop(publish_in(&dir, &ours()).expect("published over a directory"));
        // A file of another user claiming a live lab (this process).
        std::fs::write(&state, serde_json::to_vec(&ours()).expect("json")).expect("write");
        if give_to_nobody(&state) {
            assert_eq!(read_in(&dir), None, "not ours: not trusted");
        }
        let publication = publish_in(&dir, &ours()).expect("published over a file");
        assert_eq!(read_in(&dir), Some(ours()));
        drop(publication);
        // A symbolic link: replaced, its target untouched.
        let target = base.path().join("target");
        std::fs::write(&target, "keep").expect("write");
        std::os::unix::fs::symlink(&target, &state).expect("symlink");
        assert_eq!(read_in(&dir), None);
        drop(publish_in(&dir, &ours()).expect("published over a link"));
        assert_eq!(std::fs::read_to_string(&target).expect("read"), "keep");
    }
}
