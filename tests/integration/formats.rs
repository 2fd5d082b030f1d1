//! Image formats: OCI and Docker v2 schema 2 media types; gzip, zstd and uncompressed
//! layers; platform selection from an image index. Output formats (`--format` templates):
//! `templates`.

mod templates;

use serde_json::json;

use crate::common::fixtures::{host_arch, text_layer};
use crate::common::{registry, Compression, Ctl, Image, Registry};

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|s| s.as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn platform_is_chosen_from_an_index() {
    let reg = Registry::start();
    let amd = Image::base()
        .with_layer(text_layer("etc/platform", "amd64\n"))
        .platform("amd64", None);
    let arm = Image::base()
        .with_layer(text_layer("etc/platform", "arm64\n"))
        .platform("arm64", Some("v8"));
    let index = registry::push_index(&reg, "multi/app", "latest", &[amd.clone(), arm.clone()]);
    let r = reg.reference("multi/app:latest");

    if let Some(host) = [&amd, &arm]
        .into_iter()
        .find(|i| i.architecture == host_arch())
    {
        let ctl = Ctl::new();
        assert_eq!(ctl.pull(&r), host.id(), "the host's platform by default");
        let v = ctl.inspect(&r);
        assert_eq!(v["Architecture"], json!(host_arch()));
        let index_digest = format!("{}/multi/app@{index}", reg.addr);
        assert!(strings(&v["RepoDigests"]).contains(&index_digest), "{v:#}");
    }

    for platform in ["linux/arm64", "linux/arm64/v8"] {
        let ctl = Ctl::new();
        let out = ctl.ok(&["pull", "-q", "--platform", platform, &r]);
        assert_eq!(out.stdout.trim(), arm.id(), "--platform {platform}");
        let v = ctl.inspect(&r);
        assert_eq!(v["Architecture"], json!("arm64"));
        ctl.assert_layers_of(&arm);
    }
}

#[test]
fn platform_missing_from_the_index_is_named_in_the_error() {
    let reg = Registry::start();
    let arm = Image::base().platform("arm64", Some("v8"));
    let ppc = Image::base().platform("ppc64le", None);
    registry::push_index(&reg, "multi/other", "latest", &[arm, ppc]);
    let ctl = Ctl::new();
    let r = reg.reference("multi/other:latest");
    let out = ctl.run(&["pull", "-q", "--platform", "linux/s390x", &r]);
    out.failure(125);
    let line = out.one_line_error();
    assert!(
        line.contains("linux/s390x"),
        "the error names the platform asked for: {line}"
    );
    assert!(ctl.images().is_empty());
    assert!(ctl.layer_dirs().is_empty());
}

fn pull_and_check(img: &Image, repo_tag: &str) {
    let reg = Registry::start();
    let digest = reg.push(repo_tag, img);
    let ctl = Ctl::new();
    let r = reg.reference(repo_tag);
    assert_eq!(ctl.pull(&r), img.id());
    ctl.assert_layers_of(img);
    let v = ctl.inspect(&r);
    assert_eq!(strings(&v["RootFS"]["Layers"]), img.diff_ids());
    let name = r.rsplit_once(':').unwrap().0;
    assert!(
        strings(&v["RepoDigests"]).contains(&format!("{name}@{digest}")),
        "{v:#}"
    );
    ctl.assert_store_consistent();
}

#[test]
fn zstd_layers() {
    pull_and_check(
        &Image::busybox().compression(Compression::Zstd),
        "comp/zstd:1",
    );
}

#[test]
fn uncompressed_layers() {
    pull_and_check(
        &Image::busybox().compression(Compression::None),
        "comp/plain:1",
    );
}

#[test]
fn mixed_compression_in_one_image() {
    let mut img = Image::busybox();
    img.layers[1] = img.layers[1].recompress(Compression::Zstd);
    img.layers[2] = img.layers[2].recompress(Compression::None);
    pull_and_check(&img, "comp/mixed:1");
}

#[test]
fn docker_schema2_media_types() {
    pull_and_check(&Image::busybox().docker(), "docker/v2s2:1");
    let plain = Image::busybox().docker().compression(Compression::None);
    pull_and_check(&plain, "docker/v2s2-tar:1");
}

#[test]
fn the_same_layer_twice_in_one_image() {
    // Real images repeat identical layers (the same COPY twice): same blob, same diff id,
    // different chain ids.
    let twice = text_layer("etc/again", "same bytes\n");
    let img = Image::base()
        .with_layer(twice.clone())
        .with_layer(text_layer("etc/between", "b\n"))
        .with_layer(twice);
    pull_and_check(&img, "dup/layers:1");
}
