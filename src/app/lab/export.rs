//! `lab export --containerlab FILE|-`: the lab (built-in, with a mistake, or a topology
//! file's) as a containerlab topology file, so a learner who outgrows one machine carries it to
//! the tool that runs labs of containers, on one machine or across several. The mapping is the
//! domain's (`net::lab::containerlab`); here the file gets its header, in the reader's
//! language, and is written whole.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use crate::cli::LabExportArgs;
use crate::error::Error;
use crate::net::lab::Topology;
use crate::net::lab::containerlab::{self, Export, ExportError};
use crate::output::escape::terminal_safe;
use crate::output::width::{terminal_width, wrap_hanging};
use crate::output::{Format, Render, emit};
use crate::tr;

/// Where the exported lab came from, for the file's header.
#[derive(Clone, Copy, Debug)]
pub enum Source<'a> {
    /// `netlearn lab`'s own lab.
    Builtin,
    /// The built-in lab with a mistake (its name as `--mistake` spells it).
    Mistake(&'a str),
    /// A topology file's lab.
    File(&'a Path),
}

/// The width the file's comments are folded to: the same bytes on every terminal.
const COMMENT_WIDTH: usize = 80;

/// A path or name as one shell word: as it is when it needs no quoting, else in single quotes.
fn shell_word(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._/-+=:@,".contains(&b));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// `text` as comment lines: folded, each line starting with `prefix`.
fn comment(text: &str, prefix: &str) -> String {
    let folded = wrap_hanging(&format!("{prefix}{text}"), prefix, COMMENT_WIDTH);
    folded
        .lines()
        .map(|line| format!("{}\n", line.trim_end()))
        .collect()
}

fn export_error(error: &ExportError) -> String {
    match error {
        ExportError::UnknownEndpoint { host, interface } => tr!(
            "export-cannot-export",
            host = terminal_safe(host).into_owned(),
            interface = terminal_safe(interface).into_owned()
        ),
    }
}

/// The header: where the lab came from, how to deploy it, what was renamed or left out.
fn header(export: &Export, source: Source, target: &str) -> String {
    let lab = &export.file.name;
    let mut text = comment(&tr!("export-header-title"), "# ");
    let source = match source {
        Source::Builtin => tr!("export-header-source-builtin"),
        Source::Mistake(name) => tr!("export-header-source-mistake", mistake = name),
        Source::File(path) => tr!(
            "export-header-source-file",
            file = terminal_safe(&path.display().to_string()).into_owned()
        ),
    };
    text.push_str(&comment(&source, "# "));
    let file = shell_word(&terminal_safe(target));
    text.push_str(&comment(&tr!("export-header-deploy"), "# "));
    text.push_str(&format!("#   containerlab deploy -t {file}\n"));
    text.push_str(&comment(&tr!("export-header-destroy"), "# "));
    text.push_str(&format!("#   containerlab destroy -t {file}\n"));
    if let Some((first, _)) = export.file.topology.nodes.0.first() {
        text.push_str(&comment(&tr!("export-header-shell"), "# "));
        text.push_str(&format!("#   docker exec -it clab-{lab}-{first} sh\n"));
    }
    text.push_str(&comment(
        &tr!("export-header-nodes", image = containerlab::IMAGE),
        "# ",
    ));
    text.push_str(&comment(&tr!("export-header-exec"), "# "));
    if !export.renamed.is_empty() {
        let separator = tr!("export-separator");
        text.push_str(&comment(&tr!("export-header-renamed"), "# "));
        let mut hosts: Vec<&str> = Vec::new();
        for renamed in &export.renamed {
            if !hosts.contains(&renamed.host.as_str()) {
                hosts.push(&renamed.host);
            }
        }
        for host in hosts {
            let pairs: Vec<String> = export
                .renamed
                .iter()
                .filter(|r| r.host == host)
                .map(|r| format!("{} → {}", r.lab, r.container))
                .collect();
            text.push_str(&comment(
                &format!("{host}: {}", pairs.join(&separator)),
                "#   ",
            ));
            for bridge in export
                .renamed
                .iter()
                .filter(|r| r.host == host && !r.ports.is_empty())
            {
                text.push_str(&comment(
                    &tr!(
                        "export-header-bridge",
                        container = bridge.container.clone(),
                        ports = bridge.ports.join(&separator)
                    ),
                    "#     ",
                ));
            }
        }
    }
    if !export.impaired.is_empty() {
        text.push_str(&comment(&tr!("export-header-impaired"), "# "));
        for impaired in &export.impaired {
            text.push_str(&format!("#   {}\n", impaired.netem_set));
        }
        let mut queues: Vec<u32> = export
            .impaired
            .iter()
            .filter_map(|i| i.impairment.queue_bytes)
            .collect();
        queues.sort_unstable();
        queues.dedup();
        for bytes in queues {
            text.push_str(&comment(
                &tr!(
                    "export-header-queue",
                    bytes = bytes,
                    packets = containerlab::queue_packets(bytes)
                ),
                "# ",
            ));
        }
    }
    for unstarted in &export.unstarted {
        text.push_str(&comment(
            &tr!("export-header-unstarted", host = unstarted.host.clone()),
            "# ",
        ));
        text.push_str(&format!("#   {}\n", unstarted.suggestion));
    }
    text
}

/// The whole file: the header in the reader's language, then containerlab's YAML. The same
/// lab, source, target and language give the same bytes.
pub fn containerlab_text(
    topology: &Topology,
    lab: &str,
    source: Source,
    target: &str,
) -> anyhow::Result<(String, Export)> {
    let export = containerlab::export(topology, lab)
        .map_err(|error| Error::Runtime(export_error(&error)))?;
    let yaml = yaml_serde::to_string(&export.file)?;
    let text = format!("{}\n{yaml}", header(&export, source, target));
    Ok((text, export))
}

/// What `lab export` wrote, for JSON and for the one line people read.
#[derive(Serialize)]
struct Report {
    #[serde(rename = "type")]
    kind: &'static str,
    file: String,
    lab: String,
    nodes: Vec<String>,
    links: usize,
    #[serde(skip)]
    deploy: String,
}

impl Render for Report {
    fn render(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let line = tr!(
            "export-wrote",
            file = terminal_safe(&self.file).into_owned(),
            nodes = self.nodes.len(),
            links = self.links,
            command = self.deploy.clone()
        );
        writeln!(out, "{}", wrap_hanging(&line, "  ", terminal_width()))
    }
}

/// `lab export --containerlab FILE|-`.
pub fn run(args: &LabExportArgs, format: Format, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    use clap::ValueEnum;
    let mistake_name = args
        .mistake
        .and_then(|m| m.to_possible_value())
        .map(|v| v.get_name().to_string());
    let (topology, source, lab) = match (&args.topology, args.mistake, &mistake_name) {
        (Some(path), _, _) => {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            (
                super::file_run::topology(path)?,
                Source::File(path),
                containerlab::lab_name(&format!("netlearn-{stem}")),
            )
        }
        (None, Some(mistake), Some(name)) => (
            Topology::with_mistake(super::mistake(mistake)),
            Source::Mistake(name),
            containerlab::lab_name(&format!("netlearn-{name}")),
        ),
        _ => (
            Topology::default_lab(),
            Source::Builtin,
            "netlearn".to_string(),
        ),
    };
    let path = &args.containerlab;
    if path.as_os_str() == "-" {
        let (text, _) = containerlab_text(&topology, &lab, source, &format!("{lab}.clab.yml"))?;
        out.write_all(text.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let target = path.display().to_string();
    let (text, export) = containerlab_text(&topology, &lab, source, &target)?;
    std::fs::write(path, text.as_bytes()).map_err(|error| {
        Error::Runtime(tr!(
            "export-cannot-write",
            file = terminal_safe(&target).into_owned(),
            cause = crate::app::text::system_error_in(crate::i18n::language(), &error)
        ))
    })?;
    let report = Report {
        kind: "containerlab_export",
        file: target.clone(),
        lab,
        nodes: export
            .file
            .topology
            .nodes
            .0
            .iter()
            .map(|(n, _)| n.clone())
            .collect(),
        links: export.file.topology.links.len(),
        deploy: format!("containerlab deploy -t {}", shell_word(&target)),
    };
    emit(&report, format, out)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_one_shell_word() {
        assert_eq!(shell_word("lab.clab.yml"), "lab.clab.yml");
        assert_eq!(shell_word("my lab.yml"), "'my lab.yml'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
    }

    #[test]
    fn comments_fold_at_80_columns_and_every_line_is_a_comment() {
        let long = "word ".repeat(40);
        let text = comment(&long, "# ");
        for line in text.lines() {
            assert!(line.starts_with("# ") && line.len() <= 80, "{line:?}");
        }
    }
}
