//! The main loop: one poll(2) over the container's output, its stdin, attach clients, the
//! control fifo, the signalfd and the container's pidfd, until the container has exited.

use std::os::fd::{AsFd, OwnedFd};
use std::time::{Duration, Instant};

use ctl_monitor::time::Timestamp;
use ctl_monitor::wire::{ControlMessage, MAX_PACKET_DATA};
use ctl_monitor::{MonitorArgs, Stream};
use nix::errno::Errno;
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sys::signal::{kill, Signal};
use nix::sys::signalfd::SignalFd;
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::{write, Pid};

use super::attach::{Input, Server};
use super::child::Io;
use super::ctlfifo::CtlFifo;
use super::health::Timer;
use super::logs::Sink;
use super::signals;
use super::sys;

/// While the log cannot be written, how long the container's output is left in its pipes
/// between two reads. Reading it as fast as the container writes, only to drop it, would
/// spin; not reading it at all would block the container for good.
const LOG_RETRY: Duration = Duration::from_millis(25);

/// Chunks of output read (and dropped) at most per pause while the log fails: a pipe-full or
/// two is what a pause leaves, so a chatty container is slowed down, not stopped.
const LOG_DRAIN_CHUNKS: usize = 32;

/// How the container ended, as far as the monitor could tell.
#[derive(Debug, Clone, Copy)]
pub enum Ended {
    Exited(i32),
    Signaled(i32),
    /// Gone, but waitpid had no status for it.
    Unknown,
}

pub struct Monitor<'a> {
    pub args: &'a MonitorArgs,
    pub pid: Pid,
    pub pidfd: Option<OwnedFd>,
    pub sigfd: SignalFd,
    pub io: Io,
    pub attach: Option<Server>,
    pub fifo: Option<CtlFifo>,
    pub sink: Sink,
    pub ended: Option<Ended>,
    /// When the exit was seen (RFC 3339).
    pub ended_at: Option<Timestamp>,
    /// Client input not yet written to the container's stdin (or pty).
    pending: Vec<u8>,
    buf: Vec<u8>,
    /// The log is failing: output is not read until then, when the log is tried again.
    log_retry_at: Option<Instant>,
    /// The healthcheck's timer, when the container has a healthcheck.
    pub health: Option<Timer<'a>>,
}

#[derive(Clone, Copy)]
enum Tok {
    Sig,
    Pidfd,
    Out,
    Err,
    Pty,
    Input,
    Listen,
    Client(usize),
    Fifo,
    Health,
}

