//! The volume store: `ROOT/volumes/<name>/` made by one rename, locked per volume, removed
//! by renaming it away under its lock (see the module's layout).

use std::fs;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

use crate::error::{Error, IoContext, Result};
use crate::fsutil::{atomic_write, create_private_dir, random_hex, Lock};
use crate::volume::record::{CreateRequest, Volume};

const RECORD: &str = "volume.json";
const LOCK: &str = "lock";
/// A copy-up in progress, renamed over `_data` when complete.
pub const COPY_UP_TMP: &str = "copyup.tmp";

/// The volumes of one store (rootful and rootless each have their own).
#[derive(Debug, Clone)]
pub struct Volumes {
    dir: PathBuf,
}

/// A volume's lock, held: its record may be changed and its data copied into.
#[derive(Debug)]
pub struct Held {
    pub volume: Volume,
    _lock: Lock,
}

impl Volumes {
    pub fn open(root: &Path) -> Result<Volumes> {
        let dir = root.join("volumes");
        create_private_dir(&dir)?;
        Ok(Volumes { dir })
    }

    pub fn dir(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// What containers get bound: `volumes/<name>/_data`.
    pub fn data(&self, name: &str) -> PathBuf {
        self.dir.join(name).join("_data")
    }

    /// Makes a volume; a name taken is [`Error::VolumeExists`], or with `ignore` the volume
    /// that has it. Nothing is left of a creation that fails.
    pub fn create(&self, req: &CreateRequest) -> Result<Volume> {
        let name = req.name.clone().unwrap_or_else(|| random_hex(32));
        let vol = req.record(name.clone())?;
        match self.get(&name) {
            Ok(v) if req.ignore => return Ok(v),
            Ok(_) => return Err(Error::VolumeExists(name)),
            Err(Error::VolumeNotFound(_)) => {}
            Err(e) => return Err(e),
        }
        let new = self.dir.join(format!(".new-{}", random_hex(8)));
        create_private_dir(&new)?;
        // Held until published: a sweeper removes only what nobody holds.
        let lock = Lock::exclusive(&new.join(LOCK));
        let made = lock.and_then(|_lock| {
            let data = new.join("_data");
            fs::DirBuilder::new().mode(0o755).create(&data).at(&data)?;
            if vol.uid.is_some() || vol.gid.is_some() {
                std::os::unix::fs::chown(&data, vol.uid, vol.gid).at(&data)?;
            }
            let json = serde_json::to_vec_pretty(&vol).expect("a volume record serializes");
            atomic_write(&new.join(RECORD), &json)?;
            publish(&new, &self.dir.join(&name))
        });
        match made {
            Ok(()) => Ok(vol),
            Err(e) => {
                let _ = fs::remove_dir_all(&new);
                match e {
                    Error::VolumeExists(_) if req.ignore => self.get(&name),
                    Error::VolumeExists(_) => Err(Error::VolumeExists(name)),
                    e => Err(e),
                }
            }
        }
    }

    /// The record of `name`.
    pub fn get(&self, name: &str) -> Result<Volume> {
        if !super::valid_name(name) {
            return Err(Error::VolumeNotFound(name.to_string()));
        }
        let path = self.dir.join(name).join(RECORD);
        let bytes = match crate::fsutil::read_small(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::VolumeNotFound(name.to_string()))
            }
            Err(e) => return Err(Error::io(path, e)),
        };
        serde_json::from_slice(&bytes).map_err(|e| Error::InvalidInput {
            what: "volume record",
            value: path.display().to_string(),
            reason: e.to_string(),
        })
    }

    /// Every volume, by name; what killed creators and removers left is swept on the way.
    pub fn list(&self) -> Result<Vec<Volume>> {
        let mut out = Vec::new();
        for entry in fs::read_dir(&self.dir).at(&self.dir)? {
            let entry = entry.at(&self.dir)?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(".new-") || name.starts_with(".gone-") {
                let path = entry.path();
                if let Ok(Some(_free)) = Lock::try_exclusive(&path.join(LOCK)) {
                    let _ = fs::remove_dir_all(&path);
                }
                continue;
            }
            if let Ok(v) = self.get(&name) {
                out.push(v);
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Takes `name`'s lock and reads its record under it.
    pub fn hold(&self, name: &str) -> Result<Held> {
        let dir = self.dir.join(name);
        if !super::valid_name(name) || !dir.is_dir() {
            return Err(Error::VolumeNotFound(name.to_string()));
        }
        let path = dir.join(LOCK);
        let lock = match Lock::exclusive(&path) {
            Ok(l) => l,
            Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::VolumeNotFound(name.to_string()))
            }
            Err(e) => return Err(e),
        };
        // Removed while we waited: the lock is of a directory renamed away.
        if !lock.is_at(&path) {
            return Err(Error::VolumeNotFound(name.to_string()));
        }
        Ok(Held {
            volume: self.get(name)?,
            _lock: lock,
        })
    }

    /// Writes a held volume's record.
    pub fn save(&self, h: &Held) -> Result<()> {
        let json = serde_json::to_vec_pretty(&h.volume).expect("a volume record serializes");
        atomic_write(&self.dir.join(&h.volume.name).join(RECORD), &json)
    }

    /// Removes a held volume: renamed away with its lock held (a waiter then finds it
    /// gone), then deleted.
    pub fn remove(&self, h: Held) -> Result<()> {
        let dir = self.dir.join(&h.volume.name);
        // Nobody uses it (the caller checked): a mount of its own a killed ctl left goes.
        crate::volume::mount::unmount(&dir.join("_data"))?;
        let gone = self.dir.join(format!(".gone-{}", random_hex(8)));
        fs::rename(&dir, &gone).at(&dir)?;
        let _ = crate::fsutil::sync_dir(&self.dir);
        let removed = fs::remove_dir_all(&gone).at(&gone);
        drop(h);
        removed
    }
}

