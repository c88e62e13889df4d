//! Port numbers and service names: the system services database (/etc/services) with a
//! built-in table from the IANA registry as fallback, and the RFC 6335 port ranges.

use serde::Serialize;

pub const SERVICES_FILE: &str = "/etc/services";

/// Transport protocol a port number belongs to: TCP and UDP ports are separate spaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PortProto {
    Tcp,
    Udp,
    Sctp,
    Dccp,
}

impl PortProto {
    fn parse(text: &str) -> Option<PortProto> {
        match text.to_ascii_lowercase().as_str() {
            "tcp" => Some(PortProto::Tcp),
            "udp" => Some(PortProto::Udp),
            "sctp" => Some(PortProto::Sctp),
            "dccp" => Some(PortProto::Dccp),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            PortProto::Tcp => "tcp",
            PortProto::Udp => "udp",
            PortProto::Sctp => "sctp",
            PortProto::Dccp => "dccp",
        }
    }
}

/// RFC 6335 section 6: who assigns a port number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PortRange {
    /// 0–1023: assigned by IANA with IETF review; binding one needs privilege on Unix.
    System,
    /// 1024–49151: registered with IANA on request.
    User,
    /// 49152–65535: never assigned; the OS hands them out as ephemeral client ports.
    Dynamic,
}

impl PortRange {
    pub fn of(port: u16) -> PortRange {
        match port {
            0..=1023 => PortRange::System,
            1024..=49151 => PortRange::User,
            _ => PortRange::Dynamic,
        }
    }
}

/// One service entry: a name on a port for one protocol.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    pub name: String,
    pub port: u16,
    pub proto: PortProto,
    pub aliases: Vec<String>,
    /// The comment at the end of its services-file line, as the file writes it.
    pub comment: Option<String>,
    /// The built-in table's entry of the same name and port, when there is one.
    pub known: Option<KnownService>,
}

/// A line of a services file that does not parse; such lines are skipped, like libc does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedLine {
    pub line: usize,
    pub text: String,
}

/// Parses the services(5) format: `name port/proto [aliases…] [# comment]`.
pub fn parse_services(text: &str) -> (Vec<Service>, Vec<SkippedLine>) {
    let mut services = Vec::new();
    let mut skipped = Vec::new();
    for (number, raw) in text.lines().enumerate() {
        let (content, comment) = match raw.split_once('#') {
            Some((content, comment)) => (content, Some(comment.trim())),
            None => (raw, None),
        };
        let mut words = content.split_whitespace();
        let Some(name) = words.next() else {
            continue;
        };
        let parsed = words.next().and_then(|port_proto| {
            let (port, proto) = port_proto.split_once('/')?;
            Some((port.parse::<u16>().ok()?, PortProto::parse(proto)?))
        });
        match parsed {
            Some((port, proto)) => services.push(Service {
                name: name.to_string(),
                port,
                proto,
                aliases: words.map(str::to_string).collect(),
                comment: comment.filter(|c| !c.is_empty()).map(str::to_string),
                known: None,
            }),
            None => skipped.push(SkippedLine {
                line: number + 1,
                text: raw.to_string(),
            }),
        }
    }
    (services, skipped)
}

/// A service of the built-in table: its IANA name, a stable id the views word its description
/// by (`host-service-<id>` in texts/host.ftl).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KnownService(&'static str);

impl KnownService {
    /// The service's name in the IANA registry, which is also its id.
    pub fn id(self) -> &'static str {
        self.0
    }
}

/// (name, port, protocols): the services a learner meets first, from the IANA Service Name
/// and Transport Protocol Port Number Registry.
const BUILT_IN: &[(&str, u16, &[PortProto])] = {
    use PortProto::{Tcp, Udp};
    &[
        ("echo", 7, &[Tcp, Udp]),
        ("discard", 9, &[Tcp, Udp]),
        ("daytime", 13, &[Tcp, Udp]),
        ("ftp-data", 20, &[Tcp]),
        ("ftp", 21, &[Tcp]),
        ("ssh", 22, &[Tcp]),
        ("telnet", 23, &[Tcp]),
        ("smtp", 25, &[Tcp]),
        ("domain", 53, &[Tcp, Udp]),
        ("bootps", 67, &[Udp]),
        ("bootpc", 68, &[Udp]),
        ("tftp", 69, &[Udp]),
        ("http", 80, &[Tcp]),
        ("pop3", 110, &[Tcp]),
        ("ntp", 123, &[Udp]),
        ("imap", 143, &[Tcp]),
        ("snmp", 161, &[Udp]),
        ("ldap", 389, &[Tcp]),
        ("https", 443, &[Tcp, Udp]),
        ("submissions", 465, &[Tcp]),
        ("syslog", 514, &[Udp]),
        ("submission", 587, &[Tcp]),
        ("ldaps", 636, &[Tcp]),
        ("domain-s", 853, &[Tcp, Udp]),
        ("imaps", 993, &[Tcp]),
        ("pop3s", 995, &[Tcp]),
        ("ms-sql-s", 1433, &[Tcp]),
        ("openvpn", 1194, &[Tcp, Udp]),
        ("mqtt", 1883, &[Tcp]),
        ("mysql", 3306, &[Tcp]),
        ("rdp", 3389, &[Tcp, Udp]),
        ("postgresql", 5432, &[Tcp]),
        ("mdns", 5353, &[Udp]),
        ("amqp", 5672, &[Tcp]),
        ("redis", 6379, &[Tcp]),
        ("http-alt", 8080, &[Tcp]),
    ]
};

