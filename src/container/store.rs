//! Containers on disk: one directory each, a lock each, names taken atomically.
//!
//! ```text
//! ROOT/containers/<id>/container.json   what was asked (`rename` and `update` change it)
//! ROOT/containers/<id>/state.json       what happened (atomic rewrite under the lock)
//! ROOT/containers/<id>/lock             flock; no global lock
//! ROOT/containers/<id>/config.json      the OCI bundle config; diff/ work/ merged/ userdata/
//! ROOT/names/<name> -> <id>             symlink(2): exactly one creator wins a name
//! RUN/containers/<id>/                  pidfiles, attach socket, control fifo
//! RUN/exits/<id>                        the monitor's exit file
//! RUN/exits/<id>.wait                   flock'ed (shared) by readers still to read it
//! RUN/boot-id                           run-state epoch: a new one means a reboot
//! ```

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

pub use crate::container::record::*;
use crate::container::state::{read_json, State};
use crate::error::{Error, IoContext, Result};
use crate::fsutil::{atomic_write, create_private_dir, random_hex, Lock};

#[derive(Debug, Clone)]
pub struct Containers {
    root: PathBuf,
    runroot: PathBuf,
    /// Read once per process: a command is short, and every record it reconciles
    /// compares against the same epoch.
    epoch: std::sync::OnceLock<String>,
}

/// A container's records, or why they could not be read.
pub type Listed = std::result::Result<(ContainerConfig, State), (String, String)>;

impl Containers {
    pub fn open(root: &Path, runroot: &Path) -> Result<Containers> {
        for d in [root.join("containers"), root.join("names")] {
            create_private_dir(&d)?;
        }
        for d in [runroot.join("containers"), runroot.join("exits")] {
            create_private_dir(&d)?;
        }
        Ok(Containers {
            root: root.to_path_buf(),
            runroot: runroot.to_path_buf(),
            epoch: std::sync::OnceLock::new(),
        })
    }

    pub fn dir(&self, id: &str) -> PathBuf {
        self.root.join("containers").join(id)
    }

    pub fn run_dir(&self, id: &str) -> PathBuf {
        self.runroot.join("containers").join(id)
    }

    pub fn exit_file(&self, id: &str) -> PathBuf {
        self.runroot.join("exits").join(id)
    }

    /// Held (shared) by whoever still has to read the exit file of a container that may
    /// be removed meanwhile (`--rm`): a foreground `run` or a `wait`.
    pub fn exit_waiters(&self, id: &str) -> PathBuf {
        self.runroot.join("exits").join(format!("{id}.wait"))
    }

    pub fn runroot(&self) -> &Path {
        &self.runroot
    }

    fn name_link(&self, name: &str) -> PathBuf {
        self.root.join("names").join(name)
    }

    /// The run-state epoch: the kernel's boot id plus a random part, renewed when the run
    /// directory was wiped or the machine rebooted.
    pub fn epoch(&self) -> Result<String> {
        if let Some(e) = self.epoch.get() {
            return Ok(e.clone());
        }
        let e = self.read_epoch()?;
        Ok(self.epoch.get_or_init(|| e).clone())
    }

    /// The epoch as the run directory has it, made if missing or from an earlier boot.
    fn read_epoch(&self) -> Result<String> {
        let path = self.runroot.join("boot-id");
        let kernel = crate::container::state::boot_id().unwrap_or_default();
        if let Ok(s) = fs::read_to_string(&path) {
            if s.split('/').next() == Some(kernel.as_str()) {
                return Ok(s.trim().to_string());
            }
        }
        let _lock = Lock::exclusive(&self.runroot.join("boot-id.lock"))?;
        if let Ok(s) = fs::read_to_string(&path) {
            if s.split('/').next() == Some(kernel.as_str()) {
                return Ok(s.trim().to_string());
            }
        }
        let epoch = format!("{kernel}/{}", random_hex(8));
        atomic_write(&path, epoch.as_bytes())?;
        Ok(epoch)
    }

    /// A new container's id, for [`Containers::reserve`].
    pub fn new_id() -> String {
        random_hex(32)
    }

