//! `ctl network create|ls|inspect|rm`: bridge networks in podman's config format.

use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use serde_json::{json, Value};

use ctl::container::lifecycle::Manager;
use ctl::container::options::parse_labels;
use ctl::network::config::{CreateRequest, Network};
use ctl::Context;

use super::output::{inspect_format, print_inspected, print_json, table};
use super::template::{header_name, Format, Origin, Shape, Struct, Value as TValue};

/// Networks as templates see them: podman's types.Network (Go's names find the JSON's
/// snake_case ones: `.DNSEnabled` is `dns_enabled`).
const NETWORK_SHAPE: Shape = Shape {
    type_name: "types.Network",
    maps: &["labels", "options", "ipam_options"],
};

/// podman's network ls headers: a field's name in words, or these.
const NETWORK_HEADERS: &[(&str, &str)] = &[
    ("Name", "name"),
    ("Driver", "driver"),
    ("Labels", "labels"),
    ("ID", "network id"),
];

/// A network's JSON for templates: the maps podman's JSON leaves out when empty are there.
fn template_json(n: &Network) -> Result<Value> {
    let mut v = serde_json::to_value(n)?;
    if let Some(o) = v.as_object_mut() {
        for k in ["labels", "options", "ipam_options"] {
            o.entry(k).or_insert_with(|| json!({}));
        }
    }
    Ok(v)
}

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
    /// Exit 0 if a network exists, 1 if not
    Exists(super::exists::Args),
    /// Remove networks no container uses (never the default network)
    Prune(super::prune::NetworkPruneArgs),
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
    /// Succeed, changing nothing, when a network of that name exists
    #[arg(long)]
    pub ignore: bool,
    /// Name of the network
    pub name: String,
}

#[derive(Debug, clap::Args)]
pub struct LsArgs {
    /// Print only network names
    #[arg(short, long)]
    pub quiet: bool,
    /// Do not truncate ids
    #[arg(long)]
    pub no_trunc: bool,
    /// json, or a Go template such as '{{.Name}}' ('table ...' adds a header)
    #[arg(long)]
    pub format: Option<String>,
    /// Do not print the header row
    #[arg(short, long)]
    pub noheading: bool,
    /// Filter: name, id, driver, label, label!, until, dangling (KEY=VALUE)
    #[arg(short, long = "filter", value_name = "KEY=VALUE")]
    pub filter: Vec<String>,
}

/// `network ls --filter`s, as containers/common's network filters: values of one key OR
/// (labels AND), keys AND.
#[derive(Debug, Default)]
pub(super) struct NetFilter {
    keys: Vec<(String, Vec<String>)>,
    until: Option<ctl::timetype::Time>,
}

impl NetFilter {
    pub(super) fn compile(
        raw: &[String],
        now: ctl::timetype::Time,
        offset: i64,
    ) -> Result<NetFilter> {
        let mut f = NetFilter::default();
        for r in raw {
            let Some((k, v)) = r.split_once('=') else {
                anyhow::bail!("invalid filter {r:?}");
            };
            let k = k.to_lowercase();
            match k.as_str() {
                "name" | "id" | "driver" | "label" | "label!" | "dangling" => {}
                "until" => {
                    if f.until.is_some() {
                        anyhow::bail!("specify exactly one timestamp for until");
                    }
                    f.until = Some(
                        ctl::timetype::filter_time(v, now, offset).map_err(anyhow::Error::msg)?,
                    );
                    continue;
                }
                _ => anyhow::bail!("invalid filter {k:?}"),
            }
            if k == "dangling" && !matches!(v, "true" | "false" | "1" | "0") {
                anyhow::bail!("invalid dangling filter value \"{v}\"");
            }
            match f.keys.iter_mut().find(|(key, _)| *key == k) {
                Some((_, vals)) => vals.push(v.to_string()),
                None => f.keys.push((k, vec![v.to_string()])),
            }
        }
        Ok(f)
    }

