//! Commands on existing containers: stop, kill, rm, wait, restart, prune, and the monitor's
//! cleanup. Each reports every container it was given and fails if any failed.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context as _, Result};

use ctl::container::lifecycle::Manager;
use ctl::container::options::parse_signal;
use ctl::container::state::Status;
use ctl::Context;

/// Containers named on the command line, from --cidfile, or all of them with -a.
#[derive(Debug, clap::Args)]
pub struct Targets {
    /// Act on all containers
    #[arg(short, long)]
    pub all: bool,
    /// Read the container id from this file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Vec<PathBuf>,
    /// Succeed for containers that do not exist
    #[arg(short, long)]
    pub ignore: bool,
    /// Containers (name, id or id prefix)
    pub containers: Vec<String>,
}

impl Targets {
    /// Exactly the containers named.
    fn named(containers: Vec<String>) -> Targets {
        Targets {
            all: false,
            cidfile: vec![],
            ignore: false,
            containers,
        }
    }

    fn resolve(&self, m: &Manager, only_running: bool) -> Result<Vec<String>> {
        let mut out = self.containers.clone();
        for f in &self.cidfile {
            match std::fs::read_to_string(f) {
                Ok(s) => out.push(s.trim().to_string()),
                Err(e) if self.ignore && e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e).with_context(|| format!("reading {}", f.display())),
            }
        }
        if self.all {
            // Every container directory: a record that cannot be read is still a
            // container (`rm -fa` removes it), though nobody can tell whether it runs.
            for entry in m.list()? {
                match entry {
                    Ok((cfg, st)) if !only_running || st.status == Status::Running => {
                        out.push(cfg.id)
                    }
                    Err((id, _)) if !only_running => out.push(id),
                    _ => {}
                }
            }
        } else if out.is_empty() && self.cidfile.is_empty() {
            bail!("no containers given (name them, or use --all)");
        }
        Ok(out)
    }
}

/// Runs `f` on each target, printing what it returns; errors are reported one per line.
fn each(
    m: &Manager,
    targets: &Targets,
    only_running: bool,
    f: impl Fn(&Manager, &str) -> ctl::Result<Option<String>>,
) -> Result<ExitCode> {
    let mut code = 0u8;
    for t in targets.resolve(m, only_running)? {
        match f(m, &t) {
            Ok(Some(line)) => println!("{line}"),
            Ok(None) => {}
            Err(ctl::Error::ContainerNotFound(_)) if targets.ignore => {}
            Err(e) => {
                super::output::report_error(&e);
                code = e.exit_code();
            }
        }
    }
    Ok(ExitCode::from(code))
}

#[derive(Debug, clap::Args)]
pub struct StopArgs {
    /// Seconds to wait before killing (default: the container's stop timeout)
    #[arg(
        short = 't',
        long = "time",
        visible_alias = "timeout",
        value_name = "SECS"
    )]
    pub time: Option<u64>,
    #[command(flatten)]
    pub targets: Targets,
}

pub fn stop(ctx: &Context, args: StopArgs) -> Result<ExitCode> {
    let m = Manager::open(ctx)?;
    each(&m, &args.targets, true, |m, input| {
        let c = m.get(input)?;
        let t = args.time.unwrap_or(c.config.stop_timeout as u64);
        m.stop(&c, Duration::from_secs(t))?;
        Ok(Some(input.to_string()))
    })
}

pub fn restart(ctx: &Context, args: StopArgs) -> Result<ExitCode> {
    let m = Manager::open(ctx)?;
    each(&m, &args.targets, false, |m, input| {
        let c = m.get(input)?;
        let t = args.time.unwrap_or(c.config.stop_timeout as u64);
        m.restart(c.id(), Duration::from_secs(t))?;
        Ok(Some(input.to_string()))
    })
}

#[derive(Debug, clap::Args)]
pub struct KillArgs {
    /// Signal to send (name or number)
    #[arg(short, long, default_value = "KILL")]
    pub signal: String,
    #[command(flatten)]
    pub targets: Targets,
}

pub fn kill(ctx: &Context, args: KillArgs) -> Result<ExitCode> {
    let sig = parse_signal(&args.signal)?;
    let m = Manager::open(ctx)?;
    each(&m, &args.targets, true, |m, input| {
        let c = m.get(input)?;
        m.kill(&c, sig)?;
        Ok(Some(input.to_string()))
    })
}

#[derive(Debug, clap::Args)]
pub struct RmArgs {
    /// Remove running containers too (killing them)
    #[arg(short, long)]
    pub force: bool,
    /// Seconds to wait before killing a running container with --force
    #[arg(short = 't', long = "time", value_name = "SECS")]
    pub time: Option<u64>,
    #[command(flatten)]
    pub targets: Targets,
}

