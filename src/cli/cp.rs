//! `ctl cp [CONTAINER:]SRC [CONTAINER:]DEST`: files between a container and this machine, or
//! between containers; `-` is a tar stream on stdin or stdout.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{bail, Result};

use ctl::container::copy::{parse_args, CopyRequest, Endpoint};
use ctl::container::lifecycle::Manager;
use ctl::Context;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Chown what is copied into a container to its main user (false: keep the owners of
    /// the source)
    #[arg(
        short,
        long,
        default_value_t = true,
        action = clap::ArgAction::Set,
        value_name = "BOOL"
    )]
    pub archive: bool,
    /// Allow directories to be overwritten with non-directories and vice versa
    #[arg(long)]
    pub overwrite: bool,
    /// [CONTAINER:]SRC_PATH
    #[arg(value_name = "[CONTAINER:]SRC_PATH")]
    pub src: String,
    /// [CONTAINER:]DEST_PATH
    #[arg(value_name = "[CONTAINER:]DEST_PATH")]
    pub dest: String,
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    let (src, dest) = parse_args(&args.src, &args.dest)?;
    let mut stdout = std::io::stdout().lock();
    if dest == Endpoint::Stream && stdout.is_terminal() {
        // A tar stream is never meant for a terminal (and could drive it).
        bail!("refusing to write a tar archive to a terminal: redirect the output");
    }
    let m = Manager::open(ctx)?;
    let mut stdin = std::io::stdin().lock();
    m.copy(CopyRequest {
        src,
        dest,
        archive: args.archive,
        overwrite: args.overwrite,
        stdin: &mut stdin,
        stdout: &mut stdout,
    })?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}
