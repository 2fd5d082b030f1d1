//! `pull`: manifest → config → the missing layers, downloaded concurrently and unpacked
//! while they stream; the image is recorded only when every layer has checked out.

use crate::events::{Event, EventLog};
use std::path::Path;
use std::sync::Arc;

use futures_util::stream::{FuturesUnordered, StreamExt};
use tokio_util::io::{StreamReader, SyncIoBridge};
use tokio_util::sync::CancellationToken;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::image::digest::{chain_ids, sha256_digest};
use crate::image::layer::{store_layer, Expected};
use crate::image::reference::Reference;
use crate::image::registries::{PullSource, Registries};
use crate::image::registry::{RegistryOptions, Remote};
use crate::image::store::{ImageRecord, Store};
use crate::image::unpack::UnpackOptions;
use crate::image::ImageConfigSummary;

/// What a pull reports as it goes; the CLI draws bars or lines from it.
#[derive(Debug, Clone)]
pub enum PullEvent {
    /// How a short name was resolved (podman's line: an alias, or the search registries).
    Resolved {
        description: String,
    },
    Trying {
        reference: String,
    },
    LayerExists {
        digest: String,
    },
    LayerStart {
        digest: String,
        size: u64,
    },
    LayerBytes {
        digest: String,
        bytes: u64,
    },
    LayerDone {
        digest: String,
    },
    Stored {
        image_id: String,
    },
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
        copy: None,
    }
}

/// What a name pulls from: the names to try in order, and how a short name was resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub candidates: Vec<Reference>,
    pub description: Option<String>,
}

/// containers/image's short-name resolution: a qualified name is itself; a short name's
/// alias (tag and digest carried over) wins over the search registries; with none of
/// either, podman's error. `enforcing` with several registries needs a terminal, which ctl
/// never prompts on: it is refused without one and uses every registry with one.
pub fn resolve(
    input: &str,
    registries: &Registries,
    search: &[String],
    search_origin: Option<&Path>,
    tty: bool,
) -> Result<Resolved> {
    if Reference::is_qualified(input) {
        return Ok(Resolved {
            candidates: vec![Reference::parse(input)?],
            description: None,
        });
    }
    // Checked first: an invalid name is an invalid reference whatever the config says.
    Reference::parse_with(input, "localhost")?;
    if let Some((full, name, origin)) = aliased(input, registries) {
        return Ok(Resolved {
            candidates: vec![Reference::parse(&full)?],
            description: Some(format!(
                "Resolved \"{name}\" as an alias ({})",
                origin.display()
            )),
        });
    }
    let name = split_tag_digest(input).0;
    if search.is_empty() {
        return Err(Error::Registry {
            reference: input.to_string(),
            message: match search_origin {
                Some(o) => format!(
                    "short-name \"{input}\" did not resolve to an alias and no \
                     unqualified-search registries are defined in \"{}\"",
                    o.display()
                ),
                None => format!(
                    "short-name \"{input}\" did not resolve to an alias and no \
                     containers-registries.conf(5) was found"
                ),
            },
        });
    }
    let candidates = search
        .iter()
        .map(|r| Reference::parse_with(input, r))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    if candidates.len() > 1 && registries.short_name_mode.as_deref() == Some("enforcing") && !tty {
        return Err(Error::Registry {
            reference: input.to_string(),
            message: "short-name resolution enforced but cannot prompt without a TTY".into(),
        });
    }
    Ok(Resolved {
        candidates,
        description: search_origin.map(|o| {
            format!(
                "Resolving \"{name}\" using unqualified-search registries ({})",
                o.display()
            )
        }),
    })
}

/// `name[:tag][@digest]` as (name, tag, digest).
fn split_tag_digest(input: &str) -> (&str, Option<&str>, Option<&str>) {
    let (rest, digest) = match input.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (input, None),
    };
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    match rest[last_slash..].rfind(':') {
        Some(i) => (
            &rest[..last_slash + i],
            Some(&rest[last_slash + i + 1..]),
            digest,
        ),
        None => (rest, None, digest),
    }
}

