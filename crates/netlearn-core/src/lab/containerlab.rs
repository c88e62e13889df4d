//! The lab as a containerlab topology: every host a `kind: linux` container, every cable a
//! link between two containers' interfaces, and what the lab sets up itself (addresses,
//! routes, forwarding, a LAN's bridge on its router, impairments, servers) as each node's
//! `exec` commands, which containerlab runs inside the container after deploying it.
//!
//! containerlab gives every container `eth0` on its management network, with a default route
//! through it; so the lab's interfaces become `eth1`, `eth2`, … in the order the host has them,
//! a bridge becomes `br0`, … (made by `ip link add … type bridge` inside the router: a
//! containerlab `bridge` node is a bridge of the machine running the lab, which containerlab
//! expects to exist already and which would put the LAN outside the router), and every node's
//! management default route is removed before the lab's own gateway is set, so that a packet
//! goes where it would in the lab (a host without a gateway answers "Network is unreachable"
//! instead of leaving through the management network).
//!
//! Typed and silent: the file's structure (serde, the field names are containerlab's), the
//! renamings and what could not be carried over, for the view to word.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::IpAddr;
use std::time::Duration;

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::impair::Impairment;
use super::services::{ECHO_PORT, HTTP_PORT, index_html};
use super::{Host, Service, Topology};

/// The container image of every node: a network-tools image on Alpine that has what the
/// `exec` commands use (iproute2's `ip` and `tc`, `sysctl`, `socat`, `python3`), so nothing is
/// installed at deploy time.
pub const IMAGE: &str = "nicolaka/netshoot:latest";
/// Every node is a plain Linux container.
pub const KIND: &str = "linux";
/// The container's main process: the image's own is an interactive shell, which ends at once
/// without a terminal; this keeps the container (and its network namespace) up.
pub const CMD: &str = "sleep infinity";
/// The kernel's limit on an interface name, in bytes.
pub const IFNAME_MAX: usize = 15;

/// A containerlab topology file (`name`, `topology.nodes`, `topology.links`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct File {
    pub name: String,
    pub topology: Body,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Body {
    pub nodes: Nodes,
    pub links: Vec<LinkSpec>,
}

/// The nodes in the lab's order (a YAML mapping from node name to node).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nodes(pub Vec<(String, Node)>);

impl Serialize for Nodes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, node) in &self.0 {
            map.serialize_entry(name, node)?;
        }
        map.end()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Node {
    pub kind: &'static str,
    pub image: &'static str,
    pub cmd: &'static str,
    /// Run in order inside the container once it is deployed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exec: Vec<String>,
}

/// A cable: `endpoints: ["h1:eth1", "r1:eth1"]`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct LinkSpec {
    pub endpoints: [String; 2],
}

/// An interface that has another name in the container than in the lab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renamed {
    pub host: String,
    pub lab: String,
    pub container: String,
    /// For a bridge: its ports' container names.
    pub ports: Vec<String>,
}

/// An impaired interface, with the containerlab command that changes its impairment later.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Impaired {
    pub host: String,
    pub interface: String,
    pub impairment: Impairment,
    pub netem_set: String,
}

/// A server of the lab that no `exec` command starts, with a command that would.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unstarted {
    pub host: String,
    pub service: Service,
    pub suggestion: String,
}

/// The exported topology and what the view tells about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Export {
    pub file: File,
    pub renamed: Vec<Renamed>,
    pub impaired: Vec<Impaired>,
    pub unstarted: Vec<Unstarted>,
}

/// What in a topology cannot be exported.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExportError {
    /// A link names a host or an interface the topology does not have.
    #[error("a link names {host}:{interface}, which the topology does not have")]
    UnknownEndpoint { host: String, interface: String },
}

/// A containerlab lab name from any text: lowercase letters, digits and `-` (container names
/// are `clab-NAME-NODE`), `netlearn` when nothing is left.
pub fn lab_name(text: &str) -> String {
    let mut name = String::new();
    for c in text.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() {
            name.push(c);
        } else if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
    }
    let name = name.trim_end_matches('-');
    if name.is_empty() {
        "netlearn".to_string()
    } else {
        name.to_string()
    }
}