    /// Creates the container's directory and takes its name. Two creators of one name: the
    /// symlink(2) of exactly one succeeds; the other leaves nothing behind. The returned lock
    /// (the container's own) is held until the record is complete: a directory without
    /// container.json whose lock is free is what a killed creator left (see
    /// [`Containers::remove_abandoned`]).
    pub fn reserve(&self, id: &str, name: Option<&str>) -> Result<(String, String, Lock)> {
        let id = id.to_string();
        let dir = self.dir(&id);
        // Built aside and renamed in with its lock held, so it is never seen unlocked.
        let staging = self.root.join("containers").join(format!(".new-{id}"));
        fs::create_dir(&staging).at(&staging)?;
        let creating = Lock::exclusive(&staging.join("lock"))
            .and_then(|l| fs::rename(&staging, &dir).at(&dir).map(|_| l));
        let creating = match creating {
            Ok(l) => l,
            Err(e) => {
                let _ = crate::image::store::remove_tree(&staging);
                return Err(e);
            }
        };
        let result = match name {
            Some(n) => validate_name(n).and_then(|_| self.take_name(n, &id).map(|_| n.to_string())),
            // A generated name that is taken is simply drawn again.
            None => (0..32)
                .map(|_| crate::container::names::random_name())
                .find(|n| self.take_name(n, &id).is_ok())
                .ok_or_else(|| Error::NameInUse {
                    name: "(generated)".into(),
                    id: "other containers".into(),
                }),
        };
        match result {
            Ok(name) => Ok((id, name, creating)),
            Err(e) => {
                let _ = crate::image::store::remove_tree(&dir);
                Err(e)
            }
        }
    }

