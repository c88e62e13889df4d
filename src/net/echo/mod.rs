//! The echo protocol done right: framing, server (TCP and UDP), client and load generator.

pub mod bench;
pub mod client;
pub mod demo;
pub mod event;
pub mod framing;
pub mod payload;
pub mod server;
pub mod stats;
pub mod udp;