/// `text` as one word for `sh`: in single quotes, a quote inside written `'\''`.
fn sh_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// `sh -c SCRIPT` as one `exec` line. containerlab splits the line into words as a shell
/// would, without running one: the script goes in double quotes where nothing in it is special
/// inside them (it then reads as typed), else in single quotes.
fn sh_c(script: &str) -> String {
    if script.contains(['"', '\\', '$', '`']) {
        format!("sh -c {}", sh_quote(script))
    } else {
        format!("sh -c \"{script}\"")
    }
}

/// A server started in the background by `sh`, detached from the `exec` that starts it
/// (containerlab waits for the command and its output to end).
fn background(script: &str) -> String {
    sh_c(&format!("{script} </dev/null >/dev/null 2>&1 &"))
}

/// A loss in hundredths of a percent as `tc` and containerlab write it: `20`, `0.25`.
fn percent(basis_points: u16) -> String {
    let (whole, hundredths) = (basis_points / 100, basis_points % 100);
    match hundredths {
        0 => whole.to_string(),
        h if h.is_multiple_of(10) => format!("{whole}.{}", h / 10),
        h => format!("{whole}.{h:02}"),
    }
}

/// A duration as `tc` and containerlab read it: whole milliseconds as `ms`, else `us`.
fn duration(d: Duration) -> String {
    let micros = d.as_micros();
    if micros.is_multiple_of(1000) {
        format!("{}ms", micros / 1000)
    } else {
        format!("{micros}us")
    }
}

/// netem's queue is counted in packets: the lab's bytes as full-size frames, at least one.
pub fn queue_packets(bytes: u32) -> u32 {
    bytes.div_ceil(1514).max(1)
}

/// The `tc` command that gives `interface` the impairment (netem: delay, loss, rate, queue).
pub fn netem_command(interface: &str, impairment: &Impairment) -> String {
    let mut command = format!("tc qdisc replace dev {interface} root netem");
    if let Some(delay) = impairment.delay {
        let _ = write!(command, " delay {}", duration(delay));
    }
    if let Some(loss) = impairment.loss {
        let _ = write!(command, " loss {}%", percent(loss.basis_points()));
    }
    if let Some(rate) = impairment.rate_bits_per_second {
        let _ = write!(command, " rate {rate}bit");
    }
    if let Some(queue) = impairment.queue_bytes {
        let _ = write!(command, " limit {}", queue_packets(queue));
    }
    command
}

/// `containerlab tools netem set` for the same impairment (its rate is in kbit/s).
pub fn netem_set_command(lab: &str, host: &str, interface: &str, i: &Impairment) -> String {
    let mut command = format!("containerlab tools netem set -n clab-{lab}-{host} -i {interface}");
    if let Some(delay) = i.delay {
        let _ = write!(command, " --delay {}", duration(delay));
    }
    if let Some(loss) = i.loss {
        let _ = write!(command, " --loss {}", percent(loss.basis_points()));
    }
    if let Some(rate) = i.rate_bits_per_second {
        let _ = write!(command, " --rate {}", rate.div_ceil(1000).max(1));
    }
    command
}

/// The container names of one host's interfaces: lab name → container name.
fn interface_names(host: &Host, linked: &[&str]) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    let (mut eth, mut bridge, mut dummy) = (1, 0, 0);
    for interface in &host.interfaces {
        let name = if !interface.ports.is_empty() {
            bridge += 1;
            format!("br{}", bridge - 1)
        } else if linked.contains(&interface.name.as_str()) {
            eth += 1;
            format!("eth{}", eth - 1)
        } else {
            dummy += 1;
            format!("dummy{}", dummy - 1)
        };
        names.insert(interface.name.clone(), name);
    }
    names
}

fn has_family(host: &Host, v4: bool) -> bool {
    host.interfaces
        .iter()
        .flat_map(|i| &i.addresses)
        .any(|a| a.addr().is_ipv4() == v4)
        || host.gateways.iter().any(|g| g.is_ipv4() == v4)
}

