//! `ctl save`: images out of the store as docker-archive, oci-archive, oci-dir or docker-dir,
//! the layouts `ctl load` (and podman, docker, skopeo) read. Each layer's tar is rebuilt byte
//! for byte from the store (tarsplit.rs), so the configs are written unchanged and the image
//! ids survive a save and load. Layers go uncompressed into a docker-archive (as podman
//! writes them), gzip-compressed into the OCI formats, and into a docker-dir as asked.

pub mod sink;

use std::io::Write;
use std::path::Path;

use serde_json::{json, Value};

use crate::error::{Error, Result};
use crate::image::digest::sha256_digest;
use crate::image::store::{ImageRecord, Store};
use crate::image::tarsplit;
use sink::{scratch_file, Sink};

/// The layouts `save` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    OciDir,
    OciArchive,
    DockerDir,
    DockerArchive,
}

/// The formats' names, in podman's order.
pub const FORMATS: [&str; 4] = ["oci-dir", "oci-archive", "docker-dir", "docker-archive"];

impl std::str::FromStr for Format {
    type Err = Error;

    fn from_str(s: &str) -> Result<Format> {
        Ok(match s {
            "oci-dir" => Format::OciDir,
            "oci-archive" => Format::OciArchive,
            "docker-dir" => Format::DockerDir,
            "docker-archive" => Format::DockerArchive,
            _ => {
                return Err(Error::BadOption(format!(
                    "format value must be one of {}",
                    FORMATS.join(" ")
                )))
            }
        })
    }
}

impl Format {
    /// A directory layout rather than a tar stream.
    pub fn is_dir(self) -> bool {
        matches!(self, Format::OciDir | Format::DockerDir)
    }
}

/// One image to save and the names it is written under.
#[derive(Debug, Clone)]
pub struct SaveItem {
    pub image: ImageRecord,
    pub tags: Vec<String>,
}

/// How layers are written.
#[derive(Debug, Clone, Copy)]
pub struct SaveOptions {
    pub format: Format,
    /// gzip the layers of a docker-dir.
    pub compress: bool,
    /// Leave the layers of an OCI format uncompressed.
    pub uncompressed: bool,
}

const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
const OCI_LAYER: &str = "application/vnd.oci.image.layer.v1.tar";
const V2S2_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
const V2S2_CONFIG: &str = "application/vnd.docker.container.image.v1+json";
const V2S2_LAYER: &str = "application/vnd.docker.image.rootfs.diff.tar";
const REF_NAME: &str = "org.opencontainers.image.ref.name";

/// Writes `items` to `sink` in `opts.format`; the sink's kind must match it.
pub fn save(
    store: &Store,
    items: &[SaveItem],
    opts: SaveOptions,
    sink: &mut dyn Sink,
) -> Result<()> {
    match opts.format {
        Format::DockerArchive => docker_archive(store, items, sink),
        Format::OciArchive | Format::OciDir => oci(store, items, opts, sink),
        Format::DockerDir => docker_dir(store, items, opts, sink),
    }
}

/// A layer's rebuilt tar written to `out`; errors name the layer.
fn write_layer(store: &Store, chain: &str, out: &mut dyn Write) -> Result<u64> {
    let rec = store.layer(chain)?;
    tarsplit::rebuild(&store.layer_dir(chain), &rec.diff_id, out).map_err(|e| Error::BadImage {
        what: format!("layer {}", rec.diff_id),
        reason: e.to_string(),
    })
}

/// The image's config as stored, and its layers' diff ids (base first).
fn config_of(store: &Store, img: &ImageRecord) -> Result<(Vec<u8>, Vec<String>)> {
    let config = store.blob(&img.config_digest())?;
    let summary = crate::image::ImageConfigSummary::parse(&config)?;
    if summary.diff_ids.len() != img.layers.len() {
        return Err(Error::BadImage {
            what: img.id.clone(),
            reason: "its config and its record list different numbers of layers".into(),
        });
    }
    Ok((config, summary.diff_ids))
}

fn hex(digest: &str) -> &str {
    digest.trim_start_matches("sha256:")
}

