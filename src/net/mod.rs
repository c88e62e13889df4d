//! Pure networking domain: no printing, no command-line parsing, no tables.

pub mod address;
pub mod aggregate;
pub mod dns;
pub mod echo;
pub mod ftp;
/// Test harness for the fuzz crate and the smoke test, not API.
#[doc(hidden)]
pub mod fuzzing;
pub mod http;
pub mod iface;
pub mod lab;
pub mod route;
pub mod services;
pub mod sockets;
pub mod special;
pub mod subnet;
pub mod tls;
pub mod wire;
