//! Address allocation on a bridge. The bridge is the machine's, not one store's, so its
//! table is too: `NETRUN/ipam/<bridge>.json`, changed only under a flock on `NETRUN/ipam/lock`,
//! so parallel `ctl run` (of any store) never hand out one address twice. An entry whose
//! network namespace is gone (a crash, a reboot) is free again, and a table without leases
//! is removed.

use std::collections::BTreeMap;
use std::fs;
use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};

use crate::error::{Error, IoContext, Result};
use crate::fsutil::{atomic_write, create_private_dir, Lock};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lease {
    pub container: String,
    /// The namespace the address lives in; the lease ends with it.
    pub netns: PathBuf,
    /// The store whose container holds it: tables are the machine's, shared by every store.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root: Option<PathBuf>,
    /// When it was taken (seconds since the epoch): a young lease may belong to a creator
    /// still at work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<u64>,
}

impl Lease {
    pub fn new(container: &str, netns: &Path, root: &Path) -> Lease {
        Lease {
            container: container.to_string(),
            netns: netns.to_path_buf(),
            root: Some(root.to_path_buf()),
            since: Some(now_secs()),
        }
    }

    /// Whether it was taken at least `secs` ago (a lease without a time is old).
    pub fn older_than(&self, secs: u64, now: u64) -> bool {
        self.since.is_none_or(|t| t.saturating_add(secs) <= now)
    }
}

pub fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// The last address handed out: the next search starts after it, so a released address
    /// is not reused at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<Ipv4Addr>,
    #[serde(default)]
    pub leases: BTreeMap<Ipv4Addr, Lease>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AllocError {
    #[error("{ip} is not a usable address of subnet {subnet}")]
    OutOfSubnet { ip: Ipv4Addr, subnet: Ipv4Net },
    #[error("{ip} is already in use by container {container}")]
    InUse { ip: Ipv4Addr, container: String },
    #[error("no free address left in subnet {0}")]
    Exhausted(Ipv4Net),
}

impl Table {
    /// Takes `wanted`, or the next free host address after the last one handed out; never
    /// the network, broadcast or gateway address. Pure: the caller holds the lock.
    pub fn allocate(
        &mut self,
        subnet: Ipv4Net,
        gateway: Option<Ipv4Addr>,
        wanted: Option<Ipv4Addr>,
        lease: Lease,
    ) -> std::result::Result<Ipv4Addr, AllocError> {
        let usable = |ip: Ipv4Addr| {
            subnet.contains(&ip)
                && ip != subnet.network()
                && ip != subnet.broadcast()
                && Some(ip) != gateway
        };
        if let Some(ip) = wanted {
            if !usable(ip) {
                return Err(AllocError::OutOfSubnet { ip, subnet });
            }
            if let Some(l) = self.leases.get(&ip) {
                if l.container != lease.container {
                    return Err(AllocError::InUse {
                        ip,
                        container: l.container[..12.min(l.container.len())].to_string(),
                    });
                }
            }
            self.leases.insert(ip, lease);
            return Ok(ip);
        }
        let first = u32::from(subnet.network()) + 1;
        let last = u32::from(subnet.broadcast()) - 1;
        let span = last - first + 1;
        let start = self
            .last
            .map(u32::from)
            .filter(|l| (first..=last).contains(l))
            .map_or(first, |l| if l == last { first } else { l + 1 });
        for i in 0..span {
            let ip = Ipv4Addr::from(first + (start - first + i) % span);
            if usable(ip) && !self.leases.contains_key(&ip) {
                self.leases.insert(ip, lease);
                self.last = Some(ip);
                return Ok(ip);
            }
        }
        Err(AllocError::Exhausted(subnet))
    }

    /// Drops the container's leases; returns whether any was held.
    pub fn release(&mut self, container: &str) -> bool {
        let before = self.leases.len();
        self.leases.retain(|_, l| l.container != container);
        before != self.leases.len()
    }

    /// Drops leases whose namespace `alive` says is gone.
    pub fn prune(&mut self, alive: impl Fn(&Path) -> bool) {
        self.leases.retain(|_, l| alive(&l.netns));
    }

    /// The leases `stale` picks, left in place.
    pub fn select(&self, stale: impl Fn(&Lease) -> bool) -> Vec<Lease> {
        self.leases.values().filter(|l| stale(l)).cloned().collect()
    }
}

/// The allocation table of one bridge, on disk.
pub struct Ipam {
    dir: PathBuf,
    /// Whether a lease's namespace still exists.
    alive: fn(&Path) -> bool,
}

impl Ipam {
    pub fn open(netrun: &Path) -> Result<Ipam> {
        Self::with_liveness(netrun, super::netns::is_netns)
    }

    /// With another test of a lease's life (the tests' leases name no real namespace).
    pub fn with_liveness(netrun: &Path, alive: fn(&Path) -> bool) -> Result<Ipam> {
        let dir = netrun.join("ipam");
        create_private_dir(&dir)?;
        Ok(Ipam { dir, alive })
    }

    /// The bridges that have a table.
    pub fn bridges(&self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for e in fs::read_dir(&self.dir).at(&self.dir)? {
            let name = e.at(&self.dir)?.file_name().to_string_lossy().into_owned();
            if let Some(b) = name.strip_suffix(".json") {
                if !b.starts_with('.') {
                    out.push(b.to_string());
                }
            }
        }
        Ok(out)
    }

    /// The bridge's leases that `stale` picks; they stay leased until released.
    pub fn stale(&self, bridge: &str, stale: impl Fn(&Lease) -> bool) -> Result<Vec<Lease>> {
        self.with_table(bridge, |t| Ok(t.select(stale)))
    }

