//! Disk usage as podman's `system df` counts it: images by their layers (a layer shared by
//! several images counted once in the total, as shared in each), containers by their
//! upper dirs, volumes by their data dirs.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use ctl_monitor::time::Timestamp;

use crate::container::lifecycle::Manager;
use crate::error::Result;
use crate::image::store::ImageRecord;

/// One image under one of its names (podman's ImageDiskUsage: a row per repo:tag).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageUsage {
    pub id: String,
    pub repository: String,
    pub tag: String,
    pub created: Option<Timestamp>,
    /// Bytes in layers other images have too.
    pub shared_size: u64,
    /// Bytes only this image has (its own layers, its config and manifest).
    pub unique_size: u64,
    pub size: u64,
    /// Containers made from it.
    pub containers: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerUsage {
    pub id: String,
    pub image_id: String,
    pub command: Vec<String>,
    pub local_volumes: usize,
    /// The upper dir's bytes: what the container wrote.
    pub rw_size: u64,
    pub created: Timestamp,
    pub status: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolumeUsage {
    pub name: String,
    /// Containers that mount it.
    pub links: usize,
    pub size: u64,
    /// The size when no container mounts it, else 0.
    pub reclaimable: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiskUsage {
    /// Every layer of the store once, plus the images' configs and manifests.
    pub images_size: u64,
    pub images: Vec<ImageUsage>,
    pub containers: Vec<ContainerUsage>,
    pub volumes: Vec<VolumeUsage>,
}

/// One line of `system df`: podman's dfSummary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub kind: &'static str,
    pub total: usize,
    pub active: usize,
    pub raw_size: u64,
    pub raw_reclaimable: u64,
}

/// What one image is, for [`image_usages`]: its record, its config's and manifest's bytes
/// and how many containers use it.
pub struct ImageFacts<'a> {
    pub record: &'a ImageRecord,
    pub meta_size: u64,
    pub containers: usize,
}

/// Bytes of a tree as containers/storage's `directory.Usage`: regular files, symlinks and
/// the like by their size, directories not, a file with several links once.
pub fn dir_usage(path: &Path) -> u64 {
    let mut seen = HashSet::new();
    let mut total = 0;
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let Ok(md) = e.path().symlink_metadata() else {
                continue;
            };
            if !seen.insert((md.dev(), md.ino())) {
                continue;
            }
            if md.is_dir() {
                stack.push(e.path());
            } else {
                total += md.len();
            }
        }
    }
    total
}

/// A fully qualified name's repository and tag (`<none>` for a digest-only name).
pub fn split_name(name: &str) -> (String, String) {
    let name = name.split_once('@').map_or(name, |(n, _)| n);
    let slash = name.rfind('/').map_or(0, |i| i + 1);
    match name[slash..].rfind(':') {
        Some(i) => (
            name[..slash + i].to_string(),
            name[slash + i + 1..].to_string(),
        ),
        None => (name.to_string(), "<none>".to_string()),
    }
}

