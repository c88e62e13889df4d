//! DNS lookups on hickory: names and types, transports, system settings, answers.

pub mod answer;
pub mod lookup;
pub mod name;
pub mod server;
pub mod system;
pub mod transport;
