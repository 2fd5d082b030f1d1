//! `ctl volume create|ls|inspect|rm|prune|exists` (mount, unmount, export and import in
//! volume_data.rs): named and anonymous volumes, podman's
//! flags, columns, JSON and exit codes.

use std::io::BufRead;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Result};
use serde_json::{json, Value};

use ctl::container::lifecycle::Manager;
use ctl::container::options::parse_labels;
use ctl::volume::filter::VolumeFilter;
use ctl::volume::{CreateRequest, Volume, Volumes};
use ctl::Context;

use super::output::{inspect_format, print_inspected, print_json, table};
use super::template::{header_name, Format, Origin, Shape, Struct, Value as TValue};

/// Volumes as templates see them: podman's define.InspectVolumeData.
pub const VOLUME_SHAPE: Shape = Shape {
    type_name: "define.InspectVolumeData",
    maps: &["Labels", "Options"],
};

/// podman's volume ls headers.
const VOLUME_HEADERS: &[(&str, &str)] = &[("Name", "volume name"), ("Driver", "driver")];

#[derive(Debug, clap::Subcommand)]
pub enum VolumeCommand {
    /// Create a volume
    Create(CreateArgs),
    /// List volumes
    #[command(alias = "list")]
    Ls(LsArgs),
    /// Show volumes as JSON
    Inspect(InspectArgs),
    /// Remove volumes
    #[command(alias = "remove")]
    Rm(RmArgs),
    /// Remove all volumes no container uses
    Prune(PruneArgs),
    /// Exit 0 if a volume exists, 1 if not
    Exists(super::exists::Args),
    /// Mount a volume's filesystem and print its path
    Mount(super::volume_data::MountArgs),
    /// Unmount a volume mounted with volume mount
    #[command(alias = "umount")]
    Unmount(super::volume_data::UnmountArgs),
    /// Write a volume's content as a tar archive
    Export(super::volume_data::ExportArgs),
    /// Unpack a tar archive into an existing volume
    Import(super::volume_data::ImportArgs),
}

#[derive(Debug, clap::Args)]
pub struct CreateArgs {
    /// Volume driver: local
    #[arg(short, long, default_value = "local", value_name = "DRIVER")]
    pub driver: String,
    /// Driver option KEY=VALUE: type, device and o (mount(8)'s -t, device and -o; o also
    /// takes uid=, gid=, size=), copy, nocopy
    #[arg(short, long = "opt", value_name = "KEY=VALUE")]
    pub opt: Vec<String>,
    /// Owner UID of the volume's directory (not passed to the mount)
    #[arg(long, value_name = "UID")]
    pub uid: Option<u32>,
    /// Owner GID of the volume's directory (not passed to the mount)
    #[arg(long, value_name = "GID")]
    pub gid: Option<u32>,
    /// Set a label: KEY=VALUE
    #[arg(short, long = "label", value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Print the name of an existing volume instead of failing
    #[arg(long)]
    pub ignore: bool,
    /// Name of the volume (default: 64 random hex digits)
    pub name: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct LsArgs {
    /// Filter: name, label, label!, dangling, driver, anonymous, opt, scope, until
    /// (KEY=VALUE)
    #[arg(short, long = "filter", value_name = "KEY=VALUE")]
    pub filter: Vec<String>,
    /// json, or a Go template such as '{{.Name}}' ('table ...' adds a header)
    #[arg(long)]
    pub format: Option<String>,
    /// Do not print the header row
    #[arg(short, long)]
    pub noheading: bool,
    /// Print only volume names
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    /// Inspect all volumes
    #[arg(short, long)]
    pub all: bool,
    /// json, or a Go template for each volume (e.g. '{{.Mountpoint}}')
    #[arg(short, long)]
    pub format: Option<String>,
    /// Volumes
    pub names: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct RmArgs {
    /// Remove all volumes
    #[arg(short, long)]
    pub all: bool,
    /// Remove the containers using the volume first
    #[arg(short, long)]
    pub force: bool,
    /// Seconds to wait before killing running containers with --force (-1: no limit)
    #[arg(
        short = 't',
        long = "time",
        value_name = "SECS",
        allow_negative_numbers = true
    )]
    pub time: Option<i64>,
    /// Volumes
    pub names: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct PruneArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Filter: label, label!, until, name, driver, dangling, anonymous, opt, scope
    /// (KEY=VALUE)
    #[arg(long = "filter", value_name = "KEY=VALUE")]
    pub filter: Vec<String>,
}

pub fn exec(ctx: &Context, cmd: VolumeCommand) -> Result<ExitCode> {
    let m = Manager::open(ctx)?;
    match cmd {
        VolumeCommand::Create(a) => create(&m, a, ctx.rootless),
        VolumeCommand::Ls(a) => ls(&m, a),
        VolumeCommand::Inspect(a) => inspect(&m, a),
        VolumeCommand::Rm(a) => rm(&m, a),
        VolumeCommand::Prune(a) => prune(&m, a),
        VolumeCommand::Exists(a) => exists(&m, &a),
        VolumeCommand::Mount(a) => super::volume_data::mount(&m, ctx, a),
        VolumeCommand::Unmount(a) => super::volume_data::unmount(&m, ctx, a),
        VolumeCommand::Export(a) => super::volume_data::export(&m, a),
        VolumeCommand::Import(a) => super::volume_data::import(&m, ctx, a),
    }
}

