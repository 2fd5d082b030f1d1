//! Pull, list, inspect, tag and remove images; media types, compression and platforms;
//! the exact unpacked tree.

use std::collections::BTreeSet;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::time::Duration;

use serde_json::{json, Value};

use crate::common::fixtures::{host_arch, text_layer};
use crate::common::{hex_of, tree, wait_for, Ctl, Image, Registry, WithImage};

/// Splits a table row into its columns (separated by two spaces or more).
fn columns(line: &str) -> Vec<String> {
    line.split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|s| {
            s.as_str()
                .unwrap_or_else(|| panic!("not a string: {s}"))
                .to_string()
        })
        .collect()
}

#[test]
fn pull_by_tag_and_inspect() {
    let reg = Registry::start();
    let img = Image::busybox();
    let digest = reg.push("tools/busybox:1.0", &img);
    let ctl = Ctl::new();
    let r = reg.reference("tools/busybox:1.0");

    let out = ctl.ok(&["pull", &r]);
    assert_eq!(
        out.stdout.trim(),
        img.id(),
        "pull prints the image id\n{out}"
    );
    assert_eq!(ctl.layer_dirs(), Ctl::chain_dirs(&img));

    let v = ctl.inspect(&r);
    assert_eq!(hex_of(v["Id"].as_str().unwrap()), img.id(), "{v:#}");
    assert_eq!(strings(&v["RepoTags"]), [r.as_str()]);
    let repo_digest = format!("{}/tools/busybox@{digest}", reg.addr);
    assert!(strings(&v["RepoDigests"]).contains(&repo_digest), "{v:#}");
    assert_eq!(strings(&v["RootFS"]["Layers"]), img.diff_ids());
    assert_eq!(v["Config"]["Cmd"], json!(["sh"]));
    assert_eq!(v["Config"]["Env"], json!(img.env));
    assert_eq!(v["Architecture"], json!(host_arch()));
    assert_eq!(v["Os"], json!("linux"));

    // The same image by id prefix, full id, sha256:id, repo@digest, and `ctl inspect`.
    for name in [
        img.id()[..12].to_string(),
        img.id(),
        format!("sha256:{}", img.id()),
        repo_digest,
    ] {
        let w = ctl.inspect(&name);
        assert_eq!(hex_of(w["Id"].as_str().unwrap()), img.id(), "by {name}");
    }
    let w = ctl.ok(&["inspect", &r]).json();
    assert_eq!(hex_of(w[0]["Id"].as_str().unwrap()), img.id());

    // Pulling again is a no-op that gives the same id.
    assert_eq!(ctl.pull(&r), img.id());
    assert_eq!(ctl.images().len(), 1);
}

#[test]
fn pull_by_digest_and_by_tag_at_digest() {
    let reg = Registry::start();
    let img = Image::base().with_layer(text_layer("etc/which", "by digest\n"));
    let digest = reg.push("dig/app:v1", &img);
    let ctl = Ctl::new();

    let by_digest = reg.reference(&format!("dig/app@{digest}"));
    assert_eq!(ctl.pull(&by_digest), img.id());
    let v = ctl.inspect(&by_digest);
    assert!(
        strings(&v["RepoDigests"]).contains(&by_digest),
        "RepoDigests lacks {by_digest}: {v:#}"
    );

    let tagged = reg.reference(&format!("dig/app:v1@{digest}"));
    assert_eq!(ctl.pull(&tagged), img.id());
    let v = ctl.inspect(&reg.reference("dig/app:v1"));
    assert!(
        strings(&v["RepoTags"]).contains(&reg.reference("dig/app:v1")),
        "{v:#}"
    );
    assert_eq!(
        ctl.images().len(),
        1,
        "one image, whatever it was pulled by"
    );

    let missing = format!("sha256:{}", "0".repeat(64));
    let out = ctl.run(&["pull", "-q", &reg.reference(&format!("dig/app@{missing}"))]);
    out.failure(125);
    assert!(out.one_line_error().contains(&missing), "{out}");
}

