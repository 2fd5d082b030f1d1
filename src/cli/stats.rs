//! `ctl stats`: podman's columns, templates and JSON over [`ctl::observe::stats`]; a table
//! redrawn every interval on a terminal, one after another otherwise, one with --no-stream.

use std::collections::HashMap;
use std::io::{IsTerminal, Write as _};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context as _, Result};
use serde::Serialize as _;
use serde_json::json;

use ctl::container::lifecycle::{Container, Manager};
use ctl::container::state::Status;
use ctl::observe::stats::{sample, ContainerStats};
use ctl::Context;

use super::output::{go_bytes_size, go_human_size};
use super::template::{header_name, Format, Origin, Shape, Struct, Value as TValue};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Show all containers (default: running only)
    #[arg(short, long)]
    pub all: bool,
    /// json, or a Go template such as '{{.ID}} {{.MemUsage}}' ('table ...' adds a header)
    #[arg(long)]
    pub format: Option<String>,
    /// Seconds between reports
    #[arg(
        short,
        long,
        value_name = "SECONDS",
        default_value_t = 5,
        allow_negative_numbers = true
    )]
    pub interval: i64,
    /// The container created last
    #[arg(short, long)]
    pub latest: bool,
    /// Do not clear the screen between reports
    #[arg(long)]
    pub no_reset: bool,
    /// Print one report and exit
    #[arg(long)]
    pub no_stream: bool,
    /// Do not truncate ids
    #[arg(long)]
    pub no_trunc: bool,
    /// Containers (name, id or id prefix); default: the running ones
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

/// podman's headers for its stats columns.
const HEADERS: &[(&str, &str)] = &[
    ("ID", "ID"),
    ("UpTime", "CPU TIME"),
    ("CPUPerc", "CPU %"),
    ("AVGCPU", "Avg CPU %"),
    ("MemUsage", "MEM USAGE / LIMIT"),
    ("MemUsageBytes", "MEM USAGE / LIMIT"),
    ("MemPerc", "MEM %"),
    ("NetIO", "NET IO"),
    ("BlockIO", "BLOCK IO"),
    ("PIDS", "PIDS"),
];

const DEFAULT_FORMAT: &str = "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t\
    {{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDS}}\t{{.UpTime}}\t{{.AVGCPU}}";

const SHAPE: Shape = Shape {
    type_name: "containers.containerStats",
    maps: &["Network"],
};

/// The text of one stats row, as podman's containerStats methods make it; what could not
/// be read is `--`.
pub(super) struct Texts {
    pub(super) id: String,
    pub(super) cpu_perc: String,
    pub(super) avg_cpu: String,
    pub(super) up: String,
    pub(super) mem_usage: String,
    pub(super) mem_usage_bytes: String,
    pub(super) mem_perc: String,
    pub(super) net_io: String,
    pub(super) block_io: String,
    pub(super) pids: String,
}

fn percent(f: f64) -> String {
    format!("{f:.2}%")
}

pub(super) fn texts(s: &ContainerStats, no_trunc: bool) -> Texts {
    let u = &s.unavailable;
    let or_dash = |missing: bool, text: String| if missing { "--".to_string() } else { text };
    let pair = |a: Option<u64>, b: Option<u64>, f: fn(u64) -> String| {
        let one = |v: Option<u64>| v.map_or_else(|| "--".to_string(), f);
        format!("{} / {}", one(a), one(b))
    };
    let mem = (u.mem_usage.is_none()).then_some(s.mem_usage);
    let blk_r = u.block_read.is_none().then_some(s.block_input);
    let blk_w = u.block_write.is_none().then_some(s.block_output);
    let (rx, tx) = s
        .network
        .iter()
        .flatten()
        .fold((0u64, 0u64), |(r, t), (_, n)| {
            (r + n.rx_bytes, t + n.tx_bytes)
        });
    let cpu_missing = u.cpu_nanos.is_some();
    Texts {
        id: match no_trunc {
            true => s.container_id.clone(),
            false => s.container_id.chars().take(12).collect(),
        },
        cpu_perc: or_dash(cpu_missing, percent(s.cpu)),
        avg_cpu: or_dash(cpu_missing, percent(s.avg_cpu)),
        up: or_dash(
            cpu_missing,
            ctl::timetype::go_duration_string(i128::from(s.cpu_nano)),
        ),
        mem_usage: pair(mem, Some(s.mem_limit), go_human_size),
        mem_usage_bytes: pair(mem, Some(s.mem_limit), go_bytes_size),
        mem_perc: or_dash(u.mem_usage.is_some(), percent(s.mem_perc)),
        net_io: format!("{} / {}", go_human_size(rx), go_human_size(tx)),
        block_io: pair(blk_r, blk_w, go_human_size),
        pids: or_dash(u.pids.is_some(), s.pids.to_string()),
    }
}

