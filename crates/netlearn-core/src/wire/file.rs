//! Capture files: pcap and pcapng read as a stream (one reused buffer, so memory does not grow
//! with the file), and pcapng written with nanosecond timestamps.
//!
//! A reader of its own rather than pcap-file: pcap-file 2 ignores pcapng's `if_tsresol`, and
//! owning the loop lets every length a hostile file claims be checked against a bound before
//! any allocation.

use std::io::{self, BufRead, Read, Write};

use super::decode::LinkType;

/// The largest packet record accepted (tcpdump's default snapshot length is 262,144).
pub const MAX_RECORD: usize = 262_144;
/// The largest pcapng block accepted: a packet record plus generous room for options.
const MAX_BLOCK: usize = MAX_RECORD + 65_536;

/// Why a capture file cannot be read (worded by the capture view: `app::wire::words`).
#[derive(Debug)]
pub enum FileError {
    /// The first four bytes are no pcap or pcapng magic number.
    WrongMagic([u8; 4]),
    Empty,
    /// A link type other than Ethernet, Linux cooked SLL/SLL2 or raw IP.
    UnknownLinkType(u32),
    /// The file ends inside this part.
    Truncated(Part),
    /// A length field claims more than the reader accepts.
    TooLong {
        what: Part,
        claimed: u64,
        limit: usize,
    },
    Malformed(Malformed),
    /// A packet names an interface its section never described.
    UnknownInterface(u32),
    Io(io::Error),
}

impl From<io::Error> for FileError {
    fn from(error: io::Error) -> Self {
        FileError::Io(error)
    }
}

/// A part of a capture file, where a file ends too early or claims too much.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    FileHeader,
    PcapFileHeader,
    PacketHeader,
    Packet,
    PacketRecord,
    SectionHeader,
    BlockHeader,
    Block,
    PcapngBlock,
}

/// The kinds of pcapng block whose inside can be wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    EnhancedPacket,
    SimplePacket,
    /// The obsolete packet block (type 2).
    Packet,
    InterfaceDescription,
}

/// A pcapng structure that cannot be what it claims.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Malformed {
    SectionByteOrder,
    SectionLength,
    BlockLength,
    /// The block is shorter than its fixed header.
    ShortBlock(BlockKind),
    /// The packet's captured length runs past the block.
    PacketPastBlock(BlockKind),
    /// More interfaces in one section than the reader keeps.
    TooManyInterfaces(usize),
}

/// How many interface descriptions one section may hold.
pub const MAX_INTERFACES: usize = 4096;

/// The file format found at the start of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    Pcap { nanosecond: bool },
    Pcapng,
}

/// One packet record, borrowed from the reader's buffer until the next call.
#[derive(Debug)]
pub struct Record<'a> {
    /// Nanoseconds since the Unix epoch (0 when the record carries no timestamp).
    pub time_ns: u64,
    pub link: LinkType,
    /// The length of the packet on the wire (the record may hold fewer bytes).
    pub orig_len: u32,
    pub data: &'a [u8],
}

#[derive(Clone, Copy)]
struct Interface {
    link: LinkType,
    /// How to turn a timestamp count into nanoseconds.
    resolution: Resolution,
}

#[derive(Clone, Copy)]
enum Resolution {
    /// Units of 10^-n seconds.
    Decimal(u8),
    /// Units of 2^-n seconds.
    Binary(u8),
}

impl Resolution {
    fn to_nanos(self, units: u64) -> u64 {
        let units = u128::from(units);
        let nanos = match self {
            Resolution::Decimal(n) if n <= 9 => units * 10u128.pow(u32::from(9 - n)),
            Resolution::Decimal(n) => units / 10u128.pow(u32::from(n.min(38) - 9)),
            Resolution::Binary(n) => (units * 1_000_000_000) >> u32::from(n.min(127)),
        };
        u64::try_from(nanos).unwrap_or(u64::MAX)
    }
}

/// Reads pcap or pcapng records one at a time.
pub struct Reader<R> {
    input: R,
    buffer: Vec<u8>,
    format: FileFormat,
    /// pcap: the one link type; pcapng: per section, the interfaces described so far.
    pcap_link: LinkType,
    pcap_swapped: bool,
    interfaces: Vec<Interface>,
    ng_big_endian: bool,
}

