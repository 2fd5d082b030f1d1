//! Fixture images, built in memory from Debian's busybox-static: layer tarballs
//! ([`LayerBuilder`]), blobs in gzip, zstd or none ([`Layer`]), config and manifest in OCI or
//! Docker v2 schema 2 media types ([`Image`]). `registry::push` pushes them.
//!
//! [`Image::busybox`] has three layers:
//! 1. base: /bin/busybox, applet symlinks, /etc/passwd and /etc/group, /root, /tmp (1777)
//! 2. extra: files owned by uid 1000, a hardlink, a symlink, modes 0600/0755/04755,
//!    dirs with files (`data/`, `opaque/`)
//! 3. whiteouts: `data/.wh.doomed.txt` deletes a file of layer 2, `opaque/.wh..wh..opq`
//!    hides layer 2's `opaque/` contents, plus new files.

use std::sync::OnceLock;

use oci_client::manifest::{OciDescriptor, OciImageManifest};
use serde_json::json;

use super::sha256;

/// Base mtime of fixture entries (each entry gets its own, later, mtime).
pub const MTIME: u64 = 1_700_000_000;

pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
pub const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";

/// Applets linked to /bin/busybox in the base layer.
pub const APPLETS: &[&str] = &[
    "sh", "ls", "cat", "echo", "true", "false", "sleep", "id", "env", "ps", "mkdir", "rm", "touch",
    "stat", "uname", "hostname", "wc", "head", "kill", "mount", "grep", "wget",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    Gzip,
    Zstd,
    None,
}

/// Builds one layer tarball in memory. Each entry gets a distinct mtime.
pub struct LayerBuilder {
    tar: tar::Builder<Vec<u8>>,
    next_mtime: u64,
}

impl Default for LayerBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl LayerBuilder {
    pub fn new() -> Self {
        let mut tar = tar::Builder::new(Vec::new());
        tar.mode(tar::HeaderMode::Complete);
        LayerBuilder {
            tar,
            next_mtime: MTIME,
        }
    }

    fn header(&mut self, kind: tar::EntryType, mode: u32, uid: u64, gid: u64) -> tar::Header {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(kind);
        h.set_mode(mode);
        h.set_uid(uid);
        h.set_gid(gid);
        h.set_mtime(self.next_mtime);
        self.next_mtime += 61;
        h.set_size(0);
        h
    }

    pub fn dir(self, path: &str, mode: u32) -> Self {
        self.dir_owned(path, mode, 0, 0)
    }

    pub fn dir_owned(mut self, path: &str, mode: u32, uid: u64, gid: u64) -> Self {
        let mut h = self.header(tar::EntryType::Directory, mode, uid, gid);
        let path = format!("{}/", path.trim_end_matches('/'));
        self.tar
            .append_data(&mut h, path, std::io::empty())
            .expect("tar dir");
        self
    }

    pub fn file(self, path: &str, data: &[u8], mode: u32) -> Self {
        self.file_owned(path, data, mode, 0, 0)
    }

    pub fn file_owned(mut self, path: &str, data: &[u8], mode: u32, uid: u64, gid: u64) -> Self {
        let mut h = self.header(tar::EntryType::Regular, mode, uid, gid);
        h.set_size(data.len() as u64);
        self.tar.append_data(&mut h, path, data).expect("tar file");
        self
    }

    pub fn symlink(mut self, path: &str, target: &str) -> Self {
        let mut h = self.header(tar::EntryType::Symlink, 0o777, 0, 0);
        self.tar
            .append_link(&mut h, path, target)
            .expect("tar symlink");
        self
    }

    /// A hard link at `path` to the earlier entry `target` (a path inside the layer).
    pub fn hardlink(mut self, path: &str, target: &str) -> Self {
        let mut h = self.header(tar::EntryType::Link, 0o644, 0, 0);
        self.tar
            .append_link(&mut h, path, target)
            .expect("tar hardlink");
        self
    }

