//! `ctl ps`: docker's columns and status words, filters, templates.

use std::process::ExitCode;

use anyhow::{bail, Result};
use serde_json::{json, Value};

use ctl::container::filter::{ContainerFilter, Lookups};
use ctl::container::lifecycle::Manager;
use ctl::container::state::{State, Status};
use ctl::container::store::ContainerConfig;
use ctl::Context;

use ctl::network::ports::PortMapping;

use super::output::{ago, table, up};
pub use super::ps_size::Sizes;
use super::ps_size::{size_text, sizes_of};
use super::template::{header_name, Format, Origin, Shape, Struct, Value as TValue};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Show all containers (default: running only)
    #[arg(short, long)]
    pub all: bool,
    /// Print only container ids
    #[arg(short, long)]
    pub quiet: bool,
    /// Do not truncate ids and commands
    #[arg(long)]
    pub no_trunc: bool,
    /// Show the N most recently created containers (all states)
    #[arg(short = 'n', long = "last", value_name = "N")]
    pub last: Option<usize>,
    /// Show the most recently created container (all states)
    #[arg(short, long)]
    pub latest: bool,
    /// Filter: id, name, status, label, label!, ancestor, exited, before, since, until,
    /// network, volume, health, restart-policy, pod, command, should-start-on-boot (KEY=VALUE)
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub filter: Vec<String>,
    /// json, or a Go template such as '{{.ID}} {{.Names}}' ('table ...' adds a header)
    #[arg(long)]
    pub format: Option<String>,
    /// Do not print the header row
    #[arg(long)]
    pub noheading: bool,
    /// Sort by command, created (oldest first), id, image, names, runningfor, size or status
    #[arg(long, value_name = "KEY",
          value_parser = ["command", "created", "id", "image", "names", "runningfor", "size",
                          "status"])]
    pub sort: Option<String>,
    /// Show each container's size: its writable layer, and with the image's (virtual)
    #[arg(short, long)]
    pub size: bool,
    /// Show external containers too (ctl has none: only ctl's containers exist)
    #[arg(long)]
    pub external: bool,
    /// Show each running container's namespaces (the inode numbers of /proc/PID/ns/*)
    #[arg(long = "namespace", visible_alias = "ns")]
    pub namespace: bool,
    /// Show each container's pod: its id and name
    #[arg(short, long)]
    pub pod: bool,
    /// Refresh the table every N seconds until interrupted
    #[arg(short, long, value_name = "N")]
    pub watch: Option<u64>,
    /// Sync each container's state with the machine (ctl always does)
    #[arg(long)]
    pub sync: bool,
}

/// The namespaces of a container's process as podman's ListContainerNamespaces holds
/// them: its field names, and the JSON's names.
const NAMESPACES: &[(&str, &str, &str)] = &[
    ("Cgroup", "Cgroup", "cgroup"),
    ("IPC", "Ipc", "ipc"),
    ("MNT", "Mnt", "mnt"),
    ("NET", "Net", "net"),
    ("PIDNS", "Pidns", "pid"),
    ("User", "User", "user"),
    ("UTS", "Uts", "uts"),
];

/// The inode number in a namespace link's target, `net:[4026531992]` → `4026531992`.
fn ns_id(link: &str) -> String {
    match (link.find('['), link.rfind(']')) {
        (Some(a), Some(b)) if a < b => link[a + 1..b].to_string(),
        _ => link.to_string(),
    }
}

/// A running container's namespace ids by field name; empty when it has no process.
fn namespaces_of(st: &State) -> std::collections::BTreeMap<&'static str, String> {
    let mut out = std::collections::BTreeMap::new();
    let Some(pid) = st.pid.filter(|_| st.status == Status::Running) else {
        return out;
    };
    for (field, _, file) in NAMESPACES {
        if let Ok(l) = std::fs::read_link(format!("/proc/{pid}/ns/{file}")) {
            out.insert(*field, ns_id(&l.to_string_lossy()));
        }
    }
    out
}

