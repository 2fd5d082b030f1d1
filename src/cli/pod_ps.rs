//! `ctl pod ps` and `ctl pod inspect`: podman's columns, JSON (ListPodsReport,
//! InspectPodData) and the fields its templates see.

use std::process::ExitCode;

use anyhow::{bail, Result};
use serde_json::{json, Value};

use ctl::container::lifecycle::{Container, Manager};
use ctl::pod::filter::PodFilter;
use ctl::pod::ops::PodReport;

use super::output::{ago, inspect_format, print_inspected, print_json};
use super::template::{header_name, Format, Origin, Shape, Value as TValue};

/// Pods as `pod ps` templates see them: podman's ListPodReporter.
const PS_SHAPE: Shape = Shape {
    type_name: "pods.ListPodReporter",
    maps: &["Labels"],
};

/// podman's InspectPodData.
const INSPECT_SHAPE: Shape = Shape {
    type_name: "*define.InspectPodData",
    maps: &["Labels", "InfraConfig.PortBindings"],
};

const PS_HEADERS: &[(&str, &str)] = &[
    ("Id", "POD ID"),
    ("Name", "NAME"),
    ("Status", "STATUS"),
    ("Labels", "LABELS"),
    ("NumberOfContainers", "# OF CONTAINERS"),
    ("Created", "CREATED"),
    ("InfraID", "INFRA ID"),
    ("ContainerIds", "IDS"),
    ("ContainerNames", "NAMES"),
    ("ContainerStatuses", "STATUS"),
    ("Cgroup", "CGROUP"),
    ("Namespace", "NAMESPACES"),
    ("Restarts", "RESTARTS"),
];

#[derive(Debug, clap::Args)]
pub struct PsArgs {
    /// Display the container names
    #[arg(long)]
    pub ctr_names: bool,
    /// Display the container ids
    #[arg(long)]
    pub ctr_ids: bool,
    /// Display the container statuses
    #[arg(long)]
    pub ctr_status: bool,
    /// Filter: id, name, label, label!, status, ctr-names, ctr-ids, ctr-status,
    /// ctr-number, network (KEY=VALUE)
    #[arg(short, long = "filter", value_name = "KEY=VALUE")]
    pub filter: Vec<String>,
    /// json, or a Go template such as '{{.Name}}' ('table ...' adds a header)
    #[arg(long)]
    pub format: Option<String>,
    /// Do not print the header row
    #[arg(short, long)]
    pub noheading: bool,
    /// Do not truncate pod and container ids
    #[arg(long)]
    pub no_trunc: bool,
    /// Print only pod ids
    #[arg(short, long)]
    pub quiet: bool,
    /// Sort by created, id, name, number or status
    #[arg(long, default_value = "created")]
    pub sort: String,
}

#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    /// json, or a Go template for each pod (e.g. '{{.State}}')
    #[arg(short, long)]
    pub format: Option<String>,
    /// Pods (names or ids)
    #[arg(required = true)]
    pub pods: Vec<String>,
}

fn short(id: &str, no_trunc: bool) -> String {
    if no_trunc {
        id.to_string()
    } else {
        id[..12.min(id.len())].to_string()
    }
}

/// The bridge networks the pod's infra container joined.
fn networks(r: &PodReport) -> Vec<String> {
    r.infra()
        .map(|c| c.config.networks.clone())
        .unwrap_or_default()
}

fn container_status(c: &Container) -> &'static str {
    match c.state.podman_status() {
        "initialized" => "created",
        s => s,
    }
}

/// podman's ListPodsReport (`--format json`).
fn list_json(r: &PodReport) -> Value {
    json!({
        "Cgroup": "",
        "Containers": r.containers.iter().map(|c| json!({
            "Id": c.config.id,
            "Names": c.config.name,
            "Status": container_status(c),
            "RestartCount": c.state.restarts,
        })).collect::<Vec<_>>(),
        "Created": r.config.created,
        "Id": r.config.id,
        "InfraId": r.config.infra_id.clone().unwrap_or_default(),
        "Name": r.config.name,
        "Namespace": "",
        "Networks": networks(r),
        "Status": r.status.as_str(),
        "Labels": r.config.labels,
    })
}

/// What `pod ps` templates see: ListPodReporter's methods as fields.
fn template_json(r: &PodReport, no_trunc: bool) -> Value {
    let join =
        |f: &dyn Fn(&Container) -> String| r.containers.iter().map(f).collect::<Vec<_>>().join(",");
    let infra = r
        .config
        .infra_id
        .as_deref()
        .map(|i| short(i, no_trunc))
        .unwrap_or_default();
    json!({
        "Id": short(&r.config.id, no_trunc),
        "ID": short(&r.config.id, no_trunc),
        "Name": r.config.name,
        "Status": r.status.as_str(),
        "Created": ago(Some(r.config.created)),
        "InfraID": infra,
        "InfraId": infra,
        "ContainerIds": join(&|c| short(&c.config.id, no_trunc)),
        "ContainerNames": join(&|c| c.config.name.clone()),
        "ContainerStatuses": join(&|c| container_status(c).to_string()),
        "NumberOfContainers": r.containers.len(),
        "Labels": r.config.labels,
        "Networks": networks(r).join(","),
        "Restarts": r.containers.iter().map(|c| c.state.restarts).sum::<u32>().to_string(),
        "Cgroup": "",
        "Namespace": "",
    })
}

