//! ctl-monitor: the per-container monitor (conmon's role). Container support lands with
//! the lifecycle; today the binary only answers `--version`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let arg = std::env::args().nth(1);
    match arg.as_deref() {
        Some("--version") | Some("-v") => {
            println!(
                "ctl-monitor {} (protocol {})",
                env!("CARGO_PKG_VERSION"),
                ctl_monitor::PROTOCOL_VERSION
            );
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("ctl-monitor: started by ctl, not by hand (try --version)");
            ExitCode::from(125)
        }
    }
}
