//! One container's record → a Kubernetes container and the pod volumes it mounts, as
//! podman's `containerToV1Container` maps them (pure: the image's config and the host
//! paths' kinds are inputs).

use std::collections::BTreeMap;
use std::path::Path;

use k8s_openapi::api::core::v1::{
    Container, ContainerPort, EmptyDirVolumeSource, EnvVar, HostPathVolumeSource,
    PersistentVolumeClaimVolumeSource, ResourceRequirements, Volume, VolumeMount,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

use crate::container::record::{ContainerConfig, MountRecord};
use crate::container::resources::CPU_PERIOD;
use crate::container::spec::DEFAULT_PATH;
use crate::network::ports::PortMapping;

use super::quantity;
use super::security::security_context;

/// What of the image's config decides which settings are the container's own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImageFacts {
    pub cmd: Option<Vec<String>>,
    pub entrypoint: Option<Vec<String>>,
    pub env: Vec<String>,
    pub workdir: String,
    pub user: String,
}

/// What a host path is: a directory, a file, or nothing (None).
pub type PathProbe<'a> = &'a dyn Fn(&Path) -> Option<bool>;

/// A container mapped: the container, the volumes its mounts name, and podman's
/// `bind-mount-options` annotation values (`SOURCE:z`) of its relabelled binds.
#[derive(Debug, Clone, Default)]
pub struct Mapped {
    pub container: Container,
    pub volumes: Vec<Volume>,
    pub bind_options: Vec<String>,
}

/// podman's `removeUnderscores`: Kubernetes names have none.
pub fn remove_underscores(s: &str) -> String {
    s.replace('_', "")
}

/// podman's `fixKubeVolumeName`: a path or volume name as a Kubernetes name.
pub fn kube_volume_name(source: &str) -> String {
    source
        .trim_matches('/')
        .replace('/', "-")
        .replace(['.', '_'], "-")
        .to_lowercase()
}

/// Published ports as container ports: TCP is Kubernetes' default and left out; with a
/// Service (`service`) the host ports are the Service's business and left out too.
pub fn container_ports(ports: &[PortMapping], service: bool) -> Vec<ContainerPort> {
    let mut out = Vec::new();
    for p in ports {
        for proto in p.protocol.split(',') {
            let protocol = match proto.to_ascii_uppercase().as_str() {
                "UDP" => Some("UDP".to_string()),
                "SCTP" => Some("SCTP".to_string()),
                _ => None,
            };
            for i in 0..p.range.max(1) {
                out.push(ContainerPort {
                    container_port: i32::from(p.container_port) + i32::from(i),
                    host_ip: (!p.host_ip.is_empty()).then(|| p.host_ip.clone()),
                    // Port 0 is picked at each start: no port to write down.
                    host_port: (!service && p.host_port != 0)
                        .then(|| i32::from(p.host_port) + i32::from(i)),
                    protocol: protocol.clone(),
                    ..Default::default()
                });
            }
        }
    }
    out
}

/// The container's environment less podman's defaults and what the image sets alike.
/// HOME is left out unless asked for (`home_asked`): podman sets it at each start.
pub fn env_vars(
    env: &[String],
    image_env: &[String],
    hostname: &str,
    home_asked: bool,
) -> Vec<EnvVar> {
    let image: BTreeMap<&str, &str> = image_env
        .iter()
        .map(|e| e.split_once('=').unwrap_or((e, "")))
        .collect();
    let defaults = [
        ("PATH", DEFAULT_PATH),
        ("container", "podman"),
        // Set at each start in podman, so never part of what it generates from.
        ("HOSTNAME", hostname),
    ];
    env.iter()
        .filter_map(|e| e.split_once('='))
        .filter(|(k, v)| !defaults.contains(&(k, v)) && image.get(k) != Some(v))
        .filter(|(k, _)| *k != "HOME" || home_asked || image.contains_key("HOME"))
        .map(|(k, v)| EnvVar {
            name: k.to_string(),
            value: Some(v.to_string()),
            ..Default::default()
        })
        .collect()
}

