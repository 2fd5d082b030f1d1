//! netavark, the network backend podman uses: `netavark --config DIR setup|teardown NETNS`
//! with the container's network options as JSON on stdin, its status as JSON on stdout.
//! netavark makes the bridge, the veth pair, the addresses, the firewall rules and port
//! forwarding, and starts aardvark-dns for networks with DNS; ctl writes none of that itself.

use std::collections::BTreeMap;
use std::io::{Read, Seek, Write};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use ipnet::IpNet;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::config::Network;
use super::ports::PortMapping;
use crate::error::{Error, Result};
use crate::fsutil::{create_private_dir, Lock};

/// Where distributions install netavark and aardvark-dns.
const HELPER_DIRS: &[&str] = &[
    "/usr/local/libexec/podman",
    "/usr/local/lib/podman",
    "/usr/libexec/podman",
    "/usr/lib/podman",
];

fn find_helper(name: &str) -> Option<PathBuf> {
    HELPER_DIRS
        .iter()
        .map(|d| Path::new(d).join(name))
        .find(|p| p.is_file())
        .or_else(|| crate::runtime::find_program(name))
}

/// Whether netavark is installed.
pub fn installed() -> bool {
    find_helper("netavark").is_some()
}

/// One network's part of netavark's answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusBlock {
    #[serde(default)]
    pub dns_search_domains: Option<Vec<String>>,
    #[serde(default)]
    pub dns_server_ips: Option<Vec<IpAddr>>,
    #[serde(default)]
    pub interfaces: Option<BTreeMap<String, Interface>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interface {
    pub mac_address: String,
    #[serde(default)]
    pub subnets: Option<Vec<Address>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    #[serde(default)]
    pub gateway: Option<IpAddr>,
    /// The interface's own address with its prefix length.
    pub ipnet: IpNet,
}

/// One container's attachment to one network, as netavark takes it.
#[derive(Debug, Clone)]
pub struct Attachment<'a> {
    pub network: &'a Network,
    pub interface: String,
    pub ip: IpAddr,
    pub aliases: Vec<String>,
}