pub fn rm(ctx: &Context, mut args: RmArgs) -> Result<ExitCode> {
    // As podman's: --force ignores containers that do not exist (or are gone meanwhile).
    args.targets.ignore |= args.force;
    let m = Manager::open(ctx)?;
    let code = each(&m, &args.targets, false, |m, input| {
        let id = m.resolve(input)?;
        m.remove(&id, args.force)?;
        Ok(Some(input.to_string()))
    })?;
    if args.targets.all {
        // What killed commands left of containers that are gone goes with them.
        if let Err(e) = m.sweep_network_orphans() {
            eprintln!("{}", ctl::text::escape(&format!("Warning: {e}")));
        }
    }
    // An id file whose container is gone goes too, as podman's: the next `run --cidfile`
    // (a systemd unit's restart) can then write it again.
    for f in &args.targets.cidfile {
        let id = std::fs::read_to_string(f).unwrap_or_default();
        if matches!(m.resolve(id.trim()), Err(ctl::Error::ContainerNotFound(_))) {
            let _ = std::fs::remove_file(f);
        }
    }
    Ok(code)
}

#[derive(Debug, clap::Args)]
pub struct WaitArgs {
    /// Containers (name, id or id prefix)
    #[arg(required = true)]
    pub containers: Vec<String>,
}

pub fn wait(ctx: &Context, args: WaitArgs) -> Result<ExitCode> {
    let m = Manager::open(ctx)?;
    let targets = Targets::named(args.containers);
    each(&m, &targets, false, |m, input| {
        let id = m.resolve(input)?;
        match m.wait(&id)? {
            Some(code) => Ok(Some(code.to_string())),
            None => {
                eprintln!("Warning: {input}: exit status unknown");
                Ok(Some("-1".into()))
            }
        }
    })
}

#[derive(Debug, clap::Args)]
pub struct StartArgs {
    /// Start all containers that are not running (with --filter: those that match)
    #[arg(short, long)]
    pub all: bool,
    /// With --all: restart-policy=POLICY (e.g. at boot: always, unless-stopped)
    #[arg(long, value_name = "KEY=VALUE", requires = "all")]
    pub filter: Vec<String>,
    /// Containers (name, id or id prefix)
    #[arg(required_unless_present = "all")]
    pub containers: Vec<String>,
}

/// Containers `start --all --filter` picks: not running, and matching every filter key.
fn start_candidates(m: &Manager, filters: &[String]) -> Result<Vec<String>> {
    let mut policies = Vec::new();
    for f in filters {
        match f.split_once('=') {
            Some(("restart-policy", p)) => policies.push(p.to_string()),
            _ => bail!("invalid filter \"{f}\": start takes restart-policy=POLICY"),
        }
    }
    Ok(m.list()?
        .into_iter()
        .flatten()
        .filter(|(_, st)| !matches!(st.status, Status::Running | Status::Created))
        .filter(|(cfg, st)| {
            policies.is_empty()
                || policies.iter().any(|p| {
                    let name = cfg.restart.as_str();
                    (name == *p || name.starts_with(&format!("{p}:")))
                        && (p != "unless-stopped" || cfg.restart.starts_at_boot(st.stopped_by_user))
                })
        })
        .map(|(cfg, _)| cfg.id)
        .collect())
}

pub fn start(ctx: &Context, args: StartArgs) -> Result<ExitCode> {
    let m = Manager::open(ctx)?;
    let names = if args.all {
        start_candidates(&m, &args.filter)?
    } else {
        args.containers
    };
    if names.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    let targets = Targets::named(names);
    each(&m, &targets, false, |m, input| {
        let id = m.resolve(input)?;
        m.start(&id)?;
        Ok(Some(input.to_string()))
    })
}

#[derive(Debug, clap::Args)]
pub struct PruneArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
}

pub fn prune(ctx: &Context, _args: PruneArgs) -> Result<ExitCode> {
    let m = Manager::open(ctx)?;
    let mut code = 0;
    for (cfg, st) in m.list()?.into_iter().flatten() {
        if st.status == Status::Running || st.status == Status::Created {
            continue;
        }
        match m.remove(&cfg.id, false) {
            Ok(()) => println!("{}", cfg.id),
            Err(e) => {
                super::output::report_error(&e);
                code = 125;
            }
        }
    }
    Ok(ExitCode::from(code))
}

#[derive(Debug, clap::Args)]
pub struct CleanupArgs {
    /// Container id
    pub container: String,
}

/// Run by the monitor once the container has exited.
pub fn cleanup(ctx: &Context, args: CleanupArgs) -> Result<ExitCode> {
    // Removed already (and maybe its whole store with it): opening the store would create
    // it again.
    if !ctx.root.join("containers").join(&args.container).is_dir() {
        return Ok(ExitCode::SUCCESS);
    }
    let m = Manager::open(ctx)?;
    match m.cleanup(&args.container) {
        Ok(()) | Err(ctl::Error::ContainerNotFound(_)) => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e.into()),
    }
}