/// Mounts as podman maps them: binds and tmpfs first (named by path, suffixed with their
/// index), then named volumes as claims of the same name.
fn mounts(
    mounts: &[MountRecord],
    probe: PathProbe,
) -> (Vec<VolumeMount>, Vec<Volume>, Vec<String>) {
    let (named, others): (Vec<&MountRecord>, Vec<&MountRecord>) =
        mounts.iter().partition(|m| m.kind == "volume");
    let mut vms = Vec::new();
    let mut vols = Vec::new();
    let mut bind_options = Vec::new();
    for (index, m) in others.iter().enumerate() {
        let source = m
            .source
            .as_deref()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let text = source.display().to_string();
        if let Some(o) = m.options.iter().find(|o| *o == "z" || *o == "Z") {
            bind_options.push(format!("{text}:{o}"));
        }
        let (base, volume) = if m.kind == "tmpfs" {
            let v = Volume {
                empty_dir: Some(EmptyDirVolumeSource {
                    medium: Some("Memory".into()),
                    ..Default::default()
                }),
                ..Default::default()
            };
            ("tmp".to_string(), v)
        } else {
            let name = if text == "/" {
                "root".to_string()
            } else {
                kube_volume_name(&text)
            };
            let kind = match probe(&source) {
                None => "DirectoryOrCreate",
                Some(true) => "Directory",
                Some(false) => "File",
            };
            let v = Volume {
                host_path: Some(HostPathVolumeSource {
                    path: text.clone(),
                    type_: Some(kind.into()),
                }),
                ..Default::default()
            };
            (format!("{name}-host"), v)
        };
        let name = format!("{base}-{index}");
        vms.push(VolumeMount {
            name: name.clone(),
            mount_path: m.destination.clone(),
            read_only: m.readonly.then_some(true),
            ..Default::default()
        });
        vols.push(Volume { name, ..volume });
    }
    for m in named {
        let claim = kube_volume_name(m.name.as_deref().unwrap_or_default());
        let name = format!("{claim}-pvc");
        vms.push(VolumeMount {
            name: name.clone(),
            mount_path: m.destination.clone(),
            read_only: m.readonly.then_some(true),
            ..Default::default()
        });
        vols.push(Volume {
            name,
            persistent_volume_claim: Some(PersistentVolumeClaimVolumeSource {
                claim_name: claim,
                read_only: m.readonly.then_some(true),
            }),
            ..Default::default()
        });
    }
    (vms, vols, bind_options)
}

/// `--memory` and `--cpus` as limits.
fn resources(cfg: &ContainerConfig) -> Option<ResourceRequirements> {
    let r = &cfg.host.resources;
    let mut limits = BTreeMap::new();
    if let Some(m) = r.memory.filter(|m| *m > 0) {
        limits.insert("memory".to_string(), Quantity(quantity::memory(m)));
    }
    let period = r.cpu_period.unwrap_or(CPU_PERIOD);
    if let Some(milli) = r
        .cpu_quota
        .and_then(|q| quantity::cpu_limit_milli(q, period))
    {
        limits.insert("cpu".to_string(), Quantity(quantity::cpu_milli(milli)));
    }
    (!limits.is_empty()).then(|| ResourceRequirements {
        limits: Some(limits),
        ..Default::default()
    })
}

/// podman's split: the entrypoint as command and the command as args; a command that is
/// the image's own (its Cmd or Entrypoint) is left out.
fn command_and_args(
    cfg: &ContainerConfig,
    image: Option<&ImageFacts>,
) -> (Vec<String>, Vec<String>) {
    let (mut command, args) = if cfg.entrypoint.is_empty() {
        (cfg.cmd.clone(), Vec::new())
    } else {
        (cfg.entrypoint.clone(), cfg.cmd.clone())
    };
    if let Some(img) = image {
        if img.cmd.as_ref() == Some(&command) || img.entrypoint.as_ref() == Some(&command) {
            command.clear();
        }
    }
    (command, args)
}

fn non_empty<T>(v: Vec<T>) -> Option<Vec<T>> {
    (!v.is_empty()).then_some(v)
}

/// One container as podman's kube generation describes it. `image` is None when its
/// image is gone (nothing is then left out as the image's).
pub fn map_container(
    cfg: &ContainerConfig,
    image: Option<&ImageFacts>,
    service: bool,
    probe: PathProbe,
) -> Mapped {
    let (volume_mounts, volumes, bind_options) = mounts(&cfg.mounts, probe);
    let (command, args) = command_and_args(cfg, image);
    let mut ports = cfg.ports.clone();
    ports.extend(cfg.user_ports.iter().cloned());
    let workdir = match image {
        Some(img) if cfg.workdir != "/" && img.workdir != cfg.workdir => Some(cfg.workdir.clone()),
        _ => None,
    };
    let home_asked = cfg.create_command.iter().any(|a| a.contains("HOME="));
    let image_env = image.map(|i| i.env.as_slice()).unwrap_or_default();
    let env = env_vars(&cfg.env, image_env, &cfg.hostname, home_asked);
    let container = Container {
        name: remove_underscores(&cfg.name),
        image: Some(cfg.image_name.clone()),
        command: non_empty(command),
        args: non_empty(args),
        env: non_empty(env),
        working_dir: workdir,
        ports: non_empty(container_ports(&ports, service)),
        resources: resources(cfg),
        security_context: security_context(cfg, image.map(|i| i.user.as_str())),
        stdin: cfg.stdin.then_some(true),
        tty: cfg.terminal.then_some(true),
        volume_mounts: non_empty(volume_mounts),
        ..Default::default()
    };
    Mapped {
        container,
        volumes,
        bind_options,
    }
}
