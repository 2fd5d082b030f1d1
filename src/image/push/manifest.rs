//! What a push writes last: the manifest (OCI or docker schema 2) over the blobs it sent,
//! and where it goes (podman's DESTINATION, a registry reference).

use crate::error::{Error, Result};
use crate::image::compression::Algorithm;
use crate::image::reference::Reference;

/// The manifest type (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManifestFormat {
    Oci,
    V2s2,
}

impl std::str::FromStr for ManifestFormat {
    type Err = Error;

    fn from_str(s: &str) -> Result<ManifestFormat> {
        match s {
            "oci" => Ok(ManifestFormat::Oci),
            "v2s2" | "docker" => Ok(ManifestFormat::V2s2),
            "v2s1" => Err(Error::BadOption(
                "manifest type \"v2s1\" (docker schema 1) is not supported: use oci or v2s2".into(),
            )),
            _ => Err(Error::BadOption(format!(
                "unknown format {s:?}. Choose one of the supported formats: 'oci', 'v2s1', or \
                 'v2s2'"
            ))),
        }
    }
}

impl ManifestFormat {
    pub fn media_type(self) -> &'static str {
        match self {
            ManifestFormat::Oci => "application/vnd.oci.image.manifest.v1+json",
            ManifestFormat::V2s2 => "application/vnd.docker.distribution.manifest.v2+json",
        }
    }

    fn config_type(self) -> &'static str {
        match self {
            ManifestFormat::Oci => "application/vnd.oci.image.config.v1+json",
            ManifestFormat::V2s2 => "application/vnd.docker.container.image.v1+json",
        }
    }

    /// Whether its layers may be compressed so (docker schema 2 has no zstd type).
    pub fn allows(self, algorithm: Algorithm) -> bool {
        !(self == ManifestFormat::V2s2 && algorithm == Algorithm::Zstd)
    }

    fn layer_type(self, algorithm: Algorithm) -> &'static str {
        match (self, algorithm) {
            (ManifestFormat::Oci, Algorithm::Gzip) => "application/vnd.oci.image.layer.v1.tar+gzip",
            (ManifestFormat::Oci, Algorithm::Zstd) => "application/vnd.oci.image.layer.v1.tar+zstd",
            (ManifestFormat::V2s2, _) => "application/vnd.docker.image.rootfs.diff.tar.gzip",
        }
    }
}

/// A blob as the manifest names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blob {
    pub digest: String,
    pub size: u64,
}

/// A descriptor as containers/image writes it: OCI puts the digest before the size,
/// docker schema 2 after (the same bytes give the same manifest digest as podman's).
#[derive(serde::Serialize)]
#[serde(untagged)]
enum Descriptor<'a> {
    #[serde(rename_all = "camelCase")]
    Oci {
        media_type: &'a str,
        digest: &'a str,
        size: u64,
    },
    #[serde(rename_all = "camelCase")]
    Docker {
        media_type: &'a str,
        size: u64,
        digest: &'a str,
    },
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Manifest<'a> {
    schema_version: u32,
    media_type: &'a str,
    config: Descriptor<'a>,
    layers: Vec<Descriptor<'a>>,
}

/// The manifest's bytes: `config`, then `layers` (base first) with their algorithms.
pub fn build(format: ManifestFormat, config: &Blob, layers: &[(Blob, Algorithm)]) -> Vec<u8> {
    fn desc<'a>(format: ManifestFormat, media_type: &'a str, b: &'a Blob) -> Descriptor<'a> {
        match format {
            ManifestFormat::Oci => Descriptor::Oci {
                media_type,
                digest: &b.digest,
                size: b.size,
            },
            ManifestFormat::V2s2 => Descriptor::Docker {
                media_type,
                size: b.size,
                digest: &b.digest,
            },
        }
    }
    let manifest = Manifest {
        schema_version: 2,
        media_type: format.media_type(),
        config: desc(format, format.config_type(), config),
        layers: layers
            .iter()
            .map(|(b, a)| desc(format, format.layer_type(*a), b))
            .collect(),
    };
    serde_json::to_vec(&manifest).expect("manifest serializes")
}