fn u32_at(bytes: &[u8], at: usize, big: bool) -> u32 {
    let mut word = [0u8; 4];
    if let Some(slice) = bytes.get(at..at + 4) {
        word.copy_from_slice(slice);
    }
    if big {
        u32::from_be_bytes(word)
    } else {
        u32::from_le_bytes(word)
    }
}

fn u16_at(bytes: &[u8], at: usize, big: bool) -> u16 {
    let mut word = [0u8; 2];
    if let Some(slice) = bytes.get(at..at + 2) {
        word.copy_from_slice(slice);
    }
    if big {
        u16::from_be_bytes(word)
    } else {
        u16::from_le_bytes(word)
    }
}

/// Fills `buf` completely; `Ok(false)` at a clean end of file before the first byte.
fn read_full(input: &mut impl Read, buf: &mut [u8], what: Part) -> Result<bool, FileError> {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(&mut buf[filled..]) {
            Ok(0) if filled == 0 => return Ok(false),
            Ok(0) => return Err(FileError::Truncated(what)),
            Ok(n) => filled += n,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error.into()),
        }
    }
    Ok(true)
}

const PCAP_MICRO: u32 = 0xa1b2_c3d4;
const PCAP_NANO: u32 = 0xa1b2_3c4d;
const NG_SECTION: u32 = 0x0a0d_0d0a;
const NG_BYTE_ORDER: u32 = 0x1a2b_3c4d;

impl<R: BufRead> Reader<R> {
    /// Reads the file header; fails on a file that is neither pcap nor pcapng.
    pub fn new(mut input: R) -> Result<Self, FileError> {
        let mut magic = [0u8; 4];
        if !read_full(&mut input, &mut magic, Part::FileHeader)? {
            return Err(FileError::Empty);
        }
        let little = u32::from_le_bytes(magic);
        let big = u32::from_be_bytes(magic);
        let mut reader = Reader {
            input,
            buffer: Vec::new(),
            format: FileFormat::Pcapng,
            pcap_link: LinkType::Ethernet,
            pcap_swapped: false,
            interfaces: Vec::new(),
            ng_big_endian: false,
        };
        if little == NG_SECTION {
            reader.read_section_header()?;
            return Ok(reader);
        }
        let (nanosecond, swapped) = match (little, big) {
            (PCAP_MICRO, _) => (false, false),
            (PCAP_NANO, _) => (true, false),
            (_, PCAP_MICRO) => (false, true),
            (_, PCAP_NANO) => (true, true),
            _ => return Err(FileError::WrongMagic(magic)),
        };
        let mut header = [0u8; 20];
        if !read_full(&mut reader.input, &mut header, Part::PcapFileHeader)? {
            return Err(FileError::Truncated(Part::PcapFileHeader));
        }
        // A big-endian file read on a little-endian host and the reverse are both "swapped".
        let file_big = swapped != cfg!(target_endian = "big");
        let number = u32_at(&header, 16, file_big) & 0x0fff_ffff;
        reader.pcap_link =
            LinkType::from_number(number).ok_or(FileError::UnknownLinkType(number))?;
        reader.pcap_swapped = file_big;
        reader.format = FileFormat::Pcap { nanosecond };
        Ok(reader)
    }

    pub fn format(&self) -> FileFormat {
        self.format
    }

    /// The link type of the first interface (pcap: of the file).
    pub fn link(&self) -> Option<LinkType> {
        match self.format {
            FileFormat::Pcap { .. } => Some(self.pcap_link),
            FileFormat::Pcapng => self.interfaces.first().map(|i| i.link),
        }
    }

