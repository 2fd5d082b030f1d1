//! Launching a container's monitor (`ctl-monitor`) and hearing back from it.

use std::ffi::OsString;
use std::fs::File;
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use ctl_monitor::{LogDriver, MonitorArgs, SyncMessage};
use nix::fcntl::OFlag;

use crate::container::lifecycle::Manager;
use crate::container::store::{ContainerConfig, SdNotify};
use crate::error::{Error, Result};
use crate::runtime::Runtime;

/// Where ctl-monitor is: `CTL_MONITOR`, next to ctl, in PREFIX/libexec/ctl for ctl in
/// PREFIX/bin (`make install PREFIX=...`), or the packaged libexec dirs.
pub fn monitor_path() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("CTL_MONITOR") {
        return Ok(PathBuf::from(p));
    }
    let dir = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(PathBuf::from));
    let beside = dir.as_ref().map(|d| d.join("ctl-monitor"));
    let prefix = dir.map(|d| d.join("../libexec/ctl/ctl-monitor"));
    beside
        .into_iter()
        .chain(prefix)
        .chain(
            ["/usr/libexec/ctl/ctl-monitor", "/usr/lib/ctl/ctl-monitor"]
                .into_iter()
                .map(PathBuf::from),
        )
        .find(|p| p.is_file())
        .ok_or_else(|| Error::Runtime {
            runtime: "ctl-monitor".into(),
            message: "not found next to ctl or in /usr/libexec/ctl (set CTL_MONITOR)".into(),
        })
}

/// Paths of a container's run-state files.
pub struct RunFiles {
    pub pidfile: PathBuf,
    pub monitor_pidfile: PathBuf,
    pub attach: PathBuf,
    pub ctl_fifo: PathBuf,
}

impl Manager {
    pub fn run_files(&self, id: &str) -> RunFiles {
        let d = self.containers.run_dir(id);
        RunFiles {
            pidfile: d.join("pidfile"),
            monitor_pidfile: d.join("monitor.pid"),
            attach: d.join("attach"),
            ctl_fifo: d.join("ctl"),
        }
    }
}

/// Ends a monitor of `id` that its record does not know: one launched by a `ctl` killed
/// before it recorded it. Left alone it would, once the container is set up again, record
/// its old container's exit as the new one's and remove the new monitor's socket and fifo.
/// Its own container goes with the runtime's delete that follows.
pub fn end_unrecorded(m: &Manager, id: &str, recorded: Option<i32>) {
    // A monitor that wrote its exit file is finishing (its exit command may be what is
    // starting the container again, for its restart policy): it touches nothing any more.
    if m.containers.exit_file(id).exists() {
        return;
    }
    let pidfile = m.run_files(id).monitor_pidfile;
    let Some(pid) = std::fs::read_to_string(&pidfile)
        .ok()
        .and_then(|s| s.trim().parse::<i32>().ok())
        .filter(|p| *p > 1 && Some(*p) != recorded && *p != nix::unistd::getppid().as_raw())
    else {
        return;
    };
    // Only that very monitor: the pid may belong to another process by now.
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    let mut argv = cmdline.split(|b| *b == 0);
    let is_monitor = argv.next().is_some_and(|a0| a0.ends_with(b"ctl-monitor"));
    if !is_monitor || !argv.any(|a| a == id.as_bytes()) {
        return;
    }
    let start = crate::container::state::process_start(pid);
    let _ = nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid),
        nix::sys::signal::Signal::SIGKILL,
    );
    crate::sys::wait_gone(pid, start, Some(std::time::Duration::from_secs(5)));
}

/// A pipe whose `child` end is inherited by the monitor (no close-on-exec) and whose
/// `parent` end is ours only.
fn pipe_for_child() -> Result<(OwnedFd, OwnedFd)> {
    let (r, w) = nix::unistd::pipe2(OFlag::O_CLOEXEC)
        .map_err(|e| Error::io("pipe", std::io::Error::from(e)))?;
    Ok((r, w))
}

fn clear_cloexec(fd: &OwnedFd) -> Result<()> {
    nix::fcntl::fcntl(
        fd,
        nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::empty()),
    )
    .map(drop)
    .map_err(|e| Error::io("fcntl", std::io::Error::from(e)))
}

/// How many of ctl's fds from 3 on go into the container: `run --preserve-fds` (checked by
/// `run` before anything), or with socket activation (LISTEN_FDS for this very process, as
/// systemd sets LISTEN_PID) those, as podman's. Fds that are not all open pass none.
fn preserved_fds(preserve: u32) -> Result<u32> {
    let ours = std::env::var("LISTEN_PID").ok() == Some(std::process::id().to_string());
    let listen = std::env::var("LISTEN_FDS")
        .ok()
        .and_then(|v| v.parse().ok());
    let n = match (preserve, listen) {
        (0, Some(l)) if ours => l,
        (n, _) => n,
    };
    let open = |fd: u32| std::fs::symlink_metadata(format!("/proc/self/fd/{fd}")).is_ok();
    if !(3..3 + n).all(open) {
        return Ok(0);
    }
    for fd in 3..3 + n {
        // Inherited fds are usually open across exec; make sure this one is.
        nix::fcntl::fcntl(
            // SAFETY: the fd is open (checked above) and only borrowed for this call.
            unsafe { std::os::fd::BorrowedFd::borrow_raw(fd as i32) },
            nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::empty()),
        )
        .map_err(|e| Error::io("fcntl", std::io::Error::from(e)))?;
    }
    Ok(n)
}

