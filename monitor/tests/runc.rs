//! The real monitor binary with the real runc (root only): the test plays ctl's part.
//!
//! Set CTL_MONITOR_BIN to run these against another build (e.g. the release binary, to
//! measure its memory).

#![allow(unsafe_code)] // pre_exec to hand the sync/start fds to the monitor

use std::fs::{self, File};
use std::io::Write;
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use ctl_monitor::wire::{connect_attach, STREAM_STDERR, STREAM_STDOUT};
use ctl_monitor::{parse_log_line, ExitStatus, LogDriver, MonitorArgs, Stream, SyncMessage};
use nix::fcntl::OFlag;
use nix::sys::socket::{recv, send, shutdown, MsgFlags, Shutdown};
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::{pipe2, Pid};
use serde_json::Value;

const RUNC: &str = "/usr/sbin/runc";
const APPLETS: &[&str] = &["sh", "sleep", "cat", "tail", "stty", "printf", "echo", "true"];

fn monitor_bin() -> PathBuf {
    std::env::var_os("CTL_MONITOR_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_ctl-monitor")))
}

/// One container with its bundle, monitor and clean-up (even when the test fails).
struct Ctr {
    dir: PathBuf,
    args: MonitorArgs,
    sync: Option<File>,
    start: Option<OwnedFd>,
    monitor: Option<Pid>,
    monitor_status: Option<i32>,
}

impl Ctr {
    fn new(name: &str, cmd: &[&str]) -> Ctr {
        // Detached monitors are re-parented to us, so we can wait for them.
        nix::sys::prctl::set_child_subreaper(true).unwrap();
        let dir = std::env::temp_dir().join(format!("ctl-mon-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("rootfs/bin")).unwrap();
        fs::copy("/bin/busybox", dir.join("rootfs/bin/busybox")).unwrap();
        for a in APPLETS {
            std::os::unix::fs::symlink("busybox", dir.join("rootfs/bin").join(a)).unwrap();
        }
        let ok = Command::new(RUNC).arg("spec").current_dir(&dir).status().unwrap();
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
            start: None,
            monitor: None,
            monitor_status: None,
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

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    fn config(&self, edit: impl FnOnce(&mut Value)) {
        let p = self.path("config.json");
        let mut v: Value = serde_json::from_str(&fs::read_to_string(&p).unwrap()).unwrap();
        edit(&mut v);
        fs::write(&p, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    }

    /// Starts the monitor, holding it on the start pipe.
    fn spawn(&mut self) {
        let (sync_r, sync_w) = pipe2(OFlag::O_CLOEXEC).unwrap();
        let (start_r, start_w) = pipe2(OFlag::O_CLOEXEC).unwrap();
        let (sw, sr) = (sync_w.as_raw_fd(), start_r.as_raw_fd());
        self.args.sync_fd = Some(sw);
        self.args.start_fd = Some(sr);
        let mut cmd = Command::new(monitor_bin());
        cmd.args(self.args.to_args());
        // SAFETY: only fcntl(2), async-signal-safe, between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                for fd in [sw, sr] {
                    if libc::fcntl(fd, libc::F_SETFD, 0) < 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                }
                Ok(())
            });
        }
        let st = cmd.status().unwrap();
        assert!(st.success(), "the monitor's first process exits 0 at once: {st}");
        self.sync = Some(File::from(sync_r));
        self.start = Some(start_w);
    }

    /// Lets the monitor create the container; returns its sync message.
    fn release(&mut self) -> Option<SyncMessage> {
        drop(self.start.take());
        let msg = SyncMessage::read_from(self.sync.as_mut().unwrap()).unwrap();
        let pid = fs::read_to_string(self.path("monitor.pid")).unwrap();
        self.monitor = Some(Pid::from_raw(pid.trim().parse().unwrap()));
        msg
    }

    fn runc(&self, args: &[&str]) -> std::process::Output {
        let root = self.args.runtime_root.to_str().unwrap();
        Command::new(RUNC).args(["--root", root]).args(args).output().unwrap()
    }

    fn start(&self) {
        let out = self.runc(&["start", &self.args.id]);
        assert!(out.status.success(), "runc start: {out:?}");
    }

    /// spawn + release + start; returns the container's pid.
    fn run(&mut self) -> i32 {
        self.spawn();
        match self.release() {
            Some(SyncMessage::Pid(pid)) => {
                self.start();
                pid
            }
            other => panic!("expected a pid, got {other:?}"),
        }
    }

