//! `ctl load` of archives as skopeo writes them (the same library as `podman save`), in both
//! formats, and `ctl import` of a root filesystem tarball; each then runs a container.

use std::process::Command;

use crate::common::fixtures::base_layer;
use crate::common::{Ctl, WithImage};

fn skopeo_copy(from: &str, to: &str) {
    let out = Command::new("skopeo")
        .args(["copy", "-q", "--src-tls-verify=false", from, to])
        .output()
        .expect("skopeo runs");
    assert!(
        out.status.success(),
        "skopeo copy {from} {to}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn load_and_run(archive: &std::path::Path, expect_name: &str, id: &str) {
    let ctl = Ctl::new();
    let out = ctl.ok(&["load", "-i", archive.to_str().unwrap()]);
    assert!(
        out.stdout.contains(&format!("Loaded image: {expect_name}")),
        "{}",
        out.stdout
    );
    let inspect = ctl.inspect(expect_name);
    assert_eq!(inspect["Id"].as_str(), Some(id));
    let run = ctl.ok(&["run", "--rm", expect_name, "cat", "/etc/passwd"]);
    assert!(!run.stdout.is_empty(), "{run:?}");
    // Loading again changes nothing and still names the image.
    ctl.ok(&["load", "-i", archive.to_str().unwrap()]);
    assert_eq!(ctl.images().len(), 1);
}

#[test]
fn docker_and_oci_archives_load_and_run() {
    let w = WithImage::busybox();
    let dir = tempfile::tempdir().unwrap();
    let src = format!("docker://{}", w.reference);
    let docker = dir.path().join("docker.tar");
    skopeo_copy(
        &src,
        &format!("docker-archive:{}:archived/app:v1", docker.display()),
    );
    load_and_run(&docker, "docker.io/archived/app:v1", &w.image.id());

    let oci = dir.path().join("oci.tar");
    skopeo_copy(&src, &format!("oci-archive:{}:app:v2", oci.display()));
    load_and_run(&oci, "localhost/app:v2", &w.image.id());
}

#[test]
fn corrupt_archives_are_refused_cleanly() {
    let ctl = Ctl::new();
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.tar");
    std::fs::write(&junk, b"this is not a tar archive at all, not even close").unwrap();
    let out = ctl.run(&["load", "-i", junk.to_str().unwrap()]);
    out.failure(125);
    assert!(out.one_line_error().contains("junk.tar"), "{out:?}");
    let missing = ctl.run(&["load", "-i", "/nonexistent/x.tar"]);
    missing.failure(125);
    assert!(ctl.images().is_empty());
    assert!(ctl.layer_dirs().is_empty());
}

#[test]
fn import_makes_a_runnable_one_layer_image() {
    let ctl = Ctl::new();
    let dir = tempfile::tempdir().unwrap();
    let tarball = dir.path().join("rootfs.tar");
    std::fs::write(&tarball, base_layer().tar.clone()).unwrap();
    let out = ctl.ok(&[
        "import",
        "--change",
        "CMD [\"echo\", \"imported\"]",
        "--change",
        "ENV GREETING=hi",
        tarball.to_str().unwrap(),
        "imported:1",
    ]);
    let id = out.stdout.trim().to_string();
    assert_eq!(id.len(), 64, "{out:?}");
    let inspect = ctl.inspect("localhost/imported:1");
    assert_eq!(inspect["Id"].as_str(), Some(id.as_str()));
    assert_eq!(
        inspect["RootFS"]["Layers"].as_array().map(Vec::len),
        Some(1)
    );
    let run = ctl.ok(&["run", "--rm", "imported:1"]);
    assert_eq!(run.stdout, "imported\n");
    let env = ctl.ok(&["run", "--rm", "imported:1", "sh", "-c", "echo $GREETING"]);
    assert_eq!(env.stdout, "hi\n");
    let bad = ctl.run(&[
        "import",
        "--change",
        "FROM scratch",
        tarball.to_str().unwrap(),
    ]);
    bad.failure(125);
}
