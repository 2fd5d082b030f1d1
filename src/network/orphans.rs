//! What a ctl killed half-way through a bridge setup or teardown leaves: a namespace bind
//! mounted under `RUN/netns/<id>` (with the veth and the firewall rules netavark made for it),
//! and leases in the machine-wide address tables. Each bridge setup records what it is about
//! to make in `RUN/netns/<id>.json` before making it, so whoever finds the container gone can
//! undo exactly that.
//!
//! A container is gone when its store has no directory for it and no creator holds the lock
//! of its staging directory. That is safe to act on: a network is only set up for a container
//! whose directory exists, under its lock, and its removal tears the network down before the
//! directory goes.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::Serialize;

use super::ipam::{now_secs, Ipam, Lease};
use super::netavark::Netavark;
use super::{netns, NetworkState};
use crate::error::{Error, Result};
use crate::fsutil::{create_private_dir, sync_dir};

/// How old a lease of another store must be before its owner's absence counts: the tables
/// are shared, and a future creator might lease before its directory is in place.
pub const LEASE_GRACE_SECS: u64 = 10;

/// What a sweep reclaimed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Sweep {
    /// Containers whose namespace (with its veth) was removed.
    pub namespaces: Vec<String>,
    /// Of those, the ones whose netavark setup (firewall rules, port forwarding) was undone.
    pub teardowns: Vec<String>,
    /// `BRIDGE ADDRESS CONTAINER` of each address given back.
    pub leases: Vec<String>,
}

impl Sweep {
    pub fn is_empty(&self) -> bool {
        self.namespaces.is_empty() && self.leases.is_empty()
    }
}

/// Where the record of the namespace at `netns` is kept.
pub fn record_path(netns: &Path) -> PathBuf {
    let mut p = netns.as_os_str().to_owned();
    p.push(".json");
    PathBuf::from(p)
}

pub fn write_record(ns: &NetworkState) -> Result<()> {
    let data = serde_json::to_vec(ns).map_err(|e| Error::Network {
        what: "network record".into(),
        reason: e.to_string(),
    })?;
    let dir = ns.netns.parent().unwrap_or(Path::new("/"));
    create_private_dir(dir)?;
    // atomic_write's way, with a temp file named after the container (writers of one
    // container's record hold its lock): one left by a killed ctl is the sweep's to find.
    let path = record_path(&ns.netns);
    let tmp = temp_path(&ns.netns);
    let written = File::create(&tmp)
        .and_then(|mut f| f.write_all(&data).and_then(|_| f.sync_all()))
        .and_then(|_| fs::rename(&tmp, &path));
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(Error::io(&path, e));
    }
    sync_dir(dir)
}

fn temp_path(netns: &Path) -> PathBuf {
    let mut p = record_path(netns).into_os_string();
    p.push(".tmp");
    PathBuf::from(p)
}

pub fn read_record(path: &Path) -> Option<NetworkState> {
    let data = fs::read(path).ok()?;
    serde_json::from_slice(&data).ok()
}

pub fn remove_record(netns: &Path) -> Result<()> {
    let _ = fs::remove_file(temp_path(netns));
    let p = record_path(netns);
    match fs::remove_file(&p) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(&p, e)),
        _ => Ok(()),
    }
}

/// netavark's `--config` for the store whose namespaces live in `netns`'s directory: the
/// store's run dir holds both (`RUN/netns/<id>`, `RUN/networks`).
fn config_dir_of(netns: &Path) -> Option<PathBuf> {
    Some(netns.parent()?.parent()?.join("networks"))
}

/// Whether store `root` has no container `id`, and no creator of it is at work.
pub fn container_gone(root: &Path, id: &str) -> bool {
    let containers = root.join("containers");
    // The staging directory first: it is renamed to the container's own, lock held.
    let staging = containers.join(format!(".new-{id}"));
    if staging.exists() {
        let young = fs::metadata(&staging)
            .and_then(|m| m.modified())
            .is_ok_and(|t| t + Duration::from_secs(2) > SystemTime::now());
        if young || held(&staging.join("lock")) {
            return false;
        }
    }
    !containers.join(id).exists()
}

/// Whether someone holds the flock on `path` (a missing file is held by nobody).
fn held(path: &Path) -> bool {
    let Ok(f) = File::open(path) else {
        return false;
    };
    matches!(f.try_lock(), Err(fs::TryLockError::WouldBlock))
}

