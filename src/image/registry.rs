//! Talking to registries (oci-client): which protocol, which credentials, which platform.

use bytes::Bytes;
use futures_util::{Stream, TryStreamExt};
use oci_client::client::{ClientConfig, ClientProtocol, Config as OciConfig, ImageLayer};
use oci_client::manifest::{
    ImageIndexEntry, OciDescriptor, OciImageManifest, OciManifest, IMAGE_MANIFEST_LIST_MEDIA_TYPE,
    IMAGE_MANIFEST_MEDIA_TYPE, OCI_IMAGE_INDEX_MEDIA_TYPE, OCI_IMAGE_MEDIA_TYPE,
};
use oci_client::secrets::RegistryAuth;
use oci_client::{Client, RegistryOperation};

use crate::context::Context;
use crate::error::{Error, Result};
use crate::image::auth::{self, Credentials};
use crate::image::reference::Reference;

/// `os/arch[/variant]` of an image, as `--platform` takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Platform {
    pub os: String,
    pub architecture: String,
    pub variant: Option<String>,
}

impl Platform {
    /// This machine, in the names OCI uses.
    pub fn host() -> Platform {
        let arch = match std::env::consts::ARCH {
            "x86_64" => "amd64",
            "aarch64" => "arm64",
            "x86" => "386",
            "powerpc64" => "ppc64le",
            "loongarch64" => "loong64",
            other => other,
        };
        Platform {
            os: "linux".into(),
            architecture: arch.into(),
            variant: None,
        }
    }

    pub fn parse(s: &str) -> Result<Platform> {
        let bad = |reason: &str| Error::InvalidInput {
            what: "platform",
            value: s.to_string(),
            reason: reason.to_string(),
        };
        let parts: Vec<&str> = s.split('/').collect();
        if parts.len() < 2 || parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
            return Err(bad("expected os/arch[/variant]"));
        }
        Ok(Platform {
            os: parts[0].to_string(),
            architecture: parts[1].to_string(),
            variant: parts.get(2).map(|v| v.to_string()),
        })
    }

    fn matches(&self, entry: &ImageIndexEntry) -> bool {
        let Some(p) = &entry.platform else {
            return false;
        };
        p.os.to_string() == self.os
            && p.architecture.to_string() == self.architecture
            && (self.variant.is_none() || p.variant == self.variant)
    }
}

impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.os, self.architecture)?;
        if let Some(v) = &self.variant {
            write!(f, "/{v}")?;
        }
        Ok(())
    }
}

/// Per-command registry options.
#[derive(Debug, Clone, Default)]
pub struct RegistryOptions {
    /// `Some(false)`: plain HTTP whatever the config says.
    pub tls_verify: Option<bool>,
    pub platform: Option<Platform>,
    /// Credentials given on the command line, over the auth file's.
    pub credentials: Option<Credentials>,
}

/// One registry repository, ready to talk to.
pub struct Remote {
    pub(super) client: Client,
    pub(super) auth: RegistryAuth,
    pub(super) oci_ref: oci_client::Reference,
    pub reference: Reference,
    platform: Platform,
    /// The platform asked for with --platform, if any.
    requested: Option<Platform>,
}

/// Largest config blob and manifest accepted, as containers/image bounds them.
const MAX_CONFIG_SIZE: u64 = 4 * 1024 * 1024;
const MAX_MANIFEST_SIZE: usize = 4 * 1024 * 1024;

/// The manifest media types a pull accepts.
const MANIFEST_TYPES: &[&str] = &[
    OCI_IMAGE_MEDIA_TYPE,
    IMAGE_MANIFEST_MEDIA_TYPE,
    OCI_IMAGE_INDEX_MEDIA_TYPE,
    IMAGE_MANIFEST_LIST_MEDIA_TYPE,
];

/// The error text of `e` and its causes, on one line.
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let t = c.to_string();
        if !s.contains(&t) {
            s.push_str(": ");
            s.push_str(&t);
        }
        cur = c.source();
    }
    s
}

impl Remote {
    /// For `reference` as registries.conf configures it (blocked, insecure), without its
    /// mirrors (pushes and logins; pulls go through [`Remote::for_source`]).
    pub fn new(ctx: &Context, reference: &Reference, opts: &RegistryOptions) -> Result<Remote> {
        Self::for_source(ctx, reference, None, opts)
    }

