//! Concurrency and faults: parallel pulls, SIGKILL at any moment, a registry that drops the
//! connection mid-blob, corrupted blobs, images whose config lies about their layers.

use std::collections::BTreeSet;
use std::time::Duration;

use crate::common::fixtures::{extra_layer, random_layer};
use crate::common::{hex_of, sha256, Compression, Ctl, Fault, Image, Out, Proxy, Registry};

/// A store after a failed pull: no layer of `failed` chain ids, no half records, no image,
/// no staging left behind, and the layers present before still there.
fn assert_nothing_stored(ctl: &Ctl, before: &BTreeSet<String>, images_before: usize) {
    ctl.assert_store_consistent();
    assert_eq!(
        &ctl.layer_dirs(),
        before,
        "no new layer dirs after a failed pull"
    );
    assert_eq!(
        ctl.images().len(),
        images_before,
        "no new image after a failed pull"
    );
    assert!(
        ctl.tmp_entries().is_empty(),
        "staging left: {:?}",
        ctl.tmp_entries()
    );
}

/// The layer digest, short, as errors show it at least.
fn short(digest: &str) -> &str {
    &hex_of(digest)[..12]
}

#[test]
fn concurrent_pulls_of_one_image_both_succeed() {
    let reg = Registry::start();
    let img = Image::busybox().with_layer(random_layer("conc.bin", 4 << 20, 7));
    reg.push("conc/app:1", &img);
    // Slow blobs so that both pulls are downloading and committing the same layers at once.
    let proxy = Proxy::start(
        &reg.addr,
        Fault::Throttle {
            bytes_per_sec: 16 << 20,
        },
    );
    let r = proxy.reference("conc/app:1");
    for _round in 0..3 {
        let ctl = Ctl::new();
        let args = ["pull", "-q", r.as_str()];
        let a = ctl.spawn(&args);
        let b = ctl.spawn(&args);
        for out in [Out::wait(&args, a), Out::wait(&args, b)] {
            out.success();
            assert_eq!(out.stdout.trim(), img.id(), "{out}");
        }
        let images = ctl.images();
        assert_eq!(images.len(), 1, "one image: {images:?}");
        assert_eq!(ctl.layer_dirs(), Ctl::chain_dirs(&img));
        ctl.assert_layers_of(&img);
        ctl.assert_store_consistent();
        assert!(
            ctl.tmp_entries().is_empty(),
            "staging left: {:?}",
            ctl.tmp_entries()
        );
        assert_eq!(ctl.pull(&r), img.id());
    }
}

#[test]
fn sigkill_at_any_moment_leaves_no_half_layer() {
    let reg = Registry::start();
    let img = Image::busybox().with_layer(random_layer("kill.bin", 6 << 20, 11));
    reg.push("kill/app:1", &img);
    let proxy = Proxy::start(&reg.addr, Fault::Forward);
    let r = proxy.reference("kill/app:1");
    let chains = img.chain_ids();
    // Fixed moments plus a few pseudo-random ones (seeded by the clock).
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64;
    let mut delays = vec![0, 20, 50, 120, 250, 500, 900, 1400];
    delays.extend(
        crate::common::random_bytes(3 * 8, seed)
            .chunks(8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap()) % 1500),
    );
    for delay in delays {
        let ctl = Ctl::new();
        proxy.set(Fault::Throttle {
            bytes_per_sec: 6 << 20,
        });
        let mut child = ctl.spawn(&["pull", "-q", &r]);
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();

        // Whatever is visible is whole: each layer dir is complete and exact.
        ctl.assert_store_consistent();
        for (layer, chain) in img.layers.iter().zip(&chains) {
            let diff = ctl.layer_diff(chain);
            if diff.parent().unwrap().exists() {
                let d = crate::common::tree::differences(&diff, &layer.tar);
                assert!(d.is_empty(), "killed after {delay} ms: half layer: {d:?}");
            }
        }
        let images = ctl.images();
        assert!(
            images.is_empty() || images.len() == 1,
            "killed after {delay} ms: {images:?}"
        );

        // The next pull completes and cleans up what the killed one staged.
        proxy.set(Fault::Forward);
        assert_eq!(ctl.pull(&r), img.id(), "pull after a kill at {delay} ms");
        ctl.assert_layers_of(&img);
        assert_eq!(ctl.layer_dirs(), Ctl::chain_dirs(&img));
        assert!(
            ctl.tmp_entries().is_empty(),
            "killed after {delay} ms: staging left after the next pull: {:?}",
            ctl.tmp_entries()
        );
    }
}

#[test]
fn dropped_connection_mid_blob_is_a_clear_error_and_a_retry_works() {
    let reg = Registry::start();
    let img = Image::busybox();
    reg.push("drop/app:1", &img);
    let target = img.layers[0].digest();
    let proxy = Proxy::start(
        &reg.addr,
        Fault::Cut {
            digest: Some(target.clone()),
            after: 64 * 1024,
        },
    );
    let r = proxy.reference("drop/app:1");
    let ctl = Ctl::new();

    let out = ctl.run(&["pull", "-q", &r]);
    out.failure(125);
    let line = out.one_line_error();
    assert!(
        line.contains(short(&target)),
        "the error names the layer: {line}"
    );
    assert!(proxy.fired() >= 1, "the proxy cut a download");
    assert!(!ctl.layer_dirs().contains(hex_of(&img.chain_ids()[0])));
    assert!(ctl.images().is_empty());
    ctl.assert_store_consistent();

    proxy.set(Fault::Forward);
    assert_eq!(ctl.pull(&r), img.id(), "the retry succeeds");
    ctl.assert_layers_of(&img);
    assert!(ctl.tmp_entries().is_empty());
}

