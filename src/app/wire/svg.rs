//! The ladder as a self-contained SVG picture, as textbooks draw it: a lifeline per end under
//! its name and address, each packet a slanted arrow from the sender's line down to the
//! receiver's (it takes time to arrive), its words above it, each end's TCP state beside its
//! line where it changes, and socket calls in the margins. Resets are red, data sent again
//! orange.

use ::svg::Document;
use ::svg::node::element::{Definitions, Line, Marker, Path, Rectangle, Text};
use netlearn_core::wire::track::Mark;

use super::ladder::{Drawing, Row, end_text, label_parts};

const COLUMN: f64 = 300.0;
const MARGIN: f64 = 170.0;
const TOP: f64 = 70.0;
const ROW: f64 = 34.0;
/// How far an arrow falls between its sender and its receiver.
const SLANT: f64 = 14.0;
const FONT: &str = "ui-monospace, Menlo, Consolas, monospace";

const INK: &str = "#1f3a5f";
const RESET: &str = "#c62828";
const AGAIN: &str = "#e65100";
const QUIET: &str = "#6b7280";

/// The picture as SVG text.
pub fn svg(drawing: &Drawing) -> String {
    let columns = drawing.columns.len().max(1);
    let x = |i: usize| MARGIN + COLUMN * i as f64;
    let width = 2.0 * MARGIN + COLUMN * (columns - 1) as f64;
    let height = TOP + ROW * (drawing.rows.len() as f64 + 1.5);
    let mut document = page(width, height).add(definitions());
    for (i, end) in drawing.columns.iter().enumerate() {
        let name = drawing.names.get(i).map_or("", String::as_str);
        document = document
            .add(text(x(i), 22.0, name, "middle").set("font-weight", "bold"))
            .add(text(x(i), 40.0, &end_text(end), "middle"))
            .add(
                Line::new()
                    .set("x1", x(i))
                    .set("y1", 48.0)
                    .set("x2", x(i))
                    .set("y2", height - 8.0)
                    .set("stroke", QUIET)
                    .set("stroke-dasharray", "4 3"),
            );
    }
    for (i, state) in drawing.first_states().iter().enumerate() {
        if let Some(state) = state {
            document = document.add(state_text(x(i), TOP - 8.0, i, state.name()));
        }
    }
    for (n, row) in drawing.rows.iter().enumerate() {
        let y = TOP + ROW * n as f64 + ROW / 2.0;
        match row {
            Row::Call { end, text: call } => {
                document = document.add(
                    state_text(x(*end), y, *end, call)
                        .set("font-style", "italic")
                        .set("fill", QUIET),
                );
            }
            Row::Rung(rung) => {
                let (Some(from), Some(to)) = (drawing.column(rung.from), drawing.column(rung.to))
                else {
                    continue;
                };
                let colour = if rung.is_reset() {
                    RESET
                } else if rung.mark == Some(Mark::Retransmission) {
                    AGAIN
                } else {
                    INK
                };
                let (x1, x2) = (x(from), x(to));
                // The head stops short of the line so it stays visible.
                let towards = if x2 >= x1 { -3.0 } else { 3.0 };
                document = document
                    .add(
                        Line::new()
                            .set("class", "arrow")
                            .set("x1", x1)
                            .set("y1", y)
                            .set("x2", x2 + towards)
                            .set("y2", y + SLANT)
                            .set("stroke", colour)
                            .set("stroke-width", 1.5)
                            .set("marker-end", format!("url(#head-{})", &colour[1..])),
                    )
                    .add(
                        text(
                            (x1 + x2) / 2.0,
                            y + SLANT / 2.0 - 5.0,
                            &label_parts(rung).join(" "),
                            "middle",
                        )
                        .set("fill", colour),
                    )
                    .add(
                        text(
                            4.0,
                            y + 4.0,
                            &format!("{:.6}", rung.time_ns as f64 / 1e9),
                            "start",
                        )
                        .set("font-size", 10)
                        .set("fill", QUIET),
                    );
                if let Some(state) = rung.from_state {
                    document = document.add(state_text(x1, y, from, state.name()));
                }
                if let Some(state) = rung.to_state {
                    document = document.add(state_text(x2, y + SLANT, to, state.name()));
                }
            }
        }
    }
    document.to_string()
}

