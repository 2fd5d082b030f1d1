//! `ctl info`, `ctl system migrate`, `ctl unshare`: the rootless user namespace and what
//! ctl runs with (`system prune`, `df`, `check` and `reset` have files of their own).

use std::ffi::OsString;
use std::os::unix::process::CommandExt;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context as _, Result};
use serde_json::Value;

use ctl::container::lifecycle::Manager;
use ctl::container::state::Status;
use ctl::Context;

#[derive(Debug, clap::Args)]
pub struct InfoArgs {
    /// json, or a Go template such as '{{.Host.OCIRuntime.Name}}' (default: YAML)
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}

/// info as templates see it: podman's define.Info, whose Go names (`.Host.OCIRuntime`)
/// find the JSON's (`host.ociRuntime`).
const INFO_SHAPE: super::template::Shape = super::template::Shape {
    type_name: "define.Info",
    maps: &["registries"],
};

#[derive(Debug, clap::Args)]
pub struct VersionArgs {
    /// json, or a Go template such as '{{.Client.Version}}'
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}

/// `version` as templates see it: podman's SystemVersionReport, `.Client` only (no server).
const VERSION_SHAPE: super::template::Shape = super::template::Shape {
    type_name: "entities.SystemVersionReport",
    maps: &[],
};

/// podman's SystemVersionReport: a local ctl has no server.
#[derive(serde::Serialize)]
struct VersionReport {
    #[serde(rename = "Client")]
    client: ctl::info::Version,
}

/// `ctl version`: podman's text, `--format json` (one line, as podman's) or a template.
pub fn version(a: &VersionArgs) -> Result<ExitCode> {
    use super::template::{is_json, Format, Origin, Value as TValue};
    let report = VersionReport {
        client: ctl::info::version(),
    };
    match a.format.as_deref() {
        Some(f) if is_json(f) => println!("{}", serde_json::to_string(&report)?),
        Some(f) => {
            let data = TValue::from_json(&serde_json::to_value(&report)?, &VERSION_SHAPE);
            let t = Format::parse("version", Origin::Single, f)?;
            let (out, err) = t.render(&data, &|f| super::template::header_name(f, &[]));
            match err {
                None => print!("{out}"),
                // As podman: a template that fails on the report is tried on the client
                // alone, `.Server.` read as `.` (the templates of older versions).
                Some(_) => {
                    let t = Format::parse("version", Origin::Single, &f.replace(".Server.", "."))?;
                    let client = TValue::from_json(
                        &serde_json::to_value(&report.client)?,
                        &super::template::Shape {
                            type_name: "define.Version",
                            maps: &[],
                        },
                    );
                    t.print(&client, &|f| super::template::header_name(f, &[]))?;
                }
            }
        }
        None => print!("{}", version_text(&report.client)),
    }
    Ok(ExitCode::SUCCESS)
}

/// podman's version text: its template's rows aligned as its tabwriter aligns them.
fn version_text(v: &ctl::info::Version) -> String {
    let mut rows = vec![
        ("Client:", "ctl".to_string()),
        ("Version:", v.version.clone()),
        ("API Version:", v.api_version.clone()),
    ];
    if !v.go_version.is_empty() {
        rows.push(("Go Version:", v.go_version.clone()));
    }
    if !v.git_commit.is_empty() {
        rows.push(("Git Commit:", v.git_commit.clone()));
    }
    rows.push(("Built:", v.built_time.clone()));
    rows.push(("OS/Arch:", v.os_arch.clone()));
    let width = rows.iter().map(|(l, _)| l.len()).max().unwrap_or(0).max(12) + 2;
    rows.iter()
        .map(|(l, v)| format!("{l:<width$}{v}\n"))
        .collect()
}

#[derive(Debug, clap::Subcommand)]
pub enum SystemCommand {
    /// Show events: what happened to containers, images, volumes and networks
    Events(super::events::Args),
    /// Show what ctl runs with: rootless mode, id mappings, storage, runtime, cgroups, network
    Info(InfoArgs),
    /// Stop the rootless pause process (and running containers) so the next command maps
    /// the user namespace from today's /etc/subuid and /etc/subgid
    Migrate,
    /// Remove unused data: stopped containers, networks no container uses, dangling (or
    /// unused) images, unused volumes
    Prune(super::prune::SystemPruneArgs),
    /// Show disk usage of images, containers and volumes
    Df(super::df::DfArgs),
    /// Remove every container, image, volume and network, and the store's files
    Reset(super::check::ResetArgs),
    /// Check the store's consistency (and repair it)
    Check(super::check::CheckArgs),
}

