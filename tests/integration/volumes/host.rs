//! A volume's data on the host (podman-volume-mount(1), -unmount, -export, -import):
//! `volume mount` counts as a user of a volume with its own filesystem until `volume
//! unmount`; export writes `_data` as tar, import unpacks a tar over it.

use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::process::Stdio;

use crate::common::{ctl::mounts_under, WithImage};

fn is_mounted(w: &WithImage, name: &str) -> bool {
    let data = w.ctl.root.join("volumes").join(name).join("_data");
    mounts_under(&data).contains(&data)
}

fn mount_count(w: &WithImage, name: &str) -> u64 {
    let j = w.ctl.ok(&["volume", "inspect", name]).json();
    j[0]["MountCount"].as_u64().expect("MountCount")
}

fn tmpfs_volume(w: &WithImage, name: &str) {
    w.ctl.ok(&[
        "volume",
        "create",
        "-o",
        "type=tmpfs",
        "-o",
        "device=tmpfs",
        "-o",
        "o=size=2m",
        name,
    ]);
}

#[test]
fn volume_mount_is_a_user_until_volume_unmount() {
    let w = WithImage::busybox();
    let r = w.reference.as_str();
    tmpfs_volume(&w, "hm");
    let data = w.ctl.root.join("volumes/hm/_data");
    let out = w.ctl.ok(&["volume", "mount", "hm"]);
    assert_eq!(out.stdout.trim(), data.display().to_string());
    assert!(is_mounted(&w, "hm"));
    assert_eq!(mount_count(&w, "hm"), 1);
    std::fs::write(data.join("f"), "by hand\n").unwrap();
    // A container sees what was written on the host, and counts too.
    let id = w.ctl.ok(&["run", "-d", "-v", "hm:/t", r, "sleep", "1000"]);
    let id = id.stdout.trim();
    assert_eq!(w.ctl.ok(&["exec", id, "cat", "/t/f"]).stdout, "by hand\n");
    assert_eq!(mount_count(&w, "hm"), 2);
    // The container stops: the hand mount keeps the filesystem.
    w.ctl.ok(&["stop", "-t", "0", id]);
    assert!(is_mounted(&w, "hm"));
    assert_eq!(mount_count(&w, "hm"), 1);
    assert_eq!(
        std::fs::read_to_string(data.join("f")).unwrap(),
        "by hand\n"
    );
    // Two mounts by hand need two unmounts.
    w.ctl.ok(&["volume", "mount", "hm"]);
    assert_eq!(w.ctl.ok(&["volume", "unmount", "hm"]).stdout, "hm\n");
    assert!(is_mounted(&w, "hm"));
    w.ctl.ok(&["volume", "umount", "hm"]);
    assert!(!is_mounted(&w, "hm"));
    assert_eq!(mount_count(&w, "hm"), 0);
    // Not mounted: unmount is a no-op, as podman's.
    w.ctl.ok(&["volume", "unmount", "hm"]);
    // With a running user, unmount by hand leaves the container's mount alone.
    w.ctl.ok(&["start", id]);
    w.ctl.ok(&["volume", "mount", "hm"]);
    w.ctl.ok(&["volume", "unmount", "hm"]);
    assert!(is_mounted(&w, "hm"));
    w.ctl.ok(&["rm", "-f", id]);
    assert!(!is_mounted(&w, "hm"));

    // A plain volume is a directory: its path, nothing mounted, nothing counted.
    w.ctl.ok(&["volume", "create", "plain"]);
    let out = w.ctl.ok(&["volume", "mount", "plain"]);
    let plain = w.ctl.root.join("volumes/plain/_data");
    assert_eq!(out.stdout.trim(), plain.display().to_string());
    assert!(mounts_under(&plain).is_empty());
    assert_eq!(mount_count(&w, "plain"), 0);
    w.ctl.ok(&["volume", "unmount", "plain"]);

    let out = w.ctl.run(&["volume", "mount", "nosuch"]);
    out.failure(125);
    assert_eq!(out.one_line_error(), "Error: no such volume nosuch");
    w.ctl.run(&["volume", "unmount", "nosuch"]).failure(125);
    w.ctl.ok(&["volume", "rm", "hm", "plain"]);
}

