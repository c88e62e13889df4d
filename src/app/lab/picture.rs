//! The lab drawn for a terminal: the path from host to host through the routers, then each
//! network with everything on it (host, interface, addresses with their masks, default
//! gateway), and each mistake marked with ✗ where it is, followed by the sentence that says
//! what it breaks.

use std::net::IpAddr;

use crate::net::lab::Topology;
use crate::net::lab::networks::{Finding, Member, Network, findings, networks};
use crate::output::width::{display_width, pad, wrap_hanging};
use crate::tr;

/// The mark put on a mistake.
const WRONG: &str = "✗";

/// The picture as lines at most `width` columns wide.
pub fn draw(topology: &Topology, width: usize) -> Vec<String> {
    let networks = networks(topology);
    let found = findings(topology, &networks);
    let mut lines = Vec::new();
    if let Some(path) = path_line(&networks) {
        lines.push(wrap_hanging(&format!("  {path}"), "    ", width));
    }
    let name_width = networks
        .iter()
        .flat_map(|n| &n.members)
        .map(|m| display_width(&m.host))
        .max()
        .unwrap_or(0);
    let mut gateways_told = Vec::new();
    let mut findings_told = vec![false; found.len()];
    for network in &networks {
        let prefixes = network
            .prefixes
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(&tr!("list-separator"));
        let wire = match &network.switch {
            Some((host, interface)) => tr!(
                "lab-picture-switch",
                host = host.as_str(),
                interface = interface.as_str()
            ),
            None => tr!("lab-picture-cable"),
        };
        lines.push(wrap_hanging(
            &format!("  {prefixes} · {wire}"),
            "    ",
            width,
        ));
        let count = network.members.len();
        for (i, member) in network.members.iter().enumerate() {
            let last = i + 1 == count;
            let (branch, stem) = if last {
                ("└─", "  ")
            } else {
                ("├─", "│ ")
            };
            let head = format!("  {branch} {} ", pad(&member.host, name_width));
            let under = format!("  {stem} {}", " ".repeat(name_width + 1));
            let mut words = vec![member.interface.clone()];
            for address in &member.addresses {
                let wrong = found.iter().any(|f| matches!(f, Finding::Mask { host, address: a, .. } if *host == member.host && a == address));
                words.push(if wrong {
                    format!("{address}\u{a0}{WRONG}")
                } else {
                    address.to_string()
                });
            }
            if member.router {
                let off = found
                    .iter()
                    .any(|f| matches!(f, Finding::NotForwarding { host } if *host == member.host));
                words.push(if off {
                    format!("({}\u{a0}{WRONG})", tr!("lab-picture-router-off"))
                } else {
                    format!("({})", tr!("lab-picture-router"))
                });
            }
            lines.push(wrap_hanging(
                &format!("{head}{}", words.join("  ")),
                &format!("{under}  "),
                width,
            ));
            let mut notes: Vec<String> = Vec::new();
            if !member.router && !gateways_told.contains(&member.host) {
                gateways_told.push(member.host.clone());
                notes.push(gateway_words(member, &found));
            }
            for (at, finding) in found.iter().enumerate() {
                if about(finding, member) && !findings_told[at] {
                    findings_told[at] = true;
                    notes.push(format!("{WRONG} {}", why(finding)));
                }
            }
            for note in notes {
                lines.push(wrap_hanging(
                    &format!("{under}{note}"),
                    &format!("{under}  "),
                    width,
                ));
            }
        }
    }
    lines
}

/// The default gateway line of a host, its mistakes marked.
fn gateway_words(member: &Member, found: &[Finding]) -> String {
    let none = found
        .iter()
        .any(|f| matches!(f, Finding::NoGateway { host } if *host == member.host));
    if member.gateways.is_empty() {
        let mark = if none {
            format!("\u{a0}{WRONG}")
        } else {
            String::new()
        };
        return format!("{}{mark}", tr!("lab-picture-no-gateway"));
    }
    let gateways = member
        .gateways
        .iter()
        .map(|gateway| {
            let off = found.iter().any(|f| matches!(f, Finding::GatewayOffNetwork { host, gateway: g } if *host == member.host && g == gateway));
            if off { format!("{gateway}\u{a0}{WRONG}") } else { gateway.to_string() }
        })
        .collect::<Vec<_>>()
        .join(&tr!("list-separator"));
    if none {
        // No IPv4 gateway (the finding) while some are left: those are IPv6 ones.
        format!(
            "{}\u{a0}{WRONG}{}{}",
            tr!("lab-picture-no-gateway-v4"),
            tr!("list-separator"),
            tr!("lab-picture-gateway-v6", gateways = gateways)
        )
    } else {
        tr!("lab-picture-gateway", gateways = gateways)
    }
}

/// The default gateway line of a host (its words without the ✗ marks), and whether a mistake
/// is in it.
pub(super) fn gateway_line(member: &Member, found: &[Finding]) -> (String, bool) {
    let words = gateway_words(member, found);
    let wrong = words.contains(WRONG);
    (words.replace(&format!("\u{a0}{WRONG}"), ""), wrong)
}

/// A mistake is marked on `member`: on `address` when one is given, else anywhere on it.
pub(super) fn is_marked(
    found: &[Finding],
    member: &Member,
    address: Option<&ipnet::IpNet>,
) -> bool {
    found.iter().any(|finding| match (finding, address) {
        (
            Finding::Mask {
                host, address: a, ..
            },
            Some(address),
        ) => *host == member.host && a == address,
        (_, Some(_)) => false,
        (finding, None) => about(finding, member),
    })
}

