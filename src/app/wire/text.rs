//! A packet's text written straight into one reusable buffer: its whole line and its wrapped
//! explanation, byte for byte what [`PacketView::render_with`] writes with [`Layout::Whole`],
//! without a view of Strings built and dropped for each packet (`capture --read` writes a
//! million of them). TCP and plain UDP, nearly every packet of a capture, are written here;
//! every other packet, and the link layer under `--link`, through its [`PacketView`].

use crate::net::wire::decode::{Body, Packet, TcpFlags};
use crate::net::wire::track::Tracked;

use super::view::{
    self, Layout, PacketView, Scratch, push_endpoint, push_explanation, push_preview,
    push_tcp_head, push_time,
};

/// The buffers one packet's text is assembled in, kept from packet to packet.
#[derive(Debug, Default)]
pub struct TextWriter {
    explain: String,
    scratch: Scratch,
}

/// ` key=n` pushed onto `out`.
fn push_detail(out: &mut String, key: &str, n: u64) {
    out.push(' ');
    out.push_str(key);
    out.push_str(itoa::Buffer::new().format(n));
}

impl TextWriter {
    pub fn new() -> TextWriter {
        TextWriter::default()
    }

    /// Pushes the text of `packet` (seen `time` seconds after the first, `tracked` by the TCP
    /// tracker) onto `out`: its whole line, then its explanation wrapped to `width`.
    pub fn push(
        &mut self,
        out: &mut String,
        time: f64,
        packet: &Packet,
        tracked: Option<&Tracked>,
        with_link: bool,
        width: usize,
    ) {
        let explain = &mut self.explain;
        explain.clear();
        match &packet.body {
            Body::Tcp {
                ip,
                tcp,
                payload_len,
                preview,
            } if !with_link => {
                let len = *payload_len;
                push_time(out, time);
                out.push(' ');
                push_endpoint(out, ip.src, Some(tcp.src_port));
                out.push_str(" → ");
                push_endpoint(out, ip.dst, Some(tcp.dst_port));
                out.push(' ');
                push_tcp_head(out, tcp.flags);
                let raw_ack = tcp.flags.has(TcpFlags::ACK).then_some(tcp.ack);
                push_detail(
                    out,
                    "seq=",
                    u64::from(tracked.map_or(tcp.seq, |tracked| tracked.seq)),
                );
                if let Some(ack) = tracked.and_then(|tracked| tracked.ack).or(raw_ack) {
                    push_detail(out, "ack=", u64::from(ack));
                }
                push_detail(out, "win=", u64::from(tcp.window));
                push_detail(out, "len=", len as u64);
                push_detail(out, "ttl=", u64::from(ip.ttl));
                if let Some(mss) = tcp.options.mss {
                    push_detail(out, "mss=", u64::from(mss));
                }
                if let Some(mark) = tracked.and_then(|tracked| tracked.mark) {
                    out.push_str(" (");
                    out.push_str(view::mark_name(mark));
                    out.push(')');
                }
                if len > 0 {
                    push_preview(out, preview, len);
                }
                out.push('\n');
                if let Some(tracked) = tracked {
                    view::push_tcp_explain(
                        explain,
                        &mut self.scratch,
                        tracked,
                        tcp.flags,
                        &tcp.options,
                        len,
                        (tcp.src_port, tcp.dst_port),
                    );
                }
                push_explanation(out, explain, false, width);
            }
            Body::Udp {
                ip,
                udp,
                payload_len,
                preview,
                dns: None,
            } if !with_link => {
                let len = *payload_len;
                push_time(out, time);
                out.push(' ');
                push_endpoint(out, ip.src, Some(udp.src_port));
                out.push_str(" → ");
                push_endpoint(out, ip.dst, Some(udp.dst_port));
                out.push_str(" UDP");
                push_detail(out, "len=", len as u64);
                push_detail(out, "ttl=", u64::from(ip.ttl));
                if len > 0 {
                    push_preview(out, preview, len);
                }
                out.push('\n');
                view::push_udp_explain(explain, &mut self.scratch, len);
                push_explanation(out, explain, false, width);
            }
            _ => {
                let view = PacketView::new(time, packet, tracked, with_link);
                out.push_str(&view.line(Layout::Whole));
                out.push('\n');
                push_explanation(out, &view.explain, view.dns.is_some(), width);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use etherparse::PacketBuilder;

    use super::*;
    use crate::app::wire::Explainer;
    use crate::net::wire::{LinkType, decode};

    const MAC_A: [u8; 6] = [2, 0, 0, 0, 1, 16];
    const MAC_B: [u8; 6] = [2, 0, 0, 0, 1, 1];
    const SYN: u8 = 1;
    const ACK: u8 = 2;
    const FIN: u8 = 4;
    const RST: u8 = 8;
    const PSH: u8 = 16;

    /// A TCP segment between 192.0.2.10:40888 (or [2001:db8::a]) and port 5008, `to_server`
    /// or back, with `flags` of the constants above.
    fn tcp(v6: bool, to_server: bool, seq: u32, ack: u32, flags: u8, payload: &[u8]) -> Vec<u8> {
        let ports = if to_server {
            (40888, 5008)
        } else {
            (5008, 40888)
        };
        let base = PacketBuilder::ethernet2(MAC_A, MAC_B);
        let ip = if v6 {
            let (a, b) = (
                [0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xa],
                [0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xb],
            );
            let (src, dst) = if to_server { (a, b) } else { (b, a) };
            base.ipv6(src, dst, 64)
        } else {
            let (a, b) = ([192, 0, 2, 10], [198, 51, 100, 20]);
            let (src, dst) = if to_server { (a, b) } else { (b, a) };
            base.ipv4(src, dst, 63)
        };
        let mut builder = ip.tcp(ports.0, ports.1, seq, 64240);
        if flags & SYN != 0 {
            builder = builder.syn();
        }
        if flags & ACK != 0 {
            builder = builder.ack(ack);
        }
        if flags & FIN != 0 {
            builder = builder.fin();
        }
        if flags & RST != 0 {
            builder = builder.rst();
        }
        if flags & PSH != 0 {
            builder = builder.psh();
        }
        if flags & SYN != 0 {
            builder = builder
                .options(&[
                    etherparse::TcpOptionElement::MaximumSegmentSize(1460),
                    etherparse::TcpOptionElement::SelectiveAcknowledgementPermitted,
                    etherparse::TcpOptionElement::WindowScale(7),
                ])
                .expect("options");
        }
        let mut data = Vec::new();
        builder.write(&mut data, payload).expect("write");
        data
    }

    fn udp(payload: &[u8], dst_port: u16) -> Vec<u8> {
        let mut data = Vec::new();
        PacketBuilder::ethernet2(MAC_A, MAC_B)
            .ipv4([192, 0, 2, 10], [198, 51, 100, 53], 64)
            .udp(49682, dst_port)
            .write(&mut data, payload)
            .expect("write");
        data
    }

    /// Frames of every kind the text path writes itself, and some it leaves to the view.
    fn frames() -> Vec<Vec<u8>> {
        let mut frames = Vec::new();
        for v6 in [false, true] {
            let long = b"a payload longer than the thirty-two bytes a preview keeps";
            frames.extend([
                tcp(v6, true, 1000, 0, SYN, b""),
                tcp(v6, false, 9000, 1001, SYN | ACK, b""),
                tcp(v6, true, 1001, 9001, ACK, b""),
                tcp(
                    v6,
                    true,
                    1001,
                    9001,
                    PSH | ACK,
                    b"GET / HTTP/1.1\r\n\t\x1b[31m\x7f",
                ),
                tcp(
                    v6,
                    true,
                    1001,
                    9001,
                    PSH | ACK,
                    b"GET / HTTP/1.1\r\n\t\x1b[31m\x7f",
                ),
                tcp(
                    v6,
                    true,
                    1100,
                    9001,
                    PSH | ACK,
                    "ようこそ\u{202e} \u{a0}→".as_bytes(),
                ),
                tcp(v6, false, 9001, 1027, ACK, b""),
                tcp(v6, false, 9001, 1027, ACK, b""),
                tcp(
                    v6,
                    false,
                    9001,
                    1027,
                    PSH | ACK,
                    &[b'o', b'k', 0xff, 0xe3, 0x81],
                ),
                tcp(v6, false, 9006, 1027, PSH | ACK, long),
                tcp(v6, true, 1027, 9064, FIN | ACK, b""),
                tcp(v6, false, 9064, 1028, FIN | ACK, b""),
                tcp(v6, true, 1028, 9065, ACK, b""),
                tcp(v6, true, 1028, 9065, ACK, b""),
                tcp(v6, true, 5000, 0, SYN, b""),
                tcp(v6, false, 0, 5001, RST | ACK, b""),
                tcp(v6, false, 77, 0, RST, b"bye"),
            ]);
        }
        frames.extend([
            udp(b"datagram 0", 5009),
            udp(b"", 5009),
            udp(&[0; 40], 5009),
            // A DNS query, an ICMP echo, ARP and a cut frame go through the view.
            udp(b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x02h2\x03lab\x00\x00\x01\x00\x01", 53),
            vec![0x45, 0, 0],
        ]);
        let mut icmp = Vec::new();
        PacketBuilder::ethernet2(MAC_A, MAC_B)
            .ipv4([192, 0, 2, 10], [198, 51, 100, 20], 1)
            .icmpv4_echo_request(8072, 1)
            .write(&mut icmp, b"ping")
            .expect("write");
        frames.push(icmp);
        frames
    }

    #[test]
    fn the_text_is_byte_for_byte_the_views_whole_text() {
        for link in [false, true] {
            for width in [40, 80, 200] {
                let mut views = Explainer::with_origin(link, 0);
                let mut texts = Explainer::with_origin(link, 0);
                let mut writer = TextWriter::new();
                let mut text = String::new();
                for (i, frame) in frames().iter().enumerate() {
                    let packet = decode(LinkType::Ethernet, frame);
                    let time = 1_700_000_000_123_456_789 + i as u64 * 1_234_567;
                    let mut expected = Vec::new();
                    views
                        .view(time, &packet)
                        .render(&mut expected, width)
                        .expect("render");
                    text.clear();
                    texts.push_text(time, &packet, width, &mut writer, &mut text);
                    assert_eq!(
                        text,
                        String::from_utf8(expected).expect("utf-8"),
                        "frame {i}, width {width}, link {link}"
                    );
                }
            }
        }
    }
}
