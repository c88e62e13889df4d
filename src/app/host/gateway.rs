//! `netlearn gateway`: the default route(s) and, with --routes, the routing table.

use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;

use crate::app::text::{headings, system_error_in, t};
use crate::cli::GatewayArgs;
use crate::i18n::{self, Lang};
use crate::net::address::Family;
use crate::net::iface;
use crate::net::route::{
    self, BadRouteLine, DefaultRoute, Route, RouteField, RouteKind, RouteTableProblem,
};
use crate::output::sink::Sink;
use crate::output::{self, Render};

#[derive(Serialize)]
pub struct GatewayReport {
    /// The language the report is written in.
    #[serde(skip)]
    pub lang: Lang,
    pub explanation: String,
    pub defaults: Vec<DefaultRoute>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub routes: Option<Vec<Route>>,
    pub notes: Vec<String>,
}

fn family_name(family: Family) -> &'static str {
    match family {
        Family::V4 => "IPv4",
        Family::V6 => "IPv6",
    }
}

fn kind_name(lang: Lang, kind: RouteKind) -> String {
    t!(
        lang,
        match kind {
            RouteKind::OnLink => "host-kind-on-link",
            RouteKind::ViaGateway => "host-kind-via-gateway",
            RouteKind::Local => "host-kind-local",
            RouteKind::Multicast => "host-kind-multicast",
            RouteKind::Unreachable => "host-kind-unreachable",
        }
    )
}

/// A routing table file that could not be used, said as a note.
fn table_problem(lang: Lang, problem: &RouteTableProblem) -> String {
    match problem {
        RouteTableProblem::Unreadable { path, error } => t!(
            lang,
            "host-route-unreadable",
            path = *path,
            error = system_error_in(lang, error)
        ),
        RouteTableProblem::Parse(error) => {
            let reason = match &error.reason {
                BadRouteLine::FieldCount { found, expected } => t!(
                    lang,
                    "host-route-bad-field-count",
                    found = found.to_string(),
                    expected = expected.to_string()
                ),
                BadRouteLine::NotHex {
                    field,
                    text,
                    digits,
                } => t!(
                    lang,
                    "host-route-bad-hex",
                    field = field_name(*field),
                    text = format!("{text:?}"),
                    digits = digits.to_string()
                ),
                BadRouteLine::Metric(text) => {
                    t!(lang, "host-route-bad-metric", text = format!("{text:?}"))
                }
                BadRouteLine::MaskNotContiguous(mask) => {
                    t!(lang, "host-route-bad-mask", mask = mask.to_string())
                }
                BadRouteLine::Prefix(text) => {
                    t!(lang, "host-route-bad-prefix", text = format!("{text:?}"))
                }
            };
            t!(
                lang,
                "host-route-bad-line",
                file = error.file,
                line = error.line.to_string(),
                reason = reason
            )
        }
    }
}

/// A field of /proc/net/route by the name the kernel's header gives it (not translated).
fn field_name(field: RouteField) -> &'static str {
    match field {
        RouteField::Destination => "destination",
        RouteField::Gateway => "gateway",
        RouteField::Flags => "flags",
        RouteField::Mask => "mask",
        RouteField::NextHop => "next hop",
        RouteField::Metric => "metric",
    }
}

fn dash<T: ToString>(value: Option<T>) -> String {
    value.map_or("-".to_string(), |v| v.to_string())
}

/// The default routes as a table.
fn defaults_table(lang: Lang, defaults: &[DefaultRoute]) -> comfy_table::Table {
    let mut table = output::table();
    table.set_header(headings(
        lang,
        &[
            "host-col-family",
            "host-col-gateway",
            "host-col-interface",
            "host-col-metric",
            "host-col-on-link",
            "host-col-this-host",
            "host-col-gateway-mac",
        ],
    ));
    for d in defaults {
        table.add_row(vec![
            family_name(d.family).to_string(),
            d.gateway
                .map_or_else(|| t!(lang, "host-point-to-point"), |g| g.to_string()),
            dash(d.interface.as_ref()),
            dash(d.metric),
            dash(d.on_link),
            dash(d.local_address),
            dash(d.gateway_mac.as_ref()),
        ]);
    }
    table
}

/// The routing table as a table.
fn routes_table(lang: Lang, routes: &[Route]) -> comfy_table::Table {
    let mut table = output::table();
    table.set_header(headings(
        lang,
        &[
            "host-col-destination",
            "host-col-gateway",
            "host-col-interface",
            "host-col-metric",
            "host-col-kind",
        ],
    ));
    for r in routes {
        let destination = if r.is_default() {
            t!(
                lang,
                "host-route-default",
                destination = r.destination.to_string()
            )
        } else {
            r.destination.to_string()
        };
        table.add_row(vec![
            destination,
            dash(r.gateway),
            r.interface.clone(),
            r.metric.to_string(),
            kind_name(lang, r.kind),
        ]);
    }
    table
}

