//! The rest of a container's healthcheck settings, as podman resolves them: the startup
//! check (`--health-startup-*`) and where the health log goes and how much of it is kept
//! (`--health-log-destination`, `--health-max-log-count`, `--health-max-log-size`).
//! Pure, but for [`checked_destination`].

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::config::{test_from_flag, HealthConfig};
use crate::error::{Error, Result};
use crate::timetype::go_duration;

/// The startup flags as given (None: not given).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StartupFlags {
    pub cmd: Option<String>,
    pub interval: Option<String>,
    pub retries: Option<u32>,
    pub success: Option<u32>,
    pub timeout: Option<String>,
}

impl StartupFlags {
    pub fn is_empty(&self) -> bool {
        *self == StartupFlags::default()
    }
}

/// podman's `StartupHealthCheck`: the check, its interval and timeout (nanoseconds), the
/// failures that restart the container (0: never) and the successes that pass it (0: one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartupConfig {
    pub test: Vec<String>,
    pub interval: u64,
    pub timeout: u64,
    #[serde(default)]
    pub retries: u32,
    #[serde(default)]
    pub successes: u32,
}

const DEFAULT_INTERVAL: u64 = 30_000_000_000;
const DEFAULT_TIMEOUT: u64 = 30_000_000_000;

fn bad(msg: impl Into<String>) -> Error {
    Error::BadOption(msg.into())
}

fn duration(flag: &str, s: &str) -> Result<u64> {
    let n = go_duration(s).ok_or_else(|| {
        bad(format!(
            "invalid healthcheck-{flag}: time: invalid duration \"{s}\""
        ))
    })?;
    Ok(u64::try_from(n.max(0)).unwrap_or(u64::MAX))
}

impl StartupConfig {
    /// The startup check the flags ask for over `old` (`update`: the recorded one; create:
    /// none). None: no startup check. Flags without a command and without `old` are
    /// ignored, as podman's create ignores them.
    pub fn resolve(f: &StartupFlags, old: Option<&StartupConfig>) -> Result<Option<StartupConfig>> {
        let mut sc = match (&f.cmd, old) {
            (Some(cmd), _) => StartupConfig {
                test: test_from_flag(cmd)?,
                interval: old.map_or(DEFAULT_INTERVAL, |o| o.interval),
                timeout: old.map_or(DEFAULT_TIMEOUT, |o| o.timeout),
                retries: old.map_or(0, |o| o.retries),
                successes: old.map_or(0, |o| o.successes),
            },
            (None, Some(o)) => o.clone(),
            (None, None) => return Ok(None),
        };
        if let Some(i) = &f.interval {
            sc.interval = match i.as_str() {
                "disable" => 0,
                s => duration("interval", s)?,
            };
        }
        if let Some(t) = &f.timeout {
            sc.timeout = duration("timeout", t)?;
            if sc.timeout < 1 {
                return Err(bad("healthcheck-timeout must be at least 1 second"));
            }
        }
        if let Some(r) = f.retries {
            sc.retries = r;
        }
        if let Some(s) = f.success {
            sc.successes = s;
        }
        if ctl_monitor::health::test_argv(&sc.test).is_none() {
            return Ok(None);
        }
        Ok(Some(sc))
    }

    pub fn argv(&self) -> Option<Vec<String>> {
        ctl_monitor::health::test_argv(&self.test)
    }

    /// inspect's `Config.StartupHealthCheck` (docker's field names, zeros left out).
    pub fn inspect(&self) -> Value {
        let mut v = json!({ "Test": self.test });
        for (k, n) in [
            ("Interval", self.interval),
            ("Timeout", self.timeout),
            ("Retries", u64::from(self.retries)),
            ("Successes", u64::from(self.successes)),
        ] {
            if n != 0 {
                v[k] = json!(n);
            }
        }
        v
    }
}

/// A startup check needs a regular one (podman's rule).
pub fn check_startup(
    startup: Option<&StartupConfig>,
    regular: Option<&HealthConfig>,
) -> Result<()> {
    if startup.is_some() && regular.is_none() {
        return Err(bad(
            "cannot set a startup healthcheck when there is no regular healthcheck: invalid \
             argument",
        ));
    }
    Ok(())
}

/// Where the health log goes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Destination {
    /// The container's run directory.
    #[default]
    Local,
    /// As local, and each check's result in its `health_status` event.
    EventsLogger,
    /// `<DIR>/<id>-healthcheck.log`.
    Dir(PathBuf),
}

impl Destination {
    pub fn as_string(&self) -> String {
        match self {
            Destination::Local => "local".into(),
            Destination::EventsLogger => "events_logger".into(),
            Destination::Dir(d) => d.display().to_string(),
        }
    }
}

/// The log's destination and limits; podman's defaults: local, 5 results, 500 bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogSettings {
    #[serde(default)]
    pub destination: Destination,
    #[serde(default = "default_count")]
    pub max_count: u32,
    #[serde(default = "default_size")]
    pub max_size: u32,
}

fn default_count() -> u32 {
    ctl_monitor::health::MAX_LOG_ENTRIES as u32
}

fn default_size() -> u32 {
    ctl_monitor::health::MAX_OUTPUT as u32
}

impl Default for LogSettings {
    fn default() -> LogSettings {
        LogSettings {
            destination: Destination::Local,
            max_count: default_count(),
            max_size: default_size(),
        }
    }
}

