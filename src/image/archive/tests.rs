//! Archive builders for tests, and loads of synthetic archives into a store in a tempdir.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde_json::json;
use tar::{EntryType, Header};

use super::import::{import, ImportOptions};
use super::*;
use crate::image::digest::sha256_digest;

/// An in-memory tar whose names are written raw, so hostile names are possible.
pub(crate) struct RawTar(Option<tar::Builder<Vec<u8>>>);

impl RawTar {
    pub(crate) fn new() -> Self {
        RawTar(Some(tar::Builder::new(Vec::new())))
    }

    fn raw(&mut self, name: &str, kind: EntryType, link: &str, data: &[u8]) -> &mut Self {
        let mut h = Header::new_gnu();
        {
            let old = h.as_old_mut();
            old.name[..name.len()].copy_from_slice(name.as_bytes());
            old.linkname[..link.len()].copy_from_slice(link.as_bytes());
        }
        h.set_entry_type(kind);
        h.set_size(data.len() as u64);
        h.set_mode(if kind == EntryType::Directory {
            0o755
        } else {
            0o644
        });
        h.set_mtime(1_600_000_000);
        h.set_cksum();
        self.0.as_mut().unwrap().append(&h, data).unwrap();
        self
    }

    pub(crate) fn file(&mut self, name: &str, data: &[u8]) -> &mut Self {
        self.raw(name, EntryType::Regular, "", data)
    }

    pub(crate) fn dir(&mut self, name: &str) -> &mut Self {
        self.raw(name, EntryType::Directory, "", b"")
    }

    pub(crate) fn symlink(&mut self, name: &str, target: &str) -> &mut Self {
        self.raw(name, EntryType::Symlink, target, b"")
    }

    pub(crate) fn hardlink(&mut self, name: &str, target: &str) -> &mut Self {
        self.raw(name, EntryType::Link, target, b"")
    }

    pub(crate) fn fifo(&mut self, name: &str) -> &mut Self {
        self.raw(name, EntryType::Fifo, "", b"")
    }

    pub(crate) fn finish(&mut self) -> Vec<u8> {
        self.0.take().unwrap().into_inner().unwrap()
    }
}

pub(crate) fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn zstd(data: &[u8]) -> Vec<u8> {
    zstd::encode_all(data, 1).unwrap()
}

fn hex(digest: &str) -> &str {
    digest.trim_start_matches("sha256:")
}

/// A layer tar with one file.
fn layer(path: &str, text: &str) -> Vec<u8> {
    let mut t = RawTar::new();
    t.dir("etc/").file(path, text.as_bytes());
    t.finish()
}

fn config(diff_ids: &[String], arch: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "architecture": arch,
        "os": "linux",
        "created": "2026-01-01T00:00:00Z",
        "config": {"Cmd": ["sh"]},
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
    }))
    .unwrap()
}

fn opts() -> UnpackOptions {
    UnpackOptions {
        preserve_owner: false,
        opaque_xattr: "user.overlay.opaque",
        devices: false,
        copy: None,
    }
}

struct Env {
    _dir: tempfile::TempDir,
    root: PathBuf,
    store: Store,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        let store = Store::open(&root.join("store")).unwrap();
        Env {
            _dir: dir,
            root,
            store,
        }
    }

    fn write(&self, name: &str, data: &[u8]) -> PathBuf {
        let p = self.root.join(name);
        fs::write(&p, data).unwrap();
        p
    }

    fn load(&self, p: &Path) -> (Result<Vec<LoadedImage>>, Vec<String>) {
        let events = Mutex::new(Vec::new());
        let r = load(
            &self.store,
            File::open(p).unwrap(),
            p,
            &opts(),
            &|e: LoadEvent| events.lock().unwrap().push(format!("{e:?}")),
        );
        (r, events.into_inner().unwrap())
    }

    fn load_err(&self, p: &Path) -> String {
        let e = self.load(p).0.unwrap_err().to_string();
        assert!(
            e.starts_with(&format!("archive {}: ", p.display())),
            "the error names the archive: {e}"
        );
        assert!(
            self.store.images().unwrap().is_empty(),
            "no image after: {e}"
        );
        e
    }

    fn file_in(&self, chain: &str, path: &str) -> String {
        fs::read_to_string(self.store.layer_diff(chain).join(path)).unwrap()
    }
}