    /// For one source of a pull: `reference` is where the bytes are (a mirror's or the
    /// location's name), `endpoint_insecure` that endpoint's own setting (None: the
    /// setting of the `[[registry]]` that matches `reference`). A source that
    /// registries.conf blocks is refused with podman's words.
    pub fn for_source(
        ctx: &Context,
        reference: &Reference,
        endpoint_insecure: Option<bool>,
        opts: &RegistryOptions,
    ) -> Result<Remote> {
        Self::build(ctx, reference, endpoint_insecure, opts, false)
    }

    /// For pushing to `reference`: each blob goes up in one PUT of a known length (one
    /// request instead of one per chunk).
    pub fn for_push(
        ctx: &Context,
        reference: &Reference,
        opts: &RegistryOptions,
    ) -> Result<Remote> {
        Self::build(ctx, reference, None, opts, true)
    }

    fn build(
        ctx: &Context,
        reference: &Reference,
        endpoint_insecure: Option<bool>,
        opts: &RegistryOptions,
        monolithic: bool,
    ) -> Result<Remote> {
        let registries = ctx.registries()?;
        let reg = registries.find(&reference.name());
        if let Some(reg) = reg.filter(|r| r.blocked) {
            return Err(Error::Registry {
                reference: format!("initializing source docker://{reference}"),
                message: registries.blocked_message(&reg.prefix),
            });
        }
        let conf_insecure =
            endpoint_insecure.unwrap_or_else(|| reg.is_some_and(|r| r.endpoint.insecure));
        let insecure = opts.tls_verify == Some(false)
            || (opts.tls_verify.is_none()
                && (conf_insecure || ctx.is_insecure(&reference.registry, reference.host())));
        let platform = opts.platform.clone().unwrap_or_else(Platform::host);
        let wanted = platform.clone();
        let config = ClientConfig {
            protocol: if insecure {
                ClientProtocol::Http
            } else {
                ClientProtocol::Https
            },
            platform_resolver: Some(Box::new(move |entries: &[ImageIndexEntry]| {
                entries
                    .iter()
                    .find(|e| platform.matches(e))
                    .map(|e| e.digest.clone())
            })),
            connect_timeout: Some(std::time::Duration::from_secs(15)),
            read_timeout: Some(std::time::Duration::from_secs(60)),
            user_agent: concat!("ctl/", env!("CARGO_PKG_VERSION")),
            use_monolithic_push: monolithic,
            ..Default::default()
        };
        let creds = match &opts.credentials {
            Some(c) => Some(c.clone()),
            None => {
                let mut files = vec![ctx.auth_file.clone()];
                files.extend(ctx.docker_config());
                auth::lookup(&files, &reference.registry)?
            }
        };
        let auth = match creds {
            Some(c) => RegistryAuth::Basic(c.username, c.password),
            None => RegistryAuth::Anonymous,
        };
        let (reg, repo) = (reference.registry.clone(), reference.repository.clone());
        let oci_ref = match (&reference.tag, &reference.digest) {
            (Some(t), Some(d)) => {
                oci_client::Reference::with_tag_and_digest(reg, repo, t.clone(), d.clone())
            }
            (None, Some(d)) => oci_client::Reference::with_digest(reg, repo, d.clone()),
            (Some(t), None) => oci_client::Reference::with_tag(reg, repo, t.clone()),
            (None, None) => oci_client::Reference::with_tag(reg, repo, "latest".into()),
        };
        Ok(Remote {
            client: Client::new(config),
            auth,
            oci_ref,
            reference: reference.clone(),
            platform: wanted,
            requested: opts.platform.clone(),
        })
    }

    fn err(&self, e: oci_client::errors::OciDistributionError) -> Error {
        use oci_client::errors::OciDistributionError as E;
        let message = match &e {
            E::ImageManifestNotFoundError(m) if m.contains("image index") => {
                return self.no_platform();
            }
            E::ImageManifestNotFoundError(_) => "manifest unknown: no such image or tag".into(),
            E::AuthenticationFailure(_) | E::UnauthorizedError { .. } => {
                format!("authentication required or refused ({})", chain(&e))
            }
            _ => chain(&e),
        };
        Error::Registry {
            reference: self.reference.to_string(),
            message,
        }
    }

    /// The manifest for our platform, its digest, the index's digest when there was one,
    /// and the config blob (verified against the manifest, its size included).
    pub async fn manifest_and_config(
        &self,
    ) -> Result<(OciImageManifest, String, Option<String>, Vec<u8>)> {
        let (manifest, digest, list_digest) = self.manifest().await?;
        let config = self.config_blob(&manifest.config).await?;
        Ok((manifest, digest, list_digest, config))
    }

