//! An ordinary user for rootless tests: created with `useradd` (with or without
//! /etc/subuid and /etc/subgid ranges), running the real ctl through `setpriv`, removed with
//! its home, subordinate ids, processes and run directory when dropped.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Once;
use std::time::Duration;

use crate::common::{wait_for, Ctl, Out};

pub struct User {
    pub name: String,
    pub uid: u32,
    pub home: PathBuf,
    /// XDG_RUNTIME_DIR: made 0700 and owned by the user.
    pub runtime_dir: PathBuf,
    /// Where ctl and ctl-monitor are run from (the build's own dir when the user can reach
    /// it, else copies).
    pub bin: PathBuf,
    /// Holds the runtime dir and any copies; removed on drop.
    scratch: tempfile::TempDir,
}

/// Devices rootless tools open as ordinary users: mode 0666 on ordinary distributions, but
/// 0600 on this test machine.
fn open_user_devices() {
    static DONE: Once = Once::new();
    DONE.call_once(|| {
        for dev in ["/dev/net/tun", "/dev/fuse"] {
            let p = Path::new(dev);
            assert!(p.exists(), "{dev} is missing: rootless networking needs it");
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o666))
                .unwrap_or_else(|e| panic!("chmod 0666 {dev}: {e}"));
        }
    });
}

fn run(cmd: &mut Command) -> std::process::Output {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?}: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// useradd and userdel lock /etc/passwd: others (tests in parallel, anyone else on the
/// machine) may hold it for a moment.
fn retry(mut cmd: Command) {
    for _ in 0..100 {
        let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
        if out.status.success() {
            return;
        }
        let err = String::from_utf8_lossy(&out.stderr);
        if !err.contains("lock") {
            panic!("{cmd:?}: {}\n{err}", out.status);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("{cmd:?}: /etc/passwd stayed locked");
}

/// Whether every directory above `p` lets others through and `p` lets them run it.
fn reachable_by_others(p: &Path) -> bool {
    let mode = |p: &Path| {
        std::fs::metadata(p)
            .map(|m| m.permissions().mode())
            .unwrap_or(0)
    };
    mode(p) & 0o005 == 0o005 && p.ancestors().skip(1).all(|d| mode(d) & 0o001 != 0)
}

fn subid_lines(file: &str, name: &str) -> Vec<String> {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter(|l| l.split(':').next() == Some(name))
        .map(str::to_string)
        .collect()
}

impl User {
    /// A new user; `subids`: with /etc/subuid and /etc/subgid ranges (useradd's default).
    pub fn create(subids: bool) -> User {
        assert!(
            crate::common::is_root(),
            "rootless tests create users: run the suite as root"
        );
        open_user_devices();
        static SEQ: AtomicU32 = AtomicU32::new(0);
        let name = format!(
            "ctlrl{}x{}",
            std::process::id(),
            SEQ.fetch_add(1, Ordering::SeqCst)
        );
        let mut add = Command::new("useradd");
        add.args(["-m", "-s", "/bin/sh"]);
        if !subids {
            add.args(["-K", "SUB_UID_COUNT=0", "-K", "SUB_GID_COUNT=0"]);
        }
        add.arg(&name);
        retry(add);
        let user = nix::unistd::User::from_name(&name)
            .ok()
            .flatten()
            .expect("the user just added");
        let scratch = tempfile::Builder::new()
            .prefix("ctl-rootless-")
            .tempdir()
            .expect("temp dir");
        // The scratch dir must let the user reach its runtime dir and binaries.
        std::fs::set_permissions(scratch.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let runtime_dir = scratch.path().join("xdg-run");
        std::fs::create_dir(&runtime_dir).unwrap();
        std::fs::set_permissions(&runtime_dir, std::fs::Permissions::from_mode(0o700)).unwrap();
        nix::unistd::chown(&runtime_dir, Some(user.uid), Some(user.gid)).unwrap();
        let built = PathBuf::from(env!("CARGO_BIN_EXE_ctl"));
        let built_dir = built.parent().unwrap().to_path_buf();
        let bin =
            if reachable_by_others(&built) && reachable_by_others(&built_dir.join("ctl-monitor")) {
                built_dir
            } else {
                let d = scratch.path().join("bin");
                std::fs::create_dir(&d).unwrap();
                for b in ["ctl", "ctl-monitor"] {
                    std::fs::copy(built_dir.join(b), d.join(b)).expect("copy ctl binaries");
                }
                d
            };
        let u = User {
            name,
            uid: user.uid.as_raw(),
            home: user.dir,
            runtime_dir,
            bin,
            scratch,
        };
        assert_eq!(
            !subid_lines("/etc/subuid", &u.name).is_empty(),
            subids,
            "subordinate uids of {}",
            u.name
        );
        u
    }

    /// The store ctl uses by default for this user.
    pub fn store(&self) -> PathBuf {
        self.home.join(".local/share/ctl")
    }

    /// `ctl ARGS` as this user, with a login-like environment.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new("setpriv");
        c.args([
            "--reuid",
            &self.name,
            "--regid",
            &self.name,
            "--init-groups",
            "--",
        ])
        .arg(self.bin.join("ctl"))
        .args(args)
        .env_clear()
        .env(
            "PATH",
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        )
        .env("HOME", &self.home)
        .env("USER", &self.name)
        .env("LOGNAME", &self.name)
        .env("XDG_RUNTIME_DIR", &self.runtime_dir)
        .env("LANG", "C.UTF-8")
        .current_dir("/");
        c
    }

    pub fn ctl(&self, args: &[&str]) -> Out {
        Ctl::run_command(self.command(args), args, None)
    }

    pub fn ok(&self, args: &[&str]) -> Out {
        let out = self.ctl(args);
        out.success();
        out
    }

    /// The user's live processes (zombies left to a non-reaping init excepted): pid, comm.
    pub fn processes(&self) -> Vec<(i32, String)> {
        let mut out = Vec::new();
        for e in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
                continue;
            };
            let status = std::fs::read_to_string(e.path().join("status")).unwrap_or_default();
            let field = |k: &str| {
                status
                    .lines()
                    .find_map(|l| l.strip_prefix(k))
                    .map(|v| v.trim().to_string())
                    .unwrap_or_default()
            };
            let uid = field("Uid:")
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string();
            if uid == self.uid.to_string() && !field("State:").starts_with('Z') {
                out.push((pid, field("Name:")));
            }
        }
        out
    }

    /// `ctl system migrate` stops containers and the pause process: nothing of the user
    /// may run afterwards.
    pub fn stop_everything(&self) {
        self.ok(&["system", "migrate"]);
        let left = wait_for(Duration::from_secs(10), || {
            let p = self.processes();
            p.is_empty().then_some(())
        });
        assert!(
            left.is_some(),
            "processes of {} left after `ctl system migrate`: {:?}",
            self.name,
            self.processes()
        );
    }
}

