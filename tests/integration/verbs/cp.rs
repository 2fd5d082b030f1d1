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
    w.ctl
        .ok(&["cp", s(&host.join("f.txt")), &format!("{c}:/tmp")]);
    assert_eq!(read("/tmp/f.txt"), "from the host\n");
    w.ctl
        .ok(&["cp", s(&host.join("f.txt")), &format!("{c}:tmp/g.txt")]);
    assert_eq!(read("/tmp/g.txt"), "from the host\n");
    w.ctl
        .ok(&["cp", s(&host.join("d/a")), &format!("{c}:/tmp/g.txt")]);
    assert_eq!(read("/tmp/g.txt"), "a\n");
    // A directory: to a new path it becomes it; into an existing one it goes inside;
    // `/.` copies its contents.
    w.ctl
        .ok(&["cp", s(&host.join("d")), &format!("{c}:/tmp/new")]);
    assert_eq!(read("/tmp/new/sub/b"), "b\n");
    w.ctl
        .ok(&["cp", s(&host.join("d")), &format!("{c}:/tmp/new/")]);
    assert_eq!(read("/tmp/new/d/sub/b"), "b\n");
    w.ctl.ok(&[
        "cp",
        &format!("{}/.", s(&host.join("d"))),
        &format!("{c}:/tmp"),
    ]);
    assert_eq!(read("/tmp/sub/b"), "b\n");

    // Out of the container: the layer's file, a directory, its contents.
    let out = host.join("out");
    w.ctl.ok(&["cp", &format!("{c}:/data/file.txt"), s(&out)]);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "hello from layer 2\n"
    );
    std::fs::create_dir(host.join("into")).unwrap();
    w.ctl
        .ok(&["cp", &format!("{c}:/tmp/new"), s(&host.join("into"))]);
    assert_eq!(
        std::fs::read_to_string(host.join("into/new/sub/b")).unwrap(),
        "b\n"
    );
    w.ctl
        .ok(&["cp", &format!("{c}:/tmp/new/."), s(&host.join("into"))]);
    assert_eq!(std::fs::read_to_string(host.join("into/a")).unwrap(), "a\n");
    w.ctl
        .ok(&["cp", &format!("{c}:/tmp/new/."), s(&host.join("fresh"))]);
    assert_eq!(
        std::fs::read_to_string(host.join("fresh/sub/b")).unwrap(),
        "b\n"
    );
    // The image's symlink is copied as what it points to when named, as a link inside a
    // directory.
    w.ctl
        .ok(&["cp", &format!("{c}:/data/link"), s(&host.join("via-link"))]);
    assert_eq!(
        std::fs::read_to_string(host.join("via-link")).unwrap(),
        "hello from layer 2\n"
    );
    w.ctl
        .ok(&["cp", &format!("{c}:/data"), s(&host.join("data"))]);
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
    let out = w
        .ctl
        .run(&["cp", &format!("{c}:/data"), s(&host.join("f.txt"))]);
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
    assert!(
        out.stderr.contains("could not be found on container"),
        "{out}"
    );
    // Without --overwrite a directory does not replace a file (or the other way round).
    std::fs::create_dir(host.join("x")).unwrap();
    std::fs::create_dir(host.join("x/g.txt")).unwrap();
    let out = w
        .ctl
        .run(&["cp", s(&host.join("x/.")), &format!("{c}:/tmp")]);
    assert_eq!(code(&out), 125, "{out}");
    assert!(out.stderr.contains("--overwrite"), "{out}");
    w.ctl.ok(&[
        "cp",
        "--overwrite",
        s(&host.join("x/.")),
        &format!("{c}:/tmp"),
    ]);
    let out = w.ctl.run(&["cp", &format!("{c}:/tmp/g.txt/."), s(host)]);
    assert_eq!(code(&out), 0, "{out}");
}

