//! oci-archive: an OCI image layout (`oci-layout`, `index.json`, `blobs/<alg>/<hex>`) in a
//! tar, as `podman save --format oci-archive` and skopeo write it. index.json entries point
//! at manifests or at nested indexes (the host's platform is picked from those); names come
//! from the entry's `io.containerd.image.name` or `org.opencontainers.image.ref.name`.

use std::collections::HashMap;

use serde::Deserialize;

use super::outer::Outer;
use super::{ImagePlan, LayerSource, METADATA_LIMIT};
use crate::error::Result;
use crate::image::digest::sha256_digest;
use crate::image::reference::{validate_digest, Reference};
use crate::image::registry::Platform;

const REF_NAME: &str = "org.opencontainers.image.ref.name";
const CONTAINERD_NAME: &str = "io.containerd.image.name";
/// Nested indexes followed at most.
const MAX_DEPTH: usize = 4;

/// An OCI descriptor, as much of it as loading needs.
#[derive(Debug, Clone, Deserialize)]
pub struct Descriptor {
    #[serde(rename = "mediaType", default)]
    pub media_type: Option<String>,
    pub digest: String,
    #[serde(default)]
    pub size: Option<i64>,
    #[serde(default)]
    pub annotations: Option<HashMap<String, String>>,
    #[serde(default)]
    pub platform: Option<DescPlatform>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DescPlatform {
    pub architecture: String,
    pub os: String,
    #[serde(default)]
    pub variant: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Index {
    #[serde(default)]
    manifests: Option<Vec<Descriptor>>,
}

#[derive(Debug, Deserialize)]
struct Manifest {
    config: Descriptor,
    #[serde(default)]
    layers: Vec<Descriptor>,
}

/// What a descriptor points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Index,
    Manifest,
}

/// The kind of blob `media_type` names, or (no media type) what `data` looks like.
pub fn kind_of(media_type: Option<&str>, data: &[u8]) -> std::result::Result<Kind, String> {
    match media_type {
        Some(
            "application/vnd.oci.image.index.v1+json"
            | "application/vnd.docker.distribution.manifest.list.v2+json",
        ) => Ok(Kind::Index),
        Some(
            "application/vnd.oci.image.manifest.v1+json"
            | "application/vnd.docker.distribution.manifest.v2+json",
        ) => Ok(Kind::Manifest),
        Some(other) => Err(format!("unsupported media type '{other}'")),
        None => {
            let v: serde_json::Value =
                serde_json::from_slice(data).map_err(|e| format!("not valid JSON: {e}"))?;
            if v.get("manifests").is_some() {
                Ok(Kind::Index)
            } else if v.get("config").is_some() {
                Ok(Kind::Manifest)
            } else {
                Err("neither an image index nor an image manifest".into())
            }
        }
    }
}

/// The member path of a blob: `blobs/sha256/<hex>`.
pub fn blob_path(digest: &str) -> std::result::Result<String, String> {
    validate_digest(digest).map_err(|r| format!("digest '{digest}': {r}"))?;
    match digest.split_once(':') {
        Some(("sha256", hex)) => Ok(format!("blobs/sha256/{hex}")),
        _ => Err(format!("digest '{digest}': only sha256 is supported")),
    }
}

/// The image name an index entry carries, fully qualified (a bare name or tag goes under
/// `localhost/`, as podman names it); `None` when it has none.
pub fn entry_name(d: &Descriptor) -> std::result::Result<Option<String>, String> {
    let Some(a) = &d.annotations else {
        return Ok(None);
    };
    let Some(name) = a.get(CONTAINERD_NAME).or_else(|| a.get(REF_NAME)) else {
        return Ok(None);
    };
    Reference::parse_with(name, "localhost")
        .ok()
        .filter(|r| r.digest.is_none())
        .and_then(|r| r.tagged_name())
        .map(Some)
        .ok_or_else(|| format!("index.json names an image '{name}' that is not a valid name"))
}

fn matches(p: &DescPlatform, host: &Platform) -> bool {
    p.os == host.os
        && p.architecture == host.architecture
        && (host.variant.is_none() || p.variant == host.variant)
}

fn show(p: &DescPlatform) -> String {
    match &p.variant {
        Some(v) => format!("{}/{}/{v}", p.os, p.architecture),
        None => format!("{}/{}", p.os, p.architecture),
    }
}

/// The entries of an index to load: those without a platform and those for `host`. An
/// index whose entries all name other platforms is an error listing them.
pub fn select<'a>(
    entries: &'a [Descriptor],
    host: &Platform,
) -> std::result::Result<Vec<&'a Descriptor>, String> {
    let chosen: Vec<&Descriptor> = entries
        .iter()
        .filter(|d| d.platform.as_ref().is_none_or(|p| matches(p, host)))
        .collect();
    if chosen.is_empty() {
        let have: Vec<String> = entries
            .iter()
            .filter_map(|d| d.platform.as_ref().map(show))
            .collect();
        return Err(if have.is_empty() {
            "the index lists no images".to_string()
        } else {
            format!("no image for {host} (the archive has {})", have.join(", "))
        });
    }
    Ok(chosen)
}

