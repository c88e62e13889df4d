//! Live capture on a Linux packet socket (AF_PACKET): every frame on one interface with the
//! kernel's receive timestamp, loopback's duplicate outgoing copies dropped as libpcap drops
//! them (in the kernel, by a classic BPF filter, which with a port also keeps out other ports'
//! TCP and UDP), and the kernel's drop count from PACKET_STATISTICS.

use std::ffi::CString;
use std::io;
use std::mem::{MaybeUninit, size_of, zeroed};
use std::os::fd::AsRawFd;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use socket2::{Domain, Protocol, Socket, Type};

use super::decode::LinkType;
use super::file::MAX_RECORD;

/// Why a capture could not start (worded by the capture view: `app::wire::words`).
#[derive(Debug)]
pub enum LiveError {
    /// Opening a packet socket needs CAP_NET_RAW.
    NoPermission,
    NoSuchInterface(String),
    /// An ARPHRD_ hardware type netlearn does not decode.
    UnknownHardware {
        name: String,
        hardware: u32,
    },
    /// sysfs's `type` of the interface is not a number.
    UnreadableHardware {
        name: String,
    },
    Io(io::Error),
}

impl From<io::Error> for LiveError {
    fn from(error: io::Error) -> Self {
        LiveError::Io(error)
    }
}

/// One frame as captured.
pub struct Frame<'a> {
    pub time_ns: u64,
    /// The frame's length on the wire (`data` may be shorter if it exceeded the buffer).
    pub orig_len: u32,
    pub data: &'a [u8],
    /// Whether `time_ns` is known to be when the frame arrived. False when the read itself
    /// took the time: the kernel stamps frames on arrival only while some socket of the
    /// machine asks for stamps, switches that on lazily (a deferred work item, late on a
    /// loaded machine) and off again when the last such socket closes, and meanwhile stamps a
    /// frame when it is read. A stamp taken within [`READ_STAMP_WINDOW`] of the read is
    /// counted as such.
    pub stamped: bool,
}

/// Keeps the kernel stamping frames on arrival for the rest of the process: a socket that asks
/// for stamps and is never closed. Without it the kernel switches stamping off whenever the
/// last capture closes and on again (lazily) with the next, whose first frames then carry the
/// time they were read instead of the time they came (a ladder's times all a few µs apart).
fn keep_arrival_stamps() {
    static KEEPER: std::sync::OnceLock<Option<std::net::UdpSocket>> = std::sync::OnceLock::new();
    KEEPER.get_or_init(|| {
        let keeper = std::net::UdpSocket::bind((std::net::Ipv4Addr::UNSPECIFIED, 0)).ok()?;
        set_int_option(&keeper, libc::SOL_SOCKET, libc::SO_TIMESTAMPNS, 1).ok()?;
        Some(keeper)
    });
}

/// A stamp this close to the moment of reading may have been taken by the read itself.
pub const READ_STAMP_WINDOW: Duration = Duration::from_millis(1);

/// Whether a stamp is surely the frame's arrival: older than [`READ_STAMP_WINDOW`] when read.
fn stamped_on_arrival(stamp: u64, read_at: u64) -> bool {
    read_at.saturating_sub(stamp) >= READ_STAMP_WINDOW.as_nanos() as u64
}

/// A packet socket bound to one interface.
pub struct LiveCapture {
    socket: Socket,
    link: LinkType,
    loopback: bool,
    buffer: Vec<u8>,
    kernel_drops: u64,
}

const ETH_P_ALL: u16 = libc::ETH_P_ALL as u16;

/// The interface's ARPHRD_ hardware type, asked of the kernel through `socket`
/// (SIOCGIFHWADDR): in the network namespace the socket was made in, where sysfs would show
/// the namespace it was mounted in (a lab host's interfaces are not there).
fn hardware_type(socket: &Socket, name: &str) -> Result<u16, LiveError> {
    let unreadable = || LiveError::UnreadableHardware {
        name: name.to_string(),
    };
    // SAFETY: ifreq is plain data; zeroed is a valid value to fill in.
    let mut request: libc::ifreq = unsafe { zeroed() };
    if name.len() >= request.ifr_name.len() {
        return Err(unreadable());
    }
    for (slot, byte) in request.ifr_name.iter_mut().zip(name.as_bytes()) {
        *slot = *byte as libc::c_char;
    }
    // SAFETY: SIOCGIFHWADDR reads the NUL-terminated name and fills the request's hwaddr.
    let done = unsafe {
        libc::ioctl(
            socket.as_raw_fd(),
            libc::SIOCGIFHWADDR as _,
            &raw mut request,
        )
    };
    if done != 0 {
        return Err(unreadable());
    }
    // SAFETY: the kernel filled the hwaddr member of the union.
    Ok(unsafe { request.ifr_ifru.ifru_hwaddr.sa_family })
}

