//! Healthchecks, run by the monitor on its own timer (no systemd) and by `ctl healthcheck
//! run`. This module holds what both share: the settings the monitor is given, the health
//! log (podman's `HealthCheckResults`: Status, FailingStreak, the last results) with its
//! rules, and [`probe`], one run of the check through the runtime's `exec`.
//!
//! The log is one JSON file in the container's run directory, replaced atomically; whoever
//! updates it holds an flock on a lock file beside it for the read-modify-write.

pub mod args;
pub mod probe;

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::json;
use crate::time::Timestamp;

/// Results kept in the log (podman's default `--health-max-log-count`).
pub const MAX_LOG_ENTRIES: usize = 5;
/// Bytes of a check's output kept (podman's default `--health-max-log-size`).
pub const MAX_OUTPUT: usize = 500;

pub const STARTING: &str = "starting";
pub const HEALTHY: &str = "healthy";
pub const UNHEALTHY: &str = "unhealthy";

/// The exit code recorded for a check killed at its timeout, as podman records it.
pub const TIMED_OUT: i32 = -1;

/// `--health-on-failure`: what happens when the container turns unhealthy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OnFailure {
    #[default]
    None,
    Kill,
    Restart,
    Stop,
}

impl OnFailure {
    pub fn parse(s: &str) -> Option<OnFailure> {
        Some(match s {
            "" | "none" => OnFailure::None,
            "kill" => OnFailure::Kill,
            "restart" => OnFailure::Restart,
            "stop" => OnFailure::Stop,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            OnFailure::None => "none",
            OnFailure::Kill => "kill",
            OnFailure::Restart => "restart",
            OnFailure::Stop => "stop",
        }
    }
}

/// What the monitor needs to run a container's checks (its `--health-*` options).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HealthArgs {
    /// The argv run in the container (a shell form is already `/bin/sh -c TEXT`).
    pub argv: Vec<String>,
    /// Between two checks; zero: no timer (`--health-interval=disable`), only
    /// `ctl healthcheck run`.
    pub interval: Duration,
    /// A check still running after this is killed and counts as failed; zero: no limit.
    pub timeout: Duration,
    /// After the start, failures do not count for this long.
    pub start_period: Duration,
    /// Failures in a row that make the container unhealthy.
    pub retries: u32,
    pub on_failure: OnFailure,
    /// The health log.
    pub log: PathBuf,
    /// Where the runtime writes the pid of the check's process (to kill it at its timeout).
    pub exec_pidfile: PathBuf,
    /// For `stop` and `restart`: the container's stop signal and how long it has before
    /// SIGKILL.
    pub stop_signal: i32,
    pub stop_timeout: u32,
    /// ctl's events file, where each check's status is recorded; None: events are off.
    pub events_file: Option<PathBuf>,
    /// The size past which the events file is rotated (0: never).
    pub events_max_size: u64,
    /// The container's image name, for its events.
    pub image: String,
    /// `--health-startup-*`: the check that runs first, until it passes.
    pub startup: Option<StartupArgs>,
    /// Results kept in the log (0: all).
    pub max_log_count: u32,
    /// Bytes of a check's output kept (0: all).
    pub max_log_size: u32,
    /// `--health-log-destination=events_logger`: each event carries the check's result.
    pub log_events: bool,
    /// The flock file guarding the log (the log may live in a directory the user named).
    pub log_lock: PathBuf,
}

impl HealthArgs {
    /// The settings podman gives a check that names only its command.
    pub fn new(argv: Vec<String>, log: PathBuf, exec_pidfile: PathBuf) -> HealthArgs {
        HealthArgs {
            argv,
            interval: Duration::from_secs(30),
            timeout: Duration::from_secs(30),
            start_period: Duration::ZERO,
            retries: 3,
            on_failure: OnFailure::None,
            log,
            exec_pidfile,
            stop_signal: 15,
            stop_timeout: 10,
            events_file: None,
            events_max_size: 0,
            image: String::new(),
            startup: None,
            max_log_count: MAX_LOG_ENTRIES as u32,
            max_log_size: MAX_OUTPUT as u32,
            log_events: false,
            log_lock: PathBuf::new(),
        }
    }

    /// The lock file of the log.
    pub fn lock_path(&self) -> PathBuf {
        if self.log_lock.as_os_str().is_empty() {
            lock_beside(&self.log)
        } else {
            self.log_lock.clone()
        }
    }
}

/// The startup check (podman's `StartupHealthCheck`): it runs every `interval` until it has
/// passed `successes` times in a row (0: once); `retries` failures (0: never) restart the
/// container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartupArgs {
    pub argv: Vec<String>,
    pub interval: Duration,
    pub timeout: Duration,
    pub retries: u32,
    pub successes: u32,
}

