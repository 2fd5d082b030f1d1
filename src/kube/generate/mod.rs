//! `kube generate`: containers, pods and volumes as Kubernetes YAML, as podman 5 writes it.
//!
//! Each name is looked up as a container, then a pod, then a volume. Containers of no pod
//! become one Pod together; each pod becomes a Pod of its members; each volume a
//! PersistentVolumeClaim. `--type` wraps Pods in a Deployment, DaemonSet or Job, and
//! `--service` adds a NodePort Service. The text is podman's: its header, then the
//! documents in podman's order (claims, services, then the workloads) between `---`.

pub mod container;
pub mod output;
pub mod pod;
pub mod quantity;
pub mod security;
pub mod workload;

use std::path::Path;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;

use crate::container::lifecycle::Manager;
use crate::container::plan::image_config;
use crate::error::Error;

pub use container::ImageFacts;
pub use output::Document;
pub use pod::Member;

/// The kinds `--type` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pod,
    Deployment,
    DaemonSet,
    Job,
}

impl Kind {
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "pod" | "" => Kind::Pod,
            "deployment" => Kind::Deployment,
            "daemonset" => Kind::DaemonSet,
            "job" => Kind::Job,
            _ => return None,
        })
    }
}

/// `kube generate`'s options.
#[derive(Debug, Clone)]
pub struct Options {
    /// `--type` as given (checked once there is a pod to wrap, as podman does).
    pub kind: String,
    pub service: bool,
    pub replicas: i32,
}

