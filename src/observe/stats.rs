//! A container's resource usage as podman's `ContainerStats`: CPU from its cgroup (the
//! percentage between two samples, the first against the container's start), memory,
//! pids and block I/O from the cgroup, network I/O from its network namespace's
//! `/proc/PID/net/dev`.

use std::collections::BTreeMap;

use ctl_monitor::time::Timestamp;

use super::cgroup::{self, Counters};
use super::proc::{parse_net_dev, NetCounters};
use crate::container::lifecycle::Container;
use crate::container::state::Status;
use crate::network::Mode;

/// podman's define.ContainerStats, with what could not be read kept apart.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContainerStats {
    pub container_id: String,
    pub name: String,
    /// Whether the container was running when sampled (otherwise everything is zero).
    pub running: bool,
    /// CPU percentage since the previous sample, and since the start.
    pub cpu: f64,
    pub avg_cpu: f64,
    pub cpu_nano: u64,
    pub cpu_system_nano: u64,
    /// When this sample was taken, nanoseconds since the epoch.
    pub system_nano: u64,
    pub mem_usage: u64,
    pub mem_limit: u64,
    pub mem_perc: f64,
    /// Per interface; `None` when the container shares the host's network.
    pub network: Option<BTreeMap<String, NetCounters>>,
    pub block_input: u64,
    pub block_output: u64,
    pub pids: u64,
    /// The counters that could not be read (a rootless cgroup without those controllers).
    pub unavailable: Counters,
    /// The cgroup files that could not be read.
    pub unreadable: Vec<String>,
}

/// The first sample's reference point, as podman's: the container's start.
fn previous_or_start(prev: Option<&ContainerStats>, started: u64) -> (u64, u64) {
    match prev {
        Some(p) => (p.cpu_nano, p.system_nano),
        None => (0, started),
    }
}

/// `(cpu - prev_cpu) / (now - prev_time)` in percent, zero when either is not positive.
pub fn cpu_percent(cpu: u64, prev_cpu: u64, now: u64, prev_time: u64) -> f64 {
    let cpu_delta = cpu.saturating_sub(prev_cpu) as f64;
    let time_delta = now.saturating_sub(prev_time) as f64;
    if cpu_delta > 0.0 && time_delta > 0.0 {
        cpu_delta / time_delta * 100.0
    } else {
        0.0
    }
}

/// The limit podman shows: the cgroup's, unless there is none or it is above the machine's
/// memory.
pub fn effective_limit(limit: Option<u64>, physical: Option<u64>) -> u64 {
    match (limit, physical) {
        (Some(l), Some(p)) if l > 0 && l <= p => l,
        (_, Some(p)) => p,
        (Some(l), None) => l,
        (None, None) => 0,
    }
}

/// The machine's memory (`MemTotal` of `/proc/meminfo`).
fn physical_memory() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Computes one sample from counters read at `now` (pure).
pub fn compute(
    c: &Counters,
    prev: Option<&ContainerStats>,
    now: u64,
    started: u64,
    physical: Option<u64>,
) -> ContainerStats {
    let cpu_nano = c.cpu_nanos.unwrap_or(0);
    let (mut prev_cpu, mut prev_time) = previous_or_start(prev, started);
    // Less CPU than last time: the container restarted in a new cgroup.
    if prev_cpu > cpu_nano {
        (prev_cpu, prev_time) = (0, 0);
    }
    let mem_usage = c.mem_usage.unwrap_or(0);
    let mem_limit = effective_limit(c.mem_limit, physical);
    let mem_perc = match mem_limit {
        0 => 0.0,
        l => mem_usage as f64 / l as f64 * 100.0,
    };
    ContainerStats {
        running: true,
        cpu: cpu_percent(cpu_nano, prev_cpu, now, prev_time),
        avg_cpu: cpu_percent(cpu_nano, 0, now, started),
        cpu_nano,
        cpu_system_nano: c.cpu_system_nanos.unwrap_or(0),
        system_nano: now,
        mem_usage,
        mem_limit,
        mem_perc,
        block_input: c.block_read.unwrap_or(0),
        block_output: c.block_write.unwrap_or(0),
        pids: c.pids.unwrap_or(0),
        unavailable: Counters {
            cpu_nanos: c.cpu_nanos.is_none().then_some(0),
            cpu_system_nanos: c.cpu_system_nanos.is_none().then_some(0),
            mem_usage: c.mem_usage.is_none().then_some(0),
            mem_limit: None,
            pids: c.pids.is_none().then_some(0),
            block_read: c.block_read.is_none().then_some(0),
            block_write: c.block_write.is_none().then_some(0),
        },
        ..ContainerStats::default()
    }
}

