//! The views of `cidr`, `mask` and `ip`: serde records (the JSON contract: field names, order
//! and values) built `From` the typed domain values of `net::subnet` and `net::special`, and
//! the words a person reads about them (classification, scope, forms).

use std::net::IpAddr;

use serde::Serialize;

use crate::app::text::t;
use crate::i18n::{self, FluentArgs, Lang};
use crate::net::address::{Family, to_u128};
use crate::net::special::{AddressClass, Classification};
use crate::net::subnet::{
    AddressForms, AddressInfo, MaskInfo, SubnetInfo, binary, expanded, reverse_zone,
};
use crate::tr;

/// How a prefix relates to the IANA registries, as JSON shows it (flattened into reports).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClassificationView {
    pub class: &'static str,
    pub iana_name: Option<&'static str>,
    pub rfc: Option<&'static str>,
    pub registry_block: Option<&'static str>,
    pub globally_reachable: Option<bool>,
    /// The class itself, for the words a person reads.
    #[serde(skip)]
    pub kind: AddressClass,
}

impl From<&Classification> for ClassificationView {
    fn from(c: &Classification) -> ClassificationView {
        ClassificationView {
            class: c.class.as_str(),
            iana_name: c.block.map(|b| b.iana_name),
            rfc: c.block.map(|b| b.rfc),
            registry_block: c.block.map(|b| b.registry_text),
            globally_reachable: c.globally_reachable,
            kind: c.class,
        }
    }
}

impl ClassificationView {
    /// `private (Private-Use, 10.0.0.0/8, RFC 1918)`: the class in `lang`, then the registry's
    /// own name (with its meaning, in a language other than English), block and RFC as the
    /// registry writes them, numbers kept with their names.
    pub fn text(&self, lang: Lang) -> String {
        let class = class_word(lang, self.kind);
        match (&self.iana_name, &self.registry_block, &self.rfc) {
            (Some(name), Some(block), Some(rfc)) => t!(
                lang,
                "addr-class-registered",
                class = class,
                name = iana_name_words(lang, name),
                block = *block,
                rfc = with_numbers_joined(rfc)
            ),
            _ if self.kind == AddressClass::Mixed => t!(lang, "addr-class-mixed", class = class),
            _ => t!(lang, "addr-class-not-special", class = class),
        }
    }

    /// The registry's "Globally Reachable" column in a word.
    pub fn reachable_text(&self) -> String {
        match self.globally_reachable {
            Some(true) => tr!("addr-yes"),
            Some(false) => tr!("addr-no"),
            None => tr!("addr-not-applicable"),
        }
    }
}

/// The text id of a registry name: `Shared Address Space` is `addr-iana-shared-address-space`.
fn iana_id(name: &str) -> String {
    let mut id = String::from("addr-iana-");
    let mut gap = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !id.ends_with('-') {
                id.push('-');
            }
            id.push(c.to_ascii_lowercase());
            gap = false;
        } else {
            gap = true;
        }
    }
    id
}

/// A registry name as the reader reads it: the registry's own words, and in another language
/// their meaning after them where the class word does not say it
/// (`Shared Address Space (共有アドレス空間)`).
pub fn iana_name_words(lang: Lang, name: &str) -> String {
    let id = iana_id(name);
    if i18n::has(lang, &id, None) {
        t!(lang, &id)
    } else {
        name.to_string()
    }
}

/// A citation with each number kept on the line of its name: `RFC\u{a0}791,
/// Section\u{a0}3.2` (the registry's and the JSON's text has plain spaces).
pub fn with_numbers_joined(cited: &str) -> String {
    let mut text = cited.to_string();
    for name in ["RFC", "Section", "section", "sections", "Errata"] {
        text = text.replace(&format!("{name} "), &format!("{name}\u{a0}"));
    }
    text
}

/// An `ip compare` citation in `lang`: `RFC 8200 section 8.1` is `RFC 8200 の 8.1 節` in
/// Japanese; numbers stay with their names.
pub fn citation(lang: Lang, cited: &str) -> String {
    let one = |part: &str| -> String {
        if let Some((rfc, sections)) = part.split_once(" sections ")
            && let Some((first, second)) = sections.split_once(" and ")
        {
            return t!(
                lang,
                "addr-cite-sections",
                rfc = with_numbers_joined(rfc),
                first = first,
                second = second
            );
        }
        if let Some((rfc, section)) = part.split_once(" section ") {
            return t!(
                lang,
                "addr-cite-section",
                rfc = with_numbers_joined(rfc),
                section = section
            );
        }
        with_numbers_joined(part)
    };
    cited.split("; ").map(one).collect::<Vec<_>>().join("; ")
}

/// A class in a word: the registry slug in English (what JSON says too), translated in other
/// languages.
pub fn class_word(lang: Lang, class: AddressClass) -> String {
    t!(lang, &format!("addr-class-word-{}", class.as_str()))
}

