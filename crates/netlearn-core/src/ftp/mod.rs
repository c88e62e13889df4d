//! FTP: an in-process server (libunftp on a temporary directory) and a client that speaks
//! the control connection line by line and opens a data connection per transfer.

pub mod client;
pub mod server;
