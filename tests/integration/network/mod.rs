//! Bridge networking as root through netavark, checked against the machine itself: HTTP
//! through published ports, names between containers, the namespace each mode gives, and
//! firewall rules, links and namespaces left as they were found.
//!
//! Each test has a network of its own (its own name, subnet and bridge), so the tests run
//! in parallel with each other and with every other test on the default network.

mod backend;
mod dns;
mod modes;
mod ports;
mod teardown;

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use serde_json::Value;

use crate::common::{wait_for, Ctl};

/// Where ctl keeps the machine-wide address tables.
const IPAM_DIR: &str = "/run/ctl/networks/ipam";

/// A network a test created.
pub struct Net {
    pub name: String,
    pub subnet: String,
    /// `10.90.N.`: what every address and rule of the network starts with.
    pub prefix: String,
    pub bridge: String,
    pub id: String,
}

impl Net {
    /// `ctl network create --subnet 10.90.OCTET.0/24 NAME`.
    pub fn create(ctl: &Ctl, name: &str, octet: u8) -> Net {
        let octet = octet_of(octet);
        let subnet = format!("10.90.{octet}.0/24");
        ctl.ok(&["network", "create", "--subnet", &subnet, name]);
        let v = ctl.ok(&["network", "inspect", name]).json();
        Net {
            name: name.into(),
            prefix: format!("10.90.{octet}."),
            subnet,
            bridge: v[0]["network_interface"].as_str().unwrap().into(),
            id: v[0]["id"].as_str().unwrap().into(),
        }
    }

    pub fn remove(&self, ctl: &Ctl) {
        ctl.ok(&["network", "rm", "-f", &self.name]);
    }

    /// Addresses leased on the network's bridge.
    pub fn leases(&self) -> usize {
        let path = Path::new(IPAM_DIR).join(format!("{}.json", self.bridge));
        std::fs::read(&path)
            .ok()
            .and_then(|d| serde_json::from_slice::<Value>(&d).ok())
            .and_then(|v| v["leases"].as_object().map(|m| m.len()))
            .unwrap_or(0)
    }
}

/// Whether the test runs on ctl's native backend (see [`native_too`]).
pub fn native() -> bool {
    crate::common::ctl::network_backend() == Some("native")
}

/// A test's own subnet octet: another one when it runs again on the native backend, in
/// parallel with its netavark run.
pub fn octet_of(octet: u8) -> u8 {
    if native() {
        octet + 100
    } else {
        octet
    }
}

/// Whether a firewall line forwards host port `port`: netavark's rule (`dport N`) or an
/// element of the native backend's port maps (`tcp . N : ADDRESS . PORT`).
pub fn forwards_port(line: &str, port: u16) -> bool {
    line.contains(&format!("dport {port}")) || line.contains(&format!(". {port} :"))
}

/// The host ends of the native backend's veths of container `id`.
pub fn native_veths(id: &str) -> Vec<String> {
    let prefix = format!("vc{}", &id[..10]);
    links()
        .into_iter()
        .filter(|l| l.starts_with(&prefix))
        .collect()
}

/// Tests run again with the native backend (`network-backend = "native"`): a module
/// `native` of tests calling the ones named, each under [`with_network_backend`].
///
/// [`with_network_backend`]: crate::common::ctl::with_network_backend
macro_rules! native_too {
    ($($t:ident),* $(,)?) => {
        mod native {
            $(
                #[test]
                fn $t() {
                    crate::common::ctl::with_network_backend("native", super::$t)
                }
            )*
        }
    };
}
pub(crate) use native_too;

