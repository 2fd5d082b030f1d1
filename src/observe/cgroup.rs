//! A running container's cgroup: where it is (from `/proc/PID/cgroup` of its init process,
//! as the runtime put it there) and what its controllers count, for cgroup v2 (one unified
//! tree) and v1 (one tree per controller). Parsers are pure; only `locate` and `read` touch
//! the filesystem.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where cgroup filesystems are mounted.
pub const CGROUP_ROOT: &str = "/sys/fs/cgroup";

/// USER_HZ: cpuacct.stat counts in these ticks, whatever the kernel's HZ.
const USER_HZ: u64 = 100;

/// A process's cgroup directories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cgroup {
    /// cgroup v2: one directory.
    V2(PathBuf),
    /// cgroup v1: a directory per controller (`memory`, `cpuacct`, `pids`, `blkio`).
    V1(BTreeMap<String, PathBuf>),
}

/// What the controllers count; `None` where a file could not be read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counters {
    /// CPU time, user and system, in nanoseconds.
    pub cpu_nanos: Option<u64>,
    /// CPU time in the kernel, in nanoseconds.
    pub cpu_system_nanos: Option<u64>,
    /// Memory in use, page cache that could be dropped left out (as docker and podman).
    pub mem_usage: Option<u64>,
    /// The memory limit; `None` when unlimited.
    pub mem_limit: Option<u64>,
    pub pids: Option<u64>,
    pub block_read: Option<u64>,
    pub block_write: Option<u64>,
}

/// `/proc/PID/cgroup`: `(controllers, path)` per line; v2's line has no controllers.
pub fn parse_proc_cgroup(text: &str) -> Vec<(Vec<String>, String)> {
    text.lines()
        .filter_map(|l| {
            let mut f = l.splitn(3, ':');
            let (_, ctrls, path) = (f.next()?, f.next()?, f.next()?);
            let ctrls = ctrls
                .split(',')
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect();
            Some((ctrls, path.to_string()))
        })
        .collect()
}

/// The cgroup directories of a process from its `/proc/PID/cgroup`, under `root` (the
/// cgroup mount point); `unified` says whether `root` is a cgroup v2 mount.
pub fn from_proc_cgroup(text: &str, root: &Path, unified: bool) -> Option<Cgroup> {
    let lines = parse_proc_cgroup(text);
    let under = |p: &str| root.join(p.trim_start_matches('/'));
    if unified {
        let (_, path) = lines.iter().find(|(c, _)| c.is_empty())?;
        return Some(Cgroup::V2(under(path)));
    }
    let mut dirs = BTreeMap::new();
    for (ctrls, path) in &lines {
        // A mount point is named by its controllers joined ("cpu,cpuacct"); each of them
        // is also linked by its own name on usual systems.
        for c in ctrls {
            if c.starts_with("name=") {
                continue;
            }
            dirs.insert(c.clone(), root.join(c).join(path.trim_start_matches('/')));
        }
    }
    (!dirs.is_empty()).then_some(Cgroup::V1(dirs))
}

/// The cgroup of process `pid` on this machine.
pub fn locate(pid: i32) -> std::io::Result<Cgroup> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/cgroup"))?;
    let root = Path::new(CGROUP_ROOT);
    let unified = root.join("cgroup.controllers").exists();
    from_proc_cgroup(&text, root, unified).ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("no cgroup in /proc/{pid}/cgroup"),
        )
    })
}

/// A number file (`memory.current`, `pids.current`); `max` is `None`.
pub fn parse_number(text: &str) -> Option<u64> {
    text.trim().parse().ok()
}

/// A `key value` per line file (`cpu.stat`, `memory.stat`, `cpuacct.stat`).
pub fn parse_flat_keyed(text: &str) -> BTreeMap<&str, u64> {
    text.lines()
        .filter_map(|l| {
            let (k, v) = l.split_once(' ')?;
            Some((k, v.trim().parse().ok()?))
        })
        .collect()
}

/// v2's `io.stat`: `MAJ:MIN rbytes=N wbytes=N ...` per device; bytes read and written.
pub fn parse_io_stat(text: &str) -> (u64, u64) {
    let (mut r, mut w) = (0u64, 0u64);
    for field in text.split_whitespace() {
        if let Some(n) = field.strip_prefix("rbytes=") {
            r = r.saturating_add(n.parse().unwrap_or(0));
        } else if let Some(n) = field.strip_prefix("wbytes=") {
            w = w.saturating_add(n.parse().unwrap_or(0));
        }
    }
    (r, w)
}

