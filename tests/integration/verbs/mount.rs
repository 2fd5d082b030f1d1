//! `mount` and `unmount` (podman-mount.1.md, podman-unmount.1.md): the rootfs on the host,
//! counted, kept over start and stop, taken by `rm -f` and `unmount -a`.

use super::*;
use crate::common::ctl::mounts_under;

#[test]
fn a_mounted_rootfs_is_the_container_s_and_outlives_start_and_stop() {
    let w = setup();
    w.ctl.ok(&run_args(
        &w,
        "--name",
        &["m1"],
        &["sh", "-c", "echo mine > /mine"],
    ));
    // Stopped: nothing is mounted, and nothing is listed.
    assert!(mounts_under(w.ctl.dir()).is_empty());
    assert_eq!(w.ctl.ok(&["mount"]).stdout, "");
    let path = w.ctl.ok(&["mount", "m1"]).stdout.trim().to_string();
    let merged = std::path::Path::new(&path);
    assert!(merged.is_absolute(), "{path}");
    assert_eq!(
        std::fs::read_to_string(merged.join("mine")).unwrap(),
        "mine\n"
    );
    assert_eq!(
        std::fs::read_to_string(merged.join("data/file.txt")).unwrap(),
        "hello from layer 2\n"
    );
    // Written from the host, seen by the container.
    std::fs::write(merged.join("from-host"), "host\n").unwrap();
    let id = w.ctl.inspect_container("m1")["Id"]
        .as_str()
        .unwrap()
        .to_string();
    let listed = w.ctl.ok(&["mount"]);
    assert_eq!(
        listed.lines(),
        [format!("{}  {path}", &id[..12])],
        "{listed}"
    );
    let listed = w.ctl.ok(&["container", "mount", "--no-trunc"]);
    assert_eq!(listed.lines(), [format!("{id}  {path}")]);
    let json = w.ctl.ok(&["mount", "--format", "json"]).json();
    assert_eq!(
        json,
        serde_json::json!([{"id": id, "Names": ["m1"], "mountpoint": path}])
    );
    // A run of the container to its end leaves the user's mount in place.
    w.ctl.ok(&["start", "-a", "m1"]);
    assert!(
        merged.join("from-host").exists(),
        "the exit's cleanup unmounted it"
    );
    // So does a stop of a running one mounted meanwhile.
    run_d(&w, &["--name", "m2"], &["sleep", "1000"]);
    let m2 = w.ctl.ok(&["mount", "m2"]).stdout.trim().to_string();
    w.ctl
        .ok(&["exec", "m2", "sh", "-c", "echo running > /state"]);
    w.ctl.ok(&["stop", "-t", "0", "m2"]);
    let m2 = std::path::Path::new(&m2);
    assert_eq!(
        std::fs::read_to_string(m2.join("state")).unwrap(),
        "running\n"
    );
    w.ctl.ok(&["umount", "m2"]);
    assert!(
        !m2.join("state").exists(),
        "the last unmount of a stopped one unmounts"
    );
    w.ctl.ok(&["rm", "m2"]);
    // Counted: two mounts need two unmounts.
    w.ctl.ok(&["mount", "m1"]);
    assert_eq!(w.ctl.ok(&["umount", "m1"]).stdout.trim(), "m1");
    assert!(
        merged.join("from-host").exists(),
        "one of two mounts taken back"
    );
    assert_eq!(
        w.ctl.ok(&["container", "unmount", "m1"]).stdout.trim(),
        "m1"
    );
    assert!(mounts_under(w.ctl.dir()).is_empty());
    assert!(!merged.join("from-host").exists());
    // rm -f of a mounted container unmounts it.
    w.ctl.ok(&["mount", "m1"]);
    w.ctl.ok(&["mount", "m1"]);
    w.ctl.ok(&["rm", "-f", "m1"]);
    assert!(mounts_under(w.ctl.dir()).is_empty());
}

#[test]
fn unmount_all_takes_every_user_mount_and_leaves_running_ones() {
    let w = setup();
    w.ctl.ok(&["create", "--name", "a", &w.reference, "true"]);
    w.ctl.ok(&run_args(&w, "--name", &["b"], &["true"]));
    let live = run_d(&w, &["--name", "c"], &["sleep", "1000"]);
    for c in ["a", "b", "c", "b"] {
        w.ctl.ok(&["mount", c]);
    }
    // Running ones are listed too: their rootfs is mounted.
    assert_eq!(w.ctl.ok(&["mount"]).lines().len(), 3);
    w.ctl.ok(&["unmount", "--all"]);
    let listed = w.ctl.ok(&["mount"]);
    assert_eq!(
        listed.lines(),
        [format!("{}  {}", &live[..12], merged(&w, "c"))]
    );
    // A created container unmounted so still starts: its start mounts again.
    w.ctl.ok(&["start", "-a", "a"]);
    // -f takes every count at once.
    w.ctl.ok(&["mount", "b"]);
    w.ctl.ok(&["mount", "b"]);
    w.ctl.ok(&["umount", "-f", "b"]);
    assert_eq!(w.ctl.ok(&["mount"]).lines().len(), 1);
    // The running container's own mount goes with it.
    w.ctl.ok(&["rm", "-fa", "-t", "0"]);
    assert!(mounts_under(w.ctl.dir()).is_empty());
}

fn merged(w: &WithImage, name: &str) -> String {
    w.ctl.ok(&["mount", name]).stdout.trim().to_string()
}

#[test]
fn mount_and_unmount_refuse_unknown_containers_before_acting() {
    let w = setup();
    w.ctl.ok(&run_args(&w, "--name", &["known"], &["true"]));
    for args in [
        &["mount", "nosuch"][..],
        &["mount", "known", "nosuch"],
        &["umount", "nosuch"],
        &["container", "unmount", "known", "nosuch"],
    ] {
        let out = w.ctl.run(args);
        assert_eq!(code(&out), 125, "{out}");
        assert_eq!(
            out.one_line_error(),
            "Error: no container with name or ID \"nosuch\" found: no such container"
        );
        assert_eq!(out.stdout, "", "{out}");
    }
    assert!(
        mounts_under(w.ctl.dir()).is_empty(),
        "nothing mounted for a failed command"
    );
    let out = w.ctl.run(&["mount", "--format", "yaml"]);
    assert_eq!(code(&out), 125, "{out}");
    assert_eq!(
        out.one_line_error(),
        "Error: unknown --format argument: \"yaml\""
    );
    w.ctl.ok(&["rm", "known"]);
}