impl Render for GatewayReport {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        let lang = self.lang;
        writeln!(
            out,
            "{}\n",
            output::wrap(&self.explanation, "", output::prose_width())
        )?;
        if self.defaults.is_empty() {
            output::write_prose_line(out, &t!(lang, "host-gateway-none"))?;
        } else {
            output::write_table(&defaults_table(lang, &self.defaults), out)?;
        }
        if let Some(routes) = &self.routes {
            writeln!(out)?;
            output::write_prose_line(out, &t!(lang, "host-routes-heading"))?;
            output::write_table(&routes_table(lang, routes), out)?;
        }
        for note in &self.notes {
            output::write_prose_line(out, &t!(lang, "host-note", note = note.as_str()))?;
        }
        Ok(())
    }
}

pub fn report(lang: Lang, with_routes: bool) -> GatewayReport {
    let mut notes = Vec::new();
    let netdev = route::netdev_gateway();
    let table = if cfg!(target_os = "linux") {
        let table = route::read_route_table();
        notes.extend(table.problems.iter().map(|p| table_problem(lang, p)));
        table.routes
    } else {
        Vec::new()
    };
    // The kernel's own route table is the authority where it was read; netdev's complaint
    // ("Local IP address not found" when offline) would only repeat "no default route" in
    // library words.
    let netdev = netdev.unwrap_or_else(|problem| {
        if table.is_empty() {
            notes.push(t!(lang, "host-gateway-unreadable", problem = problem));
        }
        None
    });
    let interfaces = iface::snapshot().interfaces;
    let defaults = route::default_routes(netdev.as_ref(), &table, &interfaces);
    for family in [Family::V4, Family::V6] {
        if !defaults.iter().any(|d| d.family == family) {
            notes.push(t!(
                lang,
                "host-gateway-no-default",
                family = family_name(family)
            ));
        }
    }
    let routes = with_routes.then(|| {
        if table.is_empty() && !cfg!(target_os = "linux") {
            notes.push(t!(lang, "host-routes-linux-only"));
        }
        table
    });
    GatewayReport {
        lang,
        explanation: t!(lang, "host-gateway-what"),
        defaults,
        routes,
        notes,
    }
}

pub fn run(args: &GatewayArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let (format, out) = sink.parts();
    output::emit(&report(i18n::language(), args.routes), format, out)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::text::at_80;
    use crate::net::route::{parse_ipv4_routes, parse_ipv6_routes};

    const V4: &str = include_str!("../../../crates/netlearn-core/fixtures/proc_net_route");
    const V6: &str = include_str!("../../../crates/netlearn-core/fixtures/proc_net_ipv6_route");

    fn plain(table: comfy_table::Table) -> String {
        at_80(&table)
    }

    fn sandbox() -> (Vec<DefaultRoute>, Vec<Route>) {
        let mut routes = parse_ipv4_routes(V4).unwrap();
        routes.extend(parse_ipv6_routes(V6).unwrap());
        let view = route::GatewayView {
            interface: Some("eth0".into()),
            addresses: vec!["192.0.2.1".parse().unwrap()],
            mac: "02:fc:00:00:00:02".parse().ok(),
        };
        (route::default_routes(Some(&view), &routes, &[]), routes)
    }

    #[test]
    fn the_gateway_tables_read_in_japanese() {
        let (defaults, routes) = sandbox();
        let defaults_ja = plain(defaults_table(Lang::Ja, &defaults));
        assert!(defaults_ja.contains("ゲートウェイの MAC"), "{defaults_ja}");
        assert!(defaults_ja.contains("02:fc:00:00:00:02"), "{defaults_ja}");
        let routes_ja = plain(routes_table(Lang::Ja, &routes));
        assert!(routes_ja.contains("0.0.0.0/0 (デフォルト)"), "{routes_ja}");
        assert!(routes_ja.contains("ゲートウェイ経由"), "{routes_ja}");
        insta::assert_snapshot!("gateway_ja", format!("{defaults_ja}\n\n{routes_ja}"));

        let defaults_en = plain(defaults_table(Lang::En, &defaults));
        assert!(defaults_en.contains("FAMILY"), "{defaults_en}");
        assert!(defaults_en.contains("GATEWAY MAC"), "{defaults_en}");
        let routes_en = plain(routes_table(Lang::En, &routes));
        assert!(routes_en.contains("0.0.0.0/0 (default)"), "{routes_en}");
    }

    #[test]
    fn unreadable_route_lines_are_said_in_both_languages() {
        let problem = RouteTableProblem::Parse(parse_ipv6_routes("00 99 x\n").unwrap_err());
        assert_eq!(
            crate::output::spaces::plain(&table_problem(Lang::En, &problem)),
            "/proc/net/ipv6_route line 1: 3 fields, expected 10"
        );
        let ja = table_problem(Lang::Ja, &problem);
        assert!(
            ja.starts_with("/proc/net/ipv6_route の 1\u{a0}行目"),
            "{ja}"
        );
        let bad =
            parse_ipv4_routes("h\neth0 00000000 00000000 0001 0 0 0 00FF00FF 0 0 0\n").unwrap_err();
        assert_eq!(
            crate::output::spaces::plain(&table_problem(Lang::En, &RouteTableProblem::Parse(bad))),
            "/proc/net/route line 2: mask 255.0.255.0 is not contiguous"
        );
    }
}
