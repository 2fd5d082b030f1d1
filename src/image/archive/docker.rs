//! docker-archive: `manifest.json` = `[{"Config", "RepoTags", "Layers"}]`, as `docker save`,
//! `podman save --format docker-archive` and skopeo write it. Layers are `<id>/layer.tar`
//! (often symlinks to each other), `<diff-id>.tar`, or `blobs/sha256/<hex>` in docker 25+.

use serde::Deserialize;

use super::outer::{normalize, Outer};
use super::{ImagePlan, LayerSource, METADATA_LIMIT};
use crate::error::Result;
use crate::image::digest::sha256_digest;
use crate::image::reference::Reference;

/// One image of a manifest.json, its paths cleaned and its names fully qualified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DockerEntry {
    pub config: String,
    pub names: Vec<String>,
    pub layers: Vec<String>,
}

#[derive(Deserialize)]
struct RawEntry {
    #[serde(rename = "Config")]
    config: String,
    #[serde(rename = "RepoTags", default)]
    repo_tags: Option<Vec<String>>,
    #[serde(rename = "Layers", default)]
    layers: Option<Vec<String>>,
}

/// Parses manifest.json; the error is the reason, to be prefixed with the archive's name.
pub fn parse_manifest(data: &[u8]) -> std::result::Result<Vec<DockerEntry>, String> {
    let raw: Vec<RawEntry> =
        serde_json::from_slice(data).map_err(|e| format!("manifest.json is not valid: {e}"))?;
    if raw.is_empty() {
        return Err("manifest.json lists no images".into());
    }
    let path = |p: &str| {
        normalize(p)
            .filter(|n| !n.is_empty())
            .ok_or_else(|| format!("manifest.json names an unsafe path '{p}'"))
    };
    raw.into_iter()
        .map(|e| {
            let names = e
                .repo_tags
                .unwrap_or_default()
                .iter()
                .map(|t| {
                    Reference::parse(t)
                        .ok()
                        .filter(|r| r.digest.is_none())
                        .and_then(|r| r.tagged_name())
                        .ok_or_else(|| format!("manifest.json has an invalid RepoTag '{t}'"))
                })
                .collect::<std::result::Result<Vec<_>, _>>()?;
            Ok(DockerEntry {
                config: path(&e.config)?,
                names,
                layers: e
                    .layers
                    .unwrap_or_default()
                    .iter()
                    .map(|l| path(l))
                    .collect::<std::result::Result<_, _>>()?,
            })
        })
        .collect()
}

