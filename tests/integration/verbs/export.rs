//! `export`: the container's filesystem as tar (podman-export.1.md), of a stopped and of a
//! running container, without its volumes, back through `import` into an image that runs.

use std::process::Stdio;

use super::*;
use crate::common::ctl::mounts_under;

/// `ctl ARGS` with stdout as bytes (a tar stream is not text).
fn bytes(w: &WithImage, args: &[&str]) -> Vec<u8> {
    let out = w
        .ctl
        .command(args)
        .stdin(Stdio::null())
        .output()
        .expect("run ctl");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The entries of a tar stream, by `tar -tv` (the system's tar, not ctl's reader).
fn listing(tar: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.tar");
    std::fs::write(&path, tar).unwrap();
    let out = std::process::Command::new("tar")
        .args(["--numeric-owner", "-tvf"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The line of `tar -tv` naming `path`.
fn line<'a>(listing: &'a str, path: &str) -> &'a str {
    listing
        .lines()
        .find(|l| l.split_whitespace().nth(5) == Some(path))
        .unwrap_or_else(|| panic!("no {path} in\n{listing}"))
}

#[test]
fn export_of_a_stopped_container_is_its_merged_rootfs() {
    let w = setup();
    let cmd = "echo changed > /data/file.txt; rm /data/script.sh; mkdir /made; echo new > /made/f";
    w.ctl
        .ok(&run_args(&w, "--name", &["exported"], &["sh", "-c", cmd]));
    let tar = bytes(&w, &["export", "exported"]);
    let l = listing(&tar);
    // The image's layers and the container's changes, merged: owners, modes, links.
    assert!(
        line(&l, "home/user/owned.txt").starts_with("-rw-r----- 1000/1000"),
        "{l}"
    );
    assert!(line(&l, "data/setuid").starts_with("-rwsr-xr-x 0/0"), "{l}");
    assert!(
        line(&l, "data/link").contains("data/link -> file.txt"),
        "{l}"
    );
    assert!(line(&l, "made/f").starts_with("-rw-r--r-- 0/0"), "{l}");
    assert!(line(&l, "tmp/").starts_with("drwxrwxrwt"), "{l}");
    for gone in ["data/script.sh ", "data/doomed.txt ", "opaque/old.txt "] {
        assert!(!l.contains(gone), "{gone} in\n{l}");
    }
    // Unpacked by the system's tar: the contents are the container's.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.tar");
    w.ctl.ok(&[
        "container",
        "export",
        "-o",
        path.to_str().unwrap(),
        "exported",
    ]);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        tar,
        "-o writes what stdout gets"
    );
    let st = std::process::Command::new("tar")
        .arg("-xf")
        .arg(&path)
        .arg("-C")
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(st.success());
    let read = |p: &str| std::fs::read_to_string(dir.path().join(p)).unwrap();
    assert_eq!(read("data/file.txt"), "changed\n");
    assert_eq!(read("made/f"), "new\n");
    assert_eq!(read("opaque/new.txt"), "the only file left in opaque/\n");
    // The stopped container's rootfs was mounted for the export only.
    assert!(mounts_under(w.ctl.dir()).is_empty());
}

#[test]
fn export_of_a_running_container_sees_its_writes_and_not_its_volume() {
    let w = setup();
    let id = run_d(
        &w,
        &["--name", "live", "-v", "/vol"],
        &[
            "sh",
            "-c",
            "echo inside > /vol/v; echo run > /ran; sleep 1000",
        ],
    );
    w.ctl
        .ok(&["exec", "live", "sh", "-c", "test -f /ran && test -f /vol/v"]);
    let l = listing(&bytes(&w, &["export", &id[..12]]));
    line(&l, "ran");
    line(&l, "vol/");
    assert!(
        !l.contains("vol/v"),
        "the volume's file is not in the rootfs\n{l}"
    );
    // Its rootfs stays mounted for the process that runs on it.
    w.ctl.ok(&["exec", "live", "cat", "/ran"]).stdout_has("run");
    w.ctl.ok(&["rm", "-f", "-t", "0", "live"]);
    assert!(mounts_under(w.ctl.dir()).is_empty());
}

#[test]
fn an_exported_container_imports_into_an_image_that_runs() {
    let w = setup();
    w.ctl.ok(&run_args(
        &w,
        "--name",
        &["src"],
        &["sh", "-c", "echo kept > /etc/kept"],
    ));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("src.tar");
    w.ctl
        .ok(&["export", "--output", path.to_str().unwrap(), "src"]);
    w.ctl
        .ok(&["import", "-q", path.to_str().unwrap(), "roundtrip:1"]);
    let out = w.ctl.ok(&[
        "run",
        "--rm",
        "roundtrip:1",
        "sh",
        "-c",
        "cat /etc/kept; stat -c '%u:%g %a' /home/user/owned.txt; readlink /data/link; \
         stat -c %h /data/file.txt",
    ]);
    assert_eq!(
        out.lines(),
        ["kept", "1000:1000 640", "file.txt", "2"],
        "{out}"
    );
    w.ctl.ok(&["rm", "src"]);
    w.ctl.ok(&["rmi", "roundtrip:1"]);
}

#[test]
fn export_refuses_a_terminal_a_colon_and_an_unknown_container() {
    let w = setup();
    w.ctl
        .ok(&["create", "--name", "quiet", &w.reference, "true"]);
    let out = w.ctl.run(&["export", "nosuch"]);
    assert_eq!(code(&out), 125, "{out}");
    assert_eq!(
        out.one_line_error(),
        "Error: no container with name or ID \"nosuch\" found: no such container"
    );
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("never.tar");
    let out = w
        .ctl
        .run(&["export", "-o", missing.to_str().unwrap(), "nosuch"]);
    assert_eq!(code(&out), 125, "{out}");
    assert!(
        !missing.exists(),
        "nothing is written for a missing container"
    );
    let out = w.ctl.run(&["export", "-o", "/tmp/a:b.tar", "quiet"]);
    assert_eq!(code(&out), 125, "{out}");
    assert_eq!(
        out.one_line_error(),
        "Error: invalid filename (should not contain ':') \"/tmp/a:b.tar\""
    );
    // A terminal on stdout (script(1) gives one) is refused in podman's words.
    let mut cmd = w.ctl.command(&["export", "quiet"]);
    let argv: Vec<String> = std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|a| shell_quote(&a.to_string_lossy()))
        .collect();
    let envs: Vec<(String, String)> = cmd
        .get_envs()
        .filter_map(|(k, v)| Some((k.to_string_lossy().into(), v?.to_string_lossy().into())))
        .collect();
    cmd = std::process::Command::new("script");
    cmd.args(["-qec", &argv.join(" "), "/dev/null"])
        .env_clear()
        .envs(envs);
    let out = cmd.stdin(Stdio::null()).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Error: refusing to export to terminal. Use -o flag or redirect"),
        "{text}"
    );
    assert_eq!(out.status.code(), Some(125), "{text}");
    w.ctl.ok(&["rm", "quiet"]);
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}
