//! `--hosts-file` and containers.conf's `base_hosts_file`, as podman-run(1) describes them:
//! the base /etc/hosts is a host file, nothing (`none`) or the image's (`image`); the flag
//! overrides the configuration, and cannot go with `--no-hosts`.

use super::{assert_no_containers, assert_refused};
use crate::common::{Compression, Image, LayerBuilder, WithImage};

/// busybox whose /etc/hosts names `fromimage`.
fn hosts_image() -> WithImage {
    let layer = LayerBuilder::new()
        .dir("etc", 0o755)
        .file("etc/hosts", b"10.9.8.7 fromimage\n", 0o644)
        .layer(Compression::Gzip);
    WithImage::pulled(Image::base().with_layer(layer), "fixtures/hosts:latest")
}

/// /etc/hosts of a `run --rm EXTRA... IMAGE`.
fn hosts(w: &WithImage, extra: &[&str]) -> String {
    let mut args = vec!["run", "--rm"];
    args.extend_from_slice(extra);
    args.extend([w.reference.as_str(), "cat", "/etc/hosts"]);
    w.ctl.ok(&args).stdout
}

#[test]
fn hosts_file_is_the_base_of_etc_hosts() {
    let w = hosts_image();
    let file = w.ctl.dir().join("base-hosts");
    std::fs::write(&file, "10.1.2.3 fromfile # a comment\n").unwrap();
    let file = file.to_str().unwrap();
    let none = ["--network", "none"];

    let h = hosts(&w, &[&none[..], &["--hosts-file", file]].concat());
    assert!(h.contains("10.1.2.3\tfromfile\n"), "{h}");
    assert!(!h.contains("fromimage"), "{h}");
    // Its own names still follow the base's.
    assert!(h.contains("127.0.0.1\tlocalhost\n"), "{h}");

    let h = hosts(&w, &[&none[..], &["--hosts-file", "image"]].concat());
    assert!(h.contains("10.9.8.7\tfromimage\n"), "{h}");
    assert!(!h.contains("fromfile"), "{h}");

    let h = hosts(&w, &[&none[..], &["--hosts-file=none"]].concat());
    assert!(!h.contains("fromimage") && !h.contains("fromfile"), "{h}");
    assert!(h.contains("localhost"), "{h}");

    // On a bridge network /etc/hosts is written again at the start, from the same base.
    if crate::common::is_root() {
        let h = hosts(&w, &["--hosts-file", file]);
        assert!(h.contains("10.1.2.3\tfromfile\n"), "{h}");
    }
    assert_no_containers(&w);
}

#[test]
fn base_hosts_file_in_the_configuration_and_the_flag_over_it() {
    let w = hosts_image();
    w.ctl
        .write_config("[containers]\nbase_hosts_file = \"image\"\n");
    let none = ["--network", "none"];
    let h = hosts(&w, &none);
    assert!(h.contains("10.9.8.7\tfromimage\n"), "{h}");
    let h = hosts(&w, &[&none[..], &["--hosts-file", "none"]].concat());
    assert!(!h.contains("fromimage"), "{h}");
    // An empty flag follows the configuration.
    let h = hosts(&w, &[&none[..], &["--hosts-file="]].concat());
    assert!(h.contains("fromimage"), "{h}");
}

#[test]
fn hosts_file_refusals() {
    let w = hosts_image();
    let r = w.reference.as_str();
    let out = w.ctl.run(&[
        "run",
        "--rm",
        "--no-hosts",
        "--hosts-file",
        "none",
        r,
        "true",
    ]);
    assert_refused(
        &w,
        &out,
        "--no-hosts and --hosts-file cannot be set together",
    );
    let out = w
        .ctl
        .run(&["create", "--hosts-file", "relative/hosts", r, "true"]);
    assert_refused(
        &w,
        &out,
        "invalid hosts file \"relative/hosts\": must be an absolute path, \"none\" or \"image\"",
    );
    // A base that is not there: the container is not made (podman fails at its start).
    let missing = w.ctl.dir().join("no-such-hosts");
    let out = w.ctl.run(&[
        "create",
        "--network",
        "none",
        "--hosts-file",
        missing.to_str().unwrap(),
        r,
        "true",
    ]);
    out.failure(125);
    assert!(out.one_line_error().contains("no-such-hosts"), "{out}");
    assert_no_containers(&w);
}
