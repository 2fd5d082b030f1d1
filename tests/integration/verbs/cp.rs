//! `cp`, from podman-cp(1): both directions on running and stopped containers, the table of
//! files, directories, trailing `/` and `/.`, `-` as a tar stream both ways, `--archive`
//! ownership, volumes, podman's refusals, and symlinks in the container that must not lead
//! to this machine's files.

use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Command, Stdio};

use super::*;
use crate::common::ctl::mounts_under;
use crate::common::{Image, LayerBuilder};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The container's file as `cat` in it prints it.
fn cat(w: &WithImage, c: &str, path: &str) -> String {
    w.ctl.ok(&["exec", c, "cat", path]).stdout
}

/// Files and directories both ways, in every form the man page's table has, on `c`.
fn both_ways(w: &WithImage, c: &str, running: bool) {
    let t = tempfile::tempdir().unwrap();
    let host = t.path();
    std::fs::write(host.join("f.txt"), "from the host\n").unwrap();
    std::fs::create_dir_all(host.join("d/sub")).unwrap();
    std::fs::write(host.join("d/a"), "a\n").unwrap();
    std::fs::write(host.join("d/sub/b"), "b\n").unwrap();
    let read = |path: &str| -> String {
        if running {
            return cat(w, c, path);
        }
        let out = host.join("read-back");
        let _ = std::fs::remove_file(&out);
        w.ctl.ok(&["cp", &format!("{c}:{path}"), s(&out)]);
        std::fs::read_to_string(&out).unwrap()
    };

    // A file: into a directory by its name, to a new name, over an existing file.
    w.ctl.ok(&["cp", s(&host.join("f.txt")), &format!("{c}:/tmp")]);
    assert_eq!(read("/tmp/f.txt"), "from the host\n");
    w.ctl.ok(&["cp", s(&host.join("f.txt")), &format!("{c}:tmp/g.txt")]);
    assert_eq!(read("/tmp/g.txt"), "from the host\n");
    w.ctl.ok(&["cp", s(&host.join("d/a")), &format!("{c}:/tmp/g.txt")]);
    assert_eq!(read("/tmp/g.txt"), "a\n");
    // A directory: to a new path it becomes it; into an existing one it goes inside;
    // `/.` copies its contents.
    w.ctl.ok(&["cp", s(&host.join("d")), &format!("{c}:/tmp/new")]);
    assert_eq!(read("/tmp/new/sub/b"), "b\n");
    w.ctl.ok(&["cp", s(&host.join("d")), &format!("{c}:/tmp/new/")]);
    assert_eq!(read("/tmp/new/d/sub/b"), "b\n");
    w.ctl.ok(&["cp", &format!("{}/.", s(&host.join("d"))), &format!("{c}:/tmp")]);
    assert_eq!(read("/tmp/sub/b"), "b\n");

    // Out of the container: the layer's file, a directory, its contents.
    let out = host.join("out");
    w.ctl.ok(&["cp", &format!("{c}:/data/file.txt"), s(&out)]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "hello from layer 2\n");
    std::fs::create_dir(host.join("into")).unwrap();
    w.ctl.ok(&["cp", &format!("{c}:/tmp/new"), s(&host.join("into"))]);
    assert_eq!(
        std::fs::read_to_string(host.join("into/new/sub/b")).unwrap(),
        "b\n"
    );
    w.ctl.ok(&["cp", &format!("{c}:/tmp/new/."), s(&host.join("into"))]);
    assert_eq!(std::fs::read_to_string(host.join("into/a")).unwrap(), "a\n");
    w.ctl.ok(&["cp", &format!("{c}:/tmp/new/."), s(&host.join("fresh"))]);
    assert_eq!(
        std::fs::read_to_string(host.join("fresh/sub/b")).unwrap(),
        "b\n"
    );
    // The image's symlink is copied as what it points to when named, as a link inside a
    // directory.
    w.ctl.ok(&["cp", &format!("{c}:/data/link"), s(&host.join("via-link"))]);
    assert_eq!(
        std::fs::read_to_string(host.join("via-link")).unwrap(),
        "hello from layer 2\n"
    );
    w.ctl.ok(&["cp", &format!("{c}:/data"), s(&host.join("data"))]);
    let link = std::fs::read_link(host.join("data/link")).unwrap();
    assert_eq!(link, Path::new("file.txt"));
    // Refusals: a directory onto a file, both ways; a missing parent; a missing source.
    let out = w
        .ctl
        .run(&["cp", s(&host.join("d")), &format!("{c}:/data/file.txt")]);
    assert_eq!(code(&out), 125, "{out}");
    assert_eq!(
        out.error_line(),
        "Error: destination must be a directory when copying a directory"
    );
    let out = w.ctl.run(&["cp", &format!("{c}:/data"), s(&host.join("f.txt"))]);
    assert_eq!(code(&out), 125, "{out}");
    let out = w
        .ctl
        .run(&["cp", s(&host.join("f.txt")), &format!("{c}:/no/such/file")]);
    assert_eq!(code(&out), 125, "{out}");
    assert_eq!(
        out.error_line(),
        format!(
            "Error: \"/no/such/file\" could not be found on container {c}: no such file or \
             directory"
        )
    );
    let out = w.ctl.run(&["cp", &format!("{c}:/nothing"), s(host)]);
    assert_eq!(code(&out), 125, "{out}");
    assert!(out.stderr.contains("could not be found on container"), "{out}");
    // Without --overwrite a directory does not replace a file (or the other way round).
    std::fs::create_dir(host.join("x")).unwrap();
    std::fs::create_dir(host.join("x/g.txt")).unwrap();
    let out = w.ctl.run(&["cp", s(&host.join("x/.")), &format!("{c}:/tmp")]);
    assert_eq!(code(&out), 125, "{out}");
    assert!(out.stderr.contains("--overwrite"), "{out}");
    w.ctl
        .ok(&["cp", "--overwrite", s(&host.join("x/.")), &format!("{c}:/tmp")]);
    let out = w.ctl.run(&["cp", &format!("{c}:/tmp/g.txt/."), s(host)]);
    assert_eq!(code(&out), 0, "{out}");
}

#[test]
fn cp_both_ways_on_running_and_stopped_containers() {
    let w = setup();
    run_d(&w, &["--name", "run"], &["sleep", "1000"]);
    both_ways(&w, "run", true);
    w.ctl.ok(&[
        "create",
        "--name",
        "made",
        &w.reference,
        "sleep",
        "1000",
    ]);
    both_ways(&w, "made", false);
    w.ctl.ok(&["run", "--name", "done", &w.reference, "true"]);
    let before = mounts_under(w.ctl.dir());
    both_ways(&w, "done", false);
    // A stopped container's rootfs is mounted for each copy and unmounted after it.
    assert_eq!(mounts_under(w.ctl.dir()), before);
    // What was copied in is the container's: it is there when it runs again.
    w.ctl.ok(&["start", "made"]);
    assert_eq!(cat(&w, "made", "/tmp/new/sub/b"), "b\n");
    w.ctl.ok(&["rm", "-f", "-t", "0", "run", "made", "done"]);
}
