//! The monitor's command line: written by ctl with [`MonitorArgs::to_args`], read by the
//! monitor with [`MonitorArgs::parse`]. Long options only, each value in its own argument
//! (`--bundle DIR`), so values may start with `-`.

use std::ffi::{OsStr, OsString};
use std::os::fd::RawFd;
use std::path::{Path, PathBuf};

use crate::health::HealthArgs;

/// Where the container's output goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogDriver {
    /// k8s-file lines in `log_path` (CRI/podman format), with size rotation.
    #[default]
    KFile,
    /// Output is read (and given to attached clients) but not stored.
    None,
    /// Native journald datagrams; falls back to k8s-file when there is no journal socket.
    Journald,
    /// The container inherits the monitor's own stdio; nothing is read or logged.
    Passthrough,
}

impl LogDriver {
    pub fn as_str(self) -> &'static str {
        match self {
            LogDriver::KFile => "k8s-file",
            LogDriver::None => "none",
            LogDriver::Journald => "journald",
            LogDriver::Passthrough => "passthrough",
        }
    }

    pub fn parse(s: &str) -> Option<LogDriver> {
        Some(match s {
            "k8s-file" => LogDriver::KFile,
            "none" => LogDriver::None,
            "journald" => LogDriver::Journald,
            "passthrough" => LogDriver::Passthrough,
            _ => return None,
        })
    }
}

/// Default cap on one log record's text; longer lines are split into partial (`P`) records.
pub const DEFAULT_MAX_LINE: usize = 16 * 1024;

/// Everything the monitor needs, as ctl passes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonitorArgs {
    /// Container id (the runtime's id too).
    pub id: String,
    /// Container name, for journald's CONTAINER_NAME (optional).
    pub name: Option<String>,
    /// OCI bundle directory (holds config.json; the runtime's log goes to `runtime.log` in it).
    pub bundle: PathBuf,
    /// OCI runtime binary (runc, crun, youki).
    pub runtime: PathBuf,
    /// The runtime's state directory, passed as `--root`.
    pub runtime_root: PathBuf,
    /// Extra global runtime arguments, placed before `create`.
    pub runtime_args: Vec<OsString>,
    /// Where the runtime writes the container's pid (`--pid-file`).
    pub container_pidfile: PathBuf,
    /// Where the monitor writes its own pid once detached.
    pub monitor_pidfile: Option<PathBuf>,
    /// Where the monitor writes the container's exit status (see [`crate::ExitStatus`]).
    pub exit_file: PathBuf,
    pub log_driver: LogDriver,
    /// The k8s-file log (required for k8s-file; journald's fallback).
    pub log_path: Option<PathBuf>,
    /// Rotate when the log would grow past this many bytes; 0 = unlimited.
    pub log_max_size: u64,
    /// Files kept: 1 = truncate in place, N = current + N-1 rotations (`ctr.log.1` newest).
    pub log_max_files: u32,
    /// Longest record text; longer lines are split into partial records.
    pub log_max_line: usize,
    /// fsync the log after each write.
    pub log_fsync: bool,
    /// SOCK_SEQPACKET socket for attach clients.
    pub attach_socket: Option<PathBuf>,
    /// Control fifo (resize, reopen log); the monitor creates it.
    pub ctl_fifo: Option<PathBuf>,
    /// The container has a pty (`process.terminal` true in config.json).
    pub terminal: bool,
    /// Keep the container's stdin open as a pipe fed by attach clients.
    pub stdin: bool,
    /// Close the container's stdin when an attach client ends its input.
    pub stdin_once: bool,
    /// Inherited fd on which the monitor writes one sync message.
    pub sync_fd: Option<RawFd>,
    /// Inherited fds the monitor keeps open while the container runs and closes before the
    /// exit command (the sockets reserving its published host ports).
    pub hold_fds: Vec<RawFd>,
    /// Run after the exit file is written (e.g. `ctl ... cleanup ID`).
    pub exit_command: Option<PathBuf>,
    pub exit_command_args: Vec<OsString>,
    /// systemd's NOTIFY_SOCKET (`@name` = abstract). The monitor sends `MAINPID` (its own pid)
    /// there once the container is created, before it reports on the sync pipe.
    pub notify_socket: Option<PathBuf>,
    /// Also send `READY=1` when ctl says the container started (`--sdnotify=conmon`);
    /// without it the container reports its own readiness (`--sdnotify=container`).
    pub notify_ready: bool,
    /// Kill the container (SIGKILL) once it has run this many seconds; 0: never.
    pub timeout: u32,
    /// fds 3.. of this many passed into the container (the runtime's `--preserve-fds`);
    /// the monitor closes its copies once the container exists.
    pub preserve_fds: u32,
    /// The container's healthcheck, run on the monitor's own timer.
    pub health: Option<HealthArgs>,
}

