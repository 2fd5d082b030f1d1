//! `system check`: whether the store's parts agree. Layers without a record, content or
//! image (older than the maximum age: a pull commits its layers before its image),
//! images whose record, config or layers are gone, containers whose record or image is
//! gone, and temporary files of writers that died. `repair` removes what is damaged and
//! safe to remove: images no container uses (with `force`, the containers too), never a
//! container that runs.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::container::lifecycle::Manager;
use crate::container::state::State;
use crate::error::Result;
use crate::image::links;

#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    /// Skips reading every image's config to compare it with its id.
    pub quick: bool,
    pub repair: bool,
    /// Repair removes the containers of damaged images too.
    pub force: bool,
    /// Unreferenced layers older than this are damaged.
    pub max_age: Duration,
}

/// What was found (each thing with its problems) and what was removed.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub layers: BTreeMap<String, Vec<String>>,
    pub images: BTreeMap<String, Vec<String>>,
    pub containers: BTreeMap<String, Vec<String>>,
    pub temp_files: Vec<PathBuf>,
    pub removed_layers: Vec<String>,
    pub removed_images: Vec<String>,
    pub removed_containers: Vec<String>,
    pub removed_temp_files: Vec<PathBuf>,
}

impl CheckReport {
    pub fn has_errors(&self) -> bool {
        !(self.layers.is_empty()
            && self.images.is_empty()
            && self.containers.is_empty()
            && self.temp_files.is_empty())
    }
}

/// A temporary file of an atomic write (`.tmp-<writer's pid in hex>-…`) whose writer is
/// gone: what a writer killed between create and rename left.
pub fn stale_temp(name: &str, alive: &dyn Fn(i32) -> bool) -> bool {
    let Some(rest) = name.strip_prefix(ctl_monitor::fsx::TEMP_PREFIX) else {
        return false;
    };
    let pid = rest
        .split('-')
        .next()
        .and_then(|p| i32::from_str_radix(p, 16).ok());
    pid.is_some_and(|p| !alive(p))
}

fn pid_alive(pid: i32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

fn age(path: &Path) -> Duration {
    fs::symlink_metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .unwrap_or_default()
}

/// The entries of a directory that are not hidden (staging, trash, locks) nor `skip`.
fn entries(dir: &Path, skip: &[&str]) -> Vec<String> {
    let Ok(rd) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<String> = rd
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && !skip.contains(&n.as_str()))
        .collect();
    out.sort();
    out
}

impl Manager {
    /// Checks the store and, with `repair`, removes what is damaged; the report says what
    /// was found before the repair.
    pub fn check_store(&self, opts: &CheckOptions) -> Result<CheckReport> {
        let mut report = CheckReport::default();
        let store = &self.images;
        let layers_dir = store.root().join("layers");
        let layer_ids: HashSet<String> = entries(&layers_dir, &[links::LINK_DIR])
            .into_iter()
            .collect();
        let mut referenced = HashSet::new();
        let mut damaged_images = Vec::new();
        for id in entries(&store.root().join("images"), &[]) {
            let mut problems = Vec::new();
            match store.image(&id) {
                Ok(img) => {
                    for l in &img.layers {
                        let hex = l.split_once(':').map_or(l.as_str(), |(_, h)| h);
                        referenced.insert(hex.to_string());
                        if !store.has_layer(l) {
                            problems.push(format!("layer {l} is missing"));
                        }
                    }
                    match store.blob(&img.config_digest()) {
                        Err(_) => problems.push("config blob is missing".to_string()),
                        Ok(config) if !opts.quick => {
                            use sha2::Digest;
                            let digest = hex::encode(sha2::Sha256::digest(&config));
                            if digest != img.id {
                                problems.push(format!("config blob's digest is sha256:{digest}"));
                            }
                        }
                        Ok(_) => {}
                    }
                }
                Err(e) => problems.push(format!("image record is unreadable: {e}")),
            }
            if !problems.is_empty() {
                damaged_images.push(id.clone());
                report.images.insert(id, problems);
            }
        }
        let mut damaged_layers = Vec::new();
        for hex in &layer_ids {
            let dir = layers_dir.join(hex);
            let record = dir.join("layer.json");
            let problem = if !record.exists() {
                Some("layer record is missing".to_string())
            } else if let Err(e) = store.layer(hex) {
                Some(format!("layer record is unreadable: {e}"))
            } else if !dir.join("diff").is_dir() {
                Some("layer content is missing".to_string())
            } else if !referenced.contains(hex) && age(&record) > opts.max_age {
                Some("layer is not referenced by any image".to_string())
            } else {
                None
            };
            if let Some(p) = problem {
                damaged_layers.push(hex.clone());
                report.layers.insert(hex.clone(), vec![p]);
            }
        }
        let containers = &self.containers;
        let mut damaged_containers = Vec::new();
        for id in entries(&store.root().join("containers"), &[]) {
            let dir = containers.dir(&id);
            let problems: Vec<String> = if !dir.join("container.json").exists() {
                match crate::fsutil::Lock::try_exclusive(&dir.join("lock")) {
                    // Its creator still holds it: being made.
                    Ok(None) => continue,
                    _ => vec!["container record is missing".to_string()],
                }
            } else {
                match containers.config(&id) {
                    Err(e) => vec![format!("container record is unreadable: {e}")],
                    Ok(cfg) => {
                        let mut p = Vec::new();
                        if !damaged_images.contains(&cfg.image_id)
                            && store.image(&cfg.image_id).is_err()
                        {
                            p.push(format!("image {} is missing", cfg.image_id));
                        } else if damaged_images.contains(&cfg.image_id) {
                            p.push(format!("image {} is damaged", cfg.image_id));
                        }
                        if !self.overlay_dirs(&id).0.is_dir() {
                            p.push("container's upper directory is missing".to_string());
                        }
                        p
                    }
                }
            };
            if !problems.is_empty() {
                damaged_containers.push(id.clone());
                report.containers.insert(id, problems);
            }
        }
        let mut temp_dirs = vec![
            store.root().join("blobs/sha256"),
            store.root().join("networks"),
            store.root().join("images"),
            layers_dir.clone(),
            store.root().join("volumes"),
        ];
        for parent in ["images", "layers", "containers", "volumes"] {
            let p = store.root().join(parent);
            temp_dirs.extend(entries(&p, &[]).into_iter().map(|n| p.join(n)));
        }
        for d in temp_dirs {
            let Ok(rd) = fs::read_dir(&d) else { continue };
            for e in rd.flatten() {
                if stale_temp(&e.file_name().to_string_lossy(), &pid_alive) {
                    report.temp_files.push(e.path());
                }
            }
        }
        report.temp_files.sort();
        if opts.repair || opts.force {
            self.repair(
                &mut report,
                &damaged_layers,
                &damaged_images,
                &damaged_containers,
                opts.force,
            )?;
        }
        Ok(report)
    }