    /// The image manifest for our platform, its digest, and the index's digest when the
    /// reference named an index. A manifest an index points to must have the size the index
    /// declares; any manifest is bounded as containers/image bounds it.
    async fn manifest(&self) -> Result<(OciImageManifest, String, Option<String>)> {
        let (body, digest) = self.raw_manifest(&self.oci_ref, None).await?;
        let index = match self.parse_manifest(&body, &digest)? {
            OciManifest::Image(m) => return Ok((m, digest, None)),
            OciManifest::ImageIndex(index) => index,
        };
        let entry = index
            .manifests
            .iter()
            .find(|e| self.platform.matches(e))
            .ok_or_else(|| self.no_platform())?;
        let r = self.oci_ref.clone_with_digest(entry.digest.clone());
        let (body, _) = self.raw_manifest(&r, Some(entry)).await?;
        match self.parse_manifest(&body, &entry.digest)? {
            OciManifest::Image(m) => Ok((m, entry.digest.clone(), Some(digest))),
            OciManifest::ImageIndex(_) => Err(Error::BadImage {
                what: format!("manifest {}", entry.digest),
                reason: "an image index where the index named an image".into(),
            }),
        }
    }

    /// A manifest's bytes and digest (verified against a digest reference by the client).
    async fn raw_manifest(
        &self,
        r: &oci_client::Reference,
        entry: Option<&ImageIndexEntry>,
    ) -> Result<(Bytes, String)> {
        let (body, digest) = self
            .client
            .pull_manifest_raw(r, &self.auth, MANIFEST_TYPES)
            .await
            .map_err(|e| self.err(e))?;
        let size_err = |reason: String| Error::BlobSize {
            what: "manifest",
            digest: digest.clone(),
            reason,
        };
        if body.len() > MAX_MANIFEST_SIZE {
            return Err(size_err(format!(
                "{} bytes, more than the {MAX_MANIFEST_SIZE} a manifest may have",
                body.len()
            )));
        }
        if let Some(e) = entry.filter(|e| e.size != body.len() as i64) {
            return Err(size_err(format!(
                "the blob is {} bytes, its descriptor declares {}",
                body.len(),
                e.size
            )));
        }
        Ok((body, digest))
    }

    /// Schema 2 image manifests and indexes (OCI or docker) only.
    fn parse_manifest(&self, body: &[u8], digest: &str) -> Result<OciManifest> {
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Versioned {
            schema_version: i64,
            media_type: Option<String>,
        }
        let bad = |reason: String| Error::BadImage {
            what: format!("manifest {digest}"),
            reason,
        };
        let v: Versioned = serde_json::from_slice(body).map_err(|e| bad(e.to_string()))?;
        if v.schema_version != 2 {
            return Err(bad(format!(
                "schema version {} is not supported",
                v.schema_version
            )));
        }
        if let Some(t) = v
            .media_type
            .filter(|t| !MANIFEST_TYPES.contains(&t.as_str()))
        {
            return Err(bad(format!("media type \"{t}\" is not supported")));
        }
        serde_json::from_slice(body).map_err(|e| bad(e.to_string()))
    }

    /// podman's words for an index without our platform.
    fn no_platform(&self) -> Error {
        Error::Registry {
            reference: self.reference.to_string(),
            message: format!(
                "choosing an image from manifest list: no image found in manifest list for \
                 platform {}",
                self.platform
            ),
        }
    }

    /// The config blob: no more than its declared size (itself bounded) is read, and a blob
    /// of another length is refused. The stream checks the digest at its end.
    async fn config_blob(&self, desc: &OciDescriptor) -> Result<Vec<u8>> {
        let size_err = |reason: String| Error::BlobSize {
            what: "config",
            digest: desc.digest.clone(),
            reason,
        };
        let size = u64::try_from(desc.size)
            .ok()
            .filter(|s| *s <= MAX_CONFIG_SIZE)
            .ok_or_else(|| {
                size_err(format!(
                    "declared size {} is not between 0 and {MAX_CONFIG_SIZE} bytes",
                    desc.size
                ))
            })?;
        let mut stream = self
            .client
            .pull_blob_stream(&self.oci_ref, desc)
            .await
            .map_err(|e| self.err(e))?;
        let mut config = Vec::with_capacity(size as usize);
        while let Some(chunk) = stream.try_next().await.map_err(|e| Error::Registry {
            reference: self.reference.to_string(),
            message: format!("config {}: {}", desc.digest, chain(&e)),
        })? {
            config.extend_from_slice(&chunk);
            if config.len() as u64 > size {
                return Err(size_err(format!(
                    "the blob is longer than the {size} bytes its descriptor declares"
                )));
            }
        }
        if config.len() as u64 != size {
            return Err(size_err(format!(
                "the blob is {} bytes, its descriptor declares {size}",
                config.len()
            )));
        }
        Ok(config)
    }