/// The finding is told under this member (the interface it is on, or the host's first).
pub(super) fn about(finding: &Finding, member: &Member) -> bool {
    match finding {
        Finding::Mask {
            host, interface, ..
        } => *host == member.host && *interface == member.interface,
        Finding::NoGateway { host } | Finding::GatewayOffNetwork { host, .. } => {
            *host == member.host && !member.router
        }
        Finding::NotForwarding { host } => *host == member.host,
    }
}

/// The sentence that says what a mistake breaks.
pub(super) fn why(finding: &Finding) -> String {
    match finding {
        Finding::Mask {
            host,
            address,
            network,
            ..
        } => tr!(
            "lab-picture-why-mask",
            host = host.as_str(),
            prefix = u64::from(address.prefix_len()),
            network = network.to_string(),
            wrong_network = address.trunc().to_string()
        ),
        Finding::NoGateway { host } => tr!("lab-picture-why-no-gateway", host = host.as_str()),
        Finding::GatewayOffNetwork { host, gateway } => tr!(
            "lab-picture-why-gateway-off",
            host = host.as_str(),
            gateway = gateway.to_string()
        ),
        Finding::NotForwarding { host } => {
            tr!("lab-picture-why-not-forwarding", host = host.as_str())
        }
    }
}

/// `h1 ── 192.0.2.0/24 ── r1 ── 198.51.100.0/24 ── h2, dns` when the networks form a chain
/// joined by routers; None for other shapes (the list below draws them all).
fn path_line(networks: &[Network]) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut previous_router: Option<&str> = None;
    for (i, network) in networks.iter().enumerate() {
        let routers: Vec<&str> = network
            .members
            .iter()
            .filter(|m| m.router)
            .map(|m| m.host.as_str())
            .collect();
        let hosts: Vec<&str> = network
            .members
            .iter()
            .filter(|m| !m.router)
            .map(|m| m.host.as_str())
            .collect();
        let prefix = network
            .prefixes
            .iter()
            .find(|p| matches!(p.addr(), IpAddr::V4(_)))
            .or(network.prefixes.first())?;
        if i == 0 {
            if !hosts.is_empty() {
                parts.push(hosts.join(&tr!("list-separator")));
            }
        } else if previous_router.is_none_or(|r| !routers.contains(&r)) {
            return None;
        }
        parts.push(prefix.to_string());
        let next = routers
            .iter()
            .find(|r| Some(**r) != previous_router)
            .copied();
        match (next, i + 1 < networks.len()) {
            (Some(router), true) => {
                parts.push(router.to_string());
                previous_router = Some(router);
            }
            (_, false) => {
                if i > 0 && !hosts.is_empty() {
                    parts.push(hosts.join(&tr!("list-separator")));
                }
            }
            (None, true) => return None,
        }
    }
    (parts.len() > 1).then(|| parts.join(" ── "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::lab::Mistake;

    #[test]
    fn the_default_lab_fits_80_and_60_columns_and_names_everything() {
        for width in [80, 60] {
            let lines = draw(&Topology::default_lab(), width);
            let text = lines.join("\n");
            for line in text.lines() {
                assert!(display_width(line) <= width, "{width}: {line}");
            }
            assert!(
                lines[0].contains("h1 ── 192.0.2.0/24 ── r1 ── 198.51.100.0/24 ── h2, dns"),
                "{text}"
            );
            for word in [
                "192.0.2.10/24",
                "198.51.100.1/24",
                "eth1",
                "2001:db8:2::53/64",
                "192.0.2.1",
            ] {
                assert!(text.contains(word), "{word}: {text}");
            }
            assert!(!text.contains(WRONG), "{text}");
        }
    }

    #[test]
    fn every_mistake_is_marked_where_it_is() {
        for (mistake, marked) in [
            (Mistake::Mask, "192.0.2.10/4\u{a0}✗"),
            (Mistake::GatewayOffSubnet, "198.51.100.1\u{a0}✗"),
            (Mistake::NoForwarding, "✗)"),
        ] {
            let text = draw(&Topology::with_mistake(mistake), 80).join("\n");
            assert!(text.contains(marked), "{mistake:?}: {text}");
            // The mark on each place, and one sentence.
            let marks = if mistake == Mistake::NoForwarding {
                3
            } else {
                2
            };
            assert_eq!(text.matches(WRONG).count(), marks, "{text}");
        }
        let text = draw(&Topology::with_mistake(Mistake::Gateway), 80).join("\n");
        assert!(
            text.lines().any(|l| l.contains("h1") || l.contains(WRONG)),
            "{text}"
        );
        assert_eq!(text.matches(WRONG).count(), 2, "{text}");
    }

    #[test]
    fn a_host_without_an_ipv4_gateway_names_its_ipv6_one_as_ipv6() {
        let topology = Topology::with_mistake(Mistake::Gateway);
        let networks = networks(&topology);
        let found = findings(&topology, &networks);
        let member = networks
            .iter()
            .flat_map(|n| &n.members)
            .find(|m| m.host == "h1")
            .expect("h1");
        let (line, wrong) = gateway_line(member, &found);
        assert!(wrong, "{line}");
        assert_eq!(
            line,
            "no IPv4 default gateway, IPv6 default gateway 2001:db8:1::1"
        );
    }
}
