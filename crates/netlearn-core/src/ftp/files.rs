//! The server's side of the file system: paths a client names, confined to the served
//! directory; the storage quota and the per-file cap; listings in `ls -l` form.

use std::collections::HashSet;
use std::ffi::OsString;
use std::fs::Metadata;
use std::io;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

/// What every file and directory costs in the quota besides its bytes: one block, so that
/// empty files cannot fill the file system's inode table for free.
pub const ENTRY_COST: u64 = 4096;

/// Entries of one directory a listing sorts by name; a larger directory is listed in the
/// order the file system gives, so a listing's memory stays bounded.
pub const SORTED_LISTING: usize = 1024;

/// A path inside the served directory: its components, none empty, `.` or `..`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct VPath(Vec<String>);

/// Why a name a client gave cannot be a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameError {
    /// A control character (a line break would forge reply lines in a listing).
    ControlCharacter,
}

impl VPath {
    /// `argument` as the client means it: absolute from the served root, or relative to
    /// `cwd`; `..` stops at the root (as it does at `/`).
    pub fn resolve(cwd: &VPath, argument: &str) -> Result<VPath, NameError> {
        if argument.chars().any(char::is_control) {
            return Err(NameError::ControlCharacter);
        }
        let mut parts = if argument.starts_with('/') {
            Vec::new()
        } else {
            cwd.0.clone()
        };
        for part in argument.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                name => parts.push(name.to_string()),
            }
        }
        Ok(VPath(parts))
    }

    /// `/`, `/dir/file.txt`: as PWD and MKD show it.
    pub fn display(&self) -> String {
        format!("/{}", self.0.join("/"))
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The last component (the root's is `/`).
    pub fn name(&self) -> &str {
        self.0.last().map_or("/", String::as_str)
    }

    /// Whether `self` is `other` or inside it.
    pub fn within(&self, other: &VPath) -> bool {
        self.0.starts_with(&other.0)
    }

    /// The path on disk, after checking that no component on the way is a symbolic link (the
    /// server never makes one; one made by someone else could point outside the root). The
    /// last component need not exist.
    pub fn real(&self, root: &Path) -> io::Result<PathBuf> {
        let mut path = root.to_path_buf();
        for part in &self.0 {
            path.push(part);
            match std::fs::symlink_metadata(&path) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    return Err(io::Error::new(
                        io::ErrorKind::PermissionDenied,
                        "a symbolic link",
                    ));
                }
                Ok(_) => {}
                Err(error) if error.kind() == io::ErrorKind::NotFound => {}
                Err(error) => return Err(error),
            }
        }
        Ok(path)
    }
}

/// How much the served directory holds (bytes plus [`ENTRY_COST`] per entry) against its
/// limit, and which paths a transfer or a change is using right now (two sessions never
/// write, remove or rename the same path at once, so the count stays true).
#[derive(Debug)]
pub struct Store {
    limit: u64,
    used: Mutex<u64>,
    busy: Mutex<HashSet<VPath>>,
}

/// Storage would exceed the limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Full;

impl Store {
    /// A store whose directory already holds `used` (see [`usage`]).
    pub fn new(limit: u64, used: u64) -> Store {
        Store {
            limit,
            used: Mutex::new(used),
            busy: Mutex::new(HashSet::new()),
        }
    }

    pub fn limit(&self) -> u64 {
        self.limit
    }

    fn used(&self) -> MutexGuard<'_, u64> {
        self.used
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    /// Takes `bytes` of the quota, or none when they would exceed it.
    pub fn reserve(&self, bytes: u64) -> Result<(), Full> {
        let mut used = self.used();
        match used.checked_add(bytes) {
            Some(total) if total <= self.limit => {
                *used = total;
                Ok(())
            }
            _ => Err(Full),
        }
    }

    /// Gives `bytes` back.
    pub fn release(&self, bytes: u64) {
        let mut used = self.used();
        *used = used.saturating_sub(bytes);
    }

