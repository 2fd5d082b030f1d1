//! The healthcheck timer inside the monitor's poll loop: no thread, no timer fd. The loop
//! polls the running check's output and wakes at [`Timer::deadline`]: the next check, the
//! running one's timeout, or the end of a stop's grace period. The check's runtime is
//! reaped by the loop's SIGCHLD handling and handed back through [`Timer::reaped`].
//!
//! A startup check (`--health-startup-cmd`) runs first, on its own interval and timeout:
//! its results go to the log without counting as failures; once it has passed (as many
//! times as asked) the regular check takes over, and too many failures restart the
//! container, as podman's.

use std::os::fd::BorrowedFd;
use std::time::Instant;

use ctl_monitor::health::probe::{Probe, Target};
use ctl_monitor::health::{HealthArgs, HealthLog, OnFailure};
use ctl_monitor::MonitorArgs;
use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;
use std::time::Duration;

pub struct Timer<'a> {
    args: &'a MonitorArgs,
    health: HealthArgs,
    /// The startup check has not passed yet.
    in_startup: bool,
    /// The startup check's successes and failures so far (podman's counters: neither
    /// resets the other).
    startup_ok: u32,
    startup_failed: u32,
    /// When the container was started (the start period counts from here).
    started: Instant,
    /// The next check, when none is running; None: no timer.
    next: Option<Instant>,
    probe: Option<Probe>,
    /// A `stop` or `restart` sent the stop signal: SIGKILL at this instant.
    kill_at: Option<Instant>,
    /// What `--health-on-failure` did, for the exit file.
    pub action: Option<OnFailure>,
}

impl<'a> Timer<'a> {
    /// Resets the log to `starting` and sets the first check for one interval from now
    /// (sooner once ctl says the container started).
    pub fn new(args: &'a MonitorArgs, health: HealthArgs) -> Timer<'a> {
        let _ = HealthLog::update(&health.log, &health.lock_path(), HealthLog::restart);
        let now = Instant::now();
        let mut t = Timer {
            args,
            in_startup: health.startup.is_some(),
            startup_ok: 0,
            startup_failed: 0,
            health,
            started: now,
            next: None,
            probe: None,
            kill_at: None,
            action: None,
        };
        t.next = t.interval().map(|i| now + i);
        t
    }

    /// The interval of the check due now (None: no timer).
    fn interval(&self) -> Option<Duration> {
        let i = match (&self.health.startup, self.in_startup) {
            (Some(s), true) => s.interval,
            _ => self.health.interval,
        };
        (!i.is_zero()).then_some(i)
    }

    /// `update` changed the settings: the new ones apply from the next check, which is one
    /// interval away (a running check finishes first). A startup check that passed stays
    /// passed.
    pub fn reload(&mut self, health: HealthArgs) {
        self.in_startup = self.in_startup && health.startup.is_some();
        self.health = health;
        if self.probe.is_none() && self.action.is_none() {
            self.next = self.interval().map(|i| Instant::now() + i);
        }
    }

    /// ctl started the container: the first check runs now, as podman's first timer run.
    pub fn started(&mut self) {
        self.started = Instant::now();
        if self.next.is_some() && self.probe.is_none() {
            self.next = Some(self.started);
        }
    }

    /// The next instant the loop must wake at.
    pub fn deadline(&self) -> Option<Instant> {
        let check = match &self.probe {
            Some(p) => p.deadline,
            None => self.next,
        };
        [check, self.kill_at].into_iter().flatten().min()
    }

    /// The running check's output pipe.
    pub fn fd(&self) -> Option<BorrowedFd<'_>> {
        self.probe.as_ref().and_then(Probe::fd)
    }

    pub fn readable(&mut self) {
        if let Some(p) = &mut self.probe {
            p.read();
        }
    }

    /// Acts on what is due: a check to start, a check to kill, a container to kill.
    pub fn tick(&mut self, container: Pid) {
        let now = Instant::now();
        if self.kill_at.is_some_and(|t| now >= t) {
            self.kill_at = None;
            let _ = kill(container, Signal::SIGKILL);
        }
        match &mut self.probe {
            Some(p) => {
                if !p.timed_out() && p.deadline.is_some_and(|d| now >= d) {
                    p.kill();
                }
            }
            None => {
                if self.action.is_none() && self.next.is_some_and(|t| now >= t) {
                    self.next = None;
                    self.spawn();
                }
            }
        }
    }

