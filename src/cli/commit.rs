//! `ctl commit [options] CONTAINER [IMAGE]`: a container's changes as a new image, as
//! podman-commit(1) makes it; prints the new image's id.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Result};

use ctl::container::lifecycle::Manager;
use ctl::image::commit::CommitRequest;
use ctl::image::pull::unpack_options;
use ctl::Context;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Set the author for the image committed
    #[arg(short, long, value_name = "AUTHOR")]
    pub author: Option<String>,
    /// Apply the following possible instructions to the created image (default []): CMD | ENTRYPOINT | ENV | EXPOSE | LABEL | ONBUILD | STOPSIGNAL | USER | VOLUME | WORKDIR
    #[arg(short, long, value_name = "INSTRUCTION")]
    pub change: Vec<String>,
    /// Format of the image manifest and metadata
    #[arg(short, long, value_name = "FORMAT", default_value = "oci")]
    pub format: String,
    /// Write the image ID to the file
    #[arg(long, value_name = "FILE")]
    pub iidfile: Option<PathBuf>,
    /// Include container volumes as image volumes
    #[arg(long)]
    pub include_volumes: bool,
    /// Set commit message for imported image
    #[arg(short, long, value_name = "MESSAGE")]
    pub message: Option<String>,
    /// Pause container during commit
    #[arg(short, long)]
    pub pause: bool,
    /// Suppress output
    #[arg(short, long)]
    pub quiet: bool,
    /// Squash newly built layers into a single new layer
    #[arg(short, long)]
    pub squash: bool,
    /// Container (name, id or id prefix)
    pub container: String,
    /// The new image's name (a short one goes under localhost/)
    pub image: Option<String>,
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    if !matches!(args.format.as_str(), "oci" | "docker") {
        bail!("unrecognized image type {:?}", args.format);
    }
    let req = CommitRequest {
        changes: args.change,
        message: args.message,
        author: args.author,
        name: args.image,
        squash: args.squash,
        include_volumes: args.include_volumes,
        pause: args.pause,
    };
    let m = Manager::open(ctx)?;
    let img = m.commit(
        args.container.trim_start_matches('/'),
        &req,
        &unpack_options(ctx),
    )?;
    if let Some(f) = &args.iidfile {
        std::fs::write(f, format!("sha256:{}", img.id)).map_err(|e| ctl::Error::io(f, e))?;
    }
    println!("{}", img.id);
    Ok(ExitCode::SUCCESS)
}