/// The other ways to write an address (flattened into reports; null where they do not apply).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FormsView {
    pub expanded: Option<String>,
    pub compressed: Option<String>,
    pub ipv4_mapped: Option<String>,
    pub embedded_ipv4: Option<String>,
}

impl From<&AddressForms> for FormsView {
    fn from(forms: &AddressForms) -> FormsView {
        FormsView {
            expanded: forms.v6.map(expanded),
            compressed: forms.v6.map(|v6| v6.to_string()),
            ipv4_mapped: forms.ipv4_mapped.map(|v6| v6.to_string()),
            embedded_ipv4: forms.embedded_ipv4.map(|v4| v4.to_string()),
        }
    }
}

impl FormsView {
    /// Table rows for the forms that apply.
    pub fn rows(&self) -> Vec<(String, String)> {
        [
            ("expanded", &self.expanded),
            ("compressed", &self.compressed),
            ("ipv4-mapped", &self.ipv4_mapped),
            ("embedded ipv4", &self.embedded_ipv4),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.clone().map(|value| (label(name), value)))
        .collect()
    }
}

/// `netlearn cidr <NET>` as JSON shows it. Addresses and counts are strings: 2^128 does not
/// fit a JSON number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SubnetView {
    pub version: u8,
    pub address: String,
    pub prefix_len: u8,
    pub cidr: String,
    pub network: String,
    pub netmask: String,
    pub wildcard: String,
    pub broadcast: Option<String>,
    pub first_host: String,
    pub last_host: String,
    pub addresses: String,
    pub usable_hosts: String,
    pub host_bits_set: bool,
    #[serde(flatten)]
    pub classification: ClassificationView,
    pub binary: String,
    pub netmask_binary: String,
    pub reverse_zone: String,
    #[serde(flatten)]
    pub forms: FormsView,
}

impl From<&SubnetInfo> for SubnetView {
    fn from(info: &SubnetInfo) -> SubnetView {
        let family = info.family();
        let prefix = info.net.prefix_len();
        SubnetView {
            version: family.number(),
            address: info.net.addr().to_string(),
            prefix_len: prefix,
            cidr: info.net.trunc().to_string(),
            network: info.net.network().to_string(),
            netmask: info.netmask.to_string(),
            wildcard: info.wildcard.to_string(),
            broadcast: info.broadcast.map(|b| b.to_string()),
            first_host: info.first_host.to_string(),
            last_host: info.last_host.to_string(),
            addresses: info.addresses.to_string(),
            usable_hosts: info.usable_hosts.to_string(),
            host_bits_set: info.host_bits_set,
            classification: ClassificationView::from(&info.classification),
            binary: binary(family, to_u128(info.net.addr()), prefix),
            netmask_binary: binary(family, to_u128(info.netmask), prefix),
            reverse_zone: reverse_zone(&info.net),
            forms: FormsView::from(&info.forms),
        }
    }
}

/// `netlearn mask` as JSON shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MaskView {
    pub version: u8,
    pub prefix_len: u8,
    pub netmask: String,
    pub wildcard: String,
    pub netmask_hex: String,
    pub netmask_binary: String,
    pub addresses: String,
    pub usable_hosts: String,
}

/// `0x` and every hex digit of the family's width.
fn hex(family: Family, value: u128) -> String {
    let digits = usize::from(family.bits() / 4);
    format!("0x{value:0digits$x}")
}

impl From<&MaskInfo> for MaskView {
    fn from(info: &MaskInfo) -> MaskView {
        let mask = to_u128(info.netmask);
        MaskView {
            version: info.family.number(),
            prefix_len: info.prefix_len,
            netmask: info.netmask.to_string(),
            wildcard: info.wildcard.to_string(),
            netmask_hex: hex(info.family, mask),
            netmask_binary: binary(info.family, mask, info.prefix_len),
            addresses: info.addresses.to_string(),
            usable_hosts: info.usable_hosts.to_string(),
        }
    }
}

/// `netlearn ip <ADDR>` as JSON shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AddressView {
    pub version: u8,
    pub address: String,
    /// The address as one unsigned integer (decimal string: IPv6 needs 128 bits).
    pub integer: String,
    pub hex: String,
    pub binary: String,
    #[serde(flatten)]
    pub forms: FormsView,
    #[serde(flatten)]
    pub classification: ClassificationView,
    pub reverse_pointer: String,
    /// How far the address reaches, in words (English: JSON values do not change with the
    /// language).
    pub scope: String,
    /// The same in the reader's language, for the table.
    #[serde(skip)]
    pub scope_words: String,
}

