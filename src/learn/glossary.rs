//! The glossary: every word from the article as data — its layer, related terms and a live
//! demo (a netlearn command line that runs offline) — with its texts (name, aliases,
//! definition, standard) in each language under `texts/<lang>/glossary.ftl`, and term lookup
//! in either language.

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::i18n::{self, Lang};
use crate::net::similar::{MAX_SUGGESTABLE, edit_distance};

/// Where a term sits, from the wire up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layer {
    /// Frames on one link: Ethernet, MAC addresses.
    Link,
    /// Addresses and routing between networks: IP.
    Internet,
    /// Ports, connections and datagrams between programs: TCP, UDP.
    Transport,
    /// What programs say to each other: DNS, HTTP, FTP.
    Application,
    /// How a program talks to the operating system's network stack.
    SocketApi,
    /// How a stream of bytes is cut back into messages.
    Framing,
}

impl Layer {
    pub const ALL: [Layer; 6] = [
        Layer::Link,
        Layer::Internet,
        Layer::Transport,
        Layer::Application,
        Layer::SocketApi,
        Layer::Framing,
    ];

    /// Its id in the texts (`layer-<id>`), as in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Layer::Link => "link",
            Layer::Internet => "internet",
            Layer::Transport => "transport",
            Layer::Application => "application",
            Layer::SocketApi => "socket-api",
            Layer::Framing => "framing",
        }
    }

    /// Its heading in the chosen language.
    pub fn title(self) -> String {
        i18n::message(&format!("layer-{}", self.id()), None)
    }
}

/// One glossary entry. Its texts are the message `term-<id>` of the glossary file: the value is
/// its name, and the attributes `.aliases` (one per line), `.definition` and `.standard`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    /// Stable and language-free: the key of its texts, and what `see_also` names.
    pub id: &'static str,
    pub layer: Layer,
    /// Ids of related terms.
    pub see_also: &'static [&'static str],
    /// Command lines (netlearn's arguments, without the program name) that show the term on
    /// this machine, offline; the first is the main one.
    pub demos: &'static [&'static [&'static str]],
}

impl Term {
    fn key(&self) -> String {
        format!("term-{}", self.id)
    }

    /// Its name in `lang`.
    pub fn name_in(&self, lang: Lang) -> String {
        i18n::lookup_in(lang, &self.key(), None, None)
    }

    /// Its name in the chosen language.
    pub fn name(&self) -> String {
        self.name_in(i18n::language())
    }

    /// Each demo as the command it runs, parsed like a command line a person types (None for
    /// one that does not parse, which a test rules out).
    pub fn demo_commands(&self) -> impl Iterator<Item = Option<crate::cli::Cli>> + '_ {
        self.demos.iter().map(|demo| {
            let line = std::iter::once("netlearn").chain(demo.iter().copied());
            crate::cli::Cli::try_parse_localized(line).ok()
        })
    }

    /// Its English name: what JSON and `see_also` show whatever the language, like a key.
    pub fn english_name(&self) -> String {
        self.name_in(Lang::En)
    }

    /// Its other names in `lang`, one per line in the texts.
    pub fn aliases_in(&self, lang: Lang) -> Vec<String> {
        i18n::lines_in(lang, &self.key(), "aliases")
    }

    /// Its definition in the chosen language.
    pub fn definition(&self) -> String {
        self.definition_in(i18n::language())
    }

    pub fn definition_in(&self, lang: Lang) -> String {
        i18n::lookup_in(lang, &self.key(), Some("definition"), None)
    }

    /// The standard that defines it, in the chosen language.
    pub fn standard(&self) -> String {
        i18n::lookup_in(i18n::language(), &self.key(), Some("standard"), None)
    }

    /// Related terms.
    pub fn related(&self) -> impl Iterator<Item = &'static Term> {
        self.see_also.iter().filter_map(|id| by_id(id))
    }
}

/// The term with this id.
pub fn by_id(id: &str) -> Option<&'static Term> {
    TERMS.iter().find(|term| term.id == id)
}

const ECHO_DEMO: &[&str] = &["echo", "demo", "hello"];