    /// The next packet record, `None` at the end of the file.
    pub fn next_record(&mut self) -> Result<Option<Record<'_>>, FileError> {
        match self.format {
            FileFormat::Pcap { nanosecond } => self.next_pcap(nanosecond),
            FileFormat::Pcapng => self.next_pcapng(),
        }
    }

    fn next_pcap(&mut self, nanosecond: bool) -> Result<Option<Record<'_>>, FileError> {
        let mut header = [0u8; 16];
        if !read_full(&mut self.input, &mut header, Part::PacketHeader)? {
            return Ok(None);
        }
        let big = self.pcap_swapped;
        let seconds = u64::from(u32_at(&header, 0, big));
        let fraction = u64::from(u32_at(&header, 4, big));
        let caplen = u32_at(&header, 8, big);
        let orig_len = u32_at(&header, 12, big);
        if caplen as usize > MAX_RECORD {
            return Err(FileError::TooLong {
                what: Part::PacketRecord,
                claimed: u64::from(caplen),
                limit: MAX_RECORD,
            });
        }
        let caplen = caplen as usize;
        // Grown to the largest record so far and never shrunk: no zero-filling per record.
        if self.buffer.len() < caplen {
            self.buffer.resize(caplen, 0);
        }
        if !read_full(&mut self.input, &mut self.buffer[..caplen], Part::Packet)? && caplen > 0 {
            return Err(FileError::Truncated(Part::Packet));
        }
        let fraction_ns = if nanosecond {
            fraction
        } else {
            fraction * 1000
        };
        Ok(Some(Record {
            time_ns: seconds
                .saturating_mul(1_000_000_000)
                .saturating_add(fraction_ns),
            link: self.pcap_link,
            orig_len,
            data: &self.buffer[..caplen],
        }))
    }

    /// Reads the rest of a section header block whose type word was already read.
    fn read_section_header(&mut self) -> Result<(), FileError> {
        let mut head = [0u8; 8];
        if !read_full(&mut self.input, &mut head, Part::SectionHeader)? {
            return Err(FileError::Truncated(Part::SectionHeader));
        }
        let big = match (
            u32::from_le_bytes([head[4], head[5], head[6], head[7]]),
            u32::from_be_bytes([head[4], head[5], head[6], head[7]]),
        ) {
            (NG_BYTE_ORDER, _) => false,
            (_, NG_BYTE_ORDER) => true,
            _ => {
                return Err(FileError::Malformed(Malformed::SectionByteOrder));
            }
        };
        self.ng_big_endian = big;
        self.interfaces.clear();
        let total = u32_at(&head, 0, big) as usize;
        if !(28..=MAX_BLOCK).contains(&total) || !total.is_multiple_of(4) {
            return Err(FileError::Malformed(Malformed::SectionLength));
        }
        self.skip(total - 12, Part::SectionHeader)
    }

    fn skip(&mut self, mut count: usize, what: Part) -> Result<(), FileError> {
        while count > 0 {
            let available = self.input.fill_buf()?;
            if available.is_empty() {
                return Err(FileError::Truncated(what));
            }
            let step = available.len().min(count);
            self.input.consume(step);
            count -= step;
        }
        Ok(())
    }

    /// An enhanced (or obsolete) packet block whose interface id was read: timestamp,
    /// captured and original lengths at 4..20, the packet from 20. `kind` names the block in
    /// an error.
    fn packet_block(
        &self,
        body_len: usize,
        interface: u32,
        big: bool,
        kind: BlockKind,
    ) -> Result<Option<Record<'_>>, FileError> {
        let body = &self.buffer[..body_len];
        if body.len() < 20 {
            return Err(FileError::Malformed(Malformed::ShortBlock(kind)));
        }
        let units = (u64::from(u32_at(body, 4, big)) << 32) | u64::from(u32_at(body, 8, big));
        let caplen = u32_at(body, 12, big) as usize;
        let orig_len = u32_at(body, 16, big);
        if caplen > body.len() - 20 {
            return Err(FileError::Malformed(Malformed::PacketPastBlock(kind)));
        }
        let found = self
            .interfaces
            .get(interface as usize)
            .copied()
            .ok_or(FileError::UnknownInterface(interface))?;
        Ok(Some(Record {
            time_ns: found.resolution.to_nanos(units),
            link: found.link,
            orig_len,
            data: &self.buffer[20..20 + caplen],
        }))
    }

    fn next_pcapng(&mut self) -> Result<Option<Record<'_>>, FileError> {
        // Blocks other than packets are skipped; every block read moves the file forward, so
        // this loop ends at the end of the file.
        loop {
            let mut head = [0u8; 8];
            if !read_full(&mut self.input, &mut head, Part::BlockHeader)? {
                return Ok(None);
            }
            let big = self.ng_big_endian;
            let kind = u32_at(&head, 0, big);
            if kind == NG_SECTION {
                // The byte order may change: re-read the length after learning it.
                let mut rest = [0u8; 4];
                if !read_full(&mut self.input, &mut rest, Part::SectionHeader)? {
                    return Err(FileError::Truncated(Part::SectionHeader));
                }
                let big = match u32::from_le_bytes(rest) {
                    NG_BYTE_ORDER => false,
                    _ if u32::from_be_bytes(rest) == NG_BYTE_ORDER => true,
                    _ => {
                        return Err(FileError::Malformed(Malformed::SectionByteOrder));
                    }
                };
                self.ng_big_endian = big;
                self.interfaces.clear();
                let total = u32_at(&head, 4, big) as usize;
                if !(28..=MAX_BLOCK).contains(&total) || !total.is_multiple_of(4) {
                    return Err(FileError::Malformed(Malformed::SectionLength));
                }
                self.skip(total - 12, Part::SectionHeader)?;
                continue;
            }
            let total = u32_at(&head, 4, big) as usize;
            if total > MAX_BLOCK {
                return Err(FileError::TooLong {
                    what: Part::PcapngBlock,
                    claimed: total as u64,
                    limit: MAX_BLOCK,
                });
            }
            if total < 12 || !total.is_multiple_of(4) {
                return Err(FileError::Malformed(Malformed::BlockLength));
            }
            if self.buffer.len() < total - 8 {
                self.buffer.resize(total - 8, 0);
            }
            if !read_full(&mut self.input, &mut self.buffer[..total - 8], Part::Block)? {
                return Err(FileError::Truncated(Part::Block));
            }
            // The body, without the trailing copy of the length.
            let body_len = total - 12;
            match kind {
                1 => self.interface_block(body_len)?,
                6 => {
                    let interface = u32_at(&self.buffer, 0, big);
                    return self.packet_block(body_len, interface, big, BlockKind::EnhancedPacket);
                }
                3 => {
                    let body = &self.buffer[..body_len];
                    if body.len() < 4 {
                        return Err(FileError::Malformed(Malformed::ShortBlock(
                            BlockKind::SimplePacket,
                        )));
                    }
                    let orig_len = u32_at(body, 0, big);
                    let caplen = (orig_len as usize).min(body.len() - 4);
                    let found = self
                        .interfaces
                        .first()
                        .copied()
                        .ok_or(FileError::UnknownInterface(0))?;
                    return Ok(Some(Record {
                        time_ns: 0,
                        link: found.link,
                        orig_len,
                        data: &self.buffer[4..4 + caplen],
                    }));
                }
                2 => {
                    // The obsolete packet block: a 16-bit interface id, then a drop count,
                    // then the same layout as the enhanced one.
                    let interface = u32::from(u16_at(&self.buffer, 0, big));
                    return self.packet_block(body_len, interface, big, BlockKind::Packet);
                }
                _ => {}
            }
        }
    }

    fn interface_block(&mut self, body_len: usize) -> Result<(), FileError> {
        let big = self.ng_big_endian;
        let body = &self.buffer[..body_len];
        if body.len() < 8 {
            return Err(FileError::Malformed(Malformed::ShortBlock(
                BlockKind::InterfaceDescription,
            )));
        }
        let number = u32::from(u16_at(body, 0, big));
        let link = LinkType::from_number(number).ok_or(FileError::UnknownLinkType(number))?;
        let mut resolution = Resolution::Decimal(6);
        let mut options = &body[8..];
        // Each option consumes at least four bytes, so this ends.
        while options.len() >= 4 {
            let code = u16_at(options, 0, big);
            let len = usize::from(u16_at(options, 2, big));
            let padded = len.div_ceil(4) * 4;
            if code == 0 || 4 + padded > options.len() {
                break;
            }
            if code == 9 && len == 1 {
                let value = options[4];
                resolution = if value & 0x80 == 0 {
                    Resolution::Decimal(value)
                } else {
                    Resolution::Binary(value & 0x7f)
                };
            }
            options = &options[4 + padded..];
        }
        if self.interfaces.len() >= MAX_INTERFACES {
            return Err(FileError::Malformed(Malformed::TooManyInterfaces(
                MAX_INTERFACES,
            )));
        }
        self.interfaces.push(Interface { link, resolution });
        Ok(())
    }
}

