//! `ctl ps`: docker's columns and status words, filters, templates.

use std::process::ExitCode;

use anyhow::{bail, Result};
use serde_json::{json, Value};

use ctl::container::lifecycle::Manager;
use ctl::container::state::{State, Status};
use ctl::container::store::ContainerConfig;
use ctl::Context;

use super::output::{ago, table, up};
use super::template::{align_tabs, Template};

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
    /// json, or a template such as '{{.ID}} {{.Names}}' ('table ...' adds a header)
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

/// One container as the object templates and `--format json` see.
pub fn ps_object(cfg: &ContainerConfig, st: &State, no_trunc: bool) -> Value {
    let id = if no_trunc {
        cfg.id.clone()
    } else {
        cfg.id[..12].to_string()
    };
    json!({
        "ID": id,
        "Id": cfg.id,
        "Image": cfg.image_name,
        "ImageID": cfg.image_id,
        "Command": short_command(&cfg.command, no_trunc),
        "CreatedAt": cfg.created,
        "RunningFor": ago(Some(cfg.created)),
        "Status": status_text(st),
        // "configured" is ctl's own word; docker's users know it as "created".
        "State": match st.status {
            Status::Configured => "created",
            s => s.as_str(),
        },
        "Ports": match &st.network {
            Some(n) => ctl::network::ports::display(&n.ports),
            None => ctl::network::ports::display(&cfg.user_ports),
        },
        "Networks": cfg.networks.join(","),
        "Names": cfg.name,
        "Labels": cfg.labels,
        "Pid": st.pid.unwrap_or(0),
        "ExitCode": st.exit_code,
        "Restarts": st.restarts,
        "Mounts": cfg.mounts.iter().map(|m| m.destination.clone()).collect::<Vec<_>>(),
    })
}

/// Docker's header for a template field.
fn header_of(field: &str) -> String {
    match field {
        "ID" | "Id" => "CONTAINER ID".into(),
        "RunningFor" | "CreatedAt" => "CREATED".into(),
        "Names" => "NAMES".into(),
        other => other.to_uppercase(),
    }
}

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
    let template = match args.format.as_deref() {
        None | Some("table") | Some("json") => None,
        Some(t) => Some(Template::parse(t)?),
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
    let objs: Vec<Value> = rows
        .iter()
        .map(|(c, s)| ps_object(c, s, args.no_trunc))
        .collect();
    if args.format.as_deref() == Some("json") {
        super::output::print_json(&objs);
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(t) = template {
        let mut lines = Vec::new();
        if t.table {
            lines.push(t.header(header_of));
        }
        for o in &objs {
            lines.push(t.render(o)?);
        }
        if t.table {
            print!("{}", align_tabs(&lines));
        } else {
            for l in lines {
                println!("{l}");
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let s = |o: &Value, k: &str| o[k].as_str().unwrap_or_default().to_string();
    let table_rows = objs
        .iter()
        .map(|o| {
            vec![
                s(o, "ID"),
                s(o, "Image"),
                s(o, "Command"),
                s(o, "RunningFor"),
                s(o, "Status"),
                s(o, "Ports"),
                s(o, "Names"),
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
        st.exited(None, None, None);
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

    #[test]
    fn bad_filters_are_errors() {
        assert!(parse_filters(&["nokey".into()]).is_err());
        assert!(parse_filters(&["color=red".into()]).is_err());
        assert!(parse_filters(&["status=running".into()]).is_ok());
    }
}