/// A row: the records, `--size`'s sizes, the health log's status (None: no healthcheck).
type Listed = (ContainerConfig, State, Option<Sizes>, Option<String>);

/// podman's SortPsOutput, stable.
fn sort_rows(rows: &mut [Listed], by: &str) {
    let started = |st: &State| unix(st.started_at);
    rows.sort_by(|(a, sa, za, _), (b, sb, zb, _)| match by {
        "command" => a.command.join(" ").cmp(&b.command.join(" ")),
        "id" => a.id.cmp(&b.id),
        "image" => a.image_name.cmp(&b.image_name),
        "names" => a.name.cmp(&b.name),
        "runningfor" => started(sa).cmp(&started(sb)),
        "status" => state_word(sa).cmp(state_word(sb)),
        "size" => match (za, zb) {
            (Some(x), Some(y)) => x.rootfs.cmp(&y.rootfs),
            _ => std::cmp::Ordering::Equal,
        },
        _ => a.created.cmp(&b.created),
    });
}

/// The status words docker prints, with the health status after them as podman's
/// (`Up 5 seconds (healthy)`).
pub fn status_text(st: &State, health: Option<&str>) -> String {
    let words = status_words(st);
    match health.filter(|h| !h.is_empty()) {
        Some(h) => format!("{words} ({h})"),
        None => words,
    }
}

fn status_words(st: &State) -> String {
    match st.status {
        Status::Created => "Initialized".into(),
        Status::Configured => "Created".into(),
        Status::Running if st.paused => "Paused".into(),
        Status::Running => up(st.started_at),
        Status::Exited => {
            let code = st
                .exit_code
                .map(|c| c.to_string())
                .unwrap_or_else(|| "unknown".into());
            format!("Exited ({code}) {}", ago(st.finished_at))
        }
    }
}

fn short_command(cmd: &[String], no_trunc: bool) -> String {
    let full = cmd.join(" ");
    if no_trunc || full.chars().count() <= 20 {
        format!("\"{full}\"")
    } else {
        let cut: String = full.chars().take(19).collect();
        format!("\"{cut}…\"")
    }
}

/// Go's zero time as a unix time: what podman's JSON has for a start or exit that never was.
const GO_ZERO_UNIX: i64 = -62135596800;

fn unix(t: Option<ctl_monitor::time::Timestamp>) -> i64 {
    t.map_or(GO_ZERO_UNIX, |t| t.secs())
}

fn state_word(st: &State) -> &'static str {
    st.podman_status()
}

fn ports_of<'a>(cfg: &'a ContainerConfig, st: &'a State) -> &'a [PortMapping] {
    match &st.network {
        Some(n) => &n.ports,
        None => &cfg.user_ports,
    }
}

/// One container as `ps --format json` prints it: podman's ListContainer (the full id as
/// `Id`, `Names` and `Networks` as lists, `Created` a unix time, `CreatedAt` in words).
#[cfg(test)]
pub fn ps_json(cfg: &ContainerConfig, st: &State) -> Value {
    ps_json_full(cfg, st, None, false, None, None)
}

