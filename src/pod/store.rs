//! Pods on disk, in the shape of the container store: one directory and one lock each,
//! names taken by symlink(2).
//!
//! ```text
//! ROOT/pods/<id>/pod.json     the record; a directory without it is being made
//! ROOT/pods/<id>/lock         flock: creating, adding members, removing
//! ROOT/pod-names/<name> -> <id>
//! ```

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use crate::error::{Error, IoContext, Result};
use crate::fsutil::{atomic_write, create_private_dir, random_hex, Lock};
use crate::pod::record::PodConfig;

#[derive(Debug, Clone)]
pub struct Pods {
    root: PathBuf,
}

impl Pods {
    pub fn open(root: &Path) -> Result<Pods> {
        for d in [root.join("pods"), root.join("pod-names")] {
            create_private_dir(&d)?;
        }
        Ok(Pods {
            root: root.to_path_buf(),
        })
    }

    pub fn dir(&self, id: &str) -> PathBuf {
        self.root.join("pods").join(id)
    }

    fn name_link(&self, name: &str) -> PathBuf {
        self.root.join("pod-names").join(name)
    }

    pub fn new_id() -> String {
        random_hex(32)
    }

    /// Makes the pod's directory (renamed in with its lock held) and takes its name; the
    /// lock is held until the record is written. A directory without pod.json whose lock
    /// is free is what a killed creator left ([`Pods::remove_abandoned`]).
    pub fn reserve(&self, id: &str, name: &str) -> Result<Lock> {
        crate::container::store::validate_name(name)?;
        let dir = self.dir(id);
        let staging = self.root.join("pods").join(format!(".new-{id}"));
        fs::create_dir(&staging).at(&staging)?;
        let lock = Lock::exclusive(&staging.join("lock"))
            .and_then(|l| fs::rename(&staging, &dir).at(&dir).map(|_| l));
        let lock = match lock {
            Ok(l) => l,
            Err(e) => {
                let _ = crate::image::store::remove_tree(&staging);
                return Err(e);
            }
        };
        match self.take_name(name, id) {
            Ok(()) => Ok(lock),
            Err(e) => {
                let _ = crate::image::store::remove_tree(&dir);
                Err(e)
            }
        }
    }

    fn take_name(&self, name: &str, id: &str) -> Result<()> {
        let link = self.name_link(name);
        for _ in 0..2 {
            match std::os::unix::fs::symlink(id, &link) {
                Ok(()) => return Ok(()),
                Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                    let owner = fs::read_link(&link)
                        .map(|p| p.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let gone = owner.is_empty()
                        || !self.dir(&owner).is_dir()
                        || self.remove_abandoned(&owner);
                    if !gone {
                        return Err(Error::PodExists(name.to_string()));
                    }
                    let _ = fs::remove_file(&link);
                }
                Err(e) => return Err(Error::io(&link, e)),
            }
        }
        Err(Error::PodExists(name.to_string()))
    }

    /// Removes what a creator killed before the record left, once its lock is free; true
    /// if it did. (Its infra container, if made, names a pod that is gone: a plain
    /// container for `ps -a` and `rm`.)
    pub fn remove_abandoned(&self, id: &str) -> bool {
        let dir = self.dir(id);
        if !dir.is_dir() || dir.join("pod.json").exists() {
            return false;
        }
        let Ok(Some(_lock)) = Lock::try_exclusive(&dir.join("lock")) else {
            return false;
        };
        if !dir.is_dir() || dir.join("pod.json").exists() {
            return false;
        }
        self.remove(id, None).is_ok()
    }

    /// The pod's lock; "no such pod" when it was removed while we waited.
    pub fn lock(&self, id: &str) -> Result<Lock> {
        let dir = self.dir(id);
        let path = dir.join("lock");
        if !dir.is_dir() {
            return Err(Error::PodNotFound(id.to_string()));
        }
        let lock = Lock::exclusive(&path)?;
        if !lock.is_at(&path) || !dir.join("pod.json").exists() {
            return Err(Error::PodNotFound(id.to_string()));
        }
        Ok(lock)
    }

    pub fn write(&self, cfg: &PodConfig) -> Result<()> {
        let data = serde_json::to_vec_pretty(cfg).expect("pod record serializes");
        atomic_write(&self.dir(&cfg.id).join("pod.json"), &data)
    }

    pub fn config(&self, id: &str) -> Result<PodConfig> {
        let path = self.dir(id).join("pod.json");
        let data = match crate::fsutil::read_small(&path) {
            Ok(d) => d,
            Err(e) if e.kind() == ErrorKind::NotFound => {
                return Err(Error::PodNotFound(id.to_string()))
            }
            Err(e) => return Err(Error::io(&path, e)),
        };
        serde_json::from_slice(&data).map_err(|e| Error::CorruptRecord {
            id: id.to_string(),
            reason: e.to_string(),
        })
    }

