//! `ctl push` (podman-push(1)) to a real registry: what is pushed pulls back into another
//! store as the same image, blobs the registry has are not sent again, `--format`,
//! `--compression-format`, `--digestfile`, uploads cut by the registry side, refusals.

use serde_json::Value;

use crate::common::fixtures::random_layer;
use crate::common::{sha256, Ctl, Fault, Image, Proxy, Registry, WithImage};

/// The blob uploads (`PUT /v2/<repo>/blobs/uploads/...`) of `repo` in the registry's log.
fn blob_puts(reg: &Registry, repo: &str) -> usize {
    reg.log_barrier();
    let needle = format!("\"PUT /v2/{repo}/blobs/uploads/");
    reg.log().lines().filter(|l| l.contains(&needle)).count()
}

fn manifest(reg: &Registry, repo: &str, tag: &str) -> (Vec<u8>, Value) {
    let raw = reg.manifest(repo, tag);
    let v = serde_json::from_slice(&raw).expect("manifest is JSON");
    (raw, v)
}

fn layer_types(m: &Value) -> Vec<String> {
    m["layers"]
        .as_array()
        .expect("layers")
        .iter()
        .map(|l| l["mediaType"].as_str().expect("mediaType").to_string())
        .collect()
}

/// `ctl run --rm IMAGE cat /etc/motd` in `ctl`'s store.
fn motd(ctl: &Ctl, image: &str) -> String {
    ctl.ok(&["run", "--rm", image, "cat", "/etc/motd"]).stdout
}

/// The image a fresh store pulls from `reference`; its id.
fn pull_fresh(reference: &str) -> (Ctl, String) {
    let other = Ctl::new();
    let id = other.pull(reference);
    (other, id)
}

