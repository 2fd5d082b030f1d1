//! `ctl tag SOURCE TARGET...`: a short target name is `localhost/NAME`, as podman tags it.

use std::process::ExitCode;

use anyhow::Result;

use ctl::image::reference::Reference;
use ctl::Context;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Image to name (name or id)
    pub source: String,
    /// New names
    #[arg(required = true)]
    pub targets: Vec<String>,
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    let store = super::open_store(ctx)?;
    let img = ctl::image::pull::find_stored(ctx, &store, &args.source)?;
    for t in &args.targets {
        let r = Reference::parse_with(t, "localhost")?;
        let Some(name) = r.tagged_name().filter(|_| r.digest.is_none()) else {
            anyhow::bail!("cannot tag with a digest: \"{t}\"");
        };
        store.tag(&img.id, &name)?;
    }
    Ok(ExitCode::SUCCESS)
}
