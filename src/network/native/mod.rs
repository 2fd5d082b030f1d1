//! The native bridge backend: what netavark does for a bridge network without DNS, done in
//! process. Links, addresses and routes through netlink ([`link`]); the firewall as elements
//! of ctl's own nftables table, one transaction per setup and one per teardown ([`nft`]).
//! It takes netavark's options and answers with netavark's status, so a container's record
//! reads the same whichever backend set it up.

pub mod link;
pub mod nft;

use std::collections::BTreeMap;
use std::fs::File;
use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;

use ipnet::{IpNet, Ipv4Net};
use serde_json::Value;

use self::nft::{Forward, NetRules};
use super::config::Network;
use super::netavark::{Address, Interface, StatusBlock};
use super::ports::PortMapping;
use crate::error::{Error, Result};

/// One network of a container, as the native backend makes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attach {
    pub network: String,
    pub rules: NetRules,
    pub subnet: Ipv4Net,
    pub gateway: Option<Ipv4Addr>,
    /// The interface in the container (eth0, ...).
    pub iface: String,
    pub ip: Ipv4Addr,
    /// The host end of the veth pair, named after the container so that its teardown finds
    /// it without the namespace.
    pub host_veth: String,
    /// The container end's name until it is renamed in the namespace.
    pub peer: String,
}

/// What a container's options ask of the native backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub attach: Vec<Attach>,
    pub forwards: Vec<Forward>,
}

fn bad(reason: impl Into<String>) -> Error {
    Error::Network {
        what: "network setup".into(),
        reason: reason.into(),
    }
}

/// Why the native backend cannot set up `net`, if it cannot (it declines what it does not
/// do, and netavark does it).
pub fn declines(net: &Network) -> Option<String> {
    if net.dns_enabled {
        return Some(format!(
            "network {} has DNS enabled (aardvark-dns is netavark's)",
            net.name
        ));
    }
    if net.driver != "bridge" {
        return Some(format!("network {} is not a bridge", net.name));
    }
    if net.ipv6_enabled || net.subnets.iter().any(|s| !s.subnet.addr().is_ipv4()) {
        return Some(format!("network {} has IPv6", net.name));
    }
    None
}

/// Reads netavark's options (see [`super::netavark::options`]). Pure.
pub fn plan(opts: &Value) -> Result<Plan> {
    let id = opts["container_id"].as_str().unwrap_or_default();
    if id.len() < 10 {
        return Err(bad("no container id"));
    }
    let mut attach = Vec::new();
    let nets = opts["networks"].as_object().cloned().unwrap_or_default();
    for (name, n) in &nets {
        let def: Network = serde_json::from_value(opts["network_info"][name].clone())
            .map_err(|e| bad(format!("network {name}: {e}")))?;
        if let Some(why) = declines(&def) {
            return Err(bad(why));
        }
        let (subnet, gateway) = def
            .ipv4()
            .ok_or_else(|| bad(format!("network {name} has no IPv4 subnet")))?;
        let ip = n["static_ips"]
            .as_array()
            .and_then(|a| a.first())
            .and_then(Value::as_str)
            .and_then(|s| s.parse::<Ipv4Addr>().ok())
            .ok_or_else(|| bad(format!("network {name}: no IPv4 address")))?;
        let iface = n["interface_name"].as_str().unwrap_or("eth0").to_string();
        attach.push((iface, name.clone(), def, subnet, gateway, ip));
    }
    // eth0 first: its gateway is the default route.
    attach.sort_by(|a, b| (a.0.len(), &a.0).cmp(&(b.0.len(), &b.0)));
    let attach: Vec<Attach> = attach
        .into_iter()
        .enumerate()
        .map(|(i, (iface, name, def, subnet, gateway, ip))| Attach {
            network: name,
            rules: NetRules {
                bridge: def.network_interface.clone(),
                id: def.id.clone(),
                internal: def.internal,
            },
            subnet,
            gateway,
            iface,
            ip,
            host_veth: format!("vc{}{i}", &id[..10]),
            peer: format!("vp{}{i}", &id[..10]),
        })
        .collect();
    let ports: Vec<PortMapping> =
        serde_json::from_value(opts["port_mappings"].clone()).unwrap_or_default();
    let mut forwards = Vec::new();
    if let Some(first) = attach.first() {
        for p in &ports {
            let host_ip = match p.host_ip.as_str() {
                "" | "0.0.0.0" => None,
                s => match s.parse::<IpAddr>() {
                    Ok(IpAddr::V4(a)) => Some(a),
                    _ => return Err(bad(format!("host address {s}: IPv4 only"))),
                },
            };
            for k in 0..p.range.max(1) {
                forwards.push(Forward {
                    proto: p.protocol.clone(),
                    host_ip,
                    host_port: p.host_port.saturating_add(k),
                    ip: first.ip,
                    port: p.container_port.saturating_add(k),
                });
            }
        }
    }
    Ok(Plan { attach, forwards })
}

/// Runs `f` on a runtime of its own, in a thread of its own (the caller may be inside
/// another runtime, where blocking on one is refused).
fn on_runtime<T: Send>(
    f: impl std::future::Future<Output = std::result::Result<T, String>> + Send,
) -> std::result::Result<T, String> {
    std::thread::scope(|s| {
        s.spawn(|| {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_io()
                .build()
                .map_err(|e| format!("runtime: {e}"))?;
            rt.block_on(f)
        })
        .join()
        .unwrap_or_else(|_| Err("network thread failed".into()))
    })
}

