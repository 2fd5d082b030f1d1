//! A container's healthcheck as decided at create time: the `--health-*` flags over the
//! image's `Healthcheck` (docker's config field), as podman resolves them. Pure.

use std::time::Duration;

use ctl_monitor::health::OnFailure;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::timetype::go_duration;

/// The flags as given (None: not given).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HealthFlags {
    /// `--health-cmd`: a shell command, a JSON array, or `none`.
    pub cmd: Option<String>,
    /// `--health-interval`: a Go duration or `disable`.
    pub interval: Option<String>,
    pub retries: Option<u32>,
    pub timeout: Option<String>,
    pub start_period: Option<String>,
    pub on_failure: Option<String>,
    pub no_healthcheck: bool,
    /// `--health-startup-*`.
    pub startup: super::settings::StartupFlags,
    /// `--health-log-destination` (`local`, `events_logger` or an absolute directory,
    /// checked by `Manager::plan`), `--health-max-log-count`, `--health-max-log-size`.
    pub log_destination: Option<String>,
    pub max_log_count: Option<u32>,
    pub max_log_size: Option<u32>,
}

impl HealthFlags {
    /// The log settings these flags ask for over `old`; the destination must have been
    /// checked ([`super::settings::checked_destination`]).
    pub fn log_settings(&self, old: &super::settings::LogSettings) -> super::settings::LogSettings {
        use super::settings::Destination;
        let dest = self.log_destination.as_deref().map(|d| match d {
            "local" => Destination::Local,
            "events_logger" => Destination::EventsLogger,
            dir => Destination::Dir(dir.into()),
        });
        old.with(dest, self.max_log_count, self.max_log_size)
    }
}

/// docker's (and podman's) `Schema2HealthConfig`, durations in nanoseconds; recorded and
/// shown by `inspect` as `Config.Healthcheck`. An interval of 0: no timer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HealthConfig {
    pub test: Vec<String>,
    #[serde(default)]
    pub start_period: u64,
    #[serde(default)]
    pub interval: u64,
    #[serde(default)]
    pub timeout: u64,
    #[serde(default)]
    pub retries: u32,
}

const DEFAULT_INTERVAL: u64 = 30_000_000_000;
const DEFAULT_TIMEOUT: u64 = 30_000_000_000;
const DEFAULT_RETRIES: u32 = 3;

impl HealthConfig {
    pub fn interval(&self) -> Duration {
        Duration::from_nanos(self.interval)
    }
    pub fn timeout(&self) -> Duration {
        Duration::from_nanos(self.timeout)
    }
    pub fn start_period(&self) -> Duration {
        Duration::from_nanos(self.start_period)
    }
    /// The argv the check runs.
    pub fn argv(&self) -> Option<Vec<String>> {
        ctl_monitor::health::test_argv(&self.test)
    }
}

/// The image config's `config.Healthcheck`, if it has one with a test.
pub fn from_image(config_blob: &[u8]) -> Option<HealthConfig> {
    let v: Value = serde_json::from_slice(config_blob).ok()?;
    let hc = v.pointer("/config/Healthcheck")?;
    let num = |k: &str| hc.get(k).and_then(Value::as_i64).unwrap_or(0);
    let test: Vec<String> = hc
        .get("Test")?
        .as_array()?
        .iter()
        .map(|t| t.as_str().map(str::to_string))
        .collect::<Option<_>>()?;
    Some(HealthConfig {
        test,
        // docker writes -1 for "disable" nowhere, but a negative interval means none.
        interval: match num("Interval") {
            n if n < 0 => 0,
            0 => DEFAULT_INTERVAL,
            n => n as u64,
        },
        timeout: match num("Timeout") {
            n if n <= 0 => DEFAULT_TIMEOUT,
            n => n as u64,
        },
        start_period: num("StartPeriod").max(0) as u64,
        retries: match num("Retries") {
            n if n <= 0 => DEFAULT_RETRIES,
            n => u32::try_from(n).unwrap_or(u32::MAX),
        },
    })
}

fn bad(msg: impl Into<String>) -> Error {
    Error::BadOption(msg.into())
}

fn duration(flag: &str, s: &str) -> Result<i128> {
    go_duration(s).ok_or_else(|| {
        bad(format!(
            "invalid healthcheck-{flag}: time: invalid duration \"{s}\""
        ))
    })
}