    /// Marks `path` busy until the returned claim drops; None when it, a path inside it or a
    /// directory it is in is busy already.
    pub fn claim(self: &Arc<Self>, path: &VPath) -> Option<Claim> {
        let mut busy = self.busy.lock().unwrap_or_else(|p| p.into_inner());
        if busy
            .iter()
            .any(|held| held.within(path) || path.within(held))
        {
            return None;
        }
        busy.insert(path.clone());
        Some(Claim {
            store: Arc::clone(self),
            path: path.clone(),
        })
    }
}

/// A busy path (see [`Store::claim`]).
#[derive(Debug)]
pub struct Claim {
    store: Arc<Store>,
    path: VPath,
}

impl Drop for Claim {
    fn drop(&mut self) {
        let mut busy = self.store.busy.lock().unwrap_or_else(|p| p.into_inner());
        busy.remove(&self.path);
    }
}

/// What a directory tree holds, counted as the [`Store`] counts: at most `max_entries`
/// entries are visited (the served directory is the server's own and small at start).
pub fn usage(root: &Path, max_entries: usize) -> u64 {
    let mut total = 0u64;
    let mut pending = vec![root.to_path_buf()];
    let mut seen = 0usize;
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            seen += 1;
            if seen > max_entries {
                return total;
            }
            let Ok(meta) = entry.path().symlink_metadata() else {
                continue;
            };
            total = total.saturating_add(ENTRY_COST);
            if meta.is_dir() {
                pending.push(entry.path());
            } else if meta.is_file() {
                total = total.saturating_add(meta.len());
            }
        }
    }
    total
}

/// An upload in progress: its bytes count in the store; unless [`Upload::keep`] is called,
/// dropping it removes the file and gives its share back (a cut, refused or abandoned upload
/// leaves nothing behind).
#[derive(Debug)]
pub struct Upload {
    path: PathBuf,
    store: Arc<Store>,
    /// [`ENTRY_COST`] plus the bytes written so far.
    charged: u64,
    written: u64,
    kept: bool,
    _claim: Claim,
}

/// Why an upload's next bytes were refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exceeded {
    /// The file would be larger than this many bytes.
    File(u64),
    /// The served directory would hold more than this many bytes.
    Store(u64),
}

impl Upload {
    /// Starts an upload to `path` (on disk, checked) whose entry is already counted in the
    /// store (the caller reserved [`ENTRY_COST`] for a new file, or the file existed and its
    /// old content is given back by [`Upload::truncated`]).
    pub fn new(path: PathBuf, store: Arc<Store>, claim: Claim) -> Upload {
        Upload {
            path,
            store,
            charged: ENTRY_COST,
            written: 0,
            kept: false,
            _claim: claim,
        }
    }

    /// Counts `bytes` more, within `max_file` per file and the store's limit.
    pub fn count(&mut self, bytes: u64, max_file: u64) -> Result<(), Exceeded> {
        let written = self.written.saturating_add(bytes);
        if written > max_file {
            return Err(Exceeded::File(max_file));
        }
        self.store
            .reserve(bytes)
            .map_err(|Full| Exceeded::Store(self.store.limit()))?;
        self.written = written;
        self.charged += bytes;
        Ok(())
    }

    pub fn written(&self) -> u64 {
        self.written
    }

    /// The upload ended well: the file stays.
    pub fn keep(mut self) {
        self.kept = true;
    }
}

impl Drop for Upload {
    fn drop(&mut self) {
        if !self.kept {
            let _ = std::fs::remove_file(&self.path);
            self.store.release(self.charged);
        }
    }
}