/// The monitor's command to run when the container exits: `ctl ... container cleanup ID`.
fn exit_command(m: &Manager, id: &str) -> (Option<PathBuf>, Vec<OsString>) {
    let exe = std::env::current_exe().ok();
    let mut args: Vec<OsString> = vec![
        "--root".into(),
        m.ctx.root.clone().into(),
        "--runroot".into(),
        m.ctx.runroot.clone().into(),
        "--config".into(),
        m.ctx.config_file.clone().into(),
    ];
    // The container's death is recorded (or not) as the command that started it says.
    if m.ctx.events.backend == crate::events::Backend::None {
        args.extend(["--events-backend".into(), "none".into()]);
    }
    args.extend(["container".into(), "cleanup".into(), id.into()]);
    (exe, args)
}

/// Starts the monitor for `cfg`, which runs the runtime's create. Returns (container pid,
/// monitor pid) once the container exists, or the runtime's own error.
///
/// `hold` are fds the monitor keeps open while the container runs (its host ports).
pub fn launch(
    m: &Manager,
    cfg: &ContainerConfig,
    rt: &Runtime,
    hold: &[OwnedFd],
    preserve_fds: u32,
) -> Result<(i32, i32)> {
    let id = &cfg.id;
    for fd in hold {
        clear_cloexec(fd)?;
    }
    let files = m.run_files(id);
    let (sync_r, sync_w) = pipe_for_child()?;
    clear_cloexec(&sync_w)?;
    let (exit_cmd, exit_args) = exit_command(m, id);
    // Checked when the container was made; a record edited since is refused, not guessed.
    let driver = LogDriver::parse(&cfg.log.driver).ok_or_else(|| Error::InvalidInput {
        what: "log driver",
        value: cfg.log.driver.clone(),
        reason: "use k8s-file, journald, none or passthrough".into(),
    })?;
    let args = MonitorArgs {
        id: id.clone(),
        name: Some(cfg.name.clone()),
        bundle: m.containers.dir(id),
        runtime: rt.path.clone(),
        runtime_root: rt.root.clone(),
        container_pidfile: files.pidfile.clone(),
        monitor_pidfile: Some(files.monitor_pidfile.clone()),
        exit_file: m.containers.exit_file(id),
        log_driver: driver,
        log_path: Some(cfg.log.path.clone()),
        log_max_size: cfg.log.max_size,
        log_max_files: cfg.log.max_files.max(1),
        attach_socket: Some(files.attach.clone()),
        ctl_fifo: Some(files.ctl_fifo.clone()),
        terminal: cfg.terminal,
        stdin: cfg.stdin,
        stdin_once: cfg.stdin,
        sync_fd: Some(sync_w.as_raw_fd()),
        hold_fds: hold.iter().map(|f| f.as_raw_fd()).collect(),
        exit_command: exit_cmd,
        exit_command_args: exit_args,
        notify_socket: m
            .ctx
            .notify_socket
            .clone()
            .filter(|_| cfg.sdnotify != SdNotify::Ignore),
        notify_ready: cfg.sdnotify == SdNotify::Conmon && m.ctx.notify_socket.is_some(),
        timeout: cfg.timeout,
        preserve_fds: preserved_fds(preserve_fds)?,
        health: m.health_args(cfg),
        ..Default::default()
    };
    let monitor = monitor_path()?;
    let passthrough = driver == LogDriver::Passthrough;
    let stdio = || {
        if passthrough {
            Stdio::inherit()
        } else {
            Stdio::null()
        }
    };
    let mut command = Command::new(&monitor);
    if let Some(persona) = crate::container::spec::extras::personality_of(&args.bundle) {
        // The persona passes through fork and exec to the runtime and the container's
        // process, for a runtime that does not apply the spec's (runc before 1.2).
        use std::os::unix::process::CommandExt;
        // SAFETY: the hook only makes the personality(2) system call, which is
        // async-signal-safe, and touches no memory of the parent.
        unsafe {
            command.pre_exec(move || match libc::personality(persona) {
                -1 => Err(std::io::Error::last_os_error()),
                _ => Ok(()),
            });
        }
    }
    let status = command
        .args(args.to_args())
        // The monitor has it in its arguments; its children (runtime, exit command) must not.
        .env_remove("NOTIFY_SOCKET")
        .stdin(stdio())
        .stdout(stdio())
        .stderr(Stdio::inherit())
        .status()
        .map_err(|e| Error::Runtime {
            runtime: "ctl-monitor".into(),
            message: format!("cannot run {}: {e}", monitor.display()),
        })?;
    // The monitor has forked; our copy of its end must go so EOF means something.
    drop(sync_w);
    if !status.success() {
        return Err(Error::Runtime {
            runtime: "ctl-monitor".into(),
            message: format!("exited with {status} before detaching"),
        });
    }
    let mut sync = File::from(sync_r);
    let msg = SyncMessage::read_from(&mut sync).map_err(|e| Error::io("monitor sync pipe", e))?;
    match msg {
        Some(SyncMessage::Pid { pid, monitor }) => {
            Ok((pid, monitor_pid(monitor, &files.monitor_pidfile)?))
        }
        Some(SyncMessage::Error(text)) => Err(command_error(&rt.name, text)),
        None => Err(Error::Runtime {
            runtime: "ctl-monitor".into(),
            message: "exited without reporting the container's creation".into(),
        }),
    }
}

