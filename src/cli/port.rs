//! `ctl port CTR [PORT[/PROTO]]`: the container's published ports, as docker prints them.

use std::process::ExitCode;

use anyhow::{bail, Result};

use ctl::container::lifecycle::Manager;
use ctl::container::state::Status;
use ctl::network::ports::port_lines;
use ctl::Context;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Container (name, id or id prefix)
    pub container: String,
    /// Only this container port: PORT or PORT/PROTO
    #[arg(value_name = "PORT[/PROTO]")]
    pub port: Option<String>,
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    let m = Manager::open(ctx)?;
    let c = m.get(&args.container)?;
    let maps = match &c.state.network {
        Some(n) => n.ports.clone(),
        // Rootless: the ports pasta or slirp4netns forward while the container runs.
        None if c.state.status == Status::Running => c.config.user_ports.clone(),
        None => Vec::new(),
    };
    let lines = port_lines(&maps);
    let Some(want) = &args.port else {
        for (port, proto, host) in &lines {
            println!("{port}/{proto} -> {host}");
        }
        return Ok(ExitCode::SUCCESS);
    };
    let (port, proto) = want.split_once('/').unwrap_or((want, "tcp"));
    let Ok(port) = port.parse::<u16>() else {
        bail!("invalid port \"{want}\": expected PORT or PORT/PROTO");
    };
    let hits: Vec<&String> = lines
        .iter()
        .filter(|(p, pr, _)| *p == port && pr == proto)
        .map(|(_, _, h)| h)
        .collect();
    if hits.is_empty() {
        bail!(
            "no public port '{port}/{proto}' published for {}",
            args.container
        );
    }
    for h in hits {
        println!("{h}");
    }
    Ok(ExitCode::SUCCESS)
}
