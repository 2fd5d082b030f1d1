//! `ctl save` (podman-save(1)) in every format, loaded into a second store: the same image
//! id, and it runs; `-m`, stdout, and the refusals in podman's words.

use std::process::Stdio;

use crate::common::{Ctl, WithImage};

fn code(out: &crate::common::Out) -> i32 {
    out.code.unwrap_or(-1)
}

#[test]
fn every_format_round_trips_to_the_same_id_and_runs() {
    let w = WithImage::busybox();
    let id = w.image.id();
    let dir = tempfile::tempdir().unwrap();
    for (format, out) in [
        ("docker-archive", "d.tar"),
        ("oci-archive", "o.tar"),
        ("oci-dir", "odir"),
        ("docker-dir", "ddir"),
    ] {
        let path = dir.path().join(out);
        let p = path.to_str().unwrap();
        w.ctl
            .ok(&["save", "--format", format, "-o", p, &w.reference]);
        let other = Ctl::new();
        other.ok(&["load", "-i", p]);
        let images = other.images();
        assert_eq!(images.len(), 1, "{format}: {images:?}");
        assert_eq!(images[0]["Id"].as_str(), Some(id.as_str()), "{format}");
        let run = other.ok(&["run", "--rm", &id, "cat", "/etc/passwd"]);
        assert!(run.stdout.contains("root"), "{format}: {run:?}");
        if format.ends_with("archive") {
            // The archive names the image as it was asked for.
            assert_eq!(
                other.inspect(&w.reference)["Id"].as_str(),
                Some(id.as_str())
            );
        }
    }
    // docker-dir with --compress: gzip layers, the same id after loading.
    let path = dir.path().join("dz");
    let p = path.to_str().unwrap();
    w.ctl.ok(&[
        "save",
        "--format",
        "docker-dir",
        "--compress",
        "-o",
        p,
        &w.reference,
    ]);
    let manifest = std::fs::read_to_string(path.join("manifest.json")).unwrap();
    assert!(manifest.contains("diff.tar.gzip"), "{manifest}");
    let other = Ctl::new();
    other.ok(&["load", "-i", p]);
    assert_eq!(other.images()[0]["Id"].as_str(), Some(id.as_str()));
}

#[test]
fn several_images_in_one_archive_and_on_stdout() {
    let w = WithImage::busybox();
    let id = w.image.id();
    let dir = tempfile::tempdir().unwrap();
    let tar = dir.path().join("rootfs.tar");
    std::fs::write(&tar, crate::common::fixtures::base_layer().tar.clone()).unwrap();
    let other_id = w
        .ctl
        .ok(&["import", "-q", tar.to_str().unwrap(), "second:1"])
        .stdout;
    let other_id = other_id.trim().trim_start_matches("sha256:").to_string();
    let path = dir.path().join("m.tar");
    let p = path.to_str().unwrap();
    w.ctl.ok(&["save", "-m", "-o", p, &w.reference, "second:1"]);
    let listing = std::process::Command::new("tar")
        .args(["-xOf", p, "manifest.json"])
        .output()
        .unwrap();
    let manifest: serde_json::Value = serde_json::from_slice(&listing.stdout).unwrap();
    assert_eq!(manifest.as_array().map(Vec::len), Some(2), "{manifest}");
    assert_eq!(
        manifest[1]["RepoTags"],
        serde_json::json!(["localhost/second:1"])
    );
    let loaded = Ctl::new();
    let out = loaded.ok(&["load", "-i", p]);
    assert!(
        out.stdout.contains("Loaded image: localhost/second:1"),
        "{out:?}"
    );
    assert_eq!(
        loaded.inspect("localhost/second:1")["Id"].as_str(),
        Some(other_id.as_str())
    );
    assert_eq!(
        loaded.inspect(&w.reference)["Id"].as_str(),
        Some(id.as_str())
    );

    // Without -m, a second name is a tag of the first image; stdout streams the archive.
    let mut cmd = w.ctl.command(&["save", &w.reference, "extra:tag"]);
    let saved = cmd.stdin(Stdio::null()).output().unwrap();
    assert!(
        saved.status.success(),
        "{}",
        String::from_utf8_lossy(&saved.stderr)
    );
    let piped = dir.path().join("stdout.tar");
    std::fs::write(&piped, &saved.stdout).unwrap();
    let third = Ctl::new();
    third.ok(&["load", "-i", piped.to_str().unwrap()]);
    assert_eq!(
        third.inspect("localhost/extra:tag")["Id"].as_str(),
        Some(id.as_str())
    );
    std::fs::remove_file(&tar).ok();
}

#[test]
fn bad_saves_are_refused_in_podmans_words() {
    let w = WithImage::busybox();
    let out = w
        .ctl
        .run(&["save", "--format", "tar", "-o", "/tmp/x.tar", &w.reference]);
    assert_eq!(code(&out), 125, "{out}");
    assert_eq!(
        out.one_line_error(),
        "Error: format value must be one of oci-dir oci-archive docker-dir docker-archive"
    );
    let out = w
        .ctl
        .run(&["save", "--compress", "-o", "/tmp/x.tar", &w.reference]);
    assert_eq!(code(&out), 125, "{out}");
    assert_eq!(
        out.one_line_error(),
        "Error: --compress can only be set when --format is 'docker-dir'"
    );
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("n.tar");
    let out = w
        .ctl
        .run(&["save", "-o", p.to_str().unwrap(), "nosuch:image"]);
    assert_eq!(code(&out), 125, "{out}");
    assert!(!p.exists(), "a failed save leaves no file");
    // A terminal on stdout (script(1) gives one) is refused.
    let cmd = w.ctl.command(&["save", &w.reference]);
    let argv: Vec<String> = std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|a| format!("'{}'", a.to_string_lossy().replace('\'', "'\\''")))
        .collect();
    let envs: Vec<(String, String)> = cmd
        .get_envs()
        .filter_map(|(k, v)| Some((k.to_string_lossy().into(), v?.to_string_lossy().into())))
        .collect();
    let out = std::process::Command::new("script")
        .args(["-qec", &argv.join(" "), "/dev/null"])
        .env_clear()
        .envs(envs)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Error: refusing to save to terminal. Use -o flag or redirect"),
        "{text}"
    );
    assert_eq!(out.status.code(), Some(125), "{text}");
}
