//! A store that fills up: a container printing without pause fills the filesystem its log is
//! on. The monitor must stay idle (no retrying at full speed) while still taking the output
//! now and then, so the container is never blocked for good; and stop, kill and `rm -f` must
//! still work on the full store and leave nothing behind.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;

use super::*;
use crate::common::ctl::Ctl;
use crate::common::fixtures::Image;

/// The size of the store's filesystem: room for the image, little more.
const STORE_SIZE: &str = "40m";

/// Bytes of output a container writes into the store of [`STORE_SIZE`]: more than it holds,
/// so that output still flows while the monitor is watched on the full store.
const TOTAL: u64 = 100_000_000;

/// How long the monitor's CPU use is watched.
const WINDOW: Duration = Duration::from_secs(2);

/// A tmpfs mounted over a directory; on drop the processes a test registered are killed and
/// the tmpfs is detached, whatever happened before.
struct Tmpfs {
    dir: PathBuf,
    procs: Vec<i32>,
}

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Tmpfs {
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o"])
            .arg(format!("size={size},mode=0700"))
            .arg("tmpfs")
            .arg(dir)
            .output()
            .expect("mount runs");
        assert!(out.status.success(), "mount tmpfs on {dir:?}: {out:?}");
        Tmpfs {
            dir: dir.to_path_buf(),
            procs: Vec::new(),
        }
    }

    /// Gives the filesystem a new size (tmpfs grows in place).
    fn resize(&self, size: &str) {
        let out = Command::new("mount")
            .args(["-o", &format!("remount,size={size}")])
            .arg(&self.dir)
            .output()
            .expect("mount runs");
        assert!(out.status.success(), "remount {:?}: {out:?}", self.dir);
    }

    /// Waits until less than 1 MiB is free.
    fn wait_full(&self) {
        let full = wait_for(Duration::from_secs(60), || {
            (self.available() < 1 << 20).then_some(())
        });
        assert!(
            full.is_some(),
            "the store never filled up: {} bytes free",
            self.available()
        );
    }

    /// Bytes still free.
    fn available(&self) -> u64 {
        let s = nix::sys::statvfs::statvfs(&self.dir).expect("statvfs of the store");
        s.blocks_available() * s.fragment_size()
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        for &p in &self.procs {
            if alive(p) {
                let _ = kill(Pid::from_raw(p), Signal::SIGKILL);
            }
        }
        // Already gone when the ctl's own cleanup detached it first.
        let _ = nix::mount::umount2(&self.dir, nix::mount::MntFlags::MNT_DETACH);
    }
}

/// CPU time `pid` has used (user + system), from /proc/PID/stat.
fn cpu_time(pid: i32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("/proc/PID/stat");
    let (_, rest) = stat.rsplit_once(')').expect("stat has a command name");
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // Fields 14 and 15 of proc(5); `rest` starts at field 3.
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as u64;
    Duration::from_millis(ticks * 1000 / hz)
}

/// Bytes `pid` has passed to write(2) so far, from /proc/PID/io; None once it has exited
/// (all its output taken).
fn written(pid: i32) -> Option<u64> {
    let io = std::fs::read_to_string(format!("/proc/{pid}/io")).ok()?;
    io.lines()
        .find_map(|l| l.strip_prefix("wchar: "))
        .and_then(|n| n.trim().parse().ok())
}

/// Over [`WINDOW`]: the monitor takes the output of `writer` now and then (it keeps writing)
/// but does not spin on the failing log.
fn assert_monitor_idle_while_output_flows(monitor: i32, writer: i32) {
    let (cpu0, wrote0, t0) = (cpu_time(monitor), written(writer), Instant::now());
    // A measurement over a span of time, not a wait for a condition.
    std::thread::sleep(WINDOW);
    let (cpu1, wrote1, elapsed) = (cpu_time(monitor), written(writer), t0.elapsed());
    let used = (cpu1 - cpu0).as_secs_f64() / elapsed.as_secs_f64();
    assert!(
        used < 0.10,
        "the monitor used {:.0}% of a CPU over {elapsed:?} on a full store",
        used * 100.0
    );
    // A writer that finished had all of its output taken.
    let flowed = match (wrote0, wrote1) {
        (Some(a), Some(b)) => b > a,
        _ => true,
    };
    assert!(
        flowed,
        "the container's output was not taken over {elapsed:?}: it is blocked"
    );
}

/// Children of `pid` (its main thread's).
fn children(pid: i32) -> Vec<i32> {
    std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|p| p.parse().ok())
        .collect()
}