#[derive(Debug, clap::Args)]
pub struct UnshareArgs {
    /// The command and its arguments (default: $SHELL)
    #[arg(trailing_var_arg = true, value_name = "COMMAND")]
    pub command: Vec<OsString>,
}

pub fn info(ctx: &Context, a: &InfoArgs) -> Result<ExitCode> {
    use super::template::{is_json, Format, Origin, Value as TValue};
    let template = match a.format.as_deref() {
        Some(f) if !f.is_empty() && !is_json(f) => Some(Format::parse("info", Origin::Single, f)?),
        _ => None,
    };
    let v = serde_json::to_value(ctl::info::gather(ctx))?;
    if let Some(t) = template {
        t.print(&TValue::from_json(&v, &INFO_SHAPE), &|f| {
            super::template::header_name(f, &[])
        })?;
    } else if a.format.is_some() {
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        let mut out = String::new();
        yaml(&v, 0, &mut out);
        print!("{out}");
    }
    Ok(ExitCode::SUCCESS)
}

/// A YAML rendering of plain JSON data, as podman prints `info`.
fn yaml(v: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                match v {
                    Value::Object(_) => {
                        out.push_str(&format!("{pad}{k}:\n"));
                        yaml(v, indent + 2, out);
                    }
                    Value::Array(a) if !a.is_empty() => {
                        out.push_str(&format!("{pad}{k}:\n"));
                        yaml(v, indent, out);
                    }
                    _ => out.push_str(&format!("{pad}{k}: {}\n", scalar(v))),
                }
            }
        }
        Value::Array(a) => {
            for item in a {
                let mut inner = String::new();
                yaml(item, indent + 2, &mut inner);
                let inner = inner.trim_start().to_string();
                out.push_str(&format!("{pad}- {inner}"));
                if !inner.ends_with('\n') {
                    out.push('\n');
                }
            }
        }
        other => out.push_str(&format!("{pad}{}\n", scalar(other))),
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) if s.is_empty() => "\"\"".into(),
        Value::String(s) => s.clone(),
        Value::Array(_) => "[]".into(),
        other => other.to_string(),
    }
}

/// Runs inside the namespace already joined (see `cli::run`).
pub fn migrate(ctx: &Context) -> Result<ExitCode> {
    if !ctx.rootless {
        return Ok(ExitCode::SUCCESS); // nothing to migrate as root
    }
    let m = Manager::open(ctx)?;
    for (cfg, st) in m.list()?.into_iter().flatten() {
        if matches!(st.status, Status::Running | Status::Created) {
            let c = m.load(&cfg.id)?;
            m.stop(&c, Duration::from_secs(cfg.stop_timeout.into()))
                .with_context(|| format!("stopping {}", cfg.name))?;
            println!("stopped {}", cfg.name);
        }
    }
    ctl::rootless::pause::stop(&ctx.runroot, ctx.uid)?;
    Ok(ExitCode::SUCCESS)
}

/// Execs the command in the joined user and mount namespace, as root there.
pub fn unshare(ctx: &Context, a: UnshareArgs) -> Result<ExitCode> {
    if !ctx.rootless {
        anyhow::bail!("ctl unshare is for rootless users: root needs no user namespace");
    }
    let mut argv = a.command;
    if argv.is_empty() {
        argv.push(std::env::var_os("SHELL").unwrap_or_else(|| "/bin/sh".into()));
    }
    let err = std::process::Command::new(&argv[0])
        .args(&argv[1..])
        .env("CTL_UNSHARE", "1")
        .exec();
    let code = if err.kind() == std::io::ErrorKind::NotFound {
        127
    } else {
        126
    };
    Err(super::Exit(code, format!("{}: {err}", argv[0].to_string_lossy())).into())
}
