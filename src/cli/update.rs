//! `update`: new cgroup limits or restart policy for one container; prints its id.

use std::process::ExitCode;

use anyhow::{bail, Result};

use ctl::container::lifecycle::Manager;
use ctl::container::resources::{
    parse_cpu_shares, parse_cpus, parse_cpuset, parse_memory, parse_memory_swap, parse_pids_limit,
};
use ctl::container::restart::RestartPolicy;
use ctl::container::update::Update;
use ctl::Context;

#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    /// Memory limit (e.g. 512m, 1g)
    #[arg(short, long, value_name = "SIZE", allow_hyphen_values = true)]
    pub memory: Option<String>,
    /// Memory plus swap limit (-1: unlimited swap; default: twice --memory)
    #[arg(long, value_name = "SIZE", allow_hyphen_values = true)]
    pub memory_swap: Option<String>,
    /// Memory soft limit
    #[arg(long, value_name = "SIZE", allow_hyphen_values = true)]
    pub memory_reservation: Option<String>,
    /// Number of CPUs (e.g. 1.5)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub cpus: Option<String>,
    /// CPU time in microseconds per 100 ms period
    #[arg(long, value_name = "MICROSECONDS", allow_hyphen_values = true)]
    pub cpu_quota: Option<String>,
    /// CPU shares (relative weight; 0: the default)
    #[arg(short = 'c', long, value_name = "N")]
    pub cpu_shares: Option<String>,
    /// CPUs the container may run on (e.g. 0-2,4)
    #[arg(long, value_name = "LIST")]
    pub cpuset_cpus: Option<String>,
    /// Maximum number of processes (-1: unlimited)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub pids_limit: Option<String>,
    /// Restart policy: no, on-failure[:N], always, unless-stopped
    #[arg(long, value_name = "POLICY")]
    pub restart: Option<String>,
    /// Update the container created last
    #[arg(short, long)]
    pub latest: bool,
    /// Container (name, id or id prefix)
    pub container: Option<String>,
}

impl UpdateArgs {
    /// The flags given, parsed as `create` parses them.
    fn update(&self) -> Result<Update> {
        let quota = match (&self.cpus, &self.cpu_quota) {
            (Some(_), Some(_)) => bail!("--cpu-quota and --cpus cannot be set together"),
            (Some(c), None) => Some(parse_cpus(c)?),
            (None, Some(q)) => match q.parse::<i64>() {
                Ok(n) if n >= 1000 => Some(n),
                _ => bail!("invalid cpu-quota {q:?}: must be at least 1000 (microseconds)"),
            },
            (None, None) => None,
        };
        Ok(Update {
            memory: self
                .memory
                .as_deref()
                .map(|v| parse_memory("memory", v))
                .transpose()?,
            memory_swap: self
                .memory_swap
                .as_deref()
                .map(parse_memory_swap)
                .transpose()?,
            memory_reservation: self
                .memory_reservation
                .as_deref()
                .map(|v| parse_memory("memory-reservation", v))
                .transpose()?,
            cpu_quota: quota,
            cpu_shares: self
                .cpu_shares
                .as_deref()
                .map(parse_cpu_shares)
                .transpose()?,
            cpuset_cpus: self.cpuset_cpus.as_deref().map(parse_cpuset).transpose()?,
            pids_limit: self
                .pids_limit
                .as_deref()
                .map(parse_pids_limit)
                .transpose()?,
            restart: self
                .restart
                .as_deref()
                .map(RestartPolicy::parse)
                .transpose()?,
        })
    }
}

pub fn update(ctx: &Context, args: UpdateArgs) -> Result<ExitCode> {
    let m = Manager::open(ctx)?;
    let name = super::id_or_latest(&m, "ctl update", args.container.as_deref(), args.latest)?;
    let u = args.update()?;
    let id = m.resolve(&name)?;
    m.update(&id, &u)?;
    println!("{id}");
    Ok(ExitCode::SUCCESS)
}