/// The images' rows and the images' total: `layer_sizes` has every layer of the store
/// (chain id → bytes), each counted once; a layer two images have is shared in both.
pub fn image_usages(
    images: &[ImageFacts<'_>],
    layer_sizes: &HashMap<String, u64>,
) -> (Vec<ImageUsage>, u64) {
    let mut total: u64 = layer_sizes.values().sum();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for i in images {
        let own: HashSet<&str> = i.record.layers.iter().map(String::as_str).collect();
        for l in own {
            *count.entry(l).or_default() += 1;
        }
    }
    let mut rows = Vec::new();
    for i in images {
        let (mut shared, mut unique) = (0, i.meta_size);
        total += i.meta_size;
        let mut seen = HashSet::new();
        for l in &i.record.layers {
            if !seen.insert(l.as_str()) {
                continue;
            }
            let size = layer_sizes.get(l).copied().unwrap_or(0);
            match count.get(l.as_str()).copied().unwrap_or(0) > 1 {
                true => shared += size,
                false => unique += size,
            }
        }
        let base = ImageUsage {
            id: i.record.id.clone(),
            repository: "<none>".into(),
            tag: "<none>".into(),
            created: i.record.created,
            shared_size: shared,
            unique_size: unique,
            size: shared + unique,
            containers: i.containers,
        };
        if i.record.names.is_empty() {
            rows.push(base);
            continue;
        }
        for n in &i.record.names {
            let (repository, tag) = split_name(n);
            rows.push(ImageUsage {
                repository,
                tag,
                ..base.clone()
            });
        }
    }
    (rows, total)
}

/// podman's three summary lines: an image is active when a container uses it (and what
/// only it has cannot be reclaimed), a container when it runs, a volume per container
/// that mounts it.
pub fn summarize(du: &DiskUsage) -> [Summary; 3] {
    let mut seen = HashSet::new();
    let (mut active, mut used) = (0, 0);
    for i in &du.images {
        if seen.insert(&i.id) && i.containers > 0 {
            active += 1;
            used += i.unique_size;
        }
    }
    let running = |c: &&ContainerUsage| c.status == "running";
    [
        Summary {
            kind: "Images",
            total: du.images.len(),
            active,
            raw_size: du.images_size,
            raw_reclaimable: du.images_size.saturating_sub(used),
        },
        Summary {
            kind: "Containers",
            total: du.containers.len(),
            active: du.containers.iter().filter(running).count(),
            raw_size: du.containers.iter().map(|c| c.rw_size).sum(),
            raw_reclaimable: du
                .containers
                .iter()
                .filter(|c| !running(c))
                .map(|c| c.rw_size)
                .sum(),
        },
        Summary {
            kind: "Local Volumes",
            total: du.volumes.len(),
            active: du.volumes.iter().map(|v| v.links).sum(),
            raw_size: du.volumes.iter().map(|v| v.size).sum(),
            raw_reclaimable: du.volumes.iter().map(|v| v.reclaimable).sum(),
        },
    ]
}

fn file_size(path: &Path) -> u64 {
    fs::symlink_metadata(path).map_or(0, |m| m.len())
}

impl Manager {
    /// What the store holds, measured now.
    pub fn disk_usage(&self) -> Result<DiskUsage> {
        let containers: Vec<_> = self.list()?.into_iter().flatten().collect();
        let mut per_image: HashMap<&str, usize> = HashMap::new();
        for (cfg, _) in &containers {
            *per_image.entry(cfg.image_id.as_str()).or_default() += 1;
        }
        let records = self.images.images()?;
        let blobs = self.images.root().join("blobs/sha256");
        let facts: Vec<ImageFacts<'_>> = records
            .iter()
            .map(|r| {
                let manifest = r
                    .manifest_digest
                    .as_deref()
                    .map(|d| file_size(&blobs.join(d.trim_start_matches("sha256:"))));
                ImageFacts {
                    record: r,
                    meta_size: file_size(&blobs.join(&r.id)) + manifest.unwrap_or(0),
                    containers: per_image.get(r.id.as_str()).copied().unwrap_or(0),
                }
            })
            .collect();
        let (images, images_size) = image_usages(&facts, &self.layer_sizes()?);
        let mut volume_links: HashMap<String, usize> = HashMap::new();
        let mut out_containers = Vec::new();
        for (cfg, st) in &containers {
            let mut names: Vec<&String> =
                cfg.mounts.iter().filter_map(|m| m.name.as_ref()).collect();
            names.dedup();
            for n in &names {
                *volume_links.entry((*n).clone()).or_default() += 1;
            }
            out_containers.push(ContainerUsage {
                id: cfg.id.clone(),
                image_id: cfg.image_id.clone(),
                command: cfg.command.clone(),
                local_volumes: names.len(),
                rw_size: dir_usage(&self.overlay_dirs(&cfg.id).0),
                created: cfg.created,
                status: st.status.as_str().to_string(),
                name: cfg.name.clone(),
            });
        }
        let vols = self.volumes()?;
        let volumes = vols
            .list()?
            .into_iter()
            .map(|v| {
                let size = dir_usage(&vols.data(&v.name));
                let links = volume_links.get(&v.name).copied().unwrap_or(0);
                VolumeUsage {
                    links,
                    size,
                    reclaimable: if links == 0 { size } else { 0 },
                    name: v.name,
                }
            })
            .collect();
        Ok(DiskUsage {
            images_size,
            images,
            containers: out_containers,
            volumes,
        })
    }

    /// Every committed layer of the store and its size (its record's).
    pub(crate) fn layer_sizes(&self) -> Result<HashMap<String, u64>> {
        let dir = self.images.root().join("layers");
        let mut out = HashMap::new();
        for e in fs::read_dir(&dir)
            .map_err(|e| crate::error::Error::io(&dir, e))?
            .flatten()
        {
            let hex = e.file_name().to_string_lossy().into_owned();
            if let Ok(rec) = self.images.layer(&hex) {
                out.insert(rec.chain_id, rec.size);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(id: &str, names: &[&str], layers: &[&str]) -> ImageRecord {
        ImageRecord {
            id: id.into(),
            names: names.iter().map(|s| s.to_string()).collect(),
            repo_digests: vec![],
            manifest_digest: None,
            created: None,
            added: Timestamp::now(),
            os: "linux".into(),
            architecture: "amd64".into(),
            variant: None,
            layers: layers.iter().map(|s| s.to_string()).collect(),
            size: 0,
            names_history: vec![],
        }
    }

    #[test]
    fn shared_layers_count_once_in_the_total() {
        let a = image("a", &["r/x:1", "r/x:2"], &["l1", "l2"]);
        let b = image("b", &[], &["l1", "l3"]);
        let sizes: HashMap<String, u64> = [("l1", 100), ("l2", 10), ("l3", 1), ("orphan", 5)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let facts = [
            ImageFacts {
                record: &a,
                meta_size: 2,
                containers: 1,
            },
            ImageFacts {
                record: &b,
                meta_size: 3,
                containers: 0,
            },
        ];
        let (rows, total) = image_usages(&facts, &sizes);
        assert_eq!(total, 100 + 10 + 1 + 5 + 2 + 3);
        assert_eq!(rows.len(), 3, "a row per name, one for the dangling image");
        assert_eq!(
            (rows[0].repository.as_str(), rows[0].tag.as_str()),
            ("r/x", "1")
        );
        assert_eq!(
            (rows[1].shared_size, rows[1].unique_size, rows[1].size),
            (100, 12, 112)
        );
        assert_eq!(
            (rows[2].repository.as_str(), rows[2].tag.as_str()),
            ("<none>", "<none>")
        );
        assert_eq!((rows[2].shared_size, rows[2].unique_size), (100, 4));
        let du = DiskUsage {
            images_size: total,
            images: rows,
            containers: vec![],
            volumes: vec![],
        };
        let [img, ..] = summarize(&du);
        assert_eq!((img.total, img.active), (3, 1), "a used image counted once");
        assert_eq!(img.raw_reclaimable, total - 12);
    }

    #[test]
    fn containers_and_volumes_summed_as_podman_s() {
        let c = |status: &str, rw| ContainerUsage {
            id: "c".into(),
            image_id: "a".into(),
            command: vec![],
            local_volumes: 0,
            rw_size: rw,
            created: Timestamp::now(),
            status: status.into(),
            name: "n".into(),
        };
        let v = |links, size| VolumeUsage {
            name: "v".into(),
            links,
            size,
            reclaimable: if links == 0 { size } else { 0 },
        };
        let du = DiskUsage {
            images_size: 0,
            images: vec![],
            containers: vec![c("running", 7), c("exited", 5), c("configured", 1)],
            volumes: vec![v(2, 10), v(0, 4)],
        };
        let [_, ctr, vol] = summarize(&du);
        assert_eq!(
            (ctr.total, ctr.active, ctr.raw_size, ctr.raw_reclaimable),
            (3, 1, 13, 6)
        );
        assert_eq!(
            (vol.total, vol.active, vol.raw_size, vol.raw_reclaimable),
            (2, 2, 14, 4)
        );
    }

    #[test]
    fn names_split_at_the_tag() {
        assert_eq!(
            split_name("localhost:5000/a/b:v1"),
            ("localhost:5000/a/b".into(), "v1".into())
        );
        assert_eq!(
            split_name("localhost:5000/a"),
            ("localhost:5000/a".into(), "<none>".into())
        );
        assert_eq!(split_name("r/a@sha256:00"), ("r/a".into(), "<none>".into()));
    }

    #[test]
    fn dir_usage_counts_files_once() {
        let d = tempfile::tempdir().unwrap();
        fs::write(d.path().join("a"), b"12345").unwrap();
        fs::create_dir(d.path().join("sub")).unwrap();
        fs::write(d.path().join("sub/b"), b"123").unwrap();
        fs::hard_link(d.path().join("a"), d.path().join("sub/a2")).unwrap();
        assert_eq!(dir_usage(d.path()), 8);
        assert_eq!(dir_usage(&d.path().join("missing")), 0);
    }
}