impl LiveCapture {
    /// Opens a packet socket on `name`; reads wait at most `poll` so callers can check a
    /// deadline or a cancellation between frames.
    pub fn open(name: &str, poll: Duration) -> Result<LiveCapture, LiveError> {
        let c_name =
            CString::new(name).map_err(|_| LiveError::NoSuchInterface(name.to_string()))?;
        // SAFETY: if_nametoindex reads a NUL-terminated string and returns 0 when unknown.
        let index = unsafe { libc::if_nametoindex(c_name.as_ptr()) };
        if index == 0 || name.contains('/') {
            return Err(LiveError::NoSuchInterface(name.to_string()));
        }
        let protocol = Protocol::from(i32::from(ETH_P_ALL.to_be()));
        let socket =
            Socket::new(Domain::PACKET, Type::RAW, Some(protocol)).map_err(|error| match error
                .raw_os_error()
            {
                Some(libc::EPERM) | Some(libc::EACCES) => LiveError::NoPermission,
                _ => LiveError::Io(error),
            })?;
        let hardware = hardware_type(&socket, name)?;
        let (link, loopback) = match hardware {
            libc::ARPHRD_ETHER => (LinkType::Ethernet, false),
            // Loopback frames carry an Ethernet header of zeros.
            libc::ARPHRD_LOOPBACK => (LinkType::Ethernet, true),
            // Tunnels (tun, WireGuard) carry bare IP.
            libc::ARPHRD_NONE => (LinkType::Raw, false),
            _ => {
                return Err(LiveError::UnknownHardware {
                    name: name.to_string(),
                    hardware: hardware.into(),
                });
            }
        };
        bind_packet(&socket, index)?;
        keep_arrival_stamps();
        set_int_option(&socket, libc::SOL_SOCKET, libc::SO_TIMESTAMPNS, 1)?;
        // A larger queue rides out bursts (the echo benchmark on lo); drops are counted anyway.
        let _ = set_int_option(&socket, libc::SOL_SOCKET, libc::SO_RCVBUFFORCE, 8 << 20)
            .or_else(|_| socket.set_recv_buffer_size(8 << 20));
        socket.set_read_timeout(Some(poll.max(Duration::from_millis(1))))?;
        let mut capture = LiveCapture {
            socket,
            link,
            loopback,
            buffer: vec![0; MAX_RECORD],
            kernel_drops: 0,
        };
        // On loopback the kernel drops the outgoing copies the reader skips anyway; without
        // the filter (refused) the reader still skips them.
        let _ = capture.attach_filter(None);
        // Reading the statistics resets them: start from zero.
        capture.read_statistics()?;
        capture.kernel_drops = 0;
        Ok(capture)
    }

    /// Has the kernel queue only frames that may be to or from `port` (TCP and UDP ports; an
    /// ICMP error quoting one; anything the filter cannot rule out), as tcpdump compiles its
    /// filter into the kernel. Without it every frame on the interface fills the socket's
    /// queue: a capture of one quiet port on a busy `lo` counted over a thousand frames
    /// "dropped by kernel" that it would never have shown. The caller still checks each
    /// frame; this only spares the queue frames the check would refuse.
    pub fn keep_port(&mut self, port: u16) -> io::Result<()> {
        self.attach_filter(Some(port))?;
        // Frames dropped before the filter held are not this capture's.
        self.read_statistics()?;
        self.kernel_drops = 0;
        Ok(())
    }

