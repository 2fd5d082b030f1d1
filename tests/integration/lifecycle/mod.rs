//! The container lifecycle end to end: `run`, `create`, `start`, `stop`, `kill`, `restart`,
//! `rm`, `wait`, `logs`, `ps`, `inspect`, `container prune`, with the real runc and monitor.
//! Each test has its own registry, store and run dir; every container it starts is checked
//! to leave no directory, mount, runtime record, name or process behind.

mod attach_pull;
mod faults;
mod full_disk;
mod kernel;
mod logs;
mod manage;
mod names;
mod namespaces;
mod options;
mod parallel;
mod ps;
mod run;
mod steer;
mod stop;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::Value;

use crate::common::ctl::mounts_under;
use crate::common::{wait_for, Out, WithImage};

/// A registry with the busybox fixture, and a ctl that has pulled it.
pub fn setup() -> WithImage {
    WithImage::busybox()
}

/// `ctl run -d EXTRA... IMAGE CMD...`; returns the full id it printed.
pub fn run_d(w: &WithImage, extra: &[&str], cmd: &[&str]) -> String {
    let out = w.ctl.ok(&run_args(w, "-d", extra, cmd));
    let id = out.stdout.trim().to_string();
    assert!(is_full_id(&id), "run -d printed {id:?}, not an id\n{out}");
    id
}

/// `ctl run --rm EXTRA... IMAGE CMD...` in the foreground.
pub fn run_rm(w: &WithImage, extra: &[&str], cmd: &[&str]) -> Out {
    w.ctl.run(&run_args(w, "--rm", extra, cmd))
}

/// The argv of `run FLAG EXTRA... IMAGE CMD...`.
pub fn run_args<'a>(
    w: &'a WithImage,
    flag: &'a str,
    extra: &[&'a str],
    cmd: &[&'a str],
) -> Vec<&'a str> {
    let mut args = vec!["run", flag];
    args.extend_from_slice(extra);
    args.push(&w.reference);
    args.extend_from_slice(cmd);
    args
}