/// Sorted by English name, case-insensitively (a test keeps it so).
pub const TERMS: &[Term] = &[
    Term {
        id: "127-0-0-1",
        layer: Layer::Internet,
        see_also: &["loopback", "localhost", "ipv4"],
        demos: &[&["ip", "127.0.0.1"]],
    },
    Term {
        id: "ack",
        layer: Layer::Transport,
        see_also: &["tcp", "syn", "fin", "three-way-handshake"],
        demos: &[
            &["echo", "demo", "--ladder", "hello"],
            &["echo", "demo", "--wire", "hello"],
        ],
    },
    Term {
        id: "address-already-in-use",
        layer: Layer::SocketApi,
        see_also: &["time-wait", "so-reuseaddr", "port"],
        demos: &[
            &["socket", "demo", "in-use"],
            &["socket", "demo", "time-wait"],
        ],
    },
    Term {
        id: "af-inet",
        layer: Layer::SocketApi,
        see_also: &["socket", "sock-stream", "ipv4", "ipv6"],
        demos: &[ECHO_DEMO],
    },
    Term {
        id: "arp",
        layer: Layer::Link,
        see_also: &[
            "ethernet",
            "default-gateway",
            "destination-host-unreachable",
        ],
        demos: &[&["lab"]],
    },
    Term {
        id: "backlog",
        layer: Layer::SocketApi,
        see_also: &["server-socket", "blocking-vs-non-blocking", "tcp"],
        demos: &[&["echo", "demo", "--clients", "3", "hi"]],
    },
    Term {
        id: "blocking-vs-non-blocking",
        layer: Layer::SocketApi,
        see_also: &[
            "socket",
            "backlog",
            "server-socket",
            "ewouldblock",
            "select-poll",
        ],
        demos: &[
            &["echo", "demo", "--nonblocking"],
            &["echo", "demo", "--clients", "3", "hi"],
        ],
    },
    Term {
        id: "cidr",
        layer: Layer::Internet,
        see_also: &["subnet-mask", "ipv4", "ipv6"],
        demos: &[&["cidr", "192.168.0.0/24"]],
    },
    Term {
        id: "client-socket",
        layer: Layer::SocketApi,
        see_also: &["server-socket", "socket", "port"],
        demos: &[ECHO_DEMO],
    },
    Term {
        id: "close-the-connection",
        layer: Layer::Framing,
        see_also: &["framing", "shutdown", "tcp"],
        demos: &[&["echo", "demo", "--framing", "raw", "hello"]],
    },
    Term {
        id: "connection-refused",
        layer: Layer::Transport,
        see_also: &["tcp", "udp", "port", "server-socket"],
        demos: &[&["socket", "demo", "refused"]],
    },
    Term {
        id: "default-gateway",
        layer: Layer::Internet,
        see_also: &[
            "subnet-mask",
            "router",
            "network-is-unreachable",
            "ipv4",
            "ethernet",
        ],
        demos: &[&["gateway"], &["lab", "--mistake", "gateway-off-subnet"]],
    },
    Term {
        id: "delimiter",
        layer: Layer::Framing,
        see_also: &["framing", "length-prefix"],
        demos: &[&["echo", "demo", "--framing", "line", "hello"]],
    },
    Term {
        id: "destination-host-unreachable",
        layer: Layer::Internet,
        see_also: &["arp", "subnet-mask", "ping", "network-is-unreachable"],
        demos: &[&["lab", "--mistake", "mask"]],
    },
    Term {
        id: "dns",
        layer: Layer::Application,
        see_also: &["localhost", "udp", "port"],
        demos: &[&["dns", "localhost", "--system"]],
    },
    Term {
        id: "ethernet",
        layer: Layer::Link,
        see_also: &["mac-address", "ip", "default-gateway"],
        demos: &[&["ifaces"], &["echo", "demo", "--wire", "--link", "hello"]],
    },
    Term {
        id: "ewouldblock",
        layer: Layer::SocketApi,
        see_also: &["blocking-vs-non-blocking", "select-poll"],
        demos: &[&["echo", "demo", "--nonblocking"]],
    },
    Term {
        id: "fin",
        layer: Layer::Transport,
        see_also: &["shutdown", "time-wait", "rst", "close-the-connection"],
        demos: &[
            &["echo", "demo", "--ladder", "--half-close", "hello"],
            &["echo", "demo", "--wire", "--half-close", "hello"],
            &["socket", "demo", "time-wait", "--wire"],
        ],
    },
    Term {
        id: "fixed-length",
        layer: Layer::Framing,
        see_also: &["framing", "length-prefix"],
        demos: &[&["echo", "demo", "--framing", "fixed:5", "hello"]],
    },
    Term {
        id: "framing",
        layer: Layer::Framing,
        see_also: &[
            "fixed-length",
            "delimiter",
            "length-prefix",
            "close-the-connection",
            "tcp",
        ],
        demos: &[&[
            "echo",
            "demo",
            "--framing",
            "line",
            "--framing",
            "length",
            "--framing",
            "fixed:5",
            "--framing",
            "raw",
            "hello",
        ]],
    },
    Term {
        id: "ftp",
        layer: Layer::Application,
        see_also: &["tcp", "port", "http", "passive-vs-active-ftp"],
        demos: &[
            &["ftp", "demo"],
            &["ftp", "demo", "--active"],
            &["port", "ftp"],
        ],
    },
    Term {
        id: "http",
        layer: Layer::Application,
        see_also: &["https", "tcp", "port", "framing"],
        demos: &[&["http", "demo"], &["port", "http"]],
    },
    Term {
        id: "https",
        layer: Layer::Application,
        see_also: &["http", "tcp", "port"],
        demos: &[&["http", "demo", "--tls"], &["port", "https"]],
    },
    Term {
        id: "ip",
        layer: Layer::Internet,
        see_also: &["ipv4", "ipv6", "tcp-ip", "cidr"],
        demos: &[&["ip", "compare"]],
    },
    Term {
        id: "ipc",
        layer: Layer::SocketApi,
        see_also: &["socket", "loopback", "127-0-0-1", "unix-domain-socket"],
        demos: &[&["echo", "demo", "--unix"], ECHO_DEMO],
    },
    Term {
        id: "ipv4",
        layer: Layer::Internet,
        see_also: &["ipv6", "cidr", "subnet-mask", "127-0-0-1"],
        demos: &[&["ip", "192.168.0.77"]],
    },
    Term {
        id: "ipv6",
        layer: Layer::Internet,
        see_also: &["ipv4", "cidr", "loopback"],
        demos: &[&["ip", "::1"]],
    },
    Term {
        id: "keepalive",
        layer: Layer::Transport,
        see_also: &["tcp", "close-the-connection", "shutdown"],
        demos: &[&[
            "echo",
            "demo",
            "--vanish",
            "--keepalive",
            "--idle-timeout",
            "1s",
        ]],
    },
    Term {
        id: "length-prefix",
        layer: Layer::Framing,
        see_also: &["framing", "delimiter", "fixed-length"],
        demos: &[&["echo", "demo", "--framing", "length", "hello"]],
    },
    Term {
        id: "localhost",
        layer: Layer::Application,
        see_also: &["127-0-0-1", "loopback", "dns"],
        demos: &[&["dns", "localhost", "--system"]],
    },
    Term {
        id: "loopback",
        layer: Layer::Link,
        see_also: &["127-0-0-1", "localhost", "ipc"],
        demos: &[&["ifaces", "--loopback"]],
    },
    Term {
        id: "mac-address",
        layer: Layer::Link,
        see_also: &["ethernet", "default-gateway", "ip"],
        demos: &[&["ifaces"], &["echo", "demo", "--wire", "--link", "hello"]],
    },
    Term {
        id: "network-is-unreachable",
        layer: Layer::Internet,
        see_also: &["default-gateway", "destination-host-unreachable", "router"],
        demos: &[&["lab", "--mistake", "gateway"]],
    },
    Term {
        id: "passive-vs-active-ftp",
        layer: Layer::Application,
        see_also: &["ftp", "port", "tcp"],
        demos: &[&["ftp", "demo"], &["ftp", "demo", "--active"]],
    },
    Term {
        id: "ping",
        layer: Layer::Internet,
        see_also: &["ttl", "traceroute", "destination-host-unreachable"],
        demos: &[&[
            "lab",
            "ping",
            "h1",
            "h2",
            "--count",
            "2",
            "--interval",
            "0s",
        ]],
    },
    Term {
        id: "port",
        layer: Layer::Transport,
        see_also: &["tcp", "udp", "socket"],
        demos: &[&["port", "5008"]],
    },
    Term {
        id: "router",
        layer: Layer::Internet,
        see_also: &["default-gateway", "ttl", "traceroute"],
        demos: &[
            &["lab", "trace", "h1", "h2"],
            &["lab", "--mistake", "no-forwarding"],
        ],
    },
    Term {
        id: "rst",
        layer: Layer::Transport,
        see_also: &["fin", "connection-refused", "tcp"],
        demos: &[
            &["echo", "demo", "--ladder", "--reset", "hello"],
            &["echo", "demo", "--wire", "--reset", "hello"],
            &["socket", "demo", "refused", "--wire"],
        ],
    },
    Term {
        id: "select-poll",
        layer: Layer::SocketApi,
        see_also: &["blocking-vs-non-blocking", "ewouldblock"],
        demos: &[&["echo", "demo", "--nonblocking"]],
    },
    Term {
        id: "server-socket",
        layer: Layer::SocketApi,
        see_also: &["client-socket", "backlog", "socket"],
        demos: &[ECHO_DEMO],
    },
    Term {
        id: "shutdown",
        layer: Layer::SocketApi,
        see_also: &["close-the-connection", "tcp", "socket"],
        demos: &[
            &["echo", "demo", "--ladder", "--half-close", "hello"],
            &["echo", "demo", "--half-close", "hello"],
            &["echo", "demo", "--half-close", "--wire", "hello"],
            &["http", "demo", "--half-close"],
        ],
    },
    Term {
        id: "so-reuseaddr",
        layer: Layer::SocketApi,
        see_also: &["time-wait", "address-already-in-use", "server-socket"],
        demos: &[&["socket", "demo", "time-wait"]],
    },
    Term {
        id: "sock-stream",
        layer: Layer::SocketApi,
        see_also: &["af-inet", "tcp", "udp", "socket"],
        demos: &[&["echo", "demo", "--tcp-and-udp", "hello"]],
    },
    Term {
        id: "socket",
        layer: Layer::SocketApi,
        see_also: &["af-inet", "sock-stream", "server-socket", "client-socket"],
        demos: &[ECHO_DEMO],
    },
    Term {
        id: "subnet-mask",
        layer: Layer::Internet,
        see_also: &[
            "cidr",
            "default-gateway",
            "destination-host-unreachable",
            "ipv4",
        ],
        demos: &[&["mask", "255.255.255.0"], &["lab", "--mistake", "mask"]],
    },
    Term {
        id: "syn",
        layer: Layer::Transport,
        see_also: &["three-way-handshake", "ack", "rst"],
        demos: &[
            &["echo", "demo", "--wire", "hello"],
            &["socket", "demo", "refused", "--wire"],
        ],
    },
    Term {
        id: "tcp",
        layer: Layer::Transport,
        see_also: &["udp", "three-way-handshake", "framing", "shutdown", "port"],
        demos: &[ECHO_DEMO, &["echo", "demo", "--wire", "hello"]],
    },
    Term {
        id: "tcp-ip",
        layer: Layer::Transport,
        see_also: &["tcp", "udp", "ip", "ethernet"],
        demos: &[&["echo", "demo", "--tcp-and-udp", "hello"]],
    },
    Term {
        id: "three-way-handshake",
        layer: Layer::Transport,
        see_also: &["syn", "ack", "backlog", "tcp"],
        demos: &[
            &["echo", "demo", "--ladder", "hello"],
            &["echo", "demo", "--wire", "hello"],
        ],
    },
    Term {
        id: "time-wait",
        layer: Layer::Transport,
        see_also: &["so-reuseaddr", "close-the-connection", "tcp"],
        demos: &[
            &["echo", "demo", "--ladder", "hello"],
            &["socket", "demo", "time-wait", "--wire"],
        ],
    },
    Term {
        id: "traceroute",
        layer: Layer::Internet,
        see_also: &["ttl", "router", "ping"],
        demos: &[&["lab", "trace", "h1", "h2.lab"]],
    },
    Term {
        id: "ttl",
        layer: Layer::Internet,
        see_also: &["ip", "default-gateway", "router", "traceroute", "ping"],
        demos: &[
            &["echo", "demo", "--wire", "--udp", "hello"],
            &["lab", "ping", "h1", "h2", "--count", "1"],
        ],
    },
    Term {
        id: "udp",
        layer: Layer::Transport,
        see_also: &["tcp", "port", "dns"],
        demos: &[
            &["echo", "demo", "--udp", "hello"],
            &["echo", "demo", "--udp", "--wire", "hello"],
        ],
    },
    Term {
        id: "unix-domain-socket",
        layer: Layer::SocketApi,
        see_also: &["ipc", "socket", "sock-stream"],
        demos: &[
            &["echo", "demo", "--unix"],
            &["echo", "demo", "--unix", "--udp"],
        ],
    },
    Term {
        id: "zero-copy",
        layer: Layer::SocketApi,
        see_also: &["socket", "tcp", "blocking-vs-non-blocking"],
        demos: &[&["echo", "demo", "--zero-copy"]],
    },
];