/// Writes a pcapng file: one section, one interface, nanosecond timestamps.
pub struct PcapngWriter<W: Write> {
    output: W,
}

impl<W: Write> PcapngWriter<W> {
    /// Writes the section header and the interface description (`if_tsresol` = 9).
    pub fn new(mut output: W, link: LinkType, snaplen: u32) -> io::Result<Self> {
        let mut section = Vec::with_capacity(28);
        section.extend_from_slice(&NG_SECTION.to_le_bytes());
        section.extend_from_slice(&28u32.to_le_bytes());
        section.extend_from_slice(&NG_BYTE_ORDER.to_le_bytes());
        section.extend_from_slice(&1u16.to_le_bytes());
        section.extend_from_slice(&0u16.to_le_bytes());
        section.extend_from_slice(&u64::MAX.to_le_bytes());
        section.extend_from_slice(&28u32.to_le_bytes());
        output.write_all(&section)?;
        let mut interface = Vec::with_capacity(32);
        interface.extend_from_slice(&1u32.to_le_bytes());
        interface.extend_from_slice(&32u32.to_le_bytes());
        interface.extend_from_slice(&(link.number() as u16).to_le_bytes());
        interface.extend_from_slice(&0u16.to_le_bytes());
        interface.extend_from_slice(&snaplen.to_le_bytes());
        // if_tsresol = 9 (nanoseconds), then opt_endofopt.
        interface.extend_from_slice(&9u16.to_le_bytes());
        interface.extend_from_slice(&1u16.to_le_bytes());
        interface.extend_from_slice(&[9, 0, 0, 0]);
        interface.extend_from_slice(&0u32.to_le_bytes());
        interface.extend_from_slice(&32u32.to_le_bytes());
        output.write_all(&interface)?;
        Ok(PcapngWriter { output })
    }