/// Reads the blob `d` points at, checking its size and digest.
fn read_blob(outer: &Outer, d: &Descriptor, named_by: &str, what: &str) -> Result<Vec<u8>> {
    let path = blob_path(&d.digest).map_err(|r| outer.err(format!("{named_by}: {r}")))?;
    let data = outer.read_small(&path, &format!("{named_by} names {what}"), METADATA_LIMIT)?;
    check_size(outer, d, data.len() as u64, &path)?;
    let got = sha256_digest(&data);
    if got != d.digest {
        return Err(outer.err(format!("blob '{path}' has digest {got}, not {}", d.digest)));
    }
    Ok(data)
}

fn check_size(outer: &Outer, d: &Descriptor, size: u64, path: &str) -> Result<()> {
    match d.size {
        Some(want) if want < 0 || want as u64 != size => Err(outer.err(format!(
            "blob '{path}' is {size} bytes, but its descriptor says {want}"
        ))),
        _ => Ok(()),
    }
}

/// The manifest (its digest and body) an index entry stands for on `host`.
fn resolve(
    outer: &Outer,
    d: &Descriptor,
    host: &Platform,
    depth: usize,
) -> Result<(String, Manifest)> {
    let named_by = if depth == 0 {
        "index.json".to_string()
    } else {
        format!("index {}", d.digest)
    };
    let data = read_blob(outer, d, &named_by, "blob")?;
    let bad = |r: String| outer.err(format!("blob {}: {r}", d.digest));
    match kind_of(d.media_type.as_deref(), &data).map_err(bad)? {
        Kind::Manifest => {
            let m: Manifest =
                serde_json::from_slice(&data).map_err(|e| bad(format!("bad manifest: {e}")))?;
            Ok((d.digest.clone(), m))
        }
        Kind::Index if depth >= MAX_DEPTH => Err(bad("indexes nested too deeply".into())),
        Kind::Index => {
            let idx: Index =
                serde_json::from_slice(&data).map_err(|e| bad(format!("bad index: {e}")))?;
            let entries = idx.manifests.unwrap_or_default();
            let chosen = select(&entries, host).map_err(bad)?;
            resolve(outer, chosen[0], host, depth + 1)
        }
    }
}