/// Transports of containers-transports(5) that write elsewhere than a registry.
const OTHER_TRANSPORTS: &[&str] = &[
    "containers-storage",
    "dir",
    "docker-archive",
    "docker-daemon",
    "oci",
    "oci-archive",
    "ostree",
    "sif",
];

/// podman's DESTINATION: `[docker://]registry/repo[:tag]`. Other transports are refused in
/// one line, as is a digest (a registry names what it is given by its own digest).
pub fn destination(dest: &str) -> Result<Reference> {
    let name = match dest.strip_prefix("docker://") {
        Some(rest) => rest,
        None => {
            if let Some((t, _)) = dest
                .split_once(':')
                .filter(|(t, _)| OTHER_TRANSPORTS.contains(t))
            {
                return Err(Error::BadOption(format!(
                    "unsupported transport \"{t}\" in \"{}\": ctl pushes to registries \
                     (docker://); `ctl save` writes archives and directories",
                    crate::text::escape(dest)
                )));
            }
            dest
        }
    };
    let r = Reference::parse(name).map_err(|e| Error::BadOption(e.to_string()))?;
    if r.digest.is_some() {
        return Err(Error::BadOption(format!(
            "{}: cannot push to a digested reference",
            crate::text::escape(dest)
        )));
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blob(n: char, size: u64) -> Blob {
        Blob {
            digest: format!("sha256:{}", n.to_string().repeat(64)),
            size,
        }
    }

    #[test]
    fn oci_and_docker_manifests_name_their_types() {
        let layers = [
            (blob('a', 10), Algorithm::Gzip),
            (blob('b', 20), Algorithm::Zstd),
        ];
        let m: serde_json::Value =
            serde_json::from_slice(&build(ManifestFormat::Oci, &blob('c', 5), &layers)).unwrap();
        assert_eq!(m["mediaType"], "application/vnd.oci.image.manifest.v1+json");
        assert_eq!(
            m["config"]["mediaType"],
            "application/vnd.oci.image.config.v1+json"
        );
        assert_eq!(m["config"]["size"], 5);
        assert_eq!(
            m["layers"][0]["mediaType"],
            "application/vnd.oci.image.layer.v1.tar+gzip"
        );
        assert_eq!(
            m["layers"][1]["mediaType"],
            "application/vnd.oci.image.layer.v1.tar+zstd"
        );
        assert_eq!(m["layers"][1]["digest"], blob('b', 0).digest);
        let d: serde_json::Value =
            serde_json::from_slice(&build(ManifestFormat::V2s2, &blob('c', 5), &layers[..1]))
                .unwrap();
        assert_eq!(
            d["mediaType"],
            "application/vnd.docker.distribution.manifest.v2+json"
        );
        assert_eq!(
            d["layers"][0]["mediaType"],
            "application/vnd.docker.image.rootfs.diff.tar.gzip"
        );
        assert!(!ManifestFormat::V2s2.allows(Algorithm::Zstd));
        // Key order as containers/image writes them.
        let text = String::from_utf8(build(ManifestFormat::V2s2, &blob('c', 5), &[])).unwrap();
        assert!(
            text.starts_with(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.\
                 manifest.v2+json\",\"config\":{\"mediaType\":\"application/vnd.docker.\
                 container.image.v1+json\",\"size\":5,\"digest\""
            ),
            "{text}"
        );
        assert!("v2s1".parse::<ManifestFormat>().is_err());
        assert!("xml"
            .parse::<ManifestFormat>()
            .unwrap_err()
            .to_string()
            .contains("'oci'"));
    }

    #[test]
    fn destinations_take_the_docker_transport_only() {
        let r = destination("docker://127.0.0.1:5000/a/b:1").unwrap();
        assert_eq!(r.to_string(), "127.0.0.1:5000/a/b:1");
        let r = destination("localhost:5000/x").unwrap();
        assert_eq!(
            (r.registry.as_str(), r.repository.as_str()),
            ("localhost:5000", "x")
        );
        let e = destination("oci-archive:/tmp/x.tar")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("unsupported transport \"oci-archive\""),
            "{e}"
        );
        assert!(!e.contains('\n'));
        let d = format!("q.io/x@sha256:{}", "a".repeat(64));
        assert!(destination(&d).unwrap_err().to_string().contains("digest"));
        assert!(destination("UPPER/case").is_err());
    }
}
