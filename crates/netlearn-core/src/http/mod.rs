//! HTTP and HTTPS made visible: URLs, the wire format, a byte-exact client and a static server.

pub mod client;
pub mod server;
pub mod target;
pub mod wire;
