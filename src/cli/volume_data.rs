//! `ctl volume mount|unmount|export|import`: a volume's data on the host, as podman's.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context as _, Result};

use ctl::container::lifecycle::Manager;
use ctl::Context;

#[derive(Debug, clap::Args)]
pub struct MountArgs {
    /// Volume
    pub name: String,
}

#[derive(Debug, clap::Args)]
pub struct UnmountArgs {
    /// Volume
    pub name: String,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Write to a file, default is STDOUT
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Volume
    pub name: String,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Volume (it must exist)
    pub name: String,
    /// Tar archive to read, or - for stdin
    pub source: String,
}

/// podman's: a rootless mount is made in the user's mount namespace, which only `unshare`
/// enters.
fn refuse_outside_unshare(ctx: &Context, command: &str) -> Result<()> {
    if ctx.rootless && std::env::var_os("CTL_UNSHARE").is_none() {
        bail!("cannot run command \"ctl volume {command}\" in rootless mode, must execute `ctl unshare` first");
    }
    Ok(())
}

pub fn mount(m: &Manager, ctx: &Context, a: MountArgs) -> Result<ExitCode> {
    refuse_outside_unshare(ctx, "mount")?;
    let path = m.mount_volume(&a.name)?;
    println!("{}", path.display());
    Ok(ExitCode::SUCCESS)
}

pub fn unmount(m: &Manager, ctx: &Context, a: UnmountArgs) -> Result<ExitCode> {
    refuse_outside_unshare(ctx, "unmount")?;
    m.unmount_volume(&a.name)?;
    println!("{}", a.name);
    Ok(ExitCode::SUCCESS)
}

pub fn export(m: &Manager, a: ExportArgs) -> Result<ExitCode> {
    match &a.output {
        Some(p) if p.as_os_str().is_empty() => {
            bail!("must provide valid path for file to write to")
        }
        None if std::io::stdout().is_terminal() => {
            bail!("cannot write to terminal, use command-line redirection or the --output flag")
        }
        _ => {}
    }
    m.volumes()?.get(&a.name)?;
    let write = |out: &mut dyn Write| {
        m.with_volume_data(&a.name, |data| {
            ctl::container::export::write_tree(data, out)
        })
    };
    match &a.output {
        None => ctl::sys::without_sigpipe(|| -> Result<()> {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            write(&mut out)?;
            Ok(out.flush()?)
        })?,
        Some(path) => {
            let made = std::fs::symlink_metadata(path).is_err();
            let file = std::fs::File::create(path).with_context(|| {
                format!(
                    "unable to create target file path {:?}",
                    path.display().to_string()
                )
            })?;
            let mut out = std::io::BufWriter::new(file);
            let written = write(&mut out)
                .map_err(anyhow::Error::from)
                .and_then(|()| Ok(out.into_inner().map_err(|e| e.into_error())?.sync_all()?));
            if let Err(e) = written {
                // No half archive is left behind.
                if made {
                    let _ = std::fs::remove_file(path);
                }
                return Err(e);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn import(m: &Manager, ctx: &Context, a: ImportArgs) -> Result<ExitCode> {
    let input: Box<dyn std::io::Read> = match a.source.as_str() {
        "-" => Box::new(std::io::stdin().lock()),
        path => {
            // podman's parse.ValidateFileName.
            if path.contains(':') {
                bail!("invalid filename (should not contain ':') {path:?}");
            }
            let f = std::fs::File::open(path).map_err(|e| {
                // Go's words: "open PATH: no such file or directory".
                let why = e.to_string();
                let why = why
                    .split(" (os error")
                    .next()
                    .unwrap_or(&why)
                    .to_lowercase();
                anyhow::anyhow!("unable open input file: open {path}: {why}")
            })?;
            Box::new(f)
        }
    };
    m.volumes()?.get(&a.name)?;
    m.with_volume_data(&a.name, |data| {
        ctl::volume::data::import(&a.name, input, data, ctx.rootless)
    })?;
    Ok(ExitCode::SUCCESS)
}
