//! `stats` and `top`, written from podman-stats(1) and podman-top(1): values read from a
//! running container's cgroup and /proc, podman's columns, templates, JSON and errors.

mod events;
mod rootless;
mod stats;
mod top;

use crate::common::Out;
use crate::lifecycle::{run_d, setup, wait_log};

/// The exit code, with the output on failure to say why.
fn code(out: &Out) -> i32 {
    out.code.unwrap_or_else(|| panic!("killed\n{out}"))
}