impl<'a> Monitor<'a> {
    pub fn new(
        args: &'a MonitorArgs,
        pid: i32,
        sigfd: SignalFd,
        io: Io,
        attach: Option<Server>,
        fifo: Option<CtlFifo>,
        sink: Sink,
    ) -> Monitor<'a> {
        Monitor {
            args,
            pid: Pid::from_raw(pid),
            pidfd: sys::pidfd_open(pid),
            sigfd,
            io,
            attach,
            fifo,
            sink,
            ended: None,
            ended_at: None,
            pending: Vec::new(),
            // Filled through its spare capacity: only pages that data lands on are touched.
            buf: Vec::with_capacity(MAX_PACKET_DATA),
            log_retry_at: None,
            health: args.health.clone().map(|h| Timer::new(args, h)),
        }
    }

    /// Where client input goes: the pty, else the stdin pipe.
    fn input_fd(&self) -> Option<&OwnedFd> {
        self.io.pty.as_ref().or(self.io.stdin.as_ref())
    }

    /// Runs until the container has exited, then drains its output.
    pub fn run(&mut self) {
        while self.ended.is_none() {
            let ready = self.wait();
            for (tok, flags) in ready {
                self.handle(tok, flags);
            }
            if let (Some(h), None) = (&mut self.health, self.ended) {
                h.tick(self.pid);
            }
            if let Some(a) = &mut self.attach {
                a.sweep();
            }
            if self.sink.failing() && self.log_retry_at.is_none() {
                self.log_retry_at = Some(Instant::now() + LOG_RETRY);
            }
        }
        if let Some(h) = &mut self.health {
            h.end();
        }
        self.drain();
    }

    /// How long output stays unread while the log is failing (None: read it now); lets
    /// the log try again once the pause is over.
    fn log_pause(&mut self) -> Option<Duration> {
        let at = self.log_retry_at?;
        let left = at.saturating_duration_since(Instant::now());
        if left.is_zero() {
            self.log_retry_at = None;
            self.sink.retry();
            return None;
        }
        Some(left)
    }

    /// One poll; returns the ready tokens.
    fn wait(&mut self) -> Vec<(Tok, PollFlags)> {
        let pause = self.log_pause();
        let mut fds: Vec<PollFd<'_>> = Vec::with_capacity(10);
        let mut toks: Vec<Tok> = Vec::with_capacity(10);
        let pin = PollFlags::POLLIN;
        let mut add = |fd, ev, t| {
            fds.push(PollFd::new(fd, ev));
            toks.push(t);
        };
        // New clients first: one that connected before output arrived must not miss it.
        if let Some(a) = &self.attach {
            if !a.full() {
                add(a.fd(), pin, Tok::Listen);
            }
        }
        add(self.sigfd.as_fd(), pin, Tok::Sig);
        if let Some(fd) = &self.pidfd {
            add(fd.as_fd(), pin, Tok::Pidfd);
        }
        if pause.is_none() {
            if let Some(fd) = &self.io.out {
                add(fd.as_fd(), pin, Tok::Out);
            }
            if let Some(fd) = &self.io.err {
                add(fd.as_fd(), pin, Tok::Err);
            }
            if let Some(fd) = &self.io.pty {
                add(fd.as_fd(), pin, Tok::Pty);
            }
        }
        let waiting_input = !self.pending.is_empty();
        if let (true, Some(fd)) = (waiting_input, self.input_fd()) {
            add(fd.as_fd(), PollFlags::POLLOUT, Tok::Input);
        }
        if let Some(a) = &self.attach {
            for (i, c) in a.clients.iter().enumerate() {
                match (c.reading, waiting_input) {
                    (true, false) => add(c.fd(), pin, Tok::Client(i)),
                    // Input waits until the container takes what is pending; its end (and a
                    // hang-up) is read in order after that.
                    (true, true) => {}
                    // Done sending: only a hang-up is left to see (reported unasked).
                    (false, _) => add(c.fd(), PollFlags::empty(), Tok::Client(i)),
                }
            }
        }
        if let Some(f) = &self.fifo {
            add(f.fd(), pin, Tok::Fifo);
        }
        if let Some(fd) = self.health.as_ref().and_then(Timer::fd) {
            add(fd, pin, Tok::Health);
        }
        let check = self
            .health
            .as_ref()
            .and_then(Timer::deadline)
            .map(|t| t.saturating_duration_since(Instant::now()));
        let pause = match (pause, check) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        // Rounded up: a timeout rounded down to 0 ms would poll again at once until the
        // pause is over.
        let timeout = pause.map_or(PollTimeout::NONE, |d| {
            let ms = d.as_micros().div_ceil(1000);
            PollTimeout::try_from(ms).unwrap_or(PollTimeout::MAX)
        });
        match poll(&mut fds, timeout) {
            Ok(_) => {}
            Err(Errno::EINTR) => return Vec::new(),
            Err(_) => {
                // Should not happen; avoid spinning and keep watching for the exit.
                std::thread::sleep(std::time::Duration::from_millis(100));
                return Vec::new();
            }
        }
        fds.iter()
            .zip(toks)
            .filter_map(|(fd, t)| Some((t, fd.revents()?)).filter(|(_, r)| !r.is_empty()))
            .collect()
    }

    fn handle(&mut self, tok: Tok, flags: PollFlags) {
        match tok {
            Tok::Sig => self.signals(),
            Tok::Pidfd => self.pidfd_ready(),
            Tok::Out => self.output_ready(Stream::Stdout, false),
            Tok::Err => self.output_ready(Stream::Stderr, false),
            Tok::Pty => self.output_ready(Stream::Stdout, true),
            Tok::Input => self.flush_input(),
            Tok::Listen => {
                if let Some(a) = &mut self.attach {
                    a.accept();
                }
            }
            Tok::Client(i) => self.client(i, flags),
            Tok::Fifo => self.control(),
            Tok::Health => {
                if let Some(h) = &mut self.health {
                    h.readable();
                }
            }
        }
    }

    fn signals(&mut self) {
        for signo in signals::pending(&self.sigfd) {
            if signo == Signal::SIGCHLD as i32 {
                self.reap();
            } else if signo == Signal::SIGALRM as i32 {
                // `--timeout`: the container has run its time.
                if self.ended.is_none() {
                    let _ = kill(self.pid, Signal::SIGKILL);
                }
            } else if let (Ok(sig), None) = (Signal::try_from(signo), self.ended) {
                let _ = kill(self.pid, sig);
            }
        }
    }

    /// Reaps every exited child; records the container's status.
    pub fn reap(&mut self) {
        loop {
            match waitpid(None, Some(WaitPidFlag::WNOHANG)) {
                Ok(WaitStatus::Exited(p, code)) => self.record(p, Ended::Exited(code)),
                Ok(WaitStatus::Signaled(p, sig, _)) => self.record(p, Ended::Signaled(sig as i32)),
                Ok(WaitStatus::StillAlive) | Err(Errno::ECHILD) => break,
                Err(Errno::EINTR) | Ok(_) => continue,
                Err(_) => break,
            }
        }
    }

    fn record(&mut self, pid: Pid, how: Ended) {
        if let Some(h) = &mut self.health {
            let code = match how {
                Ended::Exited(c) => Some(c),
                Ended::Signaled(s) => Some(128 + s),
                Ended::Unknown => None,
            };
            if h.reaped(pid, code, self.pid) {
                return;
            }
        }
        if pid == self.pid && self.ended.is_none() {
            self.ended = Some(how);
            self.ended_at = Some(Timestamp::now());
        }
    }

    fn pidfd_ready(&mut self) {
        match waitpid(self.pid, Some(WaitPidFlag::WNOHANG)) {
            Ok(WaitStatus::Exited(p, code)) => self.record(p, Ended::Exited(code)),
            Ok(WaitStatus::Signaled(p, sig, _)) => self.record(p, Ended::Signaled(sig as i32)),
            // Not our child after all (or reaped elsewhere): it is gone, its status unknown.
            Err(Errno::ECHILD) => self.record(self.pid, Ended::Unknown),
            // Should not happen for an exited process; fall back to SIGCHLD alone.
            _ => self.pidfd = None,
        }
    }

    /// Reads one chunk of ready output; while the log fails, what the pipe holds (up to
    /// [`LOG_DRAIN_CHUNKS`]), since the pipe is not read again before the pause is over.
    fn output_ready(&mut self, stream: Stream, pty: bool) {
        let mut more = LOG_DRAIN_CHUNKS;
        while self.output(stream, pty) && self.sink.failing() && more > 0 {
            more -= 1;
        }
    }

    /// Reads one chunk from an output fd; logs it and sends it to attach clients. Closes
    /// the fd at EOF. True when data was read.
    fn output(&mut self, stream: Stream, pty: bool) -> bool {
        let slot = match (pty, stream) {
            (true, _) => &mut self.io.pty,
            (false, Stream::Stdout) => &mut self.io.out,
            (false, Stream::Stderr) => &mut self.io.err,
        };
        let Some(fd) = slot.as_ref() else {
            return false;
        };
        let n = loop {
            match sys::read_spare(fd.as_fd(), &mut self.buf, MAX_PACKET_DATA) {
                Err(Errno::EINTR) => continue,
                Err(Errno::EAGAIN) => return false,
                // EIO: the pty's other side is closed.
                Ok(0) | Err(_) => {
                    *slot = None;
                    return false;
                }
                Ok(n) => break n,
            }
        };
        let data = &self.buf[..n];
        self.sink.write(stream, data, self.args.log_max_line);
        if let Some(a) = &mut self.attach {
            a.broadcast(stream.id(), data);
        }
        true
    }

    fn client(&mut self, i: usize, flags: PollFlags) {
        let Some(a) = &mut self.attach else { return };
        if flags.contains(PollFlags::POLLIN) {
            if !self.pending.is_empty() {
                return; // another client's input came first; this one waits its turn
            }
            match a.read(i, &mut self.buf) {
                Input::Data(n) => {
                    if self.input_fd().is_some() {
                        self.pending.extend_from_slice(&self.buf[..n]);
                        self.flush_input();
                    }
                    return;
                }
                Input::End => {
                    if self.args.stdin_once && self.io.pty.is_none() {
                        self.io.stdin = None;
                        self.pending.clear();
                    }
                    return;
                }
                Input::Gone => return,
            }
        }
        if flags.intersects(PollFlags::POLLHUP | PollFlags::POLLERR | PollFlags::POLLNVAL) {
            a.hang_up(i);
        }
    }

    /// Writes pending client input to the container without blocking.
    fn flush_input(&mut self) {
        while !self.pending.is_empty() {
            let Some(fd) = self.input_fd() else {
                self.pending.clear();
                return;
            };
            match write(fd, &self.pending) {
                Ok(n) => {
                    self.pending.drain(..n);
                }
                Err(Errno::EINTR) => continue,
                Err(Errno::EAGAIN) => return,
                Err(_) => {
                    // The container closed its stdin.
                    self.pending.clear();
                    if self.io.pty.is_none() {
                        self.io.stdin = None;
                    }
                    return;
                }
            }
        }
    }

    fn control(&mut self) {
        let Some(f) = &mut self.fifo else { return };
        for m in f.read() {
            match m {
                ControlMessage::Resize { rows, cols } => {
                    if let Some(pty) = &self.io.pty {
                        let _ = sys::set_winsize(pty.as_fd(), rows, cols);
                    }
                }
                ControlMessage::ReopenLog => self.sink.reopen(),
                ControlMessage::Started => {
                    self.notify_ready();
                    if let Some(h) = &mut self.health {
                        h.started();
                    }
                }
                ControlMessage::ReloadHealth => self.reload_health(),
            }
        }
    }

    /// `update` rewrote the healthcheck: the timer takes the new settings, starts (a check
    /// added to a running container) or ends (`--no-healthcheck`). A file that does not
    /// read changes nothing.
    fn reload_health(&mut self) {
        let Some(fifo) = &self.args.ctl_fifo else {
            return;
        };
        let Ok(new) =
            ctl_monitor::health::args::read_file(&ctl_monitor::health::args::reload_file(fifo))
        else {
            return;
        };
        match (&mut self.health, new) {
            (Some(t), Some(h)) => t.reload(h),
            (None, Some(h)) => {
                let mut t = Timer::new(self.args, h);
                t.started();
                self.health = Some(t);
            }
            (t, None) => {
                if let Some(old) = t {
                    old.end();
                }
                *t = None;
            }
        }
    }

    /// `READY=1` for `--sdnotify=conmon`, once ctl says the runtime started the container.
    fn notify_ready(&self) {
        if let (true, Some(sock)) = (self.args.notify_ready, &self.args.notify_socket) {
            let me = std::process::id() as i32;
            let _ = ctl_monitor::notify::send(sock, &ctl_monitor::notify::ready(me));
        }
    }

    /// After the exit: reads what is left in the pipes without waiting for writers that
    /// outlived the container (bounded, for a writer that keeps a pipe busy).
    fn drain(&mut self) {
        for (stream, pty) in [
            (Stream::Stdout, false),
            (Stream::Stderr, false),
            (Stream::Stdout, true),
        ] {
            for _ in 0..256 {
                if !self.output(stream, pty) {
                    break;
                }
            }
        }
    }
}
