//! ctl-monitor: the per-container monitor (conmon's role). ctl starts it with the arguments
//! of `ctl_monitor::MonitorArgs`; it detaches, runs the runtime's `create`, reports the
//! container's pid on the sync pipe, holds the container's stdio (log, attach socket, pty)
//! and writes the exit file when the container is gone.
//!
//! Once the container runs, the monitor drops the resident pages of its code and of libc's
//! (they fault back in from the page cache when used): an idle monitor stays well under 1 MiB
//! of RSS. `CTL_MONITOR_NO_TRIM=1` in its environment turns that off, for comparison.

#![deny(unsafe_code)]

mod daemon;

use std::ffi::OsString;
use std::process::ExitCode;

use ctl_monitor::MonitorArgs;

fn main() -> ExitCode {
    let argv: Vec<OsString> = std::env::args_os().skip(1).collect();
    if matches!(
        argv.first().and_then(|a| a.to_str()),
        Some("--version" | "-v")
    ) {
        println!(
            "ctl-monitor {} (protocol {})",
            env!("CARGO_PKG_VERSION"),
            ctl_monitor::PROTOCOL_VERSION
        );
        return ExitCode::SUCCESS;
    }
    match MonitorArgs::parse(argv) {
        Ok(args) => daemon::start(args),
        Err(e) => {
            eprintln!("ctl-monitor: {e} (it is started by ctl, not by hand; try --version)");
            ExitCode::from(125)
        }
    }
}