fn default_format(a: &PsArgs) -> String {
    let mut row = vec![
        "{{.Id}}",
        "{{.Name}}",
        "{{.Status}}",
        "{{.Created}}",
        "{{.InfraID}}",
    ];
    if a.ctr_ids {
        row.push("{{.ContainerIds}}");
    }
    if a.ctr_names {
        row.push("{{.ContainerNames}}");
    }
    if a.ctr_status {
        row.push("{{.ContainerStatuses}}");
    }
    if !a.ctr_ids && !a.ctr_names && !a.ctr_status {
        row.push("{{.NumberOfContainers}}");
    }
    format!("table {}", row.join("\t"))
}

pub fn ps(m: &Manager, a: PsArgs) -> Result<ExitCode> {
    if a.quiet && a.format.is_some() {
        bail!("quiet and format flags cannot be used together");
    }
    let filter = PodFilter::parse(&a.filter)?;
    let mut pods: Vec<PodReport> = m
        .pod_list()?
        .into_iter()
        .filter(|r| filter.matches(r, &networks(r)))
        .collect();
    match a.sort.as_str() {
        "created" => {}
        "id" => pods.sort_by(|x, y| x.config.id.cmp(&y.config.id)),
        "name" => pods.sort_by(|x, y| x.config.name.cmp(&y.config.name)),
        "number" => pods.sort_by_key(|r| r.containers.len()),
        "status" => pods.sort_by(|x, y| x.status.as_str().cmp(y.status.as_str())),
        _ => bail!("invalid option for --sort, options are: created, id, name, number, or status"),
    }
    if a.quiet {
        for r in &pods {
            println!("{}", short(&r.config.id, a.no_trunc));
        }
        return Ok(ExitCode::SUCCESS);
    }
    if a.format.as_deref().is_some_and(super::template::is_json) {
        print_json(&pods.iter().map(list_json).collect::<Vec<_>>());
        return Ok(ExitCode::SUCCESS);
    }
    let text = match a.format.as_deref() {
        Some(t) if t != "table" => t.to_string(),
        _ => default_format(&a),
    };
    let fmt = Format::parse("ps", Origin::User, &text)?;
    let rows = pods
        .iter()
        .map(|r| TValue::from_json(&template_json(r, a.no_trunc), &PS_SHAPE))
        .collect();
    fmt.print_listing(
        &TValue::list(rows),
        &|f| header_name(f, PS_HEADERS),
        a.noheading,
    )?;
    Ok(ExitCode::SUCCESS)
}

/// podman's InspectPodData for one pod.
fn inspect_json(r: &PodReport) -> Value {
    let c = &r.config;
    let infra = r.infra();
    let infra_config = infra.map(|i| {
        let cfg = &i.config;
        json!({
            "PortBindings": super::inspect::port_bindings(&cfg.ports),
            "HostNetwork": cfg.network == ctl::network::Mode::Host,
            "StaticIP": "",
            "StaticMAC": "",
            "NoManageResolvConf": cfg.etc.image_resolv_conf,
            "DNSServer": cfg.etc.dns_servers,
            "DNSSearch": cfg.etc.dns_search,
            "DNSOption": cfg.etc.dns_options,
            "NoManageHostname": false,
            "NoManageHosts": cfg.etc.no_hosts,
            "HostAdd": cfg.etc.add_hosts.iter().map(|h| format!(
                "{}:{}",
                h.names.join(";"),
                h.address.map_or("host-gateway".to_string(), |a| a.to_string())
            )).collect::<Vec<_>>(),
            "HostsFile": "",
            "Networks": cfg.networks,
            "NetworkOptions": null,
        })
    });
    let mut v = json!({
        "Id": c.id,
        "Name": c.name,
        "Created": c.created,
        "CreateCommand": c.create_command,
        "ExitPolicy": c.exit_policy.as_str(),
        "State": r.status.as_str(),
        "Hostname": c.hostname,
        "Labels": c.labels,
        "CreateCgroup": false,
        "CreateInfra": c.infra_id.is_some(),
        "InfraContainerID": c.infra_id.clone().unwrap_or_default(),
        "InfraConfig": infra_config,
        "SharedNamespaces": c.share,
        "NumContainers": r.containers.len(),
        "Containers": r.containers.iter().map(|m| json!({
            "Id": m.config.id,
            "Name": m.config.name,
            "State": container_status(m),
        })).collect::<Vec<_>>(),
        "LockNumber": 0,
    });
    let o = v.as_object_mut().expect("an object");
    // omitempty, as podman's JSON tags say.
    for k in ["CreateCommand", "Labels", "SharedNamespaces", "Containers"] {
        if o[k].as_array().is_some_and(|a| a.is_empty())
            || o[k].as_object().is_some_and(|m| m.is_empty())
        {
            o.remove(k);
        }
    }
    for k in ["InfraContainerID", "InfraConfig"] {
        if o[k].is_null() || o[k] == "" {
            o.remove(k);
        }
    }
    v
}

pub fn inspect(m: &Manager, a: InspectArgs) -> Result<ExitCode> {
    let template = inspect_format("inspect", a.format.as_deref(), false)?;
    let mut out = Vec::new();
    let mut failed = false;
    for p in &a.pods {
        match m.pod_get(p) {
            Ok(r) => out.push((inspect_json(&r), INSPECT_SHAPE)),
            Err(e) => {
                super::output::report_error(&e);
                failed = true;
            }
        }
    }
    print_inspected(&out, template, failed)
}