/// The built-in table as services.
pub fn built_in() -> Vec<Service> {
    BUILT_IN
        .iter()
        .flat_map(|&(name, port, protos)| {
            protos.iter().map(move |&proto| Service {
                name: name.to_string(),
                port,
                proto,
                aliases: Vec::new(),
                comment: None,
                known: Some(KnownService(name)),
            })
        })
        .collect()
}

/// Where the services came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServicesSource {
    /// A services(5) file, `/etc/services` unless another was given.
    File(std::path::PathBuf),
    /// The IANA registry excerpt compiled in, for when no file has entries.
    BuiltIn,
}

/// The services known, and where they came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceDatabase {
    pub source: ServicesSource,
    pub services: Vec<Service>,
    /// Lines of the file that were skipped.
    pub skipped_lines: usize,
}

impl ServiceDatabase {
    /// The system file when it can be read and has entries; the built-in table otherwise.
    /// File entries of the same name and port as a built-in one are marked as known.
    pub fn load(path: Option<&std::path::Path>) -> ServiceDatabase {
        let path = path.unwrap_or(std::path::Path::new(SERVICES_FILE));
        let built_in = built_in();
        if let Ok(text) = std::fs::read_to_string(path) {
            let (mut services, skipped) = parse_services(&text);
            if !services.is_empty() {
                for service in &mut services {
                    service.known = built_in
                        .iter()
                        .find(|b| b.port == service.port && b.name == service.name)
                        .and_then(|b| b.known);
                }
                return ServiceDatabase {
                    source: ServicesSource::File(path.to_path_buf()),
                    services,
                    skipped_lines: skipped.len(),
                };
            }
        }
        ServiceDatabase {
            source: ServicesSource::BuiltIn,
            services: built_in,
            skipped_lines: 0,
        }
    }

    /// Entries on `port`, TCP first.
    pub fn by_port(&self, port: u16) -> Vec<&Service> {
        let mut found: Vec<&Service> = self.services.iter().filter(|s| s.port == port).collect();
        found.sort_by_key(|s| s.proto);
        found
    }

    /// Entries whose name or alias is `name` (any case).
    pub fn by_name(&self, name: &str) -> Vec<&Service> {
        let mut found: Vec<&Service> = self
            .services
            .iter()
            .filter(|s| {
                s.name.eq_ignore_ascii_case(name)
                    || s.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
            })
            .collect();
        found.sort_by_key(|s| (s.port, s.proto));
        found
    }

    /// Names close to `name`, for "did you mean".
    pub fn similar_names(&self, name: &str) -> Vec<String> {
        if name.chars().count() > super::similar::MAX_SUGGESTABLE {
            return Vec::new();
        }
        let mut scored: Vec<(usize, String)> = self
            .services
            .iter()
            .map(|s| (super::similar::edit_distance(&s.name, name), s.name.clone()))
            .filter(|(distance, _)| *distance <= 2)
            .collect();
        scored.sort();
        scored.dedup();
        scored.into_iter().take(3).map(|(_, name)| name).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_lines_parse_like_libc() {
        let text = "# comment\n\nhttp\t\t80/tcp\t\twww\t\t# WorldWideWeb HTTP\n\
                    domain 53/udp\nbroken 99999/tcp\nnoproto 7/xyz\nlone\n";
        let (services, skipped) = parse_services(text);
        assert_eq!(services.len(), 2);
        assert_eq!(services[0].name, "http");
        assert_eq!(services[0].aliases, ["www"]);
        assert_eq!(services[0].comment.as_deref(), Some("WorldWideWeb HTTP"));
        assert_eq!(services[1].proto, PortProto::Udp);
        let lines: Vec<usize> = skipped.iter().map(|s| s.line).collect();
        assert_eq!(lines, [5, 6, 7]);
    }

    #[test]
    fn ranges_follow_rfc_6335() {
        assert_eq!(PortRange::of(0), PortRange::System);
        assert_eq!(PortRange::of(1023), PortRange::System);
        assert_eq!(PortRange::of(1024), PortRange::User);
        assert_eq!(PortRange::of(49151), PortRange::User);
        assert_eq!(PortRange::of(49152), PortRange::Dynamic);
        assert_eq!(PortRange::of(65535), PortRange::Dynamic);
    }

    #[test]
    fn the_built_in_table_knows_the_articles_protocols() {
        let db = ServiceDatabase::load(Some(std::path::Path::new("/nonexistent/services")));
        assert_eq!(db.source, ServicesSource::BuiltIn);
        for (name, port) in [
            ("http", 80),
            ("https", 443),
            ("ftp", 21),
            ("domain", 53),
            ("ssh", 22),
        ] {
            assert!(db.by_name(name).iter().any(|s| s.port == port), "{name}");
        }
        let dns: Vec<PortProto> = db.by_port(53).iter().map(|s| s.proto).collect();
        assert_eq!(dns, [PortProto::Tcp, PortProto::Udp]);
        assert_eq!(db.similar_names("htps")[0], "https");
        assert!(db.services.iter().all(|s| s.known.is_some()));
    }

    proptest::proptest! {
        #[test]
        fn any_services_file_parses_without_panicking(text in "(?s).{0,400}") {
            let (services, skipped) = parse_services(&text);
            proptest::prop_assert!(services.len() + skipped.len() <= text.lines().count());
        }
    }
}
