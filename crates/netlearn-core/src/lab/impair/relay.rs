//! Delay without netem: a link cut in two through a hidden namespace, where one thread per
//! link reads each frame from one half (a packet socket) and writes it to the other half when
//! its time has come. Frames wait in a bounded queue per direction (what does not fit is
//! dropped and counted); the relay's own copies of what it sends are skipped.
//!
//! The packet sockets carry a virtio-net header (PACKET_VNET_HDR) in front of every frame, so
//! a frame whose checksum the sender's kernel left to the "card" (veth offloads it) or a TCP
//! segment larger than the MTU (segmentation offload) crosses the relay as it is, and the far
//! kernel finishes it, exactly as a veth pair would.

use std::collections::VecDeque;
use std::io;
use std::mem::{size_of, zeroed};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::wire::live::{bind_packet, set_int_option};

/// At most this many bytes wait in one direction of one link (then frames are dropped).
pub const QUEUE_BYTES: usize = 8 << 20;
/// At most this many frames wait in one direction of one link.
pub const QUEUE_FRAMES: usize = 16 * 1024;
/// The virtio-net header in front of each frame (struct virtio_net_hdr).
const VNET_HDR_LEN: usize = 10;
/// The largest frame read: a 64 KiB segment before segmentation, its headers, the header.
const FRAME_BUFFER: usize = 65_536 + 512;
/// PACKET_IGNORE_OUTGOING (Linux 4.20): the socket does not see what this host sends.
const PACKET_IGNORE_OUTGOING: i32 = 23;
/// Frames read from one socket before the loop sends what is due.
const BATCH: usize = 64;

/// What one link's relay has done, both directions together.
#[derive(Debug, Default)]
pub struct RelayCounters {
    pub forwarded: AtomicU64,
    /// Frames dropped because the queue was full or the far side refused them.
    pub dropped: AtomicU64,
}

/// The relay thread of one link.
pub struct LinkRelay {
    stop: OwnedFd,
    thread: Option<JoinHandle<()>>,
    pub counters: Arc<RelayCounters>,
}

fn last_error() -> io::Error {
    io::Error::last_os_error()
}

/// A packet socket on interface `index` of the calling thread's namespace, every protocol,
/// each frame with its virtio-net header, not seeing its own sends.
pub fn packet_socket(index: u32) -> io::Result<OwnedFd> {
    // Protocol 0 until bound: nothing from other interfaces slips in before bind.
    // SAFETY: socket has no memory preconditions.
    let fd = unsafe {
        libc::socket(
            libc::AF_PACKET,
            libc::SOCK_RAW | libc::SOCK_CLOEXEC | libc::SOCK_NONBLOCK,
            0,
        )
    };
    if fd < 0 {
        return Err(last_error());
    }
    // SAFETY: fd is a new descriptor nobody else owns.
    let socket = unsafe { OwnedFd::from_raw_fd(fd) };
    set_int_option(&socket, libc::SOL_PACKET, libc::PACKET_VNET_HDR, 1)?;
    // Older kernels lack it; the loop also skips PACKET_OUTGOING itself.
    let _ = set_int_option(&socket, libc::SOL_PACKET, PACKET_IGNORE_OUTGOING, 1);
    bind_packet(&socket, index)?;
    Ok(socket)
}

impl LinkRelay {
    /// Starts relaying between the two packet sockets `ends` (made with [`packet_socket`]),
    /// each frame `delay` late.
    pub fn start(name: String, ends: [OwnedFd; 2], delay: Duration) -> io::Result<LinkRelay> {
        // SAFETY: eventfd has no memory preconditions.
        let stop = unsafe { libc::eventfd(0, libc::EFD_CLOEXEC | libc::EFD_NONBLOCK) };
        if stop < 0 {
            return Err(last_error());
        }
        // SAFETY: a new descriptor nobody else owns.
        let stop = unsafe { OwnedFd::from_raw_fd(stop) };
        let counters = Arc::new(RelayCounters::default());
        let thread_stop = stop.try_clone()?;
        let thread_counters = Arc::clone(&counters);
        let thread = std::thread::Builder::new()
            .name(name)
            .spawn(move || relay(ends, delay, thread_stop, &thread_counters))?;
        Ok(LinkRelay {
            stop,
            thread: Some(thread),
            counters,
        })
    }
}

