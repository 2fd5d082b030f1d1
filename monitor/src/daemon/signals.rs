//! Signals arrive through a signalfd, never through handlers: SIGCHLD (reap) and the ones
//! forwarded to the container. They are blocked before any child is spawned, so none is lost;
//! std's `Command` clears the mask again in its children.

use nix::sys::signal::{SigSet, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};

/// Signals the monitor passes on to the container's process.
pub const FORWARDED: [Signal; 4] = [
    Signal::SIGTERM,
    Signal::SIGINT,
    Signal::SIGQUIT,
    Signal::SIGHUP,
];

/// Blocks SIGCHLD and the forwarded signals and returns a non-blocking signalfd for them.
pub fn block() -> nix::Result<SignalFd> {
    let mut set = SigSet::empty();
    set.add(Signal::SIGCHLD);
    // `--timeout`'s alarm.
    set.add(Signal::SIGALRM);
    for s in FORWARDED {
        set.add(s);
    }
    set.thread_block()?;
    SignalFd::with_flags(&set, SfdFlags::SFD_NONBLOCK | SfdFlags::SFD_CLOEXEC)
}

/// Every pending signal number (empty when none).
pub fn pending(fd: &SignalFd) -> Vec<i32> {
    let mut out = Vec::new();
    while let Ok(Some(info)) = fd.read_signal() {
        out.push(info.ssi_signo as i32);
    }
    out
}