    /// With an explicit `--platform`, a single-platform image must be for that platform (an
    /// index was already resolved by it).
    pub fn check_platform(
        &self,
        os: &str,
        architecture: &str,
        variant: Option<&str>,
    ) -> Result<()> {
        let Some(want) = &self.requested else {
            return Ok(());
        };
        let variant_ok = match (&want.variant, variant) {
            (Some(w), Some(v)) => w == v,
            _ => true,
        };
        if want.os == os && want.architecture == architecture && variant_ok {
            return Ok(());
        }
        let got = Platform {
            os: os.to_string(),
            architecture: architecture.to_string(),
            variant: variant.map(str::to_string),
        };
        Err(Error::Registry {
            reference: self.reference.to_string(),
            message: format!(
                "image platform ({got}) does not match the requested platform ({want})"
            ),
        })
    }

    /// The blob's bytes as they arrive. Not verified here: the caller hashes the stream
    /// as it unpacks it and refuses a mismatch, so each byte is hashed once.
    pub async fn blob_stream(
        &self,
        desc: &OciDescriptor,
    ) -> Result<impl Stream<Item = std::io::Result<Bytes>> + Send + Unpin + 'static> {
        use oci_client::client::BlobResponse;
        let resp = self
            .client
            .pull_blob_stream_partial(&self.oci_ref, desc, 0, None)
            .await
            .map_err(|e| self.err(e))?;
        let sized = match resp {
            BlobResponse::Full(s) | BlobResponse::Partial(s) => s,
        };
        Ok(sized.stream.map_err(std::io::Error::other))
    }

    /// Checks that the registry accepts the credentials (for `ctl login`).
    pub async fn check_login(&self) -> Result<()> {
        self.client
            .auth(&self.oci_ref, &self.auth, RegistryOperation::Pull)
            .await
            .map_err(|e| self.err(e))?;
        // A basic-auth registry answers 401 on /v2/ itself; ask for something real.
        match self
            .client
            .pull_image_manifest(&self.oci_ref, &self.auth)
            .await
        {
            Ok(_) => Ok(()),
            Err(oci_client::errors::OciDistributionError::ImageManifestNotFoundError(_)) => Ok(()),
            Err(e @ oci_client::errors::OciDistributionError::UnauthorizedError { .. })
            | Err(e @ oci_client::errors::OciDistributionError::AuthenticationFailure(_)) => {
                Err(self.err(e))
            }
            Err(_) => Ok(()),
        }
    }

    /// Pushes blobs and a manifest; returns the manifest digest.
    pub async fn push(
        &self,
        layers: Vec<(Vec<u8>, String)>,
        config: Vec<u8>,
        config_media_type: &str,
        manifest: Option<OciImageManifest>,
    ) -> Result<String> {
        let layers: Vec<ImageLayer> = layers
            .into_iter()
            .map(|(data, mt)| ImageLayer::new(data, mt, None))
            .collect();
        let config = OciConfig::new(config, config_media_type.to_string(), None);
        self.client
            .auth(&self.oci_ref, &self.auth, RegistryOperation::Push)
            .await
            .map_err(|e| self.err(e))?;
        let resp = self
            .client
            .push(&self.oci_ref, &layers, config, &self.auth, manifest)
            .await
            .map_err(|e| self.err(e))?;
        let digest = resp
            .manifest_url
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string();
        Ok(digest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_parses_two_or_three_parts() {
        let p = Platform::parse("linux/arm64/v8").unwrap();
        assert_eq!(p.variant.as_deref(), Some("v8"));
        assert_eq!(p.to_string(), "linux/arm64/v8");
        assert!(Platform::parse("linux").is_err());
        assert!(Platform::parse("linux//x").is_err());
        assert!(Platform::parse("a/b/c/d").is_err());
    }
}
