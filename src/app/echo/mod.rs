//! `echo serve|client|bench` (the demo lives with the curriculum in `learn::demo`): arguments to
//! configurations, the run, and the event and summary views they share.

pub mod bench;
pub mod calls;
pub mod client;
pub mod events;
pub mod serve;
pub mod words;