    fn attach_filter(&mut self, port: Option<u16>) -> io::Result<()> {
        let mut program = kernel_filter(self.link, self.loopback, port);
        if program.is_empty() {
            return Ok(());
        }
        let filter = libc::sock_fprog {
            len: u16::try_from(program.len()).unwrap_or(u16::MAX),
            filter: program.as_mut_ptr(),
        };
        // SAFETY: `filter` points at `program`, which outlives the call; the kernel copies it.
        let result = unsafe {
            libc::setsockopt(
                self.socket.as_raw_fd(),
                libc::SOL_SOCKET,
                libc::SO_ATTACH_FILTER,
                (&raw const filter).cast(),
                size_of::<libc::sock_fprog>() as libc::socklen_t,
            )
        };
        if result == 0 {
            Ok(())
        } else {
            Err(io::Error::last_os_error())
        }
    }

    pub fn link(&self) -> LinkType {
        self.link
    }

    /// The next frame, or `None` when none came within the poll interval.
    pub fn next_frame(&mut self) -> io::Result<Option<Frame<'_>>> {
        loop {
            let Some((len, time_ns, stamped, packet_type)) = self.receive()? else {
                return Ok(None);
            };
            // On loopback each packet passes the tap twice, leaving and arriving: keep the
            // arriving copy, as libpcap does.
            if self.loopback && packet_type == libc::PACKET_OUTGOING {
                continue;
            }
            let kept = len.min(self.buffer.len());
            return Ok(Some(Frame {
                time_ns,
                orig_len: u32::try_from(len).unwrap_or(u32::MAX),
                data: &self.buffer[..kept],
                stamped,
            }));
        }
    }

    /// One recvmsg: the frame's full length, its timestamp (whether the kernel's) and the
    /// packet type.
    fn receive(&mut self) -> io::Result<Option<(usize, u64, bool, u8)>> {
        // SAFETY: all-zero bytes are valid for these C structs.
        let mut from: libc::sockaddr_ll = unsafe { zeroed() };
        let mut control = [MaybeUninit::<u8>::uninit(); 64];
        let mut iov = libc::iovec {
            iov_base: self.buffer.as_mut_ptr().cast(),
            iov_len: self.buffer.len(),
        };
        // SAFETY: as above.
        let mut message: libc::msghdr = unsafe { zeroed() };
        message.msg_name = (&raw mut from).cast();
        message.msg_namelen = size_of::<libc::sockaddr_ll>() as libc::socklen_t;
        message.msg_iov = &raw mut iov;
        message.msg_iovlen = 1;
        message.msg_control = control.as_mut_ptr().cast();
        message.msg_controllen = control.len();
        // SAFETY: every pointer in `message` refers to a live buffer of the stated length.
        let received =
            unsafe { libc::recvmsg(self.socket.as_raw_fd(), &raw mut message, libc::MSG_TRUNC) };
        if received < 0 {
            let error = io::Error::last_os_error();
            return match error.kind() {
                io::ErrorKind::WouldBlock
                | io::ErrorKind::TimedOut
                | io::ErrorKind::Interrupted => Ok(None),
                _ => Err(error),
            };
        }
        let mut time_ns = None;
        // SAFETY: the CMSG macros walk the control buffer recvmsg filled, within its length.
        unsafe {
            let mut header = libc::CMSG_FIRSTHDR(&raw const message);
            while !header.is_null() {
                if (*header).cmsg_level == libc::SOL_SOCKET
                    && (*header).cmsg_type == libc::SCM_TIMESTAMPNS
                {
                    let stamp = libc::CMSG_DATA(header)
                        .cast::<libc::timespec>()
                        .read_unaligned();
                    time_ns = Some(stamp.tv_sec as u64 * 1_000_000_000 + stamp.tv_nsec as u64);
                }
                header = libc::CMSG_NXTHDR(&raw const message, header);
            }
        }
        // The kernel switches timestamping on lazily; the first frames may come without one.
        let stamp = time_ns.filter(|&t| t > 0);
        let read_at = now_ns();
        Ok(Some((
            received as usize,
            stamp.unwrap_or(read_at),
            stamp.is_some_and(|stamp| stamped_on_arrival(stamp, read_at)),
            from.sll_pkttype,
        )))
    }

    fn read_statistics(&mut self) -> io::Result<()> {
        // SAFETY: tpacket_stats is plain data.
        let mut stats: libc::tpacket_stats = unsafe { zeroed() };
        let mut len = size_of::<libc::tpacket_stats>() as libc::socklen_t;
        // SAFETY: the pointer and length describe `stats`.
        let result = unsafe {
            libc::getsockopt(
                self.socket.as_raw_fd(),
                libc::SOL_PACKET,
                libc::PACKET_STATISTICS,
                (&raw mut stats).cast(),
                &raw mut len,
            )
        };
        if result != 0 {
            return Err(io::Error::last_os_error());
        }
        self.kernel_drops += u64::from(stats.tp_drops);
        Ok(())
    }

    /// Frames the kernel dropped because the socket's queue was full, since opening.
    pub fn kernel_drops(&mut self) -> io::Result<u64> {
        self.read_statistics()?;
        Ok(self.kernel_drops)
    }
}

