//! Images of many layers: more than fit in one page of mount(2) options with full paths
//! (about 55), up to overlay's limit of 500, and the error beyond it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::common::fixtures::{base_layer, text_layer};
use crate::common::{ctl::mounts_under, Compression, Ctl, Image, LayerBuilder, WithImage};

/// An image of `n` layers: busybox first, then one tiny layer each adding `/layers/<i>`;
/// layer 1 writes /data/over and /data/gone, layer 100 (when there is one) overwrites
/// the first and whites out the second.
pub fn deep_image(n: usize) -> Image {
    let mut layers = vec![base_layer()];
    for i in 1..n {
        let mut b = LayerBuilder::new().dir("layers", 0o755).file(
            &format!("layers/{i}"),
            format!("{i}\n").as_bytes(),
            0o644,
        );
        if i == 1 || i == 100 {
            b = b
                .dir("data", 0o755)
                .file("data/over", format!("layer {i}\n").as_bytes(), 0o644);
        }
        b = match i {
            1 => b.file("data/gone", b"still here\n", 0o644),
            100 => b.whiteout("data/gone"),
            _ => b,
        };
        layers.push(b.layer(Compression::Gzip));
    }
    Image::new(layers)
}

/// What the deep image shows through its rootfs: layer count, the top copy of an
/// overwritten file, and whether a whited-out file is gone.
pub const DEEP_SCRIPT: &str =
    "ls /layers | wc -l; cat /data/over; test -e /data/gone && echo present || echo gone";

fn links(ctl: &Ctl) -> BTreeSet<String> {
    match std::fs::read_dir(ctl.root.join("layers/l")) {
        Ok(rd) => rd
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => BTreeSet::new(),
    }
}

#[test]
fn an_image_of_128_layers_runs_with_layers_in_order() {
    let w = WithImage::pulled(deep_image(128), "deep/layers:128");
    let ctl = &w.ctl;
    let run_deep = || {
        let args = [
            "run",
            "--rm",
            "--network",
            "none",
            &w.reference,
            "sh",
            "-c",
            DEEP_SCRIPT,
        ];
        let out = ctl.ok(&args);
        assert_eq!(out.stdout, "127\nlayer 100\ngone\n", "{out}");
    };
    run_deep();

    // A store from before short links existed (no l/, no link files) still runs it.
    std::fs::remove_dir_all(ctl.root.join("layers/l")).unwrap();
    for hex in Ctl::chain_dirs(&w.image) {
        std::fs::remove_file(ctl.root.join("layers").join(hex).join("link")).unwrap();
    }
    run_deep();
    assert!(ctl.ok(&["ps", "-aq"]).stdout.is_empty());
    assert!(mounts_under(ctl.dir()).is_empty());
}

#[test]
fn rmi_removes_the_layers_short_links() {
    let w = WithImage::pulled(deep_image(60), "deep/layers:60");
    let ctl = &w.ctl;
    // One link per layer, each naming its layer's diff.
    let names = links(ctl);
    assert_eq!(names.len(), 60, "{names:?}");
    let targets: BTreeSet<PathBuf> = names
        .iter()
        .map(|n| std::fs::read_link(ctl.root.join("layers/l").join(n)).unwrap())
        .collect();
    let want: BTreeSet<PathBuf> = Ctl::chain_dirs(&w.image)
        .iter()
        .map(|h| Path::new("..").join(h).join("diff"))
        .collect();
    assert_eq!(targets, want);
    ctl.assert_store_consistent();

    // A second image sharing the base keeps its link when the deep one goes.
    let small = Image::base().with_layer(text_layer("etc/small", "small\n"));
    w.registry.push("deep/small:1", &small);
    ctl.pull(&w.registry.reference("deep/small:1"));
    assert_eq!(links(ctl).len(), 61);
    ctl.ok(&["rmi", &w.reference]);
    let left = links(ctl);
    assert_eq!(left.len(), 2, "{left:?}");
    ctl.ok(&["rmi", &w.registry.reference("deep/small:1")]);
    assert!(links(ctl).is_empty(), "{:?}", links(ctl));
    assert!(ctl.layer_dirs().is_empty(), "{:?}", ctl.layer_dirs());
}

#[test]
fn more_layers_than_overlay_mounts_fail_at_run_and_leave_nothing() {
    let w = WithImage::pulled(deep_image(501), "deep/layers:501");
    let ctl = &w.ctl;
    for args in [
        vec!["run", "--rm", "--network", "none", &w.reference, "true"],
        vec![
            "create",
            "--name",
            "deep",
            "--network",
            "none",
            &w.reference,
        ],
    ] {
        let out = ctl.run(&args);
        out.failure(125);
        assert_eq!(
            out.one_line_error(),
            "Error: max depth exceeded: the image has 501 layers, at most 500 can be mounted",
            "{out}"
        );
        assert!(ctl.ok(&["ps", "-aq"]).stdout.is_empty());
        assert!(mounts_under(ctl.dir()).is_empty());
        let containers = std::fs::read_dir(ctl.root.join("containers"))
            .map(|rd| rd.count())
            .unwrap_or(0);
        assert_eq!(containers, 0);
    }
    // The name was not kept either.
    let names = std::fs::read_dir(ctl.root.join("names"))
        .map(|rd| rd.count())
        .unwrap_or(0);
    assert_eq!(names, 0);
}

/// The mount(2) fallback for kernels without `lowerdir+`: 128 layers named by short links
/// (made on demand, as for a store from before links) fit in one page, resolve in order,
/// and the process's working directory never changes.
#[test]
fn the_mount2_fallback_mounts_128_layers_through_short_links() {
    use ctl::container::overlay;
    use ctl::container::rootfs::Lower;
    let d = tempfile::tempdir().unwrap();
    let layers_dir = d.path().join("layers");
    let mut lowers = Vec::new();
    for i in 0..128 {
        let hex = format!("{i:064x}");
        let diff = layers_dir.join(&hex).join("diff");
        std::fs::create_dir_all(diff.join("layers")).unwrap();
        std::fs::write(diff.join("layers").join(i.to_string()), "x").unwrap();
        std::fs::write(diff.join("top"), format!("{i}\n")).unwrap();
        lowers.push(Lower::Layer(hex));
    }
    lowers.reverse();
    let c = d.path().join("container");
    let (upper, work, merged) = (c.join("diff"), c.join("work"), c.join("merged"));
    for p in [&upper, &work, &merged] {
        std::fs::create_dir_all(p).unwrap();
    }
    // With full paths these options would not fit in a page: the test means something.
    let full: Vec<String> = lowers
        .iter()
        .map(|l| l.path(&layers_dir).display().to_string())
        .collect();
    assert!(overlay::legacy_options(&full, &upper, &work, overlay::Flags::default()).len() > 4096);

    let cwd = std::env::current_dir().unwrap();
    let layers = ctl::container::rootfs::Layers {
        dir: &layers_dir,
        lowers: &lowers,
        idmap: None,
    };
    overlay::mount_legacy(&layers, &upper, &work, &merged, overlay::Flags::default()).unwrap();
    assert_eq!(std::env::current_dir().unwrap(), cwd);
    let n = std::fs::read_dir(merged.join("layers")).unwrap().count();
    let top = std::fs::read_to_string(merged.join("top")).unwrap();
    ctl::container::rootfs::unmount(&merged).unwrap();
    assert_eq!(n, 128);
    assert_eq!(top, "127\n");
    assert_eq!(
        std::fs::read_dir(layers_dir.join("l")).unwrap().count(),
        128
    );
}
