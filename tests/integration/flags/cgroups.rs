//! `--personality`, `--cgroup-conf`, `--cgroup-parent` and `--image-volume`, as
//! podman-run(1) describes them, seen from inside the container and from the host.

use std::path::Path;

use super::{assert_no_containers, assert_refused};
use crate::common::{wait_for, WithImage};

fn cgroup_v2() -> bool {
    Path::new("/sys/fs/cgroup/cgroup.controllers").exists()
}

#[test]
fn personality_sets_the_execution_domain() {
    let w = WithImage::busybox();
    let r = w.reference.as_str();
    let native = w.ctl.ok(&["run", "--rm", r, "uname", "-m"]).stdout;
    assert_eq!(native.trim(), std::env::consts::ARCH);
    let narrow = w
        .ctl
        .ok(&["run", "--rm", "--personality", "LINUX32", r, "uname", "-m"])
        .stdout;
    // personality(2)'s PER_LINUX32: uname reports the 32-bit machine.
    let want = match std::env::consts::ARCH {
        "x86_64" => "i686",
        "aarch64" => "armv8l",
        other => panic!("no 32-bit name known for {other}"),
    };
    assert_eq!(narrow.trim(), want);
    let out = w
        .ctl
        .run(&["run", "--rm", "--personality", "LINUX64", r, "true"]);
    assert_refused(&w, &out, "invalid personality domain \"LINUX64\"");
}

#[test]
fn cgroup_conf_writes_the_container_s_cgroup_files() {
    let w = WithImage::busybox();
    let r = w.reference.as_str();
    let out = w
        .ctl
        .run(&["run", "--rm", "--cgroup-conf", "memory.high", r, "true"]);
    assert_refused(&w, &out, "--cgroup-conf must be formatted KEY=VALUE");
    let args = [
        "run",
        "--rm",
        "--cgroup-conf",
        "memory.high=1073741824",
        r,
        "cat",
        "/sys/fs/cgroup/memory.high",
    ];
    let out = w.ctl.run(&args);
    if cgroup_v2() {
        out.success();
        assert_eq!(out.stdout.trim(), "1073741824", "{out}");
    } else {
        // Only the unified hierarchy has such files: refused before anything is made.
        assert_refused(&w, &out, "--cgroup-conf is only supported on cgroup v2");
    }
}

#[test]
fn cgroup_parent_places_the_container_s_cgroup() {
    let w = WithImage::busybox();
    let r = w.reference.as_str();
    let parent = format!("ctl-test-parent-{}", std::process::id());
    let id = w
        .ctl
        .ok(&["run", "-d", "--cgroup-parent", &parent, r, "sleep", "60"])
        .stdout
        .trim()
        .to_string();
    let pid = w
        .ctl
        .ok(&["inspect", "--format", "{{.State.Pid}}", &id])
        .stdout
        .trim()
        .to_string();
    let cgroups = std::fs::read_to_string(format!("/proc/{pid}/cgroup")).unwrap();
    let want = format!("/{parent}/ctl-{id}");
    assert!(
        cgroups.lines().any(|l| l.ends_with(&want)),
        "{want} not in\n{cgroups}"
    );
    w.ctl.ok(&["rm", "-f", &id]);
    assert_no_containers(&w);
    // The parent stays, as podman's; the test removes what it made.
    let roots: Vec<_> = match cgroup_v2() {
        true => vec![Path::new("/sys/fs/cgroup").to_path_buf()],
        false => std::fs::read_dir("/sys/fs/cgroup")
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect(),
    };
    for root in roots {
        let dir = root.join(&parent);
        if dir.is_dir() {
            // The runtime's own removal may still be under way.
            let gone = wait_for(std::time::Duration::from_secs(10), || {
                std::fs::remove_dir(&dir).ok()
            });
            assert!(gone.is_some(), "{} stayed busy", dir.display());
        }
    }
    let out = w
        .ctl
        .run(&["create", "--cgroup-parent", "../out", r, "true"]);
    assert_refused(&w, &out, "invalid cgroup parent \"../out\"");
}

#[test]
fn image_volume_bind_tmpfs_or_ignore() {
    let w = crate::volumes::with_volume_image();
    let r = w.reference.as_str();
    let volumes = |w: &WithImage| w.ctl.ok(&["volume", "ls", "-q"]).stdout;
    let mount_of = "grep ' /data ' /proc/mounts | cut -d' ' -f3; ls /data";
    // tmpfs: an empty tmpfs at the image's VOLUME, no volume made.
    let out = w.ctl.ok(&[
        "run",
        "--rm",
        "--image-volume",
        "tmpfs",
        r,
        "sh",
        "-c",
        mount_of,
    ]);
    assert_eq!(out.stdout, "tmpfs\n", "{out}");
    assert_eq!(volumes(&w), "");
    // ignore: nothing mounted there; the image's own directory shows.
    let out = w.ctl.ok(&[
        "run",
        "--rm",
        "--image-volume=ignore",
        r,
        "sh",
        "-c",
        mount_of,
    ]);
    assert_eq!(out.stdout, "db.txt\nlink\n", "{out}");
    assert_eq!(volumes(&w), "");
    // bind (the default): an anonymous volume, removed with the --rm container.
    let out = w.ctl.ok(&[
        "run",
        "--rm",
        "--image-volume",
        "bind",
        r,
        "sh",
        "-c",
        "grep -c ' /data ' /proc/mounts",
    ]);
    assert_eq!(out.stdout, "1\n", "{out}");
    assert_eq!(volumes(&w), "");
    let out = w.ctl.run(&["create", "--image-volume", "copy", r, "true"]);
    assert_refused(
        &w,
        &out,
        "invalid ImageVolumeMode \"copy\", value must be one of ignore,tmpfs,anonymous",
    );
}
