//! `ctl exec`: run a command in a running container; exits with that command's code.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{ChildStderr, ExitCode, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Result;

use ctl::container::exec::{exec_status, logged_errors, strip_logged, ExecOptions};
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
        trailing_var_arg = true
    )]
    // No allow_hyphen_values: an unknown option before the container is an error, never a
    // container name; everything after the container is the command's.
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
    if !opts.detach {
        cmd.stderr(Stdio::piped());
    }
    let mut child = cmd
        .spawn()
        .map_err(|e| anyhow::anyhow!("cannot run the OCI runtime: {e}"))?;
    let relay = child
        .stderr
        .take()
        .map(|pipe| relay_stderr(pipe, log.clone()));
    let status = child
        .wait()
        .map_err(|e| anyhow::anyhow!("waiting for the OCI runtime: {e}"))?;
    if let Some(done) = relay {
        // A process the command left in the background may hold the pipe open: its output
        // is not ours to wait for.
        let _ = done.recv_timeout(Duration::from_secs(1));
    }
    Ok(ExitCode::from(exec_status(status.code(), &log)?))
}

/// Copies the runtime's stderr (which is also the process's) to ours as it comes, less the
/// runtime's own fatal error, which ctl reports once as its error. The channel closes at EOF.
fn relay_stderr(mut pipe: ChildStderr, log: PathBuf) -> mpsc::Receiver<()> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 16 * 1024];
        let mut err = std::io::stderr();
        while let Ok(n) = pipe.read(&mut buf) {
            if n == 0 {
                break;
            }
            // runc logs an error before printing it, so the log already holds it here.
            let logged = match std::fs::metadata(&log) {
                Ok(m) if m.len() > 0 => logged_errors(&log),
                _ => Vec::new(),
            };
            let _ = err.write_all(&strip_logged(&buf[..n], &logged));
            let _ = err.flush();
        }
        drop(tx);
    });
    rx
}