    /// Whether a network matches; `used`: a container is attached to it.
    pub(super) fn matches(&self, n: &Network, used: bool) -> bool {
        use ctl::image::filter::match_labels;
        let keys_match = self.keys.iter().all(|(k, vals)| match k.as_str() {
            "name" => ctl::container::filter::regex_any(vals, &n.name),
            "id" => ctl::container::filter::id_matches(vals, &n.id),
            "driver" => vals.contains(&n.driver),
            "label" => vals.iter().all(|v| match_labels(v, &n.labels)),
            "label!" => !vals.iter().any(|v| match_labels(v, &n.labels)),
            "dangling" => vals
                .iter()
                .any(|v| matches!(v.as_str(), "true" | "1") != used),
            _ => false,
        });
        let before = match (self.until, n.created.map(ctl::timetype::of)) {
            (Some(u), Some(c)) => c < u,
            (Some(_), None) => false,
            (None, _) => true,
        };
        keys_match && before
    }

    fn wants_use(&self) -> bool {
        self.keys.iter().any(|(k, _)| k == "dangling")
    }
}

#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    /// json, or a Go template for each network (e.g. '{{range .Subnets}}{{.Subnet}}{{end}}')
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
    match cmd {
        NetworkCommand::Exists(a) => return super::exists::network(ctx, &a),
        NetworkCommand::Prune(a) => return super::prune::network(ctx, a),
        _ => {}
    }
    let m = Manager::open(ctx)?;
    match cmd {
        NetworkCommand::Create(a) => create(&m, a),
        NetworkCommand::Ls(a) => ls(&m, a),
        NetworkCommand::Inspect(a) => inspect(&m, a),
        NetworkCommand::Rm(a) => rm(&m, a),
        NetworkCommand::Exists(_) | NetworkCommand::Prune(_) => unreachable!("handled above"),
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
    let nets = m.networks()?;
    let n = match nets.create(&req) {
        // As podman's: the existing network stands as it is, whatever was asked.
        Err(ctl::Error::NetworkExists(_)) if a.ignore => {
            println!("{}", nets.get(&req.name)?.name);
            return Ok(ExitCode::SUCCESS);
        }
        r => r?,
    };
    m.record_event(ctl::events::Event::network(
        "create", &n.id, &n.name, &n.driver,
    ));
    println!("{}", n.name);
    Ok(ExitCode::SUCCESS)
}

/// A network as `ls` templates see it: podman's ListPrintReports, the network with `.ID`
/// short unless --no-trunc and `.Labels` as `k=v,...`.
fn ls_row(n: &Network, no_trunc: bool) -> Result<TValue> {
    let mut row = Struct::from_json(&template_json(n)?, &NETWORK_SHAPE);
    let id = if no_trunc {
        n.id.as_str()
    } else {
        n.short_id()
    };
    let labels: Vec<String> = n.labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
    row.method("ID", id).method("Labels", labels.join(","));
    Ok(TValue::Struct(std::rc::Rc::new(row)))
}

