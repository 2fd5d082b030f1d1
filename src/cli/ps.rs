//! `ctl ps`: docker's columns and status words, filters, templates.

use std::process::ExitCode;

use anyhow::{bail, Result};
use serde_json::{json, Value};

use ctl::container::lifecycle::Manager;
use ctl::container::state::{State, Status};
use ctl::container::store::ContainerConfig;
use ctl::Context;

use ctl::network::ports::PortMapping;

use super::output::{ago, table, up};
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
    /// Filter: id=, name=, status=, label=KEY[=VALUE], ancestor=, exited=CODE
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub filter: Vec<String>,
    /// json, or a Go template such as '{{.ID}} {{.Names}}' ('table ...' adds a header)
    #[arg(long)]
    pub format: Option<String>,
}

/// The status words docker prints.
pub fn status_text(st: &State) -> String {
    match st.status {
        Status::Created => "Created".into(),
        Status::Configured => "Created".into(),
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
    // "configured" is ctl's own word; docker's and podman's users know it as "created".
    match st.status {
        Status::Configured => "created",
        s => s.as_str(),
    }
}

fn ports_of<'a>(cfg: &'a ContainerConfig, st: &'a State) -> &'a [PortMapping] {
    match &st.network {
        Some(n) => &n.ports,
        None => &cfg.user_ports,
    }
}

/// One container as `ps --format json` prints it: podman's ListContainer (the full id as
/// `Id`, `Names` and `Networks` as lists, `Created` a unix time, `CreatedAt` in words).
pub fn ps_json(cfg: &ContainerConfig, st: &State) -> Value {
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
        "IsInfra": false,
        "Labels": cfg.labels,
        "Mounts": cfg.mounts.iter().map(|m| m.destination.clone()).collect::<Vec<_>>(),
        "Names": [cfg.name],
        "Namespaces": {},
        "Networks": cfg.networks,
        "Pid": st.pid.unwrap_or(0),
        "Pod": "",
        "PodName": "",
        "Ports": ports_of(cfg, st),
        "Restarts": st.restarts,
        "Size": null,
        "StartedAt": unix(st.started_at),
        "State": state_word(st),
        "Status": status_text(st),
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
pub fn ps_row(cfg: &ContainerConfig, st: &State, no_trunc: bool) -> TValue {
    let mut row = Struct::from_json(&ps_json(cfg, st), &PS_SHAPE);
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
        .method("Pod", "")
        .method("Status", status_text(st))
        .method("Restarts", st.restarts.to_string())
        .method("RunningFor", ago(Some(cfg.created)))
        .method("CreatedHuman", ago(Some(cfg.created)))
        .method("Created", created.clone())
        .method("CreatedAt", created)
        .method("Command", command)
        .method("Size", "")
        .method("Names", cfg.name.clone())
        .method("Networks", cfg.networks.join(","))
        .method("Ports", ctl::network::ports::display(ports_of(cfg, st)))
        .method_fn("Label", 1, move |a| {
            let key = a[0].to_text();
            Ok(TValue::from(labels.get(&key).cloned().unwrap_or_default()))
        });
    for ns in ["Cgroup", "IPC", "MNT", "NET", "PIDNS", "User", "UTS"] {
        row.method(ns, "");
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

struct Filter {
    key: String,
    value: String,
}

fn parse_filters(raw: &[String]) -> Result<Vec<Filter>> {
    raw.iter()
        .map(|f| {
            let Some((k, v)) = f.split_once('=') else {
                bail!("invalid filter \"{f}\": expected KEY=VALUE");
            };
            if !matches!(
                k,
                "id" | "name" | "status" | "label" | "ancestor" | "exited"
            ) {
                bail!("invalid filter \"{f}\": unknown key \"{k}\"");
            }
            Ok(Filter {
                key: k.into(),
                value: v.into(),
            })
        })
        .collect()
}

fn matches_one(f: &Filter, cfg: &ContainerConfig, st: &State, m: &Manager) -> bool {
    match f.key.as_str() {
        "id" => cfg.id.starts_with(&f.value),
        "name" => cfg.name.contains(&f.value),
        "status" => {
            let s = match st.status {
                Status::Configured => "created",
                other => other.as_str(),
            };
            s == f.value
        }
        "label" => match f.value.split_once('=') {
            Some((k, v)) => cfg.labels.get(k).is_some_and(|x| x == v),
            None => cfg.labels.contains_key(&f.value),
        },
        "ancestor" => {
            cfg.image_name == f.value
                || cfg.image_id.starts_with(&f.value)
                || m.find_image(&f.value).is_ok_and(|i| i.id == cfg.image_id)
        }
        "exited" => {
            st.status == Status::Exited
                && st.exit_code.map(|c| c.to_string()) == Some(f.value.clone())
        }
        _ => false,
    }
}

/// Same keys OR, different keys AND, as docker.
fn matches(filters: &[Filter], cfg: &ContainerConfig, st: &State, m: &Manager) -> bool {
    let mut keys: Vec<&str> = filters.iter().map(|f| f.key.as_str()).collect();
    keys.dedup();
    keys.iter().all(|k| {
        filters
            .iter()
            .filter(|f| f.key == *k)
            .any(|f| matches_one(f, cfg, st, m))
    })
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    let filters = parse_filters(&args.filter)?;
    let json = args.format.as_deref().is_some_and(super::template::is_json);
    // `--format table` is the default table, as docker takes it.
    let template = match args.format.as_deref() {
        Some(t) if !json && t != "table" => Some(parse_format(t)?),
        _ => None,
    };
    let m = Manager::open(ctx)?;
    let all = args.all || args.last.is_some() || args.latest || !filters.is_empty();
    let mut rows = Vec::new();
    for entry in m.list()? {
        match entry {
            Ok((cfg, st)) => {
                if (!all && st.status != Status::Running) || !matches(&filters, &cfg, &st, &m) {
                    continue;
                }
                rows.push((cfg, st));
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
    if json {
        let objs: Vec<Value> = rows.iter().map(|(c, s)| ps_json(c, s)).collect();
        super::output::print_json(&objs);
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(t) = template {
        let data = TValue::list(
            rows.iter()
                .map(|(c, s)| ps_row(c, s, args.no_trunc))
                .collect(),
        );
        t.print(&data, &|f| header_name(f, PS_HEADERS))?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.quiet {
        for (cfg, _) in &rows {
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
        .map(|(cfg, st)| {
            vec![
                if args.no_trunc {
                    cfg.id.clone()
                } else {
                    cfg.id[..12].to_string()
                },
                cfg.image_name.clone(),
                short_command(&cfg.command, args.no_trunc),
                ago(Some(cfg.created)),
                status_text(st),
                ctl::network::ports::display(ports_of(cfg, st)),
                cfg.name.clone(),
            ]
        })
        .collect();
    print!(
        "{}",
        table(
            &[
                "CONTAINER ID",
                "IMAGE",
                "COMMAND",
                "CREATED",
                "STATUS",
                "PORTS",
                "NAMES"
            ],
            table_rows
        )
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_words_match_docker() {
        let mut st = State::new();
        st.status = Status::Created;
        assert_eq!(status_text(&st), "Created");
        st.status = Status::Running;
        st.started_at = Some(ctl_monitor::time::Timestamp::now());
        assert_eq!(status_text(&st), "Up Less than a second");
        st.exited(Some(3), Some(ctl_monitor::time::Timestamp::now()), None);
        assert_eq!(status_text(&st), "Exited (3) Less than a second ago");
        st.exited(None, Some(ctl_monitor::time::Timestamp::now()), None);
        assert!(status_text(&st).starts_with("Exited (unknown)"));
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
    fn bad_filters_are_errors() {
        assert!(parse_filters(&["nokey".into()]).is_err());
        assert!(parse_filters(&["color=red".into()]).is_err());
        assert!(parse_filters(&["status=running".into()]).is_ok());
    }
}
