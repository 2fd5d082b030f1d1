//! A user without subordinate ids gets the single mapping (with one warning) and a clear
//! error for images that need more ids; users never see each other's containers.

use std::os::unix::fs::MetadataExt;

use crate::common::{Ctl, Image, Registry};

use super::user::User;

#[test]
fn single_mapping_fallback_and_isolation() {
    let registry = Registry::start();
    registry.push("fixtures/base:latest", &Image::base());
    registry.push("fixtures/busybox:latest", &Image::busybox());
    let base = registry.reference("fixtures/base:latest");
    let busybox = registry.reference("fixtures/busybox:latest");
    let alone = User::create(false);
    let other = User::create(true);

    // The warning comes once, with the pause process that holds the namespace.
    let out = alone.ok(&["info", "--format", "json"]);
    let warnings: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("Warning:"))
        .collect();
    assert_eq!(warnings.len(), 1, "{out}");
    assert!(warnings[0].contains("/etc/subuid"), "{out}");
    assert!(warnings[0].contains(&alone.uid.to_string()), "{out}");
    let uidmap = &out.json()["host"]["idMappings"]["uidmap"];
    assert_eq!(uidmap.as_array().map(Vec::len), Some(1), "{uidmap}");
    assert_eq!(uidmap[0]["host_id"], alone.uid);
    assert_eq!(uidmap[0]["size"], 1);
    let again = alone.ok(&["ps"]);
    assert!(!again.stderr.contains("Warning"), "{again}");

    // An image with a file owned by uid 1000 cannot be unpacked: the error says why and
    // what to do.
    let out = alone.ctl(&["pull", "-q", &busybox]);
    out.failure(125);
    let err = out.one_line_error();
    for needle in [
        "/etc/subuid",
        &alone.uid.to_string(),
        &alone.name,
        "1000:1000",
        "usermod --add-subuids",
        "ctl system migrate",
    ] {
        assert!(err.contains(needle), "{needle:?} missing: {err}");
    }
    // An image of root-owned files works.
    alone.ok(&["pull", "-q", &base]);
    let out = alone.ok(&["run", "--rm", "--network", "none", &base, "id", "-u"]);
    assert_eq!(out.stdout.trim(), "0");

    // Two users, two stores: neither sees the other's containers.
    alone.ok(&[
        "run",
        "-d",
        "--name",
        "mine",
        "--network",
        "none",
        &base,
        "sleep",
        "1000",
    ]);
    other.ok(&["pull", "-q", &base]);
    other.ok(&[
        "create",
        "--name",
        "theirs",
        "--network",
        "none",
        &base,
        "true",
    ]);
    let names = |u: &User| u.ok(&["ps", "-a", "--format", "{{.Names}}"]).stdout;
    assert_eq!(names(&alone).trim(), "mine");
    assert_eq!(names(&other).trim(), "theirs");
    // Nor can one reach the other's store by pointing at it.
    let foreign = alone.store().display().to_string();
    let out = other.ctl(&["--root", &foreign, "ps", "-a"]);
    assert_ne!(out.code, Some(0), "{out}");
    assert!(!out.stdout.contains("mine"), "{out}");
    let out = other.ctl(&["stop", "mine"]);
    out.failure(125);

    alone.stop_everything();
    other.stop_everything();
}

#[test]
fn run_state_falls_back_to_tmp_without_xdg_runtime_dir() {
    let user = User::create(true);
    let fallback = std::path::PathBuf::from(format!("/tmp/ctl-{}", user.uid));
    let run = |args: &[&str]| {
        let mut c = user.command(args);
        c.env_remove("XDG_RUNTIME_DIR");
        Ctl::run_command(c, args, None)
    };
    let out = run(&["info", "--format", "json"]);
    out.success();
    assert_eq!(
        out.json()["store"]["runRoot"],
        fallback.display().to_string()
    );
    let warnings: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("Warning:"))
        .collect();
    assert_eq!(warnings.len(), 1, "{out}");
    assert!(warnings[0].contains("XDG_RUNTIME_DIR"), "{out}");
    let m = std::fs::metadata(&fallback).unwrap();
    assert_eq!((m.mode() & 0o777, m.uid()), (0o700, user.uid));
    assert!(user.processes().iter().any(|(_, n)| n == "ctl-pause"));
    let again = run(&["ps"]);
    again.success();
    assert!(!again.stderr.contains("Warning"), "{again}");
    run(&["system", "migrate"]).success();
    assert!(user.processes().is_empty(), "{:?}", user.processes());
}
