//! Tables fitted to a terminal's width without ever splitting a token (an address, a CIDR, a
//! MAC, a word): columns shrink by wrapping at spaces, and a table that still cannot fit is
//! shown as one `field: value` record per row, like `psql`'s expanded display.

use comfy_table::{Cell, ColumnConstraint, ContentArrangement, Row, Table, Width};

use super::width::{display_width, wrap};

/// The lines of `table` for a terminal `width` columns wide.
pub fn fit(table: &Table, width: usize) -> Vec<String> {
    if let Some(lines) = fitted_grid(table, width) {
        return lines;
    }
    records(table, width)
}

fn cells_text(row: &Row) -> Vec<String> {
    row.cell_iter().map(Cell::content).collect()
}

fn longest_token(text: &str) -> usize {
    text.split_whitespace()
        .map(display_width)
        .max()
        .unwrap_or(0)
}

fn all_rows(table: &Table) -> impl Iterator<Item = Vec<String>> + '_ {
    table
        .header()
        .into_iter()
        .chain(table.row_iter())
        .map(cells_text)
}

/// The table as a grid no wider than `width` in which every token stays whole, if there is one.
fn fitted_grid(table: &Table, width: usize) -> Option<Vec<String>> {
    let columns = all_rows(table).map(|row| row.len()).max().unwrap_or(0);
    let mut narrowest = vec![0usize; columns];
    for row in all_rows(table) {
        for (column, text) in row.iter().enumerate() {
            narrowest[column] = narrowest[column].max(longest_token(text));
        }
    }
    // Each column has one space of padding on both sides and one border to its left, plus the
    // table's right border.
    let needed: usize = narrowest.iter().map(|w| w + 3).sum::<usize>() + 1;
    if needed > width {
        return None;
    }
    let mut grid = table.clone();
    grid.set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(width).unwrap_or(u16::MAX));
    // comfy-table's lower boundary counts the padding too.
    grid.set_constraints(narrowest.iter().map(|&w| {
        ColumnConstraint::LowerBoundary(Width::Fixed(u16::try_from(w + 2).unwrap_or(u16::MAX)))
    }));
    let lines: Vec<String> = grid.lines().collect();
    let fits = lines
        .iter()
        .all(|line| display_width(line.trim_end()) <= width);
    (fits && tokens_whole(table, &lines)).then_some(lines)
}

/// True when every token of every cell appears unbroken somewhere in `lines`.
fn tokens_whole(table: &Table, lines: &[String]) -> bool {
    all_rows(table).all(|row| {
        row.iter().all(|text| {
            text.split_whitespace()
                .all(|token| lines.iter().any(|line| line.contains(token)))
        })
    })
}

/// One block per row: `field: value`, the values wrapped at spaces; rows apart by a blank line.
/// An empty cell is no field (nothing to read), and a row whose first cell is empty goes on
/// the record above it, as the grid shows it (`ifaces`: an interface's second address).
/// A column without a heading names its row: its value is the record's first line, unlabelled.
/// A table without a header is a key/value table: its first column names each line.
fn records(table: &Table, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    match table.header().map(cells_text) {
        Some(header) => {
            let label_width = header.iter().map(|h| display_width(h)).max().unwrap_or(0);
            for (index, row) in table.row_iter().map(cells_text).enumerate() {
                let continues = row.first().is_none_or(String::is_empty);
                if index > 0 && !continues {
                    lines.push(String::new());
                }
                for (label, value) in header.iter().zip(&row) {
                    if value.is_empty() {
                        continue;
                    }
                    if label.is_empty() {
                        // A column without a heading names its row (`ip compare`'s topic):
                        // the record's title line.
                        lines.push(wrap(value, "", width));
                        continue;
                    }
                    let pad = " ".repeat(label_width - display_width(label));
                    push_field(&mut lines, &format!("{label}:{pad} "), value, width);
                }
            }
        }
        None => {
            for row in table.row_iter().map(cells_text) {
                let (key, rest) = row.split_first().map_or(("", &[][..]), |(k, r)| (k, r));
                let value = rest.join("  ");
                if value.is_empty() {
                    lines.push(wrap(key, "", width));
                } else {
                    lines.push(wrap(&format!("{key}:"), "", width));
                    push_field(&mut lines, "  ", &value, width);
                }
            }
        }
    }
    lines
}

/// `value` after `label` on the first line, continuation lines indented under the value;
/// when even that does not fit, the value goes on its own lines under the label.
fn push_field(lines: &mut Vec<String>, label: &str, value: &str, width: usize) {
    let indent = " ".repeat(display_width(label));
    let value_width = width.saturating_sub(indent.len());
    let fits_beside = value.lines().all(|part| longest_token(part) <= value_width);
    let mut first = true;
    for part in value.lines() {
        let wrapped = if fits_beside {
            wrap(part, &indent, width)
        } else {
            wrap(part, "  ", width)
        };
        for line in wrapped.lines() {
            if first && fits_beside {
                lines.push(format!("{label}{}", &line[indent.len()..]));
            } else if first {
                lines.push(label.trim_end().to_string());
                lines.push(line.to_string());
            } else {
                lines.push(line.to_string());
            }
            first = false;
        }
    }
    if first {
        lines.push(label.trim_end().to_string());
    }
}

