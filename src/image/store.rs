//! The image store on disk: layers by chain id, image records, small blobs.
//!
//! ```text
//! blobs/sha256/<hex>          manifests and configs
//! layers/<chain-hex>/diff/    one unpacked layer, shared by every image that has it
//! layers/<chain-hex>/layer.json
//! layers/<chain-hex>/link     short name of the layer's link (see links.rs)
//! layers/l/<short> -> ../<chain-hex>/diff
//! images/<id>/image.json
//! tmp/<rand>/ + tmp/<rand>.lock   staging; a lock nobody holds marks a dead writer's leftovers
//! ```
//! A layer or image becomes visible by one rename of a complete directory or file, so a
//! killed writer never leaves half of one behind.

use std::fs;
use std::path::{Path, PathBuf};

use ctl_monitor::time::Timestamp;
use serde::{Deserialize, Serialize};

use crate::error::{Error, IoContext, Result};
use crate::fsutil::{atomic_write, create_private_dir, random_hex, sync_dir, Lock};
use crate::image::links;
use crate::image::reference::Reference;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct LayerRecord {
    pub chain_id: String,
    pub diff_id: String,
    /// Digest of the blob as it came (compressed); absent for imported tarballs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compressed_size: Option<u64>,
    /// How that blob was compressed (absent: uncompressed, or recorded before this was).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compression: Option<crate::image::compression::Algorithm>,
    /// Bytes of the uncompressed tar stream.
    pub size: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ImageRecord {
    /// Hex of the config digest, as docker and podman name images.
    pub id: String,
    /// Fully qualified `registry/repo:tag` names.
    #[serde(default)]
    pub names: Vec<String>,
    /// `registry/repo@sha256:…` for each registry the image came from.
    #[serde(default)]
    pub repo_digests: Vec<String>,
    /// Digest of the manifest the layers came from (the index's is in repo_digests).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manifest_digest: Option<String>,
    /// Image creation time from its config; records of before may hold one that is no
    /// timestamp, which reads as none.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "ctl_monitor::time::deserialize_lenient"
    )]
    pub created: Option<Timestamp>,
    /// When this store got it.
    pub added: Timestamp,
    pub os: String,
    pub architecture: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// Chain ids, base first.
    pub layers: Vec<String>,
    /// Sum of the layers' uncompressed sizes.
    pub size: u64,
    /// Every name the image was given, the latest first (containers/storage's
    /// NamesHistory): what `images --history` shows after a tag moved away.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names_history: Vec<String>,
}

impl ImageRecord {
    /// Puts `name` first in the names' history, once.
    pub fn note_name(&mut self, name: &str) {
        self.names_history.retain(|n| n != name);
        self.names_history.insert(0, name.to_string());
    }

    /// The names' history; a record written before it was kept lists its names.
    pub fn history(&self) -> Vec<String> {
        let mut out = self.names_history.clone();
        out.extend(
            self.names
                .iter()
                .filter(|n| !self.names_history.contains(n))
                .cloned(),
        );
        out
    }

    pub fn config_digest(&self) -> String {
        format!("sha256:{}", self.id)
    }
}

/// A staging directory that is removed on drop unless committed.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    lock_path: PathBuf,
    _lock: Option<Lock>,
    committed: bool,
}

impl Staging {
    pub fn path(&self) -> &Path {
        &self.dir
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_tree(&self.dir);
        }
        let _ = fs::remove_file(&self.lock_path);
    }
}

#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

fn hex_of(digest: &str) -> &str {
    digest.split_once(':').map(|(_, h)| h).unwrap_or(digest)
}

impl Store {
    /// Opens (creating) the store at `root` and clears what dead writers left in tmp/.
    pub fn open(root: &Path) -> Result<Store> {
        let store = Store {
            root: root.to_path_buf(),
        };
        for d in ["blobs/sha256", "layers", "images", "tmp"] {
            create_private_dir(&root.join(d))?;
        }
        store.clean_tmp();
        Ok(store)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn tmp(&self) -> PathBuf {
        self.root.join("tmp")
    }

    /// Removes staging dirs whose writer died (their lock is free).
    fn clean_tmp(&self) {
        let Ok(entries) = fs::read_dir(self.tmp()) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let Some(stem) = name.strip_suffix(".lock") else {
                continue;
            };
            if let Ok(Some(_held)) = Lock::try_exclusive(&e.path()) {
                let _ = remove_tree(&self.tmp().join(stem));
                let _ = fs::remove_file(e.path());
            }
        }
    }

