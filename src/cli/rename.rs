//! `ctl rename CONTAINER NEWNAME` (also `container rename`), as podman-rename(1).

use std::process::ExitCode;

use anyhow::Result;

use ctl::container::lifecycle::Manager;
use ctl::Context;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The container (name, id or id prefix)
    pub container: String,
    /// Its new name
    pub new_name: String,
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    Manager::open(ctx)?.rename(&args.container, &args.new_name)?;
    Ok(ExitCode::SUCCESS)
}