    /// An AUFS-style whiteout: `.wh.NAME` deletes `path` of the layers below.
    pub fn whiteout(self, path: &str) -> Self {
        let (dir, name) = match path.rsplit_once('/') {
            Some((d, n)) => (format!("{d}/"), n),
            None => (String::new(), path),
        };
        self.file(&format!("{dir}.wh.{name}"), b"", 0o644)
    }

    /// `DIR/.wh..wh..opq`: DIR hides everything the layers below have in it.
    pub fn opaque(self, dir: &str) -> Self {
        self.file(
            &format!("{}/.wh..wh..opq", dir.trim_end_matches('/')),
            b"",
            0o644,
        )
    }

    /// An entry written exactly as given, past the tar crate's path checks (hostile layers:
    /// `..`, absolute names and link targets). Names and targets up to 100 bytes.
    pub fn raw(
        mut self,
        name: &str,
        kind: tar::EntryType,
        data: &[u8],
        link: Option<&str>,
    ) -> Self {
        let mut h = self.header(kind, 0o644, 0, 0);
        h.set_size(data.len() as u64);
        let old = h.as_old_mut();
        old.name = [0; 100];
        old.name[..name.len()].copy_from_slice(name.as_bytes());
        if let Some(l) = link {
            old.linkname = [0; 100];
            old.linkname[..l.len()].copy_from_slice(l.as_bytes());
        }
        h.set_cksum();
        self.tar.append(&h, data).expect("tar raw entry");
        self
    }

    pub fn tar(self) -> Vec<u8> {
        self.tar.into_inner().expect("finish tar")
    }

    pub fn layer(self, c: Compression) -> Layer {
        Layer::new(self.tar(), c)
    }
}

/// One layer: its tarball and the blob as pushed.
#[derive(Debug, Clone)]
pub struct Layer {
    pub tar: Vec<u8>,
    pub blob: Vec<u8>,
    pub compression: Compression,
}

impl Layer {
    pub fn new(tar: Vec<u8>, compression: Compression) -> Layer {
        use std::io::Write;
        let blob = match compression {
            Compression::None => tar.clone(),
            Compression::Gzip => {
                // mtime 0: the same tarball always gives the same blob (shared layers).
                let mut gz = flate2::GzBuilder::new()
                    .mtime(0)
                    .write(Vec::new(), flate2::Compression::fast());
                gz.write_all(&tar).expect("gzip");
                gz.finish().expect("gzip")
            }
            Compression::Zstd => zstd::encode_all(&tar[..], 3).expect("zstd"),
        };
        Layer {
            tar,
            blob,
            compression,
        }
    }

    pub fn recompress(&self, c: Compression) -> Layer {
        Layer::new(self.tar.clone(), c)
    }

    /// Digest of the blob (compressed).
    pub fn digest(&self) -> String {
        sha256(&self.blob)
    }

    /// Digest of the tarball.
    pub fn diff_id(&self) -> String {
        sha256(&self.tar)
    }

    pub fn media_type(&self, docker: bool) -> &'static str {
        match (docker, self.compression) {
            (false, Compression::Gzip) => "application/vnd.oci.image.layer.v1.tar+gzip",
            (false, Compression::Zstd) => "application/vnd.oci.image.layer.v1.tar+zstd",
            (false, Compression::None) => "application/vnd.oci.image.layer.v1.tar",
            (true, Compression::Gzip) => "application/vnd.docker.image.rootfs.diff.tar.gzip",
            (true, Compression::None) => "application/vnd.docker.image.rootfs.diff.tar",
            (true, Compression::Zstd) => "application/vnd.docker.image.rootfs.diff.tar.zstd",
        }
    }
}

/// Layer 1: a minimal busybox root filesystem. Built once per test binary.
pub fn base_layer() -> Layer {
    static BASE: OnceLock<Layer> = OnceLock::new();
    BASE.get_or_init(|| {
        let busybox =
            std::fs::read("/bin/busybox").expect("/bin/busybox (apt-get install busybox-static)");
        let mut b = LayerBuilder::new()
            .dir("bin", 0o755)
            .file("bin/busybox", &busybox, 0o755);
        for a in APPLETS {
            b = b.symlink(&format!("bin/{a}"), "busybox");
        }
        b.dir("etc", 0o755)
            .file(
                "etc/passwd",
                b"root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000:user:/home/user:/bin/sh\n\
                  nobody:x:65534:65534:nobody:/:/bin/false\n",
                0o644,
            )
            .file(
                "etc/group",
                b"root:x:0:\nuser:x:1000:\nnogroup:x:65534:\n",
                0o644,
            )
            .dir("root", 0o700)
            .dir("tmp", 0o1777)
            .layer(Compression::Gzip)
    })
    .clone()
}

