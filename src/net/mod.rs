//! Pure networking domain: no printing, no command-line parsing, no tables.

pub mod address;
pub(crate) mod aggregate;
pub mod dns;
pub mod echo;
pub(crate) mod ftp;
/// Test harness for the fuzz crate and the smoke test, not API.
#[doc(hidden)]
pub mod fuzzing;
pub mod http;
pub(crate) mod iface;
pub mod lab;
pub(crate) mod route;
pub(crate) mod services;
pub(crate) mod sockets;
pub(crate) mod special;
pub mod subnet;
pub mod tls;
pub mod wire;