    /// Runs `f` on the bridge's table under its lock, and saves the table if `f` succeeded.
    pub fn with_table<T>(
        &self,
        bridge: &str,
        f: impl FnOnce(&mut Table) -> Result<T>,
    ) -> Result<T> {
        let path = self.dir.join(format!("{bridge}.json"));
        // One lock for every table: a table file can then go when it is empty.
        let _lock = Lock::exclusive(&self.dir.join("lock"))?;
        let mut table: Table = match fs::read(&path) {
            Ok(d) => serde_json::from_slice(&d).unwrap_or_else(|e| {
                // A damaged table is rebuilt: live namespaces re-register at their next
                // start, and a collision shows up as an address conflict, not a hang.
                tracing::warn!("{}: {e}; starting a new table", path.display());
                Table::default()
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Table::default(),
            Err(e) => return Err(Error::io(&path, e)),
        };
        table.prune(self.alive);
        let out = f(&mut table)?;
        if table.leases.is_empty() {
            match fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(&path, e)),
            }
        } else {
            let data = serde_json::to_vec_pretty(&table).expect("table serializes");
            atomic_write(&path, &data)?;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lease(c: &str) -> Lease {
        Lease {
            container: c.repeat(12),
            netns: PathBuf::from("/x"),
            root: None,
            since: None,
        }
    }

    #[test]
    fn allocates_in_order_skipping_gateway_and_used() {
        let net: Ipv4Net = "10.0.0.0/29".parse().unwrap();
        let gw = Some(Ipv4Addr::new(10, 0, 0, 1));
        let mut t = Table::default();
        let a = t.allocate(net, gw, None, lease("a")).unwrap();
        assert_eq!(a, Ipv4Addr::new(10, 0, 0, 2));
        let b = t.allocate(net, gw, None, lease("b")).unwrap();
        assert_eq!(b, Ipv4Addr::new(10, 0, 0, 3));
        // A released address is not the next one handed out.
        assert!(t.release(&"a".repeat(12)));
        let c = t.allocate(net, gw, None, lease("c")).unwrap();
        assert_eq!(c, Ipv4Addr::new(10, 0, 0, 4));
        for _ in 0..3 {
            t.allocate(net, gw, None, lease("d")).unwrap();
        }
        // .2 came back around; now .2-.6 are all taken.
        assert_eq!(
            t.allocate(net, gw, None, lease("e")),
            Err(AllocError::Exhausted(net))
        );
    }

    #[test]
    fn static_addresses_are_checked() {
        let net: Ipv4Net = "10.0.0.0/24".parse().unwrap();
        let gw = Some(Ipv4Addr::new(10, 0, 0, 1));
        let mut t = Table::default();
        let want = Ipv4Addr::new(10, 0, 0, 50);
        assert_eq!(t.allocate(net, gw, Some(want), lease("a")), Ok(want));
        assert!(matches!(
            t.allocate(net, gw, Some(want), lease("b")),
            Err(AllocError::InUse { .. })
        ));
        for bad in [[10, 0, 0, 1], [10, 0, 0, 0], [10, 0, 0, 255], [10, 0, 1, 5]] {
            assert!(matches!(
                t.allocate(net, gw, Some(Ipv4Addr::from(bad)), lease("b")),
                Err(AllocError::OutOfSubnet { .. })
            ));
        }
    }

    #[test]
    fn dead_namespaces_free_their_leases() {
        let mut t = Table::default();
        let net: Ipv4Net = "10.0.0.0/24".parse().unwrap();
        t.allocate(net, None, None, lease("a")).unwrap();
        t.prune(|_| false);
        assert!(t.leases.is_empty());
    }

    #[test]
    fn old_leases_are_told_from_young_ones() {
        let mut l = Lease::new("a", Path::new("/x"), Path::new("/s"));
        let now = l.since.unwrap();
        assert!(!l.older_than(10, now));
        assert!(l.older_than(10, now + 10));
        l.since = None;
        assert!(l.older_than(10, now));
        // Tables written before leases named their store still read.
        let old: Lease = serde_json::from_str(r#"{"container":"a","netns":"/x"}"#).unwrap();
        assert_eq!(old.root, None);
    }

    #[test]
    fn select_leaves_the_table_as_it_was() {
        let net: Ipv4Net = "10.0.0.0/24".parse().unwrap();
        let mut t = Table::default();
        t.allocate(net, None, None, lease("a")).unwrap();
        t.allocate(net, None, None, lease("b")).unwrap();
        let picked = t.select(|l| l.container.starts_with('b'));
        assert_eq!(picked.len(), 1);
        assert_eq!(t.leases.len(), 2);
    }

    #[test]
    fn parallel_allocations_never_collide() {
        let d = tempfile::tempdir().unwrap();
        let net: Ipv4Net = "10.0.0.0/24".parse().unwrap();
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let dir = d.path().to_path_buf();
                std::thread::spawn(move || {
                    let ipam = Ipam::with_liveness(&dir, |_| true).unwrap();
                    (0..5)
                        .map(|j| {
                            ipam.with_table("br", |t| {
                                let l = Lease::new(
                                    &format!("{i}-{j}-container"),
                                    Path::new("/"),
                                    Path::new("/store"),
                                );
                                Ok(t.allocate(net, None, None, l).unwrap())
                            })
                            .unwrap()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut all: Vec<Ipv4Addr> = handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect();
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n);
    }
}
