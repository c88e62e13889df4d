//! A private network for demos that want to see their packets without root: a new user
//! namespace (where this process is root) and a new network namespace (with its own `lo`),
//! entered before any thread starts. The host's interfaces, routes and namespaces are never
//! touched, and nothing is left behind: the namespaces end with the process.

use std::io;
use std::mem::zeroed;
use std::sync::OnceLock;

/// How a demo can capture its packets.
#[derive(Debug)]
pub enum Access {
    /// The process already has CAP_NET_RAW (root): capture on the host's `lo`.
    Host,
    /// The process is inside its own user and network namespaces, `lo` up.
    PrivateNetwork,
    /// Neither: the demo runs without packets, for this reason.
    Unavailable(Refusal),
}

/// Why no private network could be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// unshare(2) was refused (EPERM: a container's seccomp profile such as Docker's, or
    /// user namespaces switched off by sysctl).
    UnshareRefused { errno: i32, sysctl_off: bool },
    /// unshare(2) failed otherwise (EINVAL: threads already running).
    UnshareFailed(i32),
    /// The uid/gid maps could not be written.
    MapRefused(i32),
    /// The namespace was made but gives no capabilities (Ubuntu 24.04's AppArmor rule
    /// `kernel.apparmor_restrict_unprivileged_userns`).
    CapabilitiesDenied { apparmor_rule: bool },
    /// `lo` could not be brought up inside the namespace.
    LoopbackDown(i32),
    /// Not Linux.
    Unsupported,
}

static ACCESS: OnceLock<Access> = OnceLock::new();
static OUTER_UID: OnceLock<u32> = OnceLock::new();

/// The user id this process started with, before any user namespace mapped it to 0.
pub fn outer_uid() -> u32 {
    // SAFETY: getuid has no preconditions.
    *OUTER_UID.get_or_init(|| unsafe { libc::getuid() })
}

/// What `prepare` found; `None` when it was not called.
pub fn access() -> Option<&'static Access> {
    ACCESS.get()
}

fn sysctl_is(path: &str, value: &str) -> bool {
    std::fs::read_to_string(path).is_ok_and(|text| text.trim() == value)
}

/// What capture this process may do now: what `prepare` found, or for root (which needs no
/// namespace) `Host`; `None` for another user when `main` did not prepare, since entering a
/// namespace now, with threads running, would fail or move the whole process.
pub fn ready() -> Option<&'static Access> {
    #[cfg(target_os = "linux")]
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    #[cfg(not(target_os = "linux"))]
    let root = false;
    match access() {
        Some(access) => Some(access),
        None if root => Some(prepare()),
        None => None,
    }
}

/// Makes packet capture possible for this process if it can be: keeps root as it is, else
/// enters a private user + network namespace. Must run before any thread starts (unshare of a
/// user namespace fails with EINVAL in a multi-threaded process); call it from `main`.
pub fn prepare() -> &'static Access {
    outer_uid();
    ACCESS.get_or_init(decide)
}

#[cfg(target_os = "linux")]
fn decide() -> Access {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        return Access::Host;
    }
    match enter() {
        Ok(()) => Access::PrivateNetwork,
        Err(refusal) => Access::Unavailable(refusal),
    }
}

#[cfg(not(target_os = "linux"))]
fn decide() -> Access {
    Access::Unavailable(Refusal::Unsupported)
}

#[cfg(target_os = "linux")]
fn enter() -> Result<(), Refusal> {
    // SAFETY: getuid and getgid have no preconditions.
    let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
    // SAFETY: unshare changes only this process's namespaces; no threads run yet.
    if unsafe { libc::unshare(libc::CLONE_NEWUSER | libc::CLONE_NEWNET) } != 0 {
        let errno = io::Error::last_os_error().raw_os_error().unwrap_or(0);
        return Err(match errno {
            libc::EPERM | libc::ENOSPC | libc::EACCES => Refusal::UnshareRefused {
                errno,
                sysctl_off: sysctl_is("/proc/sys/kernel/unprivileged_userns_clone", "0")
                    || sysctl_is("/proc/sys/user/max_user_namespaces", "0"),
            },
            other => Refusal::UnshareFailed(other),
        });
    }
    let write = |path: &str, text: String| {
        std::fs::write(path, text).map_err(|e| Refusal::MapRefused(e.raw_os_error().unwrap_or(0)))
    };
    // setgroups must be denied before an unprivileged process may write gid_map.
    write("/proc/self/setgroups", "deny".to_string())?;
    write("/proc/self/uid_map", format!("0 {uid} 1"))?;
    write("/proc/self/gid_map", format!("0 {gid} 1"))?;
    loopback_up()
}

/// `ip link set lo up`, by ioctl on a datagram socket inside the namespace.
#[cfg(target_os = "linux")]
fn loopback_up() -> Result<(), Refusal> {
    let apparmor = || {
        sysctl_is(
            "/proc/sys/kernel/apparmor_restrict_unprivileged_userns",
            "1",
        )
    };
    // SAFETY: a plain socket call; the descriptor is closed below.
    let fd = unsafe { libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0) };
    if fd < 0 {
        return Err(Refusal::LoopbackDown(
            io::Error::last_os_error().raw_os_error().unwrap_or(0),
        ));
    }
    // SAFETY: ifreq is plain data; zeroed is valid.
    let mut request: libc::ifreq = unsafe { zeroed() };
    for (slot, byte) in request.ifr_name.iter_mut().zip(b"lo\0") {
        *slot = *byte as libc::c_char;
    }
    // SAFETY: fd is a socket and `request` a valid ifreq naming "lo".
    let result = unsafe {
        let mut result = libc::ioctl(fd, libc::SIOCGIFFLAGS, &raw mut request);
        if result == 0 {
            request.ifr_ifru.ifru_flags |= libc::IFF_UP as libc::c_short;
            result = libc::ioctl(fd, libc::SIOCSIFFLAGS, &raw mut request);
        }
        result
    };
    let errno = io::Error::last_os_error().raw_os_error().unwrap_or(0);
    // SAFETY: closing the descriptor opened above.
    unsafe { libc::close(fd) };
    match result {
        0 => Ok(()),
        _ if errno == libc::EPERM => Err(Refusal::CapabilitiesDenied {
            apparmor_rule: apparmor(),
        }),
        _ => Err(Refusal::LoopbackDown(errno)),
    }
}
