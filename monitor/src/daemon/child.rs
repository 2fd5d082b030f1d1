//! Running the runtime's `create`: the container's stdio, the command, its error text.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::os::fd::OwnedFd;
use std::process::{Command, Stdio};

use ctl_monitor::{runtime, LogDriver, MonitorArgs};
use nix::fcntl::{fcntl, FcntlArg, OFlag};
use nix::unistd::pipe2;

use super::console::ConsoleSocket;
use super::sys;

/// The monitor's ends of the container's stdio, once it is created.
#[derive(Default)]
pub struct Io {
    /// Read end of the container's stdout (or of the runtime's own output with a pty).
    pub out: Option<OwnedFd>,
    pub err: Option<OwnedFd>,
    /// Write end of the container's stdin pipe.
    pub stdin: Option<OwnedFd>,
    /// The pty master (`--terminal`).
    pub pty: Option<OwnedFd>,
}

/// What the runtime gets as stdio, before the create.
pub struct Prepared {
    io: Io,
    child_in: Option<OwnedFd>,
    child_out: Option<OwnedFd>,
    child_err: Option<OwnedFd>,
    console: Option<ConsoleSocket>,
}

fn pipe() -> io::Result<(OwnedFd, OwnedFd)> {
    Ok(pipe2(OFlag::O_CLOEXEC)?)
}

fn nonblocking(fd: &OwnedFd) -> io::Result<()> {
    fcntl(fd, FcntlArg::F_SETFL(OFlag::O_NONBLOCK))?;
    Ok(())
}

/// Creates the pipes (and console socket) the container's stdio will use.
pub fn prepare(args: &MonitorArgs) -> io::Result<Prepared> {
    let mut p = Prepared {
        io: Io::default(),
        child_in: None,
        child_out: None,
        child_err: None,
        console: None,
    };
    if args.log_driver == LogDriver::Passthrough {
        return Ok(p);
    }
    // The runtime's own messages arrive on these too (with a pty they carry only those).
    let (r, w) = pipe()?;
    nonblocking(&r)?;
    (p.io.out, p.child_out) = (Some(r), Some(w));
    let (r, w) = pipe()?;
    nonblocking(&r)?;
    (p.io.err, p.child_err) = (Some(r), Some(w));
    if args.terminal {
        p.console = Some(ConsoleSocket::new()?);
    } else if args.stdin {
        let (r, w) = pipe()?;
        nonblocking(&w)?;
        (p.child_in, p.io.stdin) = (Some(r), Some(w));
    }
    Ok(p)
}

/// Runs `runtime create` and waits for it. On success returns the container's pid and the
/// monitor's stdio ends; on failure the runtime's own error text.
pub fn create(args: &MonitorArgs, mut p: Prepared) -> Result<(i32, Io), String> {
    let log = args.runtime_log();
    let log_start = std::fs::metadata(&log).map_or(0, |m| m.len());
    let mut cmd = Command::new(&args.runtime);
    cmd.args(args.runtime_create_args(p.console.as_ref().map(|c| c.path())));
    // runc would bind it into the container and make `start` wait for READY: the monitor
    // does sd_notify itself.
    cmd.env_remove("NOTIFY_SOCKET");
    if args.log_driver != LogDriver::Passthrough {
        cmd.stdin(p.child_in.take().map_or_else(Stdio::null, Stdio::from));
        cmd.stdout(p.child_out.take().map_or_else(Stdio::null, Stdio::from));
        cmd.stderr(p.child_err.take().map_or_else(Stdio::null, Stdio::from));
    }
    sys::kill_with_parent(&mut cmd);
    let spawned = cmd.spawn();
    drop(cmd); // closes the monitor's copies of the container's ends
    let mut child = spawned.map_err(|e| format!("cannot run {}: {e}", args.runtime.display()))?;
    let status = loop {
        match child.wait() {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            r => break r.map_err(|e| format!("waiting for the runtime: {e}"))?,
        }
    };
    if !status.success() {
        let text = runtime_log_error(&log, log_start)
            .or_else(|| p.io.err.as_ref().and_then(drain_text))
            .unwrap_or_else(|| format!("{} create: {status}", args.runtime.display()));
        return Err(text);
    }
    created(args, p).inspect_err(|_| delete(args))
}

/// After a successful create: the container's pid and, with a pty, its master.
fn created(args: &MonitorArgs, mut p: Prepared) -> Result<(i32, Io), String> {
    let pid = std::fs::read_to_string(&args.container_pidfile)
        .ok()
        .and_then(|s| s.trim().parse::<i32>().ok())
        .filter(|&pid| pid > 0)
        .ok_or_else(|| {
            format!(
                "the runtime wrote no container pid to {}",
                args.container_pidfile.display()
            )
        })?;
    if let Some(console) = &p.console {
        let master = console.receive();
        p.io.pty = Some(master.map_err(|e| format!("receiving the container's terminal: {e}"))?);
    }
    Ok((pid, p.io))
}

/// Removes a container the monitor created but cannot watch.
fn delete(args: &MonitorArgs) {
    let _ = Command::new(&args.runtime)
        .arg("--root")
        .arg(&args.runtime_root)
        .args(&args.runtime_args)
        .args(["delete", "--force", &args.id])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// The last error the runtime logged since `start` (its `--log` file).
fn runtime_log_error(log: &std::path::Path, start: u64) -> Option<String> {
    let mut f = File::open(log).ok()?;
    f.seek(SeekFrom::Start(start)).ok()?;
    let mut bytes = Vec::new();
    f.take(1 << 20).read_to_end(&mut bytes).ok()?;
    runtime::last_error(&String::from_utf8_lossy(&bytes))
}

/// What the runtime wrote to its stderr (non-blocking; at most 8 KiB).
fn drain_text(fd: &OwnedFd) -> Option<String> {
    let mut out = Vec::new();
    let mut buf = [0u8; 1024];
    while out.len() < 8192 {
        match nix::unistd::read(fd, &mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&out).trim().to_owned();
    (!text.is_empty()).then_some(text)
}