impl Drop for LinkRelay {
    fn drop(&mut self) {
        let one: u64 = 1;
        // SAFETY: writes 8 bytes from `one` to our eventfd.
        unsafe { libc::write(self.stop.as_raw_fd(), (&raw const one).cast(), 8) };
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// One direction's waiting frames, in the order they arrived (and so are due).
#[derive(Default)]
struct Queue {
    frames: VecDeque<(Instant, Vec<u8>)>,
    bytes: usize,
}

/// Reads what is waiting on `fd` (at most [`BATCH`] frames) into `queue`, due `delay` later.
fn read_into(
    fd: RawFd,
    buffer: &mut [u8],
    queue: &mut Queue,
    delay: Duration,
    counters: &RelayCounters,
) {
    for _ in 0..BATCH {
        // SAFETY: sockaddr_ll is plain data.
        let mut from: libc::sockaddr_ll = unsafe { zeroed() };
        let mut from_len = size_of::<libc::sockaddr_ll>() as libc::socklen_t;
        // SAFETY: buffer and from are valid for the lengths given.
        let n = unsafe {
            libc::recvfrom(
                fd,
                buffer.as_mut_ptr().cast(),
                buffer.len(),
                libc::MSG_DONTWAIT | libc::MSG_TRUNC,
                (&raw mut from).cast(),
                &raw mut from_len,
            )
        };
        let Ok(n) = usize::try_from(n) else {
            return;
        };
        if from.sll_pkttype == libc::PACKET_OUTGOING {
            continue;
        }
        if n > buffer.len() || n <= VNET_HDR_LEN {
            counters.dropped.fetch_add(1, Ordering::Relaxed);
            continue;
        }
        if queue.frames.len() >= QUEUE_FRAMES || queue.bytes + n > QUEUE_BYTES {
            counters.dropped.fetch_add(1, Ordering::Relaxed);
            continue;
        }
        queue.bytes += n;
        queue
            .frames
            .push_back((Instant::now() + delay, buffer[..n].to_vec()));
    }
}

/// Sends every frame of `queue` that is due by `now` on `fd`.
fn send_due(fd: RawFd, queue: &mut Queue, now: Instant, counters: &RelayCounters) {
    while queue.frames.front().is_some_and(|(due, _)| *due <= now) {
        let Some((_, frame)) = queue.frames.pop_front() else {
            break;
        };
        queue.bytes -= frame.len();
        // SAFETY: frame is valid for its length.
        let sent =
            unsafe { libc::send(fd, frame.as_ptr().cast(), frame.len(), libc::MSG_DONTWAIT) };
        let counter = if sent < 0 {
            &counters.dropped
        } else {
            &counters.forwarded
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

/// The relay loop: until `stop` is readable.
fn relay(ends: [OwnedFd; 2], delay: Duration, stop: OwnedFd, counters: &RelayCounters) {
    let mut buffer = vec![0u8; FRAME_BUFFER];
    // queues[i]: frames read from ends[i], to be sent on the other end.
    let mut queues = [Queue::default(), Queue::default()];
    loop {
        let now = Instant::now();
        for (i, queue) in queues.iter_mut().enumerate() {
            send_due(ends[1 - i].as_raw_fd(), queue, now, counters);
        }
        let next_due = queues
            .iter()
            .filter_map(|q| q.frames.front().map(|(due, _)| *due))
            .min();
        let timeout = next_due.map(|due| {
            let left = due.saturating_duration_since(Instant::now());
            libc::timespec {
                tv_sec: left.as_secs() as libc::time_t,
                tv_nsec: libc::c_long::from(left.subsec_nanos()),
            }
        });
        let mut fds = [
            libc::pollfd {
                fd: ends[0].as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: ends[1].as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: stop.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        let timeout_ptr = timeout
            .as_ref()
            .map_or(std::ptr::null(), std::ptr::from_ref);
        // SAFETY: fds and the timeout are valid for the call; no signal mask is changed.
        let ready = unsafe { libc::ppoll(fds.as_mut_ptr(), 3, timeout_ptr, std::ptr::null()) };
        if ready < 0 {
            if last_error().kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return;
        }
        if fds[2].revents != 0 {
            return;
        }
        for i in 0..2 {
            if fds[i].revents & libc::POLLIN != 0 {
                read_into(
                    ends[i].as_raw_fd(),
                    &mut buffer,
                    &mut queues[i],
                    delay,
                    counters,
                );
            } else if fds[i].revents & libc::POLLNVAL != 0 {
                return;
            } else if fds[i].revents & libc::POLLERR != 0 {
                // ENETDOWN and the like: read (and so clear) the error, go on.
                let mut error: i32 = 0;
                let mut len = size_of::<i32>() as libc::socklen_t;
                // SAFETY: error and len are valid for the call.
                unsafe {
                    libc::getsockopt(
                        ends[i].as_raw_fd(),
                        libc::SOL_SOCKET,
                        libc::SO_ERROR,
                        (&raw mut error).cast(),
                        &raw mut len,
                    )
                };
            }
        }
    }
}
