//! `ifaces`, `gateway` and `port`: this machine's interfaces, routes and sockets.

pub mod gateway;
pub mod ifaces;
pub mod port;
