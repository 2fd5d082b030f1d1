//! `ctl exec`: run a command in a running container; exits with that command's code.

use std::process::ExitCode;

use anyhow::Result;

use ctl::container::exec::{exec_status, ExecOptions};
use ctl::container::lifecycle::Manager;
use ctl::container::options::parse_env;
use ctl::Context;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Run in the background
    #[arg(short, long)]
    pub detach: bool,
    /// Keep stdin open
    #[arg(short, long)]
    pub interactive: bool,
    /// Allocate a pseudo-terminal
    #[arg(short, long)]
    pub tty: bool,
    /// Set an environment variable (K=V, or K to take it from this environment)
    #[arg(short, long = "env", value_name = "K=V")]
    pub env: Vec<String>,
    /// User to run as: user[:group], names from the container's /etc/passwd
    #[arg(short, long, value_name = "USER[:GROUP]")]
    pub user: Option<String>,
    /// Working directory inside the container
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// The container, then the command and its arguments
    #[arg(
        value_name = "CONTAINER COMMAND [ARG...]",
        required = true,
        num_args = 2..,
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub target_and_command: Vec<String>,
}

pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    let lookup = |k: &str| std::env::var(k).ok();
    let mut env = Vec::new();
    for e in &args.env {
        env.extend(parse_env(e, lookup)?);
    }
    let m = Manager::open(ctx)?;
    let c = m.get(&args.target_and_command[0])?;
    let opts = ExecOptions {
        command: args.target_and_command[1..].to_vec(),
        env,
        user: args.user,
        workdir: args.workdir,
        tty: args.tty,
        interactive: args.interactive,
        detach: args.detach,
    };
    let (mut cmd, log) = m.exec_command(&c, &opts)?;
    let status = cmd
        .status()
        .map_err(|e| anyhow::anyhow!("cannot run the OCI runtime: {e}"))?;
    Ok(ExitCode::from(exec_status(status.code(), &log)?))
}