    /// Waits for the monitor to exit; returns its exit code.
    fn wait_monitor(&mut self, timeout: Duration) -> Option<i32> {
        let pid = self.monitor?;
        let end = Instant::now() + timeout;
        while Instant::now() < end {
            match waitpid(pid, Some(WaitPidFlag::WNOHANG)) {
                Ok(WaitStatus::Exited(_, code)) => {
                    self.monitor = None;
                    self.monitor_status = Some(code);
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
    fn exit(&mut self) -> ExitStatus {
        let code = self.wait_monitor(Duration::from_secs(20));
        assert_eq!(code, Some(0), "monitor exit code");
        ExitStatus::read(&self.args.exit_file).unwrap()
    }

    fn log(&self) -> Vec<(Stream, bool, String)> {
        let text = fs::read_to_string(self.args.log_path.as_ref().unwrap()).unwrap();
        text.lines()
            .map(|l| {
                let (_, s, p, t) = parse_log_line(l).unwrap_or_else(|| panic!("bad line {l:?}"));
                (s, p, t.to_owned())
            })
            .collect()
    }

    fn wait_for_log(&self, what: &str) {
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

impl Drop for Ctr {
    fn drop(&mut self) {
        drop(self.start.take());
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

fn has(log: &[(Stream, bool, String)], stream: Stream, partial: bool, text: &str) -> bool {
    log.iter().any(|(s, p, t)| *s == stream && *p == partial && t == text)
}

#[test]
fn output_is_logged_and_exit_code_recorded_then_exit_command_runs() {
    let mut c = Ctr::new("hello", &["sh", "-c", "echo hello; echo err >&2; exit 3"]);
    let mark = c.path("exit-command-saw");
    c.args.exit_command = Some("/bin/sh".into());
    c.args.exit_command_args = vec![
        "-c".into(),
        format!("cp {} {}", c.args.exit_file.display(), mark.display()).into(),
    ];
    c.run();
    let e = c.exit();
    assert_eq!((e.exit_code, e.signal, e.oom_killed), (Some(3), None, false));
    let log = c.log();
    assert!(has(&log, Stream::Stdout, false, "hello"), "{log:?}");
    assert!(has(&log, Stream::Stderr, false, "err"), "{log:?}");
    // The exit command ran after the exit file was complete.
    let seen = ExitStatus::read(&mark).expect("exit command saw the exit file");
    assert_eq!(seen, e);
    assert!(!c.path("attach").exists(), "attach socket removed");
    assert!(!c.path("ctl").exists(), "control fifo removed");
}

#[test]
fn killed_container_is_137_and_idle_memory_is_small() {
    let mut c = Ctr::new("kill", &["sleep", "1000"]);
    c.run();
    std::thread::sleep(Duration::from_millis(300));
    let pid = c.monitor.unwrap();
    let rollup = fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap();
    for l in rollup.lines() {
        if l.starts_with("Rss:") || l.starts_with("Pss:") || l.starts_with("Private_Dirty:") {
            eprintln!("idle monitor ({}): {l}", monitor_bin().display());
        }
    }
    let out = c.runc(&["kill", &c.args.id, "KILL"]);
    assert!(out.status.success(), "{out:?}");
    let e = c.exit();
    assert_eq!((e.exit_code, e.signal), (Some(137), Some(9)));
    assert!(ctl_monitor::time::parse_timestamp(&e.finished_at).is_some());
}

#[test]
fn bad_bundles_report_the_runtimes_error() {
    let mut c = Ctr::new("nobin", &["/bin/nothere"]);
    c.spawn();
    match c.release() {
        Some(SyncMessage::Error(e)) => assert!(e.contains("/bin/nothere"), "{e}"),
        other => panic!("expected an error, got {other:?}"),
    }
    assert_eq!(c.wait_monitor(Duration::from_secs(10)), Some(1));
    assert!(!c.args.exit_file.exists());

    let mut c = Ctr::new("norootfs", &["sh"]);
    fs::remove_dir_all(c.path("rootfs")).unwrap();
    c.spawn();
    match c.release() {
        Some(SyncMessage::Error(e)) => assert!(e.contains("rootfs"), "{e}"),
        other => panic!("expected an error, got {other:?}"),
    }
}

#[test]
fn unterminated_output_is_a_partial_record() {
    let mut c = Ctr::new("partial", &["sh", "-c", "printf abc; sleep 0.2; echo def"]);
    c.run();
    assert_eq!(c.exit().exit_code, Some(0));
    let log = c.log();
    assert!(has(&log, Stream::Stdout, true, "abc"), "{log:?}");
    assert!(has(&log, Stream::Stdout, false, "def"), "{log:?}");
}

#[test]
fn log_rotation_keeps_max_files() {
    let script = "i=0; while [ $i -lt 40 ]; do echo line-$i; i=$((i+1)); done";
    let mut c = Ctr::new("rotate", &["sh", "-c", script]);
    c.args.log_max_size = 300;
    c.args.log_max_files = 3;
    c.run();
    assert_eq!(c.exit().exit_code, Some(0));
    let log = c.args.log_path.clone().unwrap();
    let rotated = |n: u32| ctl_monitor::logfile::rotated_path(&log, n);
    for p in [log.clone(), rotated(1), rotated(2)] {
        let len = fs::metadata(&p).unwrap().len();
        assert!(len > 0 && len <= 300, "{}: {len}", p.display());
    }
    assert!(!rotated(3).exists());
    assert!(c.log().iter().any(|(_, _, t)| t == "line-39"));
}

#[test]
fn sigterm_to_the_monitor_reaches_the_container() {
    let script = "trap 'exit 7' TERM; echo ready; while true; do sleep 0.1; done";
    let mut c = Ctr::new("term", &["sh", "-c", script]);
    c.run();
    c.wait_for_log("ready");
    nix::sys::signal::kill(c.monitor.unwrap(), nix::sys::signal::Signal::SIGTERM).unwrap();
    let e = c.exit();
    assert_eq!((e.exit_code, e.signal), (Some(7), None));
}

fn packets(fd: &OwnedFd) -> Vec<(u8, Vec<u8>)> {
    let mut out = Vec::new();
    let mut buf = vec![0u8; ctl_monitor::wire::MAX_PACKET_DATA + 1];
    loop {
        match recv(fd.as_raw_fd(), &mut buf, MsgFlags::empty()) {
            Ok(0) | Err(_) => return out,
            Ok(n) => out.push((buf[0], buf[1..n].to_vec())),
        }
    }
}

fn stream_text(p: &[(u8, Vec<u8>)], id: u8) -> String {
    let bytes: Vec<u8> = p.iter().filter(|(s, _)| *s == id).flat_map(|(_, d)| d.clone()).collect();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn attach_clients_get_output_and_feed_stdin() {
    let mut c = Ctr::new("attach", &["sh", "-c", "echo out; echo errs >&2; cat"]);
    c.args.stdin = true;
    c.args.stdin_once = true;
    c.spawn();
    assert!(matches!(c.release(), Some(SyncMessage::Pid(_))));
    let client = connect_attach(&c.path("attach")).unwrap();
    c.start();
    send(client.as_raw_fd(), b"ping\n", MsgFlags::empty()).unwrap();
    shutdown(client.as_raw_fd(), Shutdown::Write).unwrap();
    let got = packets(&client);
    assert_eq!(stream_text(&got, STREAM_STDOUT), "out\nping\n", "{got:?}");
    assert_eq!(stream_text(&got, STREAM_STDERR), "errs\n");
    assert_eq!(c.exit().exit_code, Some(0));
    assert!(has(&c.log(), Stream::Stdout, false, "ping"));
}

#[test]
fn terminal_output_and_resize() {
    let mut c = Ctr::new("tty", &["sh", "-c", "sleep 0.5; stty size; [ -t 1 ] && echo tty-ok"]);
    c.config(|v| v["process"]["terminal"] = Value::Bool(true));
    c.args.terminal = true;
    c.spawn();
    assert!(matches!(c.release(), Some(SyncMessage::Pid(_))));
    let mut fifo = fs::OpenOptions::new().write(true).open(c.path("ctl")).unwrap();
    fifo.write_all(ctl_monitor::ControlMessage::Resize { rows: 30, cols: 100 }.encode().as_bytes())
        .unwrap();
    c.start();
    assert_eq!(c.exit().exit_code, Some(0));
    let log = c.log();
    assert!(has(&log, Stream::Stdout, false, "30 100"), "{log:?}");
    assert!(has(&log, Stream::Stdout, false, "tty-ok"), "{log:?}");
}

#[test]
fn oom_kill_is_detected() {
    let mut c = Ctr::new("oom", &["sh", "-c", "tail /dev/zero"]);
    c.config(|v| {
        v["linux"]["resources"]["memory"] = serde_json::json!({"limit": 16 << 20, "swap": 16 << 20});
    });
    c.run();
    let e = c.exit();
    assert!(e.exit_code.is_some_and(|c| c != 0), "{e:?}");
    assert!(e.oom_killed, "{e:?}");
}

#[test]
fn monitor_rejects_bad_arguments_before_detaching() {
    let out = Command::new(monitor_bin()).arg("--bogus").output().unwrap();
    assert_eq!(out.status.code(), Some(125));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown option"));
    let v = Command::new(monitor_bin()).arg("--version").output().unwrap();
    assert!(String::from_utf8_lossy(&v.stdout).contains("protocol"));
}
