//! Volumes with a filesystem of their own (podman-volume-create(1): `--opt type=, device=,
//! o=`): mounted on `_data` while a created or running container uses them, unmounted when
//! the last one stops, dies or goes; `MountCount` says how many use it.

use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::{ctl::mounts_under, WithImage};

fn tmpfs_volume(w: &WithImage, name: &str, o: &str) {
    w.ctl.ok(&[
        "volume",
        "create",
        "--opt",
        "type=tmpfs",
        "--opt",
        "device=tmpfs",
        "--opt",
        &format!("o={o}"),
        name,
    ]);
}

fn is_mounted(w: &WithImage, name: &str) -> bool {
    let data = w.ctl.root.join("volumes").join(name).join("_data");
    mounts_under(&data).contains(&data)
}

fn mount_count(w: &WithImage, name: &str) -> u64 {
    let j = w.ctl.ok(&["volume", "inspect", name]).json();
    j[0]["MountCount"].as_u64().expect("MountCount")
}

/// Waits (bounded) for the volume's mount to be gone: a container that exits by itself
/// is cleaned up by its monitor, after ctl has returned.
fn await_unmounted(w: &WithImage, name: &str) -> bool {
    let end = Instant::now() + Duration::from_secs(20);
    while Instant::now() < end {
        if !is_mounted(w, name) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

#[test]
fn a_tmpfs_volume_is_mounted_while_containers_use_it() {
    let w = WithImage::busybox();
    let r = w.reference.as_str();
    tmpfs_volume(&w, "tv", "size=2m,nodev,noexec,uid=1000");
    let j = w.ctl.ok(&["volume", "inspect", "tv"]).json();
    let opts = &j[0]["Options"];
    assert_eq!(opts["type"], "tmpfs", "{j}");
    assert_eq!(opts["device"], "tmpfs", "{j}");
    assert_eq!(opts["o"], "size=2m,nodev,noexec,uid=1000", "{j}");
    assert_eq!(opts["UID"], "1000", "{j}");
    assert_eq!(opts["SIZE"], "2m", "{j}");
    assert_eq!(j[0]["UID"], 1000, "{j}");
    assert_eq!(j[0]["MountCount"], 0, "{j}");
    assert!(!is_mounted(&w, "tv"));
    // podman records the volume's creation.
    let ev = w.ctl.ok(&[
        "events",
        "--stream=false",
        "--filter",
        "type=volume",
        "--format",
        "{{.Status}} {{.Name}}",
    ]);
    assert!(ev.lines().contains(&"create tv"), "{ev}");

    let a = w.ctl.ok(&["run", "-d", "-v", "tv:/t", r, "sleep", "1000"]);
    let a = a.stdout.trim();
    assert!(is_mounted(&w, "tv"));
    assert_eq!(mount_count(&w, "tv"), 1);
    // The container sees the tmpfs with its options and owner.
    let m = w.ctl.ok(&["exec", a, "grep", " /t ", "/proc/mounts"]);
    assert!(m.stdout.starts_with("tmpfs /t tmpfs "), "{m}");
    assert!(m.stdout.contains("size=2048k"), "{m}");
    let host = std::fs::read_to_string("/proc/self/mountinfo").unwrap();
    let data = w.ctl.root.join("volumes/tv/_data").display().to_string();
    let line = host.lines().find(|l| l.contains(&data)).unwrap_or_default();
    assert!(line.contains("noexec") && line.contains("nodev"), "{line}");
    let owner = w.ctl.ok(&["exec", a, "stat", "-c", "%u", "/t"]);
    assert_eq!(owner.stdout, "1000\n");
    w.ctl.ok(&["exec", a, "sh", "-c", "echo shared > /t/f"]);
    // A second user shares the same filesystem and counts.
    let b = w.ctl.ok(&["run", "-d", "-v", "tv:/u", r, "sleep", "1000"]);
    let b = b.stdout.trim();
    assert_eq!(w.ctl.ok(&["exec", b, "cat", "/u/f"]).stdout, "shared\n");
    assert_eq!(mount_count(&w, "tv"), 2);
    // The first stops: the second still uses it.
    w.ctl.ok(&["stop", "-t", "0", a]);
    assert!(is_mounted(&w, "tv"));
    assert_eq!(mount_count(&w, "tv"), 1);
    assert_eq!(w.ctl.ok(&["exec", b, "cat", "/u/f"]).stdout, "shared\n");
    // The last stops: unmounted; the data lived on the tmpfs only.
    w.ctl.ok(&["stop", "-t", "0", b]);
    assert!(!is_mounted(&w, "tv"));
    assert_eq!(mount_count(&w, "tv"), 0);
    let data = w.ctl.root.join("volumes/tv/_data");
    assert!(!data.join("f").exists());
    // Started again: mounted again, fresh.
    w.ctl.ok(&["start", a]);
    assert!(is_mounted(&w, "tv"));
    let ls = w.ctl.ok(&["exec", a, "ls", "-A", "/t"]);
    assert_eq!(ls.stdout, "");
    w.ctl.ok(&["rm", "-f", a, b]);
    assert!(!is_mounted(&w, "tv"));

    // A container that exits by itself: its monitor's cleanup unmounts.
    w.ctl.ok(&["run", "-d", "-v", "tv:/t", r, "true"]);
    assert!(await_unmounted(&w, "tv"), "left mounted after the exit");
    w.ctl.ok(&["rm", "-fa"]);
    w.ctl.ok(&["volume", "rm", "tv"]);
}

#[test]
fn a_mounted_volume_gets_the_image_content_at_first_start() {
    let w = super::with_volume_image();
    let r = w.reference.as_str();
    tmpfs_volume(&w, "seeded", "size=4m");
    let id = w
        .ctl
        .ok(&["create", "-v", "seeded:/data", r, "sleep", "1000"]);
    let id = id.stdout.trim();
    // Not mounted before the start, and nothing was copied beneath the mount point.
    assert!(!is_mounted(&w, "seeded"));
    let data = w.ctl.root.join("volumes/seeded/_data");
    assert_eq!(std::fs::read_dir(&data).unwrap().count(), 0);
    w.ctl.ok(&["start", id]);
    let out = w
        .ctl
        .ok(&["exec", id, "stat", "-c", "%u:%g %n", "/data/db.txt"]);
    assert_eq!(out.stdout, "999:999 /data/db.txt\n");
    let m = std::fs::metadata(data.join("db.txt")).unwrap();
    assert_eq!(m.uid(), 999);
    let j = w.ctl.ok(&["volume", "inspect", "seeded"]).json();
    assert_eq!(j[0]["NeedsCopyUp"], serde_json::Value::Null, "{j}");
    w.ctl.ok(&["rm", "-f", id]);
    assert!(!is_mounted(&w, "seeded"));
    w.ctl.ok(&["volume", "rm", "seeded"]);
}

#[test]
fn a_mount_left_by_a_killed_start_goes_with_its_container() {
    let w = WithImage::busybox();
    let r = w.reference.as_str();
    tmpfs_volume(&w, "left", "size=1m");
    let id = w.ctl.ok(&["create", "-v", "left:/t", r, "true"]);
    let id = id.stdout.trim();
    // What a start killed after the mount and before its record leaves.
    let data = w.ctl.root.join("volumes/left/_data");
    mount_tmpfs(&data);
    assert!(is_mounted(&w, "left"));
    assert_eq!(mount_count(&w, "left"), 0);
    w.ctl.ok(&["rm", "-f", id]);
    assert!(!is_mounted(&w, "left"));
    // And `volume rm` of an unused volume takes such a mount down too.
    mount_tmpfs(&data);
    w.ctl.ok(&["volume", "rm", "left"]);
    assert!(!is_mounted(&w, "left"));
    assert!(!w.ctl.root.join("volumes/left").exists());
}

#[test]
fn a_volume_that_cannot_be_mounted_fails_the_start_cleanly() {
    let w = WithImage::busybox();
    let r = w.reference.as_str();
    w.ctl.ok(&[
        "volume",
        "create",
        "-o",
        "type=ext4",
        "-o",
        "device=/dev/ctl-no-such-device",
        "bad",
    ]);
    let out = w.ctl.run(&["run", "-d", "-v", "bad:/t", r, "true"]);
    // As podman's run: made but not started, 126; mount(8)'s words, one line.
    out.failure(126).stderr_has("mounting volume bad: mount: ");
    assert_eq!(out.stderr.trim().lines().count(), 1, "{out}");
    assert!(!is_mounted(&w, "bad"));
    let ps = w.ctl.ok(&["ps", "-a", "--format", "{{.State}}"]);
    assert!(!ps.stdout.contains("running"), "{ps}");
    w.ctl.ok(&["rm", "-fa"]);
    w.ctl.ok(&["volume", "rm", "bad"]);
}

fn mount_tmpfs(target: &Path) {
    let st = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "tmpfs"])
        .arg(target)
        .status()
        .unwrap();
    assert!(st.success());
}