#[test]
fn images_columns_and_flags() {
    let reg = Registry::start();
    let img = Image::busybox();
    let digest = reg.push("list/one:v1", &img);
    let ctl = Ctl::new();
    let r = reg.reference("list/one:v1");
    ctl.pull(&r);
    let id = img.id();

    let out = ctl.ok(&["images"]);
    let lines = out.lines();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(
        columns(lines[0]),
        ["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"]
    );
    let row = columns(lines[1]);
    assert_eq!(row.len(), 5, "{out}");
    assert_eq!(row[0], format!("{}/list/one", reg.addr));
    assert_eq!(row[1], "v1");
    assert_eq!(row[2], &id[..12]);
    assert!(row[3].ends_with(" ago"), "CREATED: {out}");
    assert!(
        row[4].ends_with("MB") || row[4].ends_with("kB"),
        "SIZE: {out}"
    );

    let out = ctl.ok(&["images", "-q"]);
    assert_eq!(out.lines(), [&id[..12]]);
    let out = ctl.ok(&["images", "--quiet", "--no-trunc"]);
    assert_eq!(out.lines(), [format!("sha256:{id}")]);
    let out = ctl.ok(&["images", "--no-trunc"]);
    assert_eq!(columns(out.lines()[1])[2], format!("sha256:{id}"));

    let out = ctl.ok(&["images", "--digests"]);
    let lines = out.lines();
    assert_eq!(
        columns(lines[0]),
        ["REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE"]
    );
    assert_eq!(columns(lines[1])[2], digest, "{out}");

    let v = ctl.images();
    assert_eq!(v.len(), 1);
    assert_eq!(hex_of(v[0]["Id"].as_str().unwrap()), id);
    assert_eq!(strings(&v[0]["RepoTags"]), [r.as_str()]);
    assert!(strings(&v[0]["RepoDigests"]).contains(&format!("{}/list/one@{digest}", reg.addr)));
    let tar_bytes: usize = img.layers.iter().map(|l| l.tar.len()).sum();
    assert_eq!(
        v[0]["Size"],
        json!(tar_bytes),
        "Size: uncompressed layer bytes"
    );

    // A second image: two rows, two ids.
    let two = Image::base().with_layer(text_layer("etc/two", "2\n"));
    reg.push("list/two:v2", &two);
    ctl.pull(&reg.reference("list/two:v2"));
    let ids: BTreeSet<String> = ctl
        .ok(&["images", "-q"])
        .lines()
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        ids,
        BTreeSet::from([id[..12].to_string(), two.id()[..12].to_string()])
    );
    assert_eq!(ctl.ok(&["images"]).lines().len(), 3);
}

#[test]
fn tag_then_rmi_untags_before_deleting() {
    let reg = Registry::start();
    let img = Image::base();
    reg.push("tag/src:1", &img);
    let ctl = Ctl::new();
    let src = reg.reference("tag/src:1");
    ctl.pull(&src);

    let dst = reg.reference("tag/dst:2");
    ctl.ok(&["tag", &src, &dst, "local-name:3"]);
    let tags: BTreeSet<String> = strings(&ctl.inspect(&src)["RepoTags"])
        .into_iter()
        .collect();
    let want = BTreeSet::from([
        src.clone(),
        dst.clone(),
        "localhost/local-name:3".to_string(),
    ]);
    assert_eq!(tags, want);
    assert_eq!(ctl.ok(&["images"]).lines().len(), 4, "one row per name");
    assert_eq!(ctl.inspect("local-name:3")["Id"], ctl.inspect(&dst)["Id"]);

    let out = ctl.run(&["tag", &src, "Not Valid"]);
    out.failure(125).stderr_has("\"Not Valid\"");

    // Removing a name of an image with several only untags it.
    ctl.ok(&["rmi", &dst]).stdout_has("Untagged");
    ctl.ok(&["image", "rm", "local-name:3"])
        .stdout_has("Untagged");
    assert_eq!(strings(&ctl.inspect(&src)["RepoTags"]), [src.as_str()]);
    assert_eq!(ctl.layer_dirs(), Ctl::chain_dirs(&img));
    ctl.run(&["image", "inspect", &dst]).failure(125);

    // Removing the last name deletes the image and its layers.
    ctl.ok(&["rmi", &src]).stdout_has("Deleted");
    assert!(ctl.images().is_empty());
    assert!(ctl.layer_dirs().is_empty(), "{:?}", ctl.layer_dirs());

    // `rmi -f ID` deletes an image that has several names.
    ctl.pull(&src);
    ctl.ok(&["tag", &src, &dst]);
    ctl.ok(&["rmi", "-f", &img.id()[..12]])
        .stdout_has("Deleted");
    assert!(ctl.images().is_empty());
    assert!(ctl.layer_dirs().is_empty());
    ctl.assert_store_consistent();
}