/// Layer 2: ownership, links, modes, nested dirs.
pub fn extra_layer() -> Layer {
    LayerBuilder::new()
        .dir("home", 0o755)
        .dir_owned("home/user", 0o750, 1000, 1000)
        .file_owned(
            "home/user/owned.txt",
            b"owned by uid 1000\n",
            0o640,
            1000,
            1000,
        )
        .dir("data", 0o755)
        .file("data/file.txt", b"hello from layer 2\n", 0o644)
        .hardlink("data/hardlink.txt", "data/file.txt")
        .symlink("data/link", "file.txt")
        .file("data/doomed.txt", b"deleted by layer 3\n", 0o600)
        .file("data/script.sh", b"#!/bin/sh\necho hi\n", 0o755)
        .file("data/setuid", b"not really a program\n", 0o4755)
        .dir("opaque", 0o755)
        .file("opaque/old.txt", b"hidden by layer 3\n", 0o644)
        .dir("opaque/sub", 0o700)
        .file("opaque/sub/deep.txt", b"also hidden\n", 0o644)
        .layer(Compression::Gzip)
}

/// Layer 3: a whiteout and an opaque dir over layer 2.
pub fn whiteout_layer() -> Layer {
    LayerBuilder::new()
        .dir("data", 0o755)
        .whiteout("data/doomed.txt")
        .dir("opaque", 0o755)
        .opaque("opaque")
        .file("opaque/new.txt", b"the only file left in opaque/\n", 0o644)
        .dir("etc", 0o755)
        .file("etc/motd", b"layer 3\n", 0o644)
        .layer(Compression::Gzip)
}

/// A layer with one file of `size` pseudo-random (incompressible) bytes.
pub fn random_layer(path: &str, size: usize, seed: u64) -> Layer {
    let data = super::random_bytes(size, seed);
    LayerBuilder::new()
        .dir("big", 0o755)
        .file(&format!("big/{path}"), &data, 0o644)
        .layer(Compression::Gzip)
}

/// A small layer whose content is `text` at `path`, with entries for its parent dirs
/// (distinct images sharing a base).
pub fn text_layer(path: &str, text: &str) -> Layer {
    let mut b = LayerBuilder::new();
    let mut parent = String::new();
    for component in path.split('/').collect::<Vec<_>>().split_last().unwrap().1 {
        parent.push_str(component);
        b = b.dir(&parent, 0o755);
        parent.push('/');
    }
    b.file(path, text.as_bytes(), 0o644)
        .layer(Compression::Gzip)
}

/// The OCI name of this machine's architecture.
pub fn host_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    }
}

#[derive(Debug, Clone)]
pub struct Image {
    pub layers: Vec<Layer>,
    pub os: String,
    pub architecture: String,
    pub variant: Option<String>,
    pub cmd: Vec<String>,
    pub env: Vec<String>,
    pub created: String,
    /// Docker v2 schema 2 media types instead of OCI ones.
    pub docker: bool,
    /// diff_ids written into the config instead of the real ones (hostile images).
    pub diff_ids_override: Option<Vec<String>>,
    /// `ExposedPorts` keys (`80/tcp`).
    pub exposed_ports: Vec<String>,
    /// `Volumes` keys (`/data`).
    pub volumes: Vec<String>,
    /// docker's `Healthcheck` (Test, Interval, Timeout, StartPeriod, Retries).
    pub healthcheck: Option<serde_json::Value>,
}

