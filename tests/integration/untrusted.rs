//! Registries, images and files that lie: declared sizes that do not match the blob, an
//! image for another platform than asked, names and contents full of terminal escape
//! sequences. Each is a one-line error (exit 125) that quotes nothing raw, and nothing of
//! it is stored.

use std::time::{Duration, Instant};

use tar::EntryType;

use crate::common::fixtures::{random_layer, text_layer};
use crate::common::registry::push;
use crate::common::{hex_of, Compression, Ctl, Fault, Image, LayerBuilder, Out, Proxy, Registry};

/// A one-line error without a raw control character, escape or bell.
fn assert_clean_error(out: &Out) -> String {
    out.failure(125);
    let line = out.one_line_error();
    assert!(
        !out.stderr.trim_end().chars().any(char::is_control),
        "raw control characters reached stderr:\n{:?}",
        out.stderr
    );
    line
}

fn assert_nothing_stored(ctl: &Ctl) {
    ctl.assert_store_consistent();
    assert!(ctl.images().is_empty(), "{:?}", ctl.images());
    assert!(ctl.layer_dirs().is_empty(), "{:?}", ctl.layer_dirs());
}

#[test]
fn a_layer_of_another_size_than_declared_is_refused() {
    let reg = Registry::start();
    let img = Image::base().with_layer(text_layer("etc/sized", &"x".repeat(5000)));
    let layer = img.layers[1].digest();
    for (repo, delta) in [("sized/shorter:1", -100i64), ("sized/longer:1", 100)] {
        let mut manifest = img.manifest();
        manifest.layers[1].size += delta;
        push(&reg, repo, &img, Some(manifest));
        let ctl = Ctl::new();
        let out = ctl.run(&["pull", "-q", &reg.reference(repo)]);
        let line = assert_clean_error(&out);
        assert!(line.contains(&layer), "names the layer: {line}");
        assert!(line.contains("declares"), "{line}");
        assert!(
            !ctl.layer_dirs().contains(hex_of(&img.chain_ids()[1])),
            "{delta}: the layer was stored"
        );
        assert!(ctl.images().is_empty());
        ctl.assert_store_consistent();
    }
}

#[test]
fn a_config_of_another_size_than_declared_is_refused() {
    let reg = Registry::start();
    let img = Image::base();
    for (repo, delta) in [("cfg/shorter:1", -10i64), ("cfg/longer:1", 10)] {
        let mut manifest = img.manifest();
        manifest.config.size += delta;
        push(&reg, repo, &img, Some(manifest));
        let ctl = Ctl::new();
        let out = ctl.run(&["pull", "-q", &reg.reference(repo)]);
        let line = assert_clean_error(&out);
        assert!(line.contains(&img.config_digest()), "{line}");
        assert!(line.contains("declares"), "{line}");
        assert_nothing_stored(&ctl);
    }
}

#[test]
fn a_manifest_of_another_size_than_its_index_declares_is_refused() {
    use crate::common::fixtures::OCI_INDEX;
    use crate::common::registry::push_raw_manifest;
    let reg = Registry::start();
    let img = Image::base();
    let digest = reg.push("idx/app:host", &img);
    let size = reg.manifest("idx/app", &digest).len() as i64;
    for (tag, declared) in [("shorter", size - 10), ("longer", size + 10)] {
        let index = serde_json::json!({
            "schemaVersion": 2,
            "mediaType": OCI_INDEX,
            "manifests": [{
                "mediaType": img.manifest_media_type(),
                "digest": digest,
                "size": declared,
                "platform": {"architecture": img.architecture, "os": img.os},
            }],
        });
        let body = serde_json::to_vec(&index).unwrap();
        push_raw_manifest(&reg, "idx/app", tag, &body, OCI_INDEX);
        let ctl = Ctl::new();
        let out = ctl.run(&["pull", "-q", &reg.reference(&format!("idx/app:{tag}"))]);
        let line = assert_clean_error(&out);
        assert!(line.contains(&format!("manifest {digest}")), "{line}");
        assert!(line.contains(&format!("declares {declared}")), "{line}");
        assert_nothing_stored(&ctl);
    }
}