impl From<&AddressInfo> for AddressView {
    fn from(info: &AddressInfo) -> AddressView {
        let family = Family::of(info.addr);
        let value = to_u128(info.addr);
        AddressView {
            version: family.number(),
            address: info.addr.to_string(),
            integer: value.to_string(),
            hex: hex(family, value),
            binary: binary(family, value, family.bits())
                .trim_end_matches('|')
                .to_string(),
            forms: FormsView::from(&info.forms),
            classification: ClassificationView::from(&info.classification),
            reverse_pointer: info.reverse_pointer.clone(),
            scope: scope_text(info.addr, info.classification.class, Lang::En),
            scope_words: scope_text(info.addr, info.classification.class, i18n::language()),
        }
    }
}

/// How far an address reaches: host, link, site/private, or global; multicast by its scope.
pub fn scope_text(addr: IpAddr, class: AddressClass, lang: Lang) -> String {
    let say = |id: &str| i18n::lookup_in(lang, id, None, None);
    if let IpAddr::V6(v6) = addr
        && class == AddressClass::Multicast
    {
        let nibble = (v6.segments()[0] & 0xf) as u8;
        let name = match nibble {
            0x1 => "interface-local",
            0x2 => "link-local",
            0x3 => "realm-local",
            0x4 => "admin-local",
            0x5 => "site-local",
            0x8 => "organization-local",
            0xe => "global",
            _ => "reserved",
        };
        let mut args = FluentArgs::new();
        args.set("name", name);
        args.set("nibble", format!("{nibble:x}"));
        return i18n::lookup_in(lang, "addr-scope-multicast-scoped", None, Some(&args));
    }
    say(match class {
        AddressClass::Loopback => "addr-scope-host",
        AddressClass::LinkLocal => "addr-scope-link",
        AddressClass::Private | AddressClass::Shared | AddressClass::UniqueLocal => {
            "addr-scope-site"
        }
        AddressClass::Multicast => "addr-scope-multicast",
        AddressClass::Unspecified | AddressClass::ThisHost | AddressClass::ThisNetwork => {
            "addr-scope-none"
        }
        AddressClass::Broadcast => "addr-scope-broadcast",
        AddressClass::Documentation => "addr-scope-documentation",
        AddressClass::Ipv4Mapped => "addr-scope-mapped",
        _ => "addr-scope-global",
    })
}

/// A table row's label in the reader's language: `first host` is `addr-label-first-host`.
pub fn label(key: &str) -> String {
    tr!(&format!("addr-label-{}", key.replace(' ', "-")))
}

/// One row of `ip compare`: the differences a learner meets first between IPv4 and IPv6.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Difference {
    pub topic: String,
    pub ipv4: String,
    pub ipv6: String,
    pub rfc: &'static str,
}

/// The rows of `ip compare`: each topic's text id in texts/*/addr.ftl and the RFCs it cites.
const DIFFERENCES: &[(&str, &str)] = &[
    ("address-size", "RFC 791; RFC 4291"),
    ("notation", "RFC 791; RFC 5952"),
    ("header", "RFC 791; RFC 8200"),
    ("header-checksum", "RFC 791; RFC 8200 section 8.1"),
    ("fragmentation", "RFC 791; RFC 8200 sections 4.5 and 5"),
    ("hop-count-field", "RFC 791; RFC 8200"),
    ("broadcast", "RFC 919; RFC 4291"),
    ("address-resolution", "RFC 826; RFC 4861"),
    ("configuration", "RFC 2131; RFC 4862, RFC 8415"),
    ("control-messages", "RFC 792; RFC 4443"),
    ("loopback", "RFC 1122; RFC 4291"),
    ("unspecified-address", "RFC 1122; RFC 4291"),
    ("private-addresses", "RFC 1918; RFC 4193"),
    ("link-local", "RFC 3927; RFC 4291"),
    ("ipv4-inside-ipv6", "RFC 4291; RFC 6052"),
    ("dns-record", "RFC 1035; RFC 3596"),
    ("reverse-dns", "RFC 1035; RFC 3596"),
    ("socket-family", "RFC 3493"),
];