    /// A fresh directory under tmp/, held by this process until committed or dropped.
    pub fn stage(&self) -> Result<Staging> {
        let name = random_hex(12);
        let lock_path = self.tmp().join(format!("{name}.lock"));
        let lock = Lock::exclusive(&lock_path)?;
        let dir = self.tmp().join(&name);
        create_private_dir(&dir)?;
        Ok(Staging {
            dir,
            lock_path,
            _lock: Some(lock),
            committed: false,
        })
    }

    pub fn layer_dir(&self, chain_id: &str) -> PathBuf {
        self.root.join("layers").join(hex_of(chain_id))
    }

    /// The layer's unpacked tree, an overlay lower dir.
    pub fn layer_diff(&self, chain_id: &str) -> PathBuf {
        self.layer_dir(chain_id).join("diff")
    }

    pub fn has_layer(&self, chain_id: &str) -> bool {
        self.layer_dir(chain_id).join("layer.json").is_file()
    }

    pub fn layer(&self, chain_id: &str) -> Result<LayerRecord> {
        let p = self.layer_dir(chain_id).join("layer.json");
        let data = fs::read(&p).at(&p)?;
        serde_json::from_slice(&data).map_err(|e| Error::BadImage {
            what: p.display().to_string(),
            reason: e.to_string(),
        })
    }

    /// Publishes a staged layer (its tree in `staging/diff`) under its chain id. If another
    /// writer got there first, theirs stays and ours is dropped: both are the same content.
    pub fn commit_layer(&self, mut staging: Staging, rec: &LayerRecord) -> Result<()> {
        let json = serde_json::to_vec_pretty(rec).expect("layer record serializes");
        atomic_write(&staging.dir.join("layer.json"), &json)?;
        let dest = self.layer_dir(&rec.chain_id);
        match fs::rename(&staging.dir, &dest) {
            Ok(()) => {
                staging.committed = true;
                sync_dir(&self.root.join("layers"))?;
                // A missing link is made again when a mount needs it: not worth failing for.
                if let Err(e) = links::ensure(&self.root.join("layers"), hex_of(&rec.chain_id)) {
                    tracing::warn!("layer {}: {e}", rec.chain_id);
                }
                Ok(())
            }
            Err(e) if dest.join("layer.json").is_file() => {
                tracing::debug!("layer {} already committed: {e}", rec.chain_id);
                Ok(())
            }
            Err(e) => Err(Error::io(&dest, e)),
        }
    }

    fn blob_path(&self, digest: &str) -> PathBuf {
        self.root.join("blobs/sha256").join(hex_of(digest))
    }

    pub fn put_blob(&self, digest: &str, data: &[u8]) -> Result<()> {
        let p = self.blob_path(digest);
        if p.is_file() {
            return Ok(());
        }
        atomic_write(&p, data)
    }

    pub fn blob(&self, digest: &str) -> Result<Vec<u8>> {
        let p = self.blob_path(digest);
        fs::read(&p).at(&p)
    }

    fn image_file(&self, id: &str) -> PathBuf {
        self.root.join("images").join(id).join("image.json")
    }

    /// The image-use lock: shared by each creator of a container from the moment it
    /// picks its image until its record names it; exclusive for removing an image, so an
    /// image is never removed under a container that is being made from it.
    pub fn use_lock(&self, exclusive: bool) -> Result<Lock> {
        let path = self.root.join("image-use.lock");
        match exclusive {
            true => Lock::exclusive(&path),
            false => Lock::shared(&path),
        }
    }

    pub(crate) fn images_lock(&self) -> Result<Lock> {
        Lock::exclusive(&self.root.join("images.lock"))
    }

