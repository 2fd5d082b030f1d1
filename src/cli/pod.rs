//! `ctl pod create|start|stop|restart|kill|pause|unpause|rm|exists|prune` (`ps`,
//! `inspect` in pod_ps.rs; `logs`, `top`, `stats` in pod_observe.rs): podman's flags, one line per pod acted on (its full id), one
//! error line per pod that failed.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Result};

use ctl::container::lifecycle::Manager;
use ctl::container::options::parse_labels;
use ctl::pod::create::PodRequest;
use ctl::pod::record::{parse_share, ExitPolicy};
use ctl::Context;

use super::pod_ps::{InspectArgs, PsArgs};

#[derive(Debug, clap::Subcommand)]
pub enum PodCommand {
    /// Create a new empty pod
    Create(Box<CreateArgs>),
    /// Start one or more pods
    Start(StartArgs),
    /// Stop one or more pods
    Stop(StopArgs),
    /// Restart one or more pods
    Restart(PodsArgs),
    /// Send the specified signal or SIGKILL to containers in pod
    Kill(KillArgs),
    /// Pause one or more pods
    Pause(PodsArgs),
    /// Unpause one or more pods
    Unpause(PodsArgs),
    /// Remove one or more pods
    #[command(alias = "remove")]
    Rm(RmArgs),
    /// List pods
    #[command(alias = "ls", alias = "list")]
    Ps(PsArgs),
    /// Display a pod configuration
    Inspect(InspectArgs),
    /// Check if a pod exists in local storage
    Exists(super::exists::Args),
    /// Remove all stopped pods and their containers
    Prune(PruneArgs),
    /// Fetch logs for pod with one or more containers
    Logs(super::pod_observe::LogsArgs),
    /// Display the running processes of containers in a pod
    Top(super::pod_observe::TopArgs),
    /// Display a live stream of resource usage statistics for the containers in one or more pods
    Stats(super::pod_observe::StatsArgs),
}

#[derive(Debug, clap::Args)]
pub struct CreateArgs {
    /// Assign a name to the pod
    #[arg(short, long)]
    pub name: Option<String>,
    /// Publish a container's port, or a range of ports, to the host
    #[arg(short, long = "publish", value_name = "[IP:][HOST:]CTR[/PROTO]")]
    pub publish: Vec<String>,
    /// Network for the pod's infra container: bridge, NAME, none, host
    #[arg(long, alias = "net")]
    pub network: Option<String>,
    /// Namespaces to share: a comma list of cgroup, ipc, net, pid, uts (+NS adds to the
    /// defaults ipc,net,uts; none shares nothing)
    #[arg(long, value_name = "NS")]
    pub share: Option<String>,
    /// Create an infra container for the pod
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true",
          default_value = "true", action = clap::ArgAction::Set)]
    pub infra: bool,
    /// Image for the infra container (default: an empty rootfs running catatonit -P)
    #[arg(long, value_name = "IMAGE")]
    pub infra_image: Option<String>,
    /// Command the infra container runs
    #[arg(long, value_name = "COMMAND")]
    pub infra_command: Option<String>,
    /// Name of the infra container (default: the pod id's first 12 digits, then -infra)
    #[arg(long, value_name = "NAME")]
    pub infra_name: Option<String>,
    /// Set a label on the pod: KEY=VALUE
    #[arg(short, long = "label", value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// The pod's hostname (default: its name)
    #[arg(long)]
    pub hostname: Option<String>,
    /// Add a custom host-to-IP mapping (NAME[;NAME...]:IP)
    #[arg(long, value_name = "HOST:IP")]
    pub add_host: Vec<String>,
    /// Set custom DNS servers
    #[arg(long, value_name = "IP")]
    pub dns: Vec<String>,
    /// Bind mount a volume into every container of the pod
    #[arg(short, long = "volume", value_name = "[SRC:]DST[:OPTS]")]
    pub volume: Vec<String>,
    /// Write the pod id to this file
    #[arg(long, value_name = "FILE")]
    pub pod_id_file: Option<PathBuf>,
    /// Write the infra container's monitor pid to this file
    #[arg(long, value_name = "FILE")]
    pub infra_conmon_pidfile: Option<PathBuf>,
    /// Remove a pod of the same name first
    #[arg(long)]
    pub replace: bool,
    /// What to do when the last container exits: continue or stop
    #[arg(long, value_name = "POLICY", default_value = "continue")]
    pub exit_policy: String,
    /// Name of the pod (as --name)
    #[arg(value_name = "NAME")]
    pub pod: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct PodsArgs {
    /// Act on all pods
    #[arg(short, long)]
    pub all: bool,
    /// Pods (names or ids)
    pub pods: Vec<String>,
}

