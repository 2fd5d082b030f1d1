//! `wait`: until each container meets a condition (by default its exit), printing its exit
//! code, or -1 for the conditions that are not an exit.

use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Result};

use ctl::container::lifecycle::Manager;
use ctl::container::wait::Condition;
use ctl::Context;

use super::manage::{check_all_latest, first_missing};

#[derive(Debug, clap::Args)]
pub struct WaitArgs {
    /// A state to wait for (any one given satisfies): configured, created, exited, healthy,
    /// initialized, paused, removing, running, stopped, unhealthy
    #[arg(long, value_name = "STATE", value_delimiter = ',')]
    pub condition: Vec<String>,
    /// Wait for the first container that meets a condition, and ignore the others
    #[arg(long)]
    pub exit_first_match: bool,
    /// Print -1 for containers that do not exist instead of failing
    #[arg(long)]
    pub ignore: bool,
    /// How often to look for a condition other than the exit (Go duration; a plain number
    /// is milliseconds)
    #[arg(short, long, default_value = "250ms", value_name = "DURATION")]
    pub interval: String,
    /// Wait for the container created last
    #[arg(short, long)]
    pub latest: bool,
    /// Containers (name, id or id prefix)
    pub containers: Vec<String>,
}

/// podman's reading of --interval: a Go duration, else the number as milliseconds.
fn interval(raw: &str) -> Result<Duration> {
    let nanos =
        ctl::timetype::go_duration(raw).or_else(|| ctl::timetype::go_duration(&format!("{raw}ms")));
    match nanos {
        Some(n) => Ok(Duration::from_nanos(n.clamp(0, u64::MAX as i128) as u64)),
        None => bail!("time: invalid duration {raw:?}"),
    }
}

pub fn wait(ctx: &Context, args: WaitArgs) -> Result<ExitCode> {
    let every = interval(&args.interval)?;
    if !args.latest && args.containers.is_empty() {
        bail!("\"ctl wait\" requires a name, id, or the \"--latest\" flag");
    }
    check_all_latest(false, args.latest, false, &args.containers)?;
    let mut conditions = args
        .condition
        .iter()
        .map(|c| Condition::parse(c))
        .collect::<ctl::Result<Vec<_>>>()?;
    if conditions.is_empty() {
        conditions.push(Condition::Exited);
    }
    let m = Manager::open(ctx)?;
    let mut inputs = args.containers.clone();
    if args.latest {
        inputs.push(m.latest()?);
    }
    if let Some(e) = first_missing(&m, &inputs, args.ignore) {
        super::output::report_error(&e);
        return Ok(ExitCode::from(e.exit_code()));
    }
    if args.exit_first_match {
        return first_match(&m, &inputs, &conditions, every, args.ignore);
    }
    let mut code = 0u8;
    for input in inputs {
        let waited = m
            .resolve(&input)
            .and_then(|id| m.wait_for(&id, &conditions, every));
        match waited {
            Ok(Some(c)) => println!("{c}"),
            Ok(None) => {
                eprintln!(
                    "{}",
                    ctl::text::escape(&format!("Warning: {input}: exit status unknown"))
                );
                println!("-1");
            }
            Err(ctl::Error::ContainerNotFound(_)) if args.ignore => println!("-1"),
            Err(e) => {
                super::output::report_error(&e);
                code = e.exit_code();
            }
        }
    }
    Ok(ExitCode::from(code))
}

/// `--exit-first-match`: one line, for whichever container meets a condition first.
fn first_match(
    m: &Manager,
    inputs: &[String],
    conditions: &[Condition],
    every: Duration,
    ignore: bool,
) -> Result<ExitCode> {
    let mut ids = Vec::new();
    for input in inputs {
        match m.resolve(input) {
            Ok(id) => ids.push(id),
            Err(ctl::Error::ContainerNotFound(_)) if ignore => {}
            Err(e) => return Err(e.into()),
        }
    }
    if ids.is_empty() {
        println!("-1");
        return Ok(ExitCode::SUCCESS);
    }
    match m.wait_first(&ids, conditions, every)? {
        Some(c) => println!("{c}"),
        None => println!("-1"),
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_read_as_podman_s() {
        assert_eq!(interval("250ms").unwrap(), Duration::from_millis(250));
        assert_eq!(interval("2s").unwrap(), Duration::from_secs(2));
        assert_eq!(interval("100").unwrap(), Duration::from_millis(100));
        assert!(interval("soon").is_err());
    }
}