    fn spawn(&mut self) {
        let h = &self.health;
        let target = Target {
            runtime: &self.args.runtime,
            runtime_root: &self.args.runtime_root,
            runtime_args: &self.args.runtime_args,
            id: &self.args.id,
            exec_pidfile: &h.exec_pidfile,
        };
        let (argv, timeout) = match (&h.startup, self.in_startup) {
            (Some(s), true) => (&s.argv, s.timeout),
            _ => (&h.argv, h.timeout),
        };
        match Probe::spawn(&target, argv, timeout, h.max_log_size) {
            Ok(p) => self.probe = Some(p),
            // Not even started (no runtime, no fds): try again at the next interval.
            Err(_) => self.next = self.interval().map(|i| Instant::now() + i),
        }
    }

    /// A child exited: if it is the check's runtime, records the result and acts on it.
    /// Returns whether it was.
    pub fn reaped(&mut self, pid: Pid, code: Option<i32>, container: Pid) -> bool {
        if self.probe.as_ref().is_none_or(|p| p.pid != pid) {
            return false;
        }
        let Some(probe) = self.probe.take() else {
            return false;
        };
        let h = &self.health;
        let startup = h.startup.as_ref().filter(|_| self.in_startup);
        let entry = probe.finish(code, startup.map_or(h.timeout, |s| s.timeout));
        let passed = entry.exit_code == 0;
        // A startup check's failures never count against the regular check's retries.
        let in_start = startup.is_some() || self.started.elapsed() < h.start_period;
        let mut last = h.log_events.then(String::new);
        if let Some(out) = &mut last {
            entry.encode_into(out);
        }
        let updated = HealthLog::update(&h.log, &h.lock_path(), |l| {
            let turned = l.record(entry, in_start, h.retries, h.max_log_count);
            (turned, Some((l.status.clone(), l.failing_streak)))
        });
        let (turned, checked) = updated.unwrap_or((false, None));
        // As podman's: every check is an event (`healthcheck_events`).
        if let (Some((status, streak)), Some(file)) = (checked, &h.events_file) {
            let name = self.args.name.as_deref().unwrap_or_default();
            let line = ctl_monitor::events::health_status_line(
                &self.args.id,
                name,
                &h.image,
                &status,
                streak,
                last.as_deref(),
                ctl_monitor::time::Timestamp::now(),
            );
            // An events file that cannot be written costs the check nothing.
            let _ = ctl_monitor::events::append_rotating(file, line.as_bytes(), h.events_max_size);
        }
        if let Some(s) = startup {
            let (retries, needed) = (s.retries, s.successes);
            if passed {
                self.startup_ok += 1;
                if needed == 0 || self.startup_ok >= needed {
                    self.in_startup = false;
                }
            } else {
                self.startup_failed += 1;
                if retries != 0 && self.startup_failed >= retries && self.action.is_none() {
                    self.act(container, OnFailure::Restart);
                }
            }
        } else if turned && h.on_failure != OnFailure::None && self.action.is_none() {
            self.act(container, h.on_failure);
        }
        if self.action.is_none() {
            self.next = self.interval().map(|i| Instant::now() + i);
        }
        true
    }

    /// `--health-on-failure`: kill at once; stop and restart as `ctl stop` does (the stop
    /// signal, SIGKILL after the stop timeout). The restart itself is the exit command's,
    /// as for restart policies.
    fn act(&mut self, container: Pid, action: OnFailure) {
        let h = &self.health;
        self.action = Some(action);
        if action == OnFailure::Kill {
            let _ = kill(container, Signal::SIGKILL);
            return;
        }
        let sig = Signal::try_from(h.stop_signal).unwrap_or(Signal::SIGTERM);
        let _ = kill(container, sig);
        self.kill_at = Some(Instant::now() + std::time::Duration::from_secs(h.stop_timeout.into()));
    }

    /// The container is gone: a running check is killed (the loop reaps it).
    pub fn end(&mut self) {
        if let Some(p) = &mut self.probe {
            p.kill();
        }
    }
}
