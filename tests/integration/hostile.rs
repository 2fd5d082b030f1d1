//! Hostile layers: entries that try to write outside the layer (`..`, absolute names,
//! symlinks and hard links pointing out). Refusing the layer or keeping the entry inside are
//! both fine; touching anything outside is not.

use std::os::unix::fs::MetadataExt;
use std::path::Path;

use tar::EntryType;

use crate::common::{Compression, Ctl, Image, LayerBuilder, Registry};

/// Pushes base + each layer as its own image and pulls them one by one into one store.
/// A refused layer must be a clean failure: exit 125, one error line naming the layer,
/// nothing of it stored.
fn pull_each(cases: Vec<(&str, LayerBuilder)>) -> Ctl {
    let reg = Registry::start();
    let ctl = Ctl::new();
    for (name, layer) in cases {
        let img = Image::base().with_layer(layer.layer(Compression::Gzip));
        let repo = format!("hostile/{name}:1");
        reg.push(&repo, &img);
        let out = ctl.run(&["pull", "-q", &reg.reference(&repo)]);
        if out.code != Some(0) {
            out.failure(125);
            let digest = img.layers[1].digest();
            assert!(
                out.error_line().contains(&digest[7..19]),
                "names the layer:\n{out}"
            );
            assert!(
                !ctl.layer_dirs().contains(&img.chain_ids()[1][7..]),
                "{name}"
            );
        }
        ctl.assert_store_consistent();
    }
    ctl
}

/// Paths under `dir` whose file name contains `marker`, outside every layer's diff/.
fn escaped(dir: &Path, marker: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            let inside_layer = p
                .strip_prefix(dir)
                .ok()
                .and_then(|r| r.to_str())
                .is_some_and(|r| r.starts_with("root/layers/") && r.contains("/diff/"));
            if e.file_name().to_string_lossy().contains(marker) && !inside_layer {
                found.push(p.display().to_string());
            }
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(p);
            }
        }
    }
    found
}

#[test]
fn dotdot_and_absolute_names_stay_inside_the_layer() {
    let marker = format!("escape-{}", std::process::id());
    let abs = format!("/tmp/{marker}-abs");
    let up8 = format!("/tmp/{marker}-up8");
    let file = |name: &str| LayerBuilder::new().raw(name, EntryType::Regular, b"x", None);
    let ctl = pull_each(vec![
        ("up2", file(&format!("../../{marker}-up2"))),
        ("up8", file(&format!("../../../../../../../..{up8}"))),
        ("abs", file(&abs)),
        ("mid", file(&format!("a/../../{marker}-mid"))),
        ("dot", file(&format!("./../{marker}-dot"))),
    ]);
    let on_host: Vec<&String> = [&abs, &up8]
        .into_iter()
        .filter(|p| Path::new(p).exists())
        .collect();
    for p in &on_host {
        let _ = std::fs::remove_file(p);
    }
    assert!(on_host.is_empty(), "written on the host: {on_host:?}");
    let found = escaped(ctl.dir(), &marker);
    assert!(found.is_empty(), "written outside the layer: {found:?}");
}

#[test]
fn symlinks_pointing_out_are_not_followed() {
    let host = tempfile::tempdir().unwrap();
    let h = host.path().to_str().unwrap().to_string();
    let through = |link: &str, target: &str, file: &str| {
        LayerBuilder::new()
            .dir("d", 0o755)
            .symlink(link, target)
            .raw(file, EntryType::Regular, b"x", None)
    };
    let up = "../../../../../../../../..";
    let ctl = pull_each(vec![
        ("abs", through("abs", &h, "abs/pwned-abs")),
        ("rel", through("rel", &format!("{up}{h}"), "rel/pwned-rel")),
        ("up", through("d/up", up, &format!("d/up{h}/pwned-up"))),
        ("file", through("f", &format!("{h}/pwned-file"), "f")),
    ]);
    let written: Vec<_> = std::fs::read_dir(host.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert!(written.is_empty(), "written through a symlink: {written:?}");
    assert!(escaped(ctl.dir(), "pwned").is_empty());
}

#[test]
fn hard_links_to_files_outside_are_refused() {
    let host = tempfile::tempdir().unwrap();
    let victim = host.path().join("victim");
    std::fs::write(&victim, b"original").unwrap();
    let v = victim.to_str().unwrap();
    let link = |target: &str| {
        LayerBuilder::new()
            .raw("hl", EntryType::Link, b"", Some(target))
            .raw("hl", EntryType::Regular, b"pwned", None)
    };
    let ctl = pull_each(vec![
        ("abs", link(v)),
        ("rel", link(&format!("../../../../../../../..{v}"))),
        ("in-root", link(v.trim_start_matches('/'))),
    ]);
    assert_eq!(
        std::fs::read(&victim).unwrap(),
        b"original",
        "host file changed"
    );
    let meta = std::fs::metadata(&victim).unwrap();
    assert_eq!(meta.nlink(), 1, "the host file was linked into a layer");
    for name in ctl.layer_dirs() {
        let p = ctl.root.join("layers").join(&name).join("diff/hl");
        if let Ok(m) = std::fs::symlink_metadata(&p) {
            assert_ne!(m.ino(), meta.ino(), "{} is the host file", p.display());
        }
    }
}