/// [`ps_json`] with `--size`'s `Size` object, `Namespaces` filled in when `ns` (`--ns`), and
/// the pod's name (`--pod`).
pub fn ps_json_full(
    cfg: &ContainerConfig,
    st: &State,
    size: Option<&Sizes>,
    ns: bool,
    health: Option<&str>,
    pod_name: Option<&str>,
) -> Value {
    let size = size.map(|s| json!({"RootFsSize": s.rootfs, "RwSize": s.rw}));
    let mut namespaces = serde_json::Map::new();
    if ns {
        let ids = namespaces_of(st);
        for (field, key, _) in NAMESPACES {
            if let Some(v) = ids.get(field) {
                namespaces.insert(key.to_string(), Value::from(v.clone()));
            }
        }
    }
    json!({
        "AutoRemove": cfg.auto_remove,
        "Command": cfg.command,
        "Created": unix(Some(cfg.created)),
        "CreatedAt": ago(Some(cfg.created)),
        "CIDFile": "",
        "Exited": st.status == Status::Exited,
        "ExitedAt": unix(st.finished_at),
        "ExitCode": st.exit_code.unwrap_or(0),
        "Id": cfg.id,
        "Image": cfg.image_name,
        "ImageID": cfg.image_id,
        "IsInfra": cfg.infra,
        "Labels": cfg.labels,
        "Mounts": cfg.mounts.iter().map(|m| m.destination.clone()).collect::<Vec<_>>(),
        "Names": [cfg.name],
        "Namespaces": namespaces,
        "Networks": cfg.networks,
        "Pid": st.pid.unwrap_or(0),
        "Pod": cfg.pod.clone().unwrap_or_default(),
        "PodName": pod_name.unwrap_or_default(),
        "Ports": ports_of(cfg, st),
        "Restarts": st.restarts,
        "Size": size,
        "StartedAt": unix(st.started_at),
        "State": state_word(st),
        "Status": status_text(st, health),
    })
}

/// ps rows as templates see them: podman's psReporter, whose methods shadow the JSON's
/// fields.
const PS_SHAPE: Shape = Shape {
    type_name: "containers.psReporter",
    maps: &["Labels", "ExposedPorts"],
};

/// A ps row for templates: the JSON's fields, and podman's psReporter methods over them
/// (`.ID` short unless --no-trunc, `.Names` the name, `.Labels` the map, `.Label "k"` one
/// label, `.Command` cut at 17 bytes, `.Ports` and `.Networks` as text, `.CreatedAt` as
/// Go prints a time).
#[cfg(test)]
pub fn ps_row(cfg: &ContainerConfig, st: &State, no_trunc: bool) -> TValue {
    ps_row_full(cfg, st, None, no_trunc, false, None, None)
}

/// [`ps_row`] with `--size`'s sizes (`.Size` is empty without them, as podman's), and the
/// namespace methods (`.NET`, ...) filled in when `ns`.
pub fn ps_row_full(
    cfg: &ContainerConfig,
    st: &State,
    size: Option<&Sizes>,
    no_trunc: bool,
    ns: bool,
    health: Option<&str>,
    pod_name: Option<&str>,
) -> TValue {
    let mut row = Struct::from_json(
        &ps_json_full(cfg, st, size, ns, health, pod_name),
        &PS_SHAPE,
    );
    let short = |id: &str| {
        if no_trunc {
            id.to_string()
        } else {
            id.chars().take(12).collect()
        }
    };
    let mut command = cfg.command.join(" ");
    if !no_trunc && command.len() > 17 {
        let mut end = 17;
        while !command.is_char_boundary(end) {
            end -= 1;
        }
        command.truncate(end);
        command.push_str("...");
    }
    let created = super::template::go_time_of(cfg.created);
    let labels = cfg.labels.clone();
    row.method("ID", short(&cfg.id))
        .method("ImageID", short(&cfg.image_id))
        .method("Pod", short(cfg.pod.as_deref().unwrap_or_default()))
        .method("Status", status_text(st, health))
        .method("Restarts", st.restarts.to_string())
        .method("RunningFor", ago(Some(cfg.created)))
        .method("CreatedHuman", ago(Some(cfg.created)))
        .method("Created", created.clone())
        .method("CreatedAt", created)
        .method("Command", command)
        .method("Size", size.map(size_text).unwrap_or_default())
        .method("Names", cfg.name.clone())
        .method("Networks", cfg.networks.join(","))
        .method("Ports", ctl::network::ports::display(ports_of(cfg, st)))
        .method_fn("Label", 1, move |a| {
            let key = a[0].to_text();
            Ok(TValue::from(labels.get(&key).cloned().unwrap_or_default()))
        });
    let mut ids = if ns {
        namespaces_of(st)
    } else {
        Default::default()
    };
    for (field, _, _) in NAMESPACES {
        row.method(field, ids.remove(field).unwrap_or_default());
    }
    TValue::Struct(std::rc::Rc::new(row))
}

