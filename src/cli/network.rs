//! `ctl network create|ls|inspect|rm`: bridge networks in podman's config format.

use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use serde_json::{json, Value};

use ctl::container::lifecycle::Manager;
use ctl::container::options::parse_labels;
use ctl::network::config::{CreateRequest, Network};
use ctl::Context;

use super::output::{print_inspected, print_json, table};
use super::template::Template;

#[derive(Debug, clap::Subcommand)]
pub enum NetworkCommand {
    /// Create a bridge network
    Create(CreateArgs),
    /// List networks
    #[command(alias = "list")]
    Ls(LsArgs),
    /// Show networks as JSON
    Inspect(InspectArgs),
    /// Remove networks
    #[command(alias = "remove")]
    Rm(RmArgs),
}

#[derive(Debug, clap::Args)]
pub struct CreateArgs {
    /// Driver: bridge
    #[arg(short, long, default_value = "bridge", value_name = "DRIVER")]
    pub driver: String,
    /// IPv4 subnet in CIDR form (default: a free 10.89.N.0/24)
    #[arg(long, value_name = "CIDR")]
    pub subnet: Option<String>,
    /// Gateway address (default: the subnet's first address)
    #[arg(long, value_name = "ADDRESS", requires = "subnet")]
    pub gateway: Option<String>,
    /// No route out of the network
    #[arg(long)]
    pub internal: bool,
    /// No DNS server for the network's container names
    #[arg(long)]
    pub disable_dns: bool,
    /// Name of the bridge on the host (default: ctl- and part of the id)
    #[arg(long, value_name = "NAME")]
    pub interface_name: Option<String>,
    /// Set a label: KEY=VALUE
    #[arg(long = "label", value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Name of the network
    pub name: String,
}

