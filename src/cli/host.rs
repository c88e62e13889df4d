//! `ifaces`, `gateway` and `port`: their arguments.

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Args)]
pub struct IfacesArgs {
    /// Only loopback interfaces, with what 127.0.0.0/8 and ::1 are.
    #[arg(long)]
    pub loopback: bool,
}

#[derive(Debug, Args)]
pub struct GatewayArgs {
    /// Also show the whole routing table (Linux).
    #[arg(long)]
    pub routes: bool,
}

#[derive(Debug, Args)]
pub struct PortArgs {
    /// A port number (80) or a service name (http).
    #[arg(required_unless_present = "list")]
    pub port: Option<String>,
    /// List every known service.
    #[arg(long, conflicts_with = "port")]
    pub list: bool,
    /// Services file to read instead of /etc/services.
    #[arg(long, value_name = "FILE")]
    pub services_file: Option<PathBuf>,
}
