//! Commands in the house layout: each family's arguments turned into a configuration, run,
//! and shown through its views.

pub mod wire;
