//! `ctl mount [CTR...]` and `ctl unmount CTR...`: a container's rootfs mounted on the host
//! and counted, as podman's; with no container, the mounted ones are listed.

use std::process::ExitCode;

use anyhow::{bail, Result};

use ctl::container::lifecycle::Manager;
use ctl::Context;

use super::export::indented_json;
use super::output::report_error;

#[derive(Debug, clap::Args)]
pub struct MountArgs {
    /// Mount all containers
    #[arg(short, long)]
    pub all: bool,
    /// Print the mounted containers in this format (json)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Act on the container created last
    #[arg(short, long)]
    pub latest: bool,
    /// Do not truncate the output
    #[arg(long)]
    pub no_trunc: bool,
    /// Containers (name, id or id prefix)
    pub containers: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct UnmountArgs {
    /// Unmount all of the currently mounted containers
    #[arg(short, long)]
    pub all: bool,
    /// Unmount even if other mounts of the container are counted
    #[arg(short, long)]
    pub force: bool,
    /// Act on the container created last
    #[arg(short, long)]
    pub latest: bool,
    /// Containers (name, id or id prefix)
    pub containers: Vec<String>,
}

pub fn mount(ctx: &Context, args: MountArgs) -> Result<ExitCode> {
    if !args.containers.is_empty() && args.latest {
        bail!("--latest and containers cannot be used together");
    }
    if ctx.rootless && std::env::var_os("CTL_UNSHARE").is_none() {
        // The mount would be made in the rootless user's mount namespace, which only
        // `ctl unshare` enters (podman's words).
        bail!("cannot mount using driver overlay in rootless mode");
    }
    let m = Manager::open(ctx)?;
    let names: Vec<String> = match (args.all, args.latest) {
        (true, _) => m.list()?.into_iter().flatten().map(|(c, _)| c.id).collect(),
        (_, true) => vec![m.latest()?],
        _ => strip(&args.containers),
    };
    if names.is_empty() && !args.all {
        return list(&m, &args);
    }
    each(&m, &names, args.all, |m, id, _| {
        let path = m.mount(id)?;
        Ok(ctl::text::escape(&path.to_string_lossy()).into_owned())
    })
}

/// The mounted containers: `ID  PATH` lines, or podman's JSON.
fn list(m: &Manager, args: &MountArgs) -> Result<ExitCode> {
    let mounted = m.mounted()?;
    match args.format.as_deref() {
        Some("json") => {
            #[derive(serde::Serialize)]
            struct Report {
                id: String,
                #[serde(rename = "Names")]
                names: Vec<String>,
                mountpoint: String,
            }
            let reports: Vec<Report> = mounted
                .into_iter()
                .map(|c| Report {
                    id: c.id,
                    names: vec![c.name],
                    mountpoint: c.path.to_string_lossy().into_owned(),
                })
                .collect();
            println!("{}", indented_json(&reports, b" "));
        }
        None | Some("") => {
            for c in mounted {
                let id = if args.no_trunc {
                    &c.id[..]
                } else {
                    &c.id[..12]
                };
                println!("{id}  {}", ctl::text::escape(&c.path.to_string_lossy()));
            }
        }
        Some(f) => bail!("unknown --format argument: {f:?}"),
    }
    Ok(ExitCode::SUCCESS)
}

pub fn unmount(ctx: &Context, args: UnmountArgs) -> Result<ExitCode> {
    if !args.containers.is_empty() && args.latest {
        bail!("--latest and containers cannot be used together");
    }
    if args.all && !args.containers.is_empty() {
        bail!("when using the \"all\" flag, no container names may be given");
    }
    let m = Manager::open(ctx)?;
    let names = match (args.all, args.latest) {
        (true, _) => m.unmountable()?,
        (_, true) => vec![m.latest()?],
        _ if args.containers.is_empty() => {
            bail!("container ID must be specified")
        }
        _ => strip(&args.containers),
    };
    // "All of the currently mounted containers are unmounted": every count of each.
    let force = args.force || args.all;
    each(&m, &names, args.all, |m, id, input| {
        m.unmount(id, force)?;
        Ok(input.to_string())
    })
}

fn strip(names: &[String]) -> Vec<String> {
    names
        .iter()
        .map(|n| n.trim_start_matches('/').to_string())
        .collect()
}

/// Looks every name up first (a missing one fails the command before anything is done, as
/// podman's getContainers), then acts on each, printing its line or its error. With
/// `--all` (`listed`), a container removed since it was listed is passed over.
fn each(
    m: &Manager,
    names: &[String],
    listed: bool,
    f: impl Fn(&Manager, &str, &str) -> ctl::Result<String>,
) -> Result<ExitCode> {
    let gone = |e: &ctl::Error| listed && matches!(e, ctl::Error::ContainerNotFound(_));
    let mut ids = Vec::new();
    for n in names {
        match m.resolve(n) {
            Ok(id) => ids.push((id, n)),
            Err(e) if gone(&e) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let mut code = 0u8;
    for (id, input) in &ids {
        match f(m, id, input) {
            Ok(line) => println!("{line}"),
            Err(e) if gone(&e) => {}
            Err(e) => {
                report_error(&e);
                code = e.exit_code();
            }
        }
    }
    Ok(ExitCode::from(code))
}