/// podman's define.ContainerStats fields, as templates see them.
fn fields_json(s: &ContainerStats) -> serde_json::Value {
    let network = s.network.as_ref().map(|n| {
        n.iter()
            .map(|(k, c)| {
                (
                    k.clone(),
                    json!({"RxBytes": c.rx_bytes, "RxDropped": c.rx_dropped,
                           "RxErrors": c.rx_errors, "RxPackets": c.rx_packets,
                           "TxBytes": c.tx_bytes, "TxDropped": c.tx_dropped,
                           "TxErrors": c.tx_errors, "TxPackets": c.tx_packets}),
                )
            })
            .collect::<serde_json::Map<_, _>>()
    });
    json!({
        "AvgCPU": s.avg_cpu,
        "ContainerID": s.container_id,
        "Name": s.name,
        "CPU": s.cpu,
        "CPUNano": s.cpu_nano,
        "CPUSystemNano": s.cpu_system_nano,
        "SystemNano": s.system_nano,
        "MemUsage": s.mem_usage,
        "MemLimit": s.mem_limit,
        "MemPerc": s.mem_perc,
        "Network": network,
        "BlockInput": s.block_input,
        "BlockOutput": s.block_output,
        "PIDs": s.pids,
        "UpTime": s.cpu_nano,
        "Duration": s.cpu_nano,
    })
}

/// A template row: the fields, podman's methods over them, `.ContainerStats` the fields.
fn row(s: &ContainerStats, no_trunc: bool) -> TValue {
    let fields = fields_json(s);
    let mut r = Struct::from_json(&fields, &SHAPE);
    let inner = TValue::Struct(std::rc::Rc::new(Struct::from_json(
        &fields,
        &Shape {
            type_name: "define.ContainerStats",
            maps: &["Network"],
        },
    )));
    let t = texts(s, no_trunc);
    r.method("ID", t.id)
        .method("CPUPerc", t.cpu_perc)
        .method("AVGCPU", t.avg_cpu)
        .method("Up", t.up.clone())
        .method("UpTime", t.up)
        .method("MemPerc", t.mem_perc)
        .method("NetIO", t.net_io)
        .method("BlockIO", t.block_io)
        .method("PIDS", t.pids)
        .method("MemUsage", t.mem_usage)
        .method("MemUsageBytes", t.mem_usage_bytes)
        .method("ContainerStats", inner);
    TValue::Struct(std::rc::Rc::new(r))
}

/// One container in podman's `--format json`: its few fields, as text, in its order.
#[derive(serde::Serialize)]
struct JsonStat {
    id: String,
    name: String,
    cpu_time: String,
    cpu_percent: String,
    avg_cpu: String,
    mem_usage: String,
    mem_percent: String,
    net_io: String,
    block_io: String,
    pids: String,
}