/// `--pod-id-file`: pods named by the id files `pod create --pod-id-file` wrote.
#[derive(Debug, Default, clap::Args)]
pub struct IdFiles {
    /// Read the pod id from this file
    #[arg(long = "pod-id-file", value_name = "FILE")]
    pub pod_id_file: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct StartArgs {
    #[command(flatten)]
    pub files: IdFiles,
    #[command(flatten)]
    pub pods: PodsArgs,
}

#[derive(Debug, clap::Args)]
pub struct StopArgs {
    /// Seconds to wait before killing each container (default: each container's own)
    #[arg(
        short = 't',
        long = "time",
        value_name = "SECS",
        allow_negative_numbers = true
    )]
    pub time: Option<i64>,
    /// Ignore errors when a pod does not exist
    #[arg(short, long)]
    pub ignore: bool,
    #[command(flatten)]
    pub files: IdFiles,
    #[command(flatten)]
    pub pods: PodsArgs,
}

#[derive(Debug, clap::Args)]
pub struct KillArgs {
    /// Signal to send to the containers
    #[arg(short, long, default_value = "KILL")]
    pub signal: String,
    #[command(flatten)]
    pub pods: PodsArgs,
}

#[derive(Debug, clap::Args)]
pub struct RmArgs {
    /// Stop and remove running containers too
    #[arg(short, long)]
    pub force: bool,
    /// Ignore errors when a pod does not exist
    #[arg(short, long)]
    pub ignore: bool,
    /// Seconds to wait before killing running containers with --force
    #[arg(
        short = 't',
        long = "time",
        value_name = "SECS",
        allow_negative_numbers = true
    )]
    pub time: Option<i64>,
    #[command(flatten)]
    pub files: IdFiles,
    #[command(flatten)]
    pub pods: PodsArgs,
}

#[derive(Debug, clap::Args)]
pub struct PruneArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
}

