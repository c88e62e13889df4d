//! `capture --read FILE --ladder|--mermaid|--svg`: a capture file drawn as a ladder. The
//! terminal gets it page by page as pages fill (memory stays bounded on any file); the Mermaid
//! and SVG files get one picture of the first [`PICTURE_RUNGS`] packets.

use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

use super::ladder::{Drawing, Row, draw_page, role_names, write_lines};
use super::{Config, next_kept};
use crate::cli::CaptureArgs;
use crate::error::Error;
use crate::net::wire::file::Reader;
use crate::net::wire::ladder::{Ladder, Page, Rung};
use crate::output::escape::terminal_safe;
use crate::output::{Format, screen, width};

/// The most packets a Mermaid or SVG picture holds: past it a picture is unreadable, and
/// memory stays bounded.
pub const PICTURE_RUNGS: usize = 10_000;

/// Which ladders to make.
#[derive(Clone, Debug, Default)]
pub struct Picture {
    /// On standard output, for a person.
    pub terminal: bool,
    pub mermaid: Option<PathBuf>,
    pub svg: Option<PathBuf>,
}

impl Picture {
    pub fn from_args(args: &CaptureArgs) -> Option<Picture> {
        (args.ladder || args.mermaid.is_some() || args.svg.is_some()).then(|| Picture {
            terminal: args.ladder,
            mermaid: args.mermaid.clone(),
            svg: args.svg.clone(),
        })
    }

    fn files(&self) -> impl Iterator<Item = &PathBuf> {
        self.mermaid.iter().chain(self.svg.iter())
    }
}

fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Reads every record of `reader` and draws the ladders `picture` asks for.
pub fn run(
    mut reader: Reader<Box<dyn BufRead>>,
    path: &Path,
    config: &Config,
    picture: &Picture,
    format: Format,
    out: &mut (dyn Write + Send),
) -> anyhow::Result<ExitCode> {
    let to_stdout = picture.files().filter(|p| is_stdout(p)).count();
    if format == Format::Json || to_stdout > 1 || (to_stdout == 1 && picture.terminal) {
        return Err(Error::Usage(crate::tr!("ladder-one-output")).into());
    }
    let mut out = BufWriter::with_capacity(1 << 16, out);
    let width = width::terminal_width();
    let colour = screen::screen().colour;
    let mut ladder = Ladder::new();
    let mut page = Page::new();
    let mut kept: Vec<Rung> = Vec::new();
    let keep = picture.files().next().is_some();
    let (mut read, mut shown) = (0u64, 0u64);
    loop {
        let (time_ns, packet) = match next_kept(&mut reader, path, &config.filter, &mut read) {
            Ok(Some(kept)) => kept,
            Ok(None) => break,
            Err(error) => {
                out.flush()?;
                return Err(error);
            }
        };
        let Some(rung) = ladder.rung(time_ns, &packet) else {
            continue;
        };
        shown += 1;
        if keep && kept.len() < PICTURE_RUNGS {
            kept.push(rung.clone());
        }
        if picture.terminal && page.push(rung) {
            write_page(&page, width, colour, &mut out)?;
            page.clear();
        }
        if config.count.is_some_and(|count| shown >= count) {
            break;
        }
    }
    if picture.terminal && !page.is_empty() {
        write_page(&page, width, colour, &mut out)?;
    }
    if keep {
        write_pictures(picture, &kept, &mut out)?;
        if shown as usize > kept.len() {
            crate::output::write_prose_line(
                &mut std::io::stderr(),
                &crate::tr!(
                    "ladder-picture-cut",
                    kept = crate::app::text::counted("count-packets", kept.len() as u64)
                ),
            )?;
        }
    }
    out.flush()
        .with_context(|| crate::tr!("wire-cannot-write"))?;
    Ok(ExitCode::SUCCESS)
}

fn write_page(page: &Page, width: usize, colour: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    write_lines(draw_page(page, width), colour, out)
        .with_context(|| crate::tr!("wire-cannot-write"))
}

/// The Mermaid and SVG pictures of `rungs`, each to its file or to standard output.
fn write_pictures(picture: &Picture, rungs: &[Rung], out: &mut dyn Write) -> anyhow::Result<()> {
    let mut columns = Vec::new();
    for rung in rungs {
        for end in [rung.from, rung.to] {
            if !columns.contains(&end) {
                columns.push(end);
            }
        }
    }
    let rows: Vec<Row> = rungs.iter().cloned().map(Row::Rung).collect();
    let names = role_names(&columns, &rows);
    let drawing = Drawing {
        columns,
        names,
        rows: &rows,
    };
    let outputs = [
        (
            picture.mermaid.as_ref(),
            super::mermaid::mermaid as fn(&Drawing) -> String,
        ),
        (picture.svg.as_ref(), super::svg::svg),
    ];
    for (path, make) in outputs {
        let Some(path) = path else { continue };
        let text = make(&drawing);
        if is_stdout(path) {
            out.write_all(text.as_bytes())
                .with_context(|| crate::tr!("wire-cannot-write"))?;
        } else {
            std::fs::write(path, text).map_err(|error| {
                Error::Runtime(crate::tr!(
                    "ladder-cannot-write-file",
                    path = terminal_safe(&path.display().to_string()).into_owned(),
                    cause = crate::app::text::system_error_in(crate::i18n::language(), &error)
                ))
            })?;
        }
    }
    Ok(())
}