/// Renames `from` to `to` unless `to` exists ([`Error::VolumeExists`]).
fn publish(from: &Path, to: &Path) -> Result<()> {
    use nix::fcntl::{renameat2, RenameFlags, AT_FDCWD};
    match renameat2(AT_FDCWD, from, AT_FDCWD, to, RenameFlags::RENAME_NOREPLACE) {
        Ok(()) => {
            if let Some(parent) = to.parent() {
                crate::fsutil::sync_dir(parent)?;
            }
            Ok(())
        }
        Err(nix::errno::Errno::EEXIST | nix::errno::Errno::ENOTEMPTY) => Err(Error::VolumeExists(
            to.file_name().unwrap_or_default().to_string_lossy().into(),
        )),
        Err(e) => Err(Error::io(to, e.into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_get_list_remove() {
        let root = tempfile::tempdir().unwrap();
        let vols = Volumes::open(root.path()).unwrap();
        let req = |name: &str, ignore: bool| CreateRequest {
            name: Some(name.into()),
            ignore,
            ..Default::default()
        };
        let v = vols.create(&req("a", false)).unwrap();
        assert!(vols.data("a").is_dir());
        assert!(matches!(vols.create(&req("a", false)), Err(Error::VolumeExists(n)) if n == "a"));
        assert_eq!(vols.create(&req("a", true)).unwrap(), v);
        let anon = vols.create(&CreateRequest::default()).unwrap();
        assert_eq!(anon.name.len(), 64);
        // A killed creator's leftovers go with the next listing.
        fs::create_dir(vols.dir.join(".new-dead")).unwrap();
        let names: Vec<String> = vols.list().unwrap().into_iter().map(|v| v.name).collect();
        assert_eq!(names.len(), 2);
        assert!(!vols.dir.join(".new-dead").exists());
        let h = vols.hold("a").unwrap();
        vols.remove(h).unwrap();
        assert!(matches!(vols.get("a"), Err(Error::VolumeNotFound(_))));
        assert!(matches!(vols.hold("a"), Err(Error::VolumeNotFound(_))));
        assert!(matches!(vols.hold("../x"), Err(Error::VolumeNotFound(_))));
    }
}