/// Undoes what `ns` records: netavark's teardown (when its setup ran and the namespace is
/// there), the container's leases, the namespace, the record. The caller holds netavark's
/// lock. netavark's own failure (after a second try) does not stop the rest; it is
/// returned beside.
pub fn undo(
    nv: Option<&Netavark>,
    ipam: &Ipam,
    id: &str,
    ns: &NetworkState,
) -> Result<Option<Error>> {
    let mut failed = None;
    if ns.configured && ns.backend == super::backend::Kind::Native {
        // Its links are found by name and its elements by value: the namespace may be gone.
        failed = super::native::teardown(&ns.options).err();
    } else if ns.configured && netns::is_netns(&ns.netns) {
        let torn = match nv {
            Some(nv) => nv.teardown(&ns.netns, &ns.options),
            None => Err(Error::Network {
                what: "netavark".into(),
                reason: "not found".into(),
            }),
        };
        // Once more when it failed: a teardown that stopped half-way (iptables busy under
        // load) would leave rules that nothing records any more.
        failed = match (torn, nv) {
            (Err(_), Some(nv)) => {
                let again = nv.teardown(&ns.netns, &ns.options).err();
                if again.is_some() {
                    super::leftover_rules::remove(&ns.options);
                }
                again
            }
            (t, _) => t.err(),
        };
    } else if nv.is_some() && ns.backend == super::backend::Kind::Netavark {
        // A setup killed before it was recorded done (or whose namespace went first) may
        // have made its port forwards already: the rules to this container's addresses go,
        // while its leases are still held so no other container has them.
        super::leftover_rules::remove(&ns.options);
    }
    for b in &ns.bridges {
        ipam.with_table(b, |t| {
            t.release(id);
            Ok(())
        })?;
    }
    netns::remove(&ns.netns)?;
    remove_record(&ns.netns)?;
    Ok(failed)
}

/// Removes the namespaces under `netns_dir` (store `root`'s) whose container is gone, each
/// with its netavark setup, leases and record; then, on `bridges` (every table if None),
/// the leases of any store whose container is gone, with their namespaces. The caller
/// holds netavark's lock.
pub fn sweep(
    nv: Option<&Netavark>,
    ipam: &Ipam,
    root: &Path,
    netns_dir: &Path,
    bridges: Option<&[String]>,
) -> Result<Sweep> {
    let mut out = Sweep::default();
    for id in namespace_ids(netns_dir) {
        if container_gone(root, &id) {
            reclaim(nv, ipam, &netns_dir.join(&id), &id, &mut out)?;
        }
    }
    let tables = match bridges {
        Some(b) => b.to_vec(),
        None => ipam.bridges()?,
    };
    let now = now_secs();
    let stale = |l: &Lease| {
        l.root
            .as_deref()
            .is_some_and(|r| l.older_than(LEASE_GRACE_SECS, now) && container_gone(r, &l.container))
    };
    for bridge in tables {
        for lease in ipam.stale(&bridge, stale)? {
            if netns::is_netns(&lease.netns) || record_path(&lease.netns).exists() {
                let theirs = config_dir_of(&lease.netns)
                    .zip(nv)
                    .map(|(d, nv)| nv.with_config_dir(&d));
                reclaim(
                    theirs.as_ref(),
                    ipam,
                    &lease.netns,
                    &lease.container,
                    &mut out,
                )?;
            }
            let released = ipam.with_table(&bridge, |t| {
                let ips: Vec<_> = t
                    .leases
                    .iter()
                    .filter(|(_, l)| l.container == lease.container)
                    .map(|(ip, _)| *ip)
                    .collect();
                t.release(&lease.container);
                Ok(ips)
            })?;
            for ip in released {
                out.leases
                    .push(format!("{bridge} {ip} {}", lease.container));
            }
        }
    }
    Ok(out)
}

/// Undoes the namespace at `netns` of container `id` from its record, or (no record: killed
/// before writing it, so netavark never ran) drops its leases and the namespace.
fn reclaim(
    nv: Option<&Netavark>,
    ipam: &Ipam,
    netns: &Path,
    id: &str,
    out: &mut Sweep,
) -> Result<()> {
    let ns = read_record(&record_path(netns)).unwrap_or_else(|| NetworkState {
        netns: netns.to_path_buf(),
        bridges: Vec::new(),
        options: serde_json::Value::Null,
        configured: false,
        backend: Default::default(),
        networks: Default::default(),
        ports: Vec::new(),
    });
    // The record's own path wins only where it names this very namespace.
    let ns = NetworkState {
        netns: netns.to_path_buf(),
        ..ns
    };
    let before = leases_of(ipam, &ns.bridges, id)?;
    if let Some(e) = undo(nv, ipam, id, &ns)? {
        tracing::debug!("container {id}: {e}");
    } else if ns.configured {
        out.teardowns.push(id.to_string());
    }
    out.namespaces.push(id.to_string());
    out.leases.extend(before);
    Ok(())
}

