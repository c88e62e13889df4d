//! Directories for fixtures that live as long as the process (a test suite's shared DNS
//! server, the fuzz entry points' web site): statics are never dropped, so a `TempDir` in one
//! would stay in /tmp; these are removed when the process exits.

use std::io;
use std::path::PathBuf;
use std::sync::{Mutex, Once, PoisonError};

static DIRS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

extern "C" fn remove_all() {
    let dirs = std::mem::take(&mut *DIRS.lock().unwrap_or_else(PoisonError::into_inner));
    for dir in dirs {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// A fresh temporary directory, removed at the process's exit (also when a test harness ends
/// with failures: it exits through `exit`, which runs the handler).
pub fn process_tempdir() -> io::Result<PathBuf> {
    static REGISTER: Once = Once::new();
    REGISTER.call_once(|| {
        // SAFETY: registers a plain function with no arguments; it only touches a static.
        unsafe { libc::atexit(remove_all) };
    });
    let dir = tempfile::tempdir()?.keep();
    DIRS.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(dir.clone());
    Ok(dir)
}