impl Default for MonitorArgs {
    fn default() -> Self {
        MonitorArgs {
            id: String::new(),
            name: None,
            bundle: PathBuf::new(),
            runtime: PathBuf::new(),
            runtime_root: PathBuf::new(),
            runtime_args: Vec::new(),
            container_pidfile: PathBuf::new(),
            monitor_pidfile: None,
            exit_file: PathBuf::new(),
            log_driver: LogDriver::KFile,
            log_path: None,
            log_max_size: 0,
            log_max_files: 1,
            log_max_line: DEFAULT_MAX_LINE,
            log_fsync: false,
            attach_socket: None,
            ctl_fifo: None,
            terminal: false,
            stdin: false,
            stdin_once: false,
            sync_fd: None,
            hold_fds: Vec::new(),
            exit_command: None,
            exit_command_args: Vec::new(),
            notify_socket: None,
            notify_ready: false,
            timeout: 0,
            preserve_fds: 0,
            health: None,
        }
    }
}

/// Options that take a value (the others are flags).
const VALUE_OPTIONS: &[&str] = &[
    "--id",
    "--name",
    "--bundle",
    "--runtime",
    "--runtime-root",
    "--runtime-arg",
    "--container-pidfile",
    "--pidfile",
    "--exit-file",
    "--log-driver",
    "--log-path",
    "--log-max-size",
    "--log-max-files",
    "--log-max-line",
    "--attach-socket",
    "--ctl-fifo",
    "--sync-fd",
    "--hold-fd",
    "--exit-command",
    "--exit-command-arg",
    "--notify-socket",
    "--timeout",
    "--preserve-fds",
];

fn opt(out: &mut Vec<OsString>, name: &str, value: impl AsRef<OsStr>) {
    out.push(name.into());
    out.push(value.as_ref().to_owned());
}

fn flag(out: &mut Vec<OsString>, name: &str, on: bool) {
    if on {
        out.push(name.into());
    }
}

impl MonitorArgs {
    /// The runtime's own log (JSON lines), where its error messages are read from.
    pub fn runtime_log(&self) -> PathBuf {
        self.bundle.join("runtime.log")
    }

    /// The runtime's argv (without the program) for `create`.
    pub fn runtime_create_args(&self, console_socket: Option<&Path>) -> Vec<OsString> {
        let mut a: Vec<OsString> = Vec::with_capacity(16 + self.runtime_args.len());
        opt(&mut a, "--root", &self.runtime_root);
        opt(&mut a, "--log", self.runtime_log());
        opt(&mut a, "--log-format", "json");
        a.extend(self.runtime_args.iter().cloned());
        a.push("create".into());
        opt(&mut a, "--bundle", &self.bundle);
        opt(&mut a, "--pid-file", &self.container_pidfile);
        if let Some(s) = console_socket {
            opt(&mut a, "--console-socket", s);
        }
        if self.preserve_fds > 0 {
            opt(&mut a, "--preserve-fds", self.preserve_fds.to_string());
        }
        a.push(self.id.as_str().into());
        a
    }

