//! What the capture family says about a capture file it cannot read, a capture it cannot
//! start and a frame it cannot decode.

use crate::app::text::{system_error_in, t};
use crate::i18n::Lang;
use crate::net::wire::decode::{LinkHeader, SliceError, Undecodable};
use crate::net::wire::file::{BlockKind, FileError, Malformed, Part};
use crate::net::wire::live::LiveError;

/// Why a capture file cannot be read.
pub fn file_error(lang: Lang, error: &FileError) -> String {
    match error {
        FileError::WrongMagic(magic) => t!(
            lang,
            "wire-file-wrong-magic",
            bytes = format!("{magic:02x?}")
        ),
        FileError::Empty => t!(lang, "wire-file-empty"),
        FileError::UnknownLinkType(number) => {
            t!(lang, "wire-file-unknown-link-type", number = *number)
        }
        FileError::Truncated(part) => {
            t!(lang, "wire-file-truncated", part = part_name(lang, *part))
        }
        FileError::TooLong {
            what,
            claimed,
            limit,
        } => t!(
            lang,
            "wire-file-too-long",
            part = part_name(lang, *what),
            claimed = *claimed,
            limit = *limit
        ),
        FileError::Malformed(malformed) => malformed_text(lang, *malformed),
        FileError::UnknownInterface(number) => {
            t!(lang, "wire-file-unknown-interface", number = *number)
        }
        FileError::Io(error) => system_error_in(lang, error),
    }
}

/// A file error met after `read` records were read whole.
pub fn file_error_after(lang: Lang, error: &FileError, read: u64) -> String {
    t!(
        lang,
        "wire-file-error-after",
        error = file_error(lang, error),
        read = read
    )
}

fn part_name(lang: Lang, part: Part) -> String {
    let id = match part {
        Part::FileHeader => "wire-part-file-header",
        Part::PcapFileHeader => "wire-part-pcap-file-header",
        Part::PacketHeader => "wire-part-packet-header",
        Part::Packet => "wire-part-packet",
        Part::PacketRecord => "wire-part-packet-record",
        Part::SectionHeader => "wire-part-section-header",
        Part::BlockHeader => "wire-part-block-header",
        Part::Block => "wire-part-block",
        Part::PcapngBlock => "wire-part-pcapng-block",
    };
    t!(lang, id)
}

fn block_name(lang: Lang, kind: BlockKind) -> String {
    let id = match kind {
        BlockKind::EnhancedPacket => "wire-block-enhanced-packet",
        BlockKind::SimplePacket => "wire-block-simple-packet",
        BlockKind::Packet => "wire-block-packet",
        BlockKind::InterfaceDescription => "wire-block-interface-description",
    };
    t!(lang, id)
}

fn malformed_text(lang: Lang, malformed: Malformed) -> String {
    match malformed {
        Malformed::SectionByteOrder => t!(lang, "wire-file-section-byte-order"),
        Malformed::SectionLength => t!(lang, "wire-file-section-length"),
        Malformed::BlockLength => t!(lang, "wire-file-block-length"),
        Malformed::ShortBlock(kind) => {
            t!(
                lang,
                "wire-file-short-block",
                block = block_name(lang, kind)
            )
        }
        Malformed::PacketPastBlock(kind) => t!(
            lang,
            "wire-file-packet-past-block",
            block = block_name(lang, kind)
        ),
        Malformed::TooManyInterfaces(limit) => {
            t!(lang, "wire-file-too-many-interfaces", limit = limit)
        }
    }
}

/// Why a live capture on `name` could not start, as the one line `capture` ends with; the
/// interface name is already made safe for a terminal.
pub fn live_error(lang: Lang, name: &str, error: &LiveError) -> String {
    match error {
        LiveError::NoPermission => t!(lang, "wire-live-no-permission", name = name),
        LiveError::NoSuchInterface(_) => t!(lang, "wire-live-no-such-interface", name = name),
        other => t!(
            lang,
            "wire-live-failed",
            name = name,
            error = live_cause(lang, other)
        ),
    }
}

/// Why a capture could not start, without the command's advice (a demo's capture on lo).
pub fn live_cause(lang: Lang, error: &LiveError) -> String {
    use crate::output::escape::terminal_safe;
    match error {
        LiveError::NoPermission => t!(lang, "wire-live-needs-cap-net-raw"),
        LiveError::NoSuchInterface(name) => t!(
            lang,
            "wire-live-no-interface-called",
            name = terminal_safe(name).into_owned()
        ),
        LiveError::UnknownHardware { name, hardware } => t!(
            lang,
            "wire-live-unknown-hardware",
            name = terminal_safe(name).into_owned(),
            hardware = *hardware
        ),
        LiveError::UnreadableHardware { name } => t!(
            lang,
            "wire-live-unreadable-hardware",
            name = terminal_safe(name).into_owned()
        ),
        LiveError::Io(error) => system_error_in(lang, error),
    }
}

