//! Image archives: `load` (docker-archive and oci-archive tarballs, told apart by content)
//! and `import` (a root filesystem tarball becomes a one-layer image).
//!
//! Loading reads and checks every piece of metadata first (manifests, configs, that each
//! layer is present), then streams each missing layer through the same path a pull uses
//! (`layer::store_layer`: decompress, unpack, verify digests, publish), and records the
//! images last. A bad archive fails before any image is recorded.

pub mod docker;
pub mod import;
pub mod oci;
pub(crate) mod outer;

use std::collections::HashMap;
use std::fs::File;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::error::{Error, Result};
use crate::image::digest::{chain_ids, sha256_digest};
use crate::image::layer::{store_layer, Expected};
use crate::image::registry::Platform;
use crate::image::store::{ImageRecord, Store};
use crate::image::unpack::UnpackOptions;
use crate::image::ImageConfigSummary;

use outer::Outer;

/// Largest manifest, index or config read into memory.
pub(crate) const METADATA_LIMIT: u64 = 16 << 20;
/// Layers unpacked at once.
const WORKERS: usize = 4;

/// Which kind of image archive a tarball is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    DockerArchive,
    OciArchive,
    /// containers-transports(5) `dir:`: `version`, a schema 2 `manifest.json`, blobs by hex.
    DockerDir,
}

/// Tells the format from the members present: docker's manifest.json wins (docker 25+
/// writes both it and an OCI index.json), else an OCI index.json.
pub fn detect(has: impl Fn(&str) -> bool) -> std::result::Result<Format, String> {
    if has("manifest.json") && has("version") {
        Ok(Format::DockerDir)
    } else if has("manifest.json") {
        Ok(Format::DockerArchive)
    } else if has("index.json") {
        Ok(Format::OciArchive)
    } else {
        Err(
            "not an image archive: it has neither manifest.json (docker-archive) nor \
             index.json (oci-archive)"
                .into(),
        )
    }
}

/// One layer of an image: its member in the archive and, when the format names it, the
/// digest of its bytes.
#[derive(Debug, Clone)]
pub(crate) struct LayerSource {
    pub member: String,
    pub digest: Option<String>,
}

/// One image to load, with its metadata read and checked.
#[derive(Debug, Clone)]
pub(crate) struct ImagePlan {
    pub config: Vec<u8>,
    pub names: Vec<String>,
    pub layers: Vec<LayerSource>,
    pub manifest_digest: Option<String>,
}

/// What a load reports as it goes (the CLI prints these unless quiet).
#[derive(Debug, Clone)]
pub enum LoadEvent {
    /// A layer the store already had; `digest` is the blob's digest, or its diff id.
    LayerExists { digest: String },
    /// A layer unpacked and stored.
    LayerStored { digest: String },
    /// An image's config stored.
    ConfigStored { digest: String },
}

/// An image that was loaded: its id and the names the archive gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedImage {
    pub id: String,
    pub names: Vec<String>,
}

/// Loads every image in the archive `input` (a file, or a pipe such as stdin; plain, gzip
/// or zstd) into `store`; `label` names the archive in errors. For an oci-archive index
/// with several platforms, the host's image is loaded.
pub fn load(
    store: &Store,
    input: File,
    label: &Path,
    opts: &UnpackOptions,
    on_event: &(dyn Fn(LoadEvent) + Sync),
) -> Result<Vec<LoadedImage>> {
    let outer = Outer::open(store, input, label)?;
    load_outer(store, &outer, opts, on_event)
}

/// Loads every image of the directory layout `dir` (oci-dir or docker-dir, as `save`
/// writes them) into `store`.
pub fn load_dir(
    store: &Store,
    dir: &Path,
    opts: &UnpackOptions,
    on_event: &(dyn Fn(LoadEvent) + Sync),
) -> Result<Vec<LoadedImage>> {
    let outer = Outer::open_dir(dir)?;
    load_outer(store, &outer, opts, on_event)
}

