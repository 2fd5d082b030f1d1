//! Network definitions in podman's network config format, one JSON file per network under
//! `ROOT/networks/NAME.json`, handed to netavark as is.

use std::collections::BTreeMap;
use std::fs;
use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};

use ctl_monitor::time::Timestamp;
use ipnet::{IpNet, Ipv4Net};
use serde::{Deserialize, Serialize};

use crate::error::{Error, IoContext, Result};
use crate::fsutil::{atomic_write, create_private_dir, random_hex, Lock};

/// The network a rootful container joins when none is named (`--network bridge`).
pub const DEFAULT_NETWORK: &str = "ctl";
/// Its bridge and subnet: next to podman's 10.88.0.0/16, not on it.
pub const DEFAULT_BRIDGE: &str = "ctl0";
pub const DEFAULT_SUBNET: &str = "10.89.0.0/24";
/// Subnets `network create` picks from when none is given: 10.89.1.0/24, 10.89.2.0/24, …
const AUTO_SUBNET_BASE: [u8; 2] = [10, 89];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subnet {
    pub subnet: IpNet,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gateway: Option<IpAddr>,
}

/// One network, exactly as podman writes it (and netavark reads it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Network {
    pub name: String,
    pub id: String,
    pub driver: String,
    pub network_interface: String,
    /// Podman writes it with its local offset, ctl in UTC; absent (or no timestamp) in a file
    /// some other tool wrote, it reads as none.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "ctl_monitor::time::deserialize_lenient"
    )]
    pub created: Option<Timestamp>,
    pub subnets: Vec<Subnet>,
    #[serde(default)]
    pub ipv6_enabled: bool,
    #[serde(default)]
    pub internal: bool,
    #[serde(default)]
    pub dns_enabled: bool,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub options: BTreeMap<String, String>,
    #[serde(default)]
    pub ipam_options: BTreeMap<String, String>,
}

impl Network {
    /// The IPv4 subnet addresses are allocated from, and its gateway.
    pub fn ipv4(&self) -> Option<(Ipv4Net, Option<Ipv4Addr>)> {
        self.subnets
            .iter()
            .find_map(|s| match (s.subnet, s.gateway) {
                (IpNet::V4(n), Some(IpAddr::V4(g))) => Some((n, Some(g))),
                (IpNet::V4(n), _) => Some((n, None)),
                _ => None,
            })
    }

    pub fn short_id(&self) -> &str {
        &self.id[..12.min(self.id.len())]
    }
}

/// What `ctl network create` asked for.
#[derive(Debug, Clone, Default)]
pub struct CreateRequest {
    pub name: String,
    pub driver: Option<String>,
    pub subnet: Option<String>,
    pub gateway: Option<String>,
    pub interface_name: Option<String>,
    pub internal: bool,
    pub disable_dns: bool,
    pub labels: BTreeMap<String, String>,
}

fn invalid(what: &'static str, value: &str, reason: impl Into<String>) -> Error {
    Error::InvalidInput {
        what,
        value: value.to_string(),
        reason: reason.into(),
    }
}

/// Network names as podman allows them.
pub fn validate_name(name: &str) -> Result<()> {
    let mut chars = name.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        && name.len() <= 200;
    if ok {
        Ok(())
    } else {
        Err(invalid(
            "network name",
            name,
            "only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed",
        ))
    }
}

/// Linux interface names: 1 to 15 bytes, no `/`, whitespace or `:`.
fn validate_interface(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 15
        && name != "."
        && name != ".."
        && !name.contains(|c: char| c == '/' || c == ':' || c.is_whitespace());
    if ok {
        Ok(())
    } else {
        Err(invalid(
            "interface name",
            name,
            "1 to 15 characters without '/', ':' or spaces",
        ))
    }
}

/// `--subnet` (an IPv4 CIDR, canonicalised to its network address) and `--gateway`
/// (default: its first host) checked against each other.
pub fn parse_subnet(subnet: &str, gateway: Option<&str>) -> Result<Subnet> {
    let net: Ipv4Net = subnet.parse().map_err(|_| {
        invalid(
            "subnet",
            subnet,
            "expected an IPv4 CIDR such as 10.90.0.0/24",
        )
    })?;
    if net.prefix_len() > 30 {
        return Err(invalid("subnet", subnet, "too small: use /30 or larger"));
    }
    let net = net.trunc();
    let gateway = match gateway {
        Some(g) => {
            let ip: Ipv4Addr = g
                .parse()
                .map_err(|_| invalid("gateway", g, "not an IPv4 address"))?;
            if !net.contains(&ip) || ip == net.network() || ip == net.broadcast() {
                return Err(invalid(
                    "gateway",
                    g,
                    format!("not a host address of subnet {net}"),
                ));
            }
            ip
        }
        None => first_host(net),
    };
    Ok(Subnet {
        subnet: IpNet::V4(net),
        gateway: Some(IpAddr::V4(gateway)),
    })
}