pub fn is_full_id(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `ctl inspect NAME`, the one element.
pub fn inspect(w: &WithImage, name: &str) -> Value {
    let v = w.ctl.ok(&["inspect", "--type", "container", name]).json();
    assert_eq!(v.as_array().map(Vec::len), Some(1), "inspect {name}: {v}");
    v[0].clone()
}

/// `inspect --format TEMPLATE NAME`, trimmed.
pub fn field(w: &WithImage, name: &str, template: &str) -> String {
    w.ctl
        .ok(&["inspect", "--format", template, name])
        .stdout
        .trim()
        .to_string()
}

pub fn status(w: &WithImage, name: &str) -> String {
    field(w, name, "{{.State.Status}}")
}

/// Waits until the container's status is `want` (at most 15 s).
pub fn wait_status(w: &WithImage, name: &str, want: &str) {
    // The container may not exist yet (a `run` starting meanwhile).
    let got = wait_for(Duration::from_secs(15), || {
        let out = w
            .ctl
            .run(&["inspect", "--format", "{{.State.Status}}", name]);
        (out.stdout.trim() == want).then_some(())
    });
    assert!(
        got.is_some(),
        "{name} never became {want}: {}",
        status(w, name)
    );
}

/// Waits until the container has printed `text` to its log (at most 15 s): the process is
/// past its setup (traps installed, loop entered).
pub fn wait_log(w: &WithImage, name: &str, text: &str) {
    let got = wait_for(Duration::from_secs(15), || {
        let out = w.ctl.run(&["logs", name]);
        out.stdout.contains(text).then_some(())
    });
    assert!(
        got.is_some(),
        "{name} never logged {text:?}:\n{}",
        w.ctl.run(&["logs", name])
    );
}

/// Ids `ctl ps -a -q --no-trunc` lists, and asserts it warned about nothing.
pub fn all_ids(w: &WithImage) -> Vec<String> {
    let out = w.ctl.ok(&["ps", "-a", "-q", "--no-trunc"]);
    assert_eq!(out.stderr, "", "ps warned:\n{out}");
    out.lines().iter().map(|s| s.to_string()).collect()
}

/// The runc --root ctl uses.
pub fn runtime_root(w: &WithImage) -> PathBuf {
    w.ctl.runroot.join("runtime").join("runc")
}

/// Ids `runc --root <ctl's runtime root> list` knows.
pub fn runc_list(w: &WithImage) -> Vec<String> {
    let root = runtime_root(w);
    if !root.exists() {
        return vec![];
    }
    let out = Command::new("runc")
        .arg("--root")
        .arg(&root)
        .args(["list", "-q"])
        .output()
        .expect("runc runs");
    assert!(out.status.success(), "runc list: {out:?}");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// Mount points under this test's temp dir whose path names `id`.
pub fn mounts_of(w: &WithImage, id: &str) -> Vec<PathBuf> {
    mounts_under(w.ctl.dir())
        .into_iter()
        .filter(|m| m.to_string_lossy().contains(id))
        .collect()
}

/// The record's pids (container, monitor), from state.json.
pub fn pids(w: &WithImage, id: &str) -> (Option<i32>, Option<i32>) {
    let p = w.ctl.root.join("containers").join(id).join("state.json");
    let v: Value =
        serde_json::from_slice(&std::fs::read(&p).expect("state.json")).expect("state.json parses");
    let pid = |k: &str| v[k].as_i64().map(|p| p as i32);
    (pid("pid"), pid("monitor_pid"))
}

/// True while `pid` is a live process (not a zombie).
pub fn alive(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(s) => s
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .is_some_and(|state| state != "Z" && state != "X"),
        Err(_) => false,
    }
}

/// Waits (at most 10 s) for each pid to be gone.
pub fn assert_dead(pids: &[i32]) {
    for &p in pids {
        let gone = wait_for(Duration::from_secs(10), || (!alive(p)).then_some(()));
        assert!(gone.is_some(), "process {p} is still alive");
    }
}

/// Nothing of container `id` (once named `name`) is left: no directory under --root, no run
/// dir entry, no exit file, no mount, no runtime record, no name; its processes are gone
/// and the name can be taken again.
pub fn assert_gone(w: &WithImage, id: &str, name: Option<&str>, procs: &[i32]) {
    // The monitor ends after its cleanup: once it is gone, so is everything else.
    assert_dead(procs);
    let root = &w.ctl.root;
    let containers = root.join("containers");
    assert!(!containers.join(id).exists(), "container dir of {id} left");
    let trash = containers.join(format!(".rm-{id}"));
    assert!(
        !trash.exists(),
        "removal trash of {id} left: {:?}",
        walk(&trash)
    );
    let run_dir = w.ctl.runroot.join("containers").join(id);
    assert!(
        !run_dir.exists(),
        "run dir of {id} left: {:?}",
        walk(&run_dir)
    );
    assert!(
        !w.ctl.runroot.join("exits").join(id).exists(),
        "exit file of {id} left"
    );
    assert_eq!(
        mounts_of(w, id),
        Vec::<PathBuf>::new(),
        "mounts of {id} left"
    );
    assert!(
        !runc_list(w).contains(&id.to_string()),
        "runc still lists {id}"
    );
    assert!(
        !runtime_root(w).join(id).exists(),
        "runc state of {id} left"
    );
    if let Some(n) = name {
        assert!(
            std::fs::symlink_metadata(root.join("names").join(n)).is_err(),
            "name {n} still taken"
        );
    }
    assert!(!all_ids(w).contains(&id.to_string()), "ps still lists {id}");
    assert!(
        !w.ctl
            .runroot
            .join("exits")
            .join(format!("{id}.wait"))
            .exists(),
        "exit waiters file of {id} left"
    );
}

/// The whole store is empty of containers and nothing runs or stays mounted.
pub fn assert_all_gone(w: &WithImage) {
    assert_eq!(all_ids(w), Vec::<String>::new());
    assert_eq!(
        list(&w.ctl.root.join("containers")),
        Vec::<String>::new(),
        "container dirs left"
    );
    assert_eq!(
        list(&w.ctl.root.join("names")),
        Vec::<String>::new(),
        "names left"
    );
    assert_eq!(
        list(&w.ctl.runroot.join("containers")),
        Vec::<String>::new(),
        "run dirs left"
    );
    assert_eq!(runc_list(w), Vec::<String>::new(), "runc records left");
    let mounts: Vec<PathBuf> = mounts_under(w.ctl.dir())
        .into_iter()
        .filter(|m| m.starts_with(w.ctl.root.join("containers")))
        .collect();
    assert_eq!(mounts, Vec::<PathBuf>::new(), "container mounts left");
    assert_no_procs(w);
}

pub fn list(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// A shell loop that exits 0 on SIGTERM, logging "ready" once its trap is set.
pub const HONORS_TERM: &str = "trap 'echo got-term; exit 0' TERM; echo ready; \
                               while true; do sleep 0.1; done";

/// A shell that ignores SIGTERM (pid 1: only SIGKILL ends it).
pub const IGNORES_TERM: &str = "trap '' TERM; echo ready; while true; do sleep 0.1; done";

/// Processes that belong to this test's ctl: a command line naming its temp dir (monitors,
/// runc), or a root inside it (containers).
pub fn procs_of(w: &WithImage) -> Vec<(i32, String)> {
    let dir = w.ctl.dir();
    let me = std::process::id() as i32;
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        if pid == me || !alive(pid) {
            continue;
        }
        let cmdline = std::fs::read(e.path().join("cmdline"))
            .map(|c| String::from_utf8_lossy(&c).replace('\0', " "))
            .unwrap_or_default();
        let root = std::fs::read_link(e.path().join("root")).unwrap_or_default();
        if cmdline.contains(dir.to_str().unwrap()) || root.starts_with(dir) {
            out.push((pid, cmdline));
        }
    }
    out
}

/// Waits (at most 10 s) until no process of this test's ctl is left.
pub fn assert_no_procs(w: &WithImage) {
    let done = wait_for(Duration::from_secs(10), || {
        procs_of(w).is_empty().then_some(())
    });
    assert!(done.is_some(), "processes left: {:?}", procs_of(w));
}

/// Every path under `dir` (for messages).
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        out.push(e.path());
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            out.extend(walk(&e.path()));
        }
    }
    out
}
