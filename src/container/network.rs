//! A container's bridge network, set up before each run and torn down after it, always
//! under the container's lock. Setup either completes or leaves nothing: host ports are
//! reserved first, then the run is recorded, then the namespace is made, then an address is
//! leased, then the record is completed and netavark configures it; a failure at any step
//! undoes the earlier ones, and a ctl killed at any step leaves a record that the next start,
//! rm or sweep ([`crate::network::orphans`]) undoes.

use std::collections::BTreeMap;
use std::fs;
use std::net::IpAddr;
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::container::lifecycle::Manager;
use crate::container::plan::NetworkPlan;
use crate::container::spec::{self, NetworkMode};
use crate::container::state::State;
use crate::container::store::ContainerConfig;
use crate::error::{Error, IoContext, Result};
use crate::fsutil::atomic_write;
use crate::network::backend::{self, Backend, Choice, Kind};
use crate::network::config::{Network, Networks};
use crate::network::ipam::{Ipam, Lease};
use crate::network::netavark::{self, Attachment, Netavark, StatusBlock};
use crate::network::orphans::{self, Sweep};
use crate::network::ports::PortMapping;
use crate::network::rootless as usernet;
use crate::network::{netns, ports, Attached, Mode, NetworkState};

/// A planned network checked against the store and made concrete for the bundle.
pub(crate) struct NetBundle {
    /// What the runtime is told.
    pub spec: NetworkMode,
    /// The mode for the record: a bridge by its network's name, another container by id.
    pub record: Mode,
    pub networks: Vec<String>,
    /// Bridge: published ports as planned (host port 0: any free one at each start).
    pub ports: Vec<PortMapping>,
    /// Rootless: ports forwarded by pasta or slirp4netns, free host ports picked now.
    pub user_ports: Vec<PortMapping>,
    /// The container whose namespace (and /etc/hosts, resolv.conf) this one shares.
    pub shares_with: Option<String>,
}

fn bad_option(value: &str, reason: impl Into<String>) -> Error {
    Error::InvalidInput {
        what: "network option",
        value: value.to_string(),
        reason: reason.into(),
    }
}

impl Manager {
    /// Checks a new container's planned network against the networks and the other
    /// containers, which the plan cannot see.
    pub(crate) fn network_bundle(
        &self,
        id: &str,
        plan: &NetworkPlan,
        in_pod: bool,
    ) -> Result<NetBundle> {
        let simple = |spec, record| NetBundle {
            spec,
            record,
            networks: Vec::new(),
            ports: Vec::new(),
            user_ports: Vec::new(),
            shares_with: None,
        };
        Ok(match &plan.mode {
            Mode::None => simple(NetworkMode::None, Mode::None),
            Mode::Host => simple(NetworkMode::Host, Mode::Host),
            Mode::Pasta | Mode::Slirp4netns => {
                let mut user_ports = plan.ports.clone();
                usernet::assign_host_ports(&mut user_ports)?;
                NetBundle {
                    user_ports,
                    ..simple(
                        NetworkMode::Path(usernet::netns_path(&self.ctx.runroot, id)),
                        plan.mode.clone(),
                    )
                }
            }
            Mode::Bridge(name) => {
                if self.ctx.rootless {
                    return Err(bad_option(
                        name,
                        "bridge networks need root; use --network none or host",
                    ));
                }
                let net = self.networks()?.get(name)?;
                if let Some(ip) = plan.ip {
                    match net.ipv4() {
                        Some((sub, gw))
                            if sub.contains(&ip)
                                && ip != sub.network()
                                && ip != sub.broadcast()
                                && Some(ip) != gw => {}
                        _ => {
                            return Err(bad_option(
                                &ip.to_string(),
                                format!("not a free host address of network {}", net.name),
                            ))
                        }
                    }
                }
                NetBundle {
                    spec: NetworkMode::Path(self.netns_path(id)),
                    record: Mode::Bridge(net.name.clone()),
                    networks: vec![net.name],
                    ports: plan.ports.clone(),
                    user_ports: Vec::new(),
                    shares_with: None,
                }
            }
            Mode::Container(target) => {
                let t = self.get(target)?;
                let spec = if t.config.network == Mode::Host {
                    NetworkMode::Host
                } else if !t.state.is_running() && in_pod {
                    // A pod's member is made while its infra may not run: the path is
                    // looked up again at each start (`refresh_joins`), the infra's first.
                    NetworkMode::Path(self.netns_path(t.id()))
                } else if !t.state.is_running() {
                    return Err(bad_option(
                        &format!("container:{target}"),
                        "the container is not running",
                    ));
                } else if !t.config.networks.is_empty() {
                    NetworkMode::Path(self.netns_path(t.id()))
                } else {
                    let pid = t.state.pid.unwrap_or(0);
                    NetworkMode::Path(PathBuf::from(format!("/proc/{pid}/ns/net")))
                };
                NetBundle {
                    shares_with: Some(t.id().to_string()),
                    ..simple(spec, Mode::Container(t.id().to_string()))
                }
            }
        })
    }