fn leases_of(ipam: &Ipam, bridges: &[String], id: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for b in bridges {
        ipam.with_table(b, |t| {
            for (ip, l) in &t.leases {
                if l.container == id {
                    out.push(format!("{b} {ip} {id}"));
                }
            }
            Ok(())
        })?;
    }
    Ok(out)
}

/// The container ids that have a namespace or a record under `dir`.
fn namespace_ids(dir: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut ids: Vec<String> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let id = name.strip_suffix(".tmp").unwrap_or(&name);
            let id = id.strip_suffix(".json").unwrap_or(id).to_string();
            (id.len() == 64 && id.bytes().all(|b| b.is_ascii_hexdigit())).then_some(id)
        })
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn a_container_is_gone_only_without_directory_and_creator() {
        let d = tempfile::tempdir().unwrap();
        let containers = d.path().join("containers");
        fs::create_dir_all(containers.join(ID)).unwrap();
        assert!(!container_gone(d.path(), ID));
        fs::remove_dir(containers.join(ID)).unwrap();
        assert!(container_gone(d.path(), ID));
        // A creator holding its staging directory's lock.
        let staging = containers.join(format!(".new-{ID}"));
        fs::create_dir(&staging).unwrap();
        let lock = crate::fsutil::Lock::exclusive(&staging.join("lock")).unwrap();
        assert!(!container_gone(d.path(), ID));
        drop(lock);
        // Freshly made: its creator may not have locked it yet.
        assert!(!container_gone(d.path(), ID));
        let old = SystemTime::now() - Duration::from_secs(60);
        File::open(&staging).unwrap().set_modified(old).unwrap();
        assert!(container_gone(d.path(), ID));
    }

    #[test]
    fn records_sit_beside_their_namespace() {
        let p = Path::new("/run/ctl/netns").join(ID);
        assert_eq!(
            record_path(&p),
            Path::new("/run/ctl/netns").join(format!("{ID}.json"))
        );
        assert_eq!(config_dir_of(&p).unwrap(), Path::new("/run/ctl/networks"));
    }

    #[test]
    fn namespace_ids_ignore_other_files() {
        let d = tempfile::tempdir().unwrap();
        for n in [
            ID.to_string(),
            format!("{ID}.json"),
            format!("{ID}.json.tmp"),
            ".tmp-x".into(),
            "abc".into(),
        ] {
            fs::write(d.path().join(n), "").unwrap();
        }
        assert_eq!(namespace_ids(d.path()), vec![ID.to_string()]);
    }

    #[test]
    fn sweep_gives_back_what_a_gone_container_held() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path().join("store");
        let netns_dir = d.path().join("run/netns");
        fs::create_dir_all(root.join("containers")).unwrap();
        fs::create_dir_all(&netns_dir).unwrap();
        let ipam = Ipam::with_liveness(&d.path().join("net"), |_| true).unwrap();
        let net: ipnet::Ipv4Net = "10.0.0.0/24".parse().unwrap();
        let netns = netns_dir.join(ID);
        // A record without a namespace (killed right after writing it) and a lease.
        write_record(&NetworkState {
            netns: netns.clone(),
            bridges: vec!["br0".into()],
            options: serde_json::Value::Null,
            configured: false,
            backend: Default::default(),
            networks: Default::default(),
            ports: Vec::new(),
        })
        .unwrap();
        ipam.with_table("br0", |t| {
            t.allocate(net, None, None, Lease::new(ID, &netns, &root))
                .map_err(|e| Error::Network {
                    what: "t".into(),
                    reason: e.to_string(),
                })
        })
        .unwrap();
        // Alive: nothing is touched.
        fs::create_dir(root.join("containers").join(ID)).unwrap();
        let s = sweep(None, &ipam, &root, &netns_dir, None).unwrap();
        assert!(s.is_empty(), "{s:?}");
        fs::remove_dir(root.join("containers").join(ID)).unwrap();
        let s = sweep(None, &ipam, &root, &netns_dir, None).unwrap();
        assert_eq!(s.namespaces, vec![ID.to_string()]);
        assert_eq!(s.leases, vec![format!("br0 10.0.0.1 {ID}")]);
        assert!(!record_path(&netns).exists());
        assert!(ipam.bridges().unwrap().is_empty());
    }
}