/// The key English terms are sorted by.
pub fn sort_key(name: &str) -> String {
    name.to_ascii_lowercase()
}

/// The form words are compared in: NFKC (so ＴＣＰ is TCP and ﾎﾟｰﾄ is ポート), lower case,
/// hiragana as katakana (ぽーと is ポート), and without the spaces, hyphens, underscores and
/// middle dots that people put in or leave out (half-close, ハーフ・クローズ).
pub fn normalise(text: &str) -> String {
    text.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | '・' | '･'))
        .map(|c| match c {
            'ぁ'..='ゖ' => char::from_u32(u32::from(c) + 0x60).unwrap_or(c),
            other => other,
        })
        .collect()
}

/// The result of looking a word up.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    Found(&'static Term),
    /// Every word asked for is in more than one entry's names (in table order): the reader
    /// has to say which.
    Several(Vec<&'static Term>),
    /// No entry; the closest terms (by any of their names, in either language), best first.
    NotFound {
        suggestions: Vec<&'static Term>,
    },
}

/// Every name and alias in every language, normalised once, with the term it names.
static WORDS: std::sync::LazyLock<Vec<(String, &'static Term)>> = std::sync::LazyLock::new(|| {
    TERMS
        .iter()
        .flat_map(|term| {
            Lang::ALL.into_iter().flat_map(move |lang| {
                std::iter::once(term.name_in(lang))
                    .chain(term.aliases_in(lang))
                    .map(move |word| (normalise(&word), term))
            })
        })
        .collect()
});