/// A ps template; `.Namespaces.X` is `.X`, as podman rewrites it.
fn parse_format(t: &str) -> Result<Format> {
    Format::parse("ps", Origin::User, &t.replace(".Namespaces.", "."))
}

/// podman's ps headers: a field's name in words, or these.
const PS_HEADERS: &[(&str, &str)] = &[
    ("Cgroup", "cgroupns"),
    ("CreatedHuman", "created"),
    ("ID", "container id"),
    ("IPC", "ipc"),
    ("MNT", "mnt"),
    ("NET", "net"),
    ("Networks", "networks"),
    ("PIDNS", "pidns"),
    ("Pod", "pod id"),
    ("PodName", "podname"),
    ("Restarts", "restarts"),
    ("RunningFor", "running for"),
    ("UTS", "uts"),
    ("User", "userns"),
];

/// The compiled `--filter`s, looking up what their values name in the store.
pub(super) fn compile_filters(m: &Manager, raw: &[String]) -> Result<ContainerFilter> {
    let container = |v: &str| {
        m.get(v)
            .ok()
            .map(|c| (c.config.id, ctl::timetype::of(c.config.created)))
    };
    let nets = m.networks().ok();
    let network = |v: &str| nets.as_ref().and_then(|n| n.get(v).ok()).map(|n| n.name);
    let image = |v: &str| m.find_image(v).ok().map(|i| i.id);
    // Only a pod filter opens the pod store: a plain listing reads no more than before.
    let pod = |v: &str| m.pods().ok().and_then(|p| p.resolve(v).ok());
    let now = ctl::timetype::now();
    let look = Lookups {
        container: &container,
        network: &network,
        image: &image,
        pod: &pod,
        now,
        local_offset: ctl::timetype::local_offset(now.0),
    };
    ContainerFilter::compile(raw, &look).map_err(anyhow::Error::msg)
}

/// podman's default `--ns` row.
const NS_TABLE: &str = "table {{.ID}}\t{{.Names}}\t{{.Pid}}\t{{.Cgroup}}\t{{.IPC}}\t{{.MNT}}\t\
                        {{.NET}}\t{{.PIDNS}}\t{{.User}}\t{{.UTS}}";

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    if args.quiet && (args.size || args.namespace) {
        bail!("quiet conflicts with size and namespace");
    }
    if args.size && args.namespace {
        bail!("size and namespace options conflict");
    }
    if args.last.is_some() && args.latest {
        bail!("last and latest are mutually exclusive");
    }
    let watch = args.watch.filter(|&n| n > 0);
    if watch.is_some() && args.latest {
        bail!("the watch and latest flags cannot be used together");
    }
    let json = args.format.as_deref().is_some_and(super::template::is_json);
    // `--format table` is the default table, as docker takes it.
    let template = match args.format.as_deref() {
        Some(t) if !json && t != "table" => Some(parse_format(t)?),
        _ if args.namespace && !json => Some(parse_format(NS_TABLE)?),
        _ => None,
    };
    let m = Manager::open(ctx)?;
    let filters = compile_filters(&m, &args.filter)?;
    // As podman's: JSON and -q print once; a table or template is redrawn every N seconds.
    let Some(secs) = watch.filter(|_| !json && (!args.quiet || template.is_some())) else {
        return print_once(&m, &args, &filters, json, template.as_ref());
    };
    loop {
        // podman's ClearScreen: home, then clear the screen.
        print!("\x1b[H\x1b[2J");
        print_once(&m, &args, &filters, false, template.as_ref())?;
        std::thread::sleep(std::time::Duration::from_secs(secs));
    }
}

