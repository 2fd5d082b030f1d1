//! `update`'s healthcheck flags laid over a container's recorded checks, as podman's
//! `GetNewHealthCheckConfig`: what is given changes, the rest stays; a check that does not
//! exist yet needs its command. Pure.

use super::config::{test_from_flag, HealthConfig, HealthFlags};
use super::settings::{check_startup, StartupConfig};
use crate::container::store::ContainerConfig;
use crate::error::{Error, Result};
use crate::timetype::go_duration;
use ctl_monitor::health::OnFailure;

fn bad(msg: impl Into<String>) -> Error {
    Error::BadOption(msg.into())
}

fn nanos(flag: &str, s: &str) -> Result<i128> {
    go_duration(s).ok_or_else(|| {
        bad(format!(
            "invalid healthcheck-{flag}: time: invalid duration \"{s}\""
        ))
    })
}

fn clamp(n: i128) -> u64 {
    u64::try_from(n.max(0)).unwrap_or(u64::MAX)
}

/// Whether the flags change anything of the healthchecks.
pub fn changes(f: &HealthFlags) -> bool {
    regular_given(f)
        || !f.startup.is_empty()
        || f.no_healthcheck
        || f.on_failure.is_some()
        || f.log_destination.is_some()
        || f.max_log_count.is_some()
        || f.max_log_size.is_some()
}

fn regular_given(f: &HealthFlags) -> bool {
    f.cmd.is_some()
        || f.interval.is_some()
        || f.retries.is_some()
        || f.timeout.is_some()
        || f.start_period.is_some()
}

/// The regular check with the flags over `old` (None: no check).
fn regular(f: &HealthFlags, old: Option<&HealthConfig>) -> Result<Option<HealthConfig>> {
    if !regular_given(f) {
        return Ok(old.cloned());
    }
    let mut hc = match (old, &f.cmd) {
        (Some(o), _) => o.clone(),
        (None, Some(_)) => HealthConfig {
            test: Vec::new(),
            interval: 30_000_000_000,
            timeout: 30_000_000_000,
            start_period: 0,
            retries: 3,
        },
        (None, None) => return Err(bad("healthcheck command is not set")),
    };
    if let Some(c) = &f.cmd {
        hc.test = test_from_flag(c)?;
    }
    if let Some(i) = &f.interval {
        hc.interval = match i.as_str() {
            "disable" => 0,
            s => clamp(nanos("interval", s)?),
        };
    }
    if let Some(r) = f.retries {
        if r == 0 {
            return Err(bad("healthcheck-retries must be greater than 0"));
        }
        hc.retries = r;
    }
    if let Some(t) = &f.timeout {
        let n = nanos("timeout", t)?;
        if n < 1 {
            return Err(bad("healthcheck-timeout must be at least 1 second"));
        }
        hc.timeout = clamp(n);
    }
    if let Some(p) = &f.start_period {
        let n = nanos("start-period", p)?;
        if n < 0 {
            return Err(bad("healthcheck-start-period must be 0 seconds or greater"));
        }
        hc.start_period = clamp(n);
    }
    Ok(hc.argv().is_some().then_some(hc))
}

/// Lays the flags over `cfg`'s healthchecks (the log destination already checked).
pub fn apply(cfg: &mut ContainerConfig, f: &HealthFlags) -> Result<()> {
    if f.no_healthcheck {
        if regular_given(f) || !f.startup.is_empty() {
            return Err(bad(
                "cannot specify both --no-healthcheck and other HealthCheck flags",
            ));
        }
        cfg.healthcheck = None;
        cfg.health_startup = None;
    } else {
        let hc = regular(f, cfg.healthcheck.as_ref())?;
        if cfg.health_startup.is_none() && f.startup.cmd.is_none() && !f.startup.is_empty() {
            return Err(bad("startup healthcheck command is not set"));
        }
        let startup = StartupConfig::resolve(&f.startup, cfg.health_startup.as_ref())?;
        check_startup(startup.as_ref(), hc.as_ref())?;
        cfg.healthcheck = hc;
        cfg.health_startup = startup;
    }
    if let Some(s) = &f.on_failure {
        cfg.health_on_failure = OnFailure::parse(s).ok_or_else(|| {
            bad(format!(
                "invalid on-failure action \"{s}\" for health check: supported actions are \
                 none,kill,restart,stop"
            ))
        })?;
    }
    cfg.health_log = f.log_settings(&cfg.health_log);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::health::settings::StartupFlags;

    fn record() -> ContainerConfig {
        serde_json::from_str(
            r#"{
            "id": "0123456789abcdef0123456789abcdef", "name": "web", "image_id": "abc",
            "image_name": "busybox", "created": "2026-11-22T00:00:00Z", "command": ["sh"],
            "env": [], "hostname": "0123456789ab", "user": "", "workdir": "/",
            "network": "none", "stop_signal": 15, "stop_timeout": 10, "auto_remove": false,
            "read_only": false, "terminal": false, "stdin": false,
            "log": {"driver": "k8s-file", "path": "/x/ctr.log", "max_size": 0, "max_files": 1},
            "runtime": "runc"
        }"#,
        )
        .unwrap()
    }

    #[test]
    fn only_what_is_given_changes() {
        let mut c = record();
        let e = apply(
            &mut c,
            &HealthFlags {
                interval: Some("5s".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert!(e.to_string().contains("healthcheck command is not set"));
        apply(
            &mut c,
            &HealthFlags {
                cmd: Some("echo one".into()),
                interval: Some("2s".into()),
                ..Default::default()
            },
        )
        .unwrap();
        let hc = c.healthcheck.clone().unwrap();
        assert_eq!((hc.interval, hc.retries), (2_000_000_000, 3));
        apply(
            &mut c,
            &HealthFlags {
                cmd: Some("echo two".into()),
                max_log_count: Some(9),
                ..Default::default()
            },
        )
        .unwrap();
        let hc = c.healthcheck.clone().unwrap();
        assert_eq!(hc.test, vec!["CMD-SHELL", "echo two"]);
        assert_eq!(hc.interval, 2_000_000_000, "kept");
        assert_eq!(c.health_log.max_count, 9);
        let e = apply(
            &mut c,
            &HealthFlags {
                startup: StartupFlags {
                    retries: Some(2),
                    ..Default::default()
                },
                ..Default::default()
            },
        )
        .unwrap_err();
        assert!(e
            .to_string()
            .contains("startup healthcheck command is not set"));
        let e = apply(
            &mut c,
            &HealthFlags {
                no_healthcheck: true,
                cmd: Some("true".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert!(e
            .to_string()
            .contains("cannot specify both --no-healthcheck"));
        apply(
            &mut c,
            &HealthFlags {
                no_healthcheck: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(c.healthcheck, None);
        assert!(!changes(&HealthFlags::default()));
    }
}