/// A docker-archive as `docker save` (before 25) writes it: `<id>/layer.tar`, the second
/// image's shared layer a symlink to the first's, the config named by its digest.
fn docker_save(tags: &[&str]) -> (Vec<u8>, String, Vec<String>) {
    let l1 = layer("etc/one", "1\n");
    let l2 = layer("etc/two", "2\n");
    let diffs = vec![sha256_digest(&l1), sha256_digest(&l2)];
    let cfg = config(&diffs, "amd64");
    let id = hex(&sha256_digest(&cfg)).to_string();
    let manifest = json!([{
        "Config": format!("{id}.json"),
        "RepoTags": tags,
        "Layers": ["aaa/layer.tar", "bbb/layer.tar"],
    }]);
    let mut t = RawTar::new();
    t.dir("aaa/")
        .file("aaa/layer.tar", &l1)
        .dir("bbb/")
        .file("real.tar", &l2)
        .symlink("bbb/layer.tar", "../real.tar")
        .file(&format!("{id}.json"), &cfg)
        .file("manifest.json", manifest.to_string().as_bytes());
    (t.finish(), id, chain_ids(&diffs))
}

#[test]
fn detects_the_format_by_content() {
    assert_eq!(
        detect(|m| m == "manifest.json" || m == "index.json"),
        Ok(Format::DockerArchive)
    );
    assert_eq!(detect(|m| m == "index.json"), Ok(Format::OciArchive));
    assert!(detect(|_| false)
        .unwrap_err()
        .contains("not an image archive"));
}

#[test]
fn loads_a_docker_archive_and_skips_layers_it_has() {
    let env = Env::new();
    let (data, id, chains) = docker_save(&["busybox:latest", "reg.example:5000/a/b:1"]);
    let p = env.write("d.tar", &data);
    let (r, events) = env.load(&p);
    let loaded = r.unwrap();
    assert_eq!(
        loaded,
        vec![LoadedImage {
            id: id.clone(),
            names: vec![
                "docker.io/library/busybox:latest".into(),
                "reg.example:5000/a/b:1".into()
            ],
        }]
    );
    let rec = env.store.image(&id).unwrap();
    assert_eq!(rec.layers, chains);
    assert_eq!(rec.architecture, "amd64");
    assert_eq!(rec.created, "2026-01-01T00:00:00Z".parse().ok());
    assert_eq!(env.file_in(&chains[0], "etc/one"), "1\n");
    assert_eq!(env.file_in(&chains[1], "etc/two"), "2\n");
    assert_eq!(
        env.store.layer(&chains[1]).unwrap().parent.as_ref(),
        Some(&chains[0])
    );
    assert!(!env.store.blob(&format!("sha256:{id}")).unwrap().is_empty());
    assert_eq!(
        events
            .iter()
            .filter(|e| e.starts_with("LayerStored"))
            .count(),
        2
    );

    // Again, gzip-compressed: every layer is already there.
    let p = env.write("d.tar.gz", &gzip(&data));
    let (r, events) = env.load(&p);
    assert_eq!(r.unwrap()[0].id, id);
    assert_eq!(
        events
            .iter()
            .filter(|e| e.starts_with("LayerExists"))
            .count(),
        2
    );
    assert!(!events.iter().any(|e| e.starts_with("LayerStored")));
    assert_eq!(env.store.images().unwrap().len(), 1);
    assert!(fs::read_dir(env.store.root().join("tmp"))
        .unwrap()
        .next()
        .is_none());
}

#[test]
fn loads_a_docker_25_archive_with_compressed_blobs_and_no_tags() {
    let env = Env::new();
    let l1 = layer("etc/one", "1\n");
    let blob = gzip(&l1);
    let cfg = config(&[sha256_digest(&l1)], "arm64");
    let (b, c) = (sha256_digest(&blob), sha256_digest(&cfg));
    let manifest = json!([{
        "Config": format!("blobs/sha256/{}", hex(&c)),
        "RepoTags": null,
        "Layers": [format!("blobs/sha256/{}", hex(&b))],
    }]);
    let mut t = RawTar::new();
    t.file("oci-layout", br#"{"imageLayoutVersion":"1.0.0"}"#)
        .file("index.json", br#"{"schemaVersion":2,"manifests":[]}"#)
        .file(&format!("blobs/sha256/{}", hex(&b)), &blob)
        .file(&format!("blobs/sha256/{}", hex(&c)), &cfg)
        .file("manifest.json", manifest.to_string().as_bytes());
    let p = env.write("d25.tar", &t.finish());
    let loaded = env.load(&p).0.unwrap();
    assert_eq!(loaded[0].id, hex(&c));
    assert!(loaded[0].names.is_empty());
    let rec = env.store.image(hex(&c)).unwrap();
    assert_eq!(rec.architecture, "arm64");
    assert_eq!(env.store.layer(&rec.layers[0]).unwrap().digest, Some(b));
}

/// An oci-archive whose index.json points at a nested index with the host's manifest and
/// another platform's (whose blobs are absent, as in a single-platform export).
fn oci_archive(ref_name: &str, tamper: impl Fn(&mut Vec<u8>, &mut Vec<u8>)) -> Vec<u8> {
    let l1 = layer("etc/one", "1\n");
    let mut blob = zstd(&l1);
    let mut cfg = config(&[sha256_digest(&l1)], &Platform::host().architecture);
    let (b, c) = (sha256_digest(&blob), sha256_digest(&cfg));
    tamper(&mut blob, &mut cfg);
    let manifest = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                   "digest": c, "size": cfg.len()},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+zstd",
                    "digest": b, "size": blob.len()}],
    }))
    .unwrap();
    let m = sha256_digest(&manifest);
    let other = format!("sha256:{}", "f".repeat(64));
    let nested = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": [
            {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": other,
             "size": 10, "platform": {"os": "linux", "architecture": "s390x"}},
            {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": m,
             "size": manifest.len(),
             "platform": {"os": "linux", "architecture": Platform::host().architecture}},
        ],
    }))
    .unwrap();
    let n = sha256_digest(&nested);
    let index = json!({
        "schemaVersion": 2,
        "manifests": [{"mediaType": "application/vnd.oci.image.index.v1+json", "digest": n,
                       "size": nested.len(),
                       "annotations": {"org.opencontainers.image.ref.name": ref_name}}],
    });
    let mut t = RawTar::new();
    t.file("oci-layout", br#"{"imageLayoutVersion":"1.0.0"}"#)
        .dir("blobs/")
        .dir("blobs/sha256/");
    for (d, data) in [(&b, &blob), (&c, &cfg), (&m, &manifest), (&n, &nested)] {
        t.file(&format!("blobs/sha256/{}", hex(d)), data);
    }
    t.file("index.json", index.to_string().as_bytes());
    t.finish()
}

