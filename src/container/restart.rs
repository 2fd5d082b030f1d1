//! Restart policies (`--restart`), kept without a daemon: when a container exits, the
//! cleanup its monitor runs decides, waits out the back-off and starts it again.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "name", rename_all = "kebab-case")]
pub enum RestartPolicy {
    #[default]
    No,
    /// Restart after a non-zero exit, at most `max` times (0: no limit).
    OnFailure {
        max: u32,
    },
    Always,
    UnlessStopped,
}

impl RestartPolicy {
    /// `no`, `on-failure[:N]`, `always`, `unless-stopped`.
    pub fn parse(s: &str) -> Result<RestartPolicy> {
        let bad = |reason: &str| Error::InvalidInput {
            what: "restart policy",
            value: s.to_string(),
            reason: reason.to_string(),
        };
        Ok(match s.split_once(':') {
            None if s == "no" || s.is_empty() => RestartPolicy::No,
            None if s == "always" => RestartPolicy::Always,
            None if s == "unless-stopped" => RestartPolicy::UnlessStopped,
            None if s == "on-failure" => RestartPolicy::OnFailure { max: 0 },
            Some(("on-failure", n)) => RestartPolicy::OnFailure {
                max: n
                    .parse()
                    .map_err(|_| bad("the retry count must be a number"))?,
            },
            Some((_, _)) => return Err(bad("only on-failure takes a count")),
            None => return Err(bad("use no, on-failure[:N], always or unless-stopped")),
        })
    }

    pub fn as_str(&self) -> String {
        match self {
            RestartPolicy::No => "no".into(),
            RestartPolicy::OnFailure { max: 0 } => "on-failure".into(),
            RestartPolicy::OnFailure { max } => format!("on-failure:{max}"),
            RestartPolicy::Always => "always".into(),
            RestartPolicy::UnlessStopped => "unless-stopped".into(),
        }
    }

    /// Whether a container that exited with `code` (None: unknown) after `restarts`
    /// restarts goes again. A stop or kill by the user ends every policy, as in docker.
    pub fn should_restart(&self, code: Option<i32>, restarts: u32, stopped_by_user: bool) -> bool {
        if stopped_by_user {
            return false;
        }
        match self {
            RestartPolicy::No => false,
            RestartPolicy::Always | RestartPolicy::UnlessStopped => true,
            RestartPolicy::OnFailure { max } => code != Some(0) && (*max == 0 || restarts < *max),
        }
    }

    /// Whether the boot unit's `ctl start --all --filter should-start-on-boot=true` starts
    /// it: always, and unless-stopped unless the user stopped it.
    pub fn starts_at_boot(&self, stopped_by_user: bool) -> bool {
        match self {
            RestartPolicy::Always => true,
            RestartPolicy::UnlessStopped => !stopped_by_user,
            _ => false,
        }
    }
}

/// Docker's back-off: 100 ms doubling with each restart, at most a minute.
pub fn backoff(restarts: u32) -> Duration {
    let ms = 100u64.saturating_mul(1u64 << restarts.min(10));
    Duration::from_millis(ms.min(60_000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies_parse_like_docker() {
        assert_eq!(RestartPolicy::parse("no").unwrap(), RestartPolicy::No);
        assert_eq!(
            RestartPolicy::parse("on-failure:3").unwrap(),
            RestartPolicy::OnFailure { max: 3 }
        );
        assert_eq!(RestartPolicy::parse("always").unwrap().as_str(), "always");
        for bad in ["sometimes", "always:3", "on-failure:x"] {
            let e = RestartPolicy::parse(bad).unwrap_err().to_string();
            assert!(e.contains(bad), "{e}");
        }
    }

    #[test]
    fn decisions_follow_the_policy() {
        let f = RestartPolicy::OnFailure { max: 2 };
        assert!(f.should_restart(Some(1), 0, false));
        assert!(f.should_restart(Some(1), 1, false));
        assert!(!f.should_restart(Some(1), 2, false));
        assert!(!f.should_restart(Some(0), 0, false));
        assert!(RestartPolicy::Always.should_restart(Some(0), 50, false));
        assert!(!RestartPolicy::Always.should_restart(Some(1), 0, true));
        assert!(!RestartPolicy::No.should_restart(Some(1), 0, false));
        assert!(RestartPolicy::UnlessStopped.starts_at_boot(false));
        assert!(!RestartPolicy::UnlessStopped.starts_at_boot(true));
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff(0), Duration::from_millis(100));
        assert_eq!(backoff(3), Duration::from_millis(800));
        assert_eq!(backoff(40), Duration::from_secs(60));
    }
}
