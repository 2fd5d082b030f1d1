//! `run`/`create` options from podman-run(1) that shape the container from the outside:
//! `--hosts-file` (and `base_hosts_file`), `--image-volume`, `--personality`,
//! `--cgroup-conf`, `--cgroup-parent`, `--requires`.

mod cgroups;
mod hosts;
mod requires;

use crate::common::{Out, WithImage};

/// `ctl ps -a -q`: nothing left by a refused run.
fn assert_no_containers(w: &WithImage) {
    let out = w.ctl.ok(&["ps", "-a", "-q"]);
    assert_eq!(out.stdout, "", "a container was left:\n{out}");
}

/// A refusal: exit 125, one line naming `want`, nothing made.
fn assert_refused(w: &WithImage, out: &Out, want: &str) {
    out.failure(125);
    assert_eq!(out.one_line_error(), format!("Error: {want}"), "{out}");
    assert_no_containers(w);
}