/// A term's names taken apart for a lookup by words: each word of every name and alias in
/// every language (`passive`, `active`, `ftp`), and its whole names that are not ASCII (in
/// Japanese, written without spaces, a word is found inside a name: パッシブ in パッシブモード).
struct NameWords {
    term: &'static Term,
    words: Vec<String>,
    unspaced: Vec<String>,
}

static NAME_WORDS: std::sync::LazyLock<Vec<NameWords>> = std::sync::LazyLock::new(|| {
    TERMS
        .iter()
        .map(|term| {
            let mut words = Vec::new();
            let mut unspaced = Vec::new();
            for lang in Lang::ALL {
                for name in std::iter::once(term.name_in(lang)).chain(term.aliases_in(lang)) {
                    words.extend(words_of(&name));
                    if !name.is_ascii() {
                        unspaced.push(normalise(&name));
                    }
                }
            }
            words.sort();
            words.dedup();
            NameWords {
                term,
                words,
                unspaced,
            }
        })
        .collect()
});

/// The words of `text` (split at white space), each normalised.
fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace()
        .map(normalise)
        .filter(|word| !word.is_empty())
}

/// Shortest word looked for inside a name written without spaces: one character would be in
/// too many.
const SHORTEST_INSIDE: usize = 2;

impl NameWords {
    /// `word` (normalised) is one of the term's words, or, written in a script without spaces,
    /// part of one of its names.
    fn holds(&self, word: &str) -> bool {
        self.words.iter().any(|w| w == word)
            || (!word.is_ascii()
                && word.chars().count() >= SHORTEST_INSIDE
                && self.unspaced.iter().any(|name| name.contains(word)))
    }