/// Pulls `base` (so it is stored), then `img` through a proxy applying `fault` to the blob
/// of `img.layers[target]`; asserts the pull fails naming that layer, stores nothing, and
/// that the same pull without the fault succeeds. Returns the error line.
fn corrupt_pull(repo: &str, img: &Image, target: usize, fault: Fault) -> String {
    let reg = Registry::start();
    let base = Image::base();
    reg.push(&format!("{repo}-base:1"), &base);
    reg.push(&format!("{repo}:1"), img);
    let proxy = Proxy::start(&reg.addr, Fault::Forward);
    let ctl = Ctl::new();
    ctl.pull(&proxy.reference(&format!("{repo}-base:1")));
    let before = ctl.layer_dirs();

    proxy.set(fault);
    let r = proxy.reference(&format!("{repo}:1"));
    let out = ctl.run(&["pull", "-q", &r]);
    out.failure(125);
    let line = out.one_line_error();
    assert_eq!(proxy.fired(), 1, "the fault hit the layer's download");
    let digest = img.layers[target].digest();
    assert!(
        line.contains(short(&digest)),
        "the error names the layer {digest}: {line}"
    );
    assert_nothing_stored(&ctl, &before, 1);

    proxy.set(Fault::Forward);
    assert_eq!(ctl.pull(&r), img.id());
    ctl.assert_layers_of(img);
    line
}

#[test]
fn corrupted_blob_is_a_digest_mismatch_and_nothing_is_stored() {
    // Byte 4 of a gzip stream is in its header's MTIME: the data still decompresses to
    // the right tar, so only the blob digest can catch it.
    let img = Image::base().with_layer(extra_layer());
    let digest = img.layers[1].digest();
    let line = corrupt_pull(
        "corrupt/gzhead",
        &img,
        1,
        Fault::Flip {
            digest: Some(digest),
            offset: 4,
        },
    );
    assert!(line.contains("digest mismatch"), "{line}");
}

#[test]
fn corrupted_compressed_data_is_refused() {
    let img = Image::base().with_layer(extra_layer());
    let layer = &img.layers[1];
    corrupt_pull(
        "corrupt/gzbody",
        &img,
        1,
        Fault::Flip {
            digest: Some(layer.digest()),
            offset: layer.blob.len() / 2,
        },
    );
}

#[test]
fn corrupted_uncompressed_layer_is_a_digest_mismatch() {
    let img = Image::base().with_layer(extra_layer().recompress(Compression::None));
    let layer = &img.layers[1];
    // A byte of file content: tar headers' checksums do not cover it.
    let offset = layer
        .blob
        .windows(5)
        .position(|w| w == b"hello")
        .expect("file content in the tar");
    let line = corrupt_pull(
        "corrupt/plain",
        &img,
        1,
        Fault::Flip {
            digest: Some(layer.digest()),
            offset,
        },
    );
    assert!(line.contains("digest mismatch"), "{line}");
}

#[test]
fn config_with_a_wrong_diff_id_is_refused() {
    let reg = Registry::start();
    let base = Image::base();
    reg.push("hostile/base:1", &base);
    let mut img = Image::base().with_layer(extra_layer());
    let wrong = sha256(b"not the layer");
    img.diff_ids_override = Some(vec![img.layers[0].diff_id(), wrong.clone()]);
    reg.push("hostile/app:1", &img);
    let ctl = Ctl::new();
    ctl.pull(&reg.reference("hostile/base:1"));
    let before = ctl.layer_dirs();

    let out = ctl.run(&["pull", "-q", &reg.reference("hostile/app:1")]);
    out.failure(125);
    let line = out.one_line_error();
    assert!(
        line.contains(short(&img.layers[1].digest())),
        "names the layer: {line}"
    );
    assert!(line.contains("mismatch"), "{line}");
    assert_nothing_stored(&ctl, &before, 1);
}

#[test]
fn layers_download_concurrently() {
    let reg = Registry::start();
    let mut img = Image::base();
    for seed in 1..=3 {
        img = img.with_layer(random_layer(&format!("part{seed}.bin"), 1 << 20, seed));
    }
    reg.push("conc/layers:1", &img);
    let proxy = Proxy::start(
        &reg.addr,
        Fault::Throttle {
            bytes_per_sec: 2 << 20,
        },
    );
    let ctl = Ctl::new();
    assert_eq!(ctl.pull(&proxy.reference("conc/layers:1")), img.id());
    assert!(
        proxy.max_concurrent_blobs() >= 2,
        "layers were downloaded one at a time (at most {} at once)",
        proxy.max_concurrent_blobs()
    );
    ctl.assert_layers_of(&img);
}
