//! The secrets' files. Every operation holds `secrets.lock` (then the file driver's
//! `secretsdata.lock`, podman's order) from its first read to its last write. A new secret
//! is written to the index before its data and a removed one leaves the data first, so a
//! command killed half-way leaves a listed secret (which `secret rm` removes) or nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use ctl_monitor::time::Timestamp;
use serde::{Deserialize, Serialize};

use super::{valid_name, Secret, SecretError, ID_LEN, MAX_SIZE};
use crate::error::{IoContext, Result};
use crate::fsutil::{atomic_write, create_private_dir, random_hex, Lock};

const INDEX: &str = "secrets.json";
const DATA: &str = "secretsdata.json";

/// The secrets of one store: `<root>/secrets`.
#[derive(Debug, Clone)]
pub struct Secrets {
    dir: PathBuf,
}

/// `secret create`'s options.
#[derive(Debug, Clone, Default)]
pub struct CreateOptions {
    pub driver: String,
    pub driver_options: BTreeMap<String, String>,
    pub labels: BTreeMap<String, String>,
    /// Kept with the secret, not shown (kube play's `immutable`).
    pub metadata: BTreeMap<String, String>,
    /// An existing secret of that name is replaced (a new id).
    pub replace: bool,
    /// An existing secret of that name stands; its id is the answer.
    pub ignore: bool,
}

/// What `create` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    pub id: String,
    /// The id of the secret `--replace` removed.
    pub replaced: Option<String>,
    /// `--ignore` found the name taken: nothing was made.
    pub existed: bool,
}

/// containers/common's secretsdb: the index with both lookup maps.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Index {
    #[serde(default)]
    secrets: BTreeMap<String, Secret>,
    #[serde(rename = "nameToID", default)]
    name_to_id: BTreeMap<String, String>,
    #[serde(rename = "idToName", default)]
    id_to_name: BTreeMap<String, String>,
}

impl Index {
    /// containers/common's getNameAndID: an exact id or name, else a unique id prefix.
    fn find(&self, name_or_id: &str) -> Result<&Secret, SecretError> {
        let not_found = || SecretError::NotFound(name_or_id.to_string());
        let id = match (
            self.id_to_name.get_key_value(name_or_id),
            self.name_to_id.get(name_or_id),
        ) {
            (Some((id, _)), _) => id.clone(),
            (None, Some(id)) => id.clone(),
            (None, None) if name_or_id.len() > ID_LEN || name_or_id.is_empty() => {
                return Err(not_found())
            }
            (None, None) => {
                let mut hits = self.id_to_name.keys().filter(|i| i.starts_with(name_or_id));
                let first = hits.next().ok_or_else(not_found)?;
                if hits.next().is_some() {
                    return Err(SecretError::Ambiguous(name_or_id.to_string()));
                }
                first.clone()
            }
        };
        self.secrets.get(&id).ok_or_else(not_found)
    }

    fn insert(&mut self, s: Secret) {
        self.name_to_id.insert(s.name.clone(), s.id.clone());
        self.id_to_name.insert(s.id.clone(), s.name.clone());
        self.secrets.insert(s.id.clone(), s);
    }

    fn remove(&mut self, id: &str) {
        if let Some(s) = self.secrets.remove(id) {
            self.name_to_id.remove(&s.name);
        }
        self.id_to_name.remove(id);
    }
}

/// The lock held for one operation.
struct Held {
    _lock: Lock,
}

impl Secrets {
    pub fn open(store_root: &Path) -> Secrets {
        Secrets {
            dir: store_root.join("secrets"),
        }
    }

    /// The file driver's directory unless `--driver-opts path=` names another.
    pub fn default_data_dir(&self) -> PathBuf {
        self.dir.join("filedriver")
    }

    fn hold(&self) -> Result<Held> {
        create_private_dir(&self.dir)?;
        Ok(Held {
            _lock: Lock::exclusive(&self.dir.join("secrets.lock"))?,
        })
    }

    fn read_index(&self, _held: &Held) -> Result<Index> {
        let path = self.dir.join(INDEX);
        match std::fs::read(&path) {
            Ok(b) => serde_json::from_slice(&b).map_err(|e| corrupt(&path, e)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Index::default()),
            Err(e) => Err(e).at(path),
        }
    }

    fn write_index(&self, _held: &Held, index: &Index) -> Result<()> {
        let text = serde_json::to_vec_pretty(index).expect("the index serializes");
        atomic_write(&self.dir.join(INDEX), &text)
    }

