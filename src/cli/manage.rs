//! Commands on existing containers: stop, kill, rm, restart, and the monitor's
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
    /// Act on the container created last
    #[arg(short, long)]
    pub latest: bool,
    /// Containers (name, id or id prefix)
    pub containers: Vec<String>,
    /// Succeed for containers that do not exist (set by the commands that have --ignore)
    #[arg(skip)]
    pub ignore: bool,
    /// ps filters picking the containers (set by the commands that have --filter)
    #[arg(skip)]
    pub filter: Vec<String>,
}

/// podman's CheckAllLatestAndIDFile.
pub(super) fn check_all_latest(
    all: bool,
    latest: bool,
    cidfile: bool,
    names: &[String],
) -> Result<()> {
    if cidfile && (all || latest) {
        bail!("--all, --latest, and --cidfile cannot be used together");
    }
    if all && latest {
        bail!("--all and --latest cannot be used together");
    }
    if all && !names.is_empty() {
        bail!("no arguments are needed with --all");
    }
    if latest && !names.is_empty() {
        bail!("--latest and containers cannot be used together");
    }
    if !all && !latest && !cidfile && names.is_empty() {
        bail!("you must provide at least one name or id");
    }
    Ok(())
}

/// `--filter`, of the commands podman gives it with -f (stop, restart; rm's has no short
/// form, kill has none).
#[derive(Debug, clap::Args)]
pub struct FilterArg {
    /// Act on the containers that match KEY=VALUE (the filters of ps)
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub filter: Vec<String>,
}

/// `--ignore`, of the commands podman gives it (stop, rm; not kill or restart).
#[derive(Debug, clap::Args)]
pub struct Ignore {
    /// Succeed for containers that do not exist
    #[arg(short, long)]
    pub ignore: bool,
}

impl Targets {
    /// Exactly the containers named.
    fn named(containers: Vec<String>, latest: bool) -> Targets {
        Targets {
            all: false,
            cidfile: vec![],
            latest,
            ignore: false,
            filter: vec![],
            containers,
        }
    }

    /// podman's checks of --all and --latest against names and id files
    /// (`CheckAllLatestAndIDFile`), in its order and words.
    fn check(&self) -> Result<()> {
        // As podman's: --filter goes alone, and overrides --all and --latest.
        if !self.filter.is_empty() {
            if !self.containers.is_empty() {
                bail!("--filter takes no arguments");
            }
            return Ok(());
        }
        check_all_latest(
            self.all,
            self.latest,
            !self.cidfile.is_empty(),
            &self.containers,
        )
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
        if !self.filter.is_empty() {
            return filtered(m, &self.filter, &out);
        }
        if self.latest {
            out.push(m.latest()?);
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
        }
        Ok(out)
    }
}

/// The ids of the containers matching every filter; with ids from --cidfile, only those
/// (podman's getContainers).
fn filtered(m: &Manager, filter: &[String], only: &[String]) -> Result<Vec<String>> {
    let filters = super::ps::compile_filters(m, filter)?;
    Ok(m.list()?
        .into_iter()
        .flatten()
        .filter(|(cfg, _)| only.is_empty() || only.iter().any(|o| *o == cfg.id || *o == cfg.name))
        .filter(|(cfg, st)| filters.matches(cfg, st, m.health(cfg).map(|l| l.status).as_deref()))
        .map(|(cfg, _)| cfg.id)
        .collect())
}