pub fn exec(ctx: &Context, cmd: PodCommand) -> Result<ExitCode> {
    let m = Manager::open(ctx)?;
    match cmd {
        PodCommand::Create(a) => create(&m, *a),
        PodCommand::Start(a) => each_in(&m, &a.pods, &a.files, false, |m, p| m.pod_start(p)),
        PodCommand::Stop(a) => {
            let t = a.time.and_then(|t| u32::try_from(t).ok());
            each_in(&m, &a.pods, &a.files, a.ignore, |m, p| m.pod_stop(p, t))
        }
        PodCommand::Restart(a) => each(&m, &a, false, |m, p| m.pod_restart(p)),
        PodCommand::Kill(a) => {
            let sig = super::manage::kill_signal(&a.signal)?;
            each(&m, &a.pods, false, |m, p| m.pod_kill(p, sig))
        }
        PodCommand::Pause(a) => each(&m, &a, false, |m, p| m.pod_pause(p, true)),
        PodCommand::Unpause(a) => each(&m, &a, false, |m, p| m.pod_pause(p, false)),
        PodCommand::Rm(a) => {
            if a.time.is_some() && !a.force {
                bail!("--force option must be specified to use the --time option");
            }
            let t = a.time.map(|t| u32::try_from(t).unwrap_or(u32::MAX));
            // podman's: --force implies --ignore.
            let code = each_in(&m, &a.pods, &a.files, a.ignore || a.force, |m, p| {
                m.pod_remove(p, a.force, t)
            })?;
            // An id file goes with its pod, so that the next `pod create --pod-id-file`
            // can write it.
            for f in &a.files.pod_id_file {
                let gone = match read_id_file(f) {
                    Ok(Some(id)) => {
                        matches!(m.pods()?.resolve(&id), Err(ctl::Error::PodNotFound(_)))
                    }
                    _ => false,
                };
                if gone {
                    let _ = std::fs::remove_file(f);
                }
            }
            Ok(code)
        }
        PodCommand::Ps(a) => super::pod_ps::ps(&m, a),
        PodCommand::Inspect(a) => super::pod_ps::inspect(&m, a),
        PodCommand::Exists(a) => match m.pods()?.resolve(&a.name) {
            Ok(_) => Ok(ExitCode::SUCCESS),
            Err(ctl::Error::PodNotFound(_)) => Ok(ExitCode::from(1)),
            Err(e) => Err(e.into()),
        },
        PodCommand::Prune(a) => prune(&m, a),
        PodCommand::Logs(a) => super::pod_observe::logs(ctx, a),
        PodCommand::Top(a) => super::pod_observe::top(ctx, a),
        PodCommand::Stats(a) => super::pod_observe::stats(ctx, a),
    }
}

/// Runs `f` on each pod named (or all with `--all`), printing the pod's id; the exit code
/// is the last failure's (`ignore`: a missing pod is no failure).
fn each(
    m: &Manager,
    a: &PodsArgs,
    ignore: bool,
    f: impl Fn(&Manager, &str) -> ctl::Result<String>,
) -> Result<ExitCode> {
    each_in(m, a, &IdFiles::default(), ignore, f)
}

