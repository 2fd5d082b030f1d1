//! `ctl container exists`, `ctl image exists`, `ctl network exists`: podman's silent checks.
//! Exit 0 when the object is found, 1 when it is not, 125 when the store cannot be read.

use std::process::ExitCode;

use anyhow::Result;

use ctl::container::lifecycle::Manager;
use ctl::Context;

#[derive(Debug, clap::Args)]
pub struct ContainerArgs {
    /// Check for external containers too (ctl has none: only ctl's containers exist)
    #[arg(long)]
    pub external: bool,
    /// Container (name or id)
    pub container: String,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Name or id
    pub name: String,
}

/// 0 when found, 1 when the lookup says "not found", the error otherwise.
fn code(found: ctl::Result<()>) -> Result<ExitCode> {
    match found {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(
            ctl::Error::ContainerNotFound(_)
            | ctl::Error::ImageNotFound(_)
            | ctl::Error::NetworkNotFound(_),
        ) => Ok(ExitCode::from(1)),
        Err(e) => Err(e.into()),
    }
}

pub fn container(ctx: &Context, a: &ContainerArgs) -> Result<ExitCode> {
    let m = Manager::open(ctx)?;
    code(m.resolve(&a.container).map(drop))
}

pub fn image(ctx: &Context, a: &Args) -> Result<ExitCode> {
    let store = super::open_store(ctx)?;
    code(store.find_image(&a.name, &ctx.search_registries).map(drop))
}

pub fn network(ctx: &Context, a: &Args) -> Result<ExitCode> {
    let m = Manager::open(ctx)?;
    code(m.networks().and_then(|n| n.get(&a.name)).map(drop))
}
