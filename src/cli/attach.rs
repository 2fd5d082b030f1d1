//! Attached sessions, for `ctl attach` and a foreground `ctl run`: the container's output
//! here, our stdin there (with detach keys on a terminal), the terminal in raw mode and its
//! size passed on, and INT/TERM/HUP proxied to the container.

use std::io::{IsTerminal, Read, Write};
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::{bail, Context as _, Result};
use nix::sys::signal::{SigSet, Signal};
use nix::sys::socket::{recv, send, shutdown, MsgFlags, Shutdown};
use nix::sys::termios::{cfmakeraw, tcgetattr, tcsetattr, SetArg, Termios};

use ctl::container::lifecycle::Manager;
use ctl::container::state::Status;
use ctl::Context;

/// How to attach.
#[derive(Debug, Clone)]
pub struct Options {
    pub stdin: bool,
    pub tty: bool,
    /// Bytes that detach (default ctrl-p ctrl-q); empty: no detach keys.
    pub detach_keys: Vec<u8>,
    pub sig_proxy: bool,
    /// Which of the container's output streams are copied here (`run -a`).
    pub stdout: bool,
    pub stderr: bool,
}

/// How the session ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The container's output ended: it exited.
    Ended,
    /// The user typed the detach keys; the container goes on.
    Detached,
}

/// `ctrl-p,ctrl-q`, `ctrl-a`, `a,b`: docker's --detach-keys syntax.
pub fn parse_detach_keys(s: &str) -> Result<Vec<u8>> {
    if s.is_empty() {
        return Ok(vec![]);
    }
    s.split(',')
        .map(|k| {
            if let Some(c) = k.strip_prefix("ctrl-") {
                let b = match c {
                    "@" => 0,
                    "[" => 27,
                    "\\" => 28,
                    "]" => 29,
                    "^" => 30,
                    "_" => 31,
                    c if c.len() == 1 && c.as_bytes()[0].is_ascii_lowercase() => {
                        c.as_bytes()[0] - b'a' + 1
                    }
                    _ => bail!("invalid detach keys \"{s}\": unknown key \"{k}\""),
                };
                Ok(b)
            } else if k.len() == 1 && k.is_ascii() {
                Ok(k.as_bytes()[0])
            } else {
                bail!("invalid detach keys \"{s}\": unknown key \"{k}\"")
            }
        })
        .collect()
}

/// Puts a terminal in raw mode and restores it when dropped.
struct RawMode {
    saved: Termios,
}

impl RawMode {
    fn enter() -> Option<RawMode> {
        let stdin = std::io::stdin();
        let saved = tcgetattr(&stdin).ok()?;
        let mut raw = saved.clone();
        cfmakeraw(&mut raw);
        tcsetattr(&stdin, SetArg::TCSANOW, &raw).ok()?;
        Some(RawMode { saved })
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = tcsetattr(std::io::stdin(), SetArg::TCSANOW, &self.saved);
    }
}

fn window_size() -> Option<(u16, u16)> {
    let mut ws = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ writes a winsize into the struct we pass; stdout is a valid fd.
    let r = unsafe { libc::ioctl(std::io::stdout().as_raw_fd(), libc::TIOCGWINSZ, &mut ws) };
    (r == 0 && ws.ws_row > 0).then_some((ws.ws_row, ws.ws_col))
}

fn send_resize(fifo: &PathBuf) {
    if let Some((rows, cols)) = window_size() {
        let msg = ctl_monitor::ControlMessage::Resize { rows, cols }.encode();
        // The fifo is opened non-blocking: a monitor that is gone must not hang us.
        use std::os::unix::fs::OpenOptionsExt;
        if let Ok(mut f) = std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(fifo)
        {
            let _ = ctl::sys::without_sigpipe(|| f.write_all(msg.as_bytes()));
        }
    }
}

/// Runs a session on a connected attach socket until the output ends or the user detaches.
/// `start` runs after the terminal and signal handling are set up (a foreground run starts
/// the container there, so no output is missed).
pub fn session(
    m: &Manager,
    id: &str,
    sock: OwnedFd,
    opts: &Options,
    start: impl FnOnce() -> Result<()>,
) -> Result<Outcome> {
    let files = m.run_files(id);
    let sock = Arc::new(sock);
    let detached = Arc::new(AtomicBool::new(false));
    let tty = opts.tty && std::io::stdin().is_terminal();
    // Signals are taken by a thread of their own: block them here, before threads start.
    let mut mask = SigSet::empty();
    for s in [
        Signal::SIGWINCH,
        Signal::SIGINT,
        Signal::SIGTERM,
        Signal::SIGHUP,
    ] {
        mask.add(s);
    }
    let _ = mask.thread_block();
    let raw = if tty { RawMode::enter() } else { None };
    let saved = raw.as_ref().map(|r| r.saved.clone());
    {
        let (m2, id2, fifo, proxy) = (
            m.clone(),
            id.to_string(),
            files.ctl_fifo.clone(),
            opts.sig_proxy,
        );
        std::thread::spawn(move || loop {
            let Ok(sig) = mask.wait() else { return };
            match sig {
                Signal::SIGWINCH => send_resize(&fifo),
                s if proxy => {
                    if let Ok(c) = m2.load(&id2) {
                        let _ = m2.kill(&c, s as i32);
                    }
                }
                _ => {
                    // Leaving without the proxy: the terminal is given back as it was.
                    if let Some(t) = &saved {
                        let _ = tcsetattr(std::io::stdin(), SetArg::TCSANOW, t);
                    }
                    std::process::exit(130)
                }
            }
        });
    }
    if opts.stdin {
        let (s, d, keys) = (sock.clone(), detached.clone(), opts.detach_keys.clone());
        let keys = if tty { keys } else { vec![] };
        std::thread::spawn(move || forward_stdin(&s, &d, &keys));
    }
    start()?;
    if tty {
        send_resize(&files.ctl_fifo);
    }
    let res = stream_output(&sock, opts.stdout, opts.stderr);
    drop(raw);
    res?;
    Ok(if detached.load(Ordering::SeqCst) {
        Outcome::Detached
    } else {
        Outcome::Ended
    })
}