/// Runs `f` on each target, printing what it returns; errors are reported one per line.
pub(super) fn each(
    m: &Manager,
    targets: &Targets,
    only_running: bool,
    f: impl Fn(&Manager, &str) -> ctl::Result<Option<String>>,
) -> Result<ExitCode> {
    targets.check()?;
    let inputs = targets.resolve(m, only_running)?;
    // podman's getContainers: every name is looked up before any is acted on.
    if let Some(e) = first_missing(m, &inputs, targets.ignore) {
        super::output::report_error(&e);
        return Ok(ExitCode::from(e.exit_code()));
    }
    let mut code = 0u8;
    for t in inputs {
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

/// The first of `inputs` that names no container, unless missing ones are ignored.
pub(super) fn first_missing(m: &Manager, inputs: &[String], ignore: bool) -> Option<ctl::Error> {
    inputs.iter().find_map(|input| match m.resolve(input) {
        Err(ctl::Error::ContainerNotFound(_)) if ignore => None,
        Err(e) => Some(e),
        Ok(_) => None,
    })
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
    pub filter: FilterArg,
    #[command(flatten)]
    pub ignore: Ignore,
    #[command(flatten)]
    pub targets: Targets,
}

pub fn stop(ctx: &Context, mut args: StopArgs) -> Result<ExitCode> {
    args.targets.ignore = args.ignore.ignore;
    args.targets.filter = std::mem::take(&mut args.filter.filter);
    let m = Manager::open(ctx)?;
    each(&m, &args.targets, true, |m, input| {
        let c = m.get(input)?;
        let t = args.time.unwrap_or(c.config.stop_timeout as u64);
        let stopped = m.stop(&c, Duration::from_secs(t))?;
        warn_if_killed(&stopped);
        Ok(Some(input.to_string()))
    })
}

/// podman's warning when the stop signal did not end the container in time.
fn warn_if_killed(stopped: &ctl::container::stop::Stopped) {
    if let Some(k) = &stopped.killed_after {
        eprintln!(
            "{}",
            ctl::text::escape(&format!(
                "Warning: StopSignal {} failed to stop container {} in {} seconds, resorting to \
                 SIGKILL",
                signal_name(k.signal),
                stopped.container.config.name,
                k.timeout.as_secs()
            ))
        );
    }
}

/// `SIGTERM` for 15, as Go's `unix.SignalName`; a number without a name as `(N)`.
fn signal_name(signal: i32) -> String {
    match nix::sys::signal::Signal::try_from(signal) {
        Ok(s) => s.as_str().to_string(),
        Err(_) => format!("({signal})"),
    }
}

/// `restart`: as podman's, no --ignore and no --timeout.
#[derive(Debug, clap::Args)]
pub struct RestartArgs {
    /// Seconds to wait before killing (default: the container's stop timeout)
    #[arg(short = 't', long = "time", value_name = "SECS")]
    pub time: Option<u64>,
    /// With --all: only the containers that are running
    #[arg(long)]
    pub running: bool,
    #[command(flatten)]
    pub filter: FilterArg,
    #[command(flatten)]
    pub targets: Targets,
}

pub fn restart(ctx: &Context, mut args: RestartArgs) -> Result<ExitCode> {
    args.targets.filter = std::mem::take(&mut args.filter.filter);
    let m = Manager::open(ctx)?;
    each(&m, &args.targets, args.running, |m, input| {
        let c = m.get(input)?;
        let t = args.time.unwrap_or(c.config.stop_timeout as u64);
        let restarted = m.restart(c.id(), Duration::from_secs(t))?;
        warn_if_killed(&restarted);
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

/// kill's signal as podman reads it: a leading dash is dropped (`-s -9`, `-s -HUP`, as
/// kill(1) writes them), and a bad one is refused in podman's words.
pub(super) fn kill_signal(raw: &str) -> Result<i32> {
    let base = raw.strip_prefix('-').unwrap_or(raw);
    match base.parse::<i64>() {
        Ok(0) => bail!("invalid signal: {base}"),
        Ok(n) if !(1..=64).contains(&n) => bail!("valid signals are 1 through 64"),
        _ => {}
    }
    parse_signal(base).map_err(|_| anyhow::anyhow!("invalid signal: {base}"))
}

pub fn kill(ctx: &Context, args: KillArgs) -> Result<ExitCode> {
    let sig = kill_signal(&args.signal)?;
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
    /// Remove the containers' anonymous volumes too
    #[arg(short = 'v', long)]
    pub volumes: bool,
    /// Remove the containers that join the given containers' namespaces first
    #[arg(long)]
    pub depend: bool,
    /// Remove the containers that match KEY=VALUE (the filters of ps; no short form, as
    /// -f is --force)
    #[arg(long, value_name = "KEY=VALUE")]
    pub filter: Vec<String>,
    #[command(flatten)]
    pub ignore: Ignore,
    #[command(flatten)]
    pub targets: Targets,
}

/// `rm`'s exit code for one failure, as podman's: 1 when a container does not exist, 2
/// when one runs (without --force), 125 otherwise. A 1 stays, and a 2 outranks a 125.
fn rm_code(code: u8, e: &ctl::Error) -> u8 {
    match (code, e) {
        (1, _) | (_, ctl::Error::ContainerNotFound(_)) => 1,
        (_, ctl::Error::RemoveRunning { .. }) | (2, _) => 2,
        _ => 125,
    }
}

fn report_rm_error(e: &ctl::Error) {
    match e {
        // rm's own words (it looks for storage-only containers too).
        ctl::Error::ContainerNotFound(name) => super::output::report_error(&format!(
            "no container with ID or name \"{name}\" found: no such container"
        )),
        e => super::output::report_error(e),
    }
}

pub fn rm(ctx: &Context, mut args: RmArgs) -> Result<ExitCode> {
    if args.time.is_some() && !args.force {
        bail!("--force option must be specified to use the --time option");
    }
    // As podman's: --force ignores containers that do not exist (or are gone meanwhile).
    args.targets.ignore = args.ignore.ignore || args.force;
    args.targets.filter = std::mem::take(&mut args.filter);
    args.targets.check()?;
    let m = Manager::open(ctx)?;
    let inputs = args.targets.resolve(&m, false)?;
    let mut code = 0u8;
    // As podman's: nothing is removed when one name is missing.
    let missing = first_missing(&m, &inputs, args.targets.ignore);
    let inputs = if missing.is_some() { vec![] } else { inputs };
    // As podman's: --all implies --depend; the containers joining another's namespaces go
    // before it, shown by id.
    let inputs = if args.depend || args.targets.all {
        let given: Vec<(String, String)> = inputs
            .into_iter()
            .filter_map(|i| m.resolve(&i).ok().map(|id| (id, i)))
            .collect();
        let ids: Vec<String> = given.iter().map(|(id, _)| id.clone()).collect();
        m.with_dependents_first(&ids)
            .into_iter()
            .map(|id| match given.iter().find(|(g, _)| *g == id) {
                Some((_, input)) => input.clone(),
                None => id,
            })
            .collect()
    } else {
        inputs
    };
    for input in inputs {
        let removed = m.resolve(&input).and_then(|id| match args.volumes {
            true => m.remove_with_volumes(&id, args.force),
            false => m.remove(&id, args.force),
        });
        match removed {
            Ok(()) => println!("{input}"),
            Err(ctl::Error::ContainerNotFound(_)) if args.targets.ignore => {}
            Err(e) => {
                report_rm_error(&e);
                code = rm_code(code, &e);
            }
        }
    }
    if let Some(e) = missing {
        report_rm_error(&e);
        code = rm_code(code, &e);
    }
    let code = ExitCode::from(code);
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
pub struct StartArgs {
    /// Attach to the container's output (and its input, if it keeps stdin open); exit with
    /// its exit code
    #[arg(short, long)]
    pub attach: bool,
    /// Start all containers that are not running (with --filter: those that match)
    #[arg(long)]
    pub all: bool,
    /// Start the container created last
    #[arg(short, long)]
    pub latest: bool,
    /// Start the containers that match KEY=VALUE (the filters of ps; at boot:
    /// should-start-on-boot=true)
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub filter: Vec<String>,
    /// With --attach: pass stdin on (to a container created with -i)
    #[arg(short, long)]
    pub interactive: bool,
    /// With --attach: keys that detach, ctrl-<x> or characters, comma separated
    #[arg(long, default_value = "ctrl-p,ctrl-q", value_name = "KEYS")]
    pub detach_keys: String,
    /// Forward INT, TERM and HUP to the container (default: with --attach)
    #[arg(long, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub sig_proxy: Option<bool>,
    /// Containers (name, id or id prefix)
    pub containers: Vec<String>,
}

impl StartArgs {
    /// podman's checks, in its order and words.
    fn check(&self) -> Result<()> {
        let named = !self.containers.is_empty();
        if !named && !self.all && !self.latest && self.filter.is_empty() {
            bail!("start requires at least one argument");
        }
        if self.latest && (named || self.all) {
            bail!("--latest and containers cannot be used together");
        }
        if self.containers.len() > 1 && self.attach {
            bail!("you cannot start and attach multiple containers at once");
        }
        if named && self.all {
            bail!("either start all containers or the container(s) provided in the arguments");
        }
        if self.attach && self.all {
            bail!("you cannot start and attach all containers at once");
        }
        if named && !self.filter.is_empty() {
            bail!("--filter takes no arguments");
        }
        if self.sig_proxy == Some(true) && !self.attach {
            bail!("you cannot use sig-proxy without --attach: invalid argument");
        }
        Ok(())
    }
}

/// Containers `start --all` / `--filter` picks: those not running that match every filter.
fn start_candidates(m: &Manager, filters: &[String]) -> Result<Vec<String>> {
    let running: Vec<String> = m
        .list()?
        .into_iter()
        .flatten()
        .filter(|(_, st)| matches!(st.status, Status::Running | Status::Created))
        .map(|(cfg, _)| cfg.id)
        .collect();
    let mut ids = filtered(m, filters, &[])?;
    ids.retain(|id| !running.contains(id));
    Ok(ids)
}

pub fn start(ctx: &Context, args: StartArgs) -> Result<ExitCode> {
    args.check()?;
    let m = Manager::open(ctx)?;
    if args.attach {
        return start_attached(&m, &args);
    }
    let names = if args.all || !args.filter.is_empty() {
        start_candidates(&m, &args.filter)?
    } else {
        args.containers
    };
    if names.is_empty() && !args.latest {
        return Ok(ExitCode::SUCCESS);
    }
    let targets = Targets::named(names, args.latest);
    each(&m, &targets, false, |m, input| {
        let id = m.resolve(input)?;
        m.start(&id)?;
        Ok(Some(input.to_string()))
    })
}

/// `start --attach` of one container: its output here (its input too, if it keeps stdin
/// open), and its exit code ours, as a foreground `run`. A running container is joined.
fn start_attached(m: &Manager, args: &StartArgs) -> Result<ExitCode> {
    let c = match args.containers.first() {
        Some(name) => m.get(name)?,
        None => m.get(&m.latest()?)?,
    };
    let opts = super::attach::Options {
        stdin: c.config.stdin,
        tty: c.config.terminal,
        detach_keys: super::attach::parse_detach_keys(&args.detach_keys)?,
        // With a terminal, ^C is a byte for the container's terminal, not our signal.
        sig_proxy: args.sig_proxy.unwrap_or(true) && !c.config.terminal,
        stdout: true,
        stderr: true,
    };
    let code = super::attach::start_attached(m, c.id(), &opts)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kill_reads_signals_as_podman_s() {
        assert_eq!(kill_signal("-1").unwrap(), libc::SIGHUP);
        assert_eq!(kill_signal("-HUP").unwrap(), libc::SIGHUP);
        assert_eq!(kill_signal("9").unwrap(), libc::SIGKILL);
        assert_eq!(kill_signal("SIGTERM").unwrap(), libc::SIGTERM);
        for (raw, want) in [
            ("0", "invalid signal: 0"),
            ("-0", "invalid signal: 0"),
            ("SIGBADSIG", "invalid signal: SIGBADSIG"),
            ("-BADSIG", "invalid signal: BADSIG"),
            ("-", "invalid signal: "),
            ("65", "valid signals are 1 through 64"),
            ("-65", "valid signals are 1 through 64"),
            ("99999999", "valid signals are 1 through 64"),
        ] {
            assert_eq!(kill_signal(raw).unwrap_err().to_string(), want, "{raw}");
        }
    }
}
