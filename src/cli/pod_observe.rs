//! `ctl pod logs|top|stats`: the pod's containers seen through `ctl logs`, `ctl top` and
//! `ctl stats`' code. Nothing here changes state.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Result};
use serde_json::json;

use ctl::container::lifecycle::{Container, Manager};
use ctl::container::state::Status;
use ctl::observe::stats::{sample, ContainerStats};
use ctl::observe::top;
use ctl::Context;

use super::template::{header_name, Format, Origin, Shape, Struct, Value as TValue};

#[derive(Debug, clap::Args)]
pub struct LogsArgs {
    /// Only the logs of this container of the pod (name or id)
    #[arg(short, long)]
    pub container: Option<String>,
    /// Keep printing new output until the containers stop
    #[arg(short, long)]
    pub follow: bool,
    /// The pod created last
    #[arg(short, long)]
    pub latest: bool,
    /// Prefix each line with its container's name rather than its id
    #[arg(short = 'n', long)]
    pub names: bool,
    /// Only output since this time (as `ctl logs --since`)
    #[arg(long, value_name = "TIMESTAMP")]
    pub since: Option<String>,
    /// Only the last N lines of each container (-1: all)
    #[arg(long, value_name = "N", default_value_t = -1)]
    pub tail: i64,
    /// Prefix each line with its timestamp
    #[arg(short, long)]
    pub timestamps: bool,
    /// Only output until this time (as `ctl logs --until`)
    #[arg(long, value_name = "TIMESTAMP")]
    pub until: Option<String>,
    /// The pod (name, id or id prefix)
    pub pod: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct TopArgs {
    /// The pod created last (then every word is a descriptor)
    #[arg(short, long)]
    pub latest: bool,
    /// Pod (name, id or id prefix), then format descriptors (see `ctl top`)
    #[arg(
        value_name = "POD [DESCRIPTORS]",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub words: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// Show every pod (default: pods with a running container)
    #[arg(short, long)]
    pub all: bool,
    /// json, or a Go template such as '{{.Pod}} {{.MemUsage}}' ('table ...' adds a header)
    #[arg(long)]
    pub format: Option<String>,
    /// The pod created last
    #[arg(short, long)]
    pub latest: bool,
    /// Do not clear the screen between reports
    #[arg(long)]
    pub no_reset: bool,
    /// Print one report and exit
    #[arg(long)]
    pub no_stream: bool,
    /// Pods (name, id or id prefix)
    #[arg(value_name = "POD")]
    pub pods: Vec<String>,
}

/// The newest pod's id (`--latest`).
fn latest_pod(m: &Manager) -> Result<String> {
    match m.pod_list()?.into_iter().next() {
        Some(r) => Ok(r.config.id),
        None => bail!("no pods to operate on"),
    }
}

fn one_pod(m: &Manager, latest: bool, pod: Option<&str>) -> Result<ctl::pod::ops::PodReport> {
    let id = match (latest, pod) {
        (true, Some(_)) => bail!("--latest and pods cannot be used together"),
        (true, None) => latest_pod(m)?,
        (false, Some(p)) => p.to_string(),
        (false, None) => bail!("you must provide the name or id of a pod"),
    };
    Ok(m.pod_get(&id)?)
}

/// `pod logs`: `ctl logs` of the pod's containers (every one, the infra too, as podman's:
/// so each line is prefixed by its container), or of `-c`'s one.
pub fn logs(ctx: &Context, a: LogsArgs) -> Result<ExitCode> {
    let m = Manager::open(ctx)?;
    let r = one_pod(&m, a.latest, a.pod.as_deref())?;
    let containers: Vec<String> = match &a.container {
        Some(c) => {
            let found = m.get(c)?;
            if found.config.pod.as_deref() != Some(r.config.id.as_str()) {
                bail!(
                    "container {c} is not in pod {}: no such container",
                    r.config.name
                );
            }
            vec![found.config.id]
        }
        None => r.containers.iter().map(|c| c.config.id.clone()).collect(),
    };
    if containers.is_empty() {
        bail!("pod {} has no containers", r.config.name);
    }
    super::logs::exec(
        ctx,
        super::logs::Args {
            follow: a.follow,
            since: a.since,
            until: a.until,
            tail: a.tail,
            timestamps: a.timestamps,
            names: a.names,
            latest: false,
            containers,
        },
    )
}

/// `pod top`: the processes of the pod's running containers under one header.
pub fn top(ctx: &Context, a: TopArgs) -> Result<ExitCode> {
    let (pod, words) = match (a.latest, a.words.split_first()) {
        (true, _) => (None, &a.words[..]),
        (false, Some((p, rest))) => (Some(p.as_str()), rest),
        (false, None) => bail!("you must provide the name or id of a running pod"),
    };
    let m = Manager::open(ctx)?;
    let r = one_pod(&m, a.latest, pod)?;
    let descriptors = top::parse(words).map_err(|e| {
        anyhow::anyhow!(
            "{e}: ctl runs no ps(1); use format descriptors ({})",
            top::names().join(",")
        )
    })?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    for c in &r.containers {
        let (Status::Running, Some(pid)) = (c.state.status, c.state.pid) else {
            continue;
        };
        let (procs, names) = match top::gather(pid) {
            Ok(x) => x,
            // Exited since it was read: not running any more.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => bail!("reading the processes of container {}: {e}", c.config.name),
        };
        let mut got = top::rows(&descriptors, &procs, &names);
        if !rows.is_empty() && !got.is_empty() {
            got.remove(0);
        }
        rows.extend(got);
    }
    if rows.is_empty() {
        bail!("pod top can only be used on pods with at least one running container");
    }
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|r| {
            // A process chooses its own argv and name: escaped before the terminal.
            r.into_iter()
                .map(|c| ctl::text::escape(&c).into_owned())
                .collect()
        })
        .collect();
    print!("{}", super::top::align(&rows));
    Ok(ExitCode::SUCCESS)
}