fn stream_output(sock: &OwnedFd, stdout: bool, stderr: bool) -> Result<()> {
    let mut buf = vec![0u8; ctl_monitor::wire::MAX_PACKET_DATA + 1];
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr());
    loop {
        let n = match recv(sock.as_raw_fd(), &mut buf, MsgFlags::empty()) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => {
                return Err(std::io::Error::from(e)).context("reading the container's output")
            }
        };
        let data = &buf[1..n];
        // Output to a closed pipe (e.g. `| head`) is not an error of the container's.
        let _ = match buf[0] {
            ctl_monitor::wire::STREAM_STDERR if stderr => err.write_all(data),
            ctl_monitor::wire::STREAM_STDERR => Ok(()),
            _ if stdout => out.write_all(data).and_then(|_| out.flush()),
            _ => Ok(()),
        };
    }
}

/// Copies stdin to the container; the detach keys end the session instead.
fn forward_stdin(sock: &OwnedFd, detached: &AtomicBool, keys: &[u8]) {
    let mut buf = vec![0u8; 16 * 1024];
    let mut input = std::io::stdin().lock();
    let mut matched = 0;
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let mut out = Vec::with_capacity(n);
        for &b in &buf[..n] {
            if !keys.is_empty() && b == keys[matched] {
                matched += 1;
                if matched == keys.len() {
                    detached.store(true, Ordering::SeqCst);
                    let _ = shutdown(sock.as_raw_fd(), Shutdown::Both);
                    return;
                }
                continue;
            }
            // A partial match that fails is passed on as typed.
            out.extend_from_slice(&keys[..matched]);
            matched = 0;
            out.push(b);
        }
        if !out.is_empty() && send(sock.as_raw_fd(), &out, MsgFlags::MSG_NOSIGNAL).is_err() {
            return;
        }
    }
    let _ = shutdown(sock.as_raw_fd(), Shutdown::Write);
}

/// Starts a container attached (or joins it when it runs already): its output streams
/// here, our input there, and the container's exit code is returned (0 when the user
/// detached). For a foreground `run` and `start --attach`.
pub fn start_attached(m: &Manager, id: &str, opts: &Options) -> Result<u8> {
    m.prepare(id)?;
    let files = m.run_files(id);
    let sock = ctl_monitor::wire::connect_attach(&files.attach)
        .with_context(|| format!("attaching to {}", files.attach.display()))?;
    let monitor = m.load(id)?.state;
    // Registered before the start: a --rm container's exit file is kept for us.
    let watching = m.watch_exit(id)?;
    let outcome = session(m, id, sock, opts, || Ok(m.start_created(id)?))?;
    if outcome == Outcome::Detached {
        return Ok(0);
    }
    let code = m.wait(id)?;
    // With --rm, the monitor's cleanup removes the container: let it finish first.
    m.await_monitor_of(&monitor);
    drop(watching);
    m.release_exit_file(id);
    match code {
        Some(c) => Ok(c.clamp(0, 255) as u8),
        None => bail!("container {id}: exit status unknown"),
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Keys that detach: ctrl-<x> or single characters, comma separated ("" for none)
    #[arg(long, default_value = "ctrl-p,ctrl-q", value_name = "KEYS")]
    pub detach_keys: String,
    /// Do not attach stdin
    #[arg(long)]
    pub no_stdin: bool,
    /// Forward INT, TERM and HUP to the container
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub sig_proxy: bool,
    /// Attach to the container created last
    #[arg(short, long)]
    pub latest: bool,
    /// Container (name, id or id prefix)
    pub container: Option<String>,
}

/// `ctl attach`: exits with the container's code, or 0 when detached.
pub fn exec(ctx: &Context, args: Args) -> Result<ExitCode> {
    let keys = parse_detach_keys(&args.detach_keys)?;
    let m = Manager::open(ctx)?;
    let name = super::id_or_latest(&m, "ctl attach", args.container.as_deref(), args.latest)?;
    let c = m.get(&name)?;
    if c.state.status != Status::Running {
        bail!("container {name} is not running");
    }
    let files = m.run_files(c.id());
    let sock = ctl_monitor::wire::connect_attach(&files.attach)
        .with_context(|| format!("attaching to {name}"))?;
    let opts = Options {
        stdin: c.config.stdin && !args.no_stdin,
        tty: c.config.terminal,
        detach_keys: keys,
        sig_proxy: args.sig_proxy && !c.config.terminal,
        stdout: true,
        stderr: true,
    };
    m.record_event(m.container_event("attach", &c.config));
    match session(&m, c.id(), sock, &opts, || Ok(()))? {
        Outcome::Detached => Ok(ExitCode::SUCCESS),
        Outcome::Ended => match m.wait(c.id())? {
            Some(code) => Ok(ExitCode::from(code.clamp(0, 255) as u8)),
            None => bail!("container {name}: exit status unknown"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detach_keys_parse_like_docker() {
        assert_eq!(parse_detach_keys("ctrl-p,ctrl-q").unwrap(), vec![16, 17]);
        assert_eq!(parse_detach_keys("a,ctrl-@").unwrap(), vec![b'a', 0]);
        assert!(parse_detach_keys("").unwrap().is_empty());
        assert!(parse_detach_keys("ctrl-pp").is_err());
        assert!(parse_detach_keys("meta-x").is_err());
    }
}
