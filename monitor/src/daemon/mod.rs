//! The monitor's life: detach, set up, create the container, report, watch, record the exit.

mod attach;
mod cgroup;
mod child;
mod console;
mod ctlfifo;
mod health;
mod io;
mod logs;
mod signals;
mod sys;

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::fd::OwnedFd;
use std::process::{Command, ExitCode, Stdio};

use ctl_monitor::fsx::write_atomic_mode;
use ctl_monitor::time::Timestamp;
use ctl_monitor::{ExitStatus, LogDriver, MonitorArgs, SyncMessage};

use self::attach::Server;
use self::cgroup::OomCounter;
use self::ctlfifo::CtlFifo;
use self::io::{Ended, Monitor};

/// Forks; the parent returns at once (exit 0 for ctl to reap), the child runs the container.
pub fn start(args: MonitorArgs) -> ExitCode {
    match sys::fork() {
        Err(e) => {
            eprintln!("ctl-monitor: fork: {e}");
            ExitCode::from(125)
        }
        Ok(sys::Fork::Parent) => ExitCode::SUCCESS,
        Ok(sys::Fork::Child) => ExitCode::from(run(&args)),
    }
}

fn run(args: &MonitorArgs) -> u8 {
    // Nothing inherited from ctl (nor the sync pipe) may reach the runtime, the container or
    // the exit command.
    // Except the fds passed on to the container (`--preserve-fds`), until it exists.
    sys::cloexec_from(3 + args.preserve_fds);
    let mut sync = args.sync_fd.and_then(sys::take_fd).map(File::from);
    let held: Vec<OwnedFd> = args
        .hold_fds
        .iter()
        .filter_map(|fd| sys::take_fd(*fd))
        .collect();
    let setup = setup(args);
    // The container has its copies now (or never will): ours go, so that the exit command
    // and whoever else the monitor starts do not keep them.
    for fd in 3..3 + args.preserve_fds {
        drop(sys::take_fd(fd as i32));
    }
    let (mut mon, oom) = match setup {
        Ok(m) => m,
        Err(e) => {
            send(&mut sync, &SyncMessage::Error(e));
            return 1;
        }
    };
    // Our own pid too: ctl records it from here, never from the pidfile it may not read.
    let me = std::process::id() as i32;
    send(
        &mut sync,
        &SyncMessage::Pid {
            pid: mon.pid.as_raw(),
            monitor: Some(me),
        },
    );
    drop(sync);
    if std::env::var_os("CTL_MONITOR_NO_TRIM").is_none() {
        sys::trim_memory();
    }
    mon.run();
    finish(mon, oom, held)
}

fn send(sync: &mut Option<File>, msg: &SyncMessage) {
    if let Some(f) = sync {
        let _ = f.write_all(msg.encode().as_bytes());
    }
}

fn setup(args: &MonitorArgs) -> Result<(Monitor<'_>, Option<OomCounter>), String> {
    let _ = nix::unistd::setsid();
    if let Some(p) = &args.monitor_pidfile {
        let pid = format!("{}\n", std::process::id());
        // Readable by all, as conmon's: systemd and scripts read it.
        write_atomic_mode(p, pid.as_bytes(), 0o644).map_err(|e| format!("{}: {e}", p.display()))?;
    }
    nix::sys::prctl::set_child_subreaper(true).map_err(|e| format!("subreaper: {e}"))?;
    std::env::set_current_dir("/").map_err(|e| format!("chdir /: {e}"))?;
    if args.log_driver != LogDriver::Passthrough {
        stdio_to_null().map_err(|e| format!("/dev/null: {e}"))?;
    }
    let sigfd = signals::block().map_err(|e| format!("signalfd: {e}"))?;
    let sink = logs::Sink::open(args).map_err(|e| format!("opening the log: {e}"))?;
    let attach = match &args.attach_socket {
        Some(p) => {
            Some(Server::bind(p).map_err(|e| format!("attach socket {}: {e}", p.display()))?)
        }
        None => None,
    };
    let fifo = match &args.ctl_fifo {
        Some(p) => {
            Some(CtlFifo::create(p).map_err(|e| format!("control fifo {}: {e}", p.display()))?)
        }
        None => None,
    };
    let prepared = child::prepare(args).map_err(|e| format!("container stdio: {e}"))?;
    let (pid, io) = child::create(args, prepared)?;
    if let Some(sock) = &args.notify_socket {
        // Before the sync message: systemd must know its main pid before ctl exits. A dead
        // socket is systemd's to notice (it times the unit out); the container still runs.
        let me = std::process::id() as i32;
        let _ = ctl_monitor::notify::send(sock, &ctl_monitor::notify::main_pid(me));
    }
    if args.timeout > 0 {
        // Delivered through the signalfd (SIGALRM is blocked), never to a handler.
        nix::unistd::alarm::set(args.timeout);
    }
    let oom = OomCounter::find(pid);
    let mon = Monitor::new(args, pid, sigfd, io, attach, fifo, sink);
    Ok((mon, oom))
}

fn stdio_to_null() -> std::io::Result<()> {
    let null = OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")?;
    nix::unistd::dup2_stdin(&null)?;
    nix::unistd::dup2_stdout(&null)?;
    nix::unistd::dup2_stderr(&null)?;
    Ok(())
}

/// Records the exit, closes the attach socket and fifo, runs the exit command. Returns the
/// container's exit code (255 when unknown), which becomes the monitor's own: whoever has the
/// monitor as its child (systemd, through a unit's PIDFile or MAINPID) sees the container's.
fn finish(mut mon: Monitor<'_>, oom: Option<OomCounter>, held: Vec<OwnedFd>) -> u8 {
    let args = mon.args;
    let now = mon.ended_at.take().unwrap_or_else(Timestamp::now);
    let mut status = match mon.ended.unwrap_or(Ended::Unknown) {
        Ended::Exited(code) => ExitStatus::exited(code, now),
        Ended::Signaled(sig) => ExitStatus::signaled(sig, now),
        Ended::Unknown => ExitStatus::unknown(now),
    };
    status.oom_killed = oom.is_some_and(|o| o.oom_killed());
    status.health_action = mon.health.as_ref().and_then(|h| h.action);
    let code = status.exit_code.map_or(255, |c| c.clamp(0, 255) as u8);
    // Before the exit file, so that whoever reads the log after the exit sees the notice.
    // One write at most: a log that still fails costs nothing here.
    mon.sink.finish();
    // Nothing to report it to if this fails; ctl then sees a dead monitor and no exit file,
    // which it reports as an unknown exit.
    let _ = status.write(&args.exit_file);
    if let Some(a) = mon.attach.take() {
        a.close();
    }
    if let Some(f) = mon.fifo.take() {
        f.remove();
    }
    mon.reap();
    drop(mon);
    // The exit command may start the container again (a restart policy), which reserves
    // its ports anew.
    drop(held);
    if let Some(cmd) = &args.exit_command {
        let child = Command::new(cmd)
            .args(&args.exit_command_args)
            .stdin(Stdio::null())
            .spawn();
        if let Ok(mut c) = child {
            let _ = c.wait();
        }
    }
    code
}