/// A blank picture `width` × `height` pixels, white, in netlearn's monospace font: the page
/// every SVG of netlearn (ladders, the lab) is drawn on.
pub fn page(width: f64, height: f64) -> Document {
    Document::new()
        .set("xmlns", "http://www.w3.org/2000/svg")
        .set("viewBox", (0, 0, width, height))
        .set("width", width)
        .set("height", height)
        .set("font-family", FONT)
        .set("font-size", 12)
        .add(
            Rectangle::new()
                .set("width", "100%")
                .set("height", "100%")
                .set("fill", "white"),
        )
}

/// Arrow heads, one per colour.
fn definitions() -> Definitions {
    let mut definitions = Definitions::new();
    for colour in [INK, RESET, AGAIN] {
        definitions = definitions.add(
            Marker::new()
                .set("id", format!("head-{}", &colour[1..]))
                .set("viewBox", (0, 0, 10, 10))
                .set("refX", 9)
                .set("refY", 5)
                .set("markerWidth", 8)
                .set("markerHeight", 8)
                .set("orient", "auto")
                .add(
                    Path::new()
                        .set("d", "M0,0 L10,5 L0,10 z")
                        .set("fill", colour),
                ),
        );
    }
    definitions
}

fn text(x: f64, y: f64, content: &str, anchor: &str) -> Text {
    Text::new(content)
        .set("x", x)
        .set("y", y)
        .set("text-anchor", anchor)
}

/// A word beside column `end`'s line at height `y`: left of the first line, right of the
/// others.
fn state_text(x: f64, y: f64, end: usize, word: &str) -> Text {
    if end == 0 {
        text(x - 8.0, y + 4.0, word, "end")
    } else {
        text(x + 8.0, y + 4.0, word, "start")
    }
    .set("font-weight", "bold")
}

#[cfg(test)]
mod tests {
    use netlearn_core::wire::decode::TcpFlags;
    use netlearn_core::wire::ladder::fixtures::{CLIENT, SERVER, echo_exchange, segment};
    use netlearn_core::wire::ladder::{Ladder, Page};

    use super::*;

    fn picture(packets: &[netlearn_core::wire::Packet]) -> String {
        let mut ladder = Ladder::new();
        let mut page = Page::new();
        for packet in packets {
            page.push(ladder.rung(0, packet).expect("a rung"));
        }
        let rows: Vec<Row> = page.rungs().iter().cloned().map(Row::Rung).collect();
        svg(&Drawing {
            columns: page.ends().to_vec(),
            names: vec!["client".into(), "server <&>".into()],
            rows: &rows,
        })
    }

    /// Every `<line class="arrow">` of a parsed picture: resvg's parser keeps each as a path.
    fn arrows(tree: &resvg::usvg::Tree) -> usize {
        fn walk(group: &resvg::usvg::Group, count: &mut usize) {
            for node in group.children() {
                match node {
                    resvg::usvg::Node::Group(group) => walk(group, count),
                    resvg::usvg::Node::Path(path)
                        if path.stroke().is_some_and(|s| s.width().get() > 1.2) =>
                    {
                        *count += 1
                    }
                    _ => {}
                }
            }
        }
        let mut count = 0;
        walk(tree.root(), &mut count);
        count
    }

    #[test]
    fn an_echo_renders_with_an_arrow_per_packet() {
        let text = picture(&echo_exchange());
        let tree = resvg::usvg::Tree::from_str(&text, &resvg::usvg::Options::default())
            .expect("the SVG parses");
        assert_eq!(arrows(&tree), 10, "{text}");
        let size = tree.size().to_int_size();
        let mut pixmap =
            resvg::tiny_skia::Pixmap::new(size.width(), size.height()).expect("a pixmap");
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::default(),
            &mut pixmap.as_mut(),
        );
        let inked = pixmap
            .pixels()
            .iter()
            .filter(|p| p.red() < 128 && p.blue() > p.red())
            .count();
        assert!(
            inked > 500,
            "the arrows are drawn: {inked} dark blue pixels"
        );
        assert!(text.contains("server &lt;&amp;&gt;"), "names are escaped");
        assert!(text.contains("TIME-WAIT") && text.contains("SYN-SENT"));
    }

    #[test]
    fn a_reset_is_red() {
        let mut packets = echo_exchange()[..3].to_vec();
        packets.push(segment(SERVER, CLIENT, TcpFlags::RST, 5001, 0, b""));
        let text = picture(&packets);
        assert!(text.contains("url(#head-c62828)"), "{text}");
    }
}