/// podman's `--format json`, indented by one space as Go's.
fn json_text(stats: &[ContainerStats], no_trunc: bool) -> String {
    let list: Vec<JsonStat> = stats
        .iter()
        .map(|s| {
            let t = texts(s, no_trunc);
            JsonStat {
                id: t.id,
                name: s.name.clone(),
                cpu_time: t.up,
                cpu_percent: t.cpu_perc,
                avg_cpu: t.avg_cpu,
                mem_usage: t.mem_usage,
                mem_percent: t.mem_perc,
                net_io: t.net_io,
                block_io: t.block_io,
                pids: t.pids,
            }
        })
        .collect();
    let mut out = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b" ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
    list.serialize(&mut ser).expect("JSON output serializes");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// podman's argument checks.
fn check(args: &Args) -> Result<()> {
    let given = [args.all, args.latest, !args.containers.is_empty()];
    if given.iter().filter(|g| **g).count() > 1 {
        bail!("--all, --latest and containers cannot be used together");
    }
    if args.interval < 1 {
        bail!("invalid interval, must be a positive number greater zero");
    }
    Ok(())
}

/// The containers of one report: named ones (an unknown name is an error), or the latest,
/// or all, or the running ones (records unreadable or gone meanwhile are left out).
fn containers(m: &Manager, args: &Args) -> Result<Vec<Container>> {
    let lookup = |name: &str| {
        m.get(name.trim_start_matches('/'))
            .with_context(|| format!("unable to look up container {name}"))
    };
    let found: Result<Vec<Container>> = if args.latest {
        m.latest()
            .map_err(anyhow::Error::from)
            .and_then(|id| lookup(&id))
            .map(|c| vec![c])
    } else if !args.containers.is_empty() {
        args.containers.iter().map(|n| lookup(n)).collect()
    } else {
        let listed = m.list()?.into_iter().filter_map(|c| c.ok());
        Ok(listed
            .filter(|(_, st)| args.all || st.status == Status::Running)
            .map(|(config, state)| Container { config, state })
            .collect())
    };
    found.context("unable to get list of containers")
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    check(&args)?;
    let json = args.format.as_deref().is_some_and(super::template::is_json);
    let format = match args.format.as_deref() {
        // `table` alone is the default table, as docker takes it.
        Some(f) if !json && f != "table" => Format::parse("stats", Origin::User, f)?,
        _ => Format::parse("stats", Origin::User, DEFAULT_FORMAT)?,
    };
    let m = Manager::open(ctx)?;
    let clear = !args.no_reset && std::io::stdout().is_terminal();
    let mut previous: HashMap<String, ContainerStats> = HashMap::new();
    let mut warned = false;
    loop {
        let stats: Vec<ContainerStats> = containers(&m, &args)?
            .iter()
            .map(|c| sample(c, previous.get(c.id())))
            .collect();
        let unreadable: Vec<&String> = stats.iter().flat_map(|s| &s.unreadable).collect();
        if let (false, Some(first)) = (warned, unreadable.first()) {
            warned = true;
            let more = match unreadable.len() - 1 {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            eprintln!(
                "Warning: cannot read {}{more} (no cgroup delegated to this user?); those values show as --",
                ctl::text::escape(first)
            );
        }
        let mut out = String::new();
        if clear {
            out.push_str("\x1b[2J\x1b[1;1H");
        }
        if json {
            out.push_str(&json_text(&stats, args.no_trunc));
            out.push('\n');
        } else {
            let data = TValue::list(stats.iter().map(|s| row(s, args.no_trunc)).collect());
            let (text, err) = format.render(&data, &|f| header_name(f, HEADERS));
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
        if args.no_stream {
            return Ok(ExitCode::SUCCESS);
        }
        previous = stats
            .into_iter()
            .map(|s| (s.container_id.clone(), s))
            .collect();
        std::thread::sleep(Duration::from_secs(args.interval.unsigned_abs()));
    }
}

/// Writes one frame of a stats stream; false when stdout is gone (a closed pipe).
pub(super) fn write_frame(out: &str) -> bool {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(out.as_bytes())
        .and_then(|_| stdout.flush())
        .is_ok()
}
