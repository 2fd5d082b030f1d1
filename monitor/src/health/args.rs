//! The healthcheck's options on the monitor's command line (`--health-*`), and the same
//! options in the file ctl writes when `update` changes a running container's checks: one
//! encoding for both, so that the monitor reads a reload as it read its start.

use std::ffi::{OsStr, OsString};
use std::path::Path;
use std::time::Duration;

use super::{HealthArgs, OnFailure, StartupArgs};

/// The options that belong to the healthcheck; each takes a value.
pub const OPTIONS: &[&str] = &[
    "--health-cmd",
    "--health-interval-ns",
    "--health-timeout-ns",
    "--health-start-period-ns",
    "--health-retries",
    "--health-on-failure",
    "--health-log",
    "--health-log-lock",
    "--health-exec-pidfile",
    "--health-events-file",
    "--health-events-max-size",
    "--health-image",
    "--health-stop-signal",
    "--health-stop-timeout",
    "--health-max-log-count",
    "--health-max-log-size",
    "--health-log-events",
    "--health-startup-cmd",
    "--health-startup-interval-ns",
    "--health-startup-timeout-ns",
    "--health-startup-retries",
    "--health-startup-success",
];

fn opt(out: &mut Vec<OsString>, name: &str, value: impl AsRef<OsStr>) {
    out.push(name.into());
    out.push(value.as_ref().to_owned());
}

/// Appends `h` as options.
pub fn push(out: &mut Vec<OsString>, h: &HealthArgs) {
    let ns = |d: Duration| d.as_nanos().to_string();
    for c in &h.argv {
        opt(out, "--health-cmd", c);
    }
    opt(out, "--health-interval-ns", ns(h.interval));
    opt(out, "--health-timeout-ns", ns(h.timeout));
    opt(out, "--health-start-period-ns", ns(h.start_period));
    opt(out, "--health-retries", h.retries.to_string());
    opt(out, "--health-on-failure", h.on_failure.as_str());
    opt(out, "--health-log", &h.log);
    if !h.log_lock.as_os_str().is_empty() {
        opt(out, "--health-log-lock", &h.log_lock);
    }
    opt(out, "--health-exec-pidfile", &h.exec_pidfile);
    if let Some(e) = &h.events_file {
        opt(out, "--health-events-file", e);
        opt(
            out,
            "--health-events-max-size",
            h.events_max_size.to_string(),
        );
    }
    opt(out, "--health-image", &h.image);
    opt(out, "--health-stop-signal", h.stop_signal.to_string());
    opt(out, "--health-stop-timeout", h.stop_timeout.to_string());
    opt(out, "--health-max-log-count", h.max_log_count.to_string());
    opt(out, "--health-max-log-size", h.max_log_size.to_string());
    if h.log_events {
        opt(out, "--health-log-events", "1");
    }
    if let Some(s) = &h.startup {
        for c in &s.argv {
            opt(out, "--health-startup-cmd", c);
        }
        opt(out, "--health-startup-interval-ns", ns(s.interval));
        opt(out, "--health-startup-timeout-ns", ns(s.timeout));
        opt(out, "--health-startup-retries", s.retries.to_string());
        opt(out, "--health-startup-success", s.successes.to_string());
    }
}

/// Sets one option (`name` is in [`OPTIONS`]) on `slot`, made with the defaults at the first.
pub fn set(slot: &mut Option<HealthArgs>, name: &str, value: &OsStr) -> Result<(), String> {
    let h = slot.get_or_insert_with(|| HealthArgs::new(Vec::new(), "".into(), "".into()));
    let text = || {
        value
            .to_str()
            .map(str::to_owned)
            .ok_or_else(|| format!("{name}: not UTF-8: {value:?}"))
    };
    let number = |what: &str| -> Result<u64, String> {
        text()?
            .parse::<u64>()
            .map_err(|_| format!("{name}: {what} expected, got {value:?}"))
    };
    let small = |what: &str| u32::try_from(number(what)?).map_err(|_| format!("{name}: too large"));
    let nanos = || number("nanoseconds").map(Duration::from_nanos);
    fn startup(h: &mut HealthArgs) -> &mut StartupArgs {
        h.startup.get_or_insert_with(|| StartupArgs {
            argv: Vec::new(),
            interval: Duration::from_secs(30),
            timeout: Duration::from_secs(30),
            retries: 0,
            successes: 0,
        })
    }
    match name {
        "--health-cmd" => h.argv.push(text()?),
        "--health-interval-ns" => h.interval = nanos()?,
        "--health-timeout-ns" => h.timeout = nanos()?,
        "--health-start-period-ns" => h.start_period = nanos()?,
        "--health-retries" => h.retries = small("a count")?,
        "--health-on-failure" => {
            let t = text()?;
            h.on_failure =
                OnFailure::parse(&t).ok_or_else(|| format!("unknown on-failure action {t:?}"))?
        }
        "--health-log" => h.log = value.into(),
        "--health-log-lock" => h.log_lock = value.into(),
        "--health-exec-pidfile" => h.exec_pidfile = value.into(),
        "--health-events-file" => h.events_file = Some(value.into()),
        "--health-events-max-size" => h.events_max_size = number("a size")?,
        "--health-image" => h.image = text()?,
        "--health-stop-signal" => {
            h.stop_signal = i32::try_from(number("a signal number")?)
                .map_err(|_| format!("{name}: too large"))?
        }
        "--health-stop-timeout" => h.stop_timeout = small("seconds")?,
        "--health-max-log-count" => h.max_log_count = small("a count")?,
        "--health-max-log-size" => h.max_log_size = small("a size")?,
        "--health-log-events" => h.log_events = number("1")? != 0,
        "--health-startup-cmd" => {
            let t = text()?;
            startup(h).argv.push(t)
        }
        "--health-startup-interval-ns" => {
            let d = nanos()?;
            startup(h).interval = d
        }
        "--health-startup-timeout-ns" => {
            let d = nanos()?;
            startup(h).timeout = d
        }
        "--health-startup-retries" => {
            let n = small("a count")?;
            startup(h).retries = n
        }
        "--health-startup-success" => {
            let n = small("a count")?;
            startup(h).successes = n
        }
        _ => return Err(format!("unknown option {name:?}")),
    }
    Ok(())
}

