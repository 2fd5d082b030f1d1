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

impl Manager {
    /// Blocks until the container meets one of `conditions`; returns the exit code for an
    /// exit (None: unknown) and -1 for the others, as podman prints them.
    pub fn wait_for(
        &self,
        id: &str,
        conditions: &[Condition],
        interval: Duration,
    ) -> Result<Option<i32>> {
        if let Some(Condition::Health(word)) = conditions
            .iter()
            .find(|c| matches!(c, Condition::Health(_)))
        {
            // No record carries a health check: there is no status to wait for.
            return Err(Error::BadOption(format!(
                "cannot use condition {word:?}: container {id} has no healthcheck"
            )));
        }
        if conditions.iter().all(|c| *c == Condition::Exited) {
            return self.wait(id);
        }
        let exit = conditions.contains(&Condition::Exited);
        // A removed container's exit code stays readable for a registered reader.
        let watching = self.watch_exit(id)?;
        let met = self.poll_conditions(id, conditions, exit, interval);
        drop(watching);
        self.release_exit_file(id);
        met
    }

    fn poll_conditions(
        &self,
        id: &str,
        conditions: &[Condition],
        exit: bool,
        interval: Duration,
    ) -> Result<Option<i32>> {
        loop {
            let c = match self.load(id) {
                Ok(c) => c,
                Err(Error::ContainerNotFound(_)) if conditions.contains(&Condition::Removing) => {
                    return Ok(Some(self.exit_record(id).and_then(|e| e.0).unwrap_or(-1)));
                }
                Err(e) => return Err(e),
            };
            if exit && c.state.status == Status::Exited {
                return Ok(c.state.exit_code);
            }
            let word = c.state.podman_status();
            if conditions.contains(&Condition::State(word)) {
                return Ok(Some(-1));
            }
            std::thread::sleep(interval);
        }
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
