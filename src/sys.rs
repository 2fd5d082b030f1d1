//! Waiting for processes that are not our children: pidfds, with a /proc fallback; writes
//! that must not raise SIGPIPE; termination signals put off while a container is made.

use std::os::fd::{FromRawFd, OwnedFd};
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::{Duration, Instant};

use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sys::signal::{sigaction, SaFlags, SigAction, SigHandler, SigSet, SigmaskHow, Signal};

use crate::container::state::same_process;

/// A pidfd for `pid`, or None (process gone, or a kernel without pidfd_open).
pub fn pidfd_open(pid: i32) -> Option<OwnedFd> {
    // SAFETY: pidfd_open takes a pid and flags and returns a new fd or -1; no memory is
    // shared. The fd is owned by us from here on.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
    if fd < 0 {
        return None;
    }
    // SAFETY: fd is a fresh descriptor that nothing else owns.
    Some(unsafe { OwnedFd::from_raw_fd(fd as i32) })
}

/// Waits until the process (`pid`, started at `start`) is gone, up to `timeout`
/// (None: forever). Returns whether it is gone.
pub fn wait_gone(pid: i32, start: Option<u64>, timeout: Option<Duration>) -> bool {
    let deadline = timeout.map(|t| Instant::now() + t);
    let Some(fd) = pidfd_open(pid) else {
        return !same_process(pid, start) || poll_proc(pid, start, deadline);
    };
    // The pid may have been reused between recording and opening: check it is ours.
    if !same_process(pid, start) {
        return true;
    }
    loop {
        let left = match deadline {
            Some(d) => {
                let now = Instant::now();
                if now >= d {
                    return !same_process(pid, start);
                }
                PollTimeout::try_from(d - now).unwrap_or(PollTimeout::MAX)
            }
            None => PollTimeout::NONE,
        };
        let mut fds = [PollFd::new(
            std::os::fd::AsFd::as_fd(&fd),
            PollFlags::POLLIN,
        )];
        match poll(&mut fds, left) {
            Ok(n) if n > 0 => return true,
            Ok(_) => continue,
            Err(nix::errno::Errno::EINTR) => continue,
            Err(_) => return poll_proc(pid, start, deadline),
        }
    }
}

/// Fallback for kernels without pidfds: look at /proc every few milliseconds.
fn poll_proc(pid: i32, start: Option<u64>, deadline: Option<Instant>) -> bool {
    loop {
        if !same_process(pid, start) {
            return true;
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            return false;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Runs `f`, a write to a fifo or pipe whose reader may be gone (a monitor that just
/// exited), with SIGPIPE held back in this thread: the write fails with EPIPE instead of
/// ending ctl, whose SIGPIPE is otherwise the default (so `ctl ps | head` ends quietly).
pub fn without_sigpipe<T>(f: impl FnOnce() -> T) -> T {
    let mut pipe = SigSet::empty();
    pipe.add(Signal::SIGPIPE);
    let old = pipe.thread_swap_mask(SigmaskHow::SIG_BLOCK).ok();
    let out = f();
    let zero = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // A SIGPIPE that `f` raised is pending now: take it before the old mask lets it in.
    // SAFETY: a valid sigset holding SIGPIPE, blocked in this thread; a null siginfo is
    // allowed; a zero timeout never blocks.
    while unsafe { libc::sigtimedwait(pipe.as_ref(), std::ptr::null_mut(), &zero) } == libc::SIGPIPE
    {
    }
    if let Some(old) = old {
        let _ = old.thread_set_mask();
    }
    out
}

/// The termination signal that arrived while a [`HeldSignals`] was in place (0: none).
static ARRIVED: AtomicI32 = AtomicI32::new(0);

extern "C" fn note_arrival(sig: libc::c_int) {
    ARRIVED.store(sig, Ordering::SeqCst);
}

/// SIGTERM, SIGINT and SIGHUP put off while ctl makes and starts a container, so a stop
/// that arrives meanwhile (systemd stopping a unit that is starting) finds a whole container
/// behind a written `--cidfile`, never a half-made one. They are caught and noted, not
/// blocked: a blocked mask would be inherited by everything started meanwhile (the monitor,
/// pasta), while caught signals return to their default on exec. Dropping the guard
/// restores the old dispositions and raises a noted signal that was not taken.
pub struct HeldSignals {
    old: Vec<(Signal, SigAction)>,
}

impl HeldSignals {
    const SIGNALS: [Signal; 3] = [Signal::SIGTERM, Signal::SIGINT, Signal::SIGHUP];

    pub fn hold() -> HeldSignals {
        ARRIVED.store(0, Ordering::SeqCst);
        let note = SigAction::new(
            SigHandler::Handler(note_arrival),
            SaFlags::SA_RESTART,
            SigSet::empty(),
        );
        let old = Self::SIGNALS
            .into_iter()
            // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
            .filter_map(|s| unsafe { sigaction(s, &note) }.ok().map(|o| (s, o)))
            .collect();
        HeldSignals { old }
    }

    /// The signal that arrived, taken (dropping the guard will not raise it).
    pub fn take_arrived(&self) -> Option<Signal> {
        Signal::try_from(ARRIVED.swap(0, Ordering::SeqCst)).ok()
    }
}

impl Drop for HeldSignals {
    fn drop(&mut self) {
        for (s, old) in self.old.drain(..) {
            // SAFETY: restores the disposition that was in place before `hold`.
            let _ = unsafe { sigaction(s, &old) };
        }
        if let Ok(sig) = Signal::try_from(ARRIVED.swap(0, Ordering::SeqCst)) {
            let _ = nix::sys::signal::raise(sig);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_for_a_real_process() {
        let mut child = std::process::Command::new("sleep")
            .arg("0.2")
            .spawn()
            .unwrap();
        let pid = child.id() as i32;
        let start = crate::container::state::process_start(pid);
        assert!(!wait_gone(pid, start, Some(Duration::from_millis(10))));
        // A zombie counts as gone, so the unreaped child is "gone" once it exits.
        assert!(wait_gone(pid, start, Some(Duration::from_secs(5))));
        child.wait().unwrap();
    }

    #[test]
    fn a_write_to_a_closed_pipe_is_an_error_not_a_signal() {
        // SAFETY: the default disposition, as ctl's main sets it; this test process has no
        // other use for SIGPIPE.
        unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
        let (r, w) = nix::unistd::pipe().unwrap();
        drop(r);
        let mut f = std::fs::File::from(w);
        let res = without_sigpipe(|| std::io::Write::write_all(&mut f, b"x"));
        assert_eq!(res.unwrap_err().kind(), std::io::ErrorKind::BrokenPipe);
    }
}
