//! `pull`: manifest → config → the missing layers, downloaded concurrently and unpacked
//! while they stream; the image is recorded only when every layer has checked out.

use std::sync::Arc;

use futures_util::stream::{FuturesUnordered, StreamExt};
use tokio_util::io::{StreamReader, SyncIoBridge};
use tokio_util::sync::CancellationToken;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::image::digest::{chain_ids, sha256_digest};
use crate::image::layer::{store_layer, Expected};
use crate::image::reference::Reference;
use crate::image::registry::{RegistryOptions, Remote};
use crate::image::store::{ImageRecord, Store};
use crate::image::unpack::UnpackOptions;
use crate::image::ImageConfigSummary;

/// What a pull reports as it goes; the CLI draws bars or lines from it.
#[derive(Debug, Clone)]
pub enum PullEvent {
    Trying { reference: String },
    LayerExists { digest: String },
    LayerStart { digest: String, size: u64 },
    LayerBytes { digest: String, bytes: u64 },
    LayerDone { digest: String },
    Stored { image_id: String },
}

pub trait Progress: Send + Sync {
    fn event(&self, event: PullEvent);
}

/// Reports nothing.
pub struct Silent;
impl Progress for Silent {
    fn event(&self, _: PullEvent) {}
}

/// When `run` and `create` pull their image (`--pull`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PullPolicy {
    /// When the store lacks it.
    #[default]
    Missing,
    /// Every time.
    Always,
    /// Never: the store must have it.
    Never,
    /// When the registry's is newer; pulled every time, as with `Always` (a pull of what
    /// the store has fetches no layer again).
    Newer,
}

impl PullPolicy {
    /// Whether to pull, given whether the store lacks the image.
    pub fn pulls(self, missing: bool) -> bool {
        match self {
            PullPolicy::Missing => missing,
            PullPolicy::Always | PullPolicy::Newer => true,
            PullPolicy::Never => false,
        }
    }
}

/// Layers fetched at once: enough to fill a link, few enough not to thrash two cores.
const CONCURRENT_LAYERS: usize = 4;

pub fn unpack_options(ctx: &Context) -> UnpackOptions {
    UnpackOptions {
        preserve_owner: true,
        opaque_xattr: if ctx.rootless {
            "user.overlay.opaque"
        } else {
            "trusted.overlay.opaque"
        },
        devices: !ctx.rootless,
    }
}

/// Pulls `input` (short names through the search registries, in order).
pub fn pull(
    ctx: &Context,
    store: &Store,
    input: &str,
    opts: &RegistryOptions,
    progress: Arc<dyn Progress>,
) -> Result<ImageRecord> {
    let candidates: Vec<Reference> = if Reference::is_qualified(input) {
        vec![Reference::parse(input)?]
    } else {
        ctx.search_registries
            .iter()
            .map(|r| Reference::parse_with(input, r))
            .collect::<std::result::Result<_, _>>()?
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io("tokio runtime", e))?;
    let mut last = None;
    for r in candidates {
        progress.event(PullEvent::Trying {
            reference: r.to_string(),
        });
        let remote = Arc::new(Remote::new(ctx, &r, opts)?);
        match rt.block_on(pull_one(ctx, store, remote, progress.clone())) {
            Ok(rec) => return Ok(rec),
            Err(e) => last = Some(e),
        }
    }
    Err(last.expect("at least one search registry"))
}

