//! The wire: captured packets decoded, TCP streams followed, capture files read and written,
//! and live capture on a packet socket.

pub mod decode;
pub mod file;
pub mod ladder;
#[cfg(target_os = "linux")]
pub mod live;
pub mod private_net;
pub mod track;

pub use decode::{Body, LinkType, Packet, decode};