#[test]
fn the_monitor_drops_output_on_a_full_store_and_says_so_when_space_returns() {
    let ctl = Ctl::new();
    let mut disk = Tmpfs::mount(&ctl.root, STORE_SIZE);
    let w = WithImage::pulled_into(ctl, Image::busybox(), "fixtures/busybox:latest");
    // 40 MB of output into a 40 MB store (records take more room than their text), then
    // quiet until told to speak.
    let script = format!(
        "trap 'echo after-space' USR1; yes {} | head -c {TOTAL}; \
         while :; do sleep 0.1; done",
        "x".repeat(100)
    );
    let flood = run_d(
        &w,
        &["--name", "flood", "--network", "none"],
        &["sh", "-c", &script],
    );
    let (Some(pid), Some(monitor)) = pids(&w, &flood) else {
        panic!("no pids for flood in its record");
    };
    disk.procs = vec![pid, monitor];
    let found = wait_for(Duration::from_secs(10), || {
        children(pid).into_iter().find(|c| {
            std::fs::read_to_string(format!("/proc/{c}/comm")).is_ok_and(|n| n == "head\n")
        })
    });
    let head = found.expect("the container runs head");
    disk.procs.push(head);

    disk.wait_full();
    assert_monitor_idle_while_output_flows(monitor, head);
    // Not blocked for good: all of it goes through, dropped.
    let done = wait_for(Duration::from_secs(60), || (!alive(head)).then_some(()));
    assert!(done.is_some(), "the container never got its output out");

    disk.resize("80m");
    w.ctl.ok(&["kill", "-s", "USR1", "flood"]);
    wait_log(&w, "flood", "after-space");
    let logs = w.ctl.ok(&["logs", "flood"]);
    let notices: Vec<&str> = logs
        .stderr
        .lines()
        .filter(|l| l.starts_with("ctl-monitor: "))
        .collect();
    assert_eq!(
        notices.len(),
        1,
        "one notice of dropped output:\n{}",
        logs.stderr
    );
    let dropped: u64 = notices[0]
        .strip_prefix("ctl-monitor: ")
        .and_then(|r| r.strip_suffix(" bytes of output were dropped: no space left on device"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("not a dropped-output notice: {:?}", notices[0]));
    // Every byte is either in the log or counted as dropped.
    let kept = logs.stdout.len() - "after-space\n".len();
    assert!(
        logs.stdout.ends_with("after-space\n"),
        "{:?}",
        &logs.stdout[logs.stdout.len().saturating_sub(200)..]
    );
    assert!(dropped > 0);
    assert_eq!(
        kept as u64 + dropped,
        TOTAL,
        "kept {kept}, dropped {dropped}"
    );
    assert!(monitor_alive_and(&w, monitor));
    w.ctl.ok(&["rm", "-f", "flood"]);
    assert_gone(&w, &flood, Some("flood"), &[pid, monitor]);
    assert_all_gone(&w);
}

/// The monitor still runs and ctl still sees the container running.
fn monitor_alive_and(w: &WithImage, monitor: i32) -> bool {
    alive(monitor) && status(w, "flood") == "running"
}

#[test]
fn a_full_store_leaves_the_monitor_idle_and_the_container_removable() {
    let ctl = Ctl::new();
    let mut disk = Tmpfs::mount(&ctl.root, STORE_SIZE);
    let w = WithImage::pulled_into(ctl, Image::busybox(), "fixtures/busybox:latest");
    let idle = run_d(
        &w,
        &["--name", "idle", "--network", "none"],
        &["sleep", "1000"],
    );
    let line = "x".repeat(100);
    let flood = run_d(
        &w,
        &["--name", "flood", "--network", "none"],
        &["busybox", "yes", &line],
    );
    let (Some(pid), Some(monitor)) = pids(&w, &flood) else {
        panic!("no pids for flood in its record");
    };
    let (Some(idle_pid), Some(idle_monitor)) = pids(&w, &idle) else {
        panic!("no pids for idle in its record");
    };
    disk.procs = vec![pid, monitor, idle_pid, idle_monitor];

    disk.wait_full();
    assert_monitor_idle_while_output_flows(monitor, pid);
    assert!(alive(monitor) && alive(pid), "flood died on a full store");
    assert_eq!(status(&w, "flood"), "running");

    // Stopping, killing and removing need no free space.
    w.ctl.ok(&["stop", "-t", "1", "flood"]);
    assert_eq!(
        field(&w, "flood", "{{.State.Status}} {{.State.ExitCode}}"),
        "exited 137"
    );
    assert_dead(&[pid, monitor]);
    w.ctl.ok(&["kill", "idle"]);
    wait_status(&w, "idle", "exited");
    w.ctl.ok(&["rm", "-f", "flood", "idle"]);
    assert_gone(&w, &flood, Some("flood"), &[pid, monitor]);
    assert_gone(&w, &idle, Some("idle"), &[idle_pid, idle_monitor]);
    assert_all_gone(&w);
}