/// netavark's `NetworkOptions`.
pub fn options(
    id: &str,
    name: &str,
    hostname: &str,
    nets: &[Attachment<'_>],
    ports: &[PortMapping],
) -> Value {
    let mut networks = serde_json::Map::new();
    let mut info = serde_json::Map::new();
    for a in nets {
        networks.insert(
            a.network.name.clone(),
            json!({
                "interface_name": a.interface,
                "static_ips": [a.ip],
                "aliases": a.aliases,
            }),
        );
        info.insert(a.network.name.clone(), json!(a.network));
    }
    json!({
        "container_id": id,
        "container_name": name,
        "container_hostname": hostname,
        "networks": networks,
        "network_info": info,
        "port_mappings": ports,
    })
}

/// The netavark binary and what it needs around it.
#[derive(Debug, Clone)]
pub struct Netavark {
    pub binary: PathBuf,
    pub aardvark: Option<PathBuf>,
    /// netavark's `--config`: aardvark-dns's files (one server per directory, answering
    /// for the networks named there) live under it.
    pub config_dir: PathBuf,
    /// Where the machine-wide lock is.
    pub lock_dir: PathBuf,
}

impl Netavark {
    pub fn find(config_dir: &Path, lock_dir: &Path) -> Result<Netavark> {
        let binary = find_helper("netavark").ok_or_else(|| Error::Network {
            what: "netavark".into(),
            reason: "not found in /usr/libexec/podman, /usr/lib/podman or PATH (install the \
                     netavark package)"
                .into(),
        })?;
        Ok(Netavark {
            aardvark: find_helper("aardvark-dns"),
            binary,
            config_dir: config_dir.to_path_buf(),
            lock_dir: lock_dir.to_path_buf(),
        })
    }

    /// Serialises netavark calls machine-wide: a teardown that removes a bridge must not
    /// race a setup adding to it (podman holds one lock the same way).
    pub fn lock(&self) -> Result<Lock> {
        lock_at(&self.lock_dir)
    }

    /// Held by the process that waits for netavark (see [`Netavark::call`]), for as long as
    /// netavark runs, whether or not the ctl that started it is still alive.
    fn run_lock(&self) -> PathBuf {
        self.lock_dir.join("netavark.run.lock")
    }

    /// The same netavark for the networks of another store (its aardvark-dns files).
    pub fn with_config_dir(&self, config_dir: &Path) -> Netavark {
        Netavark {
            config_dir: config_dir.to_path_buf(),
            ..self.clone()
        }
    }

    pub fn setup(&self, netns: &Path, opts: &Value) -> Result<BTreeMap<String, StatusBlock>> {
        let out = self.call("setup", netns, opts)?;
        serde_json::from_slice(&out).map_err(|e| Error::Network {
            what: "netavark setup".into(),
            reason: format!("unexpected answer ({e}): {}", String::from_utf8_lossy(&out)),
        })
    }

    pub fn teardown(&self, netns: &Path, opts: &Value) -> Result<()> {
        self.call("teardown", netns, opts).map(drop)
    }

    /// Runs netavark; the caller holds [`Netavark::lock`]. That lock goes with the caller,
    /// and a ctl killed mid-call leaves netavark running: so netavark runs under
    /// flock(1), which holds a second lock until netavark exits, and the next call waits for
    /// that one too. netavark itself must not inherit a lock: the aardvark-dns it starts
    /// would, and would hold it for good.
    fn call(&self, verb: &'static str, netns: &Path, opts: &Value) -> Result<Vec<u8>> {
        let flock = crate::runtime::find_program("flock");
        loop {
            if let Some(out) = self.call_once(verb, netns, opts, flock.as_deref())? {
                return Ok(out);
            }
        }
    }

    /// One try; None when flock(1) found the run lock taken (by a netavark started after
    /// this process last waited for it, which only a ctl killed meanwhile can leave).
    fn call_once(
        &self,
        verb: &'static str,
        netns: &Path,
        opts: &Value,
        flock: Option<&Path>,
    ) -> Result<Option<Vec<u8>>> {
        let fail = |reason: String| Error::Network {
            what: format!("netavark {verb}"),
            reason,
        };
        create_private_dir(&self.config_dir)?;
        let mut cmd = match flock {
            Some(flock) => {
                // Wait here, not in flock(1): a flock(1) left waiting by a killed ctl would
                // run its netavark whenever it got the lock, after whatever came next.
                drop(Lock::exclusive(&self.run_lock())?);
                let mut c = Command::new(flock);
                c.args(["--nonblock", "--close", "--conflict-exit-code"])
                    .arg(FLOCK_CONFLICT.to_string())
                    .arg(self.run_lock())
                    .arg(&self.binary);
                c
            }
            None => Command::new(&self.binary),
        };
        cmd.arg("--config")
            .arg(&self.config_dir)
            .arg("--rootless=false");
        if let Some(a) = &self.aardvark {
            cmd.arg("--aardvark-binary").arg(a);
        }
        // netavark runs iptables/nft by name; /usr/sbin is not on every PATH.
        let path = std::env::var("PATH").unwrap_or_default();
        if !path.split(':').any(|p| p == "/usr/sbin") {
            cmd.env("PATH", format!("{path}:/usr/sbin:/sbin"));
        }
        // Output goes to unnamed files, not pipes: aardvark-dns, which netavark starts and
        // which outlives it, must not hold a pipe that ctl reads to its end.
        let stdout = tempfile::tempfile().map_err(|e| fail(e.to_string()))?;
        let stderr = tempfile::tempfile().map_err(|e| fail(e.to_string()))?;
        let mut child = cmd
            .arg(verb)
            .arg(netns)
            .stdin(Stdio::piped())
            .stdout(stdout.try_clone().map_err(|e| fail(e.to_string()))?)
            .stderr(stderr.try_clone().map_err(|e| fail(e.to_string()))?)
            .spawn()
            .map_err(|e| fail(format!("cannot run {}: {e}", self.binary.display())))?;
        let input = serde_json::to_vec(opts).expect("options serialize");
        if let Some(mut w) = child.stdin.take() {
            let _ = w.write_all(&input);
        }
        let status = child.wait().map_err(|e| fail(e.to_string()))?;
        let read = |mut f: std::fs::File| {
            let mut buf = Vec::new();
            let _ = f.rewind();
            let _ = f.read_to_end(&mut buf);
            buf
        };
        let out = read(stdout);
        if status.success() {
            return Ok(Some(out));
        }
        if flock.is_some() && status.code() == Some(FLOCK_CONFLICT) && out.is_empty() {
            return Ok(None);
        }
        // netavark's error is `{"error": "..."}` on stdout; stderr has its log.
        let msg = serde_json::from_slice::<Value>(&out)
            .ok()
            .and_then(|v| v.get("error").and_then(Value::as_str).map(str::to_string))
            .unwrap_or_else(|| {
                let err = read(stderr);
                let text = String::from_utf8_lossy(&err);
                text.lines()
                    .rfind(|l| !l.trim().is_empty())
                    .unwrap_or("failed")
                    .to_string()
            });
        Err(fail(msg))
    }
}

/// [`Netavark::lock`], for when netavark itself cannot be found (its records can still be
/// undone in part).
pub fn lock_at(lock_dir: &Path) -> Result<Lock> {
    create_private_dir(lock_dir)?;
    Lock::exclusive(&lock_dir.join("netavark.lock"))
}

/// flock(1)'s exit code when the run lock is taken (netavark's own are 0 and 1).
const FLOCK_CONFLICT: i32 = 75;
