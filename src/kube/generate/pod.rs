//! A Kubernetes Pod from containers (podman's `simplePodWithV1Containers`: one pod holding
//! them all) or from a pod (its members; the infra container gives the pod's network,
//! ports and host entries but is no container of the YAML).

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    ContainerPort, HostAlias, Pod, PodDNSConfig, PodDNSConfigOption, PodSpec, Volume,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};

use crate::container::record::ContainerConfig;
use crate::container::restart::RestartPolicy;
use crate::network::Mode;
use crate::pod::PodConfig;

use super::container::{container_ports, map_container, remove_underscores, ImageFacts, PathProbe};
use super::GenerateError;

/// podman's stop timeout when none is asked for; others become the grace period.
const DEFAULT_STOP_TIMEOUT: u32 = 10;

/// podman's reserved annotations.
pub const ULIMIT_ANNOTATION: &str = "io.podman.annotations.ulimit";
pub const INFRA_NAME_ANNOTATION: &str = "io.podman.annotations.infra.name";
pub const BIND_MOUNT_OPTIONS: &str = "bind-mount-options";

/// A container to describe, with its image's config (None: the image is gone).
#[derive(Debug, Clone)]
pub struct Member {
    pub config: ContainerConfig,
    pub image: Option<ImageFacts>,
}

/// `--restart` as a pod's restartPolicy (podman's: unless-stopped has none, nor has a
/// container made without `--restart`).
pub fn restart_policy(cfg: &ContainerConfig) -> Option<String> {
    let asked = cfg
        .create_command
        .iter()
        .any(|a| a == "--restart" || a.starts_with("--restart="));
    match &cfg.restart {
        RestartPolicy::No if !asked => None,
        RestartPolicy::No => Some("Never".into()),
        RestartPolicy::Always => Some("Always".into()),
        RestartPolicy::OnFailure { .. } => Some("OnFailure".into()),
        RestartPolicy::UnlessStopped => None,
    }
}

/// `--dns`, `--dns-search`, `--dns-option` of the containers, each value once.
fn dns(configs: &[&ContainerConfig]) -> Option<PodDNSConfig> {
    let mut d = PodDNSConfig::default();
    for c in configs {
        for s in &c.etc.dns_servers {
            let list = d.nameservers.get_or_insert_with(Vec::new);
            if !list.contains(&s.to_string()) {
                list.push(s.to_string());
            }
        }
        for s in &c.etc.dns_search {
            let list = d.searches.get_or_insert_with(Vec::new);
            if !list.contains(s) {
                list.push(s.clone());
            }
        }
        for o in &c.etc.dns_options {
            let (name, value) = o.split_once(':').unwrap_or((o, ""));
            d.options
                .get_or_insert_with(Vec::new)
                .push(PodDNSConfigOption {
                    name: Some(name.into()),
                    value: Some(value.into()),
                });
        }
    }
    (d != PodDNSConfig::default()).then_some(d)
}

/// The pod's object: the `app` label is its name, as podman's.
fn pod_object(name: &str, annotations: BTreeMap<String, String>, spec: PodSpec, now: &Time) -> Pod {
    Pod {
        metadata: ObjectMeta {
            name: Some(name.into()),
            labels: Some(BTreeMap::from([("app".into(), remove_underscores(name))])),
            annotations: (!annotations.is_empty()).then_some(annotations),
            creation_timestamp: Some(now.clone()),
            ..Default::default()
        },
        spec: Some(spec),
        status: None,
    }
}

fn push_volumes(all: &mut Vec<Volume>, new: Vec<Volume>) {
    for v in new {
        if !all.iter().any(|o| o.name == v.name) {
            all.push(v);
        }
    }
}

/// The hostname the containers were given, if any was (a container's default is its
/// short id, or `skip`).
fn chosen_hostname(cfg: &ContainerConfig, skip: Option<&str>) -> Option<String> {
    let h = &cfg.hostname;
    (!h.is_empty() && !cfg.id.contains(h.as_str()) && Some(h.as_str()) != skip).then(|| h.clone())
}