/// One result, podman's `HealthCheckLog`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HealthEntry {
    pub start: Timestamp,
    pub end: Timestamp,
    pub exit_code: i32,
    #[serde(default)]
    pub output: String,
}

impl HealthEntry {
    /// The entry as podman's JSON (also an event's `health_log`).
    pub fn encode_into(&self, out: &mut String) {
        out.push_str("{\"Start\":");
        push_time(out, self.start);
        out.push_str(",\"End\":");
        push_time(out, self.end);
        out.push_str(",\"ExitCode\":");
        json::push_int(out, i64::from(self.exit_code));
        out.push_str(",\"Output\":");
        json::push_str(out, &self.output);
        out.push('}');
    }
}

/// The health log, podman's `HealthCheckResults`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HealthLog {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub failing_streak: u32,
    #[serde(default)]
    pub log: Vec<HealthEntry>,
}

impl HealthLog {
    /// At each start: `starting`, no failures counted; earlier results stay, as podman's.
    pub fn restart(&mut self) {
        self.status = STARTING.into();
        self.failing_streak = 0;
    }

    /// Adds a result: a success makes it healthy; a failure outside the start period counts,
    /// and `retries` of them in a row make it unhealthy. Keeps the last `max_count` (0:
    /// all). Returns whether this result turned it unhealthy.
    pub fn record(
        &mut self,
        entry: HealthEntry,
        in_start_period: bool,
        retries: u32,
        max_count: u32,
    ) -> bool {
        let was = self.status == UNHEALTHY;
        if entry.exit_code == 0 {
            self.status = HEALTHY.into();
            self.failing_streak = 0;
        } else {
            if self.status.is_empty() {
                self.status = HEALTHY.into();
            }
            if !in_start_period {
                self.failing_streak += 1;
                if self.failing_streak >= retries {
                    self.status = UNHEALTHY.into();
                }
            }
        }
        self.log.push(entry);
        if max_count > 0 {
            let extra = self.log.len().saturating_sub(max_count as usize);
            self.log.drain(..extra);
        }
        !was && self.status == UNHEALTHY
    }

    pub fn encode(&self) -> String {
        let mut out = String::with_capacity(256);
        out.push_str("{\"Status\":");
        json::push_str(&mut out, &self.status);
        out.push_str(",\"FailingStreak\":");
        json::push_int(&mut out, i64::from(self.failing_streak));
        out.push_str(",\"Log\":[");
        for (i, e) in self.log.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            e.encode_into(&mut out);
        }
        out.push_str("]}\n");
        out
    }

    pub fn decode(text: &str) -> Result<HealthLog, String> {
        serde_json::from_str(text.trim()).map_err(|e| format!("bad health log: {e}"))
    }

    /// The log at `path`; none yet is an empty one.
    pub fn read(path: &Path) -> io::Result<HealthLog> {
        match std::fs::read_to_string(path) {
            Ok(t) => {
                HealthLog::decode(&t).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(HealthLog::default()),
            Err(e) => Err(e),
        }
    }

    /// Reads the log at `path` under the flock of `lock_file`, lets `f` change it and writes
    /// it back atomically; returns what `f` returned.
    pub fn update<R>(
        path: &Path,
        lock_file: &Path,
        f: impl FnOnce(&mut HealthLog) -> R,
    ) -> io::Result<R> {
        let _lock = lock(lock_file)?;
        let mut log = HealthLog::read(path).unwrap_or_default();
        let r = f(&mut log);
        crate::fsx::write_atomic_mode(path, log.encode().as_bytes(), 0o644)?;
        Ok(r)
    }
}

fn push_time(out: &mut String, t: Timestamp) {
    let at = t.encode();
    json::push_str(out, std::str::from_utf8(&at).unwrap_or_default());
}

