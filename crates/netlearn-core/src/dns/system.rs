//! The machine's own resolver settings: resolv.conf (servers, search list, ndots), the hosts
//! file, and RFC 6761's rule that localhost is always this machine.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::{Path, PathBuf};
use std::time::Duration;

use hickory_resolver::net::NetError;
use hickory_resolver::proto::rr::RecordType;

/// Where the system's resolver settings live.
#[cfg(unix)]
pub const RESOLV_CONF: &str = "/etc/resolv.conf";
#[cfg(unix)]
pub const HOSTS_FILE: &str = "/etc/hosts";
#[cfg(windows)]
pub const HOSTS_FILE: &str = r"C:\Windows\System32\drivers\etc\hosts";
#[cfg(not(any(unix, windows)))]
pub const HOSTS_FILE: &str = "/etc/hosts";

/// Where the system's resolver settings came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigSource {
    /// A resolv.conf file.
    File(PathBuf),
    /// The operating system's own API (no resolv.conf there).
    System,
}

/// Something the reader should know about how the settings were read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfigNote {
    /// The file is missing or names no server: like the C library, 127.0.0.1 is asked.
    NoNameserver,
}

/// Resolver settings read from the system.
#[derive(Clone, Debug, PartialEq)]
pub struct SystemConfig {
    /// The file or API they came from.
    pub source: ConfigSource,
    pub servers: Vec<IpAddr>,
    /// Search domains, fully qualified (`lan.`).
    pub search: Vec<String>,
    pub ndots: usize,
    pub timeout: Duration,
    pub attempts: usize,
    pub note: Option<ConfigNote>,
}

/// Why the system's resolver settings could not be read (worded in `app::dns::words`).
#[derive(Debug)]
pub enum SystemConfigError {
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    /// hickory could not use them (the view shows its own words).
    Parse {
        source: ConfigSource,
        reason: NetError,
    },
    /// A resolv.conf file was named where the settings come from the system's API.
    #[cfg(not(unix))]
    FileOnlyOnUnix(PathBuf),
}

/// Reads resolv.conf (or `path` in its place). A file with no `nameserver` line means
/// 127.0.0.1, as the C library does.
#[cfg(unix)]
pub fn read_resolv_conf(path: Option<&Path>) -> Result<SystemConfig, SystemConfigError> {
    let path = path.unwrap_or(Path::new(RESOLV_CONF));
    // No file at all is what the C library treats as "nameserver 127.0.0.1" too.
    let data = match std::fs::read(path) {
        Ok(data) => data,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => {
            return Err(SystemConfigError::Read {
                path: path.to_path_buf(),
                error: e,
            });
        }
    };
    let has_nameserver = String::from_utf8_lossy(&data)
        .lines()
        .any(|line| line.trim_start().starts_with("nameserver"));
    let (data, note) = if has_nameserver {
        (data, None)
    } else {
        let mut patched = data;
        patched.extend_from_slice(b"\nnameserver 127.0.0.1\n");
        (patched, Some(ConfigNote::NoNameserver))
    };
    let (config, options) =
        hickory_resolver::system_conf::parse_resolv_conf(&data).map_err(|e| {
            SystemConfigError::Parse {
                source: ConfigSource::File(path.to_path_buf()),
                reason: e,
            }
        })?;
    Ok(SystemConfig {
        source: ConfigSource::File(path.to_path_buf()),
        servers: config.name_servers().iter().map(|s| s.ip).collect(),
        search: config
            .search()
            .iter()
            .map(|n| fqdn(&n.to_ascii()))
            .collect(),
        ndots: options.ndots,
        timeout: options.timeout,
        attempts: options.attempts,
        note,
    })
}

/// Reads the operating system's resolver settings through its own API.
#[cfg(not(unix))]
pub fn read_resolv_conf(path: Option<&Path>) -> Result<SystemConfig, SystemConfigError> {
    if let Some(path) = path {
        return Err(SystemConfigError::FileOnlyOnUnix(path.to_path_buf()));
    }
    let (config, options) = hickory_resolver::system_conf::read_system_conf().map_err(|e| {
        SystemConfigError::Parse {
            source: ConfigSource::System,
            reason: e.into(),
        }
    })?;
    Ok(SystemConfig {
        source: ConfigSource::System,
        servers: config.name_servers().iter().map(|s| s.ip).collect(),
        search: config
            .search()
            .iter()
            .map(|n| fqdn(&n.to_ascii()))
            .collect(),
        ndots: options.ndots,
        timeout: options.timeout,
        attempts: options.attempts,
        note: None,
    })
}