fn first_host(net: Ipv4Net) -> Ipv4Addr {
    Ipv4Addr::from(u32::from(net.network()) + 1)
}

/// Two subnets overlap when either contains the other's network address.
pub fn overlaps(a: &IpNet, b: &IpNet) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

/// IPv4 routes of the host (/proc/net/route): destinations a new subnet must not shadow.
fn host_routes() -> Vec<IpNet> {
    let text = fs::read_to_string("/proc/net/route").unwrap_or_default();
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let dest = u32::from_str_radix(f.get(1)?, 16).ok()?;
            let mask = u32::from_str_radix(f.get(7)?, 16).ok()?;
            // The default route (0.0.0.0/0) overlaps everything: it is not a conflict.
            if mask == 0 {
                return None;
            }
            // The file holds little-endian words.
            let dest = Ipv4Addr::from(dest.swap_bytes());
            let prefix = mask.count_ones() as u8;
            Ipv4Net::new(dest, prefix).ok().map(IpNet::V4)
        })
        .collect()
}

/// The store's network definitions.
#[derive(Debug, Clone)]
pub struct Networks {
    dir: PathBuf,
}

impl Networks {
    pub fn open(root: &Path) -> Result<Networks> {
        let dir = root.join("networks");
        create_private_dir(&dir)?;
        Ok(Networks { dir })
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.json"))
    }

    /// Serialises creations and removals of this store's networks.
    fn lock(&self) -> Result<Lock> {
        Lock::exclusive(&self.dir.join(".lock"))
    }