/// A short name's alias with the name's tag and digest: (the full name, the short name
/// without tag, the file of the alias).
fn aliased<'a>(input: &'a str, registries: &'a Registries) -> Option<(String, &'a str, &'a Path)> {
    if Reference::is_qualified(input) {
        return None;
    }
    let (name, tag, digest) = split_tag_digest(input);
    let (value, origin) = registries.alias(name)?;
    let mut full = value.to_string();
    if let Some(t) = tag {
        full = format!("{full}:{t}");
    }
    if let Some(d) = digest {
        full = format!("{full}@{d}");
    }
    Some((full, name, origin))
}

/// The name a short name's alias gives, for finding a stored image as podman does (the
/// alias before the search registries).
pub fn local_alias(ctx: &Context, input: &str) -> Option<String> {
    let registries = ctx.registries.as_ref().as_ref().ok()?;
    aliased(input, registries).map(|(full, _, _)| full)
}

/// The stored image `input` names, as podman looks it up: a short name's alias first, then
/// [`Store::find_image`] (the search registries, localhost, a unique repository).
pub fn find_stored(ctx: &Context, store: &Store, input: &str) -> Result<ImageRecord> {
    if let Some(full) = local_alias(ctx, input) {
        if let Ok(i) = store.find_image(&full, &ctx.search_registries) {
            return Ok(i);
        }
    }
    store.find_image(input, &ctx.search_registries)
}

/// Pulls `input`: short names as [`resolve`] says; each name through the mirrors
/// registries.conf gives it, in order, then its location.
pub fn pull(
    ctx: &Context,
    store: &Store,
    input: &str,
    opts: &RegistryOptions,
    progress: Arc<dyn Progress>,
) -> Result<ImageRecord> {
    use std::io::IsTerminal;
    let registries = ctx.registries()?;
    let tty = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let resolved = resolve(
        input,
        registries,
        &ctx.search_registries,
        ctx.search_origin.as_deref(),
        tty,
    )?;
    if let Some(description) = resolved.description {
        progress.event(PullEvent::Resolved { description });
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io("tokio runtime", e))?;
    let mut last = None;
    for logical in resolved.candidates {
        progress.event(PullEvent::Trying {
            reference: logical.to_string(),
        });
        let sources = match registries.find(&logical.name()) {
            Some(reg) => reg.pull_sources(&logical)?,
            None => vec![PullSource {
                reference: logical.clone(),
                insecure: false,
            }],
        };
        let mut attempts: Vec<(Reference, Error)> = Vec::new();
        let explicit = sources.len() > 1 || sources[0].reference != logical;
        for source in sources {
            let insecure = explicit.then_some(source.insecure);
            let res = Remote::for_source(ctx, &source.reference, insecure, opts).and_then(|r| {
                rt.block_on(pull_one(
                    ctx,
                    store,
                    Arc::new(r),
                    &logical,
                    progress.clone(),
                ))
            });
            match res {
                Ok(rec) => {
                    let e = Event::image("pull", &rec.id, &logical.to_string());
                    EventLog::new(&ctx.events).record(&e);
                    return Ok(rec);
                }
                Err(e) => attempts.push((source.reference, e)),
            }
        }
        last = Some(sources_failed(attempts));
    }
    let err = last.expect("at least one candidate");
    let mut e = Event::image("pull-error", "", input);
    e.error = err.to_string();
    EventLog::new(&ctx.events).record(&e);
    Err(err)
}

/// One source's error as it is; with mirrors, containers/image's summary of them all.
fn sources_failed(mut attempts: Vec<(Reference, Error)>) -> Error {
    let (primary, err) = attempts.pop().expect("at least one source");
    if attempts.is_empty() {
        return err;
    }
    // Each error after its source's name, said once.
    let said = |r: &Reference, e: &Error| match e {
        Error::Registry { reference, message } if *reference == r.to_string() => {
            format!("{r}: {message}")
        }
        e => format!("{r}: {e}"),
    };
    let extras: Vec<String> = attempts
        .iter()
        .map(|(r, e)| format!("[{}]", said(r, e)))
        .collect();
    Error::Registry {
        reference: format!("(Mirrors also failed: {})", extras.join(" ")),
        message: said(&primary, &err),
    }
}

