//! `netlearn gateway`: the default route(s) and, with --routes, the routing table.

use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;

use crate::cli::GatewayArgs;
use crate::net::address::Family;
use crate::net::iface;
use crate::net::route::{self, DefaultRoute, Route, RouteKind};
use crate::output::sink::Sink;
use crate::output::{self, Render};

const WHAT_IT_IS: &str = "A default gateway is the router this machine hands every packet to \
whose destination is on none of its own networks; it must sit on one of them.";

#[derive(Serialize)]
pub struct GatewayReport {
    pub explanation: &'static str,
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

fn kind_name(kind: RouteKind) -> &'static str {
    match kind {
        RouteKind::OnLink => "on-link",
        RouteKind::ViaGateway => "via gateway",
        RouteKind::Local => "local",
        RouteKind::Multicast => "multicast",
        RouteKind::Unreachable => "unreachable",
    }
}

fn dash<T: ToString>(value: Option<T>) -> String {
    value.map_or("-".to_string(), |v| v.to_string())
}

impl Render for GatewayReport {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "{}\n",
            output::wrap(self.explanation, "", output::prose_width())
        )?;
        if self.defaults.is_empty() {
            output::write_prose_line(
                out,
                "No default route: this machine reaches only the networks it is attached to.",
            )?;
        } else {
            let mut table = output::table();
            table.set_header(vec![
                "FAMILY",
                "GATEWAY",
                "INTERFACE",
                "METRIC",
                "ON-LINK SUBNET",
                "THIS HOST",
                "GATEWAY MAC",
            ]);
            for d in &self.defaults {
                table.add_row(vec![
                    family_name(d.family).to_string(),
                    d.gateway
                        .map_or("(point-to-point)".to_string(), |g| g.to_string()),
                    dash(d.interface.as_ref()),
                    dash(d.metric),
                    dash(d.on_link),
                    dash(d.local_address),
                    dash(d.gateway_mac.as_ref()),
                ]);
            }
            output::write_table(&table, out)?;
        }
        if let Some(routes) = &self.routes {
            writeln!(out)?;
            output::write_prose_line(
                out,
                "Routing table (most specific match wins, then lowest metric):",
            )?;
            let mut table = output::table();
            table.set_header(vec![
                "DESTINATION",
                "GATEWAY",
                "INTERFACE",
                "METRIC",
                "KIND",
            ]);
            for r in routes {
                let destination = if r.is_default() {
                    format!("{} (default)", r.destination)
                } else {
                    r.destination.to_string()
                };
                table.add_row(vec![
                    destination,
                    dash(r.gateway),
                    r.interface.clone(),
                    r.metric.to_string(),
                    kind_name(r.kind).to_string(),
                ]);
            }
            output::write_table(&table, out)?;
        }
        for note in &self.notes {
            output::write_prose_line(out, &format!("note: {note}"))?;
        }
        Ok(())
    }
}

pub fn report(with_routes: bool) -> GatewayReport {
    let mut notes = Vec::new();
    let netdev = route::netdev_gateway();
    let table = if cfg!(target_os = "linux") {
        let table = route::read_route_table();
        notes.extend(table.problems);
        table.routes
    } else {
        Vec::new()
    };
    // The kernel's own route table is the authority where it was read; netdev's complaint
    // ("Local IP address not found" when offline) would only repeat "no default route" in
    // library words.
    let netdev = netdev.unwrap_or_else(|problem| {
        if table.is_empty() {
            notes.push(format!("could not read the default gateway ({problem})"));
        }
        None
    });
    let interfaces = iface::snapshot().interfaces;
    let defaults = route::default_routes(netdev.as_ref(), &table, &interfaces);
    for family in [Family::V4, Family::V6] {
        if !defaults.iter().any(|d| d.family == family) {
            notes.push(format!(
                "no {} default route: {} destinations off this machine's own networks are unreachable",
                family_name(family),
                family_name(family)
            ));
        }
    }
    let routes = with_routes.then(|| {
        if table.is_empty() && !cfg!(target_os = "linux") {
            notes.push("--routes reads /proc/net/route, which only Linux has".into());
        }
        table
    });
    GatewayReport {
        explanation: WHAT_IT_IS,
        defaults,
        routes,
        notes,
    }
}

pub fn run(args: &GatewayArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let (format, out) = sink.parts();
    output::emit(&report(args.routes), format, out)?;
    Ok(ExitCode::SUCCESS)
}
