//! `cidr`, `mask` and `ip`: their arguments and subcommands.

use std::net::IpAddr;

use clap::{Args, Subcommand};
use ipnet::IpNet;

use super::values::*;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct CidrArgs {
    #[command(subcommand)]
    pub action: Option<CidrAction>,
    /// The network: ADDR/LEN, ADDR/MASK, or a bare address.
    #[arg(value_parser = parse_net_arg, required = true)]
    pub net: Option<IpNet>,
    /// A dotted netmask given as a separate word (172.16.5.4 255.255.240.0).
    #[arg(value_parser = parse_mask_arg)]
    pub mask: Option<u8>,
}

#[derive(Debug, Subcommand)]
pub enum CidrAction {
    /// Split a network into equal subnets (by prefix, count, or hosts per subnet).
    #[command(
        after_help = "Examples:\n  netlearn cidr split 192.168.0.0/24 --prefix 26\n  netlearn cidr split 10.0.0.0/16 --count 5\n  netlearn cidr split 10.0.0.0/24 --hosts 50"
    )]
    Split {
        #[arg(value_parser = parse_net_arg)]
        net: IpNet,
        /// The prefix length of each subnet.
        #[arg(long, group = "size", value_parser = clap::value_parser!(u32).range(0..=128))]
        prefix: Option<u32>,
        /// At least this many subnets (rounded up to a power of two).
        #[arg(long, group = "size", value_parser = clap::value_parser!(u64).range(1..))]
        count: Option<u64>,
        /// Subnets as small as possible with at least this many usable hosts each.
        #[arg(long, group = "size", value_parser = clap::value_parser!(u64).range(1..))]
        hosts: Option<u64>,
    },
    /// The enclosing network (one bit shorter, or --prefix).
    #[command(
        after_help = "Examples:\n  netlearn cidr supernet 192.168.1.0/24\n  netlearn cidr supernet 192.168.1.0/24 --prefix 16"
    )]
    Supernet {
        #[arg(value_parser = parse_net_arg)]
        net: IpNet,
        /// Prefix length of the supernet.
        #[arg(long, value_parser = clap::value_parser!(u32).range(0..=128))]
        prefix: Option<u32>,
    },
    /// Merge (aggregate) a list into the minimal sorted CIDR cover, IPv4 before IPv6.
    ///
    /// Reads the arguments, or standard input when there are none (or "-"): one network,
    /// address or range A-B per line; blank lines and # comments are skipped. A bad line is
    /// reported with its number and the command fails (exit 2) unless --skip-invalid.
    #[command(
        after_help = "Examples:\n  netlearn cidr merge 10.0.0.0/25 10.0.0.128/25\n  netlearn cidr merge < blocklist.txt\n  netlearn cidr merge --skip-invalid < messy.txt"
    )]
    Merge {
        /// Networks to merge (default: standard input).
        items: Vec<String>,
        /// Report bad lines on standard error and carry on.
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Range to CIDR blocks (two addresses), or a network to its first-last range (one).
    #[command(
        after_help = "Examples:\n  netlearn cidr range 10.0.0.1 10.0.0.10\n  netlearn cidr range 192.168.0.0/22"
    )]
    Range {
        /// First address, or a network.
        #[arg(value_parser = parse_net_arg)]
        first: IpNet,
        /// Last address.
        #[arg(value_parser = parse_addr_arg)]
        last: Option<IpAddr>,
    },
    /// Whether each address or network lies inside NET (exit 1 if any does not).
    ///
    /// Reads the items from standard input, one per line (# comments), when none are given.
    #[command(
        after_help = "Examples:\n  netlearn cidr contains 10.0.0.0/8 10.1.2.3 192.168.0.1\n  netlearn cidr contains 2001:db8::/32 2001:db8:1::/48"
    )]
    Contains {
        #[arg(value_parser = parse_net_arg)]
        net: IpNet,
        /// Addresses or networks to test (default: standard input, one per line).
        #[arg(value_parser = parse_net_arg)]
        items: Vec<IpNet>,
    },
    /// NET minus the given networks, as a minimal CIDR list.
    ///
    /// Reads the networks from standard input, one per line (# comments), when none are given.
    #[command(
        after_help = "Examples:\n  netlearn cidr exclude 10.0.0.0/24 10.0.0.64/26\n  netlearn cidr exclude 0.0.0.0/0 10.0.0.0/8 172.16.0.0/12 192.168.0.0/16"
    )]
    Exclude {
        #[arg(value_parser = parse_net_arg)]
        net: IpNet,
        /// Networks to remove (default: standard input, one per line).
        #[arg(value_parser = parse_net_arg)]
        excluded: Vec<IpNet>,
    },
}

#[derive(Debug, Args)]
pub struct MaskArgs {
    /// 255.255.240.0, /20, 20, or an IPv6 mask.
    pub mask: String,
    /// Read a dotted mask as a wildcard (inverted) mask: 0.0.15.255 means /20.
    #[arg(long)]
    pub wildcard: bool,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct IpArgs {
    #[command(subcommand)]
    pub action: Option<IpAction>,
    /// The address to explain.
    #[arg(value_parser = parse_addr_arg, required = true)]
    pub addr: Option<IpAddr>,
}

#[derive(Debug, Subcommand)]
pub enum IpAction {
    /// IPv4 and IPv6 side by side, each row with its RFCs.
    #[command(after_help = "Examples:\n  netlearn ip compare\n  netlearn ip compare --json")]
    Compare,
}