/// Pulls from `remote`, recording the image under `logical`, the name asked for (not a
/// mirror's).
async fn pull_one(
    ctx: &Context,
    store: &Store,
    remote: Arc<Remote>,
    logical: &Reference,
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
    let r = logical;
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
        names_history: vec![],
    };
    let rec = store.commit_image(rec)?;
    progress.event(PullEvent::Stored {
        image_id: rec.id.clone(),
    });
    Ok(rec)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conf(text: &str) -> Registries {
        Registries::parse(text, Path::new("/etc/containers/registries.conf"), false).unwrap()
    }

    fn names(r: &Resolved) -> Vec<String> {
        r.candidates.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn aliases_win_over_search_registries_and_keep_tag_and_digest() {
        let c = conf("[aliases]\n\"fedora\" = \"registry.fedoraproject.org/fedora\"\n");
        let search = ["docker.io".to_string(), "quay.io".to_string()];
        let r = resolve("fedora:40", &c, &search, None, false).unwrap();
        assert_eq!(names(&r), ["registry.fedoraproject.org/fedora:40"]);
        assert_eq!(
            r.description.as_deref(),
            Some("Resolved \"fedora\" as an alias (/etc/containers/registries.conf)")
        );
        let d = format!("sha256:{}", "b".repeat(64));
        let r = resolve(&format!("fedora@{d}"), &c, &search, None, false).unwrap();
        assert_eq!(
            names(&r),
            [format!("registry.fedoraproject.org/fedora@{d}")]
        );
        let r = resolve("alpine", &c, &search, None, false).unwrap();
        assert_eq!(
            names(&r),
            ["docker.io/library/alpine:latest", "quay.io/alpine:latest"]
        );
        assert_eq!(r.description, None);
        let q = resolve("quay.io/fedora", &c, &search, None, false).unwrap();
        assert_eq!(names(&q), ["quay.io/fedora:latest"]);
    }

    #[test]
    fn no_alias_and_no_search_registries_is_podmans_error() {
        let c = conf("unqualified-search-registries = []\n");
        let origin = Path::new("/etc/containers/registries.conf");
        let e = resolve("x", &c, &[], Some(origin), false).unwrap_err();
        assert_eq!(
            e.to_string(),
            "x: short-name \"x\" did not resolve to an alias and no unqualified-search \
             registries are defined in \"/etc/containers/registries.conf\""
        );
    }

    #[test]
    fn enforcing_needs_a_terminal_for_several_registries() {
        let c = conf("short-name-mode = \"enforcing\"\n");
        let two = ["a.io".to_string(), "b.io".to_string()];
        let e = resolve("x", &c, &two, None, false).unwrap_err();
        assert!(e.to_string().contains("cannot prompt without a TTY"), "{e}");
        assert_eq!(
            resolve("x", &c, &two, None, true).unwrap().candidates.len(),
            2
        );
        assert_eq!(
            resolve("x", &c, &two[..1], None, false)
                .unwrap()
                .candidates
                .len(),
            1
        );
    }

    #[test]
    fn several_sources_fail_as_containers_image_says() {
        let e = |m: &str| Error::Registry {
            reference: "r".into(),
            message: m.into(),
        };
        let one = sources_failed(vec![(Reference::parse("a.io/x").unwrap(), e("gone"))]);
        assert_eq!(one.to_string(), "r: gone");
        let own = |r: &str, m: &str| Error::Registry {
            reference: r.into(),
            message: m.into(),
        };
        let two = sources_failed(vec![
            (Reference::parse("m.io/x").unwrap(), e("down")),
            (
                Reference::parse("a.io/x").unwrap(),
                own("a.io/x:latest", "gone"),
            ),
        ]);
        assert_eq!(
            two.to_string(),
            "(Mirrors also failed: [m.io/x:latest: r: down]): a.io/x:latest: gone"
        );
    }

    #[test]
    fn pull_policies() {
        let pulls = |p: PullPolicy| (p.pulls(true), p.pulls(false));
        assert_eq!(pulls(PullPolicy::Missing), (true, false));
        assert_eq!(pulls(PullPolicy::Always), (true, true));
        assert_eq!(pulls(PullPolicy::Newer), (true, true));
        assert_eq!(pulls(PullPolicy::Never), (false, false));
    }
}