/// podman's headers for `pod stats`' fields.
const HEADERS: &[(&str, &str)] = &[
    ("CPU", "CPU %"),
    ("MemUsage", "MEM USAGE/ LIMIT"),
    ("MemUsageBytes", "MEM USAGE/ LIMIT"),
    ("Mem", "MEM %"),
    ("NetIO", "NET IO"),
    ("BlockIO", "BLOCK IO"),
];

const DEFAULT_FORMAT: &str = "table {{.Pod}}\t{{.CID}}\t{{.Name}}\t{{.CPU}}\t{{.MemUsage}}\t\
    {{.Mem}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDS}}";

/// FIELDS of podman's PodStatsReport, in its order.
const FIELDS: &[&str] = &[
    "CPU",
    "MemUsage",
    "MemUsageBytes",
    "Mem",
    "NetIO",
    "BlockIO",
    "PIDS",
    "Pod",
    "CID",
    "Name",
];

/// One container's row: podman's PodStatsReport, every field text.
fn report(pod: &str, s: &ContainerStats) -> serde_json::Value {
    let t = super::stats::texts(s, false);
    json!({
        "CPU": t.cpu_perc,
        "MemUsage": t.mem_usage,
        "MemUsageBytes": t.mem_usage_bytes,
        "Mem": t.mem_perc,
        "NetIO": t.net_io,
        "BlockIO": t.block_io,
        "PIDS": t.pids,
        "Pod": pod.chars().take(12).collect::<String>(),
        "CID": t.id,
        "Name": s.name,
    })
}

/// Go's json.MarshalIndent(v, "", "     ") of the reports, fields in podman's order.
fn json_text(reports: &[serde_json::Value]) -> String {
    let mut out = String::from("[");
    for (i, r) in reports.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str("     {\n");
        for (k, f) in FIELDS.iter().enumerate() {
            let v = serde_json::to_string(&r[f]).expect("a string serializes");
            let comma = if k + 1 < FIELDS.len() { "," } else { "" };
            out.push_str(&format!("          \"{f}\": {v}{comma}\n"));
        }
        out.push_str("     }");
    }
    out.push_str(if reports.is_empty() { "]" } else { "\n]" });
    out
}

