//! OOM detection, best effort: the container's memory cgroup is found from /proc/PID/cgroup
//! while it runs, and its OOM kill counter is compared at exit.

use std::fs;
use std::path::PathBuf;

const ROOT: &str = "/sys/fs/cgroup";

pub struct OomCounter {
    /// cgroup v2 `memory.events` or v1 `memory.oom_control`.
    file: PathBuf,
    base: u64,
}

impl OomCounter {
    /// Finds the memory cgroup of `pid` (v1 memory controller first, else v2).
    pub fn find(pid: i32) -> Option<OomCounter> {
        let text = fs::read_to_string(format!("/proc/{pid}/cgroup")).ok()?;
        let file = candidates(&text).into_iter().find(|p| p.exists())?;
        let base = read_count(&file).map_or(0, |(n, _)| n);
        Some(OomCounter { file, base })
    }

    /// Whether the cgroup saw an OOM kill since [`OomCounter::find`].
    pub fn oom_killed(&self) -> bool {
        read_count(&self.file).is_some_and(|(n, under)| n > self.base || under)
    }
}

/// Counter files to try, in order, for a /proc/PID/cgroup text.
fn candidates(proc_cgroup: &str) -> Vec<PathBuf> {
    let mut v1 = None;
    let mut v2 = None;
    for line in proc_cgroup.lines() {
        let mut f = line.splitn(3, ':');
        let (Some(id), Some(ctrls), Some(path)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        let rel = path.trim_start_matches('/');
        if ctrls.split(',').any(|c| c == "memory") {
            v1 = Some(
                PathBuf::from(ROOT)
                    .join("memory")
                    .join(rel)
                    .join("memory.oom_control"),
            );
        } else if id == "0" && ctrls.is_empty() {
            v2 = Some(PathBuf::from(ROOT).join(rel).join("memory.events"));
        }
    }
    v1.into_iter().chain(v2).collect()
}

/// The `oom_kill` count and, for v1, whether the group is under OOM right now.
fn read_count(file: &PathBuf) -> Option<(u64, bool)> {
    let text = fs::read_to_string(file).ok()?;
    let mut count = None;
    let mut under = false;
    for line in text.lines() {
        match line.split_once(' ') {
            Some(("oom_kill", n)) => count = n.trim().parse().ok(),
            Some(("under_oom", n)) => under = n.trim() == "1",
            _ => {}
        }
    }
    Some((count.unwrap_or(0), under))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_v1_then_v2() {
        let text = "9:name=systemd:/\n4:memory:/ctl/abc\n0::/ctl/abc\n";
        assert_eq!(
            candidates(text),
            vec![
                PathBuf::from("/sys/fs/cgroup/memory/ctl/abc/memory.oom_control"),
                PathBuf::from("/sys/fs/cgroup/ctl/abc/memory.events"),
            ]
        );
        assert_eq!(
            candidates("0::/user.slice/x\n"),
            vec![PathBuf::from("/sys/fs/cgroup/user.slice/x/memory.events")]
        );
    }
}