/// One listing: the rows chosen, ordered and printed as the flags say.
fn print_once(
    m: &Manager,
    args: &Args,
    filters: &ContainerFilter,
    json: bool,
    template: Option<&Format>,
) -> Result<ExitCode> {
    // As podman's: a status filter looks at every container; other filters, like no
    // filter, at the running ones unless -a (or -n, -l) says all.
    let all = args.all || args.last.is_some() || args.latest || filters.has_status();
    let mut rows: Vec<Listed> = Vec::new();
    let listed = m.list()?;
    // Volume mounts of users found dead above go, as their records now say (best effort:
    // the next look tries again).
    let _ = m.settle_volume_mounts();
    for entry in listed {
        match entry {
            Ok((cfg, st)) => {
                if !all && st.podman_status() != "running" {
                    continue;
                }
                let health = m.health(&cfg).map(|l| l.status);
                if !filters.matches(&cfg, &st, health.as_deref()) {
                    continue;
                }
                let size = args.size.then(|| sizes_of(m, &cfg));
                rows.push((cfg, st, size, health));
            }
            Err((id, why)) => eprintln!(
                "Warning: container {id}: {}",
                ctl::text::escape(&why.to_string())
            ),
        }
    }
    let limit = if args.latest { Some(1) } else { args.last };
    if let Some(n) = limit {
        rows.truncate(n);
    }
    // podman's pkg/ps: the newest N are chosen, then every listing is oldest first.
    rows.reverse();
    // `--pod`: the pods' names, read once each (podman fills PodName only then).
    let mut pod_names = std::collections::BTreeMap::new();
    if args.pod {
        let pods = m.pods()?;
        for id in rows.iter().filter_map(|(c, ..)| c.pod.clone()) {
            let name = pods.config(&id).map(|p| p.name).unwrap_or_default();
            pod_names.insert(id, name);
        }
    }
    let pod_name = |c: &ContainerConfig| c.pod.as_ref().and_then(|p| pod_names.get(p)).cloned();
    if let Some(by) = &args.sort {
        sort_rows(&mut rows, by);
    }
    if json {
        let objs: Vec<Value> = rows
            .iter()
            .map(|(c, s, z, h)| {
                let pod = pod_name(c);
                ps_json_full(
                    c,
                    s,
                    z.as_ref(),
                    args.namespace,
                    h.as_deref(),
                    pod.as_deref(),
                )
            })
            .collect();
        super::output::print_json(&objs);
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(t) = template {
        let data = TValue::list(
            rows.iter()
                .map(|(c, s, z, h)| {
                    ps_row_full(
                        c,
                        s,
                        z.as_ref(),
                        args.no_trunc,
                        args.namespace,
                        h.as_deref(),
                        pod_name(c).as_deref(),
                    )
                })
                .collect(),
        );
        t.print_listing(&data, &|f| header_name(f, PS_HEADERS), args.noheading)?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.quiet {
        for (cfg, _, _, _) in &rows {
            println!(
                "{}",
                if args.no_trunc {
                    &cfg.id
                } else {
                    &cfg.id[..12]
                }
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let table_rows = rows
        .iter()
        .map(|(cfg, st, size, health)| {
            let mut row = vec![
                if args.no_trunc {
                    cfg.id.clone()
                } else {
                    cfg.id[..12].to_string()
                },
                cfg.image_name.clone(),
                short_command(&cfg.command, args.no_trunc),
                ago(Some(cfg.created)),
                status_text(st, health.as_deref()),
                ctl::network::ports::display(ports_of(cfg, st)),
                cfg.name.clone(),
            ];
            if args.pod {
                let id = cfg.pod.as_deref().unwrap_or_default();
                row.push(if args.no_trunc {
                    id.to_string()
                } else {
                    id.chars().take(12).collect()
                });
                row.push(pod_name(cfg).unwrap_or_default());
            }
            row.extend(size.as_ref().map(size_text));
            row
        })
        .collect();
    let mut header = vec![
        "CONTAINER ID",
        "IMAGE",
        "COMMAND",
        "CREATED",
        "STATUS",
        "PORTS",
        "NAMES",
    ];
    if args.pod {
        header.extend(["POD ID", "PODNAME"]);
    }
    if args.size {
        header.push("SIZE");
    }
    print!(
        "{}",
        super::output::without_header(table(&header, table_rows), args.noheading)
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::ps_size::{dir_size, units_size};

    #[test]
    fn namespace_ids_are_the_links_inodes() {
        assert_eq!(ns_id("net:[4026531992]"), "4026531992");
        assert_eq!(ns_id("weird"), "weird");
    }

    #[test]
    fn status_words_match_docker() {
        let mut st = State::new();
        st.status = Status::Configured;
        assert_eq!(status_text(&st, None), "Created");
        // In the runtime, not started: podman's initialized.
        st.status = Status::Created;
        assert_eq!(status_text(&st, None), "Initialized");
        st.status = Status::Running;
        st.started_at = Some(ctl_monitor::time::Timestamp::now());
        assert_eq!(status_text(&st, None), "Up Less than a second");
        st.exited(Some(3), Some(ctl_monitor::time::Timestamp::now()), None);
        assert_eq!(status_text(&st, None), "Exited (3) Less than a second ago");
        st.exited(None, Some(ctl_monitor::time::Timestamp::now()), None);
        assert!(status_text(&st, None).starts_with("Exited (unknown)"));
        assert!(status_text(&st, Some("unhealthy")).ends_with(" ago (unhealthy)"));
        st.status = Status::Running;
        st.started_at = Some(ctl_monitor::time::Timestamp::now());
        assert_eq!(
            status_text(&st, Some("healthy")),
            "Up Less than a second (healthy)"
        );
        assert_eq!(status_text(&st, Some("")), "Up Less than a second");
    }

    #[test]
    fn commands_are_quoted_and_truncated() {
        let c = vec![
            "sh".to_string(),
            "-c".into(),
            "sleep 1000; echo done".into(),
        ];
        assert_eq!(short_command(&c, false), "\"sh -c sleep 1000; e…\"");
        assert_eq!(short_command(&c, true), "\"sh -c sleep 1000; echo done\"");
    }

    fn record() -> (ContainerConfig, State) {
        let cfg: ContainerConfig = serde_json::from_value(json!({
            "id": "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "name": "web",
            "image_id": "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210",
            "image_name": "docker.io/library/busybox:latest",
            "created": "2026-01-02T03:04:05.5+00:00",
            "command": ["sh", "-c", "sleep 1000; echo done"],
            "env": [],
            "labels": {"tier": "backend", "a": "1"},
            "mounts": [{"kind": "bind", "source": "/srv", "destination": "/data", "readonly": false}],
            "hostname": "web",
            "user": "",
            "workdir": "/",
            "network": "bridge",
            "networks": ["ctl", "app"],
            "stop_signal": 15,
            "stop_timeout": 10,
            "auto_remove": false,
            "read_only": false,
            "terminal": false,
            "stdin": false,
            "log": {"driver": "k8s-file", "path": "/x/ctr.log", "max_size": 0, "max_files": 1},
            "runtime": "runc",
        }))
        .expect("a container record");
        let mut st = State::new();
        st.status = Status::Running;
        st.pid = Some(42);
        st.started_at = Some(ctl_monitor::time::Timestamp::now());
        (cfg, st)
    }

    fn render(format: &str, no_trunc: bool) -> String {
        let (cfg, st) = record();
        let f = parse_format(format).unwrap();
        let rows = TValue::list(vec![ps_row(&cfg, &st, no_trunc)]);
        let (out, err) = f.render(&rows, &|n| header_name(n, PS_HEADERS));
        assert!(err.is_none(), "{format}: {err:?}");
        out
    }

    #[test]
    fn ps_rows_are_podman_s_ps_reporter() {
        assert_eq!(
            render(
                "{{.ID}} {{.Names}} {{.Command}} {{.Networks}} {{.Mounts}}",
                false
            ),
            "0123456789ab web sh -c sleep 1000;... ctl,app [/data]\n"
        );
        assert_eq!(
            render("{{.ID}}|{{.Command}}", true),
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef|sh -c sleep 1000; echo done\n"
        );
        assert_eq!(
            render("{{.Labels}} {{.Label \"tier\"}} {{.Labels.nosuch}} {{.Pid}} {{.State}} {{.Restarts}}", false),
            "map[a:1 tier:backend] backend <no value> 42 running 0\n"
        );
        assert_eq!(
            render("{{.CreatedAt}} {{.Image}} {{.ImageID}}", false),
            "2026-01-02 03:04:05.5 +0000 UTC docker.io/library/busybox:latest fedcba987654\n"
        );
        assert!(render("{{.Status}}", false).starts_with("Up "));
        // podman's headers: names in words, its own for some.
        assert_eq!(
            render(
                "table {{.ID}} {{.Names}} {{.ImageID}} {{.Namespaces.Cgroup}} {{.RunningFor}}",
                false
            )
            .lines()
            .next()
            .map(str::trim_end),
            Some("CONTAINER ID  NAMES       IMAGE ID      CGROUPNS    RUNNING FOR")
        );
        assert!(render("table {{.CreatedHuman}}", false).starts_with("CREATED\n"));
        // JSON as podman's ListContainer.
        let (cfg, st) = record();
        let v = ps_json(&cfg, &st);
        assert_eq!(v["Names"], json!(["web"]));
        assert_eq!(v["Id"], json!(cfg.id));
        assert_eq!(v["Networks"], json!(["ctl", "app"]));
        assert_eq!(v["ExitedAt"], json!(GO_ZERO_UNIX));
        assert!(v.get("ID").is_none());
    }

    #[test]
    fn sizes_are_go_units_with_three_digits() {
        assert_eq!(units_size(0), "0B");
        assert_eq!(units_size(12), "12B");
        assert_eq!(units_size(4096), "4.1kB");
        assert_eq!(units_size(1_234_567), "1.23MB");
        assert_eq!(units_size(123_456_789), "123MB");
        assert_eq!(
            size_text(&Sizes {
                rw: 12,
                rootfs: 4_410_000
            }),
            "12B (virtual 4.41MB)"
        );
        let (cfg, st) = record();
        let z = Sizes { rw: 5, rootfs: 9 };
        assert_eq!(
            ps_json_full(&cfg, &st, Some(&z), false, None, None)["Size"],
            json!({"RootFsSize": 9, "RwSize": 5})
        );
        assert_eq!(ps_json(&cfg, &st)["Size"], Value::Null);
    }

    #[test]
    fn rows_sort_as_podman_s_sort_ps_output() {
        let (a, sa) = record();
        let mut b = a.clone();
        b.id = "f".repeat(64);
        b.name = "alpha".into();
        b.image_name = "a/image".into();
        b.command = vec!["zzz".into()];
        b.created = "2025-01-01T00:00:00Z".parse().unwrap();
        let mut sb = sa.clone();
        sb.status = Status::Exited;
        let mut rows: Vec<Listed> = vec![(a, sa, None, None), (b, sb, None, None)];
        let order = |rows: &mut Vec<Listed>, by: &str| {
            sort_rows(rows, by);
            rows.iter().map(|r| r.0.name.clone()).collect::<Vec<_>>()
        };
        assert_eq!(order(&mut rows, "names"), ["alpha", "web"]);
        assert_eq!(order(&mut rows, "id"), ["web", "alpha"]);
        assert_eq!(order(&mut rows, "image"), ["alpha", "web"]);
        assert_eq!(order(&mut rows, "command"), ["web", "alpha"]);
        assert_eq!(order(&mut rows, "created"), ["alpha", "web"]);
        assert_eq!(order(&mut rows, "status"), ["alpha", "web"]);
    }

    #[test]
    fn a_directory_s_size_counts_hard_links_once() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("a"), [0u8; 100]).unwrap();
        std::fs::create_dir(d.path().join("sub")).unwrap();
        std::fs::write(d.path().join("sub/b"), [0u8; 20]).unwrap();
        std::fs::hard_link(d.path().join("a"), d.path().join("sub/a2")).unwrap();
        assert_eq!(dir_size(d.path()), 120);
    }
}