/// `<log>.lock`.
pub fn lock_beside(log: &Path) -> PathBuf {
    let mut name = log.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// The exclusive flock on `file`, held while the returned file is open.
fn lock(file: &Path) -> io::Result<nix::fcntl::Flock<File>> {
    let f = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(file)?;
    nix::fcntl::Flock::lock(f, nix::fcntl::FlockArg::LockExclusive)
        .map_err(|(_, e)| io::Error::from(e))
}

/// The argv a docker `Test` runs: `CMD-SHELL TEXT` through `/bin/sh -c`, `CMD ARGS` as
/// given, anything else (no prefix) as the argv itself. None: no check (`NONE`, empty).
pub fn test_argv(test: &[String]) -> Option<Vec<String>> {
    let argv: Vec<String> = match test.first().map(String::as_str) {
        None | Some("" | "NONE") => return None,
        Some("CMD") => test[1..].to_vec(),
        Some("CMD-SHELL") => vec!["/bin/sh".into(), "-c".into(), test[1..].join(" ")],
        Some(_) => test.to_vec(),
    };
    argv.first().filter(|a| !a.is_empty())?;
    Some(argv)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(code: i32) -> HealthEntry {
        HealthEntry {
            start: Timestamp::new(1_795_387_611, 5),
            end: Timestamp::new(1_795_387_612, 0),
            exit_code: code,
            output: "out \"q\"\n".into(),
        }
    }

    #[test]
    fn success_is_healthy_failures_count_up_to_retries() {
        let mut l = HealthLog::default();
        l.restart();
        assert_eq!(l.status, STARTING);
        assert!(!l.record(entry(1), false, 3, 5));
        assert_eq!((l.status.as_str(), l.failing_streak), (STARTING, 1));
        assert!(!l.record(entry(1), false, 3, 5));
        assert!(
            l.record(entry(1), false, 3, 5),
            "the third failure turns it unhealthy"
        );
        assert_eq!((l.status.as_str(), l.failing_streak), (UNHEALTHY, 3));
        // Only the transition is reported.
        assert!(!l.record(entry(1), false, 3, 5));
        assert_eq!(l.failing_streak, 4);
        l.record(entry(0), false, 3, 5);
        assert_eq!((l.status.as_str(), l.failing_streak), (HEALTHY, 0));
    }

    #[test]
    fn start_period_failures_do_not_count() {
        let mut l = HealthLog::default();
        l.restart();
        for _ in 0..5 {
            assert!(!l.record(entry(1), true, 1, 5));
        }
        assert_eq!((l.status.as_str(), l.failing_streak), (STARTING, 0));
        assert!(l.record(entry(1), false, 1, 5));
        // A fresh start forgets the streak, not the results.
        l.restart();
        assert_eq!((l.status.as_str(), l.failing_streak), (STARTING, 0));
        assert_eq!(l.log.len(), MAX_LOG_ENTRIES);
    }

    #[test]
    fn log_keeps_the_last_five_and_round_trips() {
        let mut l = HealthLog::default();
        for code in 0..8 {
            l.record(entry(code), false, 3, 5);
        }
        let codes: Vec<i32> = l.log.iter().map(|e| e.exit_code).collect();
        assert_eq!(codes, vec![3, 4, 5, 6, 7]);
        let text = l.encode();
        assert!(text.starts_with("{\"Status\":\"unhealthy\",\"FailingStreak\":7,\"Log\":[{"));
        assert_eq!(HealthLog::decode(&text).unwrap(), l);
        assert!(HealthLog::decode("{\"Log\":3}").is_err());
    }

    #[test]
    fn max_count_zero_keeps_everything() {
        let mut l = HealthLog::default();
        for code in 0..8 {
            l.record(entry(code), false, 3, 0);
        }
        assert_eq!(l.log.len(), 8);
        l.record(entry(0), false, 3, 2);
        let codes: Vec<i32> = l.log.iter().map(|e| e.exit_code).collect();
        assert_eq!(codes, vec![7, 0]);
    }

    #[test]
    fn tests_become_argvs() {
        let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            test_argv(&s(&["CMD-SHELL", "test -f /a", "&& true"])).unwrap(),
            s(&["/bin/sh", "-c", "test -f /a && true"])
        );
        assert_eq!(test_argv(&s(&["CMD", "ls", "/"])).unwrap(), s(&["ls", "/"]));
        assert_eq!(test_argv(&s(&["ls", "/"])).unwrap(), s(&["ls", "/"]));
        assert_eq!(test_argv(&s(&["NONE"])), None);
        assert_eq!(test_argv(&s(&["CMD"])), None);
        assert_eq!(test_argv(&[]), None);
    }

    #[test]
    fn on_failure_words() {
        for w in ["none", "kill", "restart", "stop"] {
            assert_eq!(OnFailure::parse(w).unwrap().as_str(), w);
        }
        assert_eq!(OnFailure::parse(""), Some(OnFailure::None));
        assert_eq!(OnFailure::parse("explode"), None);
    }

    #[test]
    fn update_is_read_modify_write() {
        let dir = std::env::temp_dir().join(format!("ctl-health-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("health.json");
        let lock = lock_beside(&p);
        HealthLog::update(&p, &lock, |l| l.restart()).unwrap();
        let turned = HealthLog::update(&p, &lock, |l| l.record(entry(2), false, 1, 5)).unwrap();
        assert!(turned);
        let l = HealthLog::read(&p).unwrap();
        assert_eq!((l.status.as_str(), l.log.len()), (UNHEALTHY, 1));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