#[test]
fn pushed_image_pulls_back_as_the_same_image_and_runs_the_same() {
    let w = WithImage::busybox();
    let dest = w.registry.reference("pushed/busybox:1");
    let digestfile = w.ctl.dir().join("digest");
    let out = w.ctl.ok(&[
        "push",
        "--digestfile",
        digestfile.to_str().unwrap(),
        &w.reference,
        &dest,
    ]);
    assert!(
        out.stdout.is_empty(),
        "push prints nothing on stdout\n{out}"
    );
    out.stderr_has("Getting image source signatures")
        .stderr_has("Writing manifest to image destination");
    let (raw, m) = manifest(&w.registry, "pushed/busybox", "1");
    let written = std::fs::read_to_string(&digestfile).expect("digest file");
    assert_eq!(
        written,
        sha256(&raw),
        "--digestfile holds the manifest digest"
    );
    assert_eq!(m["mediaType"], "application/vnd.oci.image.manifest.v1+json");

    // The layers were pulled from another repository of this registry: mounted, as they
    // were, not compressed and sent again.
    let pulled: Vec<String> = w.image.layers.iter().map(|l| l.digest()).collect();
    let pushed: Vec<String> = m["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["digest"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(pushed, pulled, "the pulled blobs are reused\n{m:#}");
    assert_eq!(
        blob_puts(&w.registry, "pushed/busybox"),
        0,
        "no layer uploaded"
    );

    let (other, id) = pull_fresh(&dest);
    assert_eq!(id, w.image.id(), "same image id after push and pull");
    assert_eq!(motd(&other, &dest), motd(&w.ctl, &w.reference));
    let v = other.inspect(&dest);
    let repo_digest = format!("{}/pushed/busybox@{written}", w.registry.addr);
    assert!(v["RepoDigests"].to_string().contains(&repo_digest), "{v:#}");
}

#[test]
fn a_second_push_sends_no_blob_and_reuses_the_compressed_copies() {
    let w = WithImage::busybox();
    // Tagged under a name of its own registry's repository: no name to mount from.
    let fresh = Registry::start();
    let dest = fresh.reference("app/busybox:1");
    let out = w.ctl.ok(&["push", &w.reference, &dest]);
    let layers = w.image.layers.len();
    assert_eq!(
        out.stderr.matches(" done").count(),
        layers + 1,
        "every layer and the config sent\n{out}"
    );
    assert_eq!(
        blob_puts(&fresh, "app/busybox"),
        layers + 1,
        "layers and config"
    );
    let copies = compressed_copies(&w.ctl);
    assert_eq!(
        copies.len(),
        layers,
        "one compressed copy per layer: {copies:?}"
    );

    let out = w.ctl.ok(&["push", &w.reference, &dest]);
    assert_eq!(
        out.stderr.matches("skipped: already exists").count(),
        layers,
        "{out}"
    );
    assert_eq!(
        blob_puts(&fresh, "app/busybox"),
        layers + 1,
        "nothing sent again"
    );
    assert_eq!(
        compressed_copies(&w.ctl),
        copies,
        "nothing compressed again"
    );

    // To another repository: the copies are sent, not compressed again.
    let other = fresh.reference("app/other:2");
    w.ctl.ok(&["push", "-q", &w.reference, &other]);
    assert_eq!(compressed_copies(&w.ctl), copies);
    let (_, id) = pull_fresh(&other);
    assert_eq!(id, w.image.id());
}

/// The compressed copies in the store, with their modification times.
fn compressed_copies(ctl: &Ctl) -> Vec<(String, std::time::SystemTime)> {
    let mut out = Vec::new();
    for layer in ctl.layer_dirs() {
        let dir = ctl.root.join("layers").join(&layer).join("compressed");
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let mtime = e.metadata().unwrap().modified().unwrap();
            out.push((e.file_name().to_string_lossy().into_owned(), mtime));
        }
    }
    out.sort();
    out
}

#[test]
fn format_picks_the_manifest_type_and_zstd_compresses_with_zstd() {
    let w = WithImage::busybox();
    let reg = &w.registry;
    w.ctl.ok(&[
        "push",
        "-q",
        "--format",
        "v2s2",
        &w.reference,
        &reg.reference("f/docker:1"),
    ]);
    let (_, m) = manifest(reg, "f/docker", "1");
    assert_eq!(
        m["mediaType"],
        "application/vnd.docker.distribution.manifest.v2+json"
    );
    assert_eq!(
        m["config"]["mediaType"],
        "application/vnd.docker.container.image.v1+json"
    );
    assert!(layer_types(&m)
        .iter()
        .all(|t| t == "application/vnd.docker.image.rootfs.diff.tar.gzip"));
    let (_, id) = pull_fresh(&reg.reference("f/docker:1"));
    assert_eq!(id, w.image.id());

    w.ctl.ok(&[
        "push",
        "-q",
        "--format=oci",
        "--compression-format",
        "zstd",
        &w.reference,
        &reg.reference("f/zstd:1"),
    ]);
    let (_, m) = manifest(reg, "f/zstd", "1");
    assert_eq!(m["mediaType"], "application/vnd.oci.image.manifest.v1+json");
    assert!(
        layer_types(&m)
            .iter()
            .all(|t| t == "application/vnd.oci.image.layer.v1.tar+zstd"),
        "{m:#}"
    );
    let first = m["layers"][0]["digest"].as_str().unwrap();
    let (status, blob) = reg.get(&format!("/v2/f/zstd/blobs/{first}"), "*/*");
    assert_eq!(status, 200);
    assert_eq!(&blob[..4], &[0x28, 0xb5, 0x2f, 0xfd], "a zstd frame");
    let (other, id) = pull_fresh(&reg.reference("f/zstd:1"));
    assert_eq!(id, w.image.id());
    assert_eq!(
        motd(&other, &reg.reference("f/zstd:1")),
        motd(&w.ctl, &w.reference)
    );
}

#[test]
fn an_upload_cut_by_the_registry_side_is_tried_again() {
    let w = WithImage::pulled(
        Image::busybox().with_layer(random_layer("push.bin", 2 << 20, 11)),
        "cut/app:1",
    );
    let fresh = Registry::start();
    let proxy = Proxy::start(&fresh.addr, Fault::CutUploads { times: 2 });
    let dest = proxy.reference("cut/app:1");
    let out = w
        .ctl
        .ok(&["push", "--retry-delay", "10ms", &w.reference, &dest]);
    assert_eq!(proxy.fired(), 2, "two uploads cut\n{out}");
    assert_eq!(out.stderr.matches("retrying in 10ms").count(), 2, "{out}");
    let (_, id) = pull_fresh(&fresh.reference("cut/app:1"));
    assert_eq!(id, w.image.id());

    // Cut every time: the tries run out, in one line, and the store is as it was.
    let proxy = Proxy::start(&fresh.addr, Fault::CutUploads { times: 1000 });
    let layers_before = w.ctl.layer_dirs();
    let copies = compressed_copies(&w.ctl);
    let out = w.ctl.run(&[
        "push",
        "--retry=1",
        "--retry-delay=1ms",
        "--compression-format=zstd",
        &w.reference,
        &proxy.reference("cut/zstd:1"),
    ]);
    out.failure(125);
    let line = out.error_line();
    assert!(line.contains("gave up after 2 tries"), "{out}");
    assert!(!line.contains("http://"), "no URL in the message: {out}");
    assert!(line.contains("writing blob"), "{out}");
    assert_eq!(w.ctl.layer_dirs(), layers_before);
    assert!(w.ctl.tmp_entries().is_empty(), "{:?}", w.ctl.tmp_entries());
    // The zstd copies made before the upload failed are whole, and kept for the next try.
    let now = compressed_copies(&w.ctl);
    assert!(
        now.len() > copies.len() && now.len() <= 2 * copies.len(),
        "{now:?}"
    );
}

#[test]
fn pushing_without_credentials_is_refused_as_podman_says() {
    let w = WithImage::busybox();
    let private = Registry::start_with_auth("pusher", "pw");
    let dest = private.reference("private/app:1");
    let out = w.ctl.run(&["push", &w.reference, &dest]);
    out.failure(125);
    // podman too says it is getting signatures before the registry refuses.
    let line = out.error_line();
    assert!(line.contains("authentication required"), "{out}");
    assert!(!line.contains("http://"), "no URL in the message: {out}");
    w.ctl
        .ok(&["push", "-q", "--creds", "pusher:pw", &w.reference, &dest]);
    assert!(!private.manifest("private/app", "1").is_empty());
}

#[test]
fn refusals_are_one_line_in_podmans_words() {
    let ctl = Ctl::new();
    let out = ctl.run(&["push", "nosuch", "127.0.0.1:1/x:1"]);
    out.failure(125);
    assert_eq!(out.one_line_error(), "Error: nosuch: image not known");

    let w = WithImage::busybox();
    for (args, wanted) in [
        (
            vec!["push", &w.reference, "oci-archive:/tmp/x.tar"],
            "unsupported transport \"oci-archive\"",
        ),
        (
            vec!["push", "--format", "xml", &w.reference],
            "unknown format \"xml\"",
        ),
        (
            vec!["push", "--compression-format", "lz4", &w.reference],
            "unsupported compression format",
        ),
        (
            vec!["push", "--compression-level", "12", &w.reference],
            "invalid compression level 12 for gzip",
        ),
    ] {
        let out = w.ctl.run(&args);
        out.failure(125);
        assert!(out.one_line_error().contains(wanted), "{out}");
    }
    assert!(w.ctl.tmp_entries().is_empty());
}

#[test]
fn a_push_is_recorded_as_podmans_push_event() {
    let w = WithImage::busybox();
    let dest = w.registry.reference("ev/app:1");
    w.ctl.ok(&["push", "-q", &w.reference, &dest]);
    let out = w.ctl.ok(&[
        "events",
        "--stream=false",
        "--filter",
        "event=push",
        "--format",
        "{{.Type}} {{.Status}} {{.ID}} {{.Name}}",
    ]);
    assert_eq!(
        out.stdout.trim(),
        format!("image push {} {dest}", w.image.id()),
        "{out}"
    );
}