/// The containers of one report: of the named pods, the latest, every pod (-a) or the
/// pods with a running container; each pod's containers that run (all of them with -a).
fn containers(m: &Manager, a: &StatsArgs) -> Result<Vec<(String, Container)>> {
    let reports = if a.latest {
        vec![m.pod_get(&latest_pod(m)?)?]
    } else if !a.pods.is_empty() {
        a.pods
            .iter()
            .map(|p| m.pod_get(p))
            .collect::<ctl::Result<Vec<_>>>()?
    } else {
        m.pod_list()?
    };
    let mut out = Vec::new();
    for r in reports {
        for c in r.containers {
            if a.all || c.state.status == Status::Running {
                out.push((r.config.id.clone(), c));
            }
        }
    }
    Ok(out)
}

/// `pod stats`: `ctl stats`' figures of the pods' containers, in podman's pod columns.
pub fn stats(ctx: &Context, a: StatsArgs) -> Result<ExitCode> {
    if [a.all, a.latest, !a.pods.is_empty()]
        .iter()
        .filter(|g| **g)
        .count()
        > 1
    {
        bail!("--all, --latest and arguments cannot be used together");
    }
    let json = a.format.as_deref().is_some_and(super::template::is_json);
    let user = a.format.as_deref().filter(|f| !json && *f != "table");
    let format = Format::parse("stats", Origin::User, user.unwrap_or(DEFAULT_FORMAT))?;
    let m = Manager::open(ctx)?;
    let clear = !json && !a.no_reset && std::io::stdout().is_terminal();
    let mut previous: std::collections::HashMap<String, ContainerStats> = Default::default();
    loop {
        let sampled: Vec<(String, ContainerStats)> = containers(&m, &a)?
            .iter()
            .map(|(p, c)| (p.clone(), sample(c, previous.get(c.id()))))
            .collect();
        let mut reports: Vec<serde_json::Value> =
            sampled.iter().map(|(p, s)| report(p, s)).collect();
        let mut out = String::new();
        if clear {
            out.push_str("\x1b[2J\x1b[1;1H");
        }
        if json {
            out.push_str(&json_text(&reports));
            out.push('\n');
        } else if user.is_none() || !reports.is_empty() {
            if reports.is_empty() {
                // podman's default table shows one row of dashes when there is nothing.
                reports.push(json!(FIELDS
                    .iter()
                    .map(|f| (f.to_string(), json!("--")))
                    .collect::<serde_json::Map<_, _>>()));
            }
            let shape = Shape {
                type_name: "entities.PodStatsReport",
                maps: &[],
            };
            let rows = reports
                .iter()
                .map(|r| TValue::Struct(std::rc::Rc::new(Struct::from_json(r, &shape))))
                .collect();
            let (text, err) = format.render(&TValue::list(rows), &|f| header_name(f, HEADERS));
            out.push_str(&text);
            if let Some(e) = err {
                print!("{out}");
                return Err(e);
            }
        }
        // A closed pipe (`| head`) ends the stream.
        if !super::stats::write_frame(&out) {
            return Ok(ExitCode::SUCCESS);
        }
        if a.no_stream {
            return Ok(ExitCode::SUCCESS);
        }
        previous = sampled
            .into_iter()
            .map(|(_, s)| (s.container_id.clone(), s))
            .collect();
        std::thread::sleep(Duration::from_secs(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_go_s_indented_report() {
        assert_eq!(json_text(&[]), "[]");
        let r = json!({"CPU": "1.00%", "MemUsage": "1kB / 2kB", "MemUsageBytes": "1KiB / 2KiB",
            "Mem": "50.00%", "NetIO": "0B / 0B", "BlockIO": "-- / --", "PIDS": "1",
            "Pod": "0123456789ab", "CID": "ba9876543210", "Name": "web"});
        let t = json_text(&[r]);
        assert!(
            t.starts_with("[\n     {\n          \"CPU\": \"1.00%\",\n"),
            "{t}"
        );
        assert!(t.ends_with("          \"Name\": \"web\"\n     }\n]"), "{t}");
        let v: serde_json::Value = serde_json::from_str(&t).unwrap();
        assert_eq!(v[0]["Pod"], "0123456789ab");
    }
}