/// A classic BPF program for the kernel: on loopback, drop the outgoing copy of each frame
/// (the reader skips it anyway); with `port`, drop ARP and unfragmented (or first-fragment)
/// IPv4/IPv6 TCP and UDP whose ports are both other than `port`. Everything else is accepted,
/// so the program only ever drops frames `Packet::involves_port` refuses. Empty: no filter.
fn kernel_filter(link: LinkType, loopback: bool, port: Option<u16>) -> Vec<libc::sock_filter> {
    /// Where a jump goes: the next instruction or a label.
    #[derive(Clone, Copy)]
    enum To {
        Next,
        Label(usize),
    }
    const ACCEPT: usize = 0;
    const DROP: usize = 1;
    const V4: usize = 2;
    const V4_PORTS: usize = 3;
    const V6: usize = 4;
    const V6_PORTS: usize = 5;
    const LD_H_ABS: u16 = (libc::BPF_LD | libc::BPF_H | libc::BPF_ABS) as u16;
    const LD_B_ABS: u16 = (libc::BPF_LD | libc::BPF_B | libc::BPF_ABS) as u16;
    const LD_W_ABS: u16 = (libc::BPF_LD | libc::BPF_W | libc::BPF_ABS) as u16;
    const LD_H_IND: u16 = (libc::BPF_LD | libc::BPF_H | libc::BPF_IND) as u16;
    const LDX_MSH: u16 = (libc::BPF_LDX | libc::BPF_B | libc::BPF_MSH) as u16;
    const JEQ: u16 = (libc::BPF_JMP | libc::BPF_JEQ | libc::BPF_K) as u16;
    const JSET: u16 = (libc::BPF_JMP | libc::BPF_JSET | libc::BPF_K) as u16;
    const RET: u16 = (libc::BPF_RET | libc::BPF_K) as u16;
    // The packet type (PACKET_OUTGOING and so on) as an ancillary load.
    const PKTTYPE: u32 = (libc::SKF_AD_OFF + libc::SKF_AD_PKTTYPE) as u32;

    let mut code: Vec<(u16, To, To, u32)> = Vec::new();
    let mut labels = [0usize; 6];
    let op = |code: &mut Vec<(u16, To, To, u32)>, c: u16, k: u32| {
        code.push((c, To::Next, To::Next, k));
    };
    let jump = |code: &mut Vec<(u16, To, To, u32)>, c: u16, k: u32, yes: To, no: To| {
        code.push((c, yes, no, k));
    };
    let filter_ports = port.filter(|_| link == LinkType::Ethernet);
    if !loopback && filter_ports.is_none() {
        return Vec::new();
    }
    if loopback {
        op(&mut code, LD_W_ABS, PKTTYPE);
        let outgoing = u32::from(libc::PACKET_OUTGOING);
        jump(&mut code, JEQ, outgoing, To::Label(DROP), To::Next);
    }
    if let Some(port) = filter_ports {
        let port = u32::from(port);
        op(&mut code, LD_H_ABS, 12);
        jump(&mut code, JEQ, 0x0806, To::Label(DROP), To::Next);
        jump(&mut code, JEQ, 0x0800, To::Label(V4), To::Next);
        jump(&mut code, JEQ, 0x86dd, To::Label(V6), To::Label(ACCEPT));
        labels[V4] = code.len();
        op(&mut code, LD_B_ABS, 14 + 9);
        jump(&mut code, JEQ, 6, To::Label(V4_PORTS), To::Next);
        jump(&mut code, JEQ, 17, To::Label(V4_PORTS), To::Label(ACCEPT));
        labels[V4_PORTS] = code.len();
        // A later fragment carries no ports where they would be: let it through.
        op(&mut code, LD_H_ABS, 14 + 6);
        jump(&mut code, JSET, 0x1fff, To::Label(ACCEPT), To::Next);
        op(&mut code, LDX_MSH, 14);
        op(&mut code, LD_H_IND, 14);
        jump(&mut code, JEQ, port, To::Label(ACCEPT), To::Next);
        op(&mut code, LD_H_IND, 16);
        jump(&mut code, JEQ, port, To::Label(ACCEPT), To::Label(DROP));
        labels[V6] = code.len();
        // The next header right after the fixed header; extension headers are let through.
        op(&mut code, LD_B_ABS, 14 + 6);
        jump(&mut code, JEQ, 6, To::Label(V6_PORTS), To::Next);
        jump(&mut code, JEQ, 17, To::Label(V6_PORTS), To::Label(ACCEPT));
        labels[V6_PORTS] = code.len();
        op(&mut code, LD_H_ABS, 14 + 40);
        jump(&mut code, JEQ, port, To::Label(ACCEPT), To::Next);
        op(&mut code, LD_H_ABS, 14 + 42);
        jump(&mut code, JEQ, port, To::Label(ACCEPT), To::Label(DROP));
    }
    labels[ACCEPT] = code.len();
    op(&mut code, RET, u32::MAX);
    labels[DROP] = code.len();
    op(&mut code, RET, 0);
    code.iter()
        .enumerate()
        .map(|(at, &(c, yes, no, k))| {
            let offset = |to: To| match to {
                To::Next => 0,
                // Every jump goes forward, at most a few dozen instructions.
                To::Label(label) => u8::try_from(labels[label] - at - 1).unwrap_or(u8::MAX),
            };
            libc::sock_filter {
                code: c,
                jt: offset(yes),
                jf: offset(no),
                k,
            }
        })
        .collect()
}