/// What the lab does inside `host`, as commands in the order they must run.
fn exec_lines(
    host: &Host,
    names: &BTreeMap<String, String>,
    impairments: &[(String, Impairment)],
) -> Vec<String> {
    let name = |lab: &str| names.get(lab).cloned().unwrap_or_else(|| lab.to_string());
    let mut exec = Vec::new();
    for interface in &host.interfaces {
        let container = name(&interface.name);
        if !interface.ports.is_empty() {
            exec.push(format!("ip link add {container} type bridge"));
            for port in &interface.ports {
                exec.push(format!("ip link set {} master {container}", name(port)));
            }
            exec.push(format!("ip link set {container} up"));
        } else if container.starts_with("dummy") {
            exec.push(format!("ip link add {container} type dummy"));
            exec.push(format!("ip link set {container} up"));
        }
    }
    for interface in &host.interfaces {
        for address in &interface.addresses {
            exec.push(format!(
                "ip addr add {address} dev {}",
                name(&interface.name)
            ));
        }
    }
    let forwarding = u8::from(host.forwarding);
    let (v4, v6) = (has_family(host, true), has_family(host, false));
    if v4 {
        exec.push(format!("sysctl -w net.ipv4.ip_forward={forwarding}"));
    }
    if v6 {
        exec.push(format!(
            "sysctl -w net.ipv6.conf.all.forwarding={forwarding}"
        ));
    }
    // containerlab's management default route first goes, then the lab's own gateway comes.
    if v4 {
        exec.push("ip route flush exact 0.0.0.0/0".to_string());
    }
    if v6 {
        exec.push("ip -6 route flush exact ::/0".to_string());
    }
    for gateway in &host.gateways {
        match gateway {
            IpAddr::V4(g) => exec.push(format!("ip route add default via {g}")),
            IpAddr::V6(g) => exec.push(format!("ip -6 route add default via {g}")),
        }
    }
    for (interface, impairment) in impairments {
        exec.push(netem_command(interface, impairment));
    }
    let dual = v6;
    for service in &host.services {
        match service {
            Service::Echo => {
                let listen = if dual {
                    format!("TCP6-LISTEN:{ECHO_PORT},ipv6only=0,fork,reuseaddr")
                } else {
                    format!("TCP4-LISTEN:{ECHO_PORT},fork,reuseaddr")
                };
                exec.push(background(&format!("socat {listen} PIPE")));
            }
            Service::Http => {
                let bind = if dual { "::" } else { "0.0.0.0" };
                // The page on one line: a line break inside an exec line would not survive.
                let page: String = index_html(&host.name).split('\n').collect();
                exec.push(sh_c(&format!(
                    "mkdir -p /srv/www && echo {} > /srv/www/index.html",
                    sh_quote(&page)
                )));
                exec.push(background(&format!(
                    "cd /srv/www && python3 -m http.server --bind {bind} {HTTP_PORT}"
                )));
            }
            Service::Dns => {}
        }
    }
    exec
}

/// A dnsmasq command answering the lab's names as the lab's DNS server does.
fn dns_suggestion(topology: &Topology) -> String {
    let mut records: Vec<(String, Vec<IpAddr>)> = Vec::new();
    for (name, address) in topology.names() {
        let name = name.trim_end_matches('.').to_string();
        match records.iter_mut().find(|(n, _)| *n == name) {
            Some((_, addresses)) => addresses.push(address),
            None => records.push((name, vec![address])),
        }
    }
    let mut command = String::from("dnsmasq --no-resolv --no-hosts");
    for (name, addresses) in records {
        let _ = write!(command, " --host-record={name}");
        for address in addresses {
            let _ = write!(command, ",{address}");
        }
    }
    command
}