    /// Where a container's network namespace is bind mounted while it runs.
    pub fn netns_path(&self, id: &str) -> PathBuf {
        self.containers.runroot().join("netns").join(id)
    }

    pub fn networks(&self) -> Result<Networks> {
        Networks::open(&self.ctx.root)
    }

    fn netavark(&self) -> Result<Netavark> {
        // aardvark-dns per store: network names are a store's own, and two stores may both
        // have a "web". Bridges, addresses and the lock are the machine's.
        let config = self.containers.runroot().join("networks");
        Netavark::find(&config, &self.ctx.network_run_dir)
    }

    /// The bridge backend of this machine and configuration.
    pub fn network_choice(&self) -> Choice {
        backend::detect(self.ctx.network_backend)
    }

    /// Sets up the container's bridge networks for a run and records them in `state`;
    /// returns the sockets holding its published host ports (for the monitor to keep).
    /// The caller holds the container's lock. On error, nothing of it is left.
    pub(crate) fn setup_network(
        &self,
        cfg: &ContainerConfig,
        state: &mut State,
    ) -> Result<Vec<OwnedFd>> {
        if cfg.networks.is_empty() {
            return Ok(Vec::new());
        }
        let nets = self.networks()?;
        let defs = cfg
            .networks
            .iter()
            .map(|n| nets.get(n))
            .collect::<Result<Vec<Network>>>()?;
        let mut ports = cfg.ports.clone();
        // The sockets die with this process: nothing to record for them.
        let held = ports::reserve(&mut ports)?;
        let mut ns = NetworkState {
            netns: self.netns_path(&cfg.id),
            bridges: defs.iter().map(|n| n.network_interface.clone()).collect(),
            options: Value::Null,
            configured: false,
            backend: Kind::default(),
            networks: BTreeMap::new(),
            ports,
        };
        // Recorded before anything is made, so a ctl killed at any point leaves a record the
        // next start, rm or sweep undoes (releasing a lease never taken is harmless).
        orphans::write_record(&ns)?;
        let made = netns::create(&ns.netns).and_then(|_| self.configure(cfg, &defs, &mut ns));
        match made {
            Ok(()) => {
                state.network = Some(ns);
                Ok(held)
            }
            Err(e) => {
                // Best effort, and quiet: the setup's error is the one to report, and netavark
                // complains about every part it had not made yet.
                if let Err(undo) = self.undo_network(&cfg.id, &ns, true) {
                    tracing::debug!("undoing a failed network setup: {undo}");
                }
                Err(e)
            }
        }
    }

