//! `ctl healthcheck run` and the `--health-*` flags of `create` and `run`.

use std::process::ExitCode;

use anyhow::Result;

use ctl::container::health::config::HealthFlags;
use ctl::container::health::settings::StartupFlags;
use ctl::container::lifecycle::Manager;
use ctl::Context;

/// The healthcheck flags of `create` and `run` (podman's names and defaults).
#[derive(Debug, clap::Args)]
pub struct Flags {
    /// Set a healthcheck command for the container ('none' disables the existing
    /// healthcheck); a JSON array runs as given, anything else through /bin/sh -c
    #[arg(long, value_name = "COMMAND")]
    pub health_cmd: Option<String>,
    /// Set an interval for the healthcheck (a value of disable results in no automatic
    /// timer setup) (default "30s")
    #[arg(long, value_name = "INTERVAL")]
    pub health_interval: Option<String>,
    /// Action to take once the container turns unhealthy: none, kill, restart, stop
    /// (default "none")
    #[arg(long, value_name = "ACTION")]
    pub health_on_failure: Option<String>,
    /// The number of retries allowed before a healthcheck is considered to be unhealthy
    /// (default 3)
    #[arg(long, value_name = "N")]
    pub health_retries: Option<u32>,
    /// The initialization time needed for a container to bootstrap (default "0s")
    #[arg(long, value_name = "PERIOD", allow_hyphen_values = true)]
    pub health_start_period: Option<String>,
    /// The maximum time allowed to complete the healthcheck before an interval is
    /// considered failed (default "30s")
    #[arg(long, value_name = "TIMEOUT")]
    pub health_timeout: Option<String>,
    /// Set the destination of the HealthCheck log. Directory path, local or events_logger
    /// (local use container state file) (default "local")
    #[arg(long, value_name = "DESTINATION")]
    pub health_log_destination: Option<String>,
    /// Set maximum number of attempts in the HealthCheck log file. ('0' value means an
    /// infinite number of attempts in the log file) (default 5)
    #[arg(long, value_name = "N")]
    pub health_max_log_count: Option<u32>,
    /// Set maximum length in characters of stored HealthCheck log. ('0' value means an
    /// infinite log length) (default 500)
    #[arg(long, value_name = "N")]
    pub health_max_log_size: Option<u32>,
    /// Set a startup healthcheck command for the container
    #[arg(long, value_name = "COMMAND")]
    pub health_startup_cmd: Option<String>,
    /// Set an interval for the startup healthcheck (a value of disable results in no
    /// automatic timer setup) (default "30s")
    #[arg(long, value_name = "INTERVAL")]
    pub health_startup_interval: Option<String>,
    /// Set the maximum number of retries before the startup healthcheck will restart the
    /// container (default 0: never)
    #[arg(long, value_name = "N")]
    pub health_startup_retries: Option<u32>,
    /// Set the number of consecutive successes before the startup healthcheck is marked as
    /// successful and the normal healthcheck begins (0 indicates any success will start
    /// the regular healthcheck)
    #[arg(long, value_name = "N")]
    pub health_startup_success: Option<u32>,
    /// Set the maximum amount of time that the startup healthcheck may take before it is
    /// considered failed (default "30s")
    #[arg(long, value_name = "TIMEOUT")]
    pub health_startup_timeout: Option<String>,
    /// Disable healthchecks on container
    #[arg(long)]
    pub no_healthcheck: bool,
}

impl Flags {
    pub fn request(&self) -> HealthFlags {
        HealthFlags {
            cmd: self.health_cmd.clone(),
            interval: self.health_interval.clone(),
            retries: self.health_retries,
            timeout: self.health_timeout.clone(),
            start_period: self.health_start_period.clone(),
            on_failure: self.health_on_failure.clone(),
            no_healthcheck: self.no_healthcheck,
            startup: StartupFlags {
                cmd: self.health_startup_cmd.clone(),
                interval: self.health_startup_interval.clone(),
                retries: self.health_startup_retries,
                success: self.health_startup_success,
                timeout: self.health_startup_timeout.clone(),
            },
            log_destination: self.health_log_destination.clone(),
            max_log_count: self.health_max_log_count,
            max_log_size: self.health_max_log_size,
        }
    }
}

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Run a container healthcheck
    Run(RunArgs),
}

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// Exit with code 0 regardless of healthcheck result or if the container is still in
    /// startup period
    #[arg(long)]
    pub ignore_result: bool,
    /// Container (name or id)
    pub container: String,
}

/// 0 healthy; 1 with the status printed when it is not (podman's); 125 when the check
/// cannot run or timed out.
pub fn exec(ctx: &Context, c: Command) -> Result<ExitCode> {
    let Command::Run(a) = c;
    let m = Manager::open(ctx)?;
    let out = m.healthcheck_run(&a.container)?;
    if let Some(t) = out.timed_out {
        anyhow::bail!(
            "healthcheck command exceeded timeout of {}",
            ctl::timetype::go_duration_string(t.as_nanos() as i128)
        );
    }
    if out.status == ctl_monitor::health::HEALTHY {
        return Ok(ExitCode::SUCCESS);
    }
    println!("{}", out.status);
    Ok(ExitCode::from(if a.ignore_result { 0 } else { 1 }))
}