#[derive(Debug, clap::Args)]
pub struct LsArgs {
    /// Print only network ids
    #[arg(short, long)]
    pub quiet: bool,
    /// Do not truncate ids
    #[arg(long)]
    pub no_trunc: bool,
    /// json, or a template such as '{{.Name}}'
    #[arg(long)]
    pub format: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    /// Format each network with a template (e.g. '{{.Subnets}}')
    #[arg(short, long)]
    pub format: Option<String>,
    /// Networks (name or id)
    #[arg(required = true)]
    pub names: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct RmArgs {
    /// Remove the containers using the network too
    #[arg(short, long)]
    pub force: bool,
    /// Seconds to wait before killing running containers with --force
    #[arg(short = 't', long = "time", value_name = "SECS", default_value_t = 10)]
    pub time: u64,
    /// Networks (name or id)
    #[arg(required = true)]
    pub names: Vec<String>,
}

pub fn exec(ctx: &Context, cmd: NetworkCommand) -> Result<ExitCode> {
    let m = Manager::open(ctx)?;
    match cmd {
        NetworkCommand::Create(a) => create(&m, a),
        NetworkCommand::Ls(a) => ls(&m, a),
        NetworkCommand::Inspect(a) => inspect(&m, a),
        NetworkCommand::Rm(a) => rm(&m, a),
    }
}

fn create(m: &Manager, a: CreateArgs) -> Result<ExitCode> {
    let req = CreateRequest {
        name: a.name,
        driver: Some(a.driver),
        subnet: a.subnet,
        gateway: a.gateway,
        interface_name: a.interface_name,
        internal: a.internal,
        disable_dns: a.disable_dns,
        labels: parse_labels(&a.label)?,
    };
    let n = m.networks()?.create(&req)?;
    println!("{}", n.name);
    Ok(ExitCode::SUCCESS)
}

/// A network as `ls` templates see it (podman's field names).
fn ls_object(n: &Network, no_trunc: bool) -> Value {
    let id = if no_trunc {
        n.id.as_str()
    } else {
        n.short_id()
    };
    json!({
        "ID": id,
        "Id": n.id,
        "Name": n.name,
        "Driver": n.driver,
        "NetworkInterface": n.network_interface,
        "Subnets": n.subnets.iter().map(|s| s.subnet.to_string()).collect::<Vec<_>>().join(","),
        "Internal": n.internal,
        "DNSEnabled": n.dns_enabled,
        "Labels": n.labels,
        "Created": n.created,
    })
}

fn ls(m: &Manager, a: LsArgs) -> Result<ExitCode> {
    let nets = m.networks()?.list()?;
    if a.quiet {
        for n in &nets {
            println!("{}", if a.no_trunc { &n.id } else { n.short_id() });
        }
        return Ok(ExitCode::SUCCESS);
    }
    let objs: Vec<Value> = nets.iter().map(|n| ls_object(n, a.no_trunc)).collect();
    match a.format.as_deref() {
        Some("json") => print_json(&objs),
        Some(t) if t != "table" => {
            let t = Template::parse(t)?;
            if t.table {
                println!("{}", t.header(|f| f.to_uppercase()));
            }
            for o in &objs {
                println!("{}", t.render(o)?);
            }
        }
        _ => {
            let s = |o: &Value, k: &str| o[k].as_str().unwrap_or_default().to_string();
            let rows = objs
                .iter()
                .map(|o| vec![s(o, "ID"), s(o, "Name"), s(o, "Driver")])
                .collect();
            print!("{}", table(&["NETWORK ID", "NAME", "DRIVER"], rows));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn inspect(m: &Manager, a: InspectArgs) -> Result<ExitCode> {
    let template = a.format.as_deref().map(Template::parse).transpose()?;
    let nets = m.networks()?;
    let mut out = Vec::new();
    let mut failed = false;
    for name in &a.names {
        match nets.get(name) {
            Ok(n) => out.push(serde_json::to_value(&n)?),
            Err(e) => {
                // podman's words name the network twice.
                super::output::report_error(&format!("network {name}: {e}"));
                failed = true;
            }
        }
    }
    print_inspected(&out, template, failed)
}

fn rm(m: &Manager, a: RmArgs) -> Result<ExitCode> {
    let nets = m.networks()?;
    let (mut code, mut failed) = (0u8, false);
    for name in &a.names {
        let removed = nets.get(name).map_err(anyhow::Error::from).and_then(|n| {
            let users: Vec<(String, String)> = m
                .list()?
                .into_iter()
                .flatten()
                .filter(|(cfg, _)| cfg.networks.contains(&n.name))
                .map(|(cfg, _)| (cfg.id, cfg.name))
                .collect();
            if let Some((_, cname)) = users.first().filter(|_| !a.force) {
                return Err(ctl::Error::NetworkInUse {
                    name: n.name.clone(),
                    container: cname.clone(),
                }
                .into());
            }
            for (id, _) in &users {
                if let Ok(c) = m.get(id) {
                    let _ = m.stop(&c, Duration::from_secs(a.time));
                }
                m.remove(id, true)?;
            }
            nets.remove(&n.name)?;
            Ok(n.name)
        });
        let missing = |e: &anyhow::Error| {
            matches!(
                e.downcast_ref::<ctl::Error>(),
                Some(ctl::Error::NetworkNotFound(_))
            )
        };
        match removed {
            Ok(n) => println!("{n}"),
            // As podman's: --force ignores networks that do not exist.
            Err(e) if a.force && missing(&e) => {}
            Err(e) => {
                super::output::report_error(&e);
                // podman's: the last missing (1) or used (2) network decides; other
                // failures leave it, and without either the code is 125.
                code = match e.downcast_ref::<ctl::Error>() {
                    Some(ctl::Error::NetworkNotFound(_)) => 1,
                    Some(ctl::Error::NetworkInUse { .. }) => 2,
                    _ => code,
                };
                failed = true;
            }
        }
    }
    Ok(ExitCode::from(match code {
        0 if failed => 125,
        c => c,
    }))
}
