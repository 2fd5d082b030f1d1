//! The root command and the options every command takes: `--version`, `--out`, the log
//! level, and the options ctl takes for podman's sake.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;

use super::Command;

/// What `ctl --version` prints after "ctl ", as podman prints "podman version 5.8.2".
const VERSION: &str = concat!("version ", env!("CARGO_PKG_VERSION"));

#[derive(Debug, Parser)]
#[command(
    name = "ctl",
    version = VERSION,
    about = "Run and manage OCI containers and images, without a daemon",
    disable_version_flag = true,
    propagate_version = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    /// Print the version
    // On the root command only, as podman's `-v, --version`: `-v` is a subcommand's own
    // (run's --volume, rm's --volumes).
    #[arg(short = 'v', long, action = clap::ArgAction::Version)]
    version: Option<bool>,
    /// Send ctl's own output (stdout) to this file; the container's log is not affected
    // Before the subcommand only, as podman's root-local options.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Print nothing to stdout (as --out /dev/null)
    #[arg(long, hide = true)]
    pub noout: bool,
    #[command(flatten)]
    pub global: GlobalOpts,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes, named as podman names them.
#[derive(Debug, clap::Args)]
pub struct GlobalOpts {
    /// Image and container store directory
    #[arg(long, global = true, env = "CTL_ROOT", value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Run state directory (cleared at boot)
    #[arg(long, global = true, env = "CTL_RUNROOT", value_name = "DIR")]
    pub runroot: Option<PathBuf>,
    /// OCI runtime: a name (runc, crun, youki) or a path
    #[arg(long, global = true, env = "CTL_RUNTIME", value_name = "PATH|NAME")]
    pub runtime: Option<String>,
    /// Log messages at or above this level to stderr: trace, debug, info, warn (warning),
    /// error (fatal, panic)
    #[arg(
        long,
        global = true,
        env = "CTL_LOG_LEVEL",
        default_value = "warn",
        value_name = "LEVEL"
    )]
    pub log_level: String,
    /// Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)
    #[arg(long, global = true, env = "CTL_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Where events are recorded: file (the default), journald (kept in the file too) or
    /// none
    #[arg(long, global = true, value_name = "BACKEND")]
    pub events_backend: Option<String>,
    /// Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)
    #[arg(long, global = true, value_name = "MANAGER")]
    pub cgroup_manager: Option<String>,
    /// A global option for the OCI runtime (refused: ctl passes none)
    #[arg(long, global = true, value_name = "FLAG")]
    pub runtime_flag: Vec<String>,
}

/// The log levels podman takes, and the level each one means here.
pub(super) const LOG_LEVELS: [(&str, &str); 8] = [
    ("trace", "trace"),
    ("debug", "debug"),
    ("info", "info"),
    ("warn", "warn"),
    ("warning", "warn"),
    ("error", "error"),
    ("fatal", "error"),
    ("panic", "error"),
];

impl GlobalOpts {
    /// The options ctl takes for podman's sake but cannot honour, refused with the reason.
    pub(super) fn check_unsupported(&self) -> Result<()> {
        match self.events_backend.as_deref() {
            None | Some("none" | "file" | "journald") => {}
            Some(b) => anyhow::bail!("{b:?} is not a valid events backend: invalid argument"),
        }
        match self.cgroup_manager.as_deref() {
            None | Some("cgroupfs") => {}
            Some("systemd") => anyhow::bail!(
                "--cgroup-manager systemd is not supported: ctl manages container cgroups \
                 itself (cgroupfs)"
            ),
            Some(m) => anyhow::bail!("invalid cgroup manager {m} requested: invalid argument"),
        }
        if let Some(f) = self.runtime_flag.first() {
            anyhow::bail!(
                "--runtime-flag {f} is not supported: ctl passes no extra options to the OCI \
                 runtime"
            );
        }
        Ok(())
    }
}

/// `--out FILE` and `--noout`: ctl's own stdout goes to the file (or nowhere). Returns the
/// exit code when the file cannot be opened (podman's words and code).
pub(super) fn redirect_stdout(cli: &Cli) -> Option<ExitCode> {
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::OpenOptionsExt;
    let path = if cli.noout {
        PathBuf::from("/dev/null")
    } else {
        cli.out.clone()?
    };
    let opened = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o777)
        .open(&path);
    let file = match opened {
        Ok(f) => f,
        Err(e) => {
            eprintln!(
                "unable to open file for standard output: open {}: {}",
                ctl::text::escape(&path.to_string_lossy()),
                ctl::container::checks::errno_text(&e)
            );
            return Some(ExitCode::from(1));
        }
    };
    // SAFETY: dup2 of a file we hold open onto fd 1. Nothing was written to stdout yet, so
    // no buffered output goes to the old one.
    if unsafe { libc::dup2(file.as_raw_fd(), libc::STDOUT_FILENO) } < 0 {
        eprintln!(
            "unable to open file for standard output: {}",
            std::io::Error::last_os_error()
        );
        return Some(ExitCode::from(1));
    }
    None
}

pub(super) fn init_logging(level: &str) {
    let filter = tracing_subscriber::EnvFilter::new(format!("ctl={level},oci_client={level}"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .without_time()
        .init();
}
