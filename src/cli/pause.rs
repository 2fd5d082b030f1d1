//! `pause`, `unpause` and `container init`: one verb on each container given, reported as
//! podman's (the name as given, else the full id; errors one line each).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context as _, Result};

use ctl::container::lifecycle::Manager;
use ctl::Context;

use super::manage::{check_all_latest, first_missing};

#[derive(Debug, clap::Args)]
pub struct PauseArgs {
    /// All running containers (unpause: all paused ones)
    #[arg(short, long)]
    pub all: bool,
    /// Read the container id from this file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Vec<PathBuf>,
    /// The containers that match KEY=VALUE (as ps --filter)
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub filter: Vec<String>,
    /// The container created last
    #[arg(short, long)]
    pub latest: bool,
    /// Containers (name, id or id prefix)
    pub containers: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// All containers not initialized yet (the others are passed over)
    #[arg(short, long)]
    pub all: bool,
    /// The container created last
    #[arg(short, long)]
    pub latest: bool,
    /// Containers (name, id or id prefix)
    pub containers: Vec<String>,
}

pub fn pause(ctx: &Context, args: PauseArgs) -> Result<ExitCode> {
    let m = Manager::open(ctx)?;
    let targets = pause_targets(&m, &args, "running")?;
    report(&m, targets, args.all, |m, id| m.pause(id))
}

pub fn unpause(ctx: &Context, args: PauseArgs) -> Result<ExitCode> {
    let m = Manager::open(ctx)?;
    let targets = pause_targets(&m, &args, "paused")?;
    report(&m, targets, args.all, |m, id| m.unpause(id))
}

pub fn init(ctx: &Context, args: InitArgs) -> Result<ExitCode> {
    check_all_latest(args.all, args.latest, false, &args.containers)?;
    let m = Manager::open(ctx)?;
    let mut targets: Vec<(Option<String>, String)> = args
        .containers
        .into_iter()
        .map(|c| (Some(c), String::new()))
        .collect();
    if args.latest {
        targets.push((None, m.latest()?));
    }
    if args.all {
        for (cfg, _) in m.list()?.into_iter().flatten() {
            targets.push((None, cfg.id));
        }
    }
    report(&m, targets, args.all, |m, id| m.init(id))
}

/// (the name as given, or none; the id when there was no name) for each container: named
/// ones, from id files, the latest, or with --all / --filter those listed in `state`.
fn pause_targets(
    m: &Manager,
    args: &PauseArgs,
    state: &str,
) -> Result<Vec<(Option<String>, String)>> {
    // podman's CheckAllLatestAndIDFile: --filter goes alone.
    if !args.filter.is_empty() {
        if !args.containers.is_empty() {
            bail!("--filter takes no arguments");
        }
    } else if args.cidfile.is_empty() || !args.containers.is_empty() || args.all || args.latest {
        check_all_latest(
            args.all,
            args.latest,
            !args.cidfile.is_empty(),
            &args.containers,
        )?;
    }
    let mut out: Vec<(Option<String>, String)> = args
        .containers
        .iter()
        .map(|c| (Some(c.clone()), String::new()))
        .collect();
    for f in &args.cidfile {
        let text = std::fs::read_to_string(f).context("reading CIDFile")?;
        let id = text.lines().next().unwrap_or_default().to_string();
        out.push((Some(id), String::new()));
    }
    if args.latest {
        out.push((None, m.latest()?));
    }
    if args.all || !args.filter.is_empty() {
        let filters = super::ps::compile_filters(m, &args.filter)?;
        for (cfg, st) in m.list()?.into_iter().flatten() {
            if (!args.all || st.podman_status() == state)
                && filters.matches(&cfg, &st, m.health(&cfg).map(|l| l.status).as_deref())
            {
                out.push((None, cfg.id));
            }
        }
    }
    Ok(out)
}

/// Runs `verb` on each target; prints the name as given, else the id. With --all, a
/// container in the wrong state is passed over, as podman's.
fn report(
    m: &Manager,
    targets: Vec<(Option<String>, String)>,
    all: bool,
    verb: impl Fn(&Manager, &str) -> ctl::Result<()>,
) -> Result<ExitCode> {
    let named: Vec<String> = targets.iter().filter_map(|(n, _)| n.clone()).collect();
    // podman's getContainers: every name is looked up before any is acted on.
    if let Some(e) = first_missing(m, &named, false) {
        super::output::report_error(&e);
        return Ok(ExitCode::from(e.exit_code()));
    }
    let mut code = 0u8;
    for (name, id) in targets {
        let done = match &name {
            Some(n) => m.resolve(n).and_then(|id| verb(m, &id)),
            None => verb(m, &id),
        };
        match done {
            Ok(()) => println!("{}", ctl::text::escape(name.as_deref().unwrap_or(&id))),
            Err(ctl::Error::StateImproper(_)) if all => {}
            Err(e) => {
                super::output::report_error(&e);
                code = e.exit_code();
            }
        }
    }
    Ok(ExitCode::from(code))
}
