//! A lab kept up in a child process (`lab up`, `lab exercise NAME`): started with a runtime
//! directory of the test's own, its ready line awaited, and stopped by its pid when dropped, so
//! a failing assertion leaves no lab behind.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::WAIT;

/// The unprivileged user the tests run netlearn as.
pub const NOBODY: u32 = 65534;

/// A runtime directory of the test's own (where the lab publishes itself): tests running side
/// by side never join each other's labs. netlearn uses only a directory of its own user, so
/// for the unprivileged user (nobody) it is given to nobody.
pub fn runtime_dir(unprivileged: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    if unprivileged {
        std::os::unix::fs::chown(dir.path(), Some(NOBODY), Some(NOBODY)).expect("chown");
    }
    dir
}

/// A netlearn that keeps a lab up, running as a child of the test.
pub struct LabChild {
    child: Option<Child>,
    /// The first line it wrote (`--json`): the record that says the lab is up.
    pub ready: Value,
}

impl LabChild {
    /// Runs `command` (netlearn, or setpriv running it) with `args`, its state in `runtime`,
    /// and waits for its first line. Where it ends without one (no lab can be built here), what
    /// it said is printed as the reason to skip and returned.
    pub fn start(mut command: Command, args: &[&str], runtime: &Path) -> Result<LabChild, String> {
        let mut child = command
            .args(args)
            .env("XDG_RUNTIME_DIR", runtime)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn the lab");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("read the ready line");
        if first.is_empty() {
            let output = child.wait_with_output().expect("wait");
            let said = String::from_utf8_lossy(&output.stderr).trim().to_string();
            println!("skipped: {said}");
            return Err(said);
        }
        let ready = serde_json::from_str(&first).expect("a JSON line");
        Ok(LabChild {
            child: Some(child),
            ready,
        })
    }

    /// Its process id.
    pub fn id(&self) -> u32 {
        self.child.as_ref().map_or(0, Child::id)
    }

    /// Sends `signal` (SIGKILL, SIGINT…), then waits for its exit status.
    pub fn signal(&mut self, signal: i32) -> ExitStatus {
        let mut child = self.child.take().expect("still running");
        // SAFETY: signalling the child this test started, by its pid.
        unsafe { libc::kill(child.id() as i32, signal) };
        child.wait().expect("wait")
    }

    /// SIGTERM, then its exit status (bounded: killed after [`WAIT`]); None once stopped.
    pub fn stop(&mut self) -> Option<ExitStatus> {
        let mut child = self.child.take()?;
        // SAFETY: signalling the child this test started, by its pid.
        unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = child.try_wait().expect("try_wait") {
                return Some(status);
            }
            if Instant::now() >= deadline {
                let _ = child.kill();
                return child.wait().ok();
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for LabChild {
    fn drop(&mut self) {
        self.stop();
    }
}