/// The digest a member's path states: `blobs/sha256/<hex>`, and for a config also
/// `<hex>.json` (docker and skopeo name the config after its digest).
pub fn digest_in_path(path: &str, is_config: bool) -> Option<String> {
    let hex = match path.strip_prefix("blobs/sha256/") {
        Some(h) => h,
        None if is_config => path.strip_suffix(".json")?,
        None => return None,
    };
    (hex.len() == 64 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
        .then(|| format!("sha256:{hex}"))
}

/// The images of a docker-archive, every member they name checked to be there.
pub(crate) fn plans(outer: &Outer) -> Result<Vec<ImagePlan>> {
    let data = outer.read_small("manifest.json", "the docker-archive needs", METADATA_LIMIT)?;
    let entries = parse_manifest(&data).map_err(|r| outer.err(r))?;
    entries
        .into_iter()
        .map(|e| {
            let config =
                outer.read_small(&e.config, "manifest.json names config", METADATA_LIMIT)?;
            if let Some(want) = digest_in_path(&e.config, true) {
                let got = sha256_digest(&config);
                if got != want {
                    return Err(outer.err(format!(
                        "config '{}' has digest {got}, not the {want} its name says",
                        e.config
                    )));
                }
            }
            let layers = e
                .layers
                .iter()
                .map(|l| {
                    outer.size(l, "manifest.json names layer")?;
                    Ok(LayerSource {
                        member: l.clone(),
                        digest: digest_in_path(l, false),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            Ok(ImagePlan {
                config,
                names: e.names,
                layers,
                manifest_digest: None,
            })
        })
        .collect()
}

#[derive(Deserialize)]
struct DirDescriptor {
    digest: String,
}

#[derive(Deserialize)]
struct DirManifest {
    config: DirDescriptor,
    #[serde(default)]
    layers: Vec<DirDescriptor>,
}

/// The image of a docker-dir: a schema 2 manifest, each blob under its digest's hex.
pub(crate) fn dir_plans(outer: &Outer) -> Result<Vec<ImagePlan>> {
    let data = outer.read_small("manifest.json", "the docker-dir needs", METADATA_LIMIT)?;
    let m: DirManifest = serde_json::from_slice(&data)
        .map_err(|e| outer.err(format!("manifest.json is not valid: {e}")))?;
    let member = |d: &str| {
        crate::image::reference::validate_digest(d)
            .map(|_| d.trim_start_matches("sha256:").to_string())
            .map_err(|r| outer.err(format!("manifest.json names digest \"{d}\": {r}")))
    };
    let config = outer.read_small(
        &member(&m.config.digest)?,
        "manifest.json names config",
        METADATA_LIMIT,
    )?;
    if sha256_digest(&config) != m.config.digest {
        return Err(outer.err(format!(
            "config has digest {}, not the {} the manifest says",
            sha256_digest(&config),
            m.config.digest
        )));
    }
    let layers = m
        .layers
        .iter()
        .map(|l| {
            let name = member(&l.digest)?;
            outer.size(&name, "manifest.json names layer")?;
            Ok(LayerSource {
                member: name,
                digest: Some(l.digest.clone()),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(vec![ImagePlan {
        config,
        names: vec![],
        layers,
        manifest_digest: Some(sha256_digest(&data)),
    }])
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn parses_docker_save_manifests() {
        let m = format!(
            r#"[{{"Config":"{HEX}.json","RepoTags":["busybox:latest","reg:5000/a/b:1"],
                "Layers":["abc/layer.tar","./blobs/sha256/{HEX}"]}},
               {{"Config":"c.json","RepoTags":null,"Layers":[]}}]"#
        );
        let e = parse_manifest(m.as_bytes()).unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(
            e[0].names,
            vec![
                "docker.io/library/busybox:latest".to_string(),
                "reg:5000/a/b:1".to_string()
            ]
        );
        assert_eq!(e[0].layers[1], format!("blobs/sha256/{HEX}"));
        assert!(e[1].names.is_empty());
        assert!(e[1].layers.is_empty());
    }

    #[test]
    fn refuses_bad_manifests() {
        let err = |m: &str| parse_manifest(m.as_bytes()).unwrap_err();
        assert!(err("{").contains("not valid"));
        assert!(err("{}").contains("not valid"));
        assert!(err("[]").contains("no images"));
        assert!(err(r#"[{"RepoTags":[]}]"#).contains("Config"));
        assert!(err(r#"[{"Config":"../x.json"}]"#).contains("unsafe path '../x.json'"));
        assert!(err(r#"[{"Config":"c.json","Layers":["/etc/passwd"]}]"#).contains("unsafe"));
        assert!(err(r#"[{"Config":"c.json","RepoTags":["Bad Name"]}]"#).contains("RepoTag"));
    }

    #[test]
    fn digests_come_from_blob_paths_and_config_names() {
        let d = format!("sha256:{HEX}");
        assert_eq!(
            digest_in_path(&format!("blobs/sha256/{HEX}"), false),
            Some(d.clone())
        );
        assert_eq!(digest_in_path(&format!("{HEX}.json"), true), Some(d));
        assert_eq!(digest_in_path(&format!("{HEX}.json"), false), None);
        assert_eq!(digest_in_path("abc/layer.tar", false), None);
        assert_eq!(digest_in_path("config.json", true), None);
        assert_eq!(digest_in_path("blobs/sha256/XYZ", false), None);
    }
}