    /// Writes one enhanced packet block.
    pub fn write_packet(&mut self, time_ns: u64, data: &[u8], orig_len: u32) -> io::Result<()> {
        let data = &data[..data.len().min(MAX_RECORD)];
        let padded = data.len().div_ceil(4) * 4;
        let total = (32 + padded) as u32;
        let mut head = [0u8; 28];
        head[0..4].copy_from_slice(&6u32.to_le_bytes());
        head[4..8].copy_from_slice(&total.to_le_bytes());
        head[8..12].copy_from_slice(&0u32.to_le_bytes());
        head[12..16].copy_from_slice(&((time_ns >> 32) as u32).to_le_bytes());
        head[16..20].copy_from_slice(&(time_ns as u32).to_le_bytes());
        head[20..24].copy_from_slice(&(data.len() as u32).to_le_bytes());
        head[24..28].copy_from_slice(&orig_len.max(data.len() as u32).to_le_bytes());
        self.output.write_all(&head)?;
        self.output.write_all(data)?;
        self.output.write_all(&[0u8; 3][..padded - data.len()])?;
        self.output.write_all(&total.to_le_bytes())
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.output.flush()
    }
}

/// Writes a classic pcap file header (microseconds); used by tests and the benchmark fixture.
pub fn write_pcap_header(output: &mut impl Write, link: LinkType) -> io::Result<()> {
    let mut header = Vec::with_capacity(24);
    header.extend_from_slice(&PCAP_MICRO.to_le_bytes());
    header.extend_from_slice(&2u16.to_le_bytes());
    header.extend_from_slice(&4u16.to_le_bytes());
    header.extend_from_slice(&0u32.to_le_bytes());
    header.extend_from_slice(&0u32.to_le_bytes());
    header.extend_from_slice(&(MAX_RECORD as u32).to_le_bytes());
    header.extend_from_slice(&link.number().to_le_bytes());
    output.write_all(&header)
}

