//! The demos: scripted servers and clients in one process, narrated call by call.

pub mod echo;
pub mod echo_run;
pub mod echo_script;
pub mod ftp;
pub mod http;
pub mod ladder;
pub mod narrator;
pub mod nonblocking;
pub mod nonblocking_view;
pub mod socket;
pub mod socket_script;
pub mod story;
pub mod unix;
pub mod vanish;
pub mod wire;
pub mod zero_copy;