impl Image {
    /// An image of the given layers, for the host platform, `Cmd ["sh"]`.
    pub fn new(layers: Vec<Layer>) -> Image {
        Image {
            layers,
            os: "linux".into(),
            architecture: host_arch().into(),
            variant: None,
            cmd: vec!["sh".into()],
            env: vec!["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into()],
            created: "2026-01-02T03:04:05Z".into(),
            docker: false,
            diff_ids_override: None,
            exposed_ports: Vec::new(),
            volumes: Vec::new(),
            healthcheck: None,
        }
    }

    /// The shared fixture: base + extra + whiteout layers (gzip, OCI).
    pub fn busybox() -> Image {
        Image::new(vec![base_layer(), extra_layer(), whiteout_layer()])
    }

    /// Only the busybox base layer: the smallest runnable image.
    pub fn base() -> Image {
        Image::new(vec![base_layer()])
    }

    pub fn with_layer(mut self, layer: Layer) -> Image {
        self.layers.push(layer);
        self
    }

    pub fn compression(mut self, c: Compression) -> Image {
        self.layers = self.layers.iter().map(|l| l.recompress(c)).collect();
        self
    }

    pub fn docker(mut self) -> Image {
        self.docker = true;
        self
    }

    pub fn platform(mut self, arch: &str, variant: Option<&str>) -> Image {
        self.architecture = arch.into();
        self.variant = variant.map(str::to_string);
        self
    }

    pub fn diff_ids(&self) -> Vec<String> {
        self.layers.iter().map(Layer::diff_id).collect()
    }

    pub fn chain_ids(&self) -> Vec<String> {
        super::chain_ids(&self.diff_ids())
    }

    pub fn config_json(&self) -> Vec<u8> {
        let diff_ids = self
            .diff_ids_override
            .clone()
            .unwrap_or_else(|| self.diff_ids());
        let mut v = json!({
            "created": self.created,
            "architecture": self.architecture,
            "os": self.os,
            "config": {"Cmd": self.cmd, "Env": self.env},
            "rootfs": {"type": "layers", "diff_ids": diff_ids},
            "history": self.layers.iter().map(|_| json!({
                "created": self.created, "created_by": "ctl integration tests"
            })).collect::<Vec<_>>(),
        });
        if let Some(variant) = &self.variant {
            v["variant"] = json!(variant);
        }
        if !self.exposed_ports.is_empty() {
            let ports: serde_json::Map<String, serde_json::Value> = self
                .exposed_ports
                .iter()
                .map(|p| (p.clone(), json!({})))
                .collect();
            v["config"]["ExposedPorts"] = json!(ports);
        }
        if !self.volumes.is_empty() {
            let vols: serde_json::Map<String, serde_json::Value> = self
                .volumes
                .iter()
                .map(|p| (p.clone(), json!({})))
                .collect();
            v["config"]["Volumes"] = json!(vols);
        }
        if let Some(hc) = &self.healthcheck {
            v["config"]["Healthcheck"] = hc.clone();
        }
        serde_json::to_vec(&v).expect("config serializes")
    }

    pub fn config_digest(&self) -> String {
        sha256(&self.config_json())
    }

    /// The image id ctl reports: the config digest's hex.
    pub fn id(&self) -> String {
        super::hex_of(&self.config_digest()).to_string()
    }

    pub fn config_media_type(&self) -> &'static str {
        if self.docker {
            DOCKER_CONFIG
        } else {
            OCI_CONFIG
        }
    }

    pub fn manifest_media_type(&self) -> &'static str {
        if self.docker {
            DOCKER_MANIFEST
        } else {
            OCI_MANIFEST
        }
    }

    pub fn manifest(&self) -> OciImageManifest {
        let config = self.config_json();
        OciImageManifest {
            schema_version: 2,
            media_type: Some(self.manifest_media_type().into()),
            config: OciDescriptor {
                media_type: self.config_media_type().into(),
                digest: sha256(&config),
                size: config.len() as i64,
                ..Default::default()
            },
            layers: self
                .layers
                .iter()
                .map(|l| OciDescriptor {
                    media_type: l.media_type(self.docker).into(),
                    digest: l.digest(),
                    size: l.blob.len() as i64,
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
    }
}