#[test]
fn volume_export_and_import_round_trip_with_owners() {
    let w = WithImage::busybox();
    let r = w.reference.as_str();
    let dir = tempfile::tempdir().unwrap();
    w.ctl.ok(&["volume", "create", "src"]);
    w.ctl.ok(&[
        "run",
        "--rm",
        "-v",
        "src:/v",
        r,
        "sh",
        "-c",
        "mkdir /v/d && echo one > /v/d/f && chown 999:998 /v/d/f && ln -s d/f /v/link \
         && ln /v/d/f /v/hard",
    ]);
    let tar = dir.path().join("src.tar");
    let tar_s = tar.display().to_string();
    w.ctl.ok(&["volume", "export", "src", "-o", &tar_s]);
    // The archive holds _data's content, not _data itself.
    let listing = std::process::Command::new("tar")
        .arg("tf")
        .arg(&tar)
        .output()
        .unwrap();
    let listing = String::from_utf8(listing.stdout).unwrap();
    for want in ["d/", "d/f", "link", "hard"] {
        assert!(listing.lines().any(|l| l == want), "{want}: {listing}");
    }

    // Into another volume, from a file: content, owners, the symlink and hard link.
    w.ctl.ok(&["volume", "create", "dst"]);
    std::fs::write(w.ctl.root.join("volumes/dst/_data/kept"), "mine\n").unwrap();
    std::fs::write(w.ctl.root.join("volumes/dst/_data/link"), "replaced\n").unwrap();
    w.ctl.ok(&["volume", "import", "dst", &tar_s]);
    let data = w.ctl.root.join("volumes/dst/_data");
    let f = std::fs::metadata(data.join("d/f")).unwrap();
    assert_eq!((f.uid(), f.gid()), (999, 998));
    assert_eq!(f.ino(), std::fs::metadata(data.join("hard")).unwrap().ino());
    assert_eq!(
        std::fs::read_link(data.join("link")).unwrap(),
        std::path::Path::new("d/f")
    );
    // Merged: what was there stays unless the archive has it.
    assert_eq!(
        std::fs::read_to_string(data.join("kept")).unwrap(),
        "mine\n"
    );

    // From stdin into a tmpfs volume a container uses: the container sees it.
    tmpfs_volume(&w, "tv");
    let id = w.ctl.ok(&["run", "-d", "-v", "tv:/t", r, "sleep", "1000"]);
    let id = id.stdout.trim();
    let mut child = w
        .ctl
        .command(&["volume", "import", "tv", "-"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(&tar).unwrap())
        .unwrap();
    assert!(child.wait().unwrap().success());
    let seen = w.ctl.ok(&["exec", id, "stat", "-c", "%u:%g %s", "/t/d/f"]);
    assert_eq!(seen.stdout, "999:998 4\n");
    // Export of a volume in use to stdout; it stays mounted for its user.
    let out = w.ctl.command(&["volume", "export", "tv"]).output().unwrap();
    assert!(out.status.success());
    let mut names: Vec<String> = tar::Archive::new(&out.stdout[..])
        .entries()
        .unwrap()
        .map(|e| e.unwrap().path().unwrap().display().to_string())
        .collect();
    names.sort();
    assert!(names.contains(&"d/f".to_string()), "{names:?}");
    assert!(is_mounted(&w, "tv"));
    w.ctl.ok(&["rm", "-f", id]);
    assert!(!is_mounted(&w, "tv"));
    // Export of a tmpfs volume nobody uses mounts it for that time only.
    w.ctl.ok(&["volume", "export", "tv", "-o", &tar_s]);
    assert!(!is_mounted(&w, "tv"));
    w.ctl.ok(&["volume", "rm", "src", "dst", "tv"]);
}

#[test]
fn volume_import_refusals_are_one_line_and_stay_inside() {
    let w = WithImage::busybox();
    let dir = tempfile::tempdir().unwrap();
    w.ctl.ok(&["volume", "create", "in"]);
    let missing = dir.path().join("missing.tar").display().to_string();
    let out = w.ctl.run(&["volume", "import", "in", &missing]);
    out.failure(125);
    assert_eq!(
        out.one_line_error(),
        format!("Error: unable open input file: open {missing}: no such file or directory")
    );
    let garbage = dir.path().join("garbage");
    std::fs::write(&garbage, "not a tar").unwrap();
    let out = w
        .ctl
        .run(&["volume", "import", "in", &garbage.display().to_string()]);
    out.failure(125);
    assert!(
        out.one_line_error()
            .starts_with("Error: extracting into volume in: "),
        "{out}"
    );
    let out = w.ctl.run(&["volume", "import", "nosuch", &missing]);
    out.failure(125);
    let out = w.ctl.run(&["volume", "import", "in", "a:b"]);
    out.failure(125).stderr_has("should not contain ':'");
    // An entry climbing out and a symlink pointing out land inside `_data`, or nowhere.
    let evil = dir.path().join("evil.tar");
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(tar::EntryType::Symlink);
    h.set_size(0);
    h.set_mode(0o777);
    b.append_link(&mut h, "out", dir.path()).unwrap();
    let mut h = tar::Header::new_gnu();
    h.set_size(4);
    h.set_mode(0o644);
    b.append_data(&mut h, "out/escaped", &b"evil"[..]).unwrap();
    std::fs::write(&evil, b.into_inner().unwrap()).unwrap();
    let _ = w
        .ctl
        .run(&["volume", "import", "in", &evil.display().to_string()]);
    assert!(!dir.path().join("escaped").exists());
    w.ctl.ok(&["volume", "rm", "in"]);
}
