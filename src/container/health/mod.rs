//! Healthchecks without a daemon: the container's monitor runs them on its own timer
//! (`ctl-monitor`'s `daemon/health.rs`) and keeps the health log in the container's run
//! directory; `ctl healthcheck run` runs one now through the same probe and updates the same
//! log under its flock. `inspect` and `ps` read that log.

pub mod config;
pub mod settings;
pub mod update;

use std::path::PathBuf;
use std::time::Duration;

use ctl_monitor::health::probe::{Probe, Target};
use ctl_monitor::health::{HealthArgs, HealthLog, OnFailure, StartupArgs, UNHEALTHY};

use self::settings::Destination;

use crate::container::lifecycle::Manager;
use crate::container::state::Status;
use crate::container::store::ContainerConfig;
use crate::error::{Error, Result};

/// What `ctl healthcheck run` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckOutcome {
    /// The log's status after this check (starting, healthy, unhealthy).
    pub status: String,
    /// The check was killed at its timeout (podman reports this as an error).
    pub timed_out: Option<Duration>,
}

impl Manager {
    /// The container's health log: in its run directory, or in the directory
    /// `--health-log-destination` named.
    pub fn health_log_path(&self, cfg: &ContainerConfig) -> PathBuf {
        let local = self.containers.run_dir(&cfg.id).join("health.json");
        cfg.health_log.path(&cfg.id, &local)
    }

    /// The lock of the health log, always in the run directory (never a file of ctl's
    /// own left in a directory the user named).
    fn health_lock_path(&self, id: &str) -> PathBuf {
        self.containers.run_dir(id).join("health.json.lock")
    }

    /// The health log of a container with a healthcheck (None: it has none).
    pub fn health(&self, cfg: &ContainerConfig) -> Option<HealthLog> {
        cfg.healthcheck.as_ref()?;
        Some(HealthLog::read(&self.health_log_path(cfg)).unwrap_or_default())
    }

    /// Whether health checks are recorded as events.
    fn health_events(&self) -> bool {
        self.ctx.events.backend != crate::events::Backend::None && self.ctx.events.health
    }

    /// The monitor's `--health-*` settings for a container (None: no healthcheck).
    pub(crate) fn health_args(&self, cfg: &ContainerConfig) -> Option<HealthArgs> {
        let hc = cfg.healthcheck.as_ref()?;
        let run = self.containers.run_dir(&cfg.id);
        Some(HealthArgs {
            argv: hc.argv()?,
            interval: hc.interval(),
            timeout: hc.timeout(),
            start_period: hc.start_period(),
            retries: hc.retries,
            on_failure: cfg.health_on_failure,
            log: self.health_log_path(cfg),
            log_lock: self.health_lock_path(&cfg.id),
            max_log_count: cfg.health_log.max_count,
            max_log_size: cfg.health_log.max_size,
            log_events: cfg.health_log.destination == Destination::EventsLogger,
            startup: cfg.health_startup.as_ref().and_then(|s| {
                Some(StartupArgs {
                    argv: s.argv()?,
                    interval: Duration::from_nanos(s.interval),
                    timeout: Duration::from_nanos(s.timeout),
                    retries: s.retries,
                    successes: s.successes,
                })
            }),
            exec_pidfile: run.join("health-exec.pid"),
            stop_signal: cfg.stop_signal,
            stop_timeout: cfg.stop_timeout,
            events_file: self.health_events().then(|| self.ctx.events.path.clone()),
            events_max_size: self.ctx.events.max_size,
            image: cfg.image_name.clone(),
        })
    }

    /// Runs the healthcheck of the container `input` now and records the result. The
    /// container's lock is held only to check that it runs: the check itself may take its
    /// whole timeout, and the log has its own lock.
    pub fn healthcheck_run(&self, input: &str) -> Result<CheckOutcome> {
        let id = self.resolve(input)?;
        let c = {
            let h = self.hold(&id)?;
            h.snapshot()
        };
        let not = |hint| Error::HealthCheck(format!("container {id} {hint}"));
        if c.state.status != Status::Running {
            return Err(not("is not running"));
        }
        let Some(args) = self.health_args(&c.config) else {
            return Err(not("has no defined healthcheck"));
        };
        let rt = self.runtime_for(&c.config)?;
        // Not the monitor's pid file: a check of its own may be running meanwhile.
        let pidfile = self
            .containers
            .run_dir(&id)
            .join(format!("health-exec-{}.pid", crate::fsutil::random_hex(4)));
        let target = Target {
            runtime: &rt.path,
            runtime_root: &rt.root,
            runtime_args: &[],
            id: &id,
            exec_pidfile: &pidfile,
        };
        let probe = Probe::spawn(&target, &args.argv, args.timeout, args.max_log_size)
            .map_err(|e| Error::HealthCheck(format!("running the healthcheck of {id}: {e}")))?;
        let entry = probe.wait(args.timeout);
        let timed_out = (entry.exit_code == ctl_monitor::health::TIMED_OUT).then_some(args.timeout);
        let in_start = c.state.started_at.is_some_and(|t| {
            let since = ctl_monitor::time::Timestamp::now().as_nanos() - t.as_nanos();
            since < args.start_period.as_nanos() as i128
        });
        let mut last = args.log_events.then(String::new);
        if let Some(out) = &mut last {
            entry.encode_into(out);
        }
        let (status, turned, streak) = HealthLog::update(&args.log, &args.log_lock, |l| {
            let turned = l.record(entry, in_start, args.retries, args.max_log_count);
            (l.status.clone(), turned, l.failing_streak)
        })
        .map_err(|e| {
            Error::HealthCheck(format!("unable to update health check log for {id}: {e}"))
        })?;
        // As the monitor's checks (and podman's): every check is an event.
        if self.health_events() {
            let mut e = self.container_event("health_status", &c.config);
            e.health_status = status.clone();
            e.health_failing_streak = streak;
            e.health_log = last.unwrap_or_default();
            self.record_event(e);
        }
        if turned && status == UNHEALTHY {
            self.act_on_failure(&c, args.on_failure)?;
        }
        Ok(CheckOutcome { status, timed_out })
    }

    /// `--health-on-failure` for a check run by ctl: what the monitor does, through the
    /// verbs (kill, stop, restart).
    fn act_on_failure(
        &self,
        c: &crate::container::lifecycle::Container,
        a: OnFailure,
    ) -> Result<()> {
        let grace = Duration::from_secs(c.config.stop_timeout.into());
        match a {
            OnFailure::None => Ok(()),
            OnFailure::Kill => self.kill(c, libc::SIGKILL),
            OnFailure::Stop => self.stop(c, grace).map(drop),
            OnFailure::Restart => self.restart(c.id(), grace).map(drop),
        }
    }
}
