//! `wait --condition`: blocking until a container reaches one of several states.
//!
//! Waiting for its exit follows the monitor (see [`Manager::wait`]); the other states are
//! polled at an interval, as podman does.

use std::time::Duration;

use crate::container::lifecycle::Manager;
use crate::container::state::Status;
use crate::error::{Error, Result};

/// A state `wait --condition` can wait for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    /// `stopped` or `exited`: the container's process has ended.
    Exited,
    /// A podman state word other than the exit's: `created` (also `configured`),
    /// `initialized`, `running`, `paused`.
    State(&'static str),
    /// The container is gone (removed).
    Removing,
    /// `healthy`, `unhealthy`: a health check's outcome.
    Health(&'static str),
}

impl Condition {
    /// podman's condition words; an unknown one in podman's words.
    pub fn parse(word: &str) -> Result<Condition> {
        Ok(match word {
            "stopped" | "exited" => Condition::Exited,
            "created" | "configured" => Condition::State("created"),
            "initialized" => Condition::State("initialized"),
            "running" => Condition::State("running"),
            "paused" => Condition::State("paused"),
            "removing" => Condition::Removing,
            "healthy" => Condition::Health("healthy"),
            "unhealthy" => Condition::Health("unhealthy"),
            // ctl stops a container in one step under its lock: no reader ever sees it
            // stopping, so waiting for that would never end.
            "stopping" => {
                return Err(Error::BadOption(
                    "condition \"stopping\" cannot be waited for: a container is stopped under \
                     its lock in one step, and is never seen stopping"
                        .into(),
                ))
            }
            other => {
                return Err(Error::BadOption(format!(
                    "unknown container state: {other}: invalid argument"
                )))
            }
        })
    }
}

/// One look at a container for [`Manager::wait_for`]: met (with what to print) or not yet.
type Look = Option<Option<i32>>;

impl Manager {
    /// Blocks until the container meets one of `conditions`; returns the exit code for an
    /// exit (None: unknown) and -1 for the others, as podman prints them.
    pub fn wait_for(
        &self,
        id: &str,
        conditions: &[Condition],
        interval: Duration,
    ) -> Result<Option<i32>> {
        self.check_health_conditions(id, conditions)?;
        if conditions.iter().all(|c| *c == Condition::Exited) {
            return self.wait(id);
        }
        // A removed container's exit code stays readable for a registered reader.
        let watching = self.watch_exit(id)?;
        let mut stopped = 0;
        let met = loop {
            match self.look(id, conditions, &mut stopped) {
                Ok(Some(code)) => break Ok(code),
                Ok(None) => std::thread::sleep(interval),
                Err(e) => break Err(e),
            }
        };
        drop(watching);
        self.release_exit_file(id);
        met
    }

    /// `wait --exit-first-match`: blocks until any one of `ids` meets one of `conditions`
    /// and returns what [`Manager::wait_for`] would for it. Every container is looked at
    /// each `interval`, as podman polls.
    pub fn wait_first(
        &self,
        ids: &[String],
        conditions: &[Condition],
        interval: Duration,
    ) -> Result<Option<i32>> {
        for id in ids {
            self.check_health_conditions(id, conditions)?;
        }
        let watching = ids
            .iter()
            .map(|id| self.watch_exit(id))
            .collect::<Result<Vec<_>>>()?;
        let mut stopped = vec![0; ids.len()];
        let met = 'poll: loop {
            for (id, stopped) in ids.iter().zip(stopped.iter_mut()) {
                match self.look(id, conditions, stopped) {
                    Ok(Some(code)) => break 'poll Ok(code),
                    Ok(None) => {}
                    Err(e) => break 'poll Err(e),
                }
            }
            std::thread::sleep(interval);
        };
        drop(watching);
        for id in ids {
            self.release_exit_file(id);
        }
        met
    }

    /// podman refuses a health condition for a container without a healthcheck.
    fn check_health_conditions(&self, id: &str, conditions: &[Condition]) -> Result<()> {
        let Some(Condition::Health(word)) = conditions
            .iter()
            .find(|c| matches!(c, Condition::Health(_)))
        else {
            return Ok(());
        };
        if self.load(id)?.config.healthcheck.is_none() {
            return Err(Error::BadOption(format!(
                "cannot use condition {word:?}: container {id} has no healthcheck"
            )));
        }
        Ok(())
    }

    /// Whether the container meets a condition now. `stopped` counts the looks that found
    /// it no longer running while a health condition is awaited: as podman, one more look
    /// is given for the last check's result to be recorded, then the wait fails.
    fn look(&self, id: &str, conditions: &[Condition], stopped: &mut u32) -> Result<Look> {
        let c = match self.load(id) {
            Ok(c) => c,
            Err(Error::ContainerNotFound(_)) if conditions.contains(&Condition::Removing) => {
                return Ok(Some(Some(
                    self.exit_record(id).and_then(|e| e.0).unwrap_or(-1),
                )));
            }
            Err(e) => return Err(e),
        };
        if conditions.contains(&Condition::Exited) && c.state.status == Status::Exited {
            return Ok(Some(c.state.exit_code));
        }
        if conditions.contains(&Condition::State(c.state.podman_status())) {
            return Ok(Some(Some(-1)));
        }
        if conditions.iter().any(|w| matches!(w, Condition::Health(_))) {
            // Created (podman's "created"/"initialized"), running or paused.
            let alive = c.state.status != Status::Exited;
            if *stopped > 0 || !alive {
                *stopped += 1;
            }
            let status = self.health(&c.config).map(|h| h.status).unwrap_or_default();
            if conditions
                .iter()
                .any(|w| matches!(w, Condition::Health(word) if *word == status))
            {
                return Ok(Some(Some(-1)));
            }
            if *stopped > 1 {
                // podman's ErrCtrStopped.
                return Err(Error::BadOption("container is stopped".into()));
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_read_as_podman_s() {
        assert_eq!(Condition::parse("stopped").unwrap(), Condition::Exited);
        assert_eq!(Condition::parse("exited").unwrap(), Condition::Exited);
        assert_eq!(
            Condition::parse("configured").unwrap(),
            Condition::State("created")
        );
        assert_eq!(
            Condition::parse("initialized").unwrap(),
            Condition::State("initialized")
        );
        assert_eq!(Condition::parse("removing").unwrap(), Condition::Removing);
        assert_eq!(
            Condition::parse("unhealthy").unwrap(),
            Condition::Health("unhealthy")
        );
        assert_eq!(
            Condition::parse("sleeping").unwrap_err().to_string(),
            "unknown container state: sleeping: invalid argument"
        );
        assert!(Condition::parse("stopping").is_err());
    }
}
