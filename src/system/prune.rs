//! The prunes: stopped containers, images no container uses, networks no container is
//! on. Each returns a report per item it tried, with the bytes it gave back.

use crate::events::Event;
use std::collections::{BTreeMap, HashSet};

use crate::container::filter::ContainerFilter;
use crate::container::lifecycle::Manager;
use crate::container::state::Status;
use crate::error::{Error, Result};
use crate::image::filter::{Facts, ImageFilter};
use crate::image::store::{ImageRecord, Store};
use crate::network::config::{Network, DEFAULT_NETWORK};
use crate::system::disk::dir_usage;

/// One thing a prune removed, or failed to.
#[derive(Debug)]
pub struct Pruned {
    /// A container's or image's id, a network's name.
    pub id: String,
    /// Bytes given back (0 when it failed).
    pub size: u64,
    pub error: Option<Error>,
}

/// Whether an image goes in an image prune: no container uses it, and it is dangling (no
/// name) unless `all`.
pub fn image_prunable(img: &ImageRecord, used: &HashSet<String>, all: bool) -> bool {
    !used.contains(&img.id) && (all || img.names.is_empty())
}

/// A container a container prune removes: not running (podman's stopped, exited, created
/// and configured).
pub fn container_prunable(status: Status) -> bool {
    status != Status::Running
}

/// The image ids container records name (finished ones and those being made), read from
/// the records directly: the caller holds the image-use lock, so none is being added.
fn images_in_use(store: &Store) -> HashSet<String> {
    let dir = store.root().join("containers");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return HashSet::new();
    };
    entries
        .flatten()
        .filter_map(|e| {
            let data = std::fs::read(e.path().join("container.json")).ok()?;
            let v: serde_json::Value = serde_json::from_slice(&data).ok()?;
            Some(v.get("image_id")?.as_str()?.to_string())
        })
        .collect()
}

/// An image's config labels (none when the config cannot be read).
pub fn image_labels(store: &Store, img: &ImageRecord) -> BTreeMap<String, String> {
    store
        .blob(&img.config_digest())
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|c| c.pointer("/config/Labels").cloned())
        .and_then(|l| serde_json::from_value(l).ok())
        .unwrap_or_default()
}

impl Manager {
    /// Removes the containers that do not run and match `filter`, each under its lock.
    pub fn prune_containers(&self, filter: &ContainerFilter) -> Result<Vec<Pruned>> {
        let mut out = Vec::new();
        for (cfg, st) in self.list()?.into_iter().flatten() {
            // As podman's: an infra container goes with its pod.
            let infra = cfg.infra && self.refuse_infra_removal(&cfg).is_err();
            if infra || !container_prunable(st.status) || !filter.matches(&cfg, &st, None) {
                continue;
            }
            let size = dir_usage(&self.overlay_dirs(&cfg.id).0);
            match self.remove(&cfg.id, false) {
                Ok(()) => out.push(Pruned {
                    id: cfg.id,
                    size,
                    error: None,
                }),
                // Removed meanwhile: gone, as asked.
                Err(Error::ContainerNotFound(_)) => {}
                // Started meanwhile: not stopped any more.
                Err(Error::RemoveRunning { .. }) => {}
                Err(e) => out.push(Pruned {
                    id: cfg.id,
                    size: 0,
                    error: Some(e),
                }),
            }
        }
        Ok(out)
    }

    /// Removes the images no container uses that are dangling (or, with `all`, any) and
    /// match `filter`. The image-use lock is held throughout: no container is being made
    /// from an image meanwhile.
    pub fn prune_images(&self, all: bool, filter: &ImageFilter) -> Result<Vec<Pruned>> {
        let store = &self.images;
        let _removing = store.use_lock(true)?;
        let used = images_in_use(store);
        let sizes = self.layer_sizes()?;
        let mut out = Vec::new();
        for img in store.images()? {
            if !image_prunable(&img, &used, all) {
                continue;
            }
            let mut digests: Vec<String> = img
                .repo_digests
                .iter()
                .filter_map(|d| d.split_once('@').map(|(_, d)| d.to_string()))
                .collect();
            digests.extend(img.manifest_digest.clone());
            let facts = Facts {
                id: img.id.clone(),
                names: img.names.clone(),
                digests,
                created: img.created.map(crate::timetype::of),
                labels: image_labels(store, &img),
                in_use: false,
            };
            if !filter.matches(&facts).0 {
                continue;
            }
            match store.remove_image(&img.id) {
                Ok(layers) => {
                    let name = img.names.first().map_or("", String::as_str);
                    self.record_event(Event::image("remove", &img.id, name));
                    out.push(Pruned {
                        size: layers.iter().filter_map(|l| sizes.get(l)).sum(),
                        id: img.id,
                        error: None,
                    })
                }
                Err(Error::ImageNotFound(_)) => {}
                Err(e) => out.push(Pruned {
                    id: img.id,
                    size: 0,
                    error: Some(e),
                }),
            }
        }
        Ok(out)
    }

    /// Removes the networks no container is on that `selected` picks; never the default
    /// network.
    pub fn prune_networks(&self, selected: &dyn Fn(&Network) -> bool) -> Result<Vec<Pruned>> {
        let nets = self.networks()?;
        let used: HashSet<String> = self
            .list()?
            .into_iter()
            .flatten()
            .flat_map(|(cfg, _)| cfg.networks)
            .collect();
        let mut out = Vec::new();
        for n in nets.list()? {
            if n.name == DEFAULT_NETWORK || used.contains(&n.name) || !selected(&n) {
                continue;
            }
            match nets.remove(&n.name) {
                Ok(()) => {
                    self.record_event(Event::network("remove", &n.id, &n.name, &n.driver));
                    out.push(Pruned {
                        id: n.name,
                        size: 0,
                        error: None,
                    })
                }
                Err(Error::NetworkNotFound(_)) => {}
                Err(e) => out.push(Pruned {
                    id: n.name,
                    size: 0,
                    error: Some(e),
                }),
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangling_unless_all_and_never_used() {
        let mut img: ImageRecord = serde_json::from_value(serde_json::json!({
            "id": "aa", "added": "2026-01-01T00:00:00Z", "os": "linux",
            "architecture": "amd64", "layers": [], "size": 0
        }))
        .unwrap();
        let none = HashSet::new();
        let used: HashSet<String> = ["aa".to_string()].into();
        assert!(image_prunable(&img, &none, false));
        assert!(!image_prunable(&img, &used, true));
        img.names.push("r/a:1".into());
        assert!(!image_prunable(&img, &none, false));
        assert!(image_prunable(&img, &none, true));
        assert!(!container_prunable(Status::Running));
        for s in [Status::Created, Status::Exited, Status::Configured] {
            assert!(container_prunable(s));
        }
    }
}