/// One `ls -l` line: `-rw-r--r-- 1 ftp ftp 32 Dec 07 12:50 hello.txt` (owner and group are
/// not the local account's; times are UTC; a time more than half a year away shows its year).
pub fn list_line(name: &str, meta: &Metadata, now: SystemTime) -> String {
    let kind = if meta.is_dir() {
        'd'
    } else if meta.file_type().is_symlink() {
        'l'
    } else {
        '-'
    };
    let mode = meta.permissions().mode();
    let mut perms = String::with_capacity(10);
    perms.push(kind);
    for shift in [6, 3, 0] {
        let bits = (mode >> shift) & 7;
        perms.push(if bits & 4 != 0 { 'r' } else { '-' });
        perms.push(if bits & 2 != 0 { 'w' } else { '-' });
        perms.push(if bits & 1 != 0 { 'x' } else { '-' });
    }
    let mtime = unix_seconds(meta.modified().unwrap_or(UNIX_EPOCH));
    let now = unix_seconds(now);
    let (year, month, day, hour, minute, _) = civil(mtime);
    const HALF_YEAR: i64 = 182 * 24 * 3600;
    let when = if (now - mtime).abs() < HALF_YEAR {
        format!(
            "{} {day:>2} {hour:02}:{minute:02}",
            MONTHS[month as usize - 1]
        )
    } else {
        format!("{} {day:>2}  {year}", MONTHS[month as usize - 1])
    };
    format!(
        "{perms} {:>3} ftp      ftp      {:>10} {when} {name}",
        meta.nlink(),
        meta.len()
    )
}

/// MDTM's form (RFC 3659): `YYYYMMDDHHMMSS`, UTC.
pub fn mdtm(meta: &Metadata) -> String {
    let (year, month, day, hour, minute, second) =
        civil(unix_seconds(meta.modified().unwrap_or(UNIX_EPOCH)));
    format!("{year:04}{month:02}{day:02}{hour:02}{minute:02}{second:02}")
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn unix_seconds(time: SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX / 2),
        Err(before) => -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX / 2),
    }
}

/// UTC calendar date and time of a Unix time (Howard Hinnant's days-to-civil algorithm).
fn civil(seconds: i64) -> (i64, u32, u32, u32, u32, u32) {
    let days = seconds.div_euclid(86_400);
    let in_day = seconds.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        year,
        month,
        day,
        (in_day / 3600) as u32,
        (in_day / 60 % 60) as u32,
        (in_day % 60) as u32,
    )
}

/// The names in a directory, for a listing: sorted when there are at most
/// [`SORTED_LISTING`], else the first ones sorted and the rest as they come (`next` yields
/// them one by one, so a huge directory never sits in memory whole).
pub struct DirNames {
    first: std::vec::IntoIter<OsString>,
    rest: Option<std::fs::ReadDir>,
}

impl DirNames {
    pub fn read(dir: &Path) -> io::Result<DirNames> {
        let mut entries = std::fs::read_dir(dir)?;
        let mut first = Vec::new();
        let mut more = false;
        for entry in entries.by_ref() {
            first.push(entry?.file_name());
            if first.len() == SORTED_LISTING {
                more = true;
                break;
            }
        }
        first.sort();
        Ok(DirNames {
            first: first.into_iter(),
            rest: more.then_some(entries),
        })
    }
}

impl Iterator for DirNames {
    type Item = OsString;

