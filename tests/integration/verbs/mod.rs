//! Commands and options podman has on the verbs ctl has, written from podman 5's man pages:
//! `exists`, `version`, `info --format`, the listing options of `images`, `ps` and `network
//! ls`, `rmi -a`, `logs` of several containers, `exec` and `generate systemd` options;
//! `export`, `diff`, `mount` and `unmount`.

mod commit;
mod cp;
mod diff;
mod exec;
mod exists;
mod export;
mod generate;
mod images;
mod logs;
mod mount;
mod ps;
mod rename;
mod save;

use crate::common::{Out, WithImage};
use crate::lifecycle::{run_args, run_d, setup};

/// The exit code, with the output on failure to say why.
fn code(out: &Out) -> i32 {
    out.code.unwrap_or_else(|| panic!("killed\n{out}"))
}