impl LogSettings {
    pub fn is_default(&self) -> bool {
        *self == LogSettings::default()
    }

    /// These settings with the flags given over them (`destination` already checked).
    pub fn with(
        &self,
        destination: Option<Destination>,
        max_count: Option<u32>,
        max_size: Option<u32>,
    ) -> LogSettings {
        LogSettings {
            destination: destination.unwrap_or_else(|| self.destination.clone()),
            max_count: max_count.unwrap_or(self.max_count),
            max_size: max_size.unwrap_or(self.max_size),
        }
    }

    /// The log file of container `id` whose run directory's log is `local`.
    pub fn path(&self, id: &str, local: &Path) -> PathBuf {
        match &self.destination {
            Destination::Dir(d) => d.join(format!("{id}-healthcheck.log")),
            _ => local.to_path_buf(),
        }
    }
}

/// `--health-log-destination`'s value, checked as podman checks it: `local`,
/// `events_logger`, or an existing directory (made absolute).
pub fn checked_destination(s: &str) -> Result<Destination> {
    match s {
        "local" => return Ok(Destination::Local),
        "events_logger" => return Ok(Destination::EventsLogger),
        _ => {}
    }
    let md = std::fs::metadata(s).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
            _ => e.to_string(),
        };
        bad(format!(
            "HealthCheck Log '{s}' destination error: stat {s}: {why}"
        ))
    })?;
    if !md.is_dir() {
        return Err(bad(format!(
            "HealthCheck Log '{s}' destination must be directory"
        )));
    }
    let abs = std::path::absolute(s).map_err(|e| bad(format!("{s}: {e}")))?;
    Ok(Destination::Dir(abs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn startup_flags_resolve_as_podman() {
        let f = StartupFlags {
            cmd: Some("test -e /up".into()),
            interval: Some("1s".into()),
            success: Some(2),
            ..Default::default()
        };
        let sc = StartupConfig::resolve(&f, None).unwrap().unwrap();
        assert_eq!(sc.test, vec!["CMD-SHELL", "test -e /up"]);
        assert_eq!(
            (sc.interval, sc.timeout, sc.retries, sc.successes),
            (1_000_000_000, DEFAULT_TIMEOUT, 0, 2)
        );
        assert_eq!(
            sc.inspect(),
            json!({"Test": ["CMD-SHELL", "test -e /up"], "Interval": 1_000_000_000u64,
                   "Timeout": 30_000_000_000u64, "Successes": 2})
        );
        // Without a command (and none recorded) the other flags do nothing.
        let no_cmd = StartupFlags {
            retries: Some(3),
            ..Default::default()
        };
        assert_eq!(StartupConfig::resolve(&no_cmd, None).unwrap(), None);
        // Over a recorded one (update), only what is given changes.
        let upd = StartupConfig::resolve(&no_cmd, Some(&sc)).unwrap().unwrap();
        assert_eq!(
            (upd.retries, upd.successes, upd.interval),
            (3, 2, 1_000_000_000)
        );
        let disable = StartupFlags {
            interval: Some("disable".into()),
            ..f.clone()
        };
        assert_eq!(
            StartupConfig::resolve(&disable, None)
                .unwrap()
                .unwrap()
                .interval,
            0
        );
        let e = |f: StartupFlags| StartupConfig::resolve(&f, None).unwrap_err().to_string();
        assert!(e(StartupFlags {
            interval: Some("soon".into()),
            ..f.clone()
        })
        .contains("invalid healthcheck-interval: time: invalid duration \"soon\""));
        assert!(e(StartupFlags {
            timeout: Some("0s".into()),
            ..f.clone()
        })
        .contains("healthcheck-timeout must be at least 1 second"));
        assert!(check_startup(Some(&sc), None)
            .unwrap_err()
            .to_string()
            .contains("no regular healthcheck"));
    }

    #[test]
    fn log_settings_default_and_paths() {
        let d = LogSettings::default();
        assert_eq!((d.max_count, d.max_size), (5, 500));
        assert!(d.is_default());
        let local = Path::new("/run/ctl/c/health.json");
        assert_eq!(d.path("abc", local), local);
        let dir = d.with(Some(Destination::Dir("/var/log/hc".into())), Some(0), None);
        assert_eq!(
            dir.path("abc", local),
            Path::new("/var/log/hc/abc-healthcheck.log")
        );
        assert_eq!((dir.max_count, dir.max_size), (0, 500));
        assert_eq!(dir.destination.as_string(), "/var/log/hc");
        let back: LogSettings =
            serde_json::from_value(serde_json::to_value(&dir).unwrap()).unwrap();
        assert_eq!(back, dir);
        let old: LogSettings = serde_json::from_str("{}").unwrap();
        assert!(old.is_default());
    }

    #[test]
    fn destinations_are_checked() {
        assert_eq!(checked_destination("local").unwrap(), Destination::Local);
        assert_eq!(
            checked_destination("events_logger").unwrap(),
            Destination::EventsLogger
        );
        let e = checked_destination("/nonexistent-ctl-dir")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("HealthCheck Log '/nonexistent-ctl-dir' destination error"),
            "{e}"
        );
        let e = checked_destination("/etc/hostname")
            .unwrap_err()
            .to_string();
        assert!(e.contains("destination must be directory"), "{e}");
        assert_eq!(
            checked_destination("/tmp").unwrap(),
            Destination::Dir("/tmp".into())
        );
    }
}