    /// Runs `f` on the file driver's data in `dir` under its lock, written back when `f`
    /// says it changed it.
    fn with_data<T>(
        &self,
        dir: &Path,
        f: impl FnOnce(&mut BTreeMap<String, String>) -> (bool, T),
    ) -> Result<T> {
        create_private_dir(dir)?;
        let _lock = Lock::exclusive(&dir.join("secretsdata.lock"))?;
        let path = dir.join(DATA);
        let mut data: BTreeMap<String, String> = match std::fs::read(&path) {
            Ok(b) => serde_json::from_slice(&b).map_err(|e| corrupt(&path, e))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
            Err(e) => return Err(e).at(path),
        };
        let (changed, out) = f(&mut data);
        if changed {
            let text = serde_json::to_vec_pretty(&data).expect("the data serializes");
            atomic_write(&path, &text)?;
        }
        Ok(out)
    }

    fn data_dir(s: &Secret) -> Result<PathBuf> {
        match s.driver.as_str() {
            "file" => s
                .driver_options
                .get("path")
                .map(PathBuf::from)
                .ok_or_else(|| SecretError::DriverPath.into()),
            other => Err(SecretError::Driver(other.to_string()).into()),
        }
    }

    pub fn create(&self, name: &str, data: &[u8], opts: CreateOptions) -> Result<Created> {
        if !valid_name(name) {
            return Err(SecretError::InvalidName(name.to_string()).into());
        }
        if data.is_empty() || data.len() >= MAX_SIZE {
            return Err(SecretError::DataSize.into());
        }
        if opts.driver != "file" {
            return Err(SecretError::Driver(opts.driver).into());
        }
        let mut driver_options = opts.driver_options;
        driver_options
            .entry("path".into())
            .or_insert_with(|| self.default_data_dir().display().to_string());
        let held = self.hold()?;
        let mut index = self.read_index(&held)?;
        let now = Timestamp::now();
        let mut created_at = now;
        let mut replaced = None;
        if let Some(id) = index.name_to_id.get(name).cloned() {
            if opts.ignore {
                return Ok(Created {
                    id,
                    replaced: None,
                    existed: true,
                });
            }
            if !opts.replace {
                return Err(SecretError::NameInUse(name.to_string()).into());
            }
            let old = index.secrets.get(&id).cloned();
            if let Some(old) = &old {
                created_at = old.created_at;
                self.forget_data(old)?;
            }
            index.remove(&id);
            replaced = Some(id);
        }
        let id = loop {
            let id = random_hex(13)[..ID_LEN].to_string();
            if index.find(&id).is_err() {
                break id;
            }
        };
        let secret = Secret {
            name: name.to_string(),
            id: id.clone(),
            labels: opts.labels,
            metadata: opts.metadata,
            created_at,
            updated_at: Some(now),
            driver: "file".into(),
            driver_options,
        };
        let dir = Self::data_dir(&secret)?;
        index.insert(secret);
        self.write_index(&held, &index)?;
        let encoded = base64::engine::general_purpose::STANDARD.encode(data);
        self.with_data(&dir, |d| {
            d.insert(id.clone(), encoded);
            (true, ())
        })?;
        Ok(Created {
            id,
            replaced,
            existed: false,
        })
    }

    fn forget_data(&self, s: &Secret) -> Result<()> {
        let dir = Self::data_dir(s)?;
        // Data already gone (a removal killed half-way) is no failure.
        self.with_data(&dir, |d| (d.remove(&s.id).is_some(), ()))
    }

    /// The secret named (a name, an id, or a unique id prefix).
    pub fn lookup(&self, name_or_id: &str) -> Result<Secret> {
        let held = self.hold()?;
        Ok(self.read_index(&held)?.find(name_or_id)?.clone())
    }

    /// The secret and its data.
    pub fn lookup_data(&self, name_or_id: &str) -> Result<(Secret, Vec<u8>)> {
        let held = self.hold()?;
        let s = self.read_index(&held)?.find(name_or_id)?.clone();
        let dir = Self::data_dir(&s)?;
        let encoded = self.with_data(&dir, |d| (false, d.get(&s.id).cloned()))?;
        let encoded = encoded.ok_or_else(|| SecretError::NotFound(s.id.clone()))?;
        let data = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .map_err(|e| corrupt(&dir.join(DATA), e))?;
        Ok((s, data))
    }

    /// Every secret, by name.
    pub fn list(&self) -> Result<Vec<Secret>> {
        let held = self.hold()?;
        let mut all: Vec<Secret> = self.read_index(&held)?.secrets.into_values().collect();
        all.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(all)
    }

    /// Removes the secret named; its id.
    pub fn remove(&self, name_or_id: &str) -> Result<String> {
        let held = self.hold()?;
        let mut index = self.read_index(&held)?;
        let s = index.find(name_or_id)?.clone();
        self.forget_data(&s)?;
        index.remove(&s.id);
        self.write_index(&held, &index)?;
        Ok(s.id)
    }
}