/// docker-archive: `<config hex>.json`, `<diff id hex>.tar` each layer once,
/// `manifest.json` with each image's RepoTags, `repositories`.
fn docker_archive(store: &Store, items: &[SaveItem], sink: &mut dyn Sink) -> Result<()> {
    let mut written: Vec<String> = Vec::new();
    let mut manifest = Vec::new();
    let mut repositories = serde_json::Map::new();
    for item in items {
        let (config, diff_ids) = config_of(store, &item.image)?;
        let mut layers = Vec::new();
        for (chain, diff_id) in item.image.layers.iter().zip(&diff_ids) {
            let name = format!("{}.tar", hex(diff_id));
            if !written.contains(&name) {
                let size = store.layer(chain)?.size;
                sink.stream(&name, size, &mut |w| write_layer(store, chain, w))?;
                written.push(name.clone());
            }
            layers.push(name);
        }
        let config_name = format!("{}.json", item.image.id);
        if !written.contains(&config_name) {
            sink.bytes(&config_name, &config)?;
            written.push(config_name.clone());
        }
        let tags: Vec<String> = item.tags.iter().map(|t| docker_tag(t)).collect();
        for t in &tags {
            if let (Some((repo, tag)), Some(top)) = (t.rsplit_once(':'), diff_ids.last()) {
                let e = repositories
                    .entry(repo.to_string())
                    .or_insert_with(|| json!({}));
                e[tag] = json!(hex(top));
            }
        }
        manifest.push(json!({"Config": config_name, "RepoTags": tags, "Layers": layers}));
    }
    if !repositories.is_empty() {
        sink.bytes("repositories", &to_json(&Value::Object(repositories)))?;
    }
    sink.bytes("manifest.json", &to_json(&Value::Array(manifest)))
}

/// The name as docker writes RepoTags: `docker.io/library/` is left out.
fn docker_tag(name: &str) -> String {
    let short = name.strip_prefix("docker.io/").unwrap_or(name);
    short.strip_prefix("library/").unwrap_or(short).to_string()
}

fn to_json(v: &Value) -> Vec<u8> {
    serde_json::to_vec(v).expect("JSON value serializes")
}

/// A layer as a blob: its digest, size and media-type suffix, written through `sink`
/// under `name_of(digest)`. Uncompressed, the digest is the diff id and the tar streams
/// straight in; compressed, it is written to a scratch file first, its digest unknown
/// until then.
fn layer_blob(
    store: &Store,
    chain: &str,
    gzip: bool,
    sink: &mut dyn Sink,
    name_of: &dyn Fn(&str) -> String,
) -> Result<(String, u64)> {
    let rec = store.layer(chain)?;
    if !gzip {
        let name = name_of(&rec.diff_id);
        sink.stream(&name, rec.size, &mut |w| write_layer(store, chain, w))?;
        return Ok((rec.diff_id, rec.size));
    }
    let scratch = scratch_file(sink.scratch());
    let res = (|| {
        let f = std::fs::File::create(&scratch).map_err(|e| Error::io(&scratch, e))?;
        let mut hashed = Hashing::new(std::io::BufWriter::with_capacity(256 * 1024, f));
        let mut gz = flate2::write::GzEncoder::new(&mut hashed, flate2::Compression::default());
        write_layer(store, chain, &mut gz)?;
        gz.finish().map_err(|e| Error::io(&scratch, e))?;
        hashed.inner.flush().map_err(|e| Error::io(&scratch, e))?;
        let (digest, size) = (hashed.digest(), hashed.count);
        sink.file(&name_of(&digest), &scratch)?;
        Ok((digest, size))
    })();
    if res.is_err() {
        let _ = std::fs::remove_file(&scratch);
    }
    res
}

