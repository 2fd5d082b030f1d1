//! The registry side of a push: blob checks, cross-repository mounts, uploads, the manifest.

use bytes::Bytes;
use futures_util::Stream;
use oci_client::errors::OciDistributionError as E;
use oci_client::RegistryOperation;

use crate::error::{Error, Result};
use crate::image::registry::{chain, Remote};

/// How a blob upload failed: worth another try (the connection, the registry's 5xx), or not.
#[derive(Debug)]
pub struct UploadError {
    pub error: Error,
    pub retryable: bool,
}

impl Remote {
    /// Authenticates for pushing (a token registry hands out a push token here).
    pub async fn authorize_push(&self) -> Result<()> {
        self.client
            .auth(&self.oci_ref, &self.auth, RegistryOperation::Push)
            .await
            .map_err(|e| self.push_err("authenticating", e))?;
        Ok(())
    }

    /// Whether the repository has the blob already.
    pub async fn has_blob(&self, digest: &str) -> Result<bool> {
        self.client
            .blob_exists(&self.oci_ref, digest)
            .await
            .map_err(|e| self.push_err(&format!("checking whether blob {digest} exists"), e))
    }

    /// Asks the registry to link the blob from repository `from` (same registry) into this
    /// one. False when it would not (it then offers an upload, which is left unused).
    pub async fn mount_blob(&self, from: &str, digest: &str) -> Result<bool> {
        let source = oci_client::Reference::with_tag(
            self.reference.registry.clone(),
            from.to_string(),
            "latest".into(),
        );
        match self.client.mount_blob(&self.oci_ref, &source, digest).await {
            Ok(()) => Ok(true),
            Err(E::SpecViolationError(_)) => Ok(false),
            Err(e) if is_auth(&e) => Err(self.push_err(&format!("mounting blob {digest}"), e)),
            // Any other refusal: the blob is uploaded instead.
            Err(_) => Ok(false),
        }
    }

    /// Uploads one blob of `size` bytes from `stream`.
    pub async fn upload_blob(
        &self,
        stream: impl Stream<Item = oci_client::errors::Result<Bytes>> + Send + 'static,
        digest: &str,
        size: u64,
    ) -> std::result::Result<(), UploadError> {
        match self
            .client
            .push_blob_stream(&self.oci_ref, stream, digest, Some(size))
            .await
        {
            Ok(_) => Ok(()),
            Err(e) => Err(UploadError {
                retryable: retryable(&e),
                error: self.push_err(&format!("writing blob {digest}"), e),
            }),
        }
    }

    /// PUTs the manifest under the reference's tag.
    pub async fn put_manifest(&self, body: Vec<u8>, media_type: &str) -> Result<()> {
        let content_type = media_type.parse().map_err(|_| Error::BadImage {
            what: "manifest".into(),
            reason: format!("media type {media_type:?} is no header value"),
        })?;
        self.client
            .push_manifest_raw(&self.oci_ref, body, content_type)
            .await
            .map_err(|e| self.push_err("writing manifest", e))?;
        Ok(())
    }

    /// podman's words for a refusal (`authentication required`), the registry's otherwise.
    fn push_err(&self, doing: &str, e: E) -> Error {
        let message = match e {
            e if is_auth(&e) => format!("{doing}: authentication required"),
            // The upload URL carries the registry's session state: long, and no help.
            E::RequestError(r) => format!("{doing}: {}", chain(&r.without_url())),
            e => format!("{doing}: {}", chain(&e)),
        };
        Error::Registry {
            reference: self.reference.to_string(),
            message,
        }
    }
}

fn status(e: &E) -> Option<u16> {
    match e {
        E::ServerError { code, .. } => Some(*code),
        E::RequestError(r) => r.status().map(|s| s.as_u16()),
        E::UnauthorizedError { .. } | E::AuthenticationFailure(_) => Some(401),
        _ => None,
    }
}

fn is_auth(e: &E) -> bool {
    matches!(status(e), Some(401 | 403))
}

/// A connection that broke, timed out or a registry error of its own (5xx) may go through
/// on another try; a 4xx answer will not.
fn retryable(e: &E) -> bool {
    match status(e) {
        Some(code) => code >= 500 || code == 408 || code == 429,
        None => matches!(e, E::RequestError(_) | E::IoError(_)),
    }
}