/// `--health-cmd`'s text as docker's `Test`, podman's way: a JSON array starting with CMD,
/// CMD-SHELL or NONE as given, another array of several words run as is (CMD), anything
/// else through the shell (CMD-SHELL).
pub fn test_from_flag(cmd: &str) -> Result<Vec<String>> {
    let (mut arr, is_arr) = match serde_json::from_str::<Vec<String>>(cmd) {
        Ok(a) => (a, true),
        Err(_) => (cmd.splitn(2, ' ').map(str::to_string).collect(), false),
    };
    if arr.is_empty() {
        return Err(bad(
            "must define a healthcheck command for all healthchecks",
        ));
    }
    let first = arr[0].to_uppercase();
    if first == "CMD" || first == "NONE" {
        if !is_arr {
            arr = cmd.split_whitespace().map(str::to_string).collect();
        }
    } else if first != "CMD-SHELL" {
        arr = if is_arr && arr.len() > 1 {
            std::iter::once("CMD".to_string()).chain(arr).collect()
        } else {
            vec!["CMD-SHELL".into(), arr.join(" ")]
        };
    }
    if arr[0].eq_ignore_ascii_case("NONE") {
        arr = vec!["NONE".into()];
    }
    Ok(arr)
}

/// The healthcheck the container gets (None: none) and what its failure does.
pub fn resolve(
    flags: &HealthFlags,
    image: Option<&HealthConfig>,
) -> Result<(Option<HealthConfig>, OnFailure)> {
    let on_failure = match &flags.on_failure {
        None => OnFailure::None,
        Some(s) => OnFailure::parse(s).ok_or_else(|| {
            bad(format!(
                "invalid on-failure action \"{s}\" for health check: supported actions are \
                 none,kill,restart,stop"
            ))
        })?,
    };
    if flags.no_healthcheck {
        if flags.cmd.is_some() {
            return Err(bad("cannot specify both --no-healthcheck and --health-cmd"));
        }
        if flags.startup.cmd.is_some() {
            return Err(bad(
                "cannot specify both --no-healthcheck and --health-startup-cmd",
            ));
        }
        return Ok((None, on_failure));
    }
    let interval = match flags.interval.as_deref() {
        Some("disable") => Some(0),
        Some(s) => Some(duration("interval", s)?),
        None => None,
    };
    if flags.retries == Some(0) {
        return Err(bad("healthcheck-retries must be greater than 0"));
    }
    let timeout = flags
        .timeout
        .as_deref()
        .map(|s| duration("timeout", s))
        .transpose()?;
    if timeout.is_some_and(|t| t < 1) {
        return Err(bad("healthcheck-timeout must be at least 1 second"));
    }
    let start_period = flags
        .start_period
        .as_deref()
        .map(|s| duration("start-period", s))
        .transpose()?;
    if start_period.is_some_and(|t| t < 0) {
        return Err(bad("healthcheck-start-period must be 0 seconds or greater"));
    }
    let clamp = |n: i128| u64::try_from(n.max(0)).unwrap_or(u64::MAX);
    // --health-cmd comes with the flags' defaults; without it the image's check takes the
    // flags given over its own values.
    let mut hc = match (&flags.cmd, image) {
        (Some(cmd), _) => HealthConfig {
            test: test_from_flag(cmd)?,
            interval: DEFAULT_INTERVAL,
            timeout: DEFAULT_TIMEOUT,
            start_period: 0,
            retries: DEFAULT_RETRIES,
        },
        (None, Some(i)) => i.clone(),
        (None, None) => return Ok((None, on_failure)),
    };
    if let Some(n) = interval {
        hc.interval = clamp(n);
    }
    if let Some(n) = timeout {
        hc.timeout = clamp(n);
    }
    if let Some(n) = start_period {
        hc.start_period = clamp(n);
    }
    if let Some(r) = flags.retries {
        hc.retries = r;
    }
    if hc.argv().is_none() {
        return Ok((None, on_failure));
    }
    Ok((Some(hc), on_failure))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn cmd_forms_as_podman() {
        assert_eq!(
            test_from_flag("curl -f http://x").unwrap(),
            s(&["CMD-SHELL", "curl -f http://x"])
        );
        assert_eq!(test_from_flag("true").unwrap(), s(&["CMD-SHELL", "true"]));
        assert_eq!(
            test_from_flag(r#"["ls", "/"]"#).unwrap(),
            s(&["CMD", "ls", "/"])
        );
        assert_eq!(
            test_from_flag(r#"["ls"]"#).unwrap(),
            s(&["CMD-SHELL", "ls"])
        );
        assert_eq!(
            test_from_flag(r#"["CMD-SHELL", "a b"]"#).unwrap(),
            s(&["CMD-SHELL", "a b"])
        );
        assert_eq!(test_from_flag("CMD ls  /").unwrap(), s(&["CMD", "ls", "/"]));
        assert_eq!(test_from_flag("none").unwrap(), s(&["NONE"]));
        assert!(test_from_flag("[]").is_err());
    }

    #[test]
    fn flags_resolve_with_defaults_and_errors() {
        let f = HealthFlags {
            cmd: Some("true".into()),
            interval: Some("1s".into()),
            on_failure: Some("restart".into()),
            ..Default::default()
        };
        let (hc, act) = resolve(&f, None).unwrap();
        let hc = hc.unwrap();
        assert_eq!(act, OnFailure::Restart);
        assert_eq!(
            (hc.interval, hc.timeout, hc.retries),
            (1_000_000_000, DEFAULT_TIMEOUT, 3)
        );
        let disable = HealthFlags {
            interval: Some("disable".into()),
            ..f.clone()
        };
        assert_eq!(resolve(&disable, None).unwrap().0.unwrap().interval, 0);
        let errs = [
            (
                HealthFlags {
                    interval: Some("x".into()),
                    ..f.clone()
                },
                "invalid healthcheck-interval: time: invalid duration \"x\"",
            ),
            (
                HealthFlags {
                    retries: Some(0),
                    ..f.clone()
                },
                "healthcheck-retries must be greater than 0",
            ),
            (
                HealthFlags {
                    timeout: Some("0s".into()),
                    ..f.clone()
                },
                "healthcheck-timeout must be at least 1 second",
            ),
            (
                HealthFlags {
                    start_period: Some("-1s".into()),
                    ..f.clone()
                },
                "healthcheck-start-period must be 0 seconds or greater",
            ),
            (
                HealthFlags {
                    no_healthcheck: true,
                    ..f.clone()
                },
                "cannot specify both --no-healthcheck and --health-cmd",
            ),
            (
                HealthFlags {
                    on_failure: Some("boom".into()),
                    ..f.clone()
                },
                "invalid on-failure action \"boom\"",
            ),
        ];
        for (flags, want) in errs {
            let e = resolve(&flags, None).unwrap_err().to_string();
            assert!(e.contains(want), "{e}");
        }
        let none = HealthFlags {
            cmd: Some("none".into()),
            ..Default::default()
        };
        assert_eq!(resolve(&none, None).unwrap().0, None);
    }

    #[test]
    fn image_check_with_flag_overrides_and_no_healthcheck() {
        let blob = br#"{"config":{"Healthcheck":{"Test":["CMD-SHELL","test -e /ok"],"Interval":2000000000,"Retries":0}}}"#;
        let img = from_image(blob).unwrap();
        assert_eq!(img.test, s(&["CMD-SHELL", "test -e /ok"]));
        assert_eq!(
            (img.interval, img.timeout, img.retries),
            (2_000_000_000, DEFAULT_TIMEOUT, 3)
        );
        let (hc, _) = resolve(&HealthFlags::default(), Some(&img)).unwrap();
        assert_eq!(hc.as_ref(), Some(&img));
        let f = HealthFlags {
            retries: Some(7),
            ..Default::default()
        };
        assert_eq!(resolve(&f, Some(&img)).unwrap().0.unwrap().retries, 7);
        let off = HealthFlags {
            no_healthcheck: true,
            ..Default::default()
        };
        assert_eq!(resolve(&off, Some(&img)).unwrap().0, None);
        let none = from_image(br#"{"config":{"Healthcheck":{"Test":["NONE"]}}}"#).unwrap();
        assert_eq!(
            resolve(&HealthFlags::default(), Some(&none)).unwrap().0,
            None
        );
        assert_eq!(from_image(br#"{"config":{}}"#), None);
    }
}