/// Runs a host command; its stdout (the test fails if it cannot run or fails).
pub fn host(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd}: {e}"));
    assert!(
        out.status.success(),
        "{cmd} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The firewall as `iptables-save` and `nft list ruleset` print it, without comments and
/// packet counters.
pub fn ruleset() -> BTreeSet<String> {
    let ipt = host("iptables-save", &[]);
    let nft = host("nft", &["list", "ruleset"]);
    ipt.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| match l.rsplit_once(' ') {
            Some((head, c)) if l.starts_with(':') && c.starts_with('[') => head.to_string(),
            _ => l.to_string(),
        })
        .chain(nft.lines().map(|l| {
            // nft prints counters inline: "counter packets 3 bytes 180".
            let mut words: Vec<&str> = l.split_whitespace().collect();
            if let Some(i) = words.iter().position(|w| *w == "packets") {
                words.drain(i..(i + 4).min(words.len()));
            }
            format!("nft: {}", words.join(" "))
        }))
        .collect()
}

/// Network interface names of the host.
pub fn links() -> BTreeSet<String> {
    std::fs::read_dir("/sys/class/net")
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

/// Lines of `rules` that belong to `net`: they name its subnet or bridge, or a chain that
/// a line naming its subnet jumps to (netavark names them after the network's id).
pub fn rules_of(net: &Net, rules: &BTreeSet<String>, chains: &BTreeSet<String>) -> Vec<String> {
    rules
        .iter()
        .filter(|l| {
            l.contains(&net.prefix)
                || l.contains(&net.bridge)
                || chains.iter().any(|c| l.contains(c.as_str()))
        })
        .cloned()
        .collect()
}

/// The network's own chains, from the rules while it is in use.
pub fn chains_of(net: &Net, rules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for l in rules.iter().filter(|l| l.contains(&net.prefix)) {
        for w in l.split_whitespace() {
            let global = w.starts_with("NETAVARK-HOSTPORT") || w.starts_with("NETAVARK_");
            if w.starts_with("NETAVARK-") && !global {
                out.insert(w.to_string());
                if let Some(hash) = w.strip_prefix("NETAVARK-DN-") {
                    out.insert(format!("NETAVARK-{hash}"));
                } else if let Some(hash) = w.strip_prefix("NETAVARK-") {
                    out.insert(format!("NETAVARK-DN-{hash}"));
                }
            }
        }
    }
    out
}

/// One HTTP/1.0 GET; the whole response, or None when the connection fails.
pub fn http_get(addr: &str, path: &str) -> Option<String> {
    let mut s = TcpStream::connect_timeout(&addr.parse().ok()?, Duration::from_secs(2)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: test\r\n\r\n").ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    (!out.is_empty()).then_some(out)
}

/// Retries [`http_get`] until the server answers 200 (it may still be starting).
pub fn http_get_ok(addr: &str, path: &str) -> String {
    wait_for(Duration::from_secs(15), || {
        http_get(addr, path).filter(|r| r.starts_with("HTTP/1.") && r.contains(" 200 "))
    })
    .unwrap_or_else(|| {
        panic!(
            "no 200 from http://{addr}{path}: {:?}",
            http_get(addr, path)
        )
    })
}

/// The command that serves `text` at /index.html on port 80 (busybox httpd).
pub fn httpd(text: &str) -> Vec<String> {
    vec![
        "sh".into(),
        "-c".into(),
        format!("mkdir -p /www && echo {text} > /www/index.html && exec httpd -f -p 80 -h /www"),
    ]
}

/// `ctl inspect` of one container.
pub fn inspect(ctl: &Ctl, name: &str) -> Value {
    ctl.ok(&["inspect", "--type", "container", name]).json()[0].clone()
}

/// The container namespaces under the store's run dir (without their records, `<id>.json`).
pub fn netns_files(ctl: &Ctl) -> BTreeSet<String> {
    netns_entries(ctl)
        .into_iter()
        .filter(|n| !n.contains('.'))
        .collect()
}

/// Everything under the store's `netns` run dir: namespaces, their records, temp files.
pub fn netns_entries(ctl: &Ctl) -> BTreeSet<String> {
    std::fs::read_dir(ctl.runroot.join("netns"))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}