#[test]
fn rmi_removes_only_layers_no_image_uses() {
    let reg = Registry::start();
    let a = Image::busybox();
    let b = Image::base().with_layer(text_layer("etc/b", "b\n"));
    reg.push("share/a:1", &a);
    reg.push("share/b:1", &b);
    let ctl = Ctl::new();
    ctl.pull(&reg.reference("share/a:1"));
    ctl.pull(&reg.reference("share/b:1"));
    let both: BTreeSet<String> = Ctl::chain_dirs(&a)
        .union(&Ctl::chain_dirs(&b))
        .cloned()
        .collect();
    assert_eq!(both.len(), 4, "the base layer is stored once");
    assert_eq!(ctl.layer_dirs(), both);

    ctl.ok(&["rmi", &reg.reference("share/a:1")]);
    assert_eq!(
        ctl.layer_dirs(),
        Ctl::chain_dirs(&b),
        "a's own layers go, the shared base stays"
    );
    ctl.assert_layers_of(&b);

    ctl.ok(&["rmi", &reg.reference("share/b:1")]);
    assert!(ctl.layer_dirs().is_empty());
    assert!(ctl.images().is_empty());
    ctl.assert_store_consistent();
}

#[test]
fn second_image_downloads_only_its_new_layers() {
    let reg = Registry::start();
    let a = Image::busybox();
    let new_layer = text_layer("etc/app.conf", "only in b\n");
    let b = Image::busybox().with_layer(new_layer.clone());
    reg.push("base/a:1", &a);
    reg.push("base/b:1", &b);
    let ctl = Ctl::new();
    ctl.pull(&reg.reference("base/a:1"));
    ctl.pull(&reg.reference("base/b:1"));

    let want = BTreeSet::from([b.config_digest(), new_layer.digest()]);
    let got = wait_for(Duration::from_secs(3), || {
        let got: BTreeSet<String> = reg.blob_gets("base/b").into_iter().collect();
        (got == want).then_some(got)
    });
    assert!(
        got.is_some(),
        "blob GETs of base/b: {:?}, expected only the config and the new layer {:?}",
        reg.blob_gets("base/b"),
        want
    );
    ctl.assert_layers_of(&b);

    // Pulling b again downloads no layer at all.
    let before = reg.blob_gets("base/b").len();
    ctl.pull(&reg.reference("base/b:1"));
    reg.log_barrier();
    let again = reg.blob_gets("base/b");
    let layer_gets: Vec<_> = again[before..]
        .iter()
        .filter(|d| **d != b.config_digest())
        .collect();
    assert!(
        layer_gets.is_empty(),
        "re-pull fetched layers {layer_gets:?}"
    );
}