#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("name or ID {0:?} not found")]
    NotFound(String),
    #[error("container {id} is associated with pod {pod}: use generate on the pod itself")]
    PodMember { id: String, pod: String },
    #[error("--replicas can only be set when --type is set to deployment")]
    ReplicasNeedDeployment,
    #[error("--replicas has to be greater than or equal to 1. By default, --replicas is set to 1")]
    ReplicasTooFew,
    #[error("invalid generation type - only pods, deployments, jobs, and daemonsets are currently supported: {0}")]
    BadKind(String),
    #[error("k8s {0} can only have restartPolicy set to Always")]
    RestartPolicy(&'static str),
    #[error("k8s Jobs can not have restartPolicy set to Always; only Never and OnFailure policies allowed")]
    JobRestartPolicy,
    #[error("pod {0} has no containers")]
    NoContainers(String),
    #[error("pod {0} only has an infra container")]
    OnlyInfra(String),
    #[error("too many attempts trying to generate a unique NodePort number")]
    NodePorts,
    #[error("writing YAML: {0}")]
    Yaml(String),
    #[error(transparent)]
    Core(#[from] Error),
}

/// What the names named, sorted by kind.
#[derive(Default)]
struct Found {
    containers: Vec<Member>,
    pods: Vec<PodFound>,
    volumes: Vec<crate::volume::record::Volume>,
}

struct PodFound {
    config: crate::pod::PodConfig,
    infra: Option<crate::container::record::ContainerConfig>,
    members: Vec<Member>,
}

/// The image's config as far as generation compares with it; None when it is gone.
fn image_facts(m: &Manager, image_id: &str) -> Option<ImageFacts> {
    let record = m.images.image(image_id).ok()?;
    let blob = m.images.blob(&record.config_digest()).ok()?;
    let cfg = image_config(&blob);
    let c = cfg.config().clone().unwrap_or_default();
    Some(ImageFacts {
        cmd: c.cmd().clone(),
        entrypoint: c.entrypoint().clone(),
        env: c.env().clone().unwrap_or_default(),
        workdir: c.working_dir().clone().unwrap_or_default(),
        user: c.user().clone().unwrap_or_default(),
    })
}

fn member(m: &Manager, config: crate::container::record::ContainerConfig) -> Member {
    let image = image_facts(m, &config.image_id);
    Member { config, image }
}

fn is_not_found(e: &Error) -> bool {
    matches!(
        e,
        Error::ContainerNotFound(_) | Error::PodNotFound(_) | Error::VolumeNotFound(_)
    )
}

fn lookup(m: &Manager, names: &[String]) -> Result<Found, GenerateError> {
    let mut found = Found::default();
    let pods = m.pods()?;
    let volumes = m.volumes()?;
    for name in names {
        match m.get(name) {
            Ok(c) => {
                if let Some(pod) = &c.config.pod {
                    return Err(GenerateError::PodMember {
                        id: c.config.id.clone(),
                        pod: pod.clone(),
                    });
                }
                found.containers.push(member(m, c.config));
                continue;
            }
            Err(e) if is_not_found(&e) => {}
            Err(e) => return Err(e.into()),
        }
        match pods.resolve(name) {
            Ok(id) => {
                let report = m.pod_get(&id)?;
                let infra = report.infra().map(|c| c.config.clone());
                let members = report
                    .containers
                    .into_iter()
                    .filter(|c| !c.config.infra)
                    .map(|c| member(m, c.config))
                    .collect();
                found.pods.push(PodFound {
                    config: report.config,
                    infra,
                    members,
                });
                continue;
            }
            Err(e) if is_not_found(&e) => {}
            Err(e) => return Err(e.into()),
        }
        match volumes.get(name) {
            Ok(v) => found.volumes.push(v),
            Err(e) if is_not_found(&e) => return Err(GenerateError::NotFound(name.clone())),
            Err(e) => return Err(e.into()),
        }
    }
    Ok(found)
}

/// A host path's kind for hostPath's type: a directory, a file, or nothing.
fn probe(p: &Path) -> Option<bool> {
    std::fs::metadata(p).ok().map(|m| m.is_dir())
}

/// Node ports from the system's random source.
fn random() -> u32 {
    let mut b = [0u8; 4];
    // A failed read leaves zeros: the port search then finds a taken port and tries again.
    let _ = getrandom::fill(&mut b);
    u32::from_ne_bytes(b)
}

/// The YAML for `names`, podman's header included.
pub fn generate(m: &Manager, names: &[String], opts: &Options) -> Result<String, GenerateError> {
    let kind = opts.kind.as_str();
    if opts.replicas > 1 && kind != "deployment" {
        return Err(GenerateError::ReplicasNeedDeployment);
    }
    if opts.replicas < 1 {
        return Err(GenerateError::ReplicasTooFew);
    }
    let found = lookup(m, names)?;
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let now = Time(
        k8s_openapi::jiff::Timestamp::from_second(secs)
            .unwrap_or(k8s_openapi::jiff::Timestamp::UNIX_EPOCH),
    );
    let mut rng = random;
    let docs = documents(&found, opts, &now, &probe, &mut rng)?;
    output::render(&docs, env!("CARGO_PKG_VERSION"))
}

/// The documents in podman's order: notes and claims, services, then the workloads.
fn documents(
    found: &Found,
    opts: &Options,
    now: &Time,
    probe: container::PathProbe,
    random: &mut dyn FnMut() -> u32,
) -> Result<Vec<Document>, GenerateError> {
    let mut first = Vec::new();
    let mut workloads = Vec::new();
    let kind = || Kind::parse(&opts.kind).ok_or_else(|| GenerateError::BadKind(opts.kind.clone()));
    if found
        .pods
        .iter()
        .any(|p| !(p.config.shares("ipc") && p.config.shares("net") && p.config.shares("uts")))
    {
        first.push(Document::Note(output::NAMESPACE_NOTE));
    }
    for v in &found.volumes {
        first.push(Document::Claim(Box::new(workload::claim(v, now))));
    }
    for p in &found.pods {
        let out = pod::pod_of(
            &p.config,
            p.infra.as_ref(),
            &p.members,
            opts.service,
            probe,
            now,
        )?;
        workloads.push(wrap(out.pod.clone(), kind()?, opts.replicas)?);
        if opts.service {
            let ports = workload::service_ports(&out.infra_ports, random)?;
            first.push(Document::Service(Box::new(workload::service(
                &out.pod, ports, random,
            )?)));
        }
    }
    if !found.containers.is_empty() {
        let pod = pod::simple_pod(&found.containers, opts.service, probe, now)?;
        if pod.spec.as_ref().is_some_and(|s| s.volumes.is_some()) {
            first.push(Document::Note(output::VOLUMES_NOTE));
        }
        workloads.push(wrap(pod.clone(), kind()?, opts.replicas)?);
        if opts.service {
            first.push(Document::Service(Box::new(workload::service(
                &pod,
                Vec::new(),
                random,
            )?)));
        }
    }
    first.extend(workloads);
    Ok(first)
}

fn wrap(
    pod: k8s_openapi::api::core::v1::Pod,
    kind: Kind,
    replicas: i32,
) -> Result<Document, GenerateError> {
    Ok(match kind {
        Kind::Pod => Document::Pod(Box::new(pod)),
        Kind::Deployment => Document::Deployment(Box::new(workload::deployment(&pod, replicas)?)),
        Kind::DaemonSet => Document::DaemonSet(Box::new(workload::daemon_set(&pod)?)),
        Kind::Job => Document::Job(Box::new(workload::job(&pod)?)),
    })
}

#[cfg(test)]
mod tests;
