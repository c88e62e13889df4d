//! netlearn's domain, typed and silent: addresses, sockets, servers, capture and the lab. It
//! prints nothing, builds no sentence and names no flag; the application words what it returns.

pub mod address;
pub mod aggregate;
pub mod cause;
pub mod dns;
pub mod drops;
pub mod echo;
/// Entry points of the fuzz targets (fuzz/) and the test suite's fuzz smoke, not API.
#[cfg(feature = "testing")]
pub mod fixtures;
pub mod ftp;
#[cfg(feature = "testing")]
pub mod fuzzing;
pub mod http;
pub mod iface;
pub mod lab;
pub mod private_dir;
pub mod quote;
pub mod route;
pub mod services;
pub mod similar;
pub mod sockets;
pub mod special;
pub mod subnet;
pub mod tls;
pub mod wire;