    fn read(&self, path: &Path) -> Result<Network> {
        let data = fs::read(path).at(path)?;
        serde_json::from_slice(&data).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })
    }

    fn write(&self, n: &Network) -> Result<()> {
        let data = serde_json::to_vec_pretty(n).expect("network serializes");
        atomic_write(&self.path(&n.name), &data)
    }

    /// The default network's definition, written on first use.
    fn ensure_default(&self) -> Result<Network> {
        let path = self.path(DEFAULT_NETWORK);
        if path.exists() {
            return self.read(&path);
        }
        let _lock = self.lock()?;
        if path.exists() {
            return self.read(&path);
        }
        let n = default_network();
        self.write(&n)?;
        Ok(n)
    }

    /// Every network, the default one included, by name.
    pub fn list(&self) -> Result<Vec<Network>> {
        self.ensure_default()?;
        let mut out = Vec::new();
        for e in fs::read_dir(&self.dir).at(&self.dir)? {
            let e = e.at(&self.dir)?;
            let name = e.file_name().to_string_lossy().into_owned();
            let Some(stem) = name.strip_suffix(".json") else {
                continue;
            };
            match self.read(&e.path()) {
                Ok(n) if n.name == stem => out.push(n),
                Ok(_) => tracing::warn!("{}: name does not match the file", e.path().display()),
                Err(err) => tracing::warn!("skipping network {stem}: {err}"),
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// A network by name, full id or unique id prefix.
    pub fn get(&self, name_or_id: &str) -> Result<Network> {
        if name_or_id == DEFAULT_NETWORK {
            return self.ensure_default();
        }
        if validate_name(name_or_id).is_ok() {
            let path = self.path(name_or_id);
            if path.exists() {
                return self.read(&path);
            }
        }
        let hits: Vec<Network> = self
            .list()?
            .into_iter()
            .filter(|n| !name_or_id.is_empty() && n.id.starts_with(name_or_id))
            .collect();
        match hits.len() {
            1 => Ok(hits.into_iter().next().expect("one hit")),
            0 => Err(Error::NetworkNotFound(name_or_id.to_string())),
            _ => Err(invalid(
                "network",
                name_or_id,
                "matches several networks; use more of the id or the name",
            )),
        }
    }

    /// Creates a bridge network; picks a free subnet when none is given.
    pub fn create(&self, req: &CreateRequest) -> Result<Network> {
        validate_name(&req.name)?;
        match req.driver.as_deref() {
            None | Some("bridge") => {}
            Some(d) => return Err(invalid("network driver", d, "only bridge is supported")),
        }
        if req.gateway.is_some() && req.subnet.is_none() {
            return Err(invalid(
                "gateway",
                req.gateway.as_deref().unwrap_or_default(),
                "--gateway needs --subnet",
            ));
        }
        if let Some(i) = &req.interface_name {
            validate_interface(i)?;
        }
        let existing = self.list()?;
        let _lock = self.lock()?;
        if self.path(&req.name).exists() || req.name == DEFAULT_NETWORK {
            return Err(Error::NetworkExists(req.name.clone()));
        }
        let taken: Vec<IpNet> = existing
            .iter()
            .flat_map(|n| n.subnets.iter().map(|s| s.subnet))
            .collect();
        let subnet = match &req.subnet {
            Some(s) => {
                let sub = parse_subnet(s, req.gateway.as_deref())?;
                if let Some(other) = existing
                    .iter()
                    .find(|n| n.subnets.iter().any(|x| overlaps(&x.subnet, &sub.subnet)))
                {
                    return Err(invalid(
                        "subnet",
                        s,
                        format!("overlaps network {}", other.name),
                    ));
                }
                sub
            }
            None => free_subnet(&taken, &host_routes())?,
        };
        let id = random_hex(32);
        let interface = match &req.interface_name {
            Some(i) => {
                if let Some(other) = existing.iter().find(|n| &n.network_interface == i) {
                    return Err(invalid(
                        "interface name",
                        i,
                        format!("already used by network {}", other.name),
                    ));
                }
                i.clone()
            }
            // Named after the id, as docker's br-<id>: unique without a scan of the host,
            // which other stores may be changing at the same time.
            None => format!("ctl-{}", &id[..11]),
        };
        let n = Network {
            name: req.name.clone(),
            id,
            driver: "bridge".into(),
            network_interface: interface,
            created: Some(Timestamp::now()),
            subnets: vec![subnet],
            ipv6_enabled: false,
            internal: req.internal,
            dns_enabled: !req.disable_dns,
            labels: req.labels.clone(),
            options: BTreeMap::new(),
            ipam_options: [("driver".to_string(), "host-local".to_string())].into(),
        };
        self.write(&n)?;
        Ok(n)
    }

    /// Removes a network's definition (the caller has checked nothing uses it).
    pub fn remove(&self, name: &str) -> Result<()> {
        if name == DEFAULT_NETWORK {
            return Err(invalid(
                "network",
                name,
                "the default network cannot be removed",
            ));
        }
        let _lock = self.lock()?;
        let path = self.path(name);
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(Error::NetworkNotFound(name.to_string()))
            }
            Err(e) => Err(Error::io(path, e)),
        }
    }
}

/// The default network, the same in every store: a fixed id, bridge and subnet, no DNS
/// (as podman's default network).
pub fn default_network() -> Network {
    use sha2::Digest;
    let id = hex::encode(sha2::Sha256::digest(b"ctl default network"));
    Network {
        name: DEFAULT_NETWORK.into(),
        id,
        driver: "bridge".into(),
        network_interface: DEFAULT_BRIDGE.into(),
        created: Some(Timestamp::now()),
        subnets: vec![parse_subnet(DEFAULT_SUBNET, None).expect("default subnet parses")],
        ipv6_enabled: false,
        internal: false,
        dns_enabled: false,
        labels: BTreeMap::new(),
        options: BTreeMap::new(),
        ipam_options: [("driver".to_string(), "host-local".to_string())].into(),
    }
}