fn create(m: &Manager, a: CreateArgs, rootless: bool) -> Result<ExitCode> {
    let mut options = std::collections::BTreeMap::new();
    for o in &a.opt {
        // podman's: a key alone (nocopy) has an empty value.
        let (k, v) = o.split_once('=').unwrap_or((o, ""));
        options.insert(k.to_string(), v.to_string());
    }
    let req = CreateRequest {
        name: a.name,
        driver: Some(a.driver),
        labels: parse_labels(&a.label)?,
        options,
        ignore: a.ignore,
        anonymous: false,
        uid: a.uid,
        gid: a.gid,
        rootless,
    };
    let existed = req
        .name
        .as_ref()
        .is_some_and(|n| m.volumes().is_ok_and(|vols| vols.get(n).is_ok()));
    let v = m.volumes()?.create(&req)?;
    if !existed {
        m.record_event(ctl::events::Event::volume("create", &v.name));
    }
    println!("{}", v.name);
    Ok(ExitCode::SUCCESS)
}

/// podman's InspectVolumeData, its fields in its order.
#[derive(serde::Serialize)]
#[serde(rename_all = "PascalCase")]
struct Inspected<'a> {
    name: &'a str,
    driver: &'a str,
    mountpoint: std::path::PathBuf,
    created_at: ctl_monitor::time::Timestamp,
    labels: &'a std::collections::BTreeMap<String, String>,
    scope: &'static str,
    options: &'a std::collections::BTreeMap<String, String>,
    #[serde(rename = "UID", skip_serializing_if = "Option::is_none")]
    uid: Option<u32>,
    #[serde(rename = "GID", skip_serializing_if = "Option::is_none")]
    gid: Option<u32>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    anonymous: bool,
    mount_count: u32,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    needs_copy_up: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    needs_chown: bool,
}

fn inspect_json(vols: &Volumes, v: &Volume, mount_count: u32) -> Value {
    serde_json::to_value(Inspected {
        name: &v.name,
        driver: &v.driver,
        mountpoint: vols.data(&v.name),
        created_at: v.created_at,
        labels: &v.labels,
        scope: "local",
        options: &v.options,
        // podman leaves out an owner of 0.
        uid: v.uid.filter(|&u| u != 0),
        gid: v.gid.filter(|&g| g != 0),
        anonymous: v.anonymous,
        mount_count,
        needs_copy_up: v.needs_copy_up,
        needs_chown: v.needs_chown,
    })
    .expect("a volume serializes")
}

/// The JSON templates see: podman's fields that JSON leaves out when empty are there.
fn template_json(vols: &Volumes, v: &Volume, mount_count: u32) -> Value {
    let mut j = inspect_json(vols, v, mount_count);
    let o = j.as_object_mut().expect("an object");
    for (k, d) in [
        ("Anonymous", json!(false)),
        ("NeedsCopyUp", json!(false)),
        ("NeedsChown", json!(false)),
        ("UID", json!(0)),
        ("GID", json!(0)),
        ("Timeout", json!(0)),
        ("StorageID", json!("")),
        ("LockNumber", json!(0)),
        ("Status", json!({})),
    ] {
        o.entry(k).or_insert(d);
    }
    j
}

fn filtered(m: &Manager, raw: &[String], prune: bool) -> Result<Vec<(Volume, bool)>> {
    let now = ctl::timetype::now();
    let filter = VolumeFilter::compile(raw, now, ctl::timetype::local_offset(now.0))?;
    let vols = m.volumes()?.list()?;
    m.settle_volume_mounts()?;
    let used = if filter.wants_use() || prune {
        m.volumes_in_use()?
    } else {
        Vec::new()
    };
    Ok(vols
        .into_iter()
        .map(|v| {
            let u = used.contains(&v.name);
            (v, u)
        })
        .filter(|(v, u)| filter.matches(v, *u))
        .collect())
}