fn corrupt(path: &Path, e: impl std::fmt::Display) -> crate::Error {
    SecretError::Corrupt {
        path: path.display().to_string(),
        reason: e.to_string(),
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> CreateOptions {
        CreateOptions {
            driver: "file".into(),
            ..Default::default()
        }
    }

    #[test]
    fn create_lookup_replace_remove() {
        let t = tempfile::tempdir().unwrap();
        let s = Secrets::open(t.path());
        let a = s.create("pw", b"hunter2", opts()).unwrap();
        assert_eq!(a.id.len(), ID_LEN);
        assert!(a.id.chars().all(|c| c.is_ascii_hexdigit()));
        let (found, data) = s.lookup_data("pw").unwrap();
        assert_eq!(
            (found.id.as_str(), data.as_slice()),
            (a.id.as_str(), &b"hunter2"[..])
        );
        assert_eq!(s.lookup(&a.id[..6]).unwrap().name, "pw", "an id prefix");
        let again = s.create("pw", b"x", opts()).unwrap_err().to_string();
        assert_eq!(again, "pw: secret name in use");
        let ignored = s
            .create(
                "pw",
                b"x",
                CreateOptions {
                    ignore: true,
                    ..opts()
                },
            )
            .unwrap();
        assert_eq!(
            (ignored.id.as_str(), ignored.existed),
            (a.id.as_str(), true)
        );
        let b = s
            .create(
                "pw",
                b"new",
                CreateOptions {
                    replace: true,
                    ..opts()
                },
            )
            .unwrap();
        assert_ne!(b.id, a.id);
        assert_eq!(b.replaced.as_deref(), Some(a.id.as_str()));
        assert_eq!(s.lookup_data("pw").unwrap().1, b"new");
        assert!(s.lookup(&a.id).is_err(), "the old id is gone");
        assert_eq!(s.remove("pw").unwrap(), b.id);
        assert_eq!(
            s.lookup("pw").unwrap_err().to_string(),
            "no secret with name or id \"pw\": no such secret"
        );
        let data = std::fs::read_to_string(t.path().join("secrets/filedriver/secretsdata.json"));
        assert_eq!(data.unwrap().trim(), "{}", "no data left behind");
    }

    #[test]
    fn files_are_private_and_data_is_base64() {
        use std::os::unix::fs::PermissionsExt;
        let t = tempfile::tempdir().unwrap();
        let s = Secrets::open(t.path());
        let c = s.create("k", b"hunter2", opts()).unwrap();
        for f in [
            "secrets/secrets.json",
            "secrets/filedriver/secretsdata.json",
        ] {
            let mode = std::fs::metadata(t.path().join(f))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{f}");
        }
        let data = std::fs::read(t.path().join("secrets/filedriver/secretsdata.json")).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&data).unwrap();
        assert_eq!(v[&c.id], "aHVudGVyMg==");
        let index = std::fs::read(t.path().join("secrets/secrets.json")).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&index).unwrap();
        assert_eq!(v["nameToID"]["k"], c.id.as_str());
        assert_eq!(v["idToName"][&c.id], "k");
        assert_eq!(v["secrets"][&c.id]["driver"], "file");
    }

    #[test]
    fn bad_input_makes_nothing() {
        let t = tempfile::tempdir().unwrap();
        let s = Secrets::open(t.path());
        for (name, data) in [
            ("a/b", &b"x"[..]),
            ("ok", b""),
            ("ok", &[0u8; MAX_SIZE][..]),
        ] {
            assert!(s.create(name, data, opts()).is_err());
        }
        let pass = CreateOptions {
            driver: "pass".into(),
            ..Default::default()
        };
        assert!(s.create("ok", b"x", pass).is_err());
        assert!(s.list().unwrap().is_empty());
    }

    #[test]
    fn a_listed_secret_without_data_is_removed() {
        let t = tempfile::tempdir().unwrap();
        let s = Secrets::open(t.path());
        s.create("k", b"v", opts()).unwrap();
        std::fs::write(t.path().join("secrets/filedriver/secretsdata.json"), "{}").unwrap();
        s.remove("k").unwrap();
        assert!(s.list().unwrap().is_empty());
    }

    #[test]
    fn ambiguous_prefixes_are_refused() {
        let mut index = Index::default();
        for id in ["abc1", "abc2"] {
            index.insert(Secret {
                name: format!("n{id}"),
                id: id.into(),
                labels: BTreeMap::new(),
                metadata: BTreeMap::new(),
                created_at: Timestamp::now(),
                updated_at: None,
                driver: "file".into(),
                driver_options: BTreeMap::new(),
            });
        }
        assert!(matches!(index.find("abc"), Err(SecretError::Ambiguous(_))));
        assert_eq!(index.find("abc2").unwrap().name, "nabc2");
        assert!(matches!(index.find(""), Err(SecretError::NotFound(_))));
    }
}
