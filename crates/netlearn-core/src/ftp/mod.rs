//! FTP: a small server of netlearn's own (control connection, data connections, a served
//! directory) and a client that speaks the control connection line by line and opens a data
//! connection per transfer.

pub mod client;
pub mod data;
pub mod files;
pub mod password;
pub mod server;
mod session;
pub mod shared;