#[test]
fn cp_both_ways_on_running_and_stopped_containers() {
    let w = setup();
    run_d(&w, &["--name", "run"], &["sleep", "1000"]);
    both_ways(&w, "run", true);
    w.ctl
        .ok(&["create", "--name", "made", &w.reference, "sleep", "1000"]);
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

/// `ctl ARGS` with `input` on stdin, raw bytes out.
fn piped(w: &WithImage, args: &[&str], input: &[u8]) -> std::process::Output {
    use std::io::Write;
    let mut child = w
        .ctl
        .command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let data = input.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    out
}

#[test]
fn cp_streams_a_tar_both_ways() {
    let w = setup();
    run_d(&w, &["--name", "c"], &["sleep", "1000"]);
    w.ctl
        .ok(&["run", "--name", "stopped", &w.reference, "true"]);
    let t = tempfile::tempdir().unwrap();
    let src = t.path().join("src");
    std::fs::create_dir_all(src.join("dir/sub")).unwrap();
    std::fs::write(src.join("dir/sub/file"), "streamed\n").unwrap();
    let tar = Command::new("tar")
        .args(["-C", s(&src), "-czf", "-", "dir"])
        .output()
        .unwrap();
    assert!(tar.status.success());
    for c in ["c", "stopped"] {
        // In: a (gzip) tar on stdin, extracted into the directory.
        let out = piped(&w, &["cp", "-", &format!("{c}:/tmp")], &tar.stdout);
        assert!(out.status.success(), "{out:?}");
        // Out: the directory as a tar on stdout, which tar reads back.
        let out = piped(&w, &["cp", &format!("{c}:/tmp/dir"), "-"], b"");
        assert!(out.status.success(), "{out:?}");
        let back = t.path().join(format!("back-{c}"));
        std::fs::create_dir(&back).unwrap();
        let mut untar = Command::new("tar")
            .args(["-C", s(&back), "-xf", "-"])
            .stdin(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        untar.stdin.take().unwrap().write_all(&out.stdout).unwrap();
        assert!(untar.wait().unwrap().success());
        let got = std::fs::read_to_string(back.join("dir/sub/file")).unwrap();
        assert_eq!(got, "streamed\n");
        // stdin needs a directory, and a tar.
        let out = piped(
            &w,
            &["cp", "-", &format!("{c}:/tmp/dir/sub/file")],
            &tar.stdout,
        );
        assert_eq!(out.status.code(), Some(125));
        assert_eq!(
            String::from_utf8_lossy(&out.stderr).trim(),
            "Error: destination must be a directory when copying from stdin"
        );
        let out = piped(&w, &["cp", "-", &format!("{c}:/tmp")], b"not a tar at all");
        assert_eq!(out.status.code(), Some(125));
        assert_eq!(
            String::from_utf8_lossy(&out.stderr).trim(),
            "Error: source must be a (compressed) tar archive when copying from stdin"
        );
    }
    w.ctl.ok(&["rm", "-f", "-t", "0", "c", "stopped"]);
}

#[test]
fn cp_archive_owns_copies_by_the_containers_user() {
    let w = setup();
    run_d(
        &w,
        &["--name", "c", "--user", "1000:1000"],
        &["sleep", "1000"],
    );
    let t = tempfile::tempdir().unwrap();
    let f = t.path().join("owned");
    std::fs::write(&f, "x\n").unwrap();
    std::os::unix::fs::chown(&f, Some(4321), Some(4322)).unwrap();
    let stat = |path: &str| w.ctl.ok(&["exec", "c", "stat", "-c", "%u:%g", path]).stdout;
    // --archive (the default): the container's main user owns what is copied in.
    w.ctl.ok(&["cp", s(&f), "c:/tmp/default"]);
    assert_eq!(stat("/tmp/default"), "1000:1000\n");
    // --archive=false: the source's owner is kept.
    w.ctl.ok(&["cp", "--archive=false", s(&f), "c:/tmp/kept"]);
    assert_eq!(stat("/tmp/kept"), "4321:4322\n");
    w.ctl.ok(&["cp", "-a=false", s(&f), "c:/tmp/kept2"]);
    assert_eq!(stat("/tmp/kept2"), "4321:4322\n");
    // Out to this machine: owned by whoever ran cp.
    let out = t.path().join("out");
    w.ctl.ok(&["cp", "c:/home/user/owned.txt", s(&out)]);
    let m = std::fs::metadata(&out).unwrap();
    assert_eq!((m.uid(), m.gid()), (0, 0));
    assert_eq!(m.mode() & 0o777, 0o640);
    w.ctl.ok(&["rm", "-f", "-t", "0", "c"]);
}

#[test]
fn cp_stays_inside_the_container() {
    let t = tempfile::tempdir().unwrap();
    let secret_dir = t.path().join("secret-dir");
    std::fs::create_dir(&secret_dir).unwrap();
    let secret = secret_dir.join("shadow");
    std::fs::write(&secret, "host secret\n").unwrap();
    let up = "../".repeat(12);
    let rel = s(&secret).trim_start_matches('/').to_string();
    let traps = LayerBuilder::new()
        .dir("trap", 0o755)
        .symlink("trap/abs", s(&secret))
        .symlink("trap/absdir", s(&secret_dir))
        .symlink("trap/up", &up)
        .symlink("trap/etc", "/etc")
        .layer(crate::common::Compression::Gzip);
    let w = WithImage::pulled(Image::busybox().with_layer(traps), "fixtures/traps:latest");
    run_d(&w, &["--name", "run"], &["sleep", "1000"]);
    w.ctl
        .ok(&["create", "--name", "stopped", &w.reference, "true"]);
    let evil = t.path().join("evil");
    std::fs::write(&evil, "overwritten\n").unwrap();
    for c in ["run", "stopped"] {
        // Reading through links that point at this machine's file: nothing is found.
        for src in [
            "/trap/abs".to_string(),
            format!("/trap/up/{rel}"),
            "/trap/absdir/shadow".to_string(),
        ] {
            let out_file = t.path().join("leak");
            let out = w.ctl.run(&["cp", &format!("{c}:{src}"), s(&out_file)]);
            assert_eq!(code(&out), 125, "{out}");
            assert!(
                out.stderr.contains("could not be found on container"),
                "{out}"
            );
            assert!(!out_file.exists());
            let out = piped(&w, &["cp", &format!("{c}:{src}"), "-"], b"");
            assert_eq!(out.status.code(), Some(125));
            assert!(out.stdout.is_empty());
        }
        // An absolute link to /etc is the container's /etc.
        let out = t.path().join(format!("passwd-{c}"));
        w.ctl.ok(&["cp", &format!("{c}:/trap/etc/passwd"), s(&out)]);
        assert!(std::fs::read_to_string(&out)
            .unwrap()
            .contains("user:x:1000"));
        // Writing through them: the copy lands in the container or is refused.
        let _ = w.ctl.run(&["cp", s(&evil), &format!("{c}:/trap/abs")]);
        let _ = w.ctl.run(&["cp", s(&evil), &format!("{c}:/trap/absdir/")]);
        let _ = w.ctl.run(&["cp", s(&evil), &format!("{c}:/trap/up/{rel}")]);
        let dir = s(&secret_dir).trim_start_matches('/').to_string();
        let _ = w
            .ctl
            .run(&["cp", s(&evil), &format!("{c}:/trap/up/{dir}/")]);
        // A tar whose entries climb out or go through a link to this machine's directory.
        let mut b = tar::Builder::new(Vec::new());
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Symlink);
        h.set_size(0);
        h.set_mode(0o777);
        b.append_link(&mut h, "hop", s(&secret_dir)).unwrap();
        for name in ["hop/planted", "../../../../../../../../planted"] {
            let mut raw = tar::Header::new_old();
            raw.as_old_mut().name[..name.len()].copy_from_slice(name.as_bytes());
            raw.set_size(3);
            raw.set_mode(0o644);
            raw.set_cksum();
            b.append(&raw, &b"bad"[..]).unwrap();
        }
        let tar = b.into_inner().unwrap();
        let out = piped(&w, &["cp", "-", &format!("{c}:/tmp")], &tar);
        assert_eq!(out.status.code(), Some(125), "{out:?}");
        assert_eq!(std::fs::read_to_string(&secret).unwrap(), "host secret\n");
        let names: Vec<_> = std::fs::read_dir(&secret_dir).unwrap().flatten().collect();
        assert_eq!(names.len(), 1, "{names:?}");
        assert!(!Path::new("/planted").exists());
    }
    // What went in through the links is in the container.
    let out = w.ctl.ok(&["exec", "run", "cat", "/trap/abs"]);
    assert_eq!(out.stdout, "overwritten\n");
    w.ctl.ok(&["rm", "-f", "-t", "0", "run", "stopped"]);
}

#[test]
fn cp_refusals_in_podmans_words() {
    let w = setup();
    let out = w.ctl.run(&["cp", "/etc/hostname", "nosuch:/tmp"]);
    assert_eq!(code(&out), 125, "{out}");
    assert_eq!(
        out.error_line(),
        "Error: container \"nosuch\" does not exist"
    );
    let out = w.ctl.run(&["cp", "nosuch:/etc", "/tmp"]);
    assert_eq!(
        out.error_line(),
        "Error: container \"nosuch\" does not exist"
    );
    let out = w.ctl.run(&["cp", "/etc/hostname", "/tmp/x"]);
    assert_eq!(code(&out), 125, "{out}");
    assert_eq!(out.error_line(), "Error: name or ID cannot be empty");
    let out = w.ctl.run(&["cp", "a:", "/y"]);
    assert_eq!(
        out.error_line(),
        "Error: invalid arguments \"a:\", \"/y\": you must specify paths"
    );
    run_d(&w, &["--name", "c"], &["sleep", "1000"]);
    let out = w.ctl.run(&["cp", "/no/such/file", "c:/tmp"]);
    assert_eq!(code(&out), 125, "{out}");
    assert_eq!(
        out.error_line(),
        "Error: \"/no/such/file\" could not be found on the host: stat /no/such/file: no such \
         file or directory"
    );
    let out = w.ctl.run(&["cp", "c:/etc/passwd", "/no/such/dir/x"]);
    assert_eq!(code(&out), 125, "{out}");
    assert!(
        out.error_line().contains("could not be found on the host"),
        "{out}"
    );
    let out = w.ctl.run(&["cp", "c:/etc/passwd", "/dev/null"]);
    assert_eq!(
        out.error_line(),
        "Error: invalid destination: \"/dev/null\" must be a directory or a regular file"
    );
    // Between two containers, as podman copies.
    run_d(&w, &["--name", "d"], &["sleep", "1000"]);
    w.ctl.ok(&["cp", "c:/data", "d:/tmp/"]);
    assert_eq!(cat(&w, "d", "/tmp/data/file.txt"), "hello from layer 2\n");
    w.ctl.ok(&["rm", "-f", "-t", "0", "c", "d"]);
}

#[test]
fn cp_into_and_out_of_a_named_volume() {
    let w = setup();
    w.ctl.ok(&["volume", "create", "cpvol"]);
    run_d(&w, &["--name", "c", "-v", "cpvol:/vol"], &["sleep", "1000"]);
    w.ctl.ok(&[
        "create",
        "--name",
        "s",
        "-v",
        "cpvol:/other",
        &w.reference,
        "true",
    ]);
    let t = tempfile::tempdir().unwrap();
    let f = t.path().join("f");
    std::fs::write(&f, "in the volume\n").unwrap();
    // Into the running container's mount, then out of the stopped one's.
    w.ctl.ok(&["cp", s(&f), "c:/vol/f"]);
    let out = t.path().join("out");
    w.ctl.ok(&["cp", "s:/other/f", s(&out)]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "in the volume\n");
    // Into the stopped one's: the running one sees it.
    w.ctl.ok(&["cp", s(&f), "s:/other/g"]);
    assert_eq!(cat(&w, "c", "/vol/g"), "in the volume\n");
    let data = w
        .ctl
        .ok(&["volume", "inspect", "--format", "{{.Mountpoint}}", "cpvol"]);
    assert!(Path::new(data.stdout.trim()).join("g").exists());
    w.ctl.ok(&["rm", "-f", "-t", "0", "c", "s"]);
    w.ctl.ok(&["volume", "rm", "cpvol"]);
}

/// podman-cp(1) copies a tree as tar: hard links stay one file, extended attributes go
/// along, into the container and back out.
#[test]
fn cp_keeps_hard_links_and_xattrs_both_ways() {
    let w = setup();
    w.ctl
        .ok(&["create", "--name", "links", &w.reference, "sleep", "1000"]);
    let t = tempfile::tempdir().unwrap();
    let src = t.path().join("src");
    std::fs::create_dir(&src).unwrap();
    std::fs::write(src.join("one"), "same\n").unwrap();
    std::fs::hard_link(src.join("one"), src.join("two")).unwrap();
    xattr::set(src.join("one"), "user.colour", b"blue").unwrap();
    xattr::set(&src, "user.dir", b"yes").unwrap();
    w.ctl.ok(&["cp", s(&src), "links:/tmp/in"]);
    // Out again: the copy the container holds is what comes back.
    let back = t.path().join("back");
    w.ctl.ok(&["cp", "links:/tmp/in", s(&back)]);
    let (one, two) = (
        std::fs::metadata(back.join("one")).unwrap(),
        std::fs::metadata(back.join("two")).unwrap(),
    );
    assert_eq!(one.ino(), two.ino(), "the hard link was split");
    assert_eq!(one.nlink(), 2);
    assert_eq!(std::fs::read_to_string(back.join("two")).unwrap(), "same\n");
    assert_eq!(
        xattr::get(back.join("one"), "user.colour")
            .unwrap()
            .as_deref(),
        Some(&b"blue"[..])
    );
    assert_eq!(
        xattr::get(&back, "user.dir").unwrap().as_deref(),
        Some(&b"yes"[..])
    );
    // Inside, as the running container sees it.
    w.ctl.ok(&["start", "links"]);
    let st = w.ctl.ok(&[
        "exec",
        "links",
        "stat",
        "-c",
        "%h %i",
        "/tmp/in/one",
        "/tmp/in/two",
    ]);
    let lines = st.lines();
    assert_eq!(lines.len(), 2, "{st}");
    assert_eq!(lines[0], lines[1], "{st}");
    assert!(lines[0].starts_with("2 "), "{st}");
    w.ctl.ok(&["rm", "-f", "-t", "0", "links"]);
}
