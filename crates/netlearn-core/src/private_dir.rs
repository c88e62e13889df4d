//! The temporary directories netlearn's servers and demos keep files in (an FTP server's
//! root, the lab's web pages, a throwaway CA, a demo's site): private (mode 0700), made in a
//! base directory (the temporary directory), removed when dropped; and because a killed
//! process drops nothing, one left behind is removed by the next start of its kind.
//!
//! A live process holds an exclusive `flock` on its directory for as long as it runs; the
//! kernel lets go when the process ends, however it ends. At start, every directory of the
//! same kind (`netlearn-ftp-root-*`, ...) in the base that this user owns and nobody holds
//! locked is a leftover, and is removed. A new directory is made under a hidden staging name
//! and renamed to its real name only once it is locked, so a start never removes another's
//! directory in the moment between making and locking it.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rustix::fs::{FlockOperation, flock};

/// What a private directory is for; its name starts with the kind's prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The root an FTP server serves (`ftp demo`, `ftp serve`).
    FtpRoot,
    /// The pages the lab's web server serves.
    LabWeb,
    /// The throwaway CA's certificate of `http serve --tls`.
    HttpCa,
    /// The site `http demo` serves.
    HttpDemo,
}

impl Kind {
    pub fn prefix(self) -> &'static str {
        match self {
            Kind::FtpRoot => "netlearn-ftp-root-",
            Kind::LabWeb => "netlearn-lab-web-",
            Kind::HttpCa => "netlearn-http-ca-",
            Kind::HttpDemo => "netlearn-http-demo-",
        }
    }
}

/// A directory being made: not yet locked, so not yet a leftover unless old.
const STAGING: &str = ".netlearn-new-";
/// A staging directory older than this was left by a start that was killed mid-way.
const STAGING_STALE: Duration = Duration::from_secs(60);
/// Entries of the base directory looked at when cleaning (a crowded /tmp costs no more).
const MAX_SCANNED: usize = 100_000;

/// A private directory, locked while this value lives, removed when it drops.
#[derive(Debug)]
pub struct PrivateDir {
    path: PathBuf,
    /// The lock: an open descriptor of the directory, flock'ed.
    _lock: File,
}

impl PrivateDir {
    /// Makes a fresh, empty, mode-0700 directory of `kind` in the temporary directory.
    pub fn create(kind: Kind) -> io::Result<PrivateDir> {
        Self::create_in(&std::env::temp_dir(), kind).map(|(dir, _)| dir)
    }

    /// Makes a fresh, empty, mode-0700 directory of `kind` in `base`, after removing the
    /// leftovers of its kind that no live process holds; returns it and how many went.
    pub fn create_in(base: &Path, kind: Kind) -> io::Result<(PrivateDir, usize)> {
        let staging = tempfile::Builder::new()
            .prefix(STAGING)
            .permissions(fs::Permissions::from_mode(0o700))
            .tempdir_in(base)?
            .keep();
        let made = Self::lock_and_name(&staging, kind);
        if made.is_err() {
            let _ = fs::remove_dir_all(&staging);
        }
        let root = made?;
        let owner = fs::symlink_metadata(&root.path)?.uid();
        let removed = remove_leftovers(base, kind, owner, &root.path);
        Ok((root, removed))
    }