#[test]
fn loads_an_oci_archive_through_a_nested_index() {
    let env = Env::new();
    let p = env.write("o.tar.zst", &zstd(&oci_archive("latest", |_, _| {})));
    let loaded = env.load(&p).0.unwrap();
    assert_eq!(loaded[0].names, vec!["localhost/latest:latest".to_string()]);
    let rec = env.store.image(&loaded[0].id).unwrap();
    assert!(rec.manifest_digest.is_some());
    assert_eq!(env.file_in(&rec.layers[0], "etc/one"), "1\n");

    let p = env.write(
        "o.tar",
        &oci_archive("docker.io/library/busybox:1.36", |_, _| {}),
    );
    let loaded = env.load(&p).0.unwrap();
    assert_eq!(
        loaded[0].names,
        vec!["docker.io/library/busybox:1.36".to_string()]
    );
    // Same image, both names now.
    assert_eq!(env.store.image(&rec.id).unwrap().names.len(), 2);
}

#[test]
fn oci_archive_content_is_verified() {
    let env = Env::new();
    let p = env.write("bad-cfg.tar", &oci_archive("x", |_, cfg| cfg.push(b' ')));
    let e = env.load_err(&p);
    assert!(e.contains("has digest"), "{e}");

    let p = env.write(
        "bad-layer.tar",
        &oci_archive("x", |blob, _| {
            let last = blob.len() - 5;
            blob[last] ^= 0xff;
        }),
    );
    let e = env.load_err(&p);
    assert!(e.contains("layer blobs/sha256/"), "{e}");

    let data = oci_archive("x", |_, _| {});
    let layer_blob = {
        let l1 = layer("etc/one", "1\n");
        format!("blobs/sha256/{}", hex(&sha256_digest(&zstd(&l1))))
    };
    let e = env.load_err(&env.write("gone.tar", &without(&data, &layer_blob)));
    assert!(
        e.contains(&format!(
            "names layer '{layer_blob}' which is not in the archive"
        )),
        "{e}"
    );
    assert!(fs::read_dir(env.store.root().join("layers"))
        .unwrap()
        .next()
        .is_none());
}

/// `data` rebuilt without the member `drop`.
fn without(data: &[u8], drop: &str) -> Vec<u8> {
    let mut t = RawTar::new();
    let mut ar = tar::Archive::new(data);
    for e in ar.entries().unwrap() {
        let mut e = e.unwrap();
        let name = e.path().unwrap().to_string_lossy().into_owned();
        let mut body = Vec::new();
        std::io::Read::read_to_end(&mut e, &mut body).unwrap();
        match e.header().entry_type() {
            _ if name == drop => {}
            EntryType::Symlink => {
                let l = e.link_name().unwrap().unwrap();
                t.symlink(&name, &l.to_string_lossy());
            }
            EntryType::Directory => {
                t.dir(&name);
            }
            _ => {
                t.file(&name, &body);
            }
        }
    }
    t.finish()
}