/// The pod id in an id file; none when the file is missing.
fn read_id_file(f: &std::path::Path) -> Result<Option<String>> {
    match std::fs::read_to_string(f) {
        Ok(s) => Ok(Some(
            s.lines().next().unwrap_or_default().trim().to_string(),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => bail!("reading pod ID file: {e}"),
    }
}

/// As [`each`], with pods named by id files too (a missing file is an error unless
/// `ignore`).
fn each_in(
    m: &Manager,
    a: &PodsArgs,
    files: &IdFiles,
    ignore: bool,
    f: impl Fn(&Manager, &str) -> ctl::Result<String>,
) -> Result<ExitCode> {
    let by_file = !files.pod_id_file.is_empty();
    if a.all && (!a.pods.is_empty() || by_file) {
        bail!("--all, --pod-id-file and pod names cannot be used together");
    }
    if !a.all && a.pods.is_empty() && !by_file {
        bail!("you must provide at least one name or id");
    }
    let mut targets = match a.all {
        true => m.pods()?.ids()?,
        false => a.pods.clone(),
    };
    for file in &files.pod_id_file {
        match read_id_file(file)? {
            Some(id) => targets.push(id),
            None if ignore => {}
            None => bail!(
                "reading pod ID file: open {}: no such file or directory",
                file.display()
            ),
        }
    }
    let mut code = 0u8;
    for t in targets {
        match f(m, &t) {
            Ok(id) => println!("{id}"),
            Err(ctl::Error::PodNotFound(_)) if ignore || a.all => {}
            Err(e) => {
                super::output::report_error(&e);
                code = e.exit_code();
            }
        }
    }
    Ok(ExitCode::from(code))
}

/// `pod create`'s flags as the library's request.
pub fn request(a: &CreateArgs) -> Result<PodRequest> {
    let name = match (&a.name, &a.pod) {
        (Some(_), Some(_)) => bail!("cannot specify --name and NAME at the same time"),
        (n, p) => n.clone().or_else(|| p.clone()),
    };
    let exit_policy = ExitPolicy::parse(&a.exit_policy).ok_or_else(|| {
        anyhow::anyhow!(
            "{:?} is not a valid pod exit policy (continue, stop)",
            a.exit_policy
        )
    })?;
    let share = parse_share(a.share.as_deref()).map_err(anyhow::Error::msg)?;
    if !a.infra && (a.infra_image.is_some() || a.infra_command.is_some() || a.infra_name.is_some())
    {
        bail!("cannot set infra options (--infra-image, --infra-command, --infra-name) with --infra=false");
    }
    if !a.infra
        && a.share
            .as_deref()
            .is_some_and(|s| !s.is_empty() && s != "none")
    {
        bail!("you must have an infra container to share namespaces");
    }
    let infra_command = match &a.infra_command {
        Some(c) if c.trim_start().starts_with('[') => serde_json::from_str(c)
            .map_err(|e| anyhow::anyhow!("invalid --infra-command {c:?}: {e}"))?,
        Some(c) => c.split_whitespace().map(String::from).collect(),
        None => Vec::new(),
    };
    Ok(PodRequest {
        name,
        labels: parse_labels(&a.label)?,
        hostname: a.hostname.clone(),
        share,
        infra: a.infra,
        infra_command,
        infra_name: a.infra_name.clone(),
        network: a.network.clone(),
        publish: a.publish.clone(),
        add_hosts: a.add_host.clone(),
        dns: a.dns.clone(),
        volumes: a.volume.clone(),
        exit_policy,
        infra_conmon_pidfile: a
            .infra_conmon_pidfile
            .as_deref()
            .map(std::path::absolute)
            .transpose()?,
        create_command: std::env::args().collect(),
    })
}

/// Makes the pod; returns its id. `--replace` removes a pod of that name first.
pub fn create_pod(m: &Manager, a: &CreateArgs) -> Result<String> {
    let req = request(a)?;
    if let Some(p) = &a.pod_id_file {
        if p.exists() {
            bail!(
                "pod id file {} exists: remove it or use another",
                p.display()
            );
        }
    }
    let image = match &a.infra_image {
        Some(i) => Some(m.find_image(i)?),
        None => None,
    };
    if a.replace {
        if let Some(n) = &req.name {
            match m.pod_remove(n, true, None) {
                Ok(_) | Err(ctl::Error::PodNotFound(_)) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    let id = m.pod_create(&req, image.as_ref())?;
    if let Some(p) = &a.pod_id_file {
        if let Err(e) = ctl::fsutil::atomic_write(p, id.as_bytes()) {
            let _ = m.pod_remove(&id, true, None);
            return Err(e.into());
        }
    }
    Ok(id)
}

fn create(m: &Manager, a: CreateArgs) -> Result<ExitCode> {
    let id = create_pod(m, &a)?;
    println!("{id}");
    Ok(ExitCode::SUCCESS)
}

/// `pod prune`: every pod whose containers are all stopped (libpod: Stopped or Exited).
fn prune(m: &Manager, a: PruneArgs) -> Result<ExitCode> {
    use std::io::BufRead;
    if !a.force {
        eprint!(
            "WARNING! This will remove all stopped/exited pods..\nAre you sure you want to \
             continue? [y/N] "
        );
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            return Ok(ExitCode::SUCCESS);
        }
    }
    let mut code = 0u8;
    for r in m.pod_list()? {
        use ctl::pod::PodStatus::*;
        if !matches!(r.status, Exited | Stopped) {
            continue;
        }
        match m.pod_remove(&r.config.id, false, None) {
            Ok(id) => println!("{id}"),
            Err(ctl::Error::PodNotFound(_)) => {}
            Err(e) => {
                super::output::report_error(&e);
                code = e.exit_code();
            }
        }
    }
    Ok(ExitCode::from(code))
}
