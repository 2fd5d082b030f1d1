//! `push`: an image from the store to a registry. Each layer goes up as the blob the
//! registry may already have (the one it was pulled as, or a copy compressed earlier),
//! else is compressed once and kept (cache.rs); blobs the repository has are skipped,
//! blobs another repository of the same registry has are mounted, the rest upload
//! concurrently, each retried on its own. The config follows, the manifest comes last.

pub mod cache;
pub mod manifest;

use std::sync::Arc;
use std::time::Duration;

use futures_util::stream::{FuturesUnordered, StreamExt, TryStreamExt};
use tokio_util::sync::CancellationToken;

use crate::error::{Error, Result};
use crate::image::compression::{Algorithm, Compression};
use crate::image::digest::sha256_digest;
use crate::image::registry::Remote;
use crate::image::registry_push::UploadError;
use crate::image::store::{ImageRecord, Store};
use manifest::{Blob, ManifestFormat};

/// How to push (`ctl push`'s options).
#[derive(Debug, Clone)]
pub struct PushOptions {
    pub format: ManifestFormat,
    pub compression: Compression,
    /// Compress as asked even when the registry has the layer compressed otherwise.
    pub force_compression: bool,
    /// Further tries of a failed blob upload.
    pub retry: u32,
    /// Between tries; None: 2 s, doubling (podman's back-off).
    pub retry_delay: Option<Duration>,
}

/// What a push reports as it goes; the CLI draws bars or lines from it. `blob` is the
/// layer's name in the store (its pulled digest, else its diff id).
#[derive(Debug, Clone)]
pub enum PushEvent {
    /// Compressing `size` uncompressed bytes.
    Compressing {
        blob: String,
        size: u64,
    },
    /// Uploading `size` bytes.
    Uploading {
        blob: String,
        size: u64,
    },
    Bytes {
        blob: String,
        bytes: u64,
    },
    /// A failed upload is tried again after `delay` (try `attempt` of `of` further ones).
    Retrying {
        blob: String,
        attempt: u32,
        of: u32,
        delay: Duration,
        error: String,
    },
    Done {
        blob: String,
    },
    /// The registry has it (or mounted it from another repository).
    Skipped {
        blob: String,
    },
    Config {
        digest: String,
    },
    Manifest,
    /// The manifest is in (podman's "Storing signatures": ctl writes none).
    Stored,
}

pub trait Progress: Send + Sync {
    fn event(&self, event: PushEvent);
}

/// Blobs handled at once: uploads overlap, and two compressions keep two cores busy.
const CONCURRENT_BLOBS: usize = 3;

/// What was pushed.
#[derive(Debug, Clone)]
pub struct Pushed {
    pub manifest_digest: String,
}