    fn lock_and_name(staging: &Path, kind: Kind) -> io::Result<PrivateDir> {
        // Whatever the umask did: only this user may look inside.
        fs::set_permissions(staging, fs::Permissions::from_mode(0o700))?;
        let lock = open_dir(staging)?;
        flock(&lock, FlockOperation::NonBlockingLockExclusive)?;
        let name = staging
            .file_name()
            .and_then(|name| name.to_str())
            .and_then(|name| name.strip_prefix(STAGING))
            .ok_or_else(|| io::Error::other("unexpected staging name"))?;
        let path = staging.with_file_name(format!("{}{name}", kind.prefix()));
        fs::rename(staging, &path)?;
        Ok(PrivateDir { path, _lock: lock })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for PrivateDir {
    fn drop(&mut self) {
        // Removed while still locked, so no other start takes it for a leftover half-way.
        let _ = fs::remove_dir_all(&self.path);
    }
}

fn open_dir(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_DIRECTORY | libc::O_NOFOLLOW)
        .open(path)
}

/// Removes directories of `kind` in `base` owned by `owner` that no live process holds (and
/// staging ones older than a minute); skips `own`. Returns how many it removed.
fn remove_leftovers(base: &Path, kind: Kind, owner: u32, own: &Path) -> usize {
    let Ok(entries) = fs::read_dir(base) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.take(MAX_SCANNED).flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        let staging = name.starts_with(STAGING);
        if !(staging || name.starts_with(kind.prefix())) {
            continue;
        }
        let path = entry.path();
        if path == own {
            continue;
        }
        if remove_if_left_over(&path, owner, staging).is_ok_and(|gone| gone) {
            removed += 1;
        }
    }
    removed
}

fn remove_if_left_over(path: &Path, owner: u32, staging: bool) -> io::Result<bool> {
    let seen = fs::symlink_metadata(path)?;
    if !seen.is_dir() || seen.uid() != owner {
        return Ok(false);
    }
    if staging {
        let age = SystemTime::now()
            .duration_since(seen.modified()?)
            .unwrap_or_default();
        if age < STAGING_STALE {
            return Ok(false);
        }
    }
    let dir = open_dir(path)?;
    let opened = dir.metadata()?;
    if (opened.dev(), opened.ino()) != (seen.dev(), seen.ino()) {
        return Ok(false);
    }
    if flock(&dir, FlockOperation::NonBlockingLockExclusive).is_err() {
        // A live server holds it.
        return Ok(false);
    }
    fs::remove_dir_all(path)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_locked_and_removed_on_drop() {
        let base = tempfile::tempdir().unwrap();
        let (root, removed) = PrivateDir::create_in(base.path(), Kind::FtpRoot).unwrap();
        assert_eq!(removed, 0);
        let path = root.path().to_path_buf();
        let meta = fs::metadata(&path).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, 0o700);
        assert!(
            path.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with(Kind::FtpRoot.prefix())
        );
        // A second server in the same base leaves the first alone: it is locked.
        let (second, removed) = PrivateDir::create_in(base.path(), Kind::FtpRoot).unwrap();
        assert_eq!(removed, 0);
        assert!(path.is_dir());
        fs::write(path.join("file"), b"x").unwrap();
        drop(root);
        assert!(!path.exists());
        assert!(second.path().is_dir());
    }

    #[test]
    fn leftovers_nobody_holds_are_removed_others_stay() {
        let base = tempfile::tempdir().unwrap();
        // A leftover: a served directory whose process is gone (no lock).
        let prefix = Kind::FtpRoot.prefix();
        let left = base.path().join(format!("{prefix}dead"));
        fs::create_dir(&left).unwrap();
        fs::write(left.join("upload.bin"), b"data").unwrap();
        // A fresh staging directory (a start in progress) and an unrelated one.
        let starting = base.path().join(format!("{STAGING}busy"));
        fs::create_dir(&starting).unwrap();
        let other = base.path().join("netlearn-other");
        fs::create_dir(&other).unwrap();
        // A symbolic link with the prefix is not followed.
        let target = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(target.path(), base.path().join(format!("{prefix}link")))
            .unwrap();
        // A leftover of another kind is that kind's to remove.
        let web = base.path().join(format!("{}dead", Kind::LabWeb.prefix()));
        fs::create_dir(&web).unwrap();
        let (root, removed) = PrivateDir::create_in(base.path(), Kind::FtpRoot).unwrap();
        assert_eq!(removed, 1);
        assert!(!left.exists());
        assert!(starting.is_dir() && other.is_dir() && target.path().is_dir());
        assert!(root.path().is_dir() && web.is_dir());
        let (_web_dir, removed) = PrivateDir::create_in(base.path(), Kind::LabWeb).unwrap();
        assert_eq!(removed, 1);
        assert!(!web.exists());
    }
}