/// `topology` as the containerlab lab `lab` (a name from [`lab_name`]).
pub fn export(topology: &Topology, lab: &str) -> Result<Export, ExportError> {
    let mut names: BTreeMap<&str, BTreeMap<String, String>> = BTreeMap::new();
    for host in &topology.hosts {
        let linked: Vec<&str> = topology
            .links
            .iter()
            .flat_map(|l| [&l.a, &l.b])
            .filter(|(h, _)| *h == host.name)
            .map(|(_, i)| i.as_str())
            .collect();
        names.insert(&host.name, interface_names(host, &linked));
    }
    let endpoint = |(host, interface): &(String, String)| -> Result<String, ExportError> {
        names
            .get(host.as_str())
            .and_then(|n| n.get(interface))
            .cloned()
            .ok_or_else(|| ExportError::UnknownEndpoint {
                host: host.clone(),
                interface: interface.clone(),
            })
    };
    let mut links = Vec::new();
    let mut impaired: Vec<Impaired> = Vec::new();
    for link in &topology.links {
        let (a, b) = (endpoint(&link.a)?, endpoint(&link.b)?);
        if !link.impairment.is_perfect() {
            for (host, interface) in [(&link.a.0, &a), (&link.b.0, &b)] {
                impaired.push(Impaired {
                    host: host.clone(),
                    interface: interface.clone(),
                    impairment: link.impairment,
                    netem_set: netem_set_command(lab, host, interface, &link.impairment),
                });
            }
        }
        links.push(LinkSpec {
            endpoints: [format!("{}:{a}", link.a.0), format!("{}:{b}", link.b.0)],
        });
    }
    let mut nodes = Vec::new();
    let mut renamed = Vec::new();
    let mut unstarted = Vec::new();
    for host in &topology.hosts {
        let host_names = names.get(host.name.as_str()).cloned().unwrap_or_default();
        for interface in &host.interfaces {
            if let Some(container) = host_names.get(&interface.name)
                && *container != interface.name
            {
                renamed.push(Renamed {
                    host: host.name.clone(),
                    lab: interface.name.clone(),
                    container: container.clone(),
                    ports: interface
                        .ports
                        .iter()
                        .map(|p| host_names.get(p).cloned().unwrap_or_else(|| p.clone()))
                        .collect(),
                });
            }
        }
        let impairments: Vec<(String, Impairment)> = impaired
            .iter()
            .filter(|i| i.host == host.name)
            .map(|i| (i.interface.clone(), i.impairment))
            .collect();
        if host.services.contains(&Service::Dns) {
            unstarted.push(Unstarted {
                host: host.name.clone(),
                service: Service::Dns,
                suggestion: dns_suggestion(topology),
            });
        }
        nodes.push((
            host.name.clone(),
            Node {
                kind: KIND,
                image: IMAGE,
                cmd: CMD,
                exec: exec_lines(host, &host_names, &impairments),
            },
        ));
    }
    Ok(Export {
        file: File {
            name: lab.to_string(),
            topology: Body {
                nodes: Nodes(nodes),
                links,
            },
        },
        renamed,
        impaired,
        unstarted,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::impair::Loss;
    use crate::lab::{Mistake, Topology};

    fn node<'a>(export: &'a Export, name: &str) -> &'a Node {
        &export
            .file
            .topology
            .nodes
            .0
            .iter()
            .find(|(n, _)| n == name)
            .expect("node")
            .1
    }

    #[test]
    fn the_default_lab_becomes_four_linux_nodes_with_the_switch_inside_r1() {
        let export = export(&Topology::default_lab(), "netlearn").expect("exports");
        let names: Vec<&str> = export
            .file
            .topology
            .nodes
            .0
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        assert_eq!(names, ["h1", "r1", "h2", "dns"]);
        let endpoints: Vec<[String; 2]> = export
            .file
            .topology
            .links
            .iter()
            .map(|l| l.endpoints.clone())
            .collect();
        assert_eq!(
            endpoints,
            [
                ["h1:eth1".to_string(), "r1:eth1".to_string()],
                ["h2:eth1".to_string(), "r1:eth2".to_string()],
                ["dns:eth1".to_string(), "r1:eth3".to_string()],
            ]
        );
        let r1 = node(&export, "r1");
        for line in [
            "ip link add br0 type bridge",
            "ip link set eth2 master br0",
            "ip link set eth3 master br0",
            "ip addr add 198.51.100.1/24 dev br0",
            "sysctl -w net.ipv4.ip_forward=1",
        ] {
            assert!(r1.exec.contains(&line.to_string()), "{line}: {:?}", r1.exec);
        }
        let h1 = node(&export, "h1");
        let flush = h1
            .exec
            .iter()
            .position(|l| l == "ip route flush exact 0.0.0.0/0");
        let add = h1
            .exec
            .iter()
            .position(|l| l == "ip route add default via 192.0.2.1");
        assert!(flush.is_some() && flush < add, "{:?}", h1.exec);
        assert!(
            h1.exec
                .contains(&"sysctl -w net.ipv4.ip_forward=0".to_string())
        );
        assert!(
            node(&export, "h2")
                .exec
                .iter()
                .any(|l| l.contains("socat TCP6-LISTEN:5008"))
        );
        assert_eq!(export.unstarted.len(), 1);
        assert!(
            export.unstarted[0]
                .suggestion
                .contains("--host-record=h2.lab,198.51.100.20,2001:db8:2::20")
        );
        assert!(export.renamed.contains(&Renamed {
            host: "r1".into(),
            lab: "sw-h2".into(),
            container: "eth2".into(),
            ports: Vec::new(),
        }));
    }

    #[test]
    fn a_mistake_stays_a_mistake() {
        let export = export(&Topology::with_mistake(Mistake::NoForwarding), "x").expect("exports");
        assert!(
            node(&export, "r1")
                .exec
                .contains(&"sysctl -w net.ipv4.ip_forward=0".to_string())
        );
        let export = export_of(Mistake::Gateway);
        let h1 = node(&export, "h1");
        assert!(
            h1.exec
                .contains(&"ip route flush exact 0.0.0.0/0".to_string())
        );
        assert!(
            !h1.exec.iter().any(|l| l.starts_with("ip route add")),
            "{:?}",
            h1.exec
        );
    }

    fn export_of(mistake: Mistake) -> Export {
        export(&Topology::with_mistake(mistake), "x").expect("exports")
    }

    #[test]
    fn an_impaired_link_gets_netem_on_both_ends() {
        let mut topology = Topology::default_lab();
        topology.links[0].impairment = Impairment {
            loss: Loss::from_percent(2.5),
            rate_bits_per_second: Some(1_000_000),
            queue_bytes: Some(30_000),
            delay: Some(Duration::from_millis(20)),
        };
        let export = export(&topology, "lab").expect("exports");
        let tc =
            "tc qdisc replace dev eth1 root netem delay 20ms loss 2.5% rate 1000000bit limit 20";
        assert!(node(&export, "h1").exec.contains(&tc.to_string()));
        assert!(node(&export, "r1").exec.contains(&tc.to_string()));
        assert_eq!(export.impaired.len(), 2);
        assert_eq!(
            export.impaired[0].netem_set,
            "containerlab tools netem set -n clab-lab-h1 -i eth1 --delay 20ms --loss 2.5 --rate 1000"
        );
    }

    #[test]
    fn numbers_are_written_as_tc_reads_them() {
        assert_eq!(percent(2000), "20");
        assert_eq!(percent(25), "0.25");
        assert_eq!(percent(250), "2.5");
        assert_eq!(duration(Duration::from_micros(1500)), "1500us");
        assert_eq!(queue_packets(1), 1);
        assert_eq!(lab_name("Two Routers.toml"), "two-routers-toml");
        assert_eq!(lab_name("--"), "netlearn");
        assert_eq!(sh_quote("it's"), r"'it'\''s'");
        assert_eq!(sh_c("echo 'a b' > f"), r#"sh -c "echo 'a b' > f""#);
        assert_eq!(sh_c("echo $HOME"), r"sh -c 'echo $HOME'");
    }

    #[test]
    fn a_link_to_nowhere_is_refused() {
        let mut topology = Topology::default_lab();
        topology.links[0].b.1 = "eth9".into();
        assert_eq!(
            export(&topology, "x"),
            Err(ExportError::UnknownEndpoint {
                host: "r1".into(),
                interface: "eth9".into()
            })
        );
    }
}