fn load_outer(
    store: &Store,
    outer: &Outer,
    opts: &UnpackOptions,
    on_event: &(dyn Fn(LoadEvent) + Sync),
) -> Result<Vec<LoadedImage>> {
    let plans = match detect(|m| outer.has(m)).map_err(|r| outer.err(r))? {
        Format::DockerArchive => docker::plans(outer)?,
        Format::OciArchive => oci::plans(outer, &Platform::host())?,
        Format::DockerDir => docker::dir_plans(outer)?,
    };
    let images = checked(outer, plans)?;

    // Each missing layer once, even when several images share it.
    let mut jobs: Vec<(String, Expected)> = Vec::new();
    for img in &images {
        for (i, l) in img.plan.layers.iter().enumerate() {
            let chain = &img.chains[i];
            if store.has_layer(chain)
                || jobs.iter().any(|(_, e)| e.chain_id.as_ref() == Some(chain))
            {
                continue;
            }
            jobs.push((
                l.member.clone(),
                Expected {
                    label: l.member.clone(),
                    digest: l.digest.clone(),
                    diff_id: Some(img.summary.diff_ids[i].clone()),
                    chain_id: Some(chain.clone()),
                    parent: i.checked_sub(1).map(|p| img.chains[p].clone()),
                    // The archive member's own length bounds the stream.
                    size: None,
                },
            ));
        }
    }
    let mut sizes = store_layers(outer, store, &jobs, opts, on_event)?;

    let mut loaded = Vec::new();
    for img in images {
        let mut size = 0;
        for (i, chain) in img.chains.iter().enumerate() {
            size += match sizes.get(chain) {
                Some(s) => *s,
                None => {
                    let s = store.layer(chain)?.size;
                    on_event(LoadEvent::LayerExists {
                        digest: layer_digest(&img, i),
                    });
                    sizes.insert(chain.clone(), s);
                    s
                }
            };
        }
        let config_digest = sha256_digest(&img.plan.config);
        store.put_blob(&config_digest, &img.plan.config)?;
        on_event(LoadEvent::ConfigStored {
            digest: config_digest.clone(),
        });
        let rec = store.commit_image(ImageRecord {
            id: config_digest.trim_start_matches("sha256:").to_string(),
            names: img.plan.names.clone(),
            repo_digests: vec![],
            manifest_digest: img.plan.manifest_digest.clone(),
            created: img.summary.created,
            added: ctl_monitor::time::Timestamp::now(),
            os: img.summary.os.clone(),
            architecture: img.summary.architecture.clone(),
            variant: img.summary.variant.clone(),
            layers: img.chains.clone(),
            size,
            names_history: vec![],
        })?;
        loaded.push(LoadedImage {
            id: rec.id,
            names: img.plan.names,
        });
    }
    Ok(loaded)
}

/// A plan with its config parsed and chain ids computed.
struct Checked {
    plan: ImagePlan,
    summary: ImageConfigSummary,
    chains: Vec<String>,
}

fn layer_digest(img: &Checked, i: usize) -> String {
    img.plan.layers[i]
        .digest
        .clone()
        .unwrap_or_else(|| img.summary.diff_ids[i].clone())
}

/// Parses each plan's config and checks it against the layers; the same image listed twice
/// (under two names) becomes one with both names.
fn checked(outer: &Outer, plans: Vec<ImagePlan>) -> Result<Vec<Checked>> {
    let mut out: Vec<Checked> = Vec::new();
    for plan in plans {
        let digest = sha256_digest(&plan.config);
        if let Some(same) = out
            .iter_mut()
            .find(|c| sha256_digest(&c.plan.config) == digest)
        {
            for n in plan.names {
                if !same.plan.names.contains(&n) {
                    same.plan.names.push(n);
                }
            }
            continue;
        }
        let summary = ImageConfigSummary::parse(&plan.config)
            .map_err(|e| outer.err(format!("config {digest}: {e}")))?;
        if summary.diff_ids.len() != plan.layers.len() {
            return Err(outer.err(format!(
                "image {digest} has {} layers but its config lists {} diff-ids",
                plan.layers.len(),
                summary.diff_ids.len()
            )));
        }
        let chains = chain_ids(&summary.diff_ids);
        out.push(Checked {
            plan,
            summary,
            chains,
        });
    }
    Ok(out)
}

/// Unpacks `jobs` (member, expectation) with a few threads; returns each stored layer's
/// size by chain id. The first failure stops the jobs not yet started and is returned.
fn store_layers(
    outer: &Outer,
    store: &Store,
    jobs: &[(String, Expected)],
    opts: &UnpackOptions,
    on_event: &(dyn Fn(LoadEvent) + Sync),
) -> Result<HashMap<String, u64>> {
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let results = Mutex::new((HashMap::new(), None::<Error>));
    let workers = WORKERS.min(jobs.len());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= jobs.len() || failed.load(Ordering::SeqCst) {
                    break;
                }
                let (member, expected) = &jobs[i];
                let res = outer
                    .open_member(member, "the image names layer")
                    .and_then(|r| store_layer(store, r, expected, opts, |_| {}))
                    .map_err(|e| match e {
                        // The archive's content is wrong: say which archive.
                        Error::Unpack { .. } | Error::DigestMismatch { .. } => {
                            outer.err(e.to_string())
                        }
                        e => e,
                    });
                let mut r = results.lock().unwrap_or_else(|p| p.into_inner());
                match res {
                    Ok(rec) => {
                        on_event(LoadEvent::LayerStored {
                            digest: expected
                                .digest
                                .clone()
                                .unwrap_or_else(|| rec.diff_id.clone()),
                        });
                        r.0.insert(rec.chain_id, rec.size);
                    }
                    Err(e) => {
                        failed.store(true, Ordering::SeqCst);
                        r.1.get_or_insert(e);
                    }
                }
            });
        }
    });
    let (sizes, err) = results.into_inner().unwrap_or_else(|p| p.into_inner());
    match err {
        Some(e) => Err(e),
        None => Ok(sizes),
    }
}

#[cfg(test)]
pub(crate) mod tests;