/// Pushes `image` to `remote`'s reference.
pub async fn push(
    store: &Store,
    image: &ImageRecord,
    remote: Arc<Remote>,
    opts: &PushOptions,
    progress: Arc<dyn Progress>,
) -> Result<Pushed> {
    // Docker schema 2 has no zstd layers: podman writes gzip then.
    let mut opts = opts.clone();
    if !opts.format.allows(opts.compression.algorithm) {
        opts.compression = Compression {
            algorithm: Algorithm::Gzip,
            level: None,
        };
    }
    let opts = &opts;
    let config = store.blob(&image.config_digest())?;
    remote.authorize_push().await?;
    // Repositories of the destination's registry the image came from: blobs they have can
    // be mounted instead of uploaded.
    let dest = &remote.reference;
    let mut sources: Vec<String> = Vec::new();
    for name in image.repo_digests.iter().chain(&image.names) {
        let name = name.split('@').next().unwrap_or_default();
        let Ok(r) = crate::image::reference::Reference::parse(name) else {
            continue;
        };
        if r.registry == dest.registry
            && r.repository != dest.repository
            && !sources.contains(&r.repository)
        {
            sources.push(r.repository);
        }
    }
    let sources = Arc::new(sources);
    let cancel = CancellationToken::new();
    let limit = Arc::new(tokio::sync::Semaphore::new(CONCURRENT_BLOBS));
    let mut tasks = FuturesUnordered::new();
    for (i, chain) in image.layers.iter().enumerate() {
        let job = LayerJob {
            store: store.clone(),
            chain: chain.clone(),
            remote: remote.clone(),
            sources: sources.clone(),
            opts: opts.clone(),
            progress: progress.clone(),
        };
        let (limit, cancel) = (limit.clone(), cancel.clone());
        tasks.push(tokio::spawn(async move {
            let _permit = limit.acquire_owned().await.expect("semaphore open");
            if cancel.is_cancelled() {
                return (i, Err(None));
            }
            (i, job.run().await.map_err(Some))
        }));
    }
    let mut layers: Vec<Option<(Blob, Algorithm)>> = vec![None; image.layers.len()];
    let mut first_err = None;
    while let Some(joined) = tasks.next().await {
        match joined {
            Ok((i, Ok(done))) => layers[i] = Some(done),
            Ok((_, Err(e))) => {
                cancel.cancel();
                first_err = first_err.or(e);
            }
            Err(e) => {
                cancel.cancel();
                first_err = first_err.or(Some(Error::io("layer task", std::io::Error::other(e))));
            }
        }
    }
    if let Some(e) = first_err {
        return Err(e);
    }
    let layers: Vec<(Blob, Algorithm)> = layers.into_iter().flatten().collect();

    let config_blob = Blob {
        digest: image.config_digest(),
        size: config.len() as u64,
    };
    progress.event(PushEvent::Config {
        digest: config_blob.digest.clone(),
    });
    if !remote.has_blob(&config_blob.digest).await?
        && !mount_any(&remote, &sources, &config_blob.digest).await?
    {
        let data = bytes::Bytes::from(config);
        let digest = config_blob.digest.clone();
        with_retries(opts, &digest, progress.as_ref(), || {
            let chunk = data.clone();
            let stream = futures_util::stream::once(async move { Ok(chunk) });
            remote.upload_blob(stream, &digest, data.len() as u64)
        })
        .await?;
    }
    let body = manifest::build(opts.format, &config_blob, &layers);
    let manifest_digest = sha256_digest(&body);
    progress.event(PushEvent::Manifest);
    remote.put_manifest(body, opts.format.media_type()).await?;
    progress.event(PushEvent::Stored);
    Ok(Pushed { manifest_digest })
}

/// Calls `upload` until it succeeds, fails for good, or the tries are spent.
async fn with_retries<F, Fut>(
    opts: &PushOptions,
    blob: &str,
    progress: &dyn Progress,
    mut upload: F,
) -> Result<()>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = std::result::Result<(), UploadError>>,
{
    let mut delay = opts.retry_delay.unwrap_or(Duration::from_secs(2));
    let mut tries = 0;
    loop {
        match upload().await {
            Ok(()) => return Ok(()),
            Err(e) if e.retryable && tries < opts.retry => {
                tries += 1;
                progress.event(PushEvent::Retrying {
                    blob: blob.to_string(),
                    attempt: tries,
                    of: opts.retry,
                    delay,
                    error: e.error.to_string(),
                });
                tokio::time::sleep(delay).await;
                if opts.retry_delay.is_none() {
                    delay *= 2;
                }
            }
            Err(UploadError {
                error: Error::Registry { reference, message },
                retryable: true,
            }) if tries > 0 => {
                return Err(Error::Registry {
                    reference,
                    message: format!("{message} (gave up after {} tries)", tries + 1),
                })
            }
            Err(e) => return Err(e.error),
        }
    }
}

/// One layer's way to the registry.
struct LayerJob {
    store: Store,
    chain: String,
    remote: Arc<Remote>,
    sources: Arc<Vec<String>>,
    opts: PushOptions,
    progress: Arc<dyn Progress>,
}

