//! The protocol between `ctl` and `ctl-monitor`: one definition used by both binaries.
//!
//! - [`MonitorArgs`]: the monitor's argv ([`MonitorArgs::to_args`] / [`MonitorArgs::parse`]).
//! - [`SyncMessage`]: the one JSON line on the sync pipe, `{"pid":N,"monitor":M}` or
//!   `{"error":"..."}`.
//! - [`ExitStatus`]: the exit file the monitor writes atomically when the container is gone.
//! - [`fsx::write_atomic`]: the one atomic file write, ctl's records included.
//! - [`time::Timestamp`]: the one timestamp type, its RFC 3339 format and parser, ctl's
//!   records included.
//! - [`wire`]: the attach socket's packets and the control fifo's lines.
//! - [`logfile`]: the k8s-file log format, its writer (with rotation) and parser.
//! - [`health`]: healthcheck settings (`--health-*`), the health log and one check's run.
//!
//! How ctl drives a monitor: create the sync pipe and pass the monitor its write end as
//! `--sync-fd` (and the sockets of published ports as `--hold-fd`); spawn `ctl-monitor ARGS` and reap it (it forks, and the first process exits 0
//! at once; non-zero means bad arguments); read one [`SyncMessage`] (EOF without one = the
//! monitor died); on `Pid` the container is created, the message names the monitor's own pid,
//! and the attach socket and control fifo exist: run `runtime start`. Everything ctl sets up
//! for the container (rootfs, network) is ready before it spawns the monitor, so nothing
//! holds the monitor back once it runs. The monitor also writes its pid to `--pidfile` (for
//! systemd's `PIDFile=` and for finding a monitor no record names); the exit file appears when
//! the container exits, before the exit command runs and before the monitor exits, with the
//! container's exit code (128+signal; 255 when unknown) as conmon does.
//!
//! sd_notify ([`notify`]): under systemd (`Type=notify`), ctl passes its `NOTIFY_SOCKET` as
//! `--notify-socket` (and never to the runtime, which would handle it itself). Once the
//! runtime's create succeeded the monitor sends `MAINPID=<its own pid>`, before the sync
//! message, so systemd has its main pid before ctl (the process it started) exits. The main
//! pid is the monitor's, as conmon's is podman's: once ctl exits the monitor is systemd's
//! child and exits with the container's code, so systemd learns how the container ended
//! (`Restart=on-failure` works); the container itself is the monitor's child, whose status
//! systemd could never wait for. With `--notify-ready` (`--sdnotify=conmon`) it sends
//! `READY=1\nMAINPID=<pid>\n` when ctl writes
//! [`ControlMessage::Started`] on the control fifo after `runtime start` succeeded: the
//! container is running then, not just created. Without it the container sends its own
//! `READY=1` (`--sdnotify=container`: ctl binds the socket into it).

#![deny(unsafe_code)]

pub mod args;
pub mod console;
pub mod events;
pub mod exit;
pub mod fsx;
pub mod health;
mod json;
pub mod logfile;
pub mod notify;
pub mod runtime;
pub mod sync;
pub mod time;
pub mod wire;

pub use args::{LogDriver, MonitorArgs, DEFAULT_MAX_LINE};
pub use exit::ExitStatus;
pub use fsx::write_atomic;
pub use logfile::{parse_log_line, parse_log_line_bytes, LogWriter, Stream};
pub use sync::SyncMessage;
pub use wire::ControlMessage;

/// Protocol version; bumped when argv, sync-pipe messages, the exit file, the attach packets
/// or the log format change.
/// 2: the sync message names the monitor's pid; no `--start-fd`.
/// 3: `--health-*` options; the exit file may name a `health_action`.
pub const PROTOCOL_VERSION: u32 = 3;
