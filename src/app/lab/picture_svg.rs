//! The lab drawn as an SVG picture, the way a network diagram is drawn: each network a bus line
//! with its prefixes, each host a box on it with its interface, addresses and masks, a router a
//! box that stands on two buses, each host's default gateway under it, and each mistake in red
//! where it is with the sentence that says what it breaks.

use ::svg::node::element::{Line, Rectangle, Text};

use super::picture::{about, gateway_line, is_marked, why};
use crate::net::lab::Topology;
use crate::net::lab::networks::{findings, networks};

const INK: &str = "#1f3a5f";
const WRONG: &str = "#c62828";
const BOX_WIDTH: f64 = 310.0;
const BOX_GAP: f64 = 30.0;
const LINE: f64 = 16.0;

fn text(x: f64, y: f64, content: &str) -> Text {
    Text::new(content).set("x", x).set("y", y)
}

/// The picture as SVG text.
pub fn svg(topology: &Topology) -> String {
    let networks = networks(topology);
    let found = findings(topology, &networks);
    let widest = networks.iter().map(|n| n.members.len()).max().unwrap_or(1) as f64;
    let width = 40.0 + widest * (BOX_WIDTH + BOX_GAP);
    let mut y = 30.0;
    let mut body: Vec<Box<dyn ::svg::Node>> = Vec::new();
    let mut notes = Vec::new();
    for network in &networks {
        let prefixes = network
            .prefixes
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("  ");
        body.push(
            text(20.0, y, &prefixes)
                .set("font-weight", "bold")
                .set("fill", INK)
                .into(),
        );
        let bus = y + 12.0;
        body.push(
            Line::new()
                .set("x1", 20.0)
                .set("y1", bus)
                .set("x2", width - 20.0)
                .set("y2", bus)
                .set("stroke", INK)
                .set("stroke-width", 3)
                .into(),
        );
        let top = bus + 24.0;
        let mut tallest: f64 = 0.0;
        for (i, member) in network.members.iter().enumerate() {
            let x = 20.0 + i as f64 * (BOX_WIDTH + BOX_GAP);
            let title = if member.router {
                format!("{}  ({})", member.host, crate::tr!("lab-picture-router"))
            } else {
                member.host.clone()
            };
            let mut lines: Vec<(String, bool)> = vec![(title, false)];
            lines.push((member.interface.clone(), false));
            for address in &member.addresses {
                let wrong = is_marked(&found, member, Some(address));
                lines.push((address.to_string(), wrong));
            }
            if !member.router {
                let (gateway, wrong) = gateway_line(member, &found);
                lines.push((gateway, wrong));
            }
            let marked_box = is_marked(&found, member, None);
            let height = 12.0 + lines.len() as f64 * LINE;
            tallest = tallest.max(height);
            body.push(
                Line::new()
                    .set("x1", x + BOX_WIDTH / 2.0)
                    .set("y1", bus)
                    .set("x2", x + BOX_WIDTH / 2.0)
                    .set("y2", top)
                    .set("stroke", INK)
                    .set("stroke-width", 2)
                    .into(),
            );
            body.push(
                Rectangle::new()
                    .set("class", "host")
                    .set("x", x)
                    .set("y", top)
                    .set("width", BOX_WIDTH)
                    .set("height", height)
                    .set("rx", 6)
                    .set("fill", "#f4f7fb")
                    .set("stroke", if marked_box { WRONG } else { INK })
                    .set("stroke-width", if marked_box { 2.5 } else { 1.2 })
                    .into(),
            );
            for (n, (words, wrong)) in lines.iter().enumerate() {
                let mut line = text(x + 10.0, top + 18.0 + n as f64 * LINE, words)
                    .set("fill", if *wrong { WRONG } else { INK });
                if n == 0 || *wrong {
                    line = line.set("font-weight", "bold");
                }
                body.push(line.into());
            }
        }
        y = top + tallest + 40.0;
        for finding in &found {
            if network.members.iter().any(|member| about(finding, member))
                && !notes.contains(finding)
            {
                notes.push(finding.clone());
            }
        }
    }
    // About 7 pixels a character: the sentence wraps to the picture's width.
    let columns = ((width - 40.0) / 7.2) as usize;
    for finding in &notes {
        let wrapped = crate::output::width::wrap(&format!("✗ {}", why(finding)), "", columns);
        for line in wrapped.lines() {
            body.push(text(20.0, y, line).set("fill", WRONG).into());
            y += LINE;
        }
        y += 4.0;
    }
    let height = y + 10.0;
    let mut document = crate::app::wire::svg::page(width, height);
    for node in body {
        document = document.add(node);
    }
    document.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::lab::Mistake;

    #[test]
    fn the_lab_renders_with_its_hosts_and_the_mistake_in_red() {
        let text = svg(&Topology::with_mistake(Mistake::Mask));
        let tree = resvg::usvg::Tree::from_str(&text, &resvg::usvg::Options::default())
            .expect("the SVG parses");
        let size = tree.size().to_int_size();
        let mut pixmap =
            resvg::tiny_skia::Pixmap::new(size.width(), size.height()).expect("a pixmap");
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::default(),
            &mut pixmap.as_mut(),
        );
        let red = pixmap
            .pixels()
            .iter()
            .filter(|p| p.red() > 150 && p.green() < 80)
            .count();
        assert!(
            red > 100,
            "the mistaken host's box is red: {red} red pixels"
        );
        assert_eq!(
            text.matches("class=\"host\"").count(),
            5,
            "h1, r1 twice, h2, dns"
        );
        for word in ["h1", "r1", "198.51.100.53/24", "192.0.2.10/4", "✗"] {
            assert!(text.contains(word), "{word}");
        }
        let plain = svg(&Topology::default_lab());
        assert!(!plain.contains("#c62828"), "no mistake, no red");
    }
}
