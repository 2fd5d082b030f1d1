//! `ctl load`: images from a docker-archive or oci-archive tarball, read from a file or
//! from stdin, as `podman load` and `docker load` take them.

use std::fs::File;
use std::io::IsTerminal;
use std::os::fd::AsFd;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Result};

use ctl::image::archive::{load, load_dir, LoadEvent};
use ctl::image::pull::unpack_options;
use ctl::Context;

use super::output::short_digest as short;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Read the archive from FILE instead of stdin (a tar, plain or gzip/zstd compressed), or an oci-dir or docker-dir
    #[arg(short, long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Do not report layers as they are stored
    #[arg(short, long)]
    pub quiet: bool,
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    let input = args.input.filter(|p| p.as_os_str() != "-");
    let store = super::open_store(ctx)?;
    let quiet = args.quiet;
    let report = move |e: LoadEvent| {
        if quiet {
            return;
        }
        match e {
            LoadEvent::LayerExists { digest } => {
                eprintln!("Copying blob {} skipped: already exists", short(&digest))
            }
            LoadEvent::LayerStored { digest } => eprintln!("Copying blob {} done", short(&digest)),
            LoadEvent::ConfigStored { digest } => {
                eprintln!("Copying config {} done", short(&digest))
            }
        }
    };
    let opts = unpack_options(ctx);
    let loaded = match input {
        // oci-dir and docker-dir, as `save` writes them.
        Some(p) if p.is_dir() => load_dir(&store, &p, &opts, &report)?,
        Some(p) => {
            let file = File::open(&p).map_err(|e| ctl::Error::io(&p, e))?;
            load(&store, file, &p, &opts, &report)?
        }
        None => load(&store, stdin()?, &PathBuf::from("stdin"), &opts, &report)?,
    };
    for img in loaded {
        let name = img.names.first().map_or("", String::as_str);
        ctl::events::EventLog::new(&ctx.events).record(&ctl::events::Event::image(
            "loadfromarchive",
            &img.id,
            name,
        ));
        if img.names.is_empty() {
            println!("Loaded image: sha256:{}", img.id);
        }
        for n in img.names {
            println!("Loaded image: {n}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Stdin as a file (so a redirected regular file can be read in place), refused when it
/// is a terminal: an archive is never typed in.
pub fn stdin() -> Result<File> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        bail!("cannot read an archive from a terminal: use --input FILE or redirect stdin");
    }
    let fd = stdin
        .as_fd()
        .try_clone_to_owned()
        .map_err(|e| ctl::Error::io("stdin", e))?;
    Ok(File::from(fd))
}