    /// How far `word` is from the nearest of the term's words (None: too far to suggest).
    fn distance(&self, word: &str) -> Option<usize> {
        if self.holds(word) {
            return Some(0);
        }
        let len = word.chars().count();
        self.words
            .iter()
            .filter_map(|candidate| {
                let candidate_len = candidate.chars().count();
                let allowed = (candidate_len.max(len) / 4).max(1);
                (candidate_len.abs_diff(len) <= allowed)
                    .then(|| edit_distance(candidate, word))
                    .filter(|distance| *distance <= allowed)
            })
            .min()
    }
}

/// Finds a term by any of its names or aliases in either language (any case or width,
/// separators or none); else by words: the one entry whose names hold every word asked for,
/// in any order (`passive FTP` is "passive vs active FTP"; in Japanese a word may be part of a
/// name: パッシブ); else suggests near ones.
pub fn lookup(word: &str) -> Lookup {
    let wanted = normalise(word);
    if let Some((_, term)) = WORDS.iter().find(|(candidate, _)| *candidate == wanted) {
        return Lookup::Found(term);
    }
    let asked: Vec<String> = words_of(word).collect();
    // Nothing in the glossary is long: a long word cannot be a near miss (and stays cheap).
    let wanted_len = wanted.chars().count();
    if asked.is_empty() || wanted_len > MAX_SUGGESTABLE {
        return Lookup::NotFound {
            suggestions: Vec::new(),
        };
    }
    let holding: Vec<&'static Term> = NAME_WORDS
        .iter()
        .filter(|names| asked.iter().all(|word| names.holds(word)))
        .map(|names| names.term)
        .collect();
    match holding.as_slice() {
        [] => {}
        [term] => return Lookup::Found(term),
        _ => return Lookup::Several(holding),
    }
    let mut best: Vec<(usize, &'static Term)> = Vec::new();
    let mut consider =
        |score: usize, term: &'static Term| match best.iter_mut().find(|(_, t)| t.id == term.id) {
            Some(entry) => entry.0 = entry.0.min(score),
            None => best.push((score, term)),
        };
    for (candidate, term) in WORDS.iter() {
        let candidate_len = candidate.chars().count();
        let score = if wanted_len >= 3 && candidate.starts_with(&wanted) {
            Some(0)
        } else {
            // Close relative to length: two typos in a long word, one in a short one.
            let allowed = (candidate_len.max(wanted_len) / 4).max(1);
            (candidate_len.abs_diff(wanted_len) <= allowed)
                .then(|| edit_distance(candidate, &wanted))
                .filter(|distance| *distance <= allowed)
        };
        if let Some(score) = score {
            consider(score, term);
        }
    }
    // Word by word: every word asked for is near one of a term's words (`hanshake`,
    // `pasive ftp`).
    for names in NAME_WORDS.iter() {
        let distances: Option<Vec<usize>> = asked.iter().map(|word| names.distance(word)).collect();
        if let Some(distances) = distances {
            consider(distances.iter().sum(), names.term);
        }
    }
    best.sort_by_key(|(score, term)| (*score, sort_key(&term.english_name())));
    Lookup::NotFound {
        suggestions: best.into_iter().take(3).map(|(_, term)| term).collect(),
    }
}