fn ls(m: &Manager, a: LsArgs) -> Result<ExitCode> {
    if a.quiet && a.format.is_some() {
        bail!("quiet and format flags cannot be used together");
    }
    let json = a.format.as_deref().is_some_and(super::template::is_json);
    let template = match a.format.as_deref() {
        Some(t) if !json && t != "table" => Some(Format::parse("ls", Origin::User, t)?),
        _ => None,
    };
    let vols = m.volumes()?;
    let found = filtered(m, &a.filter, false)?;
    if a.quiet {
        for (v, _) in &found {
            println!("{}", v.name);
        }
    } else if json {
        print_json(
            &found
                .iter()
                .map(|(v, _)| inspected(m, &vols, v, false))
                .collect::<Result<Vec<_>>>()?,
        );
    } else if let Some(t) = template {
        let rows = found
            .iter()
            .map(|(v, _)| {
                let row = Struct::from_json(&inspected(m, &vols, v, true)?, &VOLUME_SHAPE);
                Ok(TValue::Struct(std::rc::Rc::new(row)))
            })
            .collect::<Result<_>>()?;
        t.print_listing(
            &TValue::list(rows),
            &|f| header_name(f, VOLUME_HEADERS),
            a.noheading,
        )?;
    } else {
        let rows = found
            .iter()
            .map(|(v, _)| vec![v.driver.clone(), v.name.clone()])
            .collect();
        print!(
            "{}",
            super::output::without_header(table(&["DRIVER", "VOLUME NAME"], rows), a.noheading)
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn inspect(m: &Manager, a: InspectArgs) -> Result<ExitCode> {
    if a.all != a.names.is_empty() {
        bail!("provide one or more volume names or use --all");
    }
    let template = inspect_format("inspect", a.format.as_deref(), false)?;
    let vols = m.volumes()?;
    let found: Vec<Result<Volume, ctl::Error>> = match a.all {
        true => vols.list()?.into_iter().map(Ok).collect(),
        false => a.names.iter().map(|n| vols.get(n)).collect(),
    };
    let mut out = Vec::new();
    let mut failed = false;
    for v in found {
        match v {
            Ok(v) => out.push((inspected(m, &vols, &v, template.is_some())?, VOLUME_SHAPE)),
            Err(e) => {
                super::output::report_error(&e);
                failed = true;
            }
        }
    }
    print_inspected(&out, template, failed)
}

/// One volume as `inspect` shows it: JSON, or what a template sees (`for_template`).
pub fn inspected(m: &Manager, vols: &Volumes, v: &Volume, for_template: bool) -> Result<Value> {
    let count = m.volume_mount_count(v)?;
    Ok(match for_template {
        true => template_json(vols, v, count),
        false => inspect_json(vols, v, count),
    })
}

fn rm(m: &Manager, a: RmArgs) -> Result<ExitCode> {
    if a.all != a.names.is_empty() {
        bail!("choose either one or more volumes or all");
    }
    if a.time.is_some() && !a.force {
        bail!("--force option must be specified to use the --time option");
    }
    let timeout = match a.time {
        Some(t) if t < 0 => Duration::from_secs(u32::MAX as u64),
        Some(t) => Duration::from_secs(t as u64),
        None => Duration::from_secs(10),
    };
    let names = match a.all {
        true => m.volumes()?.list()?.into_iter().map(|v| v.name).collect(),
        false => a.names,
    };
    let (mut code, mut failed) = (0u8, false);
    for name in names {
        match m.remove_volume(&name, a.force, timeout) {
            Ok(()) => println!("{name}"),
            // As podman's: --force ignores volumes that do not exist.
            Err(ctl::Error::VolumeNotFound(_)) if a.force => {}
            Err(e) => {
                super::output::report_error(&e);
                // podman's: a missing (1) or used (2) volume decides, the last one seen.
                code = match e {
                    ctl::Error::VolumeNotFound(_) => 1,
                    ctl::Error::VolumeInUse { .. } => 2,
                    _ => code,
                };
                failed = true;
            }
        }
    }
    Ok(ExitCode::from(match code {
        0 if failed => 125,
        c => c,
    }))
}

fn prune(m: &Manager, a: PruneArgs) -> Result<ExitCode> {
    let unused: Vec<Volume> = filtered(m, &a.filter, true)?
        .into_iter()
        .filter(|(_, used)| !used)
        .map(|(v, _)| v)
        .collect();
    if !a.force {
        println!(
            "WARNING! This will remove all volumes not used by at least one container. The \
             following volumes will be removed:"
        );
        if unused.is_empty() {
            println!("No dangling volumes found");
            return Ok(ExitCode::SUCCESS);
        }
        for v in &unused {
            println!("{}", v.name);
        }
        print!("Are you sure you want to continue? [y/N] ");
        use std::io::Write;
        std::io::stdout().flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !answer.trim_start().to_lowercase().starts_with('y') {
            return Ok(ExitCode::SUCCESS);
        }
    }
    let mut code = 0u8;
    for v in unused {
        match m.remove_volume(&v.name, false, Duration::ZERO) {
            Ok(()) => {
                // podman's: a pruned volume's remove event, then prune.
                m.record_event(ctl::events::Event::volume("prune", &v.name));
                println!("{}", v.name)
            }
            // Taken meanwhile, or gone: not unused any more.
            Err(ctl::Error::VolumeInUse { .. } | ctl::Error::VolumeNotFound(_)) => {}
            Err(e) => {
                super::output::report_error(&e);
                code = 125;
            }
        }
    }
    Ok(ExitCode::from(code))
}

fn exists(m: &Manager, a: &super::exists::Args) -> Result<ExitCode> {
    match m.volumes()?.get(&a.name) {
        Ok(_) => Ok(ExitCode::SUCCESS),
        Err(ctl::Error::VolumeNotFound(_)) => Ok(ExitCode::from(1)),
        Err(e) => Err(e.into()),
    }
}