/// v1's `blkio.throttle.io_service_bytes_recursive`: `MAJ:MIN Op N` lines and a `Total`;
/// bytes read and written.
pub fn parse_blkio(text: &str) -> (u64, u64) {
    let (mut r, mut w) = (0u64, 0u64);
    for l in text.lines() {
        let f: Vec<&str> = l.split_whitespace().collect();
        if let [_, op, n] = f[..] {
            let n: u64 = n.parse().unwrap_or(0);
            match op.to_ascii_lowercase().as_str() {
                "read" => r = r.saturating_add(n),
                "write" => w = w.saturating_add(n),
                _ => {}
            }
        }
    }
    (r, w)
}

/// v1's memory limit: "unlimited" is a huge page-aligned number.
fn v1_limit(n: u64) -> Option<u64> {
    (n < (1 << 62)).then_some(n)
}

/// Reads files of a cgroup: `read(name)` gives a file's text, `None` when unreadable.
/// What could not be read is named in the second result.
pub fn counters(cg: &Cgroup, read: &dyn Fn(&Path) -> Option<String>) -> (Counters, Vec<String>) {
    let mut missing = Vec::new();
    let mut get = |p: PathBuf| {
        let t = read(&p);
        if t.is_none() {
            missing.push(p.display().to_string());
        }
        t
    };
    let mut c = Counters::default();
    match cg {
        Cgroup::V2(dir) => {
            if let Some(t) = get(dir.join("cpu.stat")) {
                let m = parse_flat_keyed(&t);
                c.cpu_nanos = m.get("usage_usec").map(|u| u * 1000);
                c.cpu_system_nanos = m.get("system_usec").map(|u| u * 1000);
            }
            let current = get(dir.join("memory.current")).and_then(|t| parse_number(&t));
            let inactive = get(dir.join("memory.stat"))
                .and_then(|t| parse_flat_keyed(&t).get("inactive_file").copied())
                .unwrap_or(0);
            c.mem_usage = current.map(|cur| cur.saturating_sub(inactive));
            c.mem_limit = get(dir.join("memory.max")).and_then(|t| parse_number(&t));
            c.pids = get(dir.join("pids.current")).and_then(|t| parse_number(&t));
            if let Some(t) = get(dir.join("io.stat")) {
                let (r, w) = parse_io_stat(&t);
                (c.block_read, c.block_write) = (Some(r), Some(w));
            }
        }
        Cgroup::V1(dirs) => {
            let dir = |ctrl: &str| dirs.get(ctrl).cloned();
            if let Some(d) = dir("cpuacct") {
                c.cpu_nanos = get(d.join("cpuacct.usage")).and_then(|t| parse_number(&t));
                c.cpu_system_nanos = get(d.join("cpuacct.stat")).and_then(|t| {
                    let ticks = *parse_flat_keyed(&t).get("system")?;
                    Some(ticks * (1_000_000_000 / USER_HZ))
                });
            }
            if let Some(d) = dir("memory") {
                let usage = get(d.join("memory.usage_in_bytes")).and_then(|t| parse_number(&t));
                let inactive = get(d.join("memory.stat"))
                    .and_then(|t| parse_flat_keyed(&t).get("total_inactive_file").copied())
                    .unwrap_or(0);
                c.mem_usage = usage.map(|u| u.saturating_sub(inactive));
                c.mem_limit = get(d.join("memory.limit_in_bytes"))
                    .and_then(|t| parse_number(&t))
                    .and_then(v1_limit);
            }
            if let Some(d) = dir("pids") {
                c.pids = get(d.join("pids.current")).and_then(|t| parse_number(&t));
            }
            if let Some(d) = dir("blkio") {
                if let Some(t) = get(d.join("blkio.throttle.io_service_bytes_recursive")) {
                    let (r, w) = parse_blkio(&t);
                    (c.block_read, c.block_write) = (Some(r), Some(w));
                }
            }
        }
    }
    (c, missing)
}

/// The processes in a cgroup (host pids), from `cgroup.procs` (v1: of the `pids` or
/// `memory` controller, whichever is there).
pub fn procs(cg: &Cgroup) -> std::io::Result<Vec<i32>> {
    let dir = match cg {
        Cgroup::V2(d) => d.clone(),
        Cgroup::V1(dirs) => ["pids", "memory", "cpuacct", "cpu", "devices"]
            .iter()
            .find_map(|c| dirs.get(*c).cloned())
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))?,
    };
    let text = std::fs::read_to_string(dir.join("cgroup.procs"))?;
    Ok(text.lines().filter_map(|l| l.trim().parse().ok()).collect())
}

#[cfg(test)]
#[path = "cgroup_tests.rs"]
mod tests;