/// The monitor's pid: from its sync message, or (a monitor of protocol 1 does not send it)
/// from its pidfile. Never made up: a record naming no live monitor, or pid 0, would let a
/// stop go on before the monitor finished, and a signal to pid 0 reach ctl's own group.
fn monitor_pid(reported: Option<i32>, pidfile: &Path) -> Result<i32> {
    if let Some(pid) = reported {
        return Ok(pid);
    }
    let text = std::fs::read_to_string(pidfile).map_err(|e| Error::io(pidfile, e))?;
    text.trim()
        .parse()
        .ok()
        .filter(|p: &i32| *p > 0)
        .ok_or_else(|| Error::Runtime {
            runtime: "ctl-monitor".into(),
            message: format!("{}: not a pid", pidfile.display()),
        })
}

/// runc 1.1 words one failure through a formatting slip of its own (`unable to store init
/// state: %!w(<nil>)`, the cause lost): the container's first process ended while runc was
/// recording it. Say that instead of passing the slip on.
fn clarify(text: String) -> String {
    if text.contains("unable to store init state") {
        return "the container's first process ended while it was being created".into();
    }
    text.replace(": %!w(<nil>)", "")
}

/// Maps the runtime's create error to docker's exit codes: 127 for a command that does not
/// exist, 126 for one that cannot be executed, 125 otherwise.
fn command_error(runtime: &str, text: String) -> Error {
    let text = clarify(text);
    let lower = text.to_lowercase();
    if lower.contains("executable file not found")
        || lower.contains("no such file or directory") && lower.contains("exec")
    {
        Error::Command {
            code: 127,
            message: text,
        }
    } else if lower.contains("permission denied") && lower.contains("exec") {
        Error::Command {
            code: 126,
            message: text,
        }
    } else {
        Error::Runtime {
            runtime: runtime.to_string(),
            message: text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_errors_map_to_docker_codes() {
        let e = command_error(
            "runc",
            "exec: \"nope\": executable file not found in $PATH".into(),
        );
        assert_eq!(e.exit_code(), 127);
        let e = command_error("runc", "exec /etc/passwd: permission denied".into());
        assert_eq!(e.exit_code(), 126);
        let e = command_error("runc", "cgroup busy".into());
        assert_eq!(e.exit_code(), 125);
    }

    #[test]
    fn the_monitor_pid_comes_from_its_message_or_its_pidfile_never_zero() {
        let dir = tempfile::tempdir().unwrap();
        let pidfile = dir.path().join("monitor.pid");
        // Reported: the pidfile is not needed at all.
        assert_eq!(monitor_pid(Some(4321), &pidfile).unwrap(), 4321);
        // A protocol-1 monitor: its pidfile, else an error.
        let e = monitor_pid(None, &pidfile).unwrap_err().to_string();
        assert!(e.contains("monitor.pid"), "{e}");
        std::fs::write(&pidfile, "junk\n").unwrap();
        assert!(monitor_pid(None, &pidfile).is_err());
        std::fs::write(&pidfile, "0\n").unwrap();
        assert!(monitor_pid(None, &pidfile).is_err());
        std::fs::write(&pidfile, "77\n").unwrap();
        assert_eq!(monitor_pid(None, &pidfile).unwrap(), 77);
    }

    #[test]
    fn runcs_formatting_slips_are_not_passed_on() {
        let slip = "runc create failed: unable to start container process: error during \
                    container init: unable to store init state: %!w(<nil>)";
        let e = command_error("runc", slip.into()).to_string();
        assert_eq!(
            e,
            "OCI runtime runc: the container's first process ended while it was being created"
        );
        let e = command_error("runc", "x failed: %!w(<nil>)".into()).to_string();
        assert!(!e.contains("%!"), "{e}");
    }
}