    /// The monitor's argv (without the program name).
    pub fn to_args(&self) -> Vec<OsString> {
        let mut a = Vec::with_capacity(40);
        opt(&mut a, "--id", &self.id);
        if let Some(n) = &self.name {
            opt(&mut a, "--name", n);
        }
        opt(&mut a, "--bundle", &self.bundle);
        opt(&mut a, "--runtime", &self.runtime);
        opt(&mut a, "--runtime-root", &self.runtime_root);
        for r in &self.runtime_args {
            opt(&mut a, "--runtime-arg", r);
        }
        opt(&mut a, "--container-pidfile", &self.container_pidfile);
        if let Some(p) = &self.monitor_pidfile {
            opt(&mut a, "--pidfile", p);
        }
        opt(&mut a, "--exit-file", &self.exit_file);
        opt(&mut a, "--log-driver", self.log_driver.as_str());
        if let Some(p) = &self.log_path {
            opt(&mut a, "--log-path", p);
        }
        opt(&mut a, "--log-max-size", self.log_max_size.to_string());
        opt(&mut a, "--log-max-files", self.log_max_files.to_string());
        opt(&mut a, "--log-max-line", self.log_max_line.to_string());
        flag(&mut a, "--log-fsync", self.log_fsync);
        if let Some(p) = &self.attach_socket {
            opt(&mut a, "--attach-socket", p);
        }
        if let Some(p) = &self.ctl_fifo {
            opt(&mut a, "--ctl-fifo", p);
        }
        flag(&mut a, "--terminal", self.terminal);
        flag(&mut a, "--stdin", self.stdin);
        flag(&mut a, "--stdin-once", self.stdin_once);
        if let Some(fd) = self.sync_fd {
            opt(&mut a, "--sync-fd", fd.to_string());
        }
        for fd in &self.hold_fds {
            opt(&mut a, "--hold-fd", fd.to_string());
        }
        if let Some(c) = &self.exit_command {
            opt(&mut a, "--exit-command", c);
        }
        for c in &self.exit_command_args {
            opt(&mut a, "--exit-command-arg", c);
        }
        if let Some(p) = &self.notify_socket {
            opt(&mut a, "--notify-socket", p);
        }
        flag(&mut a, "--notify-ready", self.notify_ready);
        if self.timeout > 0 {
            opt(&mut a, "--timeout", self.timeout.to_string());
        }
        if self.preserve_fds > 0 {
            opt(&mut a, "--preserve-fds", self.preserve_fds.to_string());
        }
        if let Some(h) = &self.health {
            crate::health::args::push(&mut a, h);
        }
        a
    }