    /// Every pod with a record, and the leftovers of killed creators swept on the way.
    pub fn ids(&self) -> Result<Vec<String>> {
        let dir = self.root.join("pods");
        let mut out = Vec::new();
        for e in fs::read_dir(&dir).at(&dir)? {
            let e = e.at(&dir)?;
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with(".rm-") {
                if matches!(Lock::try_existing(&e.path().join("lock")), Ok(Some(_)))
                    || !e.path().join("lock").exists()
                {
                    let _ = crate::image::store::remove_tree(&e.path());
                }
                continue;
            }
            if name.len() != 64 || !name.bytes().all(|b| b.is_ascii_hexdigit()) {
                continue;
            }
            if e.path().join("pod.json").exists() || !self.remove_abandoned(&name) {
                out.push(name);
            }
        }
        out.retain(|id| self.dir(id).join("pod.json").exists());
        Ok(out)
    }

    /// A pod by name, full id or unique id prefix.
    pub fn resolve(&self, input: &str) -> Result<String> {
        if input.is_empty() {
            return Err(Error::PodNotFound(input.to_string()));
        }
        if let Ok(target) = fs::read_link(self.name_link(input)) {
            let id = target.to_string_lossy().into_owned();
            if self.dir(&id).join("pod.json").exists() {
                return Ok(id);
            }
        }
        if input.bytes().all(|b| b.is_ascii_hexdigit()) {
            let hits: Vec<String> = self
                .ids()?
                .into_iter()
                .filter(|id| id.starts_with(input))
                .collect();
            match hits.len() {
                1 => return Ok(hits.into_iter().next().expect("one hit")),
                0 => {}
                _ => {
                    return Err(Error::BadOption(format!(
                        "more than one result for pod ID {input}"
                    )))
                }
            }
        }
        Err(Error::PodNotFound(input.to_string()))
    }

    /// Renames the pod's directory away (the caller holds its lock, which goes with it),
    /// frees its name, then deletes it, the lock file last.
    pub fn remove(&self, id: &str, name: Option<&str>) -> Result<()> {
        let dir = self.dir(id);
        let trash = self.root.join("pods").join(format!(".rm-{id}"));
        match fs::rename(&dir, &trash) {
            Ok(()) => {}
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&dir, e)),
        }
        let links = self.root.join("pod-names");
        let mine = |p: &Path| fs::read_link(p).is_ok_and(|t| t.as_os_str() == id);
        match name {
            Some(n) if mine(&self.name_link(n)) => {
                let _ = fs::remove_file(self.name_link(n));
            }
            Some(_) => {}
            None => {
                for e in fs::read_dir(&links).into_iter().flatten().flatten() {
                    if mine(&e.path()) {
                        let _ = fs::remove_file(e.path());
                    }
                }
            }
        }
        for e in fs::read_dir(&trash).into_iter().flatten().flatten() {
            if e.file_name() != "lock" {
                let _ = fs::remove_file(e.path());
            }
        }
        let _ = fs::remove_file(trash.join("lock"));
        match fs::remove_dir(&trash) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::io(&trash, e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, name: &str) -> PodConfig {
        PodConfig {
            id: id.into(),
            name: name.into(),
            created: ctl_monitor::time::Timestamp::now(),
            labels: Default::default(),
            hostname: name.into(),
            share: vec!["net".into()],
            infra_id: None,
            volumes: vec![],
            exit_policy: Default::default(),
            create_command: vec![],
        }
    }

    #[test]
    fn names_are_taken_once_and_freed_by_removal() {
        let tmp = tempfile::tempdir().unwrap();
        let pods = Pods::open(tmp.path()).unwrap();
        let a = Pods::new_id();
        let lock = pods.reserve(&a, "web").unwrap();
        pods.write(&record(&a, "web")).unwrap();
        drop(lock);
        let b = Pods::new_id();
        assert!(matches!(
            pods.reserve(&b, "web"),
            Err(Error::PodExists(n)) if n == "web"
        ));
        assert!(!pods.dir(&b).exists());
        assert_eq!(pods.resolve("web").unwrap(), a);
        assert_eq!(pods.resolve(&a[..8]).unwrap(), a);
        let _l = pods.lock(&a).unwrap();
        pods.remove(&a, Some("web")).unwrap();
        assert!(matches!(pods.resolve("web"), Err(Error::PodNotFound(_))));
        assert!(pods.ids().unwrap().is_empty());
    }

    #[test]
    fn a_killed_creator_s_pod_is_swept_and_its_name_taken_over() {
        let tmp = tempfile::tempdir().unwrap();
        let pods = Pods::open(tmp.path()).unwrap();
        let a = Pods::new_id();
        drop(pods.reserve(&a, "db").unwrap());
        assert!(pods.ids().unwrap().is_empty());
        assert!(!pods.dir(&a).exists());
        drop(pods.reserve(&a, "db").unwrap());
        let b = Pods::new_id();
        drop(pods.reserve(&b, "db").unwrap());
        assert!(!pods.dir(&a).exists());
    }
}