    fn configure(
        &self,
        cfg: &ContainerConfig,
        defs: &[Network],
        ns: &mut NetworkState,
    ) -> Result<()> {
        let choice = self.network_choice();
        if let Some(note) = &choice.note {
            tracing::debug!("{note}");
        }
        let kind = backend::for_networks(choice.kind, defs);
        let nv = self.netavark();
        let be = match kind {
            Kind::Netavark => Backend::Netavark(self.netavark()?),
            Kind::Native => Backend::Native,
        };
        let ipam = Ipam::open(&self.ctx.network_run_dir)?;
        let _lock = netavark::lock_at(&self.ctx.network_run_dir)?;
        // What killed ctls left on these bridges goes first: their addresses, veths and
        // rules would otherwise stay until a `system prune`.
        match orphans::sweep(
            nv.as_ref().ok(),
            &ipam,
            &self.ctx.root,
            &self.netns_dir(),
            Some(&ns.bridges),
        ) {
            Ok(s) if !s.is_empty() => tracing::debug!("reclaimed network leftovers: {s:?}"),
            Ok(_) => {}
            Err(e) => tracing::warn!("reclaiming network leftovers: {e}"),
        }
        let mut attach = Vec::new();
        for (i, n) in defs.iter().enumerate() {
            let fail = |reason: String| Error::Network {
                what: format!("network {}", n.name),
                reason,
            };
            let (subnet, gateway) = n.ipv4().ok_or_else(|| fail("has no IPv4 subnet".into()))?;
            let wanted = if i == 0 { cfg.static_ip } else { None };
            let lease = Lease::new(&cfg.id, &ns.netns, &self.ctx.root);
            let ip = ipam.with_table(&n.network_interface, |t| {
                t.allocate(subnet, gateway, wanted, lease)
                    .map_err(|e| fail(e.to_string()))
            })?;
            let mut aliases = cfg.network_aliases.clone();
            aliases.push(cfg.id[..12].to_string());
            attach.push(Attachment {
                network: n,
                interface: format!("eth{i}"),
                ip: IpAddr::V4(ip),
                aliases,
            });
        }
        ns.options = netavark::options(&cfg.id, &cfg.name, &cfg.hostname, &attach, &ns.ports);
        if !cfg.etc.dns_servers.is_empty() {
            // aardvark-dns forwards the names it does not know to these, as podman's --dns.
            ns.options["dns_servers"] = serde_json::json!(cfg.etc.dns_servers);
        }
        // Before the call: a failed setup can leave part of its work (netavark does not undo
        // it), so its teardown must run too.
        ns.configured = true;
        ns.backend = kind;
        // And on disk before it: a ctl killed during or right after the setup has not
        // recorded it in the state yet, and the next start, rm or sweep undoes it from this.
        orphans::write_record(ns)?;
        let status = be.setup(&ns.netns, &ns.options)?;
        for a in &attach {
            let block = status.get(&a.network.name).cloned().unwrap_or_default();
            ns.networks
                .insert(a.network.name.clone(), attached(a, &block));
        }
        Ok(())
    }