#[cfg(test)]
mod tests {
    use comfy_table::presets;

    use super::*;

    fn sample() -> Table {
        let mut table = Table::new();
        table.load_style(presets::UTF8_FULL_CONDENSED);
        table.set_header(vec!["interface", "address", "scope", "mac"]);
        table.add_row(vec![
            "lo (loopback)",
            "127.0.0.1/8 ::1/128",
            "loopback: never leaves this machine",
            "00:00:00:00:00:00",
        ]);
        table.add_row(vec![
            "eth0",
            "192.0.2.10/24 fd00::2/64",
            "documentation (TEST-NET-1)",
            "02:42:ac:11:00:02",
        ]);
        table
    }

    fn assert_fits(lines: &[String], width: usize) {
        for line in lines {
            assert!(display_width(line.trim_end()) <= width, "{width}: {line:?}");
        }
        for token in [
            "(loopback)",
            "fd00::2/64",
            "192.0.2.10/24",
            "02:42:ac:11:00:02",
            "documentation",
        ] {
            assert!(
                lines.iter().any(|l| l.contains(token)),
                "{width}: {token} split"
            );
        }
    }

    #[test]
    fn wide_terminals_get_the_grid() {
        let lines = fit(&sample(), 120);
        assert_fits(&lines, 120);
        assert!(lines[0].starts_with('┌'));
        insta::assert_snapshot!("table_at_120", lines.join("\n"));
    }

    #[test]
    fn eighty_columns_wrap_at_spaces_only() {
        let lines = fit(&sample(), 80);
        assert_fits(&lines, 80);
        insta::assert_snapshot!("table_at_80", lines.join("\n"));
    }

    #[test]
    fn narrow_terminals_get_one_record_per_row() {
        let lines = fit(&sample(), 40);
        assert_fits(&lines, 40);
        assert!(lines.iter().any(|l| l.starts_with("address:")));
        insta::assert_snapshot!("table_at_40", lines.join("\n"));
    }

    #[test]
    fn a_record_has_no_empty_field_and_a_row_without_its_first_cell_goes_on_the_one_above() {
        let mut table = Table::new();
        table.load_style(presets::UTF8_FULL_CONDENSED);
        table.set_header(vec!["#", "interface", "mac", "address", "scope"]);
        table.add_row(vec!["1", "lo", "00:00:00:00:00:00", "127.0.0.1/8", "host"]);
        table.add_row(vec!["", "", "", "::1/128", "host"]);
        table.add_row(vec!["2", "eth0", "02:42:ac:11:00:02", "(no address)", ""]);
        let lines = fit(&table, 30);
        assert_eq!(
            lines,
            [
                "#:         1",
                "interface: lo",
                "mac:       00:00:00:00:00:00",
                "address:   127.0.0.1/8",
                "scope:     host",
                "address:   ::1/128",
                "scope:     host",
                "",
                "#:         2",
                "interface: eth0",
                "mac:       02:42:ac:11:00:02",
                "address:   (no address)",
            ]
        );
    }

    #[test]
    fn a_column_without_a_heading_is_the_title_of_its_record() {
        let mut table = Table::new();
        table.load_style(presets::UTF8_FULL_CONDENSED);
        table.set_header(vec!["", "IPv4", "IPv6"]);
        table.add_row(vec!["address size", "32 bits", "128 bits"]);
        table.add_row(vec!["loopback", "127.0.0.0/8", "::1/128 only"]);
        assert_eq!(
            fit(&table, 20),
            [
                "address size",
                "IPv4: 32 bits",
                "IPv6: 128 bits",
                "",
                "loopback",
                "IPv4: 127.0.0.0/8",
                "IPv6: ::1/128 only",
            ]
        );
    }

    #[test]
    fn key_value_tables_fall_back_to_labelled_lines() {
        let mut table = Table::new();
        table.load_style(presets::UTF8_FULL_CONDENSED);
        table.add_row(vec!["network", "198.51.100.0/24"]);
        table.add_row(vec![
            "note",
            "a documentation range: never routed on the Internet",
        ]);
        let lines = fit(&table, 20);
        assert_fits_tokens(&lines, 20, &["198.51.100.0/24", "documentation"]);
        assert_eq!(lines[0], "network:");
    }

    fn assert_fits_tokens(lines: &[String], width: usize, tokens: &[&str]) {
        for line in lines {
            assert!(display_width(line) <= width, "{line:?}");
        }
        for token in tokens {
            assert!(lines.iter().any(|l| l.contains(token)), "{token} split");
        }
    }
}