/// `ip compare` in `lang` (JSON asks for English: its values do not change with the language).
pub fn differences(lang: Lang) -> Vec<Difference> {
    DIFFERENCES
        .iter()
        .map(|(id, rfc)| {
            let id = format!("addr-compare-{id}");
            Difference {
                topic: i18n::lookup_in(lang, &id, None, None),
                ipv4: i18n::lookup_in(lang, &id, Some("ipv4"), None),
                ipv6: i18n::lookup_in(lang, &id, Some("ipv6"), None),
                rfc,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::subnet::{address_info, info, mask_info};

    fn view_of(text: &str) -> AddressView {
        AddressView::from(&address_info(text.parse().unwrap()))
    }

    #[test]
    fn address_views_keep_their_words_and_forms() {
        let loopback = view_of("127.0.0.1");
        assert_eq!(loopback.integer, "2130706433");
        assert_eq!(loopback.hex, "0x7f000001");
        assert!(loopback.scope.starts_with("host"));
        assert!(view_of("ff02::1").scope.contains("link-local"));
        assert_eq!(view_of("fe80::1").classification.class, "link-local");
        assert_eq!(
            view_of("2001:db8::1").forms.expanded.as_deref(),
            Some("2001:0db8:0000:0000:0000:0000:0000:0001")
        );
    }

    #[test]
    fn subnet_and_mask_views_are_strings_of_the_typed_values() {
        let view = SubnetView::from(&info(&"192.168.0.77/24".parse().unwrap()));
        assert_eq!(view.cidr, "192.168.0.0/24");
        assert_eq!(view.broadcast.as_deref(), Some("192.168.0.255"));
        assert_eq!(view.usable_hosts, "254");
        assert_eq!(
            view.classification.text(Lang::En),
            "private (Private-Use, 192.168.0.0/16, RFC\u{a0}1918)"
        );
        assert_eq!(
            view.classification.text(Lang::Ja),
            "プライベート: IANA の登録名 Private-Use、192.168.0.0/16、RFC\u{a0}1918"
        );
        let global = SubnetView::from(&info(&"8.8.8.0/24".parse().unwrap()));
        assert_eq!(
            global.classification.text(Lang::En),
            "global (not special-purpose)"
        );
        assert_eq!(
            global.classification.text(Lang::Ja),
            "グローバル (特殊用途ではありません)"
        );
        let mixed = SubnetView::from(&info(&"0.0.0.0/0".parse().unwrap()));
        assert_eq!(
            mixed.classification.text(Lang::En),
            "mixed (overlaps special-purpose blocks)"
        );
        assert!(mixed.classification.text(Lang::Ja).starts_with("混在 ("));
        let mask = MaskView::from(&mask_info(Family::V4, 20));
        assert_eq!(mask.netmask_hex, "0xfffff000");
        assert_eq!(mask.usable_hosts, "4094");
    }

    #[test]
    fn every_comparison_row_cites_an_rfc_and_topics_are_unique() {
        for lang in Lang::ALL {
            let rows = differences(lang);
            let mut topics: Vec<&str> = rows.iter().map(|d| d.topic.as_str()).collect();
            topics.sort_unstable();
            topics.dedup();
            assert_eq!(topics.len(), rows.len());
            assert!(rows.iter().all(|d| d.rfc.starts_with("RFC ")));
            assert!(rows.iter().all(|d| !d.topic.starts_with("addr-")));
        }
    }

    /// Every registry name keeps the registry's words; English says them as they are, and
    /// Japanese adds their meaning where the class word does not say it. Numbers stay with
    /// their names.
    #[test]
    fn every_registry_name_keeps_its_words_and_has_a_japanese_meaning() {
        for row in crate::net::special::REGISTRY {
            let name = row.iana_name;
            assert_eq!(iana_name_words(Lang::En, name), name);
            let ja = iana_name_words(Lang::Ja, name);
            assert!(ja.starts_with(name), "{name}: {ja}");
            // The class word and the name together say what the block is in Japanese.
            let class = class_word(Lang::Ja, row.class);
            assert!(!format!("{class}{ja}").is_ascii(), "{name}: {class} {ja}");
        }
        let shared = SubnetView::from(&info(&"100.64.0.0/10".parse().unwrap()));
        assert_eq!(
            shared.classification.text(Lang::Ja),
            "共有 (CGN 用): IANA の登録名 Shared Address Space (共有アドレス空間)、\
             100.64.0.0/10、RFC\u{a0}6598"
        );
        assert_eq!(
            with_numbers_joined("RFC 791, Section 3.2"),
            "RFC\u{a0}791, Section\u{a0}3.2"
        );
        assert_eq!(
            citation(Lang::Ja, "RFC 791; RFC 8200 section 8.1"),
            "RFC\u{a0}791; RFC\u{a0}8200 の 8.1\u{a0}節"
        );
        assert_eq!(
            citation(Lang::En, "RFC 791; RFC 8200 sections 4.5 and 5"),
            "RFC\u{a0}791; RFC\u{a0}8200 sections\u{a0}4.5 and 5"
        );
    }

    #[test]
    fn every_class_has_a_word_in_every_language() {
        let classes = crate::net::special::REGISTRY
            .iter()
            .map(|row| row.class)
            .chain([AddressClass::Mixed, AddressClass::Global]);
        for class in classes {
            assert_eq!(class_word(Lang::En, class), class.as_str());
            let ja = class_word(Lang::Ja, class);
            assert!(
                !ja.starts_with("addr-") && !ja.is_empty(),
                "{class:?}: {ja}"
            );
        }
        assert_eq!(class_word(Lang::Ja, AddressClass::Loopback), "ループバック");
    }
}