    /// [`Self::take_name`] for a container that exists: a name that already points at it
    /// (a rename killed half-way) is its own.
    pub fn take_name_again(&self, name: &str, id: &str) -> Result<()> {
        if fs::read_link(self.name_link(name)).is_ok_and(|t| t.as_os_str() == id) {
            return Ok(());
        }
        self.take_name(name, id)
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
                    let abandoned = !owner.is_empty() && self.remove_abandoned(&owner);
                    if !owner.is_empty() && self.dir(&owner).is_dir() && !abandoned {
                        return Err(Error::NameInUse {
                            name: name.to_string(),
                            id: owner,
                        });
                    }
                    // A name left by a container that is gone: take it over once.
                    let _ = fs::remove_file(&link);
                }
                Err(e) => return Err(Error::io(&link, e)),
            }
        }
        Err(Error::NameInUse {
            name: name.to_string(),
            id: "another container".into(),
        })
    }

    /// Removes what a creator killed half-way left (a directory without container.json,
    /// maybe a mounted rootfs, a name) once nobody holds its lock; true if it did.
    pub fn remove_abandoned(&self, id: &str) -> bool {
        let dir = self.dir(id);
        if !dir.is_dir() || dir.join("container.json").exists() {
            return false;
        }
        let Ok(Some(_lock)) = Lock::try_exclusive(&dir.join("lock")) else {
            return false;
        };
        // Finished (or removed) between the first look and the lock: not abandoned.
        if !dir.is_dir() || dir.join("container.json").exists() {
            return false;
        }
        if crate::container::rootfs::unmount(&dir.join("merged")).is_err() {
            return false;
        }
        self.remove(id, None).is_ok()
    }

    /// Removes staging directories of creators killed before they renamed them in (their
    /// lock is free; a live creator holds it from a moment after the mkdir to the rename),
    /// and the trash of removers killed half-way: a remover holds the container's lock,
    /// which moved with the directory, until the trash is gone.
    pub fn sweep_staging(&self) {
        let dir = self.root.join("containers");
        let Ok(entries) = fs::read_dir(&dir) else {
            return;
        };
        let now = std::time::SystemTime::now();
        let older = |e: &fs::DirEntry, secs| {
            e.metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t + std::time::Duration::from_secs(secs) < now)
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let abandoned = if name.starts_with(".new-") {
                older(&e, 2) && matches!(Lock::try_exclusive(&e.path().join("lock")), Ok(Some(_)))
            } else if name.starts_with(".rm-") {
                // The lock file goes last ([`Containers::remove`]): without it, only an
                // empty directory is left to remove.
                match Lock::try_existing(&e.path().join("lock")) {
                    Ok(Some(_)) => true,
                    _ => !e.path().join("lock").exists(),
                }
            } else {
                false
            };
            if abandoned {
                let _ = crate::image::store::remove_tree(&e.path());
            }
        }
    }

    /// Frees a name if it still points at `id`.
    pub fn release_name(&self, name: &str, id: &str) {
        let link = self.name_link(name);
        if fs::read_link(&link).is_ok_and(|t| t.as_os_str() == id) {
            let _ = fs::remove_file(&link);
        }
    }

    /// Frees every name pointing at `id` (for records too damaged to name themselves).
    pub fn release_names_of(&self, id: &str) {
        if let Ok(entries) = fs::read_dir(self.root.join("names")) {
            for e in entries.flatten() {
                if fs::read_link(e.path()).is_ok_and(|t| t.as_os_str() == id) {
                    let _ = fs::remove_file(e.path());
                }
            }
        }
    }

    /// Takes the container's lock. Every change to a container happens under it, from the
    /// first look at its record to the last write, so two commands on one container never
    /// interleave (see [`crate::container::lifecycle`]).
    pub fn lock(&self, id: &str) -> Result<Lock> {
        let dir = self.dir(id);
        let path = dir.join("lock");
        let lock = Lock::exclusive(&path).map_err(|e| {
            // Removed meanwhile (a --rm container's cleanup): gone, not an I/O failure.
            if dir.exists() {
                e
            } else {
                Error::ContainerNotFound(id.to_string())
            }
        })?;
        // Removed while we waited: the remover renamed the directory away with the lock
        // held, and what we hold now is the lock of a container that is gone.
        if !lock.is_at(&path) {
            return Err(Error::ContainerNotFound(id.to_string()));
        }
        Ok(lock)
    }

    /// [`Containers::lock`] if nobody holds it now.
    pub fn try_lock(&self, id: &str) -> Result<Option<Lock>> {
        let dir = self.dir(id);
        let path = dir.join("lock");
        match Lock::try_existing(&path) {
            Ok(Some(lock)) if lock.is_at(&path) => Ok(Some(lock)),
            Ok(_) if !dir.is_dir() => Err(Error::ContainerNotFound(id.to_string())),
            Ok(_) => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn write_config(&self, cfg: &ContainerConfig) -> Result<()> {
        let data = serde_json::to_vec_pretty(cfg).expect("container config serializes");
        atomic_write(&self.dir(&cfg.id).join("container.json"), &data)
    }

    pub fn config(&self, id: &str) -> Result<ContainerConfig> {
        let p = self.dir(id).join("container.json");
        read_json(&p)
            .map_err(|reason| Error::CorruptRecord {
                id: id.to_string(),
                reason,
            })?
            .ok_or_else(|| Error::ContainerNotFound(id.to_string()))
    }

    /// Writes the state; on a full store, into the run directory instead (a tmpfs), so
    /// that stopping, killing and removing never need free space in the store. The next
    /// write that fits goes back to the store and drops the run directory's copy.
    pub fn write_state(&self, id: &str, state: &State) -> Result<()> {
        let data = serde_json::to_vec_pretty(state).expect("state serializes");
        let spare = self.spare_state(id);
        match atomic_write(&self.dir(id).join("state.json"), &data) {
            Ok(()) => match fs::remove_file(&spare) {
                Err(e) if e.kind() != ErrorKind::NotFound => Err(Error::io(&spare, e)),
                _ => Ok(()),
            },
            Err(e) if e.is_no_space() && self.dir(id).is_dir() => {
                create_private_dir(&self.run_dir(id))?;
                atomic_write(&spare, &data)
            }
            Err(e) => Err(e),
        }
    }

    /// Where the state goes while the store is full.
    fn spare_state(&self, id: &str) -> PathBuf {
        self.run_dir(id).join("state.json")
    }

    pub fn state(&self, id: &str) -> Result<State> {
        let spare = self.spare_state(id);
        let p = if spare.exists() && self.dir(id).is_dir() {
            spare
        } else {
            self.dir(id).join("state.json")
        };
        read_json(&p)
            .map_err(|reason| Error::CorruptRecord {
                id: id.to_string(),
                reason,
            })?
            .ok_or_else(|| {
                // Removed (renamed away) since its config was read: gone, not damaged.
                if self.dir(id).is_dir() {
                    Error::CorruptRecord {
                        id: id.to_string(),
                        reason: "state.json is missing".into(),
                    }
                } else {
                    Error::ContainerNotFound(id.to_string())
                }
            })
    }

    /// Every container id on disk.
    pub fn ids(&self) -> Result<Vec<String>> {
        let dir = self.root.join("containers");
        let mut out = Vec::new();
        for e in fs::read_dir(&dir).at(&dir)? {
            let e = e.at(&dir)?;
            let name = e.file_name().to_string_lossy().into_owned();
            if name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit()) {
                out.push(name);
            }
        }
        Ok(out)
    }

    /// Finds a container by full id, unique id prefix, or name.
    pub fn resolve(&self, input: &str) -> Result<String> {
        if input.is_empty() {
            return Err(Error::ContainerNotFound(input.to_string()));
        }
        if let Ok(target) = fs::read_link(self.name_link(input)) {
            let id = target.to_string_lossy().into_owned();
            if self.dir(&id).is_dir() {
                return Ok(id);
            }
        }
        if input.bytes().all(|b| b.is_ascii_hexdigit()) {
            if input.len() == 64 && self.dir(input).is_dir() {
                return Ok(input.to_string());
            }
            let hits: Vec<String> = self
                .ids()?
                .into_iter()
                .filter(|id| id.starts_with(input))
                .collect();
            match hits.len() {
                1 => return Ok(hits.into_iter().next().expect("one hit")),
                0 => {}
                _ => return Err(Error::AmbiguousContainer(input.to_string())),
            }
        }
        Err(Error::ContainerNotFound(input.to_string()))
    }

    /// Removes the container's directories (its mounts must be gone) and its name.
    pub fn remove(&self, id: &str, name: Option<&str>) -> Result<()> {
        let dir = self.dir(id);
        // Rename first: the container disappears from listings at once.
        let trash = self.root.join("containers").join(format!(".rm-{id}"));
        match fs::rename(&dir, &trash) {
            Ok(()) => {}
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&dir, e)),
        }
        match name {
            Some(n) => self.release_name(n, id),
            None => self.release_names_of(id),
        }
        remove_trash(&trash).at(&trash)?;
        let _ = crate::image::store::remove_tree(&self.run_dir(id));
        Ok(())
    }
}