fn ls(m: &Manager, a: LsArgs) -> Result<ExitCode> {
    let json = a.format.as_deref().is_some_and(super::template::is_json);
    let template = match a.format.as_deref() {
        Some(t) if !json && t != "table" => Some(Format::parse("ls", Origin::User, t)?),
        _ => None,
    };
    let now = ctl::timetype::now();
    let filter = NetFilter::compile(&a.filter, now, ctl::timetype::local_offset(now.0))?;
    let mut nets = m.networks()?.list()?;
    let used: Vec<String> = if filter.wants_use() {
        m.list()?
            .into_iter()
            .flatten()
            .flat_map(|(cfg, _)| cfg.networks)
            .collect()
    } else {
        Vec::new()
    };
    nets.retain(|n| filter.matches(n, used.contains(&n.name)));
    nets.sort_by(|a, b| a.name.cmp(&b.name));
    // As podman's: the names.
    if a.quiet {
        for n in &nets {
            println!("{}", n.name);
        }
        return Ok(ExitCode::SUCCESS);
    }
    if json {
        print_json(&nets);
    } else if let Some(t) = template {
        let rows = nets
            .iter()
            .map(|n| ls_row(n, a.no_trunc))
            .collect::<Result<Vec<_>>>()?;
        t.print_listing(
            &TValue::list(rows),
            &|f| header_name(f, NETWORK_HEADERS),
            a.noheading,
        )?;
    } else {
        let rows = nets
            .iter()
            .map(|n| {
                let id = if a.no_trunc {
                    n.id.clone()
                } else {
                    n.short_id().to_string()
                };
                vec![id, n.name.clone(), n.driver.clone()]
            })
            .collect();
        print!(
            "{}",
            super::output::without_header(
                table(&["NETWORK ID", "NAME", "DRIVER"], rows),
                a.noheading
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn inspect(m: &Manager, a: InspectArgs) -> Result<ExitCode> {
    let template = inspect_format("inspect", a.format.as_deref(), false)?;
    let nets = m.networks()?;
    let mut out = Vec::new();
    let mut failed = false;
    for name in &a.names {
        match nets.get(name) {
            Ok(n) if template.is_some() => out.push((template_json(&n)?, NETWORK_SHAPE)),
            Ok(n) => out.push((serde_json::to_value(&n)?, NETWORK_SHAPE)),
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
            m.record_event(ctl::events::Event::network(
                "remove", &n.id, &n.name, &n.driver,
            ));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn net(name: &str, id: &str, created: &str, labels: &[(&str, &str)]) -> Network {
        let mut n = ctl::network::config::default_network();
        n.name = name.into();
        n.id = id.into();
        n.created = created.parse().ok();
        n.labels = labels
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        n
    }

    #[test]
    fn network_filters_as_common_s() {
        let nets = [
            net("ctl", "aaaa", "2026-01-01T00:00:00Z", &[]),
            net("app", "bbbb", "2026-01-02T00:00:00Z", &[("team", "x")]),
            net("app2", "bbcc", "2026-01-03T00:00:00Z", &[("team", "y")]),
        ];
        let now = ctl::timetype::parse_rfc3339("2026-01-04T00:00:00Z").unwrap();
        let names = |raw: &[&str], used: &[&str]| {
            let raw: Vec<String> = raw.iter().map(|s| s.to_string()).collect();
            let f = NetFilter::compile(&raw, now, 0).unwrap();
            nets.iter()
                .filter(|n| f.matches(n, used.contains(&n.name.as_str())))
                .map(|n| n.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&["name=app"], &[]), ["app", "app2"]);
        assert_eq!(names(&["name=ctl", "name=app2"], &[]), ["ctl", "app2"]);
        assert_eq!(names(&["id=bb"], &[]), ["app", "app2"]);
        assert_eq!(names(&["driver=bridge"], &[]).len(), 3);
        assert_eq!(names(&["driver=macvlan"], &[]), Vec::<String>::new());
        assert_eq!(names(&["label=team"], &[]), ["app", "app2"]);
        assert_eq!(names(&["label=team=y"], &[]), ["app2"]);
        assert_eq!(names(&["label!=team=y"], &[]), ["ctl", "app"]);
        assert_eq!(names(&["until=2026-01-02T12:00:00Z"], &[]), ["ctl", "app"]);
        assert_eq!(names(&["dangling=true"], &["app"]), ["ctl", "app2"]);
        assert_eq!(names(&["dangling=false"], &["app"]), ["app"]);
        assert_eq!(names(&["name=app", "id=bbcc"], &[]), ["app2"]);
        assert_eq!(names(&["name=^app$"], &[]), ["app"]);
        assert_eq!(names(&["name=p[0-9]"], &[]), ["app2"]);
        for bad in ["nokey", "color=red", "dangling=maybe"] {
            assert!(NetFilter::compile(&[bad.into()], now, 0).is_err(), "{bad}");
        }
    }
}