/// Why a frame could not be decoded.
pub fn undecodable(lang: Lang, reason: &Undecodable) -> String {
    match reason {
        Undecodable::ShortLinkHeader { header, frame_len } => {
            let id = match header {
                LinkHeader::Ethernet => "wire-undecodable-short-ethernet",
                LinkHeader::LinuxSll => "wire-undecodable-short-sll",
                LinkHeader::LinuxSll2 => "wire-undecodable-short-sll2",
            };
            t!(lang, id, needs = header.size(), has = *frame_len)
        }
        Undecodable::RawIpVersion(version) => {
            t!(lang, "wire-undecodable-raw-ip-version", version = *version)
        }
        Undecodable::EmptyRawIp => t!(lang, "wire-undecodable-empty-raw-ip"),
        // etherparse's own description: which header, which field, how many bytes.
        Undecodable::Headers(error) => {
            let id = match error {
                SliceError::Len(_) => "wire-undecodable-cut-short",
                _ => "wire-undecodable-bad-header",
            };
            t!(lang, id, what = error.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_errors_in_both_languages() {
        let magic = FileError::WrongMagic(*b"this");
        assert_eq!(
            file_error(Lang::En, &magic),
            "not a pcap or pcapng file (it starts with [74, 68, 69, 73])"
        );
        assert!(file_error(Lang::Ja, &magic).contains("[74, 68, 69, 73]"));
        let cut = FileError::Truncated(Part::PcapFileHeader);
        assert_eq!(
            file_error(Lang::En, &cut),
            "the file ends in the middle of the pcap file header"
        );
        assert_eq!(
            file_error(Lang::Ja, &cut),
            "pcap のファイルヘッダーの途中でファイルが終わっています"
        );
        let long = FileError::TooLong {
            what: Part::PacketRecord,
            claimed: 300_000,
            limit: 262_144,
        };
        assert_eq!(
            file_error(Lang::En, &long),
            "a packet record claims 300000\u{a0}bytes, more than the 262144 allowed"
        );
        assert!(file_error(Lang::Ja, &long).contains("300000\u{a0}バイト"));
        let past = FileError::Malformed(Malformed::PacketPastBlock(BlockKind::EnhancedPacket));
        assert_eq!(
            file_error(Lang::En, &past),
            "enhanced packet block whose packet runs past the block"
        );
        assert!(file_error(Lang::Ja, &past).contains("拡張パケットブロック"));
        let many = FileError::Malformed(Malformed::TooManyInterfaces(4096));
        assert_eq!(
            file_error(Lang::En, &many),
            "more than 4096\u{a0}interfaces in one section"
        );
        assert_eq!(
            file_error_after(Lang::En, &FileError::Truncated(Part::Packet), 3),
            "the file ends in the middle of a packet (after 3\u{a0}packets)"
        );
        assert!(
            file_error_after(Lang::Ja, &FileError::Truncated(Part::Packet), 3)
                .contains("3\u{a0}個のパケット")
        );
        assert_eq!(
            file_error(Lang::En, &FileError::UnknownLinkType(147)),
            "link type\u{a0}147 is not one netlearn reads (Ethernet, Linux cooked SLL/SLL2, raw IP)"
        );
        assert!(file_error(Lang::Ja, &FileError::UnknownLinkType(147)).contains("147"));
    }

    #[test]
    fn live_errors_in_both_languages() {
        let missing = LiveError::NoSuchInterface("nosuch".into());
        assert_eq!(
            live_error(Lang::En, "nosuch", &missing),
            "--iface nosuch: there is no such interface here (netlearn ifaces lists them)"
        );
        let ja = live_error(Lang::Ja, "nosuch", &missing);
        assert!(
            ja.contains("nosuch") && ja.contains("netlearn ifaces"),
            "{ja}"
        );
        let denied = live_error(Lang::Ja, "lo", &LiveError::NoPermission);
        assert!(
            denied.contains("CAP_NET_RAW") && denied.contains("sudo"),
            "{denied}"
        );
        let hardware = LiveError::UnknownHardware {
            name: "can0".into(),
            hardware: 280,
        };
        assert_eq!(
            live_error(Lang::En, "can0", &hardware),
            "capturing on can0: interface can0 has link type\u{a0}280, which netlearn does not decode"
        );
        assert!(live_cause(Lang::Ja, &hardware).contains("280"));
        assert_eq!(
            live_cause(Lang::En, &LiveError::NoPermission),
            "opening a packet socket needs CAP_NET_RAW"
        );
    }

    #[test]
    fn undecodable_frames_in_both_languages() {
        let short = Undecodable::ShortLinkHeader {
            header: LinkHeader::LinuxSll,
            frame_len: 9,
        };
        assert_eq!(
            crate::output::spaces::plain(&undecodable(Lang::En, &short)),
            "Linux cooked (SLL) header needs 16 bytes, the frame has 9"
        );
        assert!(undecodable(Lang::Ja, &short).contains("16\u{a0}バイト"));
        assert_eq!(
            undecodable(Lang::En, &Undecodable::RawIpVersion(5)),
            "raw IP packet with IP version 5"
        );
        assert!(undecodable(Lang::Ja, &Undecodable::EmptyRawIp).contains("IP パケット"));
        // An IPv4 header cut after two bytes: etherparse's words in English (the JSON's
        // `error` as before), what that means first in Japanese.
        let Err(error) =
            etherparse::SlicedPacket::from_ether_type(etherparse::EtherType::IPV4, &[0x45, 0x00])
        else {
            panic!("two bytes are no IPv4 header");
        };
        let cut = Undecodable::Headers(error.clone());
        assert_eq!(undecodable(Lang::En, &cut), error.to_string());
        let ja = undecodable(Lang::Ja, &cut);
        assert!(ja.starts_with("パケットが途中で切れていて"), "{ja}");
        assert!(ja.contains(&error.to_string()), "{ja}");
    }
}