impl Drop for User {
    fn drop(&mut self) {
        // Whatever a failed test left running: the user's own processes, by pid.
        let _ = self.command(&["system", "migrate"]).output();
        for _ in 0..50 {
            let procs = self.processes();
            if procs.is_empty() {
                break;
            }
            for (pid, _) in procs {
                let _ = nix::sys::signal::kill(
                    nix::unistd::Pid::from_raw(pid),
                    nix::sys::signal::Signal::SIGKILL,
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        // The home holds files owned by subordinate ids; userdel -r removes them as root.
        // No panic here (a drop during a failing test): a few tries while the user database
        // is locked by someone else.
        for _ in 0..100 {
            let out = Command::new("userdel").args(["-r", &self.name]).output();
            let locked = out
                .as_ref()
                .is_ok_and(|o| String::from_utf8_lossy(&o.stderr).contains("lock"));
            if !locked {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = std::fs::remove_dir_all(&self.home);
        for file in ["/etc/subuid", "/etc/subgid"] {
            if !subid_lines(file, &self.name).is_empty() {
                let _ = run(Command::new("sed")
                    .args(["-i", &format!("/^{}:/d", self.name)])
                    .arg(file));
            }
        }
        // The run directory of commands run without XDG_RUNTIME_DIR.
        let _ = std::fs::remove_dir_all(format!("/tmp/ctl-{}", self.uid));
        let _ = &self.scratch;
    }
}