/// What a complete set of options lacks.
pub fn check(h: &HealthArgs) -> Result<(), String> {
    if h.argv.is_empty() {
        return Err("missing --health-cmd".into());
    }
    if h.log.as_os_str().is_empty() || h.exec_pidfile.as_os_str().is_empty() {
        return Err("--health-cmd needs --health-log and --health-exec-pidfile".into());
    }
    if h.startup.as_ref().is_some_and(|s| s.argv.is_empty()) {
        return Err("--health-startup-* needs --health-startup-cmd".into());
    }
    Ok(())
}

/// The reload file of the monitor whose control fifo is `fifo` (beside it).
pub fn reload_file(fifo: &Path) -> std::path::PathBuf {
    fifo.with_file_name("health-args")
}

/// The reload file: the options NUL-separated (none: the container has no healthcheck now).
pub fn encode_file(h: Option<&HealthArgs>) -> Vec<u8> {
    let mut a = Vec::new();
    if let Some(h) = h {
        push(&mut a, h);
    }
    let mut out = Vec::new();
    for x in a {
        out.extend_from_slice(x.as_encoded_bytes());
        out.push(0);
    }
    out
}

/// Reads a reload file written by [`encode_file`].
pub fn read_file(path: &Path) -> Result<Option<HealthArgs>, String> {
    use std::os::unix::ffi::OsStrExt;
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    // Every option ends with its NUL; values may be empty.
    let body = bytes.strip_suffix(&[0]).unwrap_or_default();
    let mut parts = (!bytes.is_empty())
        .then(|| body.split(|b| *b == 0).map(OsStr::from_bytes))
        .into_iter()
        .flatten();
    let mut slot = None;
    while let Some(name) = parts.next() {
        let name = name.to_str().ok_or("option not UTF-8")?;
        if !OPTIONS.contains(&name) {
            return Err(format!("unknown option {name:?}"));
        }
        let value = parts
            .next()
            .ok_or_else(|| format!("{name} needs a value"))?;
        set(&mut slot, name, value)?;
    }
    if let Some(h) = &slot {
        check(h)?;
    }
    Ok(slot)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> HealthArgs {
        let mut h = HealthArgs::new(
            vec!["/bin/sh".into(), "-c".into(), "true".into()],
            "/run/x/health.json".into(),
            "/run/x/health.pid".into(),
        );
        h.max_log_count = 0;
        h.max_log_size = 20;
        h.log_events = true;
        h.log_lock = "/run/x/health.lock".into();
        h.startup = Some(StartupArgs {
            argv: vec!["test".into(), "-e".into(), "/up".into()],
            interval: Duration::from_secs(1),
            timeout: Duration::from_secs(2),
            retries: 4,
            successes: 2,
        });
        h
    }

    #[test]
    fn reload_file_round_trips() {
        let dir = std::env::temp_dir().join(format!("ctl-hargs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("health-args");
        let h = sample();
        std::fs::write(&p, encode_file(Some(&h))).unwrap();
        assert_eq!(read_file(&p).unwrap(), Some(h));
        std::fs::write(&p, encode_file(None)).unwrap();
        assert_eq!(read_file(&p).unwrap(), None);
        std::fs::write(&p, b"--health-bogus\x001\x00").unwrap();
        assert!(read_file(&p).unwrap_err().contains("unknown option"));
        std::fs::write(&p, b"--health-startup-retries\x001\x00").unwrap();
        assert!(read_file(&p).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
