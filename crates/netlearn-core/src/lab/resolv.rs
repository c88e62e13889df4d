//! Each lab host's own resolver file, as `ip netns exec` gives a named namespace
//! /etc/netns/NAME/resolv.conf: a running lab keeps one file per host in a directory of its
//! own inside its private runtime directory ([`super::attach::runtime_dir`]), removed when
//! the lab ends; `lab run` and `lab shell` bind-mount the host's file onto /etc/resolv.conf in
//! a mount namespace of the command's own. The machine's own /etc/resolv.conf is never
//! written.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::net::IpAddr;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use super::attach::{self, PublishError};
use super::{Service, Topology};

/// The directory of the lab run by process `pid`.
pub fn dir(pid: u32) -> PathBuf {
    dir_in(&attach::runtime_dir(), pid)
}

fn dir_in(runtime: &Path, pid: u32) -> PathBuf {
    runtime.join(format!("hosts-{pid}"))
}

/// Where host `host` of the lab run by `pid` keeps its resolver file; None for a name that
/// cannot be a file name.
pub fn path(pid: u32, host: &str) -> Option<PathBuf> {
    file_name(host).map(|name| dir(pid).join(name))
}

fn file_name(host: &str) -> Option<String> {
    let plain = !host.is_empty()
        && host.len() <= 64
        && !host.starts_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    plain.then(|| format!("{host}.resolv.conf"))
}

/// What a host's resolver file holds when nothing else is asked for: the lab's DNS server
/// (the first address of a host that runs [`Service::Dns`], IPv4 where it has one), or nothing
/// at all where the lab has none, so no query ever leaves for a server outside.
pub fn default_conf(topology: &Topology) -> String {
    let mut text = String::new();
    if let Some(host) = topology
        .hosts
        .iter()
        .find(|h| h.services.contains(&Service::Dns))
    {
        let addresses = host.interfaces.iter().flat_map(|i| &i.addresses);
        let first = addresses
            .clone()
            .find(|a| a.addr().is_ipv4())
            .or_else(|| addresses.clone().next());
        if let Some(address) = first {
            text.push_str(&format!("nameserver {}\n", address.addr()));
        }
    }
    text
}

/// The servers a resolver file names, in its order (`nameserver ADDRESS` lines; comments
/// and other options are passed by, as the C library does).
pub fn nameservers(text: &str) -> Vec<IpAddr> {
    text.lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            (words.next() == Some("nameserver"))
                .then(|| words.next()?.parse().ok())
                .flatten()
        })
        .collect()
}

/// The resolver files of a running lab; the directory goes when this value is dropped.
pub struct HostFiles {
    dir: PathBuf,
}

impl HostFiles {
    /// Writes each `(host, content)` for the lab of process `pid` (this one), after removing
    /// what labs that died without cleaning up (SIGKILL) left.
    pub fn create(pid: u32, files: &[(String, String)]) -> Result<HostFiles, PublishError> {
        let runtime = attach::private_runtime_dir()?;
        sweep(&runtime);
        let dir = dir_in(&runtime, pid);
        let io_error = |path: &Path, error| PublishError::Io {
            path: path.to_path_buf(),
            error,
        };
        if std::fs::symlink_metadata(&dir).is_ok() {
            std::fs::remove_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
        }
        std::fs::create_dir(&dir).map_err(|e| io_error(&dir, e))?;
        let made = HostFiles { dir };
        for (host, content) in files {
            let Some(name) = file_name(host) else {
                continue;
            };
            let path = made.dir.join(name);
            let mut file = OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o644)
                .open(&path)
                .map_err(|e| io_error(&path, e))?;
            file.write_all(content.as_bytes())
                .map_err(|e| io_error(&path, e))?;
        }
        Ok(made)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for HostFiles {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Removes the `hosts-PID` directories of processes that no longer run.
fn sweep(runtime: &Path) {
    let Ok(entries) = std::fs::read_dir(runtime) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix("hosts-"))
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        if !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Opens host `host`'s resolver file of the lab run by `pid`, for reading or for a bind
/// mount: a regular file of this user, no symbolic link followed.
pub fn open(pid: u32, host: &str) -> io::Result<File> {
    let path = path(pid, host).ok_or_else(|| io::Error::from(io::ErrorKind::InvalidInput))?;
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)?;
    let meta = file.metadata()?;
    // SAFETY: geteuid has no preconditions.
    if !meta.is_file() || meta.uid() != unsafe { libc::geteuid() } {
        return Err(io::Error::from(io::ErrorKind::PermissionDenied));
    }
    Ok(file)
}

/// Reads host `host`'s resolver file (at most 64 KiB, as the C library reads it).
pub fn read(pid: u32, host: &str) -> io::Result<String> {
    use std::io::Read;
    let mut text = String::new();
    open(pid, host)?.take(64 * 1024).read_to_string(&mut text)?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_lab_names_its_dns_server() {
        let text = default_conf(&Topology::default_lab());
        assert_eq!(text, "nameserver 198.51.100.53\n");
        assert_eq!(nameservers(&text), vec![IpAddr::from([198, 51, 100, 53])]);
    }

    #[test]
    fn nameservers_are_read_as_the_c_library_reads_them() {
        let text = "# a comment\nsearch lab\nnameserver 192.0.2.1 # trailing\nnameserver\nnameserver bad\n  nameserver 198.51.100.53\n";
        assert_eq!(
            nameservers(text),
            vec![
                IpAddr::from([192, 0, 2, 1]),
                IpAddr::from([198, 51, 100, 53])
            ]
        );
        assert!(nameservers("").is_empty());
    }

    #[test]
    fn only_plain_host_names_become_files() {
        assert_eq!(file_name("h1").as_deref(), Some("h1.resolv.conf"));
        assert_eq!(file_name("../etc"), None);
        assert_eq!(file_name("a/b"), None);
        assert_eq!(file_name(""), None);
    }

    #[test]
    fn dead_labs_directories_are_swept_and_live_ones_kept() {
        let runtime = tempfile::tempdir().expect("tempdir");
        let dead = dir_in(runtime.path(), u32::MAX - 1);
        let live = dir_in(runtime.path(), std::process::id());
        std::fs::create_dir(&dead).expect("mkdir");
        std::fs::create_dir(&live).expect("mkdir");
        sweep(runtime.path());
        assert!(!dead.exists());
        assert!(live.exists());
    }
}