#[test]
fn a_killed_monitor_s_volume_mount_goes_when_ctl_next_looks() {
    let w = WithImage::busybox();
    let r = w.reference.as_str();
    tmpfs_volume(&w, "orphan", "size=1m");
    let a = w
        .ctl
        .ok(&["run", "-d", "-v", "orphan:/t", r, "sleep", "1000"]);
    let a = a.stdout.trim().to_string();
    let b = w
        .ctl
        .ok(&["run", "-d", "-v", "orphan:/u", r, "sleep", "1000"]);
    let b = b.stdout.trim().to_string();
    assert_eq!(mount_count(&w, "orphan"), 2);
    // Both of a's processes die at once: no cleanup ran for it.
    let pid = |id: &str, field: &str| -> i32 {
        let out = w.ctl.ok(&["inspect", "--format", field, id]);
        out.stdout.trim().parse().expect("a pid")
    };
    let (monitor, init) = (pid(&a, "{{.State.ConmonPid}}"), pid(&a, "{{.State.Pid}}"));
    for p in [monitor, init] {
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(p), nix::sys::signal::SIGKILL).unwrap();
    }
    let gone = |p: i32| !Path::new(&format!("/proc/{p}")).exists();
    let end = Instant::now() + Duration::from_secs(10);
    while !(gone(monitor) && gone(init)) && Instant::now() < end {
        std::thread::sleep(Duration::from_millis(20));
    }
    // ps finds a exited; b still uses the volume, so it stays mounted.
    let ps = w.ctl.ok(&["ps", "-a", "--format", "{{.ID}} {{.State}}"]);
    assert!(ps.stdout.contains(&format!("{} exited", &a[..12])), "{ps}");
    assert!(is_mounted(&w, "orphan"));
    assert_eq!(mount_count(&w, "orphan"), 1);
    // b's monitor and process are killed too: the next look takes the mount down.
    let (monitor, init) = (pid(&b, "{{.State.ConmonPid}}"), pid(&b, "{{.State.Pid}}"));
    for p in [monitor, init] {
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(p), nix::sys::signal::SIGKILL).unwrap();
    }
    let end = Instant::now() + Duration::from_secs(10);
    while !(gone(monitor) && gone(init)) && Instant::now() < end {
        std::thread::sleep(Duration::from_millis(20));
    }
    w.ctl.ok(&["ps", "-a"]);
    assert!(!is_mounted(&w, "orphan"));
    assert_eq!(mount_count(&w, "orphan"), 0);
    w.ctl.ok(&["rm", "-f", &a, &b]);
    w.ctl.ok(&["volume", "rm", "orphan"]);
}