    /// Parses the monitor's argv (without the program name).
    pub fn parse<I, S>(args: I) -> Result<MonitorArgs, String>
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        let mut m = MonitorArgs::default();
        let mut it = args.into_iter().map(Into::into);
        while let Some(raw) = it.next() {
            let name = raw
                .to_str()
                .ok_or_else(|| format!("unexpected argument {raw:?}"))?
                .to_owned();
            let takes_value = match name.as_str() {
                "--log-fsync" | "--terminal" | "--stdin" | "--stdin-once" | "--notify-ready" => {
                    false
                }
                n if VALUE_OPTIONS.contains(&n) || crate::health::args::OPTIONS.contains(&n) => {
                    true
                }
                _ => return Err(format!("unknown option {name:?}")),
            };
            let value = if takes_value {
                it.next().ok_or_else(|| format!("{name} needs a value"))?
            } else {
                OsString::new()
            };
            let text = || {
                value
                    .to_str()
                    .map(str::to_owned)
                    .ok_or_else(|| format!("{name}: not UTF-8: {value:?}"))
            };
            let number = |what: &str| -> Result<u64, String> {
                text()?
                    .parse::<u64>()
                    .map_err(|_| format!("{name}: {what} expected, got {value:?}"))
            };
            let fd = || -> Result<RawFd, String> {
                let n = number("a file descriptor number")?;
                RawFd::try_from(n).map_err(|_| format!("{name}: fd out of range"))
            };
            if name.starts_with("--health-") {
                crate::health::args::set(&mut m.health, &name, &value)?;
                continue;
            }
            match name.as_str() {
                "--id" => m.id = text()?,
                "--name" => m.name = Some(text()?),
                "--bundle" => m.bundle = value.into(),
                "--runtime" => m.runtime = value.into(),
                "--runtime-root" => m.runtime_root = value.into(),
                "--runtime-arg" => m.runtime_args.push(value),
                "--container-pidfile" => m.container_pidfile = value.into(),
                "--pidfile" => m.monitor_pidfile = Some(value.into()),
                "--exit-file" => m.exit_file = value.into(),
                "--log-driver" => {
                    let t = text()?;
                    m.log_driver =
                        LogDriver::parse(&t).ok_or_else(|| format!("unknown log driver {t:?}"))?
                }
                "--log-path" => m.log_path = Some(value.into()),
                "--log-max-size" => m.log_max_size = number("a size in bytes")?,
                "--log-max-files" => {
                    m.log_max_files = u32::try_from(number("a count")?)
                        .map_err(|_| format!("{name}: too large"))?
                }
                "--log-max-line" => {
                    m.log_max_line = usize::try_from(number("a size in bytes")?)
                        .map_err(|_| format!("{name}: too large"))?
                }
                "--log-fsync" => m.log_fsync = true,
                "--attach-socket" => m.attach_socket = Some(value.into()),
                "--ctl-fifo" => m.ctl_fifo = Some(value.into()),
                "--terminal" => m.terminal = true,
                "--stdin" => m.stdin = true,
                "--stdin-once" => m.stdin_once = true,
                "--sync-fd" => m.sync_fd = Some(fd()?),
                "--hold-fd" => m.hold_fds.push(fd()?),
                "--exit-command" => m.exit_command = Some(value.into()),
                "--exit-command-arg" => m.exit_command_args.push(value),
                "--notify-socket" => m.notify_socket = Some(value.into()),
                "--notify-ready" => m.notify_ready = true,
                "--preserve-fds" => {
                    m.preserve_fds = u32::try_from(number("a count")?)
                        .map_err(|_| format!("{name}: too large"))?
                }
                "--timeout" => {
                    m.timeout = u32::try_from(number("seconds")?)
                        .map_err(|_| format!("{name}: too large"))?
                }
                _ => unreachable!("{name} is in VALUE_OPTIONS"),
            }
        }
        m.validate()?;
        Ok(m)
    }

    /// Checks that the required options are present and consistent.
    pub fn validate(&self) -> Result<(), String> {
        let missing = |what: &str| Err(format!("missing --{what}"));
        if self.id.is_empty() {
            return missing("id");
        }
        if self.bundle.as_os_str().is_empty() {
            return missing("bundle");
        }
        if self.runtime.as_os_str().is_empty() {
            return missing("runtime");
        }
        if self.runtime_root.as_os_str().is_empty() {
            return missing("runtime-root");
        }
        if self.container_pidfile.as_os_str().is_empty() {
            return missing("container-pidfile");
        }
        if self.exit_file.as_os_str().is_empty() {
            return missing("exit-file");
        }
        if self.log_driver == LogDriver::KFile && self.log_path.is_none() {
            return Err("--log-driver k8s-file needs --log-path".into());
        }
        if self.log_max_line == 0 {
            return Err("--log-max-line must be at least 1".into());
        }
        for fd in self
            .sync_fd
            .into_iter()
            .chain(self.hold_fds.iter().copied())
        {
            if fd < 3 {
                return Err(format!("fd {fd} is stdio; pass inherited fds >= 3"));
            }
        }
        if self.exit_command.is_none() && !self.exit_command_args.is_empty() {
            return Err("--exit-command-arg without --exit-command".into());
        }
        if self.notify_ready && self.notify_socket.is_none() {
            return Err("--notify-ready without --notify-socket".into());
        }
        if let Some(h) = &self.health {
            crate::health::args::check(h)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::health::OnFailure;
    use std::os::unix::ffi::OsStringExt;
    use std::time::Duration;

    fn full() -> MonitorArgs {
        MonitorArgs {
            id: "abc123".into(),
            name: Some("web".into()),
            bundle: "/var/lib/ctl/containers/abc123".into(),
            runtime: "/usr/sbin/runc".into(),
            runtime_root: "/run/ctl/runtime".into(),
            runtime_args: vec!["--systemd-cgroup".into(), "--debug".into()],
            container_pidfile: "/run/ctl/containers/abc123/pid".into(),
            monitor_pidfile: Some("/run/ctl/containers/abc123/monitor.pid".into()),
            exit_file: "/run/ctl/exits/abc123".into(),
            log_driver: LogDriver::KFile,
            log_path: Some(PathBuf::from(OsString::from_vec(
                b"/tmp/odd \xff name".to_vec(),
            ))),
            log_max_size: 10 << 20,
            log_max_files: 3,
            log_max_line: 4096,
            log_fsync: true,
            attach_socket: Some("/run/ctl/containers/abc123/attach".into()),
            ctl_fifo: Some("/run/ctl/containers/abc123/ctl".into()),
            terminal: true,
            stdin: true,
            stdin_once: true,
            sync_fd: Some(3),
            hold_fds: vec![5, 6],
            exit_command: Some("/usr/bin/ctl".into()),
            exit_command_args: vec!["--root".into(), "-x".into(), "cleanup".into()],
            notify_socket: Some("@/org/freedesktop/systemd1/notify/42".into()),
            notify_ready: true,
            timeout: 30,
            preserve_fds: 2,
            health: Some(HealthArgs {
                argv: vec!["/bin/sh".into(), "-c".into(), "test -e /ok".into()],
                interval: Duration::from_millis(1500),
                timeout: Duration::from_secs(2),
                start_period: Duration::ZERO,
                retries: 4,
                on_failure: OnFailure::Restart,
                log: "/run/ctl/containers/abc123/health.json".into(),
                exec_pidfile: "/run/ctl/containers/abc123/health.pid".into(),
                stop_signal: 2,
                stop_timeout: 7,
                events_file: Some("/run/ctl/events/events.log".into()),
                events_max_size: 1_000_000,
                image: "localhost/img:1".into(),
                ..crate::health::HealthArgs::new(Vec::new(), "".into(), "".into())
            }),
        }
    }

    #[test]
    fn round_trip_full_and_minimal() {
        let a = full();
        assert_eq!(MonitorArgs::parse(a.to_args()).unwrap(), a);
        let b = MonitorArgs {
            id: "x".into(),
            bundle: "/b".into(),
            runtime: "runc".into(),
            runtime_root: "/r".into(),
            container_pidfile: "/p".into(),
            exit_file: "/e".into(),
            log_driver: LogDriver::None,
            ..Default::default()
        };
        assert_eq!(MonitorArgs::parse(b.to_args()).unwrap(), b);
        for d in ["k8s-file", "none", "journald", "passthrough"] {
            assert_eq!(LogDriver::parse(d).unwrap().as_str(), d);
        }
    }

    #[test]
    fn rejects_bad_input() {
        let mut a = full().to_args();
        a.push("--bogus".into());
        assert!(MonitorArgs::parse(a).unwrap_err().contains("--bogus"));
        let mut a = full().to_args();
        a.push("--sync-fd".into());
        assert!(MonitorArgs::parse(a).unwrap_err().contains("needs a value"));
        let mut b = full();
        b.log_path = None;
        assert!(MonitorArgs::parse(b.to_args()).is_err());
        b.log_driver = LogDriver::Journald;
        assert!(MonitorArgs::parse(b.to_args()).is_ok());
        let mut c = full();
        c.sync_fd = Some(1);
        assert!(MonitorArgs::parse(c.to_args()).is_err());
        assert!(MonitorArgs::parse(["--id", "x"])
            .unwrap_err()
            .contains("bundle"));
        assert!(MonitorArgs::parse(["--log-max-size", "ten"]).is_err());
        let mut d = full();
        d.notify_socket = None;
        assert!(MonitorArgs::parse(d.to_args())
            .unwrap_err()
            .contains("--notify-ready"));
        d.notify_ready = false;
        assert_eq!(MonitorArgs::parse(d.to_args()).unwrap(), d);
        let mut e = full();
        e.health.as_mut().unwrap().argv.clear();
        assert!(MonitorArgs::parse(e.to_args())
            .unwrap_err()
            .contains("health-cmd"));
        let mut a = full().to_args();
        a.extend(["--health-on-failure".into(), "explode".into()]);
        assert!(MonitorArgs::parse(a).unwrap_err().contains("explode"));
    }

    #[test]
    fn runtime_command_line() {
        let a = full();
        let got = a.runtime_create_args(Some(Path::new("/tmp/c.sock")));
        let want: Vec<OsString> = [
            "--root",
            "/run/ctl/runtime",
            "--log",
            "/var/lib/ctl/containers/abc123/runtime.log",
            "--log-format",
            "json",
            "--systemd-cgroup",
            "--debug",
            "create",
            "--bundle",
            "/var/lib/ctl/containers/abc123",
            "--pid-file",
            "/run/ctl/containers/abc123/pid",
            "--console-socket",
            "/tmp/c.sock",
            "--preserve-fds",
            "2",
            "abc123",
        ]
        .iter()
        .map(OsString::from)
        .collect();
        assert_eq!(got, want);
    }
}