    /// Undoes what `ns` records; every step runs whatever the others did. netavark's own
    /// failure is only a warning: the namespace and the address go anyway, and nothing would
    /// be gained by keeping them.
    fn undo_network(&self, id: &str, ns: &NetworkState, quiet: bool) -> Result<()> {
        let nv = self.netavark();
        let _lock = netavark::lock_at(&self.ctx.network_run_dir)?;
        let ipam = Ipam::open(&self.ctx.network_run_dir)?;
        let failed = orphans::undo(nv.as_ref().ok(), &ipam, id, ns)?;
        let needs_nv = ns.configured && ns.backend == Kind::Netavark;
        match failed.or(nv.err().filter(|_| needs_nv)) {
            Some(e) if quiet => tracing::debug!("container {id}: {e}"),
            Some(e) => tracing::warn!("container {}: {e}", &id[..12.min(id.len())]),
            None => {}
        }
        // Records of earlier versions, kept in the container's run dir.
        match fs::remove_file(self.legacy_record_path(id)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(Error::io(self.legacy_record_path(id), e))
            }
            _ => Ok(()),
        }
    }

    /// Where a container's namespaces are bind mounted (and their records kept).
    fn netns_dir(&self) -> PathBuf {
        self.containers.runroot().join("netns")
    }

    /// Whether a run's network may be left without the state knowing of it (a ctl killed
    /// during its setup): a record or a namespace. [`Manager::teardown_network`] undoes it.
    pub fn network_leftovers(&self, id: &str) -> bool {
        let netns = self.netns_path(id);
        !self.ctx.rootless
            && (orphans::record_path(&netns).exists()
                || self.legacy_record_path(id).exists()
                || netns::is_netns(&netns))
    }

    /// Undoes the bridge networks of this store's containers that are gone (killed ctls,
    /// removals cut short) and gives back the addresses of any store's gone containers.
    /// Nothing to do rootless: bridges are root's.
    pub fn sweep_network_orphans(&self) -> Result<Sweep> {
        if self.ctx.rootless {
            return Ok(Sweep::default());
        }
        let nv = self.netavark();
        let _lock = netavark::lock_at(&self.ctx.network_run_dir)?;
        let ipam = Ipam::open(&self.ctx.network_run_dir)?;
        orphans::sweep(
            nv.as_ref().ok(),
            &ipam,
            &self.ctx.root,
            &self.netns_dir(),
            None,
        )
    }

    /// Where earlier versions recorded a network before setting it up.
    fn legacy_record_path(&self, id: &str) -> PathBuf {
        self.containers.run_dir(id).join("network.json")
    }

    /// Stops a rootless container's pasta or slirp4netns and drops its namespace. Only
    /// rootless: the namespace's path is the one a rootful container's netavark setup uses,
    /// which [`Manager::teardown_network`] must find in place to undo its rules.
    pub(crate) fn teardown_user_net(&self, id: &str) {
        if self.ctx.rootless {
            crate::network::rootless::teardown(&self.ctx.runroot, id);
        }
    }

    /// Tears down the network `state` records (none: nothing to do) and forgets it. The
    /// caller holds the container's lock and writes the state.
    pub(crate) fn teardown_network(&self, id: &str, state: &mut State) -> Result<()> {
        let ns = match state.network.take() {
            Some(ns) => ns,
            None => {
                let record = orphans::read_record(&orphans::record_path(&self.netns_path(id)))
                    .or_else(|| orphans::read_record(&self.legacy_record_path(id)));
                match record {
                    Some(ns) => ns,
                    None => {
                        // A namespace made by a ctl killed before it configured anything
                        // (maybe only its file, killed before the bind mount).
                        if !self.ctx.rootless {
                            netns::remove(&self.netns_path(id))?;
                        }
                        return Ok(());
                    }
                }
            }
        };
        if let Err(e) = self.undo_network(id, &ns, false) {
            state.network = Some(ns);
            return Err(e);
        }
        Ok(())
    }

    /// /etc/hosts and /etc/resolv.conf for the addresses of this run.
    pub(crate) fn write_network_etc(&self, cfg: &ContainerConfig, ns: &NetworkState) -> Result<()> {
        let Some(first) = cfg.networks.first().and_then(|n| ns.networks.get(n)) else {
            return Ok(());
        };
        let userdata = self.containers.dir(&cfg.id).join("userdata");
        let mut names = vec![cfg.hostname.as_str()];
        if cfg.name != cfg.hostname {
            names.push(&cfg.name);
        }
        if !cfg.etc.no_hosts {
            let user = crate::container::bundle::hosts_entries(&cfg.etc, first.gateway, true)?;
            let merged = userdata.with_file_name("merged");
            let base = crate::container::hosts_base::hosts_base(&cfg.etc, false, &merged)?;
            let hosts = spec::hosts_file(&user, &base, first.gateway, Some(first.ip), &names);
            write_file(&userdata.join("hosts"), &hosts)?;
        }
        let servers: Vec<IpAddr> = ns
            .networks
            .values()
            .flat_map(|a| a.dns_servers.iter().copied())
            .collect();
        if !servers.is_empty() && !cfg.etc.image_resolv_conf {
            let search: Vec<String> = ns
                .networks
                .values()
                .flat_map(|a| a.dns_search.iter().cloned())
                .collect();
            let host = fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
            write_file(
                &userdata.join("resolv.conf"),
                &spec::custom_resolv_conf(
                    &spec::resolv_conf_with_dns(&host, &servers, &search),
                    &cfg.etc,
                    true,
                ),
            )?;
        }
        Ok(())
    }
}

fn write_file(path: &Path, text: &str) -> Result<()> {
    atomic_write(path, text.as_bytes())?;
    // atomic_write's temp file is private; the container's processes read these as any user.
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o644)).at(path)
}

/// netavark's status for one network, boiled down to what inspect and /etc files need.
fn attached(a: &Attachment<'_>, block: &StatusBlock) -> Attached {
    let iface = block
        .interfaces
        .as_ref()
        .and_then(|i| i.get(&a.interface).cloned())
        .unwrap_or_default();
    let addr = iface
        .subnets
        .as_ref()
        .and_then(|s| s.iter().find(|x| x.ipnet.addr() == a.ip).cloned());
    let prefix_len = addr
        .as_ref()
        .map(|x| x.ipnet.prefix_len())
        .or_else(|| a.network.ipv4().map(|(n, _)| n.prefix_len()))
        .unwrap_or(32);
    let gateway = addr
        .and_then(|x| x.gateway)
        .or_else(|| a.network.ipv4().and_then(|(_, g)| g.map(IpAddr::V4)));
    Attached {
        network_id: a.network.id.clone(),
        interface: a.interface.clone(),
        ip: a.ip,
        prefix_len,
        gateway,
        mac: iface.mac_address,
        aliases: a.aliases.clone(),
        dns_servers: block.dns_server_ips.clone().unwrap_or_default(),
        dns_search: block.dns_search_domains.clone().unwrap_or_default(),
    }
}