/// OCI layout: `oci-layout`, `blobs/sha256/*`, `index.json` naming each image.
fn oci(store: &Store, items: &[SaveItem], opts: SaveOptions, sink: &mut dyn Sink) -> Result<()> {
    sink.bytes("oci-layout", br#"{"imageLayoutVersion":"1.0.0"}"#)?;
    let blob = |d: &str| format!("blobs/sha256/{}", hex(d));
    let mut index = Vec::new();
    let mut written: Vec<String> = Vec::new();
    for item in items {
        let (config, _) = config_of(store, &item.image)?;
        let mut layers = Vec::new();
        for chain in &item.image.layers {
            let (digest, size) = layer_blob(store, chain, !opts.uncompressed, sink, &blob)?;
            let kind = match opts.uncompressed {
                true => OCI_LAYER.to_string(),
                false => format!("{OCI_LAYER}+gzip"),
            };
            layers.push(json!({"mediaType": kind, "digest": digest, "size": size}));
        }
        let config_digest = item.image.config_digest();
        if !written.contains(&config_digest) {
            sink.bytes(&blob(&config_digest), &config)?;
            written.push(config_digest.clone());
        }
        let manifest = to_json(&json!({
            "schemaVersion": 2,
            "mediaType": OCI_MANIFEST,
            "config": {"mediaType": OCI_CONFIG, "digest": config_digest, "size": config.len()},
            "layers": layers,
        }));
        let digest = sha256_digest(&manifest);
        sink.bytes(&blob(&digest), &manifest)?;
        let mut desc = json!({"mediaType": OCI_MANIFEST, "digest": digest, "size": manifest.len()});
        if let Some(tag) = item.tags.first() {
            desc["annotations"] = json!({ REF_NAME: tag });
        }
        index.push(desc);
    }
    let index = json!({"schemaVersion": 2, "manifests": index});
    sink.bytes("index.json", &to_json(&index))
}

/// docker-dir (containers-transports(5) `dir:`): `version`, `manifest.json` (schema 2),
/// each blob under its digest's hex. One image only.
fn docker_dir(
    store: &Store,
    items: &[SaveItem],
    opts: SaveOptions,
    sink: &mut dyn Sink,
) -> Result<()> {
    let [item] = items else {
        return Err(Error::BadOption(
            "unsupported format \"docker-dir\" for saving multiple images (only docker-archive)"
                .into(),
        ));
    };
    let name = |d: &str| hex(d).to_string();
    let (config, _) = config_of(store, &item.image)?;
    let mut layers = Vec::new();
    for chain in &item.image.layers {
        let (digest, size) = layer_blob(store, chain, opts.compress, sink, &name)?;
        let kind = match opts.compress {
            true => format!("{V2S2_LAYER}.gzip"),
            false => V2S2_LAYER.to_string(),
        };
        layers.push(json!({"mediaType": kind, "size": size, "digest": digest}));
    }
    let config_digest = item.image.config_digest();
    sink.bytes(&name(&config_digest), &config)?;
    let manifest = json!({
        "schemaVersion": 2,
        "mediaType": V2S2_MANIFEST,
        "config": {"mediaType": V2S2_CONFIG, "size": config.len(), "digest": config_digest},
        "layers": layers,
    });
    sink.bytes("manifest.json", &to_json(&manifest))?;
    sink.bytes("version", b"Directory Transport Version: 1.1\n")
}

/// Saves into the directory `dest` (which must not exist, or be empty): built beside it
/// and renamed into place, so a failed or killed save leaves no half layout under its name.
pub fn save_dir(store: &Store, items: &[SaveItem], opts: SaveOptions, dest: &Path) -> Result<()> {
    match std::fs::read_dir(dest).map(|mut d| d.next().is_some()) {
        Ok(true) => {
            return Err(Error::BadOption(format!(
                "{}: the directory is not empty",
                dest.display()
            )))
        }
        Ok(false) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io(dest, e)),
    }
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dest.with_file_name(format!(".{name}.tmp-{}", crate::fsutil::random_hex(6)));
    std::fs::create_dir(&tmp).map_err(|e| Error::io(&tmp, e))?;
    let mut sink = sink::DirSink { root: tmp.clone() };
    let res = save(store, items, opts, &mut sink).and_then(|()| {
        let _ = std::fs::remove_dir(dest);
        std::fs::rename(&tmp, dest).map_err(|e| Error::io(dest, e))
    });
    if res.is_err() {
        let _ = crate::image::store::remove_tree(&tmp);
    }
    res
}

/// A writer that hashes and counts what passes.
pub(crate) struct Hashing<W> {
    pub(crate) inner: W,
    hash: sha2::Sha256,
    pub(crate) count: u64,
}

impl<W: Write> Hashing<W> {
    pub(crate) fn new(inner: W) -> Self {
        Hashing {
            inner,
            hash: sha2::Digest::new(),
            count: 0,
        }
    }

    pub(crate) fn digest(&self) -> String {
        format!(
            "sha256:{}",
            hex::encode(sha2::Digest::finalize(self.hash.clone()))
        )
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        sha2::Digest::update(&mut self.hash, &buf[..n]);
        self.count += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_and_a_bad_one_is_worded_as_podman() {
        assert_eq!("oci-dir".parse::<Format>().unwrap(), Format::OciDir);
        assert_eq!(
            "docker-archive".parse::<Format>().unwrap(),
            Format::DockerArchive
        );
        let e = "tar".parse::<Format>().unwrap_err().to_string();
        assert_eq!(
            e,
            "format value must be one of oci-dir oci-archive docker-dir docker-archive"
        );
    }

    #[test]
    fn docker_tags_drop_the_default_registry() {
        assert_eq!(
            docker_tag("docker.io/library/busybox:latest"),
            "busybox:latest"
        );
        assert_eq!(docker_tag("docker.io/me/x:1"), "me/x:1");
        assert_eq!(docker_tag("localhost/x:1"), "localhost/x:1");
    }
}