/// Sets up the container's networks in `netns`: all of it, or (on error) nothing.
pub fn setup(netns: &Path, opts: &Value) -> Result<BTreeMap<String, StatusBlock>> {
    let plan = plan(opts)?;
    let ns_file = File::open(netns).map_err(|e| bad(format!("{}: {e}", netns.display())))?;
    on_runtime(async {
        let h = link::host()?;
        let mut made_bridges = Vec::new();
        let mut made_veths = Vec::new();
        let done = async {
            link::sysctl("net/ipv4/ip_forward", "1")?;
            for a in &plan.attach {
                let (index, made) =
                    link::ensure_bridge(&h, &a.rules.bridge, a.gateway, a.subnet.prefix_len())
                        .await?;
                if made {
                    made_bridges.push(a.rules.bridge.clone());
                }
                // Port forwarding from the host's 127.0.0.1 routes loopback sources out.
                link::sysctl(
                    &format!("net/ipv4/conf/{}/route_localnet", a.rules.bridge),
                    "1",
                )?;
                made_veths.push(a.host_veth.clone());
                link::veth_into(&h, &a.host_veth, &a.peer, index, &ns_file).await?;
            }
            let inner = link::inside(netns)?;
            let mut status = BTreeMap::new();
            for (i, a) in plan.attach.iter().enumerate() {
                let mac = link::configure_inside(
                    &inner,
                    &a.peer,
                    &a.iface,
                    a.ip,
                    a.subnet.prefix_len(),
                    a.gateway,
                    i == 0,
                )
                .await?;
                status.insert(a.network.clone(), status_block(a, mac));
            }
            let rules: Vec<NetRules> = plan.attach.iter().map(|a| a.rules.clone()).collect();
            nft::apply(&nft::setup_batch(&rules, &plan.forwards))?;
            Ok(status)
        };
        let out = done.await;
        if out.is_err() {
            for v in &made_veths {
                let _ = link::delete(&h, v).await;
            }
            for b in &made_bridges {
                let _ = link::delete(&h, b).await;
            }
        }
        out
    })
    .map_err(bad)
}

/// Undoes [`setup`]: the veths, the forwards, and the networks (bridge, chains) whose last
/// container this was; the table when no network is left. Whatever is already gone is no
/// error, so it can run again after a teardown cut short.
pub fn teardown(opts: &Value) -> Result<()> {
    let plan = plan(opts)?;
    on_runtime(async {
        let h = link::host()?;
        let mut gone = Vec::new();
        for a in &plan.attach {
            link::delete(&h, &a.host_veth).await?;
        }
        for a in &plan.attach {
            if let Some(b) = link::by_name(&h, &a.rules.bridge).await? {
                if !link::has_ports(&h, b.header.index).await? {
                    link::delete(&h, &a.rules.bridge).await?;
                    gone.push(a.rules.clone());
                }
            }
        }
        nft::apply(&nft::teardown_batch(&plan.forwards, &gone))?;
        if !gone.is_empty() {
            let listing = nft::run(&["list", "map", "inet", nft::TABLE, "nat_nets"], None)?;
            if nft::no_networks(&listing) {
                nft::apply(&nft::delete_table_batch())?;
            }
        }
        Ok(())
    })
    .map_err(|reason| Error::Network {
        what: "network teardown".into(),
        reason,
    })
}

fn status_block(a: &Attach, mac: String) -> StatusBlock {
    let ipnet = IpNet::V4(Ipv4Net::new(a.ip, a.subnet.prefix_len()).expect("prefix of a subnet"));
    StatusBlock {
        dns_search_domains: Some(Vec::new()),
        dns_server_ips: Some(Vec::new()),
        interfaces: Some(BTreeMap::from([(
            a.iface.clone(),
            Interface {
                mac_address: mac,
                subnets: Some(vec![Address {
                    gateway: a.gateway.map(IpAddr::V4),
                    ipnet,
                }]),
            },
        )])),
    }
}

/// Whether nftables can be driven here: why not, if not.
pub fn unusable() -> Option<String> {
    crate::runtime::find_program("nft")
        .is_none()
        .then(|| "nft not found (install nftables)".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::config::default_network;
    use crate::network::netavark::{options, Attachment};

    const ID: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn plans_from_netavarks_options() {
        let net = default_network();
        let ports = vec![PortMapping {
            container_port: 80,
            host_ip: String::new(),
            host_port: 8080,
            protocol: "tcp".into(),
            range: 2,
        }];
        let att = [Attachment {
            network: &net,
            interface: "eth0".into(),
            ip: "10.88.0.7".parse().unwrap(),
            aliases: vec![],
        }];
        let p = plan(&options(ID, "web", "web", &att, &ports)).unwrap();
        assert_eq!(p.attach.len(), 1);
        let a = &p.attach[0];
        assert_eq!(a.iface, "eth0");
        assert_eq!(a.host_veth, "vc01234567890");
        assert_eq!(a.peer, "vp01234567890");
        assert!(a.host_veth.len() <= 15);
        assert_eq!(a.ip, Ipv4Addr::new(10, 88, 0, 7));
        assert_eq!(a.rules.bridge, net.network_interface);
        assert_eq!(
            p.forwards
                .iter()
                .map(|f| (f.host_port, f.port))
                .collect::<Vec<_>>(),
            vec![(8080, 80), (8081, 81)]
        );
    }

    #[test]
    fn declines_dns_and_ipv6_networks() {
        let mut net = default_network();
        assert_eq!(declines(&net), None);
        net.dns_enabled = true;
        assert!(declines(&net).unwrap().contains("DNS"));
        let att = [Attachment {
            network: &net,
            interface: "eth0".into(),
            ip: "10.88.0.7".parse().unwrap(),
            aliases: vec![],
        }];
        assert!(plan(&options(ID, "w", "w", &att, &[])).is_err());
    }
}