/// The images of an oci-archive for `host`, every blob they name checked to be there.
pub(crate) fn plans(outer: &Outer, host: &Platform) -> Result<Vec<ImagePlan>> {
    let data = outer.read_small("index.json", "the oci-archive needs", METADATA_LIMIT)?;
    let idx: Index = serde_json::from_slice(&data)
        .map_err(|e| outer.err(format!("index.json is not valid: {e}")))?;
    let Some(entries) = idx.manifests else {
        return Err(outer.err("index.json has no manifests"));
    };
    let chosen = select(&entries, host).map_err(|r| outer.err(format!("index.json: {r}")))?;
    chosen
        .into_iter()
        .map(|entry| {
            let names = entry_name(entry).map_err(|r| outer.err(r))?;
            let (digest, m) = resolve(outer, entry, host, 0)?;
            let named_by = format!("manifest {digest}");
            if let Some(t) = &m.config.media_type {
                if !matches!(
                    t.as_str(),
                    "application/vnd.oci.image.config.v1+json"
                        | "application/vnd.docker.container.image.v1+json"
                ) {
                    return Err(outer.err(format!(
                        "{named_by} is not a container image (config media type '{t}')"
                    )));
                }
            }
            let config = read_blob(outer, &m.config, &named_by, "config")?;
            let layers = m
                .layers
                .iter()
                .map(|l| {
                    if l.media_type
                        .as_deref()
                        .is_some_and(|t| t.contains("encrypted"))
                    {
                        return Err(outer.err(format!(
                            "{named_by}: layer {} is encrypted, which is not supported",
                            l.digest
                        )));
                    }
                    let path =
                        blob_path(&l.digest).map_err(|r| outer.err(format!("{named_by}: {r}")))?;
                    let size = outer.size(&path, &format!("{named_by} names layer"))?;
                    check_size(outer, l, size, &path)?;
                    Ok(LayerSource {
                        member: path,
                        digest: Some(l.digest.clone()),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            Ok(ImagePlan {
                config,
                names: names.into_iter().collect(),
                layers,
                manifest_digest: Some(digest),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn desc(json: serde_json::Value) -> Descriptor {
        serde_json::from_value(json).unwrap()
    }

    fn amd64() -> Platform {
        Platform {
            os: "linux".into(),
            architecture: "amd64".into(),
            variant: None,
        }
    }

    const D: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn names_come_from_annotations() {
        let name = |a: serde_json::Value| {
            entry_name(&desc(serde_json::json!({"digest": D, "annotations": a})))
        };
        assert_eq!(
            name(serde_json::json!({REF_NAME: "latest"}))
                .unwrap()
                .as_deref(),
            Some("localhost/latest:latest")
        );
        assert_eq!(
            name(serde_json::json!({REF_NAME: "docker.io/library/busybox:1"}))
                .unwrap()
                .as_deref(),
            Some("docker.io/library/busybox:1")
        );
        assert_eq!(
            name(serde_json::json!({REF_NAME: "app:v2"}))
                .unwrap()
                .as_deref(),
            Some("localhost/app:v2")
        );
        assert_eq!(
            name(serde_json::json!({REF_NAME: "latest", CONTAINERD_NAME: "docker.io/x/y:z"}))
                .unwrap()
                .as_deref(),
            Some("docker.io/x/y:z")
        );
        assert_eq!(name(serde_json::json!({})).unwrap(), None);
        assert!(name(serde_json::json!({REF_NAME: "Not Valid"})).is_err());
        assert_eq!(
            entry_name(&desc(serde_json::json!({"digest": D}))).unwrap(),
            None
        );
    }

    #[test]
    fn the_host_platform_is_selected() {
        let entries: Vec<Descriptor> = serde_json::from_value(serde_json::json!([
            {"digest": D, "platform": {"os": "linux", "architecture": "arm64", "variant": "v8"}},
            {"digest": D, "size": 1, "platform": {"os": "linux", "architecture": "amd64"}},
            {"digest": D, "platform": {"os": "unknown", "architecture": "unknown"}},
        ]))
        .unwrap();
        let got = select(&entries, &amd64()).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].size, Some(1));
        let s390 = Platform::parse("linux/s390x").unwrap();
        let e = select(&entries, &s390).unwrap_err();
        assert!(e.contains("no image for linux/s390x"), "{e}");
        assert!(e.contains("linux/arm64/v8, linux/amd64"), "{e}");
        // Entries without a platform are always taken.
        let plain = vec![desc(serde_json::json!({"digest": D}))];
        assert_eq!(select(&plain, &s390).unwrap().len(), 1);
        assert!(select(&[], &s390).unwrap_err().contains("no images"));
    }

    #[test]
    fn kinds_and_blob_paths() {
        assert_eq!(
            kind_of(Some("application/vnd.oci.image.index.v1+json"), b"").unwrap(),
            Kind::Index
        );
        assert_eq!(
            kind_of(
                Some("application/vnd.docker.distribution.manifest.v2+json"),
                b""
            )
            .unwrap(),
            Kind::Manifest
        );
        assert_eq!(kind_of(None, br#"{"manifests":[]}"#).unwrap(), Kind::Index);
        assert_eq!(kind_of(None, br#"{"config":{}}"#).unwrap(), Kind::Manifest);
        assert!(kind_of(None, b"{}").is_err());
        assert!(kind_of(Some("text/plain"), b"")
            .unwrap_err()
            .contains("text/plain"));
        assert_eq!(
            blob_path(D).unwrap(),
            format!("blobs/sha256/{}", &D["sha256:".len()..])
        );
        assert!(blob_path("sha256:../../etc").is_err());
        assert!(blob_path(&format!("sha512:{}", "a".repeat(128)))
            .unwrap_err()
            .contains("only sha256"));
    }
}
