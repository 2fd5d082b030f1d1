//! One run of a healthcheck: the runtime's `exec` of the check in the container, its output
//! (stdout and stderr together, the first `max_output` bytes kept) and, past the timeout,
//! a SIGKILL to the check's process and the runtime.
//!
//! Whoever spawned it reaps it: the monitor from its SIGCHLD loop (which reaps every child),
//! ctl with [`Probe::wait`]. Neither blocks on the output: a check that left a process
//! holding its pipe still ends when the runtime does.

use std::ffi::OsString;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::fcntl::{fcntl, FcntlArg, OFlag};
use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;

use super::{HealthEntry, TIMED_OUT};
use crate::time::Timestamp;

/// The container a check runs in, as the runtime knows it.
pub struct Target<'a> {
    pub runtime: &'a Path,
    pub runtime_root: &'a Path,
    pub runtime_args: &'a [OsString],
    pub id: &'a str,
    pub exec_pidfile: &'a Path,
}

/// A check that is running.
pub struct Probe {
    pub pid: Pid,
    out: Option<OwnedFd>,
    output: Vec<u8>,
    start: Timestamp,
    /// None: no timeout.
    pub deadline: Option<Instant>,
    pidfile: PathBuf,
    timed_out: bool,
    /// Output bytes kept (0: all).
    max_output: usize,
}

impl Probe {
    /// Starts `argv` in the container through `runtime exec`; keeps `max_output` bytes of
    /// its output (0: all).
    pub fn spawn(
        t: &Target<'_>,
        argv: &[String],
        timeout: Duration,
        max_output: u32,
    ) -> std::io::Result<Probe> {
        let (r, w) = nix::unistd::pipe2(OFlag::O_CLOEXEC)?;
        fcntl(&r, FcntlArg::F_SETFL(OFlag::O_NONBLOCK))?;
        let _ = std::fs::remove_file(t.exec_pidfile);
        let mut cmd = Command::new(t.runtime);
        cmd.arg("--root")
            .arg(t.runtime_root)
            .args(t.runtime_args)
            .arg("exec")
            .arg("--pid-file")
            .arg(t.exec_pidfile)
            .arg(t.id)
            .args(argv)
            .stdin(Stdio::null())
            .stdout(Stdio::from(w.try_clone()?))
            .stderr(Stdio::from(w));
        let start = Timestamp::now();
        let child = cmd.spawn()?;
        drop(cmd); // our copies of the write end: EOF once the check's side is done
        let pid = Pid::from_raw(child.id() as i32);
        // Not waited through `Child`: the caller reaps it by pid.
        drop(child);
        Ok(Probe {
            pid,
            out: Some(r),
            output: Vec::new(),
            start,
            deadline: (!timeout.is_zero()).then(|| Instant::now() + timeout),
            pidfile: t.exec_pidfile.to_path_buf(),
            timed_out: false,
            max_output: max_output as usize,
        })
    }

    /// The output pipe, while it is open.
    pub fn fd(&self) -> Option<BorrowedFd<'_>> {
        self.out.as_ref().map(AsFd::as_fd)
    }

    /// Reads what the pipe holds; keeps the first `max_output` bytes, drops the rest.
    /// Closes the pipe at its end.
    pub fn read(&mut self) {
        let Some(fd) = &self.out else { return };
        let mut buf = [0u8; 512];
        loop {
            match nix::unistd::read(fd, &mut buf) {
                Ok(0) => {
                    self.out = None;
                    return;
                }
                Ok(n) => {
                    let room = match self.max_output {
                        0 => n,
                        m => m.saturating_sub(self.output.len()),
                    };
                    self.output.extend_from_slice(&buf[..n.min(room)]);
                }
                Err(Errno::EINTR) => continue,
                Err(Errno::EAGAIN) => return,
                Err(_) => {
                    self.out = None;
                    return;
                }
            }
        }
    }

    /// Past the timeout: kills the check's process (the runtime then exits) and the
    /// runtime itself.
    pub fn kill(&mut self) {
        self.timed_out = true;
        let inner = std::fs::read_to_string(&self.pidfile)
            .ok()
            .and_then(|s| s.trim().parse::<i32>().ok())
            .filter(|p| *p > 1);
        if let Some(p) = inner {
            let _ = kill(Pid::from_raw(p), Signal::SIGKILL);
        }
        let _ = kill(self.pid, Signal::SIGKILL);
    }

    pub fn timed_out(&self) -> bool {
        self.timed_out
    }

    /// The result, once the runtime exited with `code` (None: unknown, a failure).
    pub fn finish(mut self, code: Option<i32>, timeout: Duration) -> HealthEntry {
        self.read();
        let _ = std::fs::remove_file(&self.pidfile);
        let mut output = String::from_utf8_lossy(&self.output).into_owned();
        let exit_code = if self.timed_out {
            if output.is_empty() {
                output = format!(
                    "healthcheck command exceeded timeout of {}",
                    go_duration(timeout)
                );
            }
            TIMED_OUT
        } else {
            code.unwrap_or(1)
        };
        HealthEntry {
            start: self.start,
            end: Timestamp::now(),
            exit_code,
            output,
        }
    }

    /// Runs to the end here (ctl's `healthcheck run`): waits for the runtime, killing the
    /// check at its timeout.
    pub fn wait(mut self, timeout: Duration) -> HealthEntry {
        use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
        use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
        loop {
            let status = match waitpid(self.pid, Some(WaitPidFlag::WNOHANG)) {
                Ok(WaitStatus::Exited(_, c)) => Some(Some(c)),
                Ok(WaitStatus::Signaled(_, s, _)) => Some(Some(128 + s as i32)),
                Ok(_) | Err(Errno::EINTR) => None,
                Err(_) => Some(None),
            };
            if let Some(code) = status {
                return self.finish(code, timeout);
            }
            if self.deadline.is_some_and(|d| Instant::now() >= d) && !self.timed_out {
                self.kill();
            }
            // Woken by output; otherwise a short slice, to see the runtime's exit.
            let slice = PollTimeout::from(50u8);
            match self.out.as_ref() {
                Some(fd) => {
                    let mut fds = [PollFd::new(fd.as_fd(), PollFlags::POLLIN)];
                    let _ = poll(&mut fds, slice);
                }
                None => {
                    let _ = poll(&mut [], slice);
                }
            }
            self.read();
        }
    }
}

/// A duration as Go prints it for whole seconds and milliseconds (`1s`, `1m30s`, `500ms`).
fn go_duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        return format!("{ms}ms");
    }
    let (h, m, s, frac) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    let secs = match frac {
        0 => format!("{s}s"),
        f => format!("{s}.{}s", format!("{f:03}").trim_end_matches('0')),
    };
    match (h, m) {
        (0, 0) => secs,
        (0, m) => format!("{m}m{secs}"),
        (h, m) => format!("{h}h{m}m{secs}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_print_as_go() {
        assert_eq!(go_duration(Duration::from_secs(1)), "1s");
        assert_eq!(go_duration(Duration::from_millis(1500)), "1.5s");
        assert_eq!(go_duration(Duration::from_secs(90)), "1m30s");
        assert_eq!(go_duration(Duration::from_secs(3600)), "1h0m0s");
        assert_eq!(go_duration(Duration::from_millis(250)), "250ms");
    }
}