/// Writes one classic pcap record (microsecond timestamp).
pub fn write_pcap_record(output: &mut impl Write, time_ns: u64, data: &[u8]) -> io::Result<()> {
    let mut header = [0u8; 16];
    header[0..4].copy_from_slice(&((time_ns / 1_000_000_000) as u32).to_le_bytes());
    header[4..8].copy_from_slice(&((time_ns % 1_000_000_000 / 1000) as u32).to_le_bytes());
    header[8..12].copy_from_slice(&(data.len() as u32).to_le_bytes());
    header[12..16].copy_from_slice(&(data.len() as u32).to_le_bytes());
    output.write_all(&header)?;
    output.write_all(data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn read_all(bytes: &[u8]) -> Result<Vec<(u64, LinkType, Vec<u8>)>, FileError> {
        let mut reader = Reader::new(Cursor::new(bytes))?;
        let mut out = Vec::new();
        while let Some(record) = reader.next_record()? {
            out.push((record.time_ns, record.link, record.data.to_vec()));
        }
        Ok(out)
    }

    #[test]
    fn pcapng_written_is_read_back_with_nanoseconds() {
        let mut file = Vec::new();
        let mut writer = PcapngWriter::new(&mut file, LinkType::Ethernet, 65535).expect("header");
        writer
            .write_packet(1_700_000_000_123_456_789, b"abcde", 5)
            .expect("packet");
        writer
            .write_packet(1_700_000_001_000_000_001, b"", 0)
            .expect("packet");
        let records = read_all(&file).expect("read");
        assert_eq!(
            records,
            vec![
                (
                    1_700_000_000_123_456_789,
                    LinkType::Ethernet,
                    b"abcde".to_vec()
                ),
                (1_700_000_001_000_000_001, LinkType::Ethernet, Vec::new()),
            ]
        );
    }

    #[test]
    fn pcap_micro_is_read_in_nanoseconds() {
        let mut file = Vec::new();
        write_pcap_header(&mut file, LinkType::Raw).expect("header");
        write_pcap_record(&mut file, 5_000_123_000, b"xy").expect("record");
        let records = read_all(&file).expect("read");
        assert_eq!(
            records,
            vec![(5_000_123_000, LinkType::Raw, b"xy".to_vec())]
        );
    }

    #[test]
    fn big_endian_nanosecond_pcap_is_read() {
        let mut file = Vec::new();
        file.extend_from_slice(&PCAP_NANO.to_be_bytes());
        file.extend_from_slice(&[
            0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 1,
        ]);
        file.extend_from_slice(&[0, 0, 0, 7, 0, 0, 0, 9, 0, 0, 0, 1, 0, 0, 0, 1, 0xaa]);
        let records = read_all(&file).expect("read");
        assert_eq!(
            records,
            vec![(7_000_000_009, LinkType::Ethernet, vec![0xaa])]
        );
    }

    #[test]
    fn binary_and_microsecond_resolutions_scale() {
        assert_eq!(Resolution::Decimal(6).to_nanos(1_500_000), 1_500_000_000);
        assert_eq!(Resolution::Binary(10).to_nanos(1024), 1_000_000_000);
        assert_eq!(Resolution::Decimal(12).to_nanos(5_000), 5);
    }

    #[test]
    fn bad_files_fail_with_one_clear_error() {
        assert!(matches!(read_all(b""), Err(FileError::Empty)));
        assert!(matches!(
            read_all(b"GIF89a..."),
            Err(FileError::WrongMagic(_))
        ));
        let mut unknown = Vec::new();
        unknown.extend_from_slice(&PCAP_MICRO.to_le_bytes());
        unknown.extend_from_slice(&[2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
        unknown.extend_from_slice(&147u32.to_le_bytes());
        assert!(matches!(
            read_all(&unknown),
            Err(FileError::UnknownLinkType(147))
        ));
        let mut file = Vec::new();
        write_pcap_header(&mut file, LinkType::Ethernet).expect("header");
        write_pcap_record(&mut file, 0, &[1; 40]).expect("record");
        for cut in 25..file.len() {
            assert!(
                matches!(read_all(&file[..cut]), Err(FileError::Truncated(_))),
                "cut at {cut}"
            );
        }
        let mut huge = Vec::new();
        write_pcap_header(&mut huge, LinkType::Ethernet).expect("header");
        huge.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0]);
        assert!(matches!(read_all(&huge), Err(FileError::TooLong { .. })));
    }

    #[test]
    fn truncated_pcapng_is_an_error_at_every_cut() {
        let mut file = Vec::new();
        let mut writer = PcapngWriter::new(&mut file, LinkType::Ethernet, 65535).expect("header");
        writer.write_packet(1, b"abcdefg", 7).expect("packet");
        let full = file.len();
        for cut in 4..full {
            let result = read_all(&file[..cut]);
            // A cut exactly between blocks is a shorter, valid file.
            if cut == 28 || cut == 60 {
                assert!(result.is_ok(), "cut at {cut}");
            } else {
                assert!(result.is_err(), "cut at {cut} read as {result:?}");
            }
        }
    }
}