/// The names to try for a name, in order, the way the C library's resolver does: a name
/// with a trailing dot only as it is; one with at least `ndots` dots as it is, then with each
/// search domain; a shorter one with each search domain first.
pub fn search_candidates(name: &str, typed_absolute: bool, config: &SystemConfig) -> Vec<String> {
    let absolute = fqdn(name);
    if typed_absolute || config.search.is_empty() || absolute == "." {
        return vec![absolute];
    }
    let bare = absolute.trim_end_matches('.');
    let searched = config
        .search
        .iter()
        .filter(|domain| domain.as_str() != ".")
        .map(|domain| format!("{bare}.{}", domain.trim_end_matches('.')) + ".");
    let dots = bare.matches('.').count();
    if dots >= config.ndots {
        std::iter::once(absolute.clone()).chain(searched).collect()
    } else {
        searched.chain(std::iter::once(absolute.clone())).collect()
    }
}

/// The hosts file: names to addresses and addresses to names, in file order.
#[derive(Clone, Debug, Default)]
pub struct HostsFile {
    pub path: PathBuf,
    by_name: HashMap<String, Vec<IpAddr>>,
    by_addr: HashMap<IpAddr, Vec<String>>,
}

impl HostsFile {
    /// Reads a hosts file; a missing file is an empty one (as for the C library).
    pub fn read(path: Option<&Path>) -> std::io::Result<HostsFile> {
        let path = path.unwrap_or(Path::new(HOSTS_FILE)).to_path_buf();
        let text = match std::fs::read(&path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(e),
        };
        Ok(HostsFile::parse(path, &text))
    }