    fn next(&mut self) -> Option<OsString> {
        if let Some(name) = self.first.next() {
            return Some(name);
        }
        let rest = self.rest.as_mut()?;
        loop {
            match rest.next()? {
                Ok(entry) => return Some(entry.file_name()),
                Err(_) => continue,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(text: &str) -> VPath {
        VPath::resolve(&VPath::default(), text).unwrap()
    }

    #[test]
    fn paths_stay_inside_the_root() {
        assert_eq!(path("../../etc/passwd").display(), "/etc/passwd");
        assert_eq!(path("/a/./b/../c").display(), "/a/c");
        let cwd = path("/sub/dir");
        assert_eq!(VPath::resolve(&cwd, "..").unwrap().display(), "/sub");
        assert_eq!(VPath::resolve(&cwd, "../../..").unwrap().display(), "/");
        assert_eq!(VPath::resolve(&cwd, "/x").unwrap().display(), "/x");
        assert_eq!(
            VPath::resolve(&cwd, "f.txt").unwrap().display(),
            "/sub/dir/f.txt"
        );
        assert_eq!(
            VPath::resolve(&cwd, "a\r\n226 forged"),
            Err(NameError::ControlCharacter)
        );
        assert!(path("/a/b").within(&path("/a")));
        assert!(!path("/ab").within(&path("/a")));
        let root = Path::new("/srv");
        assert_eq!(path("x/y").real(root).unwrap(), Path::new("/srv/x/y"));
    }

    #[test]
    fn a_symbolic_link_on_the_way_is_refused() {
        let root = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("/", root.path().join("out")).unwrap();
        let error = path("out/etc/passwd").real(root.path()).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::PermissionDenied);
        assert!(path("new.txt").real(root.path()).is_ok());
    }

    #[test]
    fn the_store_counts_and_refuses_past_its_limit() {
        let store = Arc::new(Store::new(3 * ENTRY_COST, ENTRY_COST));
        let file = path("/f");
        let claim = store.claim(&file).unwrap();
        assert!(store.claim(&file).is_none(), "one writer per path");
        assert!(
            store.claim(&VPath::default()).is_none(),
            "nor its directory"
        );
        store.reserve(ENTRY_COST).unwrap();
        let mut upload = Upload::new(PathBuf::from("/nonexistent/f"), store.clone(), claim);
        assert_eq!(upload.count(100, 200), Ok(()));
        assert_eq!(upload.count(101, 200), Err(Exceeded::File(200)));
        assert_eq!(
            upload.count(ENTRY_COST, u64::MAX),
            Err(Exceeded::Store(3 * ENTRY_COST))
        );
        assert_eq!(upload.written(), 100);
        drop(upload);
        // The refused upload gave back its entry and bytes, and its path is free again.
        assert_eq!(*store.used(), ENTRY_COST);
        assert!(store.claim(&file).is_some());
    }

    #[test]
    fn civil_dates_and_listing_lines() {
        assert_eq!(civil(0), (1970, 1, 1, 0, 0, 0));
        assert_eq!(civil(951_782_400), (2000, 2, 29, 0, 0, 0));
        assert_eq!(civil(1_796_646_634), (2026, 12, 7, 12, 30, 34));
        assert_eq!(civil(-1), (1969, 12, 31, 23, 59, 59));
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("hello.txt");
        std::fs::write(&file, b"hi").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
        let meta = std::fs::metadata(&file).unwrap();
        let line = list_line("hello.txt", &meta, SystemTime::now());
        assert!(line.starts_with("-rw-r----- "), "{line}");
        assert!(
            line.contains(" ftp      ftp ") && line.ends_with(" hello.txt"),
            "{line}"
        );
        assert!(line.contains(":"), "a recent file shows its time: {line}");
        let later = SystemTime::now() + std::time::Duration::from_secs(400 * 24 * 3600);
        let old = list_line("hello.txt", &meta, later);
        assert!(!old.contains(':'), "an old file shows its year: {old}");
        assert_eq!(mdtm(&meta).len(), 14);
    }

    #[test]
    fn usage_counts_entries_and_bytes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a"), [0u8; 10]).unwrap();
        std::fs::create_dir(dir.path().join("d")).unwrap();
        std::fs::write(dir.path().join("d/b"), [0u8; 5]).unwrap();
        assert_eq!(usage(dir.path(), 100), 3 * ENTRY_COST + 15);
    }

    #[test]
    fn listings_sort_small_directories() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b", "c", "a"] {
            std::fs::write(dir.path().join(name), b"").unwrap();
        }
        let names: Vec<OsString> = DirNames::read(dir.path()).unwrap().collect();
        assert_eq!(names, ["a", "b", "c"]);
    }
}