async fn pull_one(
    ctx: &Context,
    store: &Store,
    remote: Arc<Remote>,
    progress: Arc<dyn Progress>,
) -> Result<ImageRecord> {
    let (manifest, manifest_digest, list_digest, config) = remote.manifest_and_config().await?;
    let summary = ImageConfigSummary::parse(&config)?;
    remote.check_platform(
        &summary.os,
        &summary.architecture,
        summary.variant.as_deref(),
    )?;
    if summary.diff_ids.len() != manifest.layers.len() {
        return Err(Error::BadImage {
            what: remote.reference.to_string(),
            reason: format!(
                "manifest has {} layers but config lists {} diff-ids",
                manifest.layers.len(),
                summary.diff_ids.len()
            ),
        });
    }
    let chains = chain_ids(&summary.diff_ids);
    let cancel = CancellationToken::new();
    let mut tasks = FuturesUnordered::new();
    let limit = Arc::new(tokio::sync::Semaphore::new(CONCURRENT_LAYERS));
    let mut sizes = 0u64;
    for (i, desc) in manifest.layers.iter().enumerate() {
        if store.has_layer(&chains[i]) {
            progress.event(PullEvent::LayerExists {
                digest: desc.digest.clone(),
            });
            sizes += store.layer(&chains[i])?.size;
            continue;
        }
        let size = u64::try_from(desc.size).map_err(|_| Error::BadImage {
            what: remote.reference.to_string(),
            reason: format!("layer {} has a negative size", desc.digest),
        })?;
        let expected = Expected {
            size: Some(size),
            label: desc.digest.clone(),
            digest: Some(desc.digest.clone()),
            diff_id: Some(summary.diff_ids[i].clone()),
            chain_id: Some(chains[i].clone()),
            parent: i.checked_sub(1).map(|p| chains[p].clone()),
        };
        let (desc, remote, store, progress, cancel, limit) = (
            desc.clone(),
            remote.clone(),
            store.clone(),
            progress.clone(),
            cancel.clone(),
            limit.clone(),
        );
        let opts = unpack_options(ctx);
        tasks.push(tokio::spawn(async move {
            let _permit = limit.acquire_owned().await.expect("semaphore open");
            if cancel.is_cancelled() {
                return Err(None);
            }
            let stream = remote.blob_stream(&desc).await.map_err(Some)?;
            progress.event(PullEvent::LayerStart {
                digest: desc.digest.clone(),
                size,
            });
            let stream = Box::pin(stream.take_until(cancel.cancelled_owned()));
            let reader = StreamReader::new(stream);
            let digest = desc.digest.clone();
            let p2 = progress.clone();
            let d = digest.clone();
            let rec = tokio::task::spawn_blocking(move || {
                store_layer(
                    &store,
                    SyncIoBridge::new(reader),
                    &expected,
                    &opts,
                    move |n| {
                        p2.event(PullEvent::LayerBytes {
                            digest: d.clone(),
                            bytes: n as u64,
                        })
                    },
                )
            })
            .await
            .map_err(|e| Some(Error::io("layer task", std::io::Error::other(e))))?
            .map_err(Some)?;
            progress.event(PullEvent::LayerDone { digest });
            Ok(rec)
        }));
    }
    let mut first_err = None;
    while let Some(joined) = tasks.next().await {
        let res = joined.map_err(|e| Some(Error::io("layer task", std::io::Error::other(e))));
        match res.and_then(|r| r) {
            Ok(rec) => sizes += rec.size,
            Err(e) => {
                cancel.cancel();
                if first_err.is_none() {
                    first_err = e;
                }
            }
        }
    }
    if let Some(e) = first_err {
        return Err(e);
    }
    let config_digest = sha256_digest(&config);
    store.put_blob(&config_digest, &config)?;
    let r = &remote.reference;
    let mut repo_digests = vec![format!(
        "{}@{}",
        r.name(),
        list_digest.as_deref().unwrap_or(&manifest_digest)
    )];
    if list_digest.is_some() {
        repo_digests.push(format!("{}@{manifest_digest}", r.name()));
    }
    let rec = ImageRecord {
        id: config_digest.trim_start_matches("sha256:").to_string(),
        names: r.tagged_name().into_iter().collect(),
        repo_digests,
        manifest_digest: Some(manifest_digest),
        created: summary.created,
        added: ctl_monitor::time::Timestamp::now(),
        os: summary.os,
        architecture: summary.architecture,
        variant: summary.variant,
        layers: chains,
        size: sizes,
    };
    let rec = store.commit_image(rec)?;
    progress.event(PullEvent::Stored {
        image_id: rec.id.clone(),
    });
    Ok(rec)
}

#[cfg(test)]
mod tests {
    use super::PullPolicy;

    #[test]
    fn pull_policies() {
        let pulls = |p: PullPolicy| (p.pulls(true), p.pulls(false));
        assert_eq!(pulls(PullPolicy::Missing), (true, false));
        assert_eq!(pulls(PullPolicy::Always), (true, true));
        assert_eq!(pulls(PullPolicy::Newer), (true, true));
        assert_eq!(pulls(PullPolicy::Never), (false, false));
    }
}