    fn repair(
        &self,
        report: &mut CheckReport,
        layers: &[String],
        images: &[String],
        containers: &[String],
        force: bool,
    ) -> Result<()> {
        let store = &self.images;
        let idle = |id: &str| {
            self.containers
                .state(id)
                .is_ok_and(|st: State| !st.status.is_active())
        };
        // Containers first: an image goes only once none uses it.
        for id in containers {
            let no_record = !self.containers.dir(id).join("container.json").exists();
            let removed = if no_record {
                self.containers.remove_abandoned(id)
            } else {
                force && idle(id) && self.remove(id, true).is_ok()
            };
            if removed {
                report.removed_containers.push(id.clone());
            }
        }
        let _removing = store.use_lock(true)?;
        for id in images {
            if let Some(user) = crate::image::container_using(store.root(), id) {
                if !force || !idle(&user) || self.remove(&user, true).is_err() {
                    continue;
                }
                report.removed_containers.push(user);
                if crate::image::container_using(store.root(), id).is_some() {
                    continue;
                }
            }
            let gone = match store.remove_image(id) {
                Ok(_) => true,
                // An unreadable record: its directory goes, its layers stay unreferenced.
                Err(_) => store.discard(&store.root().join("images").join(id)).is_ok(),
            };
            if gone {
                report.removed_images.push(id.clone());
            }
        }
        let _images = store.images_lock()?;
        let referenced: HashSet<String> = store
            .images()?
            .into_iter()
            .flat_map(|i| i.layers)
            .map(|l| l.split_once(':').map_or(l.clone(), |(_, h)| h.to_string()))
            .collect();
        let layers_dir = store.root().join("layers");
        for hex in layers {
            // An image still has it (one a container uses, or one that came meanwhile):
            // a running container may have it mounted.
            if referenced.contains(hex) {
                continue;
            }
            let _ = links::remove(&layers_dir, hex);
            if store.discard(&layers_dir.join(hex)).is_ok() {
                crate::container::mapped_copy::remove_for_layer(store.root(), hex);
                report.removed_layers.push(hex.clone());
            }
        }
        for t in report.temp_files.clone() {
            if fs::remove_file(&t).is_ok() {
                report.removed_temp_files.push(t);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temp_file_is_stale_when_its_writer_is_gone() {
        let alive = |p: i32| p == 0x10;
        assert!(stale_temp(".tmp-ff-0-00000000", &alive));
        assert!(!stale_temp(".tmp-10-3-0000abcd", &alive));
        assert!(!stale_temp("image.json", &alive));
        assert!(!stale_temp(".tmp-zz-0", &alive));
    }
}
