//! The test's side of ctl: a bundle with busybox, the monitor started with its sync pipe,
//! runc start, and clean-up (even when a test fails).

#![allow(dead_code)] // each test binary uses its own part

use std::fs::{self, File};
use std::os::fd::AsRawFd;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use ctl_monitor::{parse_log_line, ExitStatus, LogDriver, MonitorArgs, Stream, SyncMessage};
use nix::fcntl::OFlag;
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::{pipe2, Pid};
use serde_json::Value;

pub const RUNC: &str = "/usr/sbin/runc";
pub const APPLETS: &[&str] = &[
    "sh", "sleep", "cat", "tail", "stty", "printf", "echo", "true",
];

pub fn monitor_bin() -> PathBuf {
    std::env::var_os("CTL_MONITOR_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_ctl-monitor")))
}

/// One container with its bundle, monitor and clean-up (even when the test fails).
pub struct Ctr {
    pub dir: PathBuf,
    pub args: MonitorArgs,
    pub sync: Option<File>,
    pub monitor: Option<Pid>,
    /// The monitor's stdout (for passthrough).
    pub stdout: Option<File>,
}

impl Ctr {
    pub fn new(name: &str, cmd: &[&str]) -> Ctr {
        // Detached monitors are re-parented to us, so we can wait for them.
        nix::sys::prctl::set_child_subreaper(true).unwrap();
        let dir = std::env::temp_dir().join(format!("ctl-mon-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("rootfs/bin")).unwrap();
        fs::copy("/bin/busybox", dir.join("rootfs/bin/busybox")).unwrap();
        for a in APPLETS {
            std::os::unix::fs::symlink("busybox", dir.join("rootfs/bin").join(a)).unwrap();
        }
        let ok = Command::new(RUNC)
            .arg("spec")
            .current_dir(&dir)
            .status()
            .unwrap();
        assert!(ok.success(), "runc spec");
        let args = MonitorArgs {
            id: format!("ctlmon-{name}-{}", std::process::id()),
            bundle: dir.clone(),
            runtime: RUNC.into(),
            runtime_root: dir.join("runc-root"),
            container_pidfile: dir.join("ctr.pid"),
            monitor_pidfile: Some(dir.join("monitor.pid")),
            exit_file: dir.join("exit"),
            log_driver: LogDriver::KFile,
            log_path: Some(dir.join("ctr.log")),
            attach_socket: Some(dir.join("attach")),
            ctl_fifo: Some(dir.join("ctl")),
            ..Default::default()
        };
        let c = Ctr {
            dir,
            args,
            sync: None,
            monitor: None,
            stdout: None,
        };
        let cmd: Vec<Value> = cmd.iter().map(|s| Value::from(*s)).collect();
        c.config(|v| {
            v["process"]["args"] = Value::Array(cmd);
            v["process"]["terminal"] = Value::Bool(false);
            v["root"]["readonly"] = Value::Bool(false);
            let ns = v["linux"]["namespaces"].as_array_mut().unwrap();
            ns.retain(|n| n["type"] != "network");
        });
        c
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    pub fn config(&self, edit: impl FnOnce(&mut Value)) {
        let p = self.path("config.json");
        let mut v: Value = serde_json::from_str(&fs::read_to_string(&p).unwrap()).unwrap();
        edit(&mut v);
        fs::write(&p, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    }

    /// Starts the monitor (its first process exits at once; the detached one goes on).
    pub fn spawn(&mut self) {
        let (sync_r, sync_w) = pipe2(OFlag::O_CLOEXEC).unwrap();
        let sw = sync_w.as_raw_fd();
        self.args.sync_fd = Some(sw);
        let mut cmd = Command::new(monitor_bin());
        cmd.args(self.args.to_args());
        if let Some(f) = self.stdout.take() {
            cmd.stdout(f.try_clone().unwrap()).stderr(f);
        }
        // SAFETY: only fcntl(2), async-signal-safe, between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                if libc::fcntl(sw, libc::F_SETFD, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let st = cmd.status().unwrap();
        assert!(
            st.success(),
            "the monitor's first process exits 0 at once: {st}"
        );
        drop(sync_w);
        self.sync = Some(File::from(sync_r));
        // The pidfile is written before anything can fail: the detached monitor, to clean up.
        let pidfile = self.path("monitor.pid");
        let pid = wait_until(|| {
            fs::read_to_string(&pidfile)
                .ok()
                .filter(|s| s.ends_with('\n'))
        });
        self.monitor = Some(Pid::from_raw(pid.trim().parse().unwrap()));
    }

    /// Reads the monitor's sync message (sent once the container is created, or failed). A
    /// created container's message names the monitor's own pid.
    pub fn release(&mut self) -> Option<SyncMessage> {
        let msg = SyncMessage::read_from(self.sync.as_mut().unwrap()).unwrap();
        if let Some(SyncMessage::Pid { monitor, .. }) = &msg {
            assert_eq!(
                *monitor,
                self.monitor.map(Pid::as_raw),
                "the sync message names the monitor (the pid in its pidfile)"
            );
        }
        msg
    }

    pub fn runc(&self, args: &[&str]) -> std::process::Output {
        let root = self.args.runtime_root.to_str().unwrap();
        Command::new(RUNC)
            .args(["--root", root])
            .args(args)
            .output()
            .unwrap()
    }

    pub fn start(&self) {
        let out = self.runc(&["start", &self.args.id]);
        assert!(out.status.success(), "runc start: {out:?}");
    }

    /// spawn + release + start; returns the container's pid.
    pub fn run(&mut self) -> i32 {
        self.spawn();
        match self.release() {
            Some(SyncMessage::Pid { pid, .. }) => {
                self.start();
                pid
            }
            other => panic!("expected a pid, got {other:?}"),
        }
    }

    /// Waits for the monitor to exit; returns its exit code.
    pub fn wait_monitor(&mut self, timeout: Duration) -> Option<i32> {
        let pid = self.monitor?;
        let end = Instant::now() + timeout;
        while Instant::now() < end {
            match waitpid(pid, Some(WaitPidFlag::WNOHANG)) {
                Ok(WaitStatus::Exited(_, code)) => {
                    self.monitor = None;
                    return Some(code);
                }
                Ok(WaitStatus::Signaled(_, sig, _)) => {
                    self.monitor = None;
                    return Some(128 + sig as i32);
                }
                Ok(_) => std::thread::sleep(Duration::from_millis(20)),
                Err(e) => panic!("waitpid monitor {pid}: {e}"),
            }
        }
        None
    }

    /// Waits for the monitor to finish and returns the exit file.
    pub fn exit(&mut self) -> ExitStatus {
        let code = self.wait_monitor(Duration::from_secs(20));
        let status = ExitStatus::read(&self.args.exit_file).unwrap();
        // The monitor exits with the container's code, as conmon does (255: unknown).
        let want = status.exit_code.map_or(255, |c| c.clamp(0, 255));
        assert_eq!(code, Some(want), "monitor exit code");
        status
    }

    pub fn log(&self) -> Vec<(Stream, bool, String)> {
        let text = fs::read_to_string(self.args.log_path.as_ref().unwrap()).unwrap();
        text.lines()
            .map(|l| {
                let (_, s, p, t) = parse_log_line(l).unwrap_or_else(|| panic!("bad line {l:?}"));
                (s, p, t.to_owned())
            })
            .collect()
    }

    pub fn wait_for_log(&self, what: &str) {
        let end = Instant::now() + Duration::from_secs(10);
        while Instant::now() < end {
            if self.log().iter().any(|(_, _, t)| t == what) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("{what:?} never logged");
    }
}

/// Polls `f` (every 10 ms, at most 10 s) until it gives a value.
pub fn wait_until<T>(mut f: impl FnMut() -> Option<T>) -> T {
    let end = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < end, "condition not met within 10 s");
        std::thread::sleep(Duration::from_millis(10));
    }
}

impl Drop for Ctr {
    fn drop(&mut self) {
        let _ = self.runc(&["delete", "-f", &self.args.id]);
        if self.monitor.is_some() && self.wait_monitor(Duration::from_secs(5)).is_none() {
            if let Some(pid) = self.monitor {
                let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
                let _ = waitpid(pid, None);
            }
        }
        let _ = fs::remove_dir_all(&self.dir);
    }
}