#[test]
fn docker_archive_problems_are_named() {
    let env = Env::new();
    let (data, id, _) = docker_save(&["a:1"]);
    let p = env.write("missing.tar", &without(&data, "aaa/layer.tar"));
    let e = env.load_err(&p);
    assert!(
        e.ends_with("manifest.json names layer 'aaa/layer.tar' which is not in the archive"),
        "{e}"
    );

    // A config whose name and content disagree.
    let mut t = RawTar::new();
    t.file(&format!("{id}.json"), b"{}").file(
        "manifest.json",
        json!([{"Config": format!("{id}.json"), "Layers": []}])
            .to_string()
            .as_bytes(),
    );
    let e = env.load_err(&env.write("cfg.tar", &t.finish()));
    assert!(e.contains("not the sha256:"), "{e}");

    // Layer count and diff-ids disagree.
    let cfg = config(&[sha256_digest(b"x")], "amd64");
    let mut t = RawTar::new();
    t.file("c.json", &cfg).file(
        "manifest.json",
        json!([{"Config": "c.json", "Layers": []}])
            .to_string()
            .as_bytes(),
    );
    let e = env.load_err(&env.write("count.tar", &t.finish()));
    assert!(
        e.contains("0 layers but its config lists 1 diff-ids"),
        "{e}"
    );

    // A layer whose content is not what the config says.
    let cfg = config(&[sha256_digest(b"other")], "amd64");
    let mut t = RawTar::new();
    t.file("l.tar", &layer("etc/x", "x"))
        .file("c.json", &cfg)
        .file(
            "manifest.json",
            json!([{"Config": "c.json", "Layers": ["l.tar"]}])
                .to_string()
                .as_bytes(),
        );
    let e = env.load_err(&env.write("diff.tar", &t.finish()));
    assert!(
        e.contains("layer l.tar: uncompressed (diff-id) digest mismatch"),
        "{e}"
    );

    let e = env.load_err(&env.write("empty.tar", &RawTar::new().finish()));
    assert!(e.contains("neither manifest.json"), "{e}");
    let e = env.load_err(&env.write("junk", b"this is not a tar file at all"));
    assert!(
        e.contains("neither manifest.json") || e.contains("tar"),
        "{e}"
    );
    let mut t = RawTar::new();
    t.file("manifest.json", b"{not json");
    let e = env.load_err(&env.write("badjson.tar", &t.finish()));
    assert!(e.contains("manifest.json is not valid"), "{e}");
    let e = env.load_err(&env.write("x.tar.xz", b"\xfd7zXZ\0rest"));
    assert!(e.contains("xz compression is not supported"), "{e}");
    assert!(fs::read_dir(env.store.root().join("tmp"))
        .unwrap()
        .next()
        .is_none());
}

#[test]
fn imports_a_rootfs_tarball() {
    let env = Env::new();
    let rootfs = gzip(&layer("etc/hostname", "imported\n"));
    let o = ImportOptions {
        label: "rootfs.tar.gz".into(),
        changes: vec!["CMD /bin/true".into(), "ENV A=b".into()],
        message: Some("from a test".into()),
        name: Some("imported:v1".into()),
    };
    let rec = import(&env.store, &rootfs[..], &o, &opts()).unwrap();
    assert_eq!(rec.names, vec!["localhost/imported:v1".to_string()]);
    assert_eq!(rec.layers.len(), 1);
    assert_eq!(
        rec.layers[0],
        sha256_digest(&layer("etc/hostname", "imported\n"))
    );
    assert_eq!(env.file_in(&rec.layers[0], "etc/hostname"), "imported\n");
    let cfg: serde_json::Value =
        serde_json::from_slice(&env.store.blob(&rec.config_digest()).unwrap()).unwrap();
    assert_eq!(
        sha256_digest(&serde_json::to_vec(&cfg).unwrap()),
        rec.config_digest()
    );
    assert_eq!(cfg["config"]["Cmd"], json!(["/bin/sh", "-c", "/bin/true"]));
    assert_eq!(cfg["config"]["Env"], json!(["A=b"]));
    assert_eq!(cfg["history"][0]["comment"], "from a test");
    assert_eq!(cfg["rootfs"]["diff_ids"], json!([rec.layers[0]]));

    // A bad --change is refused before anything is read or stored.
    let bad = ImportOptions {
        changes: vec!["RUN true".into()],
        ..o.clone()
    };
    let e = import(&env.store, &b"never read"[..], &bad, &opts()).unwrap_err();
    assert!(
        e.to_string().contains("unsupported instruction 'RUN'"),
        "{e}"
    );
    let e = import(&env.store, &b""[..], &o, &opts()).unwrap_err();
    assert!(e.to_string().contains("empty"), "{e}");
    let e = import(&env.store, &b"\x1f\x8bgarbage"[..], &o, &opts()).unwrap_err();
    assert!(e.to_string().contains("rootfs.tar.gz"), "{e}");
    assert_eq!(env.store.images().unwrap().len(), 1);
}