#[test]
fn unpacked_tree_is_exact() {
    let reg = Registry::start();
    let img = Image::busybox();
    reg.push("exact/tree:1", &img);
    let ctl = Ctl::new();
    ctl.pull(&reg.reference("exact/tree:1"));
    // Every entry of every layer: kind, content, mode, owner, mtime, whiteouts, opaque.
    ctl.assert_layers_of(&img);

    // The same properties spelled out, for readable failures.
    let chains = img.chain_ids();
    let base = ctl.layer_diff(&chains[0]);
    let extra = ctl.layer_diff(&chains[1]);
    let top = ctl.layer_diff(&chains[2]);
    let meta = |p: std::path::PathBuf| {
        std::fs::symlink_metadata(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    };

    assert_eq!(
        std::fs::read(base.join("bin/busybox")).unwrap(),
        std::fs::read("/bin/busybox").unwrap()
    );
    assert_eq!(
        std::fs::read_link(base.join("bin/sh")).unwrap().to_str(),
        Some("busybox")
    );
    assert_eq!(meta(base.join("tmp")).mode() & 0o7777, 0o1777);
    assert_eq!(meta(base.join("root")).mode() & 0o7777, 0o700);

    let owned = meta(extra.join("home/user/owned.txt"));
    assert_eq!(
        (owned.uid(), owned.gid()),
        (1000, 1000),
        "uid/gid 1000 kept"
    );
    assert_eq!(owned.mode() & 0o7777, 0o640);
    assert_eq!(meta(extra.join("home/user")).uid(), 1000);
    let file = meta(extra.join("data/file.txt"));
    let link = meta(extra.join("data/hardlink.txt"));
    assert_eq!(file.ino(), link.ino(), "a hard link shares the inode");
    assert_eq!(file.nlink(), 2);
    assert_eq!(
        std::fs::read_link(extra.join("data/link"))
            .unwrap()
            .to_str(),
        Some("file.txt")
    );
    assert_eq!(meta(extra.join("data/script.sh")).mode() & 0o7777, 0o755);
    assert_eq!(meta(extra.join("data/doomed.txt")).mode() & 0o7777, 0o600);
    assert_eq!(meta(extra.join("data/setuid")).mode() & 0o7777, 0o4755);
    let want = tree::expected(&img.layers[1].tar);
    assert_eq!(file.mtime(), want["data/file.txt"].mtime, "mtime kept");
    assert_eq!(
        meta(extra.join("data/link")).mtime(),
        want["data/link"].mtime
    );

    let wh = meta(top.join("data/doomed.txt"));
    assert!(
        wh.file_type().is_char_device(),
        "a whiteout is a character device"
    );
    assert_eq!(wh.rdev(), 0, "a whiteout is device 0/0");
    assert!(!top.join("data/.wh.doomed.txt").exists());
    assert_eq!(
        tree::xattr(&top.join("opaque"), tree::opaque_xattr()).as_deref(),
        Some(b"y".as_slice()),
        "opaque dir xattr"
    );
    assert!(!top.join("opaque/.wh..wh..opq").exists());
    assert!(top.join("opaque/new.txt").is_file());
    assert!(tree::xattr(&extra.join("opaque"), tree::opaque_xattr()).is_none());
}

#[test]
fn rmi_refuses_an_image_a_container_uses_unless_forced() {
    let env = WithImage::pulled(Image::base(), "used/app:1");
    let ctl = &env.ctl;
    ctl.ok(&["create", "--name", "user-of-image", &env.reference]);

    // podman: exit 2, "image is in use by a container".
    let out = ctl.run(&["rmi", &env.reference]);
    out.failure(2);
    let line = out.error_line();
    assert!(
        line.contains("container"),
        "says a container uses it: {line}"
    );
    assert_eq!(ctl.images().len(), 1, "the image stays");
    assert_eq!(ctl.layer_dirs(), Ctl::chain_dirs(&env.image));

    // podman removes the containers first; docker keeps the image while a container uses
    // it. Either way a container that is still there keeps its layers.
    ctl.ok(&["rmi", "-f", &env.reference]);
    ctl.run(&["image", "inspect", &env.reference]).failure(125);
    let left = ctl.ok(&["ps", "-a", "-q"]).stdout;
    if !left.trim().is_empty() {
        assert_eq!(
            ctl.layer_dirs(),
            Ctl::chain_dirs(&env.image),
            "rmi -f deleted the layers of container {} that is still there",
            left.trim()
        );
    }
    ctl.assert_store_consistent();
}