    pub fn parse(path: PathBuf, text: &str) -> HostsFile {
        let mut hosts = HostsFile {
            path,
            ..HostsFile::default()
        };
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("");
            let mut fields = line.split_whitespace();
            let Some(addr) = fields.next().and_then(parse_hosts_addr) else {
                continue;
            };
            for name in fields {
                let key = normalise(name);
                let addrs = hosts.by_name.entry(key).or_default();
                if !addrs.contains(&addr) {
                    addrs.push(addr);
                }
                hosts
                    .by_addr
                    .entry(addr)
                    .or_default()
                    .push(format!("{}.", name.trim_end_matches('.')));
            }
        }
        hosts
    }

    /// The addresses of `record_type` (A or AAAA) the file gives `name`, in file order.
    pub fn addresses(&self, name: &str, record_type: RecordType) -> Vec<IpAddr> {
        let wanted_v4 = match record_type {
            RecordType::A => true,
            RecordType::AAAA => false,
            _ => return Vec::new(),
        };
        self.by_name
            .get(&normalise(name))
            .map(|addrs| {
                addrs
                    .iter()
                    .copied()
                    .filter(|a| a.is_ipv4() == wanted_v4)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The names the file gives an address (for reverse lookups).
    pub fn names(&self, addr: IpAddr) -> Vec<String> {
        self.by_addr.get(&addr).cloned().unwrap_or_default()
    }
}

fn parse_hosts_addr(text: &str) -> Option<IpAddr> {
    // Zone ids (fe80::1%eth0) are allowed in hosts files; the address is what matters here.
    text.split('%').next()?.parse().ok()
}

fn fqdn(name: &str) -> String {
    format!("{}.", name.trim_end_matches('.'))
}

fn normalise(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// RFC 6761 §6.3: `localhost` and every name under it are this machine, and resolvers answer
/// them without asking DNS.
pub fn is_localhost(name: &str) -> bool {
    let name = normalise(name);
    name == "localhost" || name.ends_with(".localhost")
}

/// The loopback answer RFC 6761 gives localhost names.
pub fn localhost_address(record_type: RecordType) -> Option<IpAddr> {
    match record_type {
        RecordType::A => Some(IpAddr::V4(Ipv4Addr::LOCALHOST)),
        RecordType::AAAA => Some(IpAddr::V6(Ipv6Addr::LOCALHOST)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(search: &[&str], ndots: usize) -> SystemConfig {
        SystemConfig {
            source: ConfigSource::System,
            servers: vec![],
            search: search.iter().map(|s| s.to_string()).collect(),
            ndots,
            timeout: Duration::from_secs(5),
            attempts: 2,
            note: None,
        }
    }

    #[test]
    fn hosts_file_maps_names_both_ways_ignoring_comments_and_case() {
        let hosts = HostsFile::parse(
            "hosts".into(),
            "# comment\n127.0.0.1 localhost Box.lan # trailing\n::1 localhost ip6-localhost\nfe80::1%eth0 router\nnot-an-ip foo\n",
        );
        assert_eq!(
            hosts.addresses("LOCALHOST.", RecordType::A),
            vec![IpAddr::from([127, 0, 0, 1])]
        );
        assert_eq!(
            hosts.addresses("localhost", RecordType::AAAA),
            vec!["::1".parse::<IpAddr>().unwrap()]
        );
        assert_eq!(hosts.addresses("box.lan", RecordType::A).len(), 1);
        assert_eq!(hosts.addresses("router", RecordType::AAAA).len(), 1);
        assert!(hosts.addresses("foo", RecordType::A).is_empty());
        assert!(hosts.addresses("localhost", RecordType::MX).is_empty());
        assert_eq!(
            hosts.names("127.0.0.1".parse().unwrap()),
            vec!["localhost.".to_string(), "Box.lan.".to_string()]
        );
    }

    #[test]
    fn search_list_order_follows_ndots() {
        let c = config(&["lan.", "corp.example."], 1);
        assert_eq!(
            search_candidates("printer", false, &c),
            vec!["printer.lan.", "printer.corp.example.", "printer."]
        );
        assert_eq!(
            search_candidates("www.python.org", false, &c),
            vec![
                "www.python.org.",
                "www.python.org.lan.",
                "www.python.org.corp.example."
            ]
        );
        assert_eq!(search_candidates("printer.", true, &c), vec!["printer."]);
        let deep = config(&["lan."], 5);
        assert_eq!(
            search_candidates("a.b", false, &deep),
            vec!["a.b.lan.", "a.b."]
        );
    }

    #[test]
    fn localhost_names_per_rfc_6761() {
        assert!(is_localhost("localhost"));
        assert!(is_localhost("LocalHost."));
        assert!(is_localhost("app.localhost"));
        assert!(!is_localhost("localhost.example"));
        assert_eq!(
            localhost_address(RecordType::AAAA),
            Some("::1".parse().unwrap())
        );
    }

    #[cfg(unix)]
    #[test]
    fn resolv_conf_servers_search_and_options() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("resolv.conf");
        std::fs::write(
            &path,
            "search lan corp.example\nnameserver 192.0.2.53\nnameserver 2001:db8::53\noptions ndots:2 timeout:3 attempts:4\n",
        )
        .unwrap();
        let c = read_resolv_conf(Some(&path)).unwrap();
        assert_eq!(c.servers.len(), 2);
        assert_eq!(c.search, vec!["lan.", "corp.example."]);
        assert_eq!((c.ndots, c.attempts), (2, 4));
        assert_eq!(c.timeout, Duration::from_secs(3));
        assert!(c.note.is_none());

        std::fs::write(&path, "search lan\n").unwrap();
        let c = read_resolv_conf(Some(&path)).unwrap();
        assert_eq!(c.servers, vec![IpAddr::from([127, 0, 0, 1])]);
        assert!(c.note.is_some());

        let missing = read_resolv_conf(Some(&dir.path().join("nope"))).unwrap();
        assert_eq!(missing.servers, vec![IpAddr::from([127, 0, 0, 1])]);
        assert_eq!(missing.note, Some(ConfigNote::NoNameserver));
        assert!(matches!(missing.source, ConfigSource::File(path) if path.ends_with("nope")));
        let unreadable = read_resolv_conf(Some(dir.path())).unwrap_err();
        assert!(
            matches!(&unreadable, SystemConfigError::Read { path, .. } if path == dir.path()),
            "{unreadable:?}"
        );
    }
}