/// The first 10.89.N.0/24 (N >= 1) that overlaps neither a network of the store nor a route
/// of the host.
fn free_subnet(taken: &[IpNet], routes: &[IpNet]) -> Result<Subnet> {
    for n in 1..=255u8 {
        let [a, b] = AUTO_SUBNET_BASE;
        let net = IpNet::V4(Ipv4Net::new(Ipv4Addr::new(a, b, n, 0), 24).expect("valid /24"));
        if !taken.iter().chain(routes).any(|t| overlaps(t, &net)) {
            return parse_subnet(&net.to_string(), None);
        }
    }
    Err(invalid(
        "subnet",
        "auto",
        "no free subnet left in 10.89.0.0/16; use --subnet",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A network file as ctl writes it today.
    const FILE_OF_TODAY: &str = r#"{
  "name": "web",
  "id": "0123456789abcdef0123456789abcdef",
  "driver": "bridge",
  "network_interface": "ctl-0123456789a",
  "created": "2026-11-22T22:46:51.123456789+00:00",
  "subnets": [
    {
      "subnet": "10.89.1.0/24",
      "gateway": "10.89.1.1"
    }
  ],
  "ipv6_enabled": false,
  "internal": false,
  "dns_enabled": true,
  "ipam_options": {
    "driver": "host-local"
  }
}"#;

    #[test]
    fn files_keep_their_bytes_and_podmans_times_load() {
        let n: Network = serde_json::from_str(FILE_OF_TODAY).unwrap();
        let t = Timestamp::new(1_795_387_611, 123_456_789);
        assert_eq!(n.created, Some(t));
        assert_eq!(serde_json::to_string_pretty(&n).unwrap(), FILE_OF_TODAY);
        let with = |created: &str| {
            let text = FILE_OF_TODAY.replace(
                "\"2026-11-22T22:46:51.123456789+00:00\"",
                &serde_json::to_string(created).unwrap(),
            );
            serde_json::from_str::<Network>(&text).unwrap().created
        };
        // Podman's Go time, in the local zone.
        assert_eq!(with("2026-11-23T00:46:51.123456789+02:00"), Some(t));
        assert_eq!(with(""), None);
    }

    #[test]
    fn subnets_and_gateways_are_checked() {
        let s = parse_subnet("10.90.3.7/24", None).unwrap();
        assert_eq!(s.subnet.to_string(), "10.90.3.0/24");
        assert_eq!(s.gateway.unwrap().to_string(), "10.90.3.1");
        let s = parse_subnet("10.90.3.0/24", Some("10.90.3.254")).unwrap();
        assert_eq!(s.gateway.unwrap().to_string(), "10.90.3.254");
        for (sub, gw) in [
            ("10.90.3.0", None),
            ("fd00::/64", None),
            ("10.90.3.0/31", None),
            ("10.90.3.0/24", Some("10.90.4.1")),
            ("10.90.3.0/24", Some("10.90.3.255")),
            ("10.90.3.0/24", Some("x")),
        ] {
            assert!(parse_subnet(sub, gw).is_err(), "{sub} {gw:?}");
        }
    }

    #[test]
    fn auto_subnets_skip_taken_ones_and_routes() {
        let taken = vec!["10.89.1.0/24".parse().unwrap()];
        let routes = vec!["10.89.2.128/25".parse().unwrap()];
        let s = free_subnet(&taken, &routes).unwrap();
        assert_eq!(s.subnet.to_string(), "10.89.3.0/24");
    }

    #[test]
    fn store_creates_lists_and_removes() {
        let d = tempfile::tempdir().unwrap();
        let nets = Networks::open(d.path()).unwrap();
        let req = CreateRequest {
            name: "web".into(),
            subnet: Some("10.91.0.0/24".into()),
            ..Default::default()
        };
        let n = nets.create(&req).unwrap();
        assert!(n.dns_enabled);
        assert_eq!(n.network_interface.len(), 15);
        assert_eq!(nets.get("web").unwrap(), n);
        assert_eq!(nets.get(&n.id[..10]).unwrap().name, "web");
        let names: Vec<String> = nets.list().unwrap().into_iter().map(|n| n.name).collect();
        assert_eq!(names, ["ctl", "web"]);
        assert!(matches!(nets.create(&req), Err(Error::NetworkExists(_))));
        let overlap = CreateRequest {
            name: "web2".into(),
            subnet: Some("10.91.0.128/25".into()),
            ..Default::default()
        };
        assert!(nets
            .create(&overlap)
            .unwrap_err()
            .to_string()
            .contains("overlaps"));
        nets.remove("web").unwrap();
        assert!(matches!(nets.get("web"), Err(Error::NetworkNotFound(_))));
        assert!(nets.remove("ctl").is_err());
        let ctl = nets.get("ctl").unwrap();
        assert_eq!(ctl.id, default_network().id);
        assert!(!ctl.dns_enabled);
    }

    #[test]
    fn names_are_validated() {
        assert!(validate_name("my-net_1.x").is_ok());
        for bad in ["", "-x", "a/b", "a b"] {
            assert!(validate_name(bad).is_err(), "{bad}");
        }
        assert!(validate_interface("br0").is_ok());
        assert!(validate_interface("0123456789abcdef").is_err());
    }
}