    pub fn image(&self, id: &str) -> Result<ImageRecord> {
        let p = self.image_file(id);
        let data = fs::read(&p).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::ImageNotFound(id.to_string())
            } else {
                Error::io(&p, e)
            }
        })?;
        serde_json::from_slice(&data).map_err(|e| Error::BadImage {
            what: p.display().to_string(),
            reason: e.to_string(),
        })
    }

    /// Every image, newest first. Unreadable records are skipped with a warning.
    pub fn images(&self) -> Result<Vec<ImageRecord>> {
        let dir = self.root.join("images");
        let mut out = Vec::new();
        for e in fs::read_dir(&dir).at(&dir)? {
            let e = e.at(&dir)?;
            let id = e.file_name().to_string_lossy().into_owned();
            if !e.path().join("image.json").is_file() {
                continue;
            }
            match self.image(&id) {
                Ok(r) => out.push(r),
                Err(err) => tracing::warn!("skipping image {id}: {err}"),
            }
        }
        out.sort_by(|a, b| b.added.cmp(&a.added).then(a.id.cmp(&b.id)));
        Ok(out)
    }

    fn write_image(&self, rec: &ImageRecord) -> Result<()> {
        let dir = self.root.join("images").join(&rec.id);
        create_private_dir(&dir)?;
        let json = serde_json::to_vec_pretty(rec).expect("image record serializes");
        atomic_write(&dir.join("image.json"), &json)
    }

    /// Records an image whose layers are all committed. Its names move to it from any other
    /// image (a tag names one image); an image left with no name stays, as `<none>`.
    pub fn commit_image(&self, mut rec: ImageRecord) -> Result<ImageRecord> {
        let _lock = self.images_lock()?;
        if let Some(missing) = rec.layers.iter().find(|c| !self.has_layer(c)) {
            return Err(Error::BadImage {
                what: rec.id.clone(),
                reason: format!(
                    "layer {missing} was removed while the image was being stored; retry"
                ),
            });
        }
        let given = rec.names.clone();
        if let Ok(old) = self.image(&rec.id) {
            rec.added = old.added;
            rec.names_history = old.history();
            for n in old.names {
                if !rec.names.contains(&n) {
                    rec.names.push(n);
                }
            }
            for d in old.repo_digests {
                if !rec.repo_digests.contains(&d) {
                    rec.repo_digests.push(d);
                }
            }
        }
        for n in given.iter().rev() {
            rec.note_name(n);
        }
        self.take_names(&rec.id, &rec.names)?;
        self.write_image(&rec)?;
        Ok(rec)
    }

    /// Removes `names` from every image but `keep`. Caller holds the images lock.
    fn take_names(&self, keep: &str, names: &[String]) -> Result<()> {
        for mut other in self.images()? {
            if other.id == keep {
                continue;
            }
            let before = other.names.len();
            other.names_history = other.history();
            other.names.retain(|n| !names.contains(n));
            if other.names.len() != before {
                self.write_image(&other)?;
            }
        }
        Ok(())
    }

    /// Adds a fully qualified name to an image.
    pub fn tag(&self, id: &str, name: &str) -> Result<()> {
        let _lock = self.images_lock()?;
        let mut rec = self.image(id)?;
        self.take_names(id, &[name.to_string()])?;
        if !rec.names.iter().any(|n| n == name) {
            rec.names_history = rec.history();
            rec.names.push(name.to_string());
            rec.note_name(name);
            self.write_image(&rec)?;
        }
        Ok(())
    }

    /// Removes one name; returns whether the image had it.
    pub fn untag(&self, id: &str, name: &str) -> Result<bool> {
        let _lock = self.images_lock()?;
        let mut rec = self.image(id)?;
        let before = rec.names.len();
        rec.names.retain(|n| n != name);
        if rec.names.len() == before {
            return Ok(false);
        }
        self.write_image(&rec)?;
        Ok(true)
    }

    /// Removes an image and the layers no other image uses; returns the removed chain ids.
    pub fn remove_image(&self, id: &str) -> Result<Vec<String>> {
        let _lock = self.images_lock()?;
        let rec = self.image(id)?;
        let dir = self.root.join("images").join(id);
        self.discard(&dir)?;
        let in_use: std::collections::HashSet<String> =
            self.images()?.into_iter().flat_map(|i| i.layers).collect();
        let mut removed = Vec::new();
        for chain in rec.layers.iter().rev() {
            if in_use.contains(chain) || removed.contains(chain) {
                continue;
            }
            links::remove(&self.root.join("layers"), hex_of(chain))?;
            self.discard(&self.layer_dir(chain))?;
            crate::container::mapped_copy::remove_for_layer(&self.root, hex_of(chain));
            removed.push(chain.clone());
        }
        Ok(removed)
    }

    /// Makes `path` vanish at once (rename into tmp), then deletes it.
    pub(crate) fn discard(&self, path: &Path) -> Result<()> {
        let trash = self.tmp().join(format!("rm-{}", random_hex(8)));
        match fs::rename(path, &trash) {
            Ok(()) => remove_tree(&trash).at(&trash),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::io(path, e)),
        }
    }

    /// Finds an image by id (prefix, with or without `sha256:`), full or short name, or
    /// name@digest. A short name also matches a stored image of any registry, as podman's does.
    pub fn find_image(&self, input: &str, search: &[String]) -> Result<ImageRecord> {
        let images = self.images()?;
        let id_part = input.strip_prefix("sha256:").unwrap_or(input);
        if id_part.len() >= 3 && id_part.bytes().all(|b| b.is_ascii_hexdigit()) {
            let hits: Vec<&ImageRecord> = images
                .iter()
                .filter(|i| i.id.starts_with(id_part))
                .collect();
            match hits.len() {
                1 => return Ok(hits[0].clone()),
                0 => {}
                _ if id_part.len() < 64 => return Err(Error::AmbiguousImage(input.to_string())),
                _ => return Ok(hits[0].clone()),
            }
        }
        let qualified = Reference::is_qualified(input);
        let registries: Vec<&str> = if qualified {
            vec![crate::image::reference::DEFAULT_REGISTRY]
        } else {
            search
                .iter()
                .map(String::as_str)
                .chain(["localhost"])
                .collect()
        };
        for reg in &registries {
            let Ok(r) = Reference::parse_with(input, reg) else {
                continue;
            };
            let found = images.iter().find(|i| match (&r.digest, r.tagged_name()) {
                (Some(d), _) => i.repo_digests.contains(&format!("{}@{d}", r.name())),
                (None, Some(t)) => i.names.contains(&t),
                (None, None) => false,
            });
            if let Some(i) = found {
                return Ok(i.clone());
            }
        }
        if !qualified {
            // `busybox` finds `127.0.0.1:5000/busybox:latest` when it is the only such image.
            let r = Reference::parse_with(input, "localhost")?;
            let suffix = match &r.tag {
                Some(t) => format!("/{}:{t}", r.repository),
                None => format!("/{}@", r.repository),
            };
            let hits: Vec<&ImageRecord> = images
                .iter()
                .filter(|i| {
                    i.names.iter().any(|n| n.ends_with(&suffix))
                        || r.digest.as_ref().is_some_and(|d| {
                            i.repo_digests
                                .iter()
                                .any(|rd| rd.ends_with(&format!("/{}@{d}", r.repository)))
                        })
                })
                .collect();
            match hits.len() {
                1 => return Ok(hits[0].clone()),
                0 => {}
                _ => return Err(Error::AmbiguousImage(input.to_string())),
            }
        }
        Err(Error::ImageNotFound(input.to_string()))
    }
}