/// A blob far longer than declared is not read to its end: the pull fails about when the
/// declared size is passed, not after the whole (slowly served) blob.
#[test]
fn reading_stops_just_past_the_declared_size() {
    let reg = Registry::start();
    let img = Image::base().with_layer(random_layer("long.bin", 8 << 20, 11));
    let mut manifest = img.manifest();
    manifest.layers[1].size = 4096;
    push(&reg, "sized/endless:1", &img, Some(manifest));
    // 8 MiB at 256 KiB/s would take half a minute.
    let proxy = Proxy::start(
        &reg.addr,
        Fault::Throttle {
            bytes_per_sec: 256 << 10,
        },
    );
    let ctl = Ctl::new();
    let start = Instant::now();
    let out = ctl.run(&["pull", "-q", &proxy.reference("sized/endless:1")]);
    let took = start.elapsed();
    let line = assert_clean_error(&out);
    assert!(line.contains("longer than the 4096 bytes"), "{line}");
    assert!(took < Duration::from_secs(15), "took {took:?}");
    assert!(!ctl.layer_dirs().contains(hex_of(&img.chain_ids()[1])));
}

#[test]
fn a_single_platform_image_of_another_platform_is_refused() {
    let reg = Registry::start();
    let img = Image::base();
    reg.push("plat/host-only:1", &img);
    let r = reg.reference("plat/host-only:1");
    let ctl = Ctl::new();
    let out = ctl.run(&["pull", "-q", "--platform", "linux/s390x", &r]);
    let line = assert_clean_error(&out);
    assert!(line.contains("linux/s390x"), "{line}");
    assert!(
        line.contains(&format!("linux/{}", img.architecture)),
        "{line}"
    );
    assert_nothing_stored(&ctl);
    // Asking for its own platform, or for none, pulls it.
    let host = format!("linux/{}", img.architecture);
    let out = ctl.ok(&["pull", "-q", "--platform", &host, &r]);
    assert_eq!(out.stdout.trim(), img.id());
}

/// The text a hostile source would like a terminal to act on: clear the screen, set the
/// window title, ring, and start a forged line.
const HOSTILE: &str = "\x1b[2J\x1b]0;owned\x07\nError: forged";

#[test]
fn escape_sequences_in_entry_names_are_shown_escaped() {
    let reg = Registry::start();
    // A hard link to a target the layer does not have is refused, naming the entry.
    let name = format!("x{HOSTILE}");
    let layer = LayerBuilder::new()
        .raw(&name, EntryType::Link, b"", Some("no/such/target"))
        .layer(Compression::Gzip);
    let img = Image::base().with_layer(layer);
    reg.push("hostile/names:1", &img);
    let ctl = Ctl::new();
    let out = ctl.run(&["pull", "-q", &reg.reference("hostile/names:1")]);
    let line = assert_clean_error(&out);
    assert!(
        line.contains("\\x1b[2J\\x1b]0;owned\\x07\\nError: forged"),
        "{line}"
    );
    assert!(!ctl.layer_dirs().contains(hex_of(&img.chain_ids()[1])));
}

#[test]
fn importing_a_file_that_is_not_a_tarball_does_not_print_it() {
    let ctl = Ctl::new();
    let file = ctl.dir().join("secrets.txt");
    let content = format!("root:secret-hash:0:0\n{HOSTILE}\n{}\n", "line\n".repeat(50));
    std::fs::write(&file, &content).unwrap();
    let out = ctl.run(&["import", file.to_str().unwrap(), "x"]);
    let line = assert_clean_error(&out);
    assert!(line.contains("not a tar archive"), "{line}");
    assert!(
        !line.contains("secret-hash") && !line.contains("owned"),
        "{line}"
    );
    assert_nothing_stored(&ctl);
}

#[test]
fn an_image_command_with_escape_sequences_is_listed_escaped() {
    let mut img = Image::base();
    img.cmd = vec!["sh".into(), "-c".into(), format!("true {HOSTILE}")];
    let w = crate::common::WithImage::pulled(img, "hostile/cmd:1");
    w.ctl
        .ok(&["create", "--network", "none", "--name", "c", &w.reference]);
    let out = w.ctl.ok(&["ps", "-a"]);
    assert_eq!(out.lines().len(), 2, "one row per container:\n{out}");
    assert!(
        !out.lines().concat().chars().any(char::is_control),
        "{:?}",
        out.stdout
    );
    assert!(out.stdout.contains("\\x1b"), "{out}");
    w.ctl.ok(&["rm", "-f", "c"]);
}