/// Whether process `pid` is in the same cgroups as its monitor.
fn shares_cgroup(pid: i32, monitor: Option<i32>) -> bool {
    let read = |p: i32| std::fs::read_to_string(format!("/proc/{p}/cgroup")).ok();
    match (read(pid), monitor.and_then(read)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

fn nanos(t: Timestamp) -> u64 {
    u64::try_from(t.as_nanos()).unwrap_or(0)
}

/// Samples container `c` (as loaded, its record reconciled). A container that is not
/// running gives zeros, as podman's. A running container whose cgroup or network files
/// cannot be read gives what could be read, the rest named in `unreadable`.
pub fn sample(c: &Container, prev: Option<&ContainerStats>) -> ContainerStats {
    let base = ContainerStats {
        container_id: c.config.id.clone(),
        name: c.config.name.clone(),
        ..ContainerStats::default()
    };
    let (Status::Running, Some(pid)) = (c.state.status, c.state.pid) else {
        return base;
    };
    let started = c.state.started_at.map(nanos).unwrap_or(0);
    let (counters, mut unreadable) = match cgroup::locate(pid) {
        // Without a cgroup of its own (rootless runc where none is delegated) the counters
        // would be those of its monitor's whole cgroup: they are not shown.
        Ok(_) if shares_cgroup(pid, c.state.monitor_pid) => (
            Counters::default(),
            vec![format!(
                "the cgroup of container {} (it has none of its own)",
                c.config.name
            )],
        ),
        Ok(cg) => cgroup::counters(&cg, &|p| std::fs::read_to_string(p).ok()),
        Err(e) => (
            Counters::default(),
            vec![format!("/proc/{pid}/cgroup: {e}")],
        ),
    };
    let now = nanos(Timestamp::now());
    let mut s = compute(&counters, prev, now, started, physical_memory());
    s.network = match c.config.network {
        Mode::Host => None,
        _ => match std::fs::read_to_string(format!("/proc/{pid}/net/dev")) {
            Ok(t) => Some(parse_net_dev(&t)),
            Err(e) => {
                unreadable.push(format!("/proc/{pid}/net/dev: {e}"));
                None
            }
        },
    };
    s.unreadable = unreadable;
    s.container_id = base.container_id;
    s.name = base.name;
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: u64 = 1_000_000_000;

    fn counters(cpu: u64) -> Counters {
        Counters {
            cpu_nanos: Some(cpu),
            cpu_system_nanos: Some(cpu / 10),
            mem_usage: Some(10 << 20),
            mem_limit: Some(64 << 20),
            pids: Some(3),
            block_read: Some(4096),
            block_write: None,
        }
    }

    #[test]
    fn first_sample_against_the_start() {
        // Started 10 s ago, 5 s of CPU: 50 %.
        let s = compute(&counters(5 * S), None, 110 * S, 100 * S, Some(1 << 30));
        assert!((s.cpu - 50.0).abs() < 1e-9, "{}", s.cpu);
        assert!((s.avg_cpu - 50.0).abs() < 1e-9);
        assert_eq!(s.mem_limit, 64 << 20);
        assert!((s.mem_perc - 15.625).abs() < 1e-9);
        assert_eq!(s.pids, 3);
        assert_eq!(s.unavailable.block_write, Some(0));
        assert_eq!(s.unavailable.block_read, None);
    }

    #[test]
    fn next_sample_against_the_previous_one() {
        let first = compute(&counters(5 * S), None, 110 * S, 100 * S, None);
        // One more second of CPU in two seconds: 50 %; since the start, 6/12.
        let next = compute(&counters(6 * S), Some(&first), 112 * S, 100 * S, None);
        assert!((next.cpu - 50.0).abs() < 1e-9, "{}", next.cpu);
        assert!((next.avg_cpu - 50.0).abs() < 1e-9);
        // Idle since: zero, not negative.
        let idle = compute(&counters(6 * S), Some(&next), 114 * S, 100 * S, None);
        assert_eq!(idle.cpu, 0.0);
    }

    #[test]
    fn limits() {
        assert_eq!(effective_limit(None, Some(8 << 30)), 8 << 30);
        assert_eq!(effective_limit(Some(16 << 30), Some(8 << 30)), 8 << 30);
        assert_eq!(effective_limit(Some(64 << 20), Some(8 << 30)), 64 << 20);
        assert_eq!(effective_limit(Some(0), Some(8 << 30)), 8 << 30);
        assert_eq!(effective_limit(None, None), 0);
    }
}