/// Deletes a tree without following symlinks out of it.
pub fn remove_tree(path: &Path) -> std::io::Result<()> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        r => r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An image record as ctl writes it today.
    const RECORD_OF_TODAY: &str = r#"{
  "id": "0123456789abcdef",
  "names": [
    "docker.io/library/busybox:latest"
  ],
  "repo_digests": [],
  "created": "2026-01-01T00:00:00.000000000+00:00",
  "added": "2026-11-22T22:46:51.123456789+00:00",
  "os": "linux",
  "architecture": "amd64",
  "layers": [],
  "size": 0
}"#;

    #[test]
    fn records_keep_their_bytes_and_old_created_times_load() {
        let rec: ImageRecord = serde_json::from_str(RECORD_OF_TODAY).unwrap();
        assert_eq!(rec.added, Timestamp::new(1_795_387_611, 123_456_789));
        assert_eq!(rec.created, Some(Timestamp::new(1_767_225_600, 0)));
        assert_eq!(serde_json::to_string_pretty(&rec).unwrap(), RECORD_OF_TODAY);
        // Before, `created` was the config's text as it came: any offset, or no timestamp.
        let with = |created: &str| {
            let text = RECORD_OF_TODAY.replace(
                "\"2026-01-01T00:00:00.000000000+00:00\"",
                &serde_json::to_string(created).unwrap(),
            );
            serde_json::from_str::<ImageRecord>(&text).unwrap().created
        };
        assert_eq!(with("2026-01-01T01:00:00+01:00"), rec.created);
        assert_eq!(with("2026-01-01T00:00:00Z"), rec.created);
        assert_eq!(with("a while ago"), None);
    }

    fn rec(id: &str, names: &[&str], layers: &[&str]) -> ImageRecord {
        ImageRecord {
            id: id.to_string(),
            names: names.iter().map(|s| s.to_string()).collect(),
            repo_digests: vec![],
            manifest_digest: None,
            created: None,
            // 2026-01-01T00:00:0NZ
            added: Timestamp::new(1_767_225_600 + (id.len() % 10) as i64, 0),
            os: "linux".into(),
            architecture: "amd64".into(),
            variant: None,
            layers: layers.iter().map(|s| s.to_string()).collect(),
            size: 0,
            names_history: vec![],
        }
    }

    fn layer(store: &Store, chain: &str) {
        let st = store.stage().unwrap();
        fs::create_dir(st.path().join("diff")).unwrap();
        store
            .commit_layer(
                st,
                &LayerRecord {
                    chain_id: chain.into(),
                    diff_id: chain.into(),
                    digest: None,
                    compressed_size: None,
                    compression: None,
                    size: 1,
                    parent: None,
                },
            )
            .unwrap();
    }

    #[test]
    fn names_move_between_images_and_lookup_works() {
        let d = tempfile::tempdir().unwrap();
        let s = Store::open(d.path()).unwrap();
        layer(&s, "sha256:aa");
        layer(&s, "sha256:bb");
        let a = "a".repeat(64);
        let b = "b".repeat(64);
        s.commit_image(rec(
            &a,
            &["docker.io/library/busybox:latest"],
            &["sha256:aa"],
        ))
        .unwrap();
        s.commit_image(rec(
            &b,
            &["docker.io/library/busybox:latest"],
            &["sha256:aa", "sha256:bb"],
        ))
        .unwrap();
        assert!(s.image(&a).unwrap().names.is_empty());
        // The name that moved away stays in a's history; b's lists its names latest first.
        assert_eq!(
            s.image(&a).unwrap().history(),
            ["docker.io/library/busybox:latest"]
        );
        s.tag(&b, "localhost/mine:1").unwrap();
        assert_eq!(
            s.image(&b).unwrap().history(),
            ["localhost/mine:1", "docker.io/library/busybox:latest"]
        );
        s.untag(&b, "localhost/mine:1").unwrap();
        assert_eq!(s.image(&b).unwrap().history()[0], "localhost/mine:1");
        let search = vec!["docker.io".to_string()];
        assert_eq!(s.find_image("busybox", &search).unwrap().id, b);
        assert_eq!(s.find_image("aaaa", &search).unwrap().id, a);
        assert_eq!(s.find_image(&format!("sha256:{b}"), &search).unwrap().id, b);
        assert!(matches!(
            s.find_image("nothere", &search),
            Err(Error::ImageNotFound(_))
        ));
        // Committed layers have short links; removing b keeps the shared base layer a
        // still uses, and its link, and removes bb's.
        let links = |s: &Store| -> Vec<PathBuf> {
            let mut v: Vec<PathBuf> = fs::read_dir(s.root().join("layers/l"))
                .unwrap()
                .map(|e| fs::read_link(e.unwrap().path()).unwrap())
                .collect();
            v.sort();
            v
        };
        assert_eq!(
            links(&s),
            vec![PathBuf::from("../aa/diff"), PathBuf::from("../bb/diff")]
        );
        assert_eq!(s.remove_image(&b).unwrap(), vec!["sha256:bb".to_string()]);
        assert!(s.has_layer("sha256:aa"));
        assert!(!s.has_layer("sha256:bb"));
        assert_eq!(links(&s), vec![PathBuf::from("../aa/diff")]);
    }

    #[test]
    fn short_names_match_any_registry_when_unique() {
        let d = tempfile::tempdir().unwrap();
        let s = Store::open(d.path()).unwrap();
        layer(&s, "sha256:aa");
        let a = "c".repeat(64);
        s.commit_image(rec(&a, &["127.0.0.1:5000/tools/busybox:1"], &["sha256:aa"]))
            .unwrap();
        let search = vec!["docker.io".to_string()];
        assert_eq!(s.find_image("tools/busybox:1", &search).unwrap().id, a);
        assert!(s.find_image("tools/busybox", &search).is_err());
    }

    #[test]
    fn dead_staging_is_cleaned_and_live_staging_is_kept() {
        let d = tempfile::tempdir().unwrap();
        let s = Store::open(d.path()).unwrap();
        let live = s.stage().unwrap();
        fs::create_dir(d.path().join("tmp/dead")).unwrap();
        fs::write(d.path().join("tmp/dead.lock"), b"").unwrap();
        Store::open(d.path()).unwrap();
        assert!(live.path().is_dir());
        assert!(!d.path().join("tmp/dead").exists());
        let p = live.path().to_path_buf();
        drop(live);
        assert!(!p.exists());
    }
}
