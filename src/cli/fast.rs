//! Parsing that builds only the subcommand being run. clap builds every command's arguments
//! before it reads the first word, and for a command that is one quick question (`dns NAME
//! @server`, run as a whole process per query) that is a measurable share of its time. Whatever
//! the narrow parser does not accept (help, version, mistakes, completions) goes to the full
//! parser, so what a user sees never depends on which parser ran.

use std::ffi::OsString;

use clap::{Args, FromArgMatches};

use super::*;

/// Parses a whole command line (program name first), building only the named subcommand when
/// it can.
pub fn parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    match narrow(&args) {
        Some(cli) => Ok(cli),
        None => Cli::try_parse_localized(args),
    }
}

fn narrow(args: &[OsString]) -> Option<Cli> {
    let name = subcommand_name(args)?;
    let subcommand = only(name)?;
    let command = GlobalArgs::augment_args(clap::Command::new("netlearn")).subcommand(subcommand);
    let matches = command.try_get_matches_from(args).ok()?;
    Cli::from_arg_matches(&matches).ok()
}

/// The first word after the program name and any global flags before it.
fn subcommand_name(args: &[OsString]) -> Option<&str> {
    let mut words = args.iter().skip(1).map(|word| word.to_str());
    while let Some(word) = words.next() {
        match word? {
            "--json" | "--wide" | "-v" => {}
            "--format" | "--lang" => {
                words.next()?;
            }
            flag if flag.starts_with("--format=") || flag.starts_with("--lang=") => {}
            name => return Some(name),
        }
    }
    None
}

/// The subcommand `name` alone, for the subcommands whose arguments are one `Args` type.
fn only(name: &str) -> Option<clap::Command> {
    fn with<A: Args>(name: &'static str) -> Option<clap::Command> {
        Some(A::augment_args(clap::Command::new(name)))
    }
    match name {
        "echo" => with::<EchoArgs>("echo"),
        "cidr" => with::<CidrArgs>("cidr"),
        "mask" => with::<MaskArgs>("mask"),
        "ip" => with::<IpArgs>("ip"),
        "dns" => with::<DnsArgs>("dns"),
        "ifaces" => with::<IfacesArgs>("ifaces"),
        "gateway" => with::<GatewayArgs>("gateway"),
        "port" => with::<PortArgs>("port"),
        "explain" => with::<ExplainArgs>("explain"),
        "tour" => with::<TourArgs>("tour"),
        "http" => with::<HttpArgs>("http"),
        "socket" => with::<SocketArgs>("socket"),
        "capture" => with::<CaptureArgs>("capture"),
        "ftp" => with::<FtpArgs>("ftp"),
        "lab" => with::<LabArgs>("lab"),
        "ping" => with::<PingArgs>("ping"),
        "trace" => with::<TraceArgs>("trace"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Subcommands that take no `Args` type of their own, and so always use the full parser.
    const FULL_ONLY: [&str; 3] = ["completions", "man", "help"];

    #[test]
    fn every_subcommand_has_a_narrow_parser() {
        for sub in Cli::command().get_subcommands() {
            let name = sub.get_name();
            assert!(
                only(name).is_some() || FULL_ONLY.contains(&name),
                "{name} has no narrow parser"
            );
        }
    }

    #[test]
    fn the_narrow_parser_agrees_with_the_full_one() {
        let lines = [
            "netlearn dns python.org MX @127.0.0.1:5353 --short",
            "netlearn dns -x 192.0.2.1 --json",
            "netlearn --json dns example.test",
            "netlearn --format json cidr 10.0.0.0/8",
            "netlearn ip 127.0.0.1",
            "netlearn echo demo --half-close",
            "netlearn echo serve --port 0 --framing length",
            "netlearn echo client 127.0.0.1:5008 --count 3",
            "netlearn cidr split 10.0.0.0/24 --prefix 26",
            "netlearn cidr 172.16.5.4 255.255.240.0",
            "netlearn ip compare --format json",
            "netlearn http get http://127.0.0.1:8080/ --max-time 5s",
            "netlearn explain tcp --no-demo",
            "netlearn capture --read x.pcap --port 80",
            "netlearn socket demo refused",
            "netlearn ftp demo --active",
            "netlearn echo serve --unix /tmp/e.sock --mode 600",
            "netlearn echo demo --nonblocking --delay 100ms",
            "netlearn tour",
        ];
        for line in lines {
            let words: Vec<&str> = line.split(' ').collect();
            let narrow = narrow(&words.iter().map(OsString::from).collect::<Vec<_>>())
                .unwrap_or_else(|| panic!("narrow parser refused {line}"));
            let full = Cli::try_parse_from(&words).expect("the full parser accepts it");
            assert_eq!(format!("{narrow:?}"), format!("{full:?}"), "{line}");
        }
    }

    #[test]
    fn help_version_and_mistakes_go_to_the_full_parser() {
        for line in [
            "netlearn dns --help",
            "netlearn dns --version",
            "netlearn cidr 10.0.0.0/33",
        ] {
            let words: Vec<OsString> = line.split(' ').map(OsString::from).collect();
            assert!(narrow(&words).is_none(), "{line}");
            assert!(parse_from(&words).is_err(), "{line}");
        }
    }
}
