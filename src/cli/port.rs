//! `ctl port CTR [PORT[/PROTO]]`: the container's published ports, as docker prints them.

use std::process::ExitCode;

use anyhow::{bail, Result};

use ctl::container::lifecycle::Manager;
use ctl::container::state::Status;
use ctl::network::ports::port_lines;
use ctl::Context;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The published ports of every running container, each line after its short id
    #[arg(short, long)]
    pub all: bool,
    /// The container created last (the one word is then the port)
    #[arg(short, long)]
    pub latest: bool,
    /// Container (name, id or id prefix), then only this container port: PORT[/PROTO]
    #[arg(value_name = "CONTAINER [PORT[/PROTO]]")]
    pub words: Vec<String>,
}

/// podman's port: its argument rules and words.
pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    if args.words.is_empty() && !args.latest && !args.all {
        bail!("you must supply a running container name or id");
    }
    if args.words.len() > 2 {
        bail!("`port` accepts at most 2 arguments");
    }
    let (container, port) = match args.latest {
        true => (None, args.words.first().filter(|_| args.words.len() == 1)),
        false => (args.words.first(), args.words.get(1)),
    };
    let want = port.map(|p| wanted(p)).transpose()?;
    let m = Manager::open(ctx)?;
    let containers = match (container, args.latest) {
        (Some(c), _) => vec![m.get(c.trim_start_matches('/'))?],
        (None, true) => vec![m.get(&m.latest()?)?],
        (None, false) => m
            .list()?
            .into_iter()
            .filter_map(|c| c.ok())
            .filter(|(_, st)| st.status == Status::Running)
            .map(|(cfg, _)| m.get(&cfg.id))
            .collect::<ctl::Result<Vec<_>>>()?,
    };
    for c in containers {
        let maps = match &c.state.network {
            Some(n) => n.ports.clone(),
            // Rootless: the ports pasta or slirp4netns forward while the container runs.
            None if c.state.status == Status::Running => c.config.user_ports.clone(),
            None => Vec::new(),
        };
        let prefix = match args.all {
            true => format!("{}\t", &c.id()[..12]),
            false => String::new(),
        };
        let lines = port_lines(&maps);
        let Some((port, proto)) = &want else {
            for (port, proto, host) in &lines {
                println!("{prefix}{port}/{proto} -> {host}");
            }
            continue;
        };
        let hit = lines.iter().find(|(p, pr, _)| p == port && pr == proto);
        match hit {
            Some((_, _, host)) => println!("{prefix}{host}"),
            None => bail!("failed to find published port \"{port}/{proto}\""),
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `PORT[/PROTO]`, as podman reads it.
fn wanted(p: &str) -> Result<(u16, String)> {
    let fields: Vec<&str> = p.split('/').collect();
    let (port, proto) = match fields[..] {
        [port] => (port, "tcp"),
        [port, proto] => (port, proto),
        _ => bail!("port formats are port/protocol. '{p}' is invalid"),
    };
    match port.parse::<u16>() {
        Ok(n) => Ok((n, proto.to_string())),
        Err(_) => bail!("strconv.ParseUint: parsing {port:?}: invalid syntax"),
    }
}
