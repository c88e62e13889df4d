//! The ladder as a Mermaid `sequenceDiagram`: a participant per end, a message per packet
//! (`-x` for a reset, dashed for data sent again), each end's TCP state as a note over it and
//! socket calls as notes beside it. GitHub, GitLab and many editors draw it.

use std::fmt::Write as _;

use netlearn_core::wire::track::Mark;

use super::ladder::{Drawing, Row, end_text, label_parts};

/// The diagram as Mermaid text.
pub fn mermaid(drawing: &Drawing) -> String {
    let mut out = String::from("sequenceDiagram\n");
    let last = drawing.columns.len().saturating_sub(1);
    for (i, end) in drawing.columns.iter().enumerate() {
        let name = drawing.names.get(i).map_or("", String::as_str);
        let title = if name.is_empty() {
            escape(&end_text(end))
        } else {
            format!("{}<br/>{}", escape(name), escape(&end_text(end)))
        };
        let _ = writeln!(out, "    participant P{i} as {title}");
    }
    for (i, state) in drawing.first_states().iter().enumerate() {
        if let Some(state) = state {
            let _ = writeln!(out, "    Note over P{i}: {}", state.name());
        }
    }
    for row in drawing.rows {
        match row {
            Row::Rung(rung) => {
                let (Some(from), Some(to)) = (drawing.column(rung.from), drawing.column(rung.to))
                else {
                    continue;
                };
                let arrow = if rung.is_reset() {
                    "-x"
                } else if rung.mark == Some(Mark::Retransmission) {
                    "-->>"
                } else {
                    "->>"
                };
                let label = escape(&label_parts(rung).join(" "));
                let _ = writeln!(out, "    P{from}{arrow}P{to}: {label}");
                for (end, state) in [(from, rung.from_state), (to, rung.to_state)] {
                    if let Some(state) = state {
                        let _ = writeln!(out, "    Note over P{end}: {}", state.name());
                    }
                }
            }
            Row::Call { end, text } => {
                let side = if *end == last && last > 0 {
                    "right of"
                } else {
                    "left of"
                };
                let _ = writeln!(out, "    Note {side} P{end}: {}", escape(text));
            }
        }
    }
    out
}

/// Text Mermaid shows as it is: anything that could end a statement, open markup or start a
/// comment is written as its entity code (`#59;` for `;`).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() || " .,:=-_/()[]'…⇄\\".contains(c) {
            out.push(c);
        } else {
            let _ = write!(out, "#{};", u32::from(c));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use netlearn_core::wire::ladder::fixtures::echo_exchange;
    use netlearn_core::wire::ladder::{Ladder, Page};

    use super::*;

    #[test]
    fn an_echo_is_a_sequence_diagram_with_states_and_escaped_payloads() {
        let mut ladder = Ladder::new();
        let mut page = Page::new();
        for packet in echo_exchange() {
            page.push(ladder.rung(0, &packet).expect("a rung"));
        }
        let rows: Vec<Row> = page.rungs().iter().cloned().map(Row::Rung).collect();
        let drawing = Drawing {
            columns: page.ends().to_vec(),
            names: vec!["client".into(), "server".into()],
            rows: &rows,
        };
        let text = mermaid(&drawing);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "sequenceDiagram");
        assert_eq!(lines[1], "    participant P0 as client<br/>127.0.0.1:40000");
        assert_eq!(text.matches("->>").count(), 10, "{text}");
        assert!(
            text.contains("P0->>P1: SYN seq=0\n    Note over P0: SYN-SENT"),
            "{text}"
        );
        assert!(
            text.contains("#34;hi\\n#34;"),
            "payload quotes are entities: {text}"
        );
        assert!(text.contains("Note over P0: TIME-WAIT"), "{text}");
    }
}
