//! `exec`: a new process in a running container, through the runtime's own exec. The
//! runtime's stdio is the caller's, so the process talks to the user directly and the
//! runtime's exit status is the process's.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::container::lifecycle::{Container, Manager};
use crate::container::state::Status;
use crate::container::user;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Default)]
pub struct ExecOptions {
    pub command: Vec<String>,
    /// `K=V`, added to the container's environment.
    pub env: Vec<String>,
    /// user[:group], resolved in the container's own /etc/passwd.
    pub user: Option<String>,
    pub workdir: Option<String>,
    pub tty: bool,
    pub interactive: bool,
    pub detach: bool,
    /// Every capability the caller holds, as podman's `exec --privileged`.
    pub privileged: bool,
    /// With `tty` and `detach`: where the runtime sends the terminal's master, and where it
    /// writes the process's pid (the caller then relays the terminal and waits for the
    /// process, as conmon does).
    pub console: Option<(PathBuf, PathBuf)>,
}

impl Manager {
    /// The runtime command that runs `o.command` in the container; the caller runs it and
    /// maps its status with [`exec_status`].
    pub fn exec_command(&self, c: &Container, o: &ExecOptions) -> Result<(Command, PathBuf)> {
        if c.state.paused {
            return Err(Error::StateImproper(
                "can only create exec sessions on running containers".into(),
            ));
        }
        if c.state.status != Status::Running {
            return Err(Error::ContainerState {
                id: c.config.name.clone(),
                state: c.state.status.as_str().into(),
                hint: "exec needs a running container",
            });
        }
        if o.command.is_empty() {
            return Err(Error::InvalidInput {
                what: "exec command",
                value: String::new(),
                reason: "no command given".into(),
            });
        }
        // The runtime joins the container's user namespace first; a bridge network's
        // namespace, made by ctl, belongs to the host's (rootless, pasta's and slirp4netns's
        // to the user's), which it can then no longer join.
        let net = &c.config.network;
        if c.config.idmaps.is_some()
            && (matches!(net, crate::network::Mode::Bridge(_)) || net.user_backend().is_some())
        {
            return Err(Error::ContainerState {
                id: c.config.name.clone(),
                state: "running".into(),
                hint: "ctl exec cannot yet enter a container with its own user namespace on a \
                       bridge, pasta or slirp4netns network (use --network none or host with \
                       --uidmap/--userns=auto/keep-id/nomap)",
            });
        }
        let rt = self.runtime_for(&c.config)?;
        let id = &c.config.id;
        let log = self
            .containers
            .run_dir(id)
            .join(format!("exec-{}.log", crate::fsutil::random_hex(4)));
        let mut cmd = Command::new(&rt.path);
        cmd.arg("--root")
            .arg(&rt.root)
            .arg("--log")
            .arg(&log)
            .arg("--log-format")
            .arg("json")
            .arg("exec");
        if o.tty {
            cmd.arg("--tty");
        }
        if o.detach {
            cmd.arg("--detach");
        }
        if let Some((socket, pid_file)) = &o.console {
            cmd.arg("--console-socket")
                .arg(socket)
                .arg("--pid-file")
                .arg(pid_file);
        }
        if let Some(u) = &o.user {
            let merged = self.containers.dir(id).join("merged");
            let eu = user::resolve(&merged, u)?;
            cmd.arg("--user").arg(format!("{}:{}", eu.uid, eu.gid));
            for g in &eu.additional_gids {
                cmd.arg("--additional-gids").arg(g.to_string());
            }
        }
        if let Some(w) = &o.workdir {
            cmd.arg("--cwd").arg(w);
        }
        for e in &o.env {
            cmd.arg("--env").arg(e);
        }
        if o.privileged {
            for c in crate::container::caps::from_mask(crate::container::host::bounding_caps()) {
                cmd.arg("--cap").arg(format!("CAP_{c}"));
            }
        }
        cmd.arg(id).args(&o.command);
        if !o.interactive && !o.tty {
            cmd.stdin(Stdio::null());
        }
        if o.detach {
            cmd.stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null());
        }
        Ok((cmd, log))
    }
}

/// The error messages the runtime wrote to its `--log` (JSON lines), oldest first.
pub fn logged_errors(log: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    text.lines()
        .filter(|l| l.contains("\"level\":\"error\""))
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("msg").and_then(|m| m.as_str()).map(str::to_string))
        .collect()
}

/// `chunk` of the runtime's stderr without the lines that repeat an error it also logged:
/// runc prints its fatal error to stderr after logging it, and ctl reports it already.
pub fn strip_logged(chunk: &[u8], errors: &[String]) -> Vec<u8> {
    let mut out = chunk.to_vec();
    for e in errors {
        let line = format!("{e}\n");
        if let Some(i) = out.windows(line.len()).position(|w| w == line.as_bytes()) {
            out.drain(i..i + line.len());
        }
    }
    out
}

/// The exit code for an exec that ended with `code`: the process's own, or docker's 126/127
/// when the runtime could not start it (read from the runtime's log).
pub fn exec_status(code: Option<i32>, log: &std::path::Path) -> Result<u8> {
    let runtime_error = logged_errors(log).pop();
    let _ = std::fs::remove_file(log);
    match (runtime_error, code) {
        (Some(msg), _) => {
            let lower = msg.to_lowercase();
            let code = if lower.contains("executable file not found")
                || lower.contains("no such file or directory")
            {
                127
            } else if lower.contains("permission denied") {
                126
            } else {
                125
            };
            Err(Error::Command { code, message: msg })
        }
        (None, Some(c)) => Ok(c.clamp(0, 255) as u8),
        (None, None) => Err(Error::Command {
            code: 125,
            message: "exec ended without an exit status".into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_log_errors_map_to_docker_codes() {
        let d = tempfile::tempdir().unwrap();
        let log = d.path().join("l");
        std::fs::write(&log, r#"{"level":"error","msg":"exec failed: unable to start container process: exec: \"nope\": executable file not found in $PATH","time":"x"}"#).unwrap();
        assert_eq!(exec_status(Some(255), &log).unwrap_err().exit_code(), 127);
        assert!(!log.exists());
        assert_eq!(exec_status(Some(3), &log).unwrap(), 3);
    }

    #[test]
    fn logged_errors_are_not_repeated() {
        let errs = vec!["exec failed: x".to_string()];
        let chunk = b"output\nexec failed: x\n";
        assert_eq!(strip_logged(chunk, &errs), b"output\n");
        assert_eq!(
            strip_logged(b"exec failed: xy\n", &errs),
            b"exec failed: xy\n"
        );
        assert_eq!(strip_logged(b"other\n", &[]), b"other\n");
    }
}