/// Terms of one layer, in table order.
pub fn by_layer(layer: Layer) -> impl Iterator<Item = &'static Term> {
    TERMS.iter().filter(move |t| t.layer == layer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(word: &str) -> Option<&'static str> {
        match lookup(word) {
            Lookup::Found(term) => Some(term.id),
            Lookup::Several(_) | Lookup::NotFound { .. } => None,
        }
    }

    fn suggested(word: &str) -> Vec<&'static str> {
        match lookup(word) {
            Lookup::Found(term) => panic!("{word} found {}", term.id),
            Lookup::Several(terms) => panic!("{word} found {terms:?}"),
            Lookup::NotFound { suggestions } => suggestions.iter().map(|t| t.id).collect(),
        }
    }

    #[test]
    fn ids_and_names_are_unique_and_sorted() {
        for pair in TERMS.windows(2) {
            let (a, b) = (pair[0].english_name(), pair[1].english_name());
            assert!(sort_key(&a) < sort_key(&b), "{a} must sort before {b}");
            assert_ne!(pair[0].id, pair[1].id);
        }
    }

    #[test]
    fn names_and_aliases_never_name_two_terms_in_any_language() {
        let mut seen = std::collections::HashMap::new();
        for term in TERMS {
            for lang in Lang::ALL {
                for word in std::iter::once(term.name_in(lang)).chain(term.aliases_in(lang)) {
                    if let Some(other) = seen.insert(normalise(&word), term.id)
                        && other != term.id
                    {
                        panic!("{word:?} names both {other} and {}", term.id);
                    }
                }
            }
        }
    }

    #[test]
    fn every_see_also_resolves_and_every_term_has_a_demo() {
        for term in TERMS {
            for related in term.see_also {
                assert!(
                    by_id(related).is_some(),
                    "{}: see also {related:?} is not a term",
                    term.id
                );
                assert_ne!(*related, term.id);
            }
            assert!(!term.demos.is_empty(), "{} has no demo", term.id);
            assert!(
                term.demo_commands().all(|demo| demo.is_some()),
                "{} has a demo that does not parse",
                term.id
            );
            assert!(
                term.demos.iter().all(|d| !d.is_empty()),
                "{} has an empty demo",
                term.id
            );
            for lang in Lang::ALL {
                assert!(
                    term.definition_in(lang).chars().count() > 60,
                    "{} needs a real definition in {lang:?}",
                    term.id
                );
            }
        }
    }

    #[test]
    fn the_articles_vocabulary_is_all_here() {
        for word in [
            "localhost",
            "loopback",
            "127.0.0.1",
            "subnet mask",
            "TCP",
            "IP",
            "UDP",
            "TCP/IP",
            "CIDR",
            "IPv4",
            "IPv6",
            "Ethernet",
            "DNS",
            "HTTP",
            "FTP",
            "HTTPS",
            "default gateway",
            "socket",
            "AF_INET",
            "SOCK_STREAM",
            "blocking",
            "non-blocking",
            "server socket",
            "client socket",
            "IPC",
            "shutdown",
            "half-close",
            "backlog",
            "framing",
            "fixed length",
            "delimiter",
            "length prefix",
            "close the connection",
            "port",
        ] {
            assert!(found(word).is_some(), "{word} has no entry");
        }
    }

    #[test]
    fn lookups_forgive_case_separators_and_typos() {
        assert_eq!(found("Default-Gateway"), Some("default-gateway"));
        assert_eq!(found("af-inet"), Some("af-inet"));
        assert_eq!(found("half close"), Some("shutdown"));
        assert_eq!(suggested("gatway")[0], "default-gateway");
        assert_eq!(suggested("loopbak")[0], "loopback");
        assert!(suggested("zebra").is_empty());
    }

    #[test]
    fn every_japanese_name_is_unique_and_finds_its_term() {
        let mut names = std::collections::HashSet::new();
        for term in TERMS {
            let name = term.name_in(Lang::Ja);
            assert!(
                i18n::has(Lang::Ja, &term.key(), None),
                "{} has no Japanese name",
                term.id
            );
            assert!(names.insert(normalise(&name)), "{name} names two terms");
            assert_eq!(found(&name), Some(term.id), "{name}");
        }
    }

    #[test]
    fn japanese_words_are_found_in_any_width_and_script() {
        for (word, id) in [
            ("サブネットマスク", "subnet-mask"),
            ("デフォルトゲートウェイ", "default-gateway"),
            ("ループバック", "loopback"),
            ("ローカルホスト", "localhost"),
            ("スリーウェイハンドシェイク", "three-way-handshake"),
            ("3ウェイハンドシェイク", "three-way-handshake"),
            ("３ウェイ・ハンドシェイク", "three-way-handshake"),
            ("名前解決", "dns"),
            ("ハーフクローズ", "shutdown"),
            ("ブロッキング", "blocking-vs-non-blocking"),
            ("ノンブロッキング", "blocking-vs-non-blocking"),
            ("フレーミング", "framing"),
            ("ポート番号", "port"),
            ("ﾎﾟｰﾄ", "port"),
            ("ぽーと", "port"),
            ("ＴＣＰ", "tcp"),
            ("イーサネット", "ethernet"),
            ("長さ標識", "length-prefix"),
            ("区切り文字", "delimiter"),
            ("固定長", "fixed-length"),
        ] {
            assert_eq!(found(word), Some(id), "{word}");
        }
        assert_eq!(suggested("サブネットマク")[0], "subnet-mask");
        assert_eq!(suggested("デフォルトゲートウエイ")[0], "default-gateway");
        assert_eq!(suggested("ﾙｰﾌﾟﾊﾞｯｸｽ")[0], "loopback");
    }

    fn several(word: &str) -> Vec<&'static str> {
        match lookup(word) {
            Lookup::Several(terms) => terms.iter().map(|t| t.id).collect(),
            other => panic!("{word}: {other:?}"),
        }
    }

    #[test]
    fn a_term_is_found_by_its_words_in_any_order() {
        for word in [
            "passive FTP",
            "ftp passive",
            "PASSIVE   ftp",
            "active ftp",
            "パッシブ",
            "パッシブ FTP",
            "ftp アクティブ",
            "ぱっしぶ",
        ] {
            assert_eq!(found(word), Some("passive-vs-active-ftp"), "{word}");
        }
        assert_eq!(found("non-blocking vs"), Some("blocking-vs-non-blocking"));
        assert_eq!(found("unix domain"), Some("unix-domain-socket"));
        assert_eq!(found("ドメインソケット"), Some("unix-domain-socket"));
        assert_eq!(found("プロセス間"), Some("ipc"));
        // A word must be whole in a name with spaces: `pass` is no word of any name.
        assert_eq!(found("pass"), None);
    }

    #[test]
    fn words_in_several_terms_name_them_all() {
        let address = several("address");
        for id in ["address-already-in-use", "mac-address", "af-inet"] {
            assert!(address.contains(&id), "{address:?}");
        }
        let mode = several("モード");
        assert!(mode.contains(&"passive-vs-active-ftp"), "{mode:?}");
        assert!(mode.contains(&"blocking-vs-non-blocking"), "{mode:?}");
        // One Japanese character is in too many names to look for inside them.
        assert!(matches!(lookup("ト"), Lookup::NotFound { .. }));
    }

    #[test]
    fn near_misses_of_words_are_suggested() {
        assert_eq!(suggested("hanshake")[0], "three-way-handshake");
        assert_eq!(suggested("pasive ftp")[0], "passive-vs-active-ftp");
        assert_eq!(suggested("ftp pasive")[0], "passive-vs-active-ftp");
        assert_eq!(suggested("サブネットマクス")[0], "subnet-mask");
        assert_eq!(suggested("ハンドシェーイク")[0], "three-way-handshake");
    }

    proptest::proptest! {
        #[test]
        fn any_word_is_found_or_gets_at_most_three_suggestions(word in "\\PC{0,40}") {
            if let Lookup::NotFound { suggestions } = lookup(&word) {
                proptest::prop_assert!(suggestions.len() <= 3);
            }
        }
    }
}
