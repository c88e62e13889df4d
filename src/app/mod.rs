//! Command families in the house layout: each family's arguments turned into a configuration,
//! run, and shown through its views.

pub mod addr;
pub mod completions;
pub mod dns;
pub mod echo;
pub mod ftp;
pub mod hints;
pub mod host;
pub mod http;
pub mod lab;
pub mod process;
pub mod target;
pub(crate) mod text;
pub mod tls_view;
pub mod values;
pub mod wire;