/// One pod holding `members` (containers of no pod), named after the first.
pub fn simple_pod(
    members: &[Member],
    service: bool,
    probe: PathProbe,
    now: &Time,
) -> Result<Pod, GenerateError> {
    let mut annotations = BTreeMap::new();
    let mut containers = Vec::new();
    let mut volumes = Vec::new();
    let mut hostname = None;
    let mut grace = None;
    let mut host_network = true;
    let mut host_users = true;
    for m in members {
        let cfg = &m.config;
        hostname = hostname.or_else(|| chosen_hostname(cfg, None));
        if grace.is_none() && cfg.stop_timeout != DEFAULT_STOP_TIMEOUT {
            grace = Some(i64::from(cfg.stop_timeout));
        }
        if !cfg.host.ulimits.is_empty() {
            annotations.insert(ULIMIT_ANNOTATION.into(), cfg.host.ulimits.join(","));
        }
        host_network &= cfg.network == Mode::Host;
        host_users &= cfg.idmaps.is_none();
        let mapped = map_container(cfg, m.image.as_ref(), service, probe);
        for o in mapped.bind_options {
            annotations.insert(BIND_MOUNT_OPTIONS.into(), o);
        }
        containers.push(mapped.container);
        push_volumes(&mut volumes, mapped.volumes);
    }
    let names: Vec<String> = containers.iter().map(|c| c.name.clone()).collect();
    let mut name = remove_underscores(&members[0].config.name);
    if names.contains(&name) {
        name.push_str("-pod");
    }
    let configs: Vec<&ContainerConfig> = members.iter().map(|m| &m.config).collect();
    let spec = PodSpec {
        containers,
        hostname,
        host_network: host_network.then_some(true),
        host_users: (!host_users).then_some(false),
        volumes: (!volumes.is_empty()).then_some(volumes),
        dns_config: dns(&configs),
        termination_grace_period_seconds: grace,
        restart_policy: restart_policy(&members[0].config),
        ..Default::default()
    };
    Ok(pod_object(&name, annotations, spec, now))
}

/// A pod's description and the container ports its infra publishes (for its Service).
#[derive(Debug)]
pub struct PodOut {
    pub pod: Pod,
    pub infra_ports: Vec<ContainerPort>,
}

/// The pod `pod`: `members` are its containers but the infra, `infra` the infra's record.
pub fn pod_of(
    pod: &PodConfig,
    infra: Option<&ContainerConfig>,
    members: &[Member],
    service: bool,
    probe: PathProbe,
    now: &Time,
) -> Result<PodOut, GenerateError> {
    if members.is_empty() {
        return Err(match infra {
            Some(_) => GenerateError::OnlyInfra(pod.id.clone()),
            None => GenerateError::NoContainers(pod.id.clone()),
        });
    }
    let mut annotations = BTreeMap::new();
    let mut infra_ports = Vec::new();
    let mut host_network = false;
    let mut host_users = true;
    let mut aliases = Vec::new();
    if let Some(i) = infra {
        let mut ports = i.ports.clone();
        ports.extend(i.user_ports.iter().cloned());
        infra_ports = container_ports(&ports, service);
        host_network = i.network == Mode::Host;
        host_users = i.idmaps.is_none();
        for h in &i.etc.add_hosts {
            // host-gateway has no address to write down.
            if let Some(ip) = h.address {
                aliases.push(HostAlias {
                    ip: ip.to_string(),
                    hostnames: Some(h.names.clone()),
                });
            }
        }
        let default_name = format!("{}-infra", &pod.id[..12.min(pod.id.len())]);
        if i.name != default_name {
            annotations.insert(INFRA_NAME_ANNOTATION.into(), i.name.clone());
        }
    }
    let mut sorted: Vec<&Member> = members.iter().collect();
    sorted.sort_by_key(|m| m.config.created);
    let mut containers = Vec::new();
    let mut volumes = Vec::new();
    let mut hostname = None;
    let mut grace = None;
    let mut first = true;
    for m in &sorted {
        let cfg = &m.config;
        hostname = hostname.or_else(|| chosen_hostname(cfg, Some(&pod.name)));
        if grace.is_none() && cfg.stop_timeout != DEFAULT_STOP_TIMEOUT {
            grace = Some(i64::from(cfg.stop_timeout));
        }
        let mut mapped = map_container(cfg, m.image.as_ref(), service, probe);
        for o in mapped.bind_options {
            annotations.insert(BIND_MOUNT_OPTIONS.into(), o);
        }
        // The infra publishes the pod's ports: they are written on the first container.
        if pod.shares("net") {
            mapped.container.ports = None;
            if first && !infra_ports.is_empty() {
                mapped.container.ports = Some(infra_ports.clone());
                first = false;
            }
        }
        containers.push(mapped.container);
        push_volumes(&mut volumes, mapped.volumes);
    }
    let infra_dns: Vec<&ContainerConfig> = infra.into_iter().collect();
    let spec = PodSpec {
        containers,
        hostname,
        host_network: host_network.then_some(true),
        host_users: (!host_users).then_some(false),
        host_aliases: (!aliases.is_empty()).then_some(aliases),
        volumes: (!volumes.is_empty()).then_some(volumes),
        dns_config: dns(&infra_dns),
        termination_grace_period_seconds: grace,
        share_process_namespace: pod.shares("pid").then_some(true),
        ..Default::default()
    };
    Ok(PodOut {
        pod: pod_object(&remove_underscores(&pod.name), annotations, spec, now),
        infra_ports,
    })
}