/// Deletes a removed container's directory with its lock file last, so that trash left by
/// a remover killed half-way still has the lock that tells whether its remover is alive.
fn remove_trash(trash: &Path) -> std::io::Result<()> {
    let entries = match fs::read_dir(trash) {
        Ok(e) => e,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for e in entries {
        let e = e?;
        if e.file_name() == "lock" {
            continue;
        }
        match e.file_type()?.is_dir() {
            true => crate::image::store::remove_tree(&e.path())?,
            false => fs::remove_file(e.path())?,
        }
    }
    crate::image::store::remove_tree(trash)
}

/// Names as docker allows them: `[a-zA-Z0-9][a-zA-Z0-9_.-]*`.
pub fn validate_name(n: &str) -> Result<()> {
    let mut chars = n.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        && n.len() <= 253;
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidInput {
            what: "container name",
            value: n.to_string(),
            reason: "only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed".into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_name_one_winner() {
        let d = tempfile::tempdir().unwrap();
        let c = Containers::open(&d.path().join("root"), &d.path().join("run")).unwrap();
        let (id, name, creating) = c.reserve(&Containers::new_id(), Some("web")).unwrap();
        assert_eq!(name, "web");
        let err = c
            .reserve(&Containers::new_id(), Some("web"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(&format!("name \"web\" is already in use by {id}")),
            "{err}"
        );
        assert_eq!(c.ids().unwrap(), vec![id.clone()]);
        assert_eq!(c.resolve("web").unwrap(), id);
        assert_eq!(c.resolve(&id[..6]).unwrap(), id);
        drop(creating);
        c.remove(&id, Some("web")).unwrap();
        assert!(c.resolve("web").is_err());
        // The name is free again.
        c.reserve(&Containers::new_id(), Some("web")).unwrap();
    }

    #[test]
    fn stale_name_is_taken_over() {
        let d = tempfile::tempdir().unwrap();
        let c = Containers::open(&d.path().join("root"), &d.path().join("run")).unwrap();
        std::os::unix::fs::symlink("0".repeat(64), d.path().join("root/names/x")).unwrap();
        c.reserve(&Containers::new_id(), Some("x")).unwrap();
    }

    #[test]
    fn abandoned_creation_is_removed_and_its_name_freed() {
        let d = tempfile::tempdir().unwrap();
        let c = Containers::open(&d.path().join("root"), &d.path().join("run")).unwrap();
        let (id, _, creating) = c.reserve(&Containers::new_id(), Some("half")).unwrap();
        // In progress: neither removable nor its name takeable.
        assert!(!c.remove_abandoned(&id));
        assert!(c.reserve(&Containers::new_id(), Some("half")).is_err());
        // Its creator dies (the lock goes with it): the next taker of the name sweeps it.
        drop(creating);
        let (other, _, _l) = c.reserve(&Containers::new_id(), Some("half")).unwrap();
        assert!(!c.dir(&id).exists());
        assert_eq!(c.ids().unwrap(), vec![other]);
    }

    #[test]
    fn names_are_validated() {
        assert!(validate_name("a.b-c_1").is_ok());
        for bad in ["", "-a", "a/b", "a b", "../x"] {
            assert!(validate_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn epoch_is_stable_until_the_run_dir_is_wiped() {
        let d = tempfile::tempdir().unwrap();
        let c = Containers::open(&d.path().join("root"), &d.path().join("run")).unwrap();
        let a = c.epoch().unwrap();
        assert_eq!(c.epoch().unwrap(), a);
        fs::remove_file(d.path().join("run/boot-id")).unwrap();
        // One command keeps the epoch it read; the next one makes a new epoch.
        assert_eq!(c.epoch().unwrap(), a);
        let next = Containers::open(&d.path().join("root"), &d.path().join("run")).unwrap();
        let b = next.epoch().unwrap();
        assert_ne!(b, a);
        let again = Containers::open(&d.path().join("root"), &d.path().join("run")).unwrap();
        assert_eq!(again.epoch().unwrap(), b);
    }
}