impl LayerJob {
    async fn run(self) -> Result<(Blob, Algorithm)> {
        let rec = self.store.layer(&self.chain)?;
        let label = rec.digest.clone().unwrap_or_else(|| rec.diff_id.clone());
        let wanted = self.opts.compression;
        let usable = |a: Algorithm| {
            self.opts.format.allows(a) && (!self.opts.force_compression || a == wanted.algorithm)
        };
        // Blobs of this layer the registry may have: the one it was pulled as, then the
        // copies made for earlier pushes.
        let pulled = match (&rec.digest, rec.compressed_size, rec.compression) {
            (Some(d), Some(size), Some(a)) if usable(a) => Some((
                Blob {
                    digest: d.clone(),
                    size,
                },
                a,
            )),
            _ => None,
        };
        let cached = cache::entries(&self.store, &self.chain);
        let known =
            pulled
                .iter()
                .cloned()
                .chain(cached.iter().filter(|c| usable(c.algorithm)).map(|c| {
                    (
                        Blob {
                            digest: c.digest.clone(),
                            size: c.size,
                        },
                        c.algorithm,
                    )
                }));
        for (blob, a) in known {
            if self.remote.has_blob(&blob.digest).await? {
                self.progress.event(PushEvent::Skipped { blob: label });
                return Ok((blob, a));
            }
        }
        if let Some((blob, a)) = &pulled {
            if mount_any(&self.remote, &self.sources, &blob.digest).await? {
                self.progress.event(PushEvent::Skipped { blob: label });
                return Ok((blob.clone(), *a));
            }
        }
        let entry = match cached.into_iter().find(|c| c.key == wanted.key()) {
            Some(c) => c,
            None => {
                self.progress.event(PushEvent::Compressing {
                    blob: label.clone(),
                    size: rec.size,
                });
                let (store, chain, progress, l) = (
                    self.store.clone(),
                    self.chain.clone(),
                    self.progress.clone(),
                    label.clone(),
                );
                let made = tokio::task::spawn_blocking(move || {
                    cache::make(&store, &chain, &wanted, &mut |n| {
                        progress.event(PushEvent::Bytes {
                            blob: l.clone(),
                            bytes: n,
                        })
                    })
                })
                .await
                .map_err(|e| Error::io("compressing a layer", std::io::Error::other(e)))??;
                // Another image may have sent the same bytes already.
                if self.remote.has_blob(&made.digest).await? {
                    self.progress.event(PushEvent::Skipped { blob: label });
                    return Ok((blob_of(&made), made.algorithm));
                }
                made
            }
        };
        let path = entry.path.clone();
        let digest = entry.digest.clone();
        with_retries(&self.opts, &label, self.progress.as_ref(), || {
            self.progress.event(PushEvent::Uploading {
                blob: label.clone(),
                size: entry.size,
            });
            let (path, digest, progress, l) = (
                path.clone(),
                digest.clone(),
                self.progress.clone(),
                label.clone(),
            );
            let remote = self.remote.clone();
            async move {
                let file = tokio::fs::File::open(&path)
                    .await
                    .map_err(|e| UploadError {
                        error: Error::io(&path, e),
                        retryable: false,
                    })?;
                let stream = tokio_util::io::ReaderStream::with_capacity(file, 256 * 1024)
                    .inspect_ok(move |b| {
                        progress.event(PushEvent::Bytes {
                            blob: l.clone(),
                            bytes: b.len() as u64,
                        })
                    })
                    .map_err(oci_client::errors::OciDistributionError::IoError);
                remote.upload_blob(stream, &digest, entry.size).await
            }
        })
        .await?;
        self.progress.event(PushEvent::Done { blob: label });
        Ok((blob_of(&entry), entry.algorithm))
    }
}

/// Mounts the blob from the first of `sources` that has it.
async fn mount_any(remote: &Remote, sources: &[String], digest: &str) -> Result<bool> {
    for from in sources {
        if remote.mount_blob(from, digest).await? {
            return Ok(true);
        }
    }
    Ok(false)
}

fn blob_of(c: &cache::Cached) -> Blob {
    Blob {
        digest: c.digest.clone(),
        size: c.size,
    }
}

/// Pushes `image` to `dest` (a runtime of its own, as `pull`), and records podman's
/// `push` event.
pub fn push_image(
    ctx: &crate::context::Context,
    store: &Store,
    image: &ImageRecord,
    dest: &crate::image::reference::Reference,
    registry: &crate::image::registry::RegistryOptions,
    opts: &PushOptions,
    progress: Arc<dyn Progress>,
) -> Result<Pushed> {
    let remote = Arc::new(Remote::for_push(ctx, dest, registry)?);
    // A connection the registry closes mid-upload must fail that upload (and be tried
    // again), not end ctl: the runtime's threads inherit SIGPIPE blocked.
    let pushed = crate::sys::without_sigpipe(|| {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(|e| Error::io("tokio runtime", e))?;
        rt.block_on(push(store, image, remote, opts, progress))
    })?;
    let e = crate::events::Event::image("push", &image.id, &dest.to_string());
    crate::events::EventLog::new(&ctx.events).record(&e);
    Ok(pushed)
}
