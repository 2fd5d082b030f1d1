//! The exit file: one JSON object the monitor writes atomically when the container has exited
//! and it has been reaped:
//!
//! `{"exit_code":137,"signal":9,"finished_at":"2026-11-22T22:46:51.123456789+00:00","oom_killed":false}`
//!
//! `exit_code` is the process's code, or 128+signal when killed by one; `null` when the monitor
//! could not learn it (never a made-up value). `signal` is present only when a signal killed it.

use std::fs;
use std::io;
use std::path::Path;

use serde::Deserialize;

use crate::json;
use crate::time::Timestamp;

/// How the container ended.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ExitStatus {
    /// Exit code, 128+signal when killed by a signal, `None` when unknown.
    pub exit_code: Option<i32>,
    /// The signal that killed it, if one did.
    #[serde(default)]
    pub signal: Option<i32>,
    /// When the monitor saw the exit (written RFC 3339, nanoseconds, UTC `+00:00`).
    pub finished_at: Timestamp,
    /// The container's memory cgroup recorded an OOM kill (best effort).
    #[serde(default)]
    pub oom_killed: bool,
    /// The monitor ended it because it turned unhealthy (`--health-on-failure`): `kill`
    /// and `stop` end its restart policy as a user's stop does, `restart` starts it again.
    #[serde(default)]
    pub health_action: Option<crate::health::OnFailure>,
}

impl ExitStatus {
    /// Exited normally with `code`.
    pub fn exited(code: i32, finished_at: Timestamp) -> ExitStatus {
        ExitStatus {
            exit_code: Some(code),
            signal: None,
            finished_at,
            oom_killed: false,
            health_action: None,
        }
    }

    /// Killed by `signal`: exit code 128+signal, like a shell reports it.
    pub fn signaled(signal: i32, finished_at: Timestamp) -> ExitStatus {
        ExitStatus {
            exit_code: Some(128 + signal),
            signal: Some(signal),
            finished_at,
            oom_killed: false,
            health_action: None,
        }
    }

    /// Gone, but the status could not be collected.
    pub fn unknown(finished_at: Timestamp) -> ExitStatus {
        ExitStatus {
            exit_code: None,
            signal: None,
            finished_at,
            oom_killed: false,
            health_action: None,
        }
    }

    /// The JSON text, newline included.
    pub fn encode(&self) -> String {
        let mut out = String::with_capacity(128);
        out.push_str("{\"exit_code\":");
        match self.exit_code {
            Some(c) => json::push_int(&mut out, i64::from(c)),
            None => out.push_str("null"),
        }
        if let Some(s) = self.signal {
            out.push_str(",\"signal\":");
            json::push_int(&mut out, i64::from(s));
        }
        out.push_str(",\"finished_at\":");
        let at = self.finished_at.encode();
        json::push_str(&mut out, std::str::from_utf8(&at).unwrap_or_default());
        out.push_str(",\"oom_killed\":");
        out.push_str(if self.oom_killed { "true" } else { "false" });
        if let Some(a) = self.health_action {
            out.push_str(",\"health_action\":");
            json::push_str(&mut out, a.as_str());
        }
        out.push_str("}\n");
        out
    }

    pub fn decode(text: &str) -> Result<ExitStatus, String> {
        serde_json::from_str(text.trim()).map_err(|e| format!("bad exit file: {e}"))
    }

    /// Reads and decodes an exit file.
    pub fn read(path: &Path) -> io::Result<ExitStatus> {
        let text = fs::read_to_string(path)?;
        ExitStatus::decode(&text).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }

    /// Writes the exit file atomically, readable by all as conmon's is.
    pub fn write(&self, path: &Path) -> io::Result<()> {
        crate::fsx::write_atomic_mode(path, self.encode().as_bytes(), 0o644)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "2026-11-22T22:46:51.123456789+00:00";

    fn t() -> Timestamp {
        T.parse().unwrap()
    }

    #[test]
    fn encode_decode() {
        let e = ExitStatus::exited(3, t());
        assert_eq!(
            e.encode(),
            format!("{{\"exit_code\":3,\"finished_at\":\"{T}\",\"oom_killed\":false}}\n")
        );
        assert_eq!(ExitStatus::decode(&e.encode()).unwrap(), e);
        let mut k = ExitStatus::signaled(9, t());
        k.oom_killed = true;
        assert_eq!(k.exit_code, Some(137));
        assert!(k.encode().contains("\"signal\":9"));
        assert_eq!(ExitStatus::decode(&k.encode()).unwrap(), k);
        k.health_action = Some(crate::health::OnFailure::Restart);
        assert!(k.encode().contains("\"health_action\":\"restart\""));
        assert_eq!(ExitStatus::decode(&k.encode()).unwrap(), k);
        let u = ExitStatus::unknown(t());
        assert!(u.encode().contains("\"exit_code\":null"));
        assert_eq!(ExitStatus::decode(&u.encode()).unwrap(), u);
        assert!(ExitStatus::decode("{\"exit_code\":1}").is_err());
        // Older or foreign writers may leave optional fields out.
        let min = ExitStatus::decode(&format!("{{\"exit_code\":0,\"finished_at\":\"{T}\"}}"));
        assert_eq!(min.unwrap(), ExitStatus::exited(0, t()));
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = std::env::temp_dir().join(format!("ctl-monitor-exit-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let p = dir.join("exit");
        ExitStatus::exited(1, t()).write(&p).unwrap();
        ExitStatus::exited(2, t()).write(&p).unwrap();
        assert_eq!(ExitStatus::read(&p).unwrap().exit_code, Some(2));
        let names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("exit")]);
        fs::remove_dir_all(&dir).unwrap();
    }
}
