//! The OCI runtime (runc, crun, youki) as typed calls of its command line.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::{Error, Result};

#[derive(Debug, Clone)]
pub struct Runtime {
    /// As given: a name or a path.
    pub name: String,
    pub path: PathBuf,
    /// Passed as `--root`: the runtime's own state, under ctl's run directory.
    pub root: PathBuf,
}

const SEARCH: &[&str] = &[
    "/usr/local/sbin",
    "/usr/local/bin",
    "/usr/sbin",
    "/usr/bin",
    "/sbin",
    "/bin",
];

/// Finds `name` on PATH or in the usual system directories.
pub fn find_program(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(SEARCH.iter().map(PathBuf::from))
        .map(|d| d.join(name))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

impl Runtime {
    /// `runc`, `crun`, `youki` by name (looked up), or a path.
    pub fn resolve(name: &str, runroot: &Path) -> Result<Runtime> {
        let path = if name.contains('/') {
            let p = PathBuf::from(name);
            is_executable(&p).then_some(p)
        } else {
            find_program(name)
        };
        let path = path.ok_or_else(|| Error::Runtime {
            runtime: name.to_string(),
            message: "not found or not executable (install it, or pass --runtime PATH)".into(),
        })?;
        let base = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "runtime".into());
        Ok(Runtime {
            name: name.to_string(),
            root: runroot.join("runtime").join(base),
            path,
        })
    }

    /// `RUNTIME --root ROOT`.
    pub fn command(&self) -> Command {
        let mut c = Command::new(&self.path);
        c.arg("--root").arg(&self.root);
        // runc would take it over (bind it into the container, make `start` wait for READY);
        // sd_notify is the monitor's job.
        c.env_remove("NOTIFY_SOCKET");
        c
    }

    fn call(&self, args: &[&str]) -> Result<Vec<u8>> {
        let out = self
            .command()
            .args(args)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| Error::Runtime {
                runtime: self.name.clone(),
                message: format!("cannot run {}: {e}", self.path.display()),
            })?;
        if out.status.success() {
            return Ok(out.stdout);
        }
        let text = error_text(&out.stderr);
        let runtime = self.name.clone();
        let message = format!(
            "{} {}: {text}",
            args.first().copied().unwrap_or_default(),
            args.last().copied().unwrap_or_default(),
        );
        // Told apart once, here: callers branch on the variant, not on the words.
        Err(if is_not_exist(&text) {
            Error::RuntimeNoContainer { runtime, message }
        } else {
            Error::Runtime { runtime, message }
        })
    }

    pub fn start(&self, id: &str) -> Result<()> {
        self.call(&["start", id]).map(drop)
    }

    /// Freezes the container's processes (its cgroup's freezer).
    pub fn pause(&self, id: &str) -> Result<()> {
        self.call(&["pause", id]).map(drop)
    }

    /// Thaws what [`Runtime::pause`] froze.
    pub fn resume(&self, id: &str) -> Result<()> {
        self.call(&["resume", id]).map(drop)
    }

    /// New cgroup limits for a created or running container: `update --resources -` with
    /// the OCI `linux.resources` JSON on stdin.
    pub fn update(&self, id: &str, resources: &[u8]) -> Result<()> {
        use std::io::Write;
        let failed = |message: String| Error::Runtime {
            runtime: self.name.clone(),
            message,
        };
        let mut child = self
            .command()
            .args(["update", "--resources", "-", id])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| failed(format!("cannot run {}: {e}", self.path.display())))?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin
                .write_all(resources)
                .map_err(|e| failed(format!("update {id}: {e}")))?;
        }
        let out = child
            .wait_with_output()
            .map_err(|e| failed(format!("update {id}: {e}")))?;
        match out.status.success() {
            true => Ok(()),
            false => Err(failed(format!("update {id}: {}", error_text(&out.stderr)))),
        }
    }

    pub fn kill(&self, id: &str, signal: i32) -> Result<()> {
        self.call(&["kill", id, &signal.to_string()]).map(drop)
    }

    /// Whether the runtime keeps state for `id` (its directory under our --root). runc,
    /// crun and youki all keep one directory per container there.
    pub fn has_state(&self, id: &str) -> bool {
        self.root.join(id).exists()
    }

    /// Removes the runtime's record of the container (and kills what is left with force).
    /// Without a record there is nothing to do, and no process is spawned.
    pub fn delete(&self, id: &str, force: bool) -> Result<()> {
        if !self.has_state(id) {
            return Ok(());
        }
        let mut args = vec!["delete"];
        if force {
            args.push("--force");
        }
        args.push(id);
        match self.call(&args) {
            Ok(_) => Ok(()),
            Err(Error::RuntimeNoContainer { .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// The runtime's view: "created", "running", "stopped"..., or None if it has no such
    /// container.
    pub fn status(&self, id: &str) -> Result<Option<String>> {
        match self.call(&["state", id]) {
            Ok(out) => {
                let v: serde_json::Value =
                    serde_json::from_slice(&out).map_err(|e| Error::Runtime {
                        runtime: self.name.clone(),
                        message: format!("state {id}: {e}"),
                    })?;
                Ok(v.get("status").and_then(|s| s.as_str()).map(str::to_string))
            }
            Err(Error::RuntimeNoContainer { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

fn is_not_exist(msg: &str) -> bool {
    msg.contains("does not exist") || msg.contains("not found") || msg.contains("No such")
}

/// The message of a runtime's stderr: runc logs `time=… level=error msg="…"`; take the msg.
pub fn error_text(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let mut msgs = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        match line.find("msg=") {
            Some(i) => {
                let m = &line[i + 4..];
                let m = match m.strip_prefix('"') {
                    Some(q) => {
                        let end = q.rfind('"').unwrap_or(q.len());
                        q[..end].replace("\\\"", "\"")
                    }
                    None => m.split(' ').next().unwrap_or(m).to_string(),
                };
                msgs.push(m);
            }
            None => msgs.push(line.trim().to_string()),
        }
    }
    if msgs.is_empty() {
        "failed with no message".into()
    } else {
        msgs.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runc_log_lines_give_their_message() {
        let e = br#"time="2026-01-01T00:00:00Z" level=error msg="container \"x\" does not exist""#;
        assert_eq!(error_text(e), "container \"x\" does not exist");
        assert_eq!(error_text(b"plain failure\n"), "plain failure");
        assert_eq!(error_text(b""), "failed with no message");
    }

    #[test]
    fn missing_runtime_is_a_clear_error() {
        let e = Runtime::resolve("no-such-runtime-xyz", Path::new("/tmp")).unwrap_err();
        assert!(e.to_string().contains("no-such-runtime-xyz"));
        let e = Runtime::resolve("/nonexistent/runc", Path::new("/tmp")).unwrap_err();
        assert!(e.to_string().contains("/nonexistent/runc"));
    }
}