/// setsockopt with an int value (options socket2 does not wrap).
pub fn set_int_option(socket: &impl AsRawFd, level: i32, name: i32, value: i32) -> io::Result<()> {
    // SAFETY: the pointer and length describe `value`.
    let result = unsafe {
        libc::setsockopt(
            socket.as_raw_fd(),
            level,
            name,
            (&raw const value).cast(),
            size_of::<i32>() as libc::socklen_t,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Binds the packet socket `socket` to interface `index`, every protocol (ETH_P_ALL).
pub fn bind_packet(socket: &impl AsRawFd, index: u32) -> io::Result<()> {
    // SAFETY: sockaddr_ll is plain data; zeroed is a valid value to fill in.
    let mut address: libc::sockaddr_ll = unsafe { zeroed() };
    address.sll_family = libc::AF_PACKET as u16;
    address.sll_protocol = ETH_P_ALL.to_be();
    address.sll_ifindex = i32::try_from(index).unwrap_or(0);
    // SAFETY: the pointer and length describe `address`, which outlives the call.
    let bound = unsafe {
        libc::bind(
            socket.as_raw_fd(),
            (&raw const address).cast::<libc::sockaddr>(),
            size_of::<libc::sockaddr_ll>() as libc::socklen_t,
        )
    };
    if bound == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// How long after finish() a recording still drains frames whose arrival it cannot tell, so
/// that an interface that never falls quiet still ends.
const DRAIN_MAX: Duration = Duration::from_secs(1);

/// Whether `frame`, read at `now` after the recording was told to stop at `stop_at` (0: not
/// told), is past the recording's end. A frame that may have been stamped when read says
/// nothing of when it came: kept, unless the drain has gone on too long.
fn ends_recording(frame: &Frame<'_>, stop_at: u64, now: u64) -> bool {
    stop_at != 0
        && ((frame.stamped && frame.time_ns > stop_at)
            || now > stop_at.saturating_add(DRAIN_MAX.as_nanos() as u64))
}

fn now_ns() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

/// A frame kept by a [`Recording`].
#[derive(Clone, Debug)]
pub struct Captured {
    pub time_ns: u64,
    pub data: Vec<u8>,
}

/// What a [`Recording`] saw, in the order the interface carried it.
#[derive(Clone, Debug)]
pub enum Recorded {
    Frame(Captured),
    /// The marker datagram of [`Recording::mark`] with this number: every frame before it was
    /// sent before the mark was taken.
    Mark(u64),
}

/// The payload of a marker datagram: this prefix, then the mark's number (big-endian).
const MARK_PREFIX: &[u8; 8] = b"nl-mark:";

/// The marks the capture thread has seen, and a way to wait for the next.
#[derive(Default)]
struct Seen {
    last: std::sync::Mutex<Option<u64>>,
    changed: std::sync::Condvar,
}

/// Captures on an interface in a thread of its own until finished: for demos, which make
/// their traffic while it runs and look at the packets afterwards. [`Recording::mark`] puts a
/// barrier into the stream, so a demo can tell which packets came before a point in its code.
pub struct Recording {
    /// 0 while recording; once [`Recording::finish`] is called, the time (ns since the Unix
    /// epoch) after which frames are no longer the recording's.
    stop_at: std::sync::Arc<std::sync::atomic::AtomicU64>,
    thread: std::thread::JoinHandle<(Vec<Recorded>, u64)>,
    link: LinkType,
    /// Sends markers to itself; its frames are never kept as packets. None for a quiet
    /// recording, which has no barrier.
    probe: Option<std::net::UdpSocket>,
    seen: std::sync::Arc<Seen>,
    next_mark: std::sync::atomic::AtomicU64,
}

/// The most frames a recording keeps; a demo makes a few dozen.
const RECORDING_MAX: usize = 10_000;

/// Longest wait for the capture to see a marker; past it the demo goes on (its packets may
/// then be shown one call late). The wait ends as soon as the marker is read, so this bound
/// only matters when the capture thread or the kernel's receive path is held up: on a loaded
/// machine (two cores, the test suite's six threads) that took over half a second, and a
/// shorter bound then put packets under the wrong call or lost the last ones.
const MARK_WAIT: Duration = Duration::from_secs(5);

/// The mark number a frame to the probe's port carries, `Some(None)` for another datagram to
/// that port (the settling probes), `None` for any other frame.
fn probe_frame(link: LinkType, data: &[u8], probe_port: u16) -> Option<Option<u64>> {
    let packet = super::decode::decode(link, data);
    let super::decode::Body::Udp { udp, preview, .. } = &packet.body else {
        return None;
    };
    if udp.dst_port != probe_port || !packet.involves_host(std::net::Ipv4Addr::LOCALHOST.into()) {
        return None;
    }
    let bytes = preview.bytes();
    Some(
        bytes
            .strip_prefix(MARK_PREFIX.as_slice())
            .and_then(|rest| <[u8; 8]>::try_from(rest).ok())
            .map(u64::from_be_bytes),
    )
}

impl Recording {
    /// Opens the capture and starts its thread; returns once the kernel delivers timestamped
    /// frames (a datagram to ourselves proves it), so the first call's packets are not missed.
    pub fn start(name: &str) -> Result<Recording, LiveError> {
        Recording::start_with(name, true)
    }

    /// Like [`Recording::start`] without the probe on 127.0.0.1 (a lab host's interfaces never
    /// carry it, and its `lo` may be down), and so without [`Recording::mark`]'s barrier: the
    /// socket is bound, so the kernel queues every frame from here on even before the thread
    /// reads.
    pub fn start_quiet(name: &str) -> Result<Recording, LiveError> {
        Recording::start_with(name, false)
    }

    fn start_with(name: &str, with_probe: bool) -> Result<Recording, LiveError> {
        use std::sync::atomic::{AtomicU64, Ordering};
        let mut capture = LiveCapture::open(name, Duration::from_millis(20))?;
        let link = capture.link();
        let probe = if with_probe {
            Some(std::net::UdpSocket::bind((
                std::net::Ipv4Addr::LOCALHOST,
                0,
            ))?)
        } else {
            None
        };
        let target = probe.as_ref().map(|probe| probe.local_addr()).transpose()?;
        // Port 0 is never a datagram's destination: without a probe no frame is a marker.
        let probe_port = target.map_or(0, |target| target.port());
        let stop_at = std::sync::Arc::new(AtomicU64::new(0));
        let seen = std::sync::Arc::new(Seen::default());
        let (ready_tx, ready_rx) = std::sync::mpsc::channel::<()>();
        let stopping = stop_at.clone();
        let seeing = seen.clone();
        let thread = std::thread::spawn(move || {
            let mut recorded = Vec::new();
            let mut ready = Some(ready_tx);
            loop {
                // Once finish() is called, the frames already queued on the socket are still
                // read (they were sent before it); reading ends at the first frame that surely
                // arrived after that moment, or when the queue is empty. Stopping at the flag
                // alone lost the last frames whenever this thread lagged behind (a loaded
                // machine), and so did trusting a stamp the read itself had taken.
                let stop_at = stopping.load(Ordering::Acquire);
                match capture.next_frame() {
                    Ok(Some(frame)) => {
                        if ends_recording(&frame, stop_at, now_ns()) {
                            break;
                        }
                        if let Some(ready) = ready.take() {
                            let _ = ready.send(());
                        }
                        match probe_frame(link, frame.data, probe_port) {
                            Some(Some(mark)) => {
                                recorded.push(Recorded::Mark(mark));
                                if let Ok(mut last) = seeing.last.lock() {
                                    *last = Some(mark);
                                }
                                seeing.changed.notify_all();
                            }
                            Some(None) => {}
                            None if recorded.len() < RECORDING_MAX => {
                                recorded.push(Recorded::Frame(Captured {
                                    time_ns: frame.time_ns,
                                    data: frame.data.to_vec(),
                                }));
                            }
                            None => {}
                        }
                    }
                    Ok(None) if stop_at != 0 => break,
                    Ok(None) => {}
                    Err(_) => break,
                }
            }
            let drops = capture.kernel_drops().unwrap_or(0);
            (recorded, drops)
        });
        // Datagrams to a socket of our own until the capture has seen one (at most 1 s).
        if let (Some(probe), Some(target)) = (&probe, target) {
            for _ in 0..50 {
                let _ = probe.send_to(b"settle", target);
                if ready_rx.recv_timeout(Duration::from_millis(20)).is_ok() {
                    break;
                }
            }
        }
        Ok(Recording {
            stop_at,
            thread,
            link,
            probe,
            seen,
            next_mark: AtomicU64::new(0),
        })
    }

    pub fn link(&self) -> LinkType {
        self.link
    }

    /// A barrier: sends a marker datagram on the interface and waits (at most half a second)
    /// until the capture has seen it. On loopback a packet socket sees frames in the order
    /// they were sent, so every frame sent before this call is recorded before the mark.
    /// Returns the mark's number (0, 1, 2, …), also when the wait timed out.
    pub fn mark(&self) -> u64 {
        let mark = self
            .next_mark
            .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
        let mut payload = [0u8; 16];
        payload[..8].copy_from_slice(MARK_PREFIX);
        payload[8..].copy_from_slice(&mark.to_be_bytes());
        let Some(probe) = &self.probe else {
            return mark;
        };
        let sent = probe
            .local_addr()
            .and_then(|target| probe.send_to(&payload, target));
        if sent.is_err() {
            return mark;
        }
        let deadline = std::time::Instant::now() + MARK_WAIT;
        let Ok(mut last) = self.seen.last.lock() else {
            return mark;
        };
        while last.is_none_or(|seen| seen < mark) {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                break;
            }
            match self.seen.changed.wait_timeout(last, left) {
                Ok((guard, _)) => last = guard,
                Err(_) => return mark,
            }
        }
        mark
    }

    /// Stops the thread once it has read every frame queued before this call; returns what
    /// it recorded and the kernel's drop count.
    pub fn finish(self) -> (Vec<Recorded>, u64) {
        self.stop_at
            .store(now_ns().max(1), std::sync::atomic::Ordering::Release);
        self.thread.join().unwrap_or_default()
    }

    /// Stops the thread; returns the frames alone (no marks) and the kernel's drop count.
    pub fn finish_frames(self) -> (Vec<Captured>, u64) {
        let (recorded, drops) = self.finish();
        let frames = recorded
            .into_iter()
            .filter_map(|entry| match entry {
                Recorded::Frame(frame) => Some(frame),
                Recorded::Mark(_) => None,
            })
            .collect();
        (frames, drops)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame_at(time_ns: u64, stamped: bool) -> Frame<'static> {
        Frame {
            time_ns,
            orig_len: 0,
            data: &[],
            stamped,
        }
    }

    #[test]
    fn a_stamp_taken_by_the_read_itself_is_not_an_arrival() {
        let read_at = 1_000_000_000_000;
        // The kernel stamped it when it was read (timestamping not yet switched on).
        assert!(!stamped_on_arrival(read_at - 3_000, read_at));
        assert!(!stamped_on_arrival(read_at, read_at));
        // Queued for a while: the stamp is when it came.
        assert!(stamped_on_arrival(read_at - 90_000_000, read_at));
        assert!(stamped_on_arrival(read_at - 1_000_000, read_at));
    }

    #[test]
    fn a_recording_ends_at_a_frame_that_surely_came_after_the_stop_and_not_before() {
        let stop = 5_000_000_000;
        let ms = 1_000_000;
        // Not told to stop: nothing ends it.
        assert!(!ends_recording(
            &frame_at(stop + ms, true),
            0,
            stop + 2 * ms
        ));
        // Arrived before the stop, read 90 ms late (a loaded machine): kept.
        assert!(!ends_recording(
            &frame_at(stop - ms, true),
            stop,
            stop + 90 * ms
        ));
        // Stamped by its late read, 90 ms after the stop: it may have come before: kept.
        // (Trusting this stamp lost the last packets of lab --ladder's steps under load.)
        assert!(!ends_recording(
            &frame_at(stop + 90 * ms, false),
            stop,
            stop + 90 * ms
        ));
        // Surely arrived after the stop: the end.
        assert!(ends_recording(
            &frame_at(stop + 2 * ms, true),
            stop,
            stop + 5 * ms
        ));
        // An interface that never falls quiet still ends, a bounded time after the stop.
        assert!(ends_recording(
            &frame_at(stop + 1_500 * ms, false),
            stop,
            stop + 1_500 * ms
        ));
    }

    fn udp_frame(dst: u16, payload: &[u8]) -> Vec<u8> {
        let mut data = Vec::new();
        etherparse::PacketBuilder::ethernet2([0; 6], [0; 6])
            .ipv4([127, 0, 0, 1], [127, 0, 0, 1], 64)
            .udp(40000, dst)
            .write(&mut data, payload)
            .expect("write");
        data
    }

    /// As root: after keep_port, the kernel queues nothing of a port the test sends to first.
    #[test]
    fn the_kernel_filter_queues_only_frames_that_may_be_the_ports() {
        use std::net::{Ipv4Addr, UdpSocket};
        // A packet socket needs CAP_NET_RAW: without it there is nothing to filter.
        let Ok(mut capture) = LiveCapture::open("lo", Duration::from_millis(20)) else {
            return;
        };
        let wanted = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
        let other = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
        let port = wanted.local_addr().expect("addr").port();
        let other_port = other.local_addr().expect("addr").port();
        capture.keep_port(port).expect("attach the filter");
        let sender = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
        for _ in 0..20 {
            sender
                .send_to(b"other", (Ipv4Addr::LOCALHOST, other_port))
                .expect("send");
        }
        sender
            .send_to(b"wanted", (Ipv4Addr::LOCALHOST, port))
            .expect("send");
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        loop {
            assert!(
                std::time::Instant::now() < deadline,
                "the datagram never came"
            );
            let Some(frame) = capture.next_frame().expect("read") else {
                continue;
            };
            let packet = crate::wire::decode::decode(LinkType::Ethernet, frame.data);
            assert!(!packet.involves_port(other_port), "{packet:?}");
            if packet.involves_port(port) {
                break;
            }
        }
    }

    #[test]
    fn only_loopback_or_a_port_gets_a_kernel_filter() {
        assert!(kernel_filter(LinkType::Ethernet, false, None).is_empty());
        assert!(kernel_filter(LinkType::Raw, false, Some(80)).is_empty());
        assert_eq!(kernel_filter(LinkType::Ethernet, true, None).len(), 4);
        let program = kernel_filter(LinkType::Ethernet, true, Some(80));
        // Every jump lands inside the program.
        for (at, insn) in program.iter().enumerate() {
            assert!(at + 1 + usize::from(insn.jt.max(insn.jf)) < program.len() + 1);
        }
        assert_eq!(program.last().map(|i| i.k), Some(0));
    }

    #[test]
    fn markers_are_told_from_the_settling_probes_and_other_traffic() {
        let mut mark = MARK_PREFIX.to_vec();
        mark.extend_from_slice(&7u64.to_be_bytes());
        let seen = |data: &[u8]| probe_frame(LinkType::Ethernet, data, 5555);
        assert_eq!(seen(&udp_frame(5555, &mark)), Some(Some(7)));
        assert_eq!(seen(&udp_frame(5555, b"settle")), Some(None));
        assert_eq!(seen(&udp_frame(5556, &mark)), None);
    }
}
