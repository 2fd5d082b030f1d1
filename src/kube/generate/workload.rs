//! What wraps or accompanies a Pod: a Deployment, DaemonSet or Job around its spec, a
//! NodePort Service for its ports, and a PersistentVolumeClaim per volume (podman's
//! `GenerateForKubeDeployment`, `…DaemonSet`, `…Job`, `GenerateKubeServiceFromV1Pod` and
//! `Volume.GenerateForKube`).

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::apps::v1::{DaemonSet, DaemonSetSpec, Deployment, DeploymentSpec};
use k8s_openapi::api::batch::v1::{Job, JobSpec};
use k8s_openapi::api::core::v1::{
    ContainerPort, PersistentVolumeClaim, PersistentVolumeClaimSpec, Pod, PodTemplateSpec, Service,
    ServicePort, ServiceSpec, VolumeResourceRequirements,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta, Time};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::volume::record::Volume;

use super::container::kube_volume_name;
use super::GenerateError;

/// The pod's name and its metadata with the `app` label a selector matches.
fn labelled(pod: &Pod) -> (String, ObjectMeta, BTreeMap<String, String>) {
    let name = pod.metadata.name.clone().unwrap_or_default();
    let mut meta = pod.metadata.clone();
    let labels = meta.labels.get_or_insert_with(BTreeMap::new);
    labels.insert("app".into(), name.clone());
    let labels = labels.clone();
    (name, meta, labels)
}

fn outer_meta(name: String, meta: &ObjectMeta, labels: &BTreeMap<String, String>) -> ObjectMeta {
    ObjectMeta {
        name: Some(name),
        creation_timestamp: meta.creation_timestamp.clone(),
        labels: Some(labels.clone()),
        ..Default::default()
    }
}

fn restart_policy(pod: &Pod) -> Option<&str> {
    pod.spec.as_ref()?.restart_policy.as_deref()
}

/// A Deployment of `replicas` (written only above 1, Kubernetes' default) of the pod.
pub fn deployment(pod: &Pod, replicas: i32) -> Result<Deployment, GenerateError> {
    if restart_policy(pod).is_some_and(|p| p != "Always") {
        return Err(GenerateError::RestartPolicy("Deployments"));
    }
    let (name, meta, labels) = labelled(pod);
    Ok(Deployment {
        metadata: outer_meta(format!("{name}-deployment"), &meta, &labels),
        spec: Some(DeploymentSpec {
            replicas: (replicas > 1).then_some(replicas),
            selector: LabelSelector {
                match_labels: Some(BTreeMap::from([("app".into(), name)])),
                ..Default::default()
            },
            template: PodTemplateSpec {
                metadata: Some(meta),
                spec: pod.spec.clone(),
            },
            ..Default::default()
        }),
        status: None,
    })
}

/// A DaemonSet of the pod.
pub fn daemon_set(pod: &Pod) -> Result<DaemonSet, GenerateError> {
    if restart_policy(pod).is_some_and(|p| p != "Always") {
        return Err(GenerateError::RestartPolicy("DaemonSets"));
    }
    let (name, meta, labels) = labelled(pod);
    Ok(DaemonSet {
        metadata: outer_meta(format!("{name}-daemonset"), &meta, &labels),
        spec: Some(DaemonSetSpec {
            selector: LabelSelector {
                match_labels: Some(BTreeMap::from([("app".into(), name)])),
                ..Default::default()
            },
            template: PodTemplateSpec {
                metadata: Some(meta),
                spec: pod.spec.clone(),
            },
            ..Default::default()
        }),
        status: None,
    })
}

/// A Job running the pod once (restartPolicy Never, as podman writes it).
pub fn job(pod: &Pod) -> Result<Job, GenerateError> {
    if restart_policy(pod) == Some("Always") {
        return Err(GenerateError::JobRestartPolicy);
    }
    let (name, meta, labels) = labelled(pod);
    let mut spec = pod.spec.clone().unwrap_or_default();
    spec.restart_policy = Some("Never".into());
    Ok(Job {
        metadata: outer_meta(format!("{name}-job"), &meta, &labels),
        spec: Some(JobSpec {
            completions: Some(1),
            parallelism: Some(1),
            template: PodTemplateSpec {
                metadata: Some(meta),
                spec: Some(spec),
            },
            ..Default::default()
        }),
        status: None,
    })
}

/// Service ports for container ports: each gets a node port of its own in Kubernetes'
/// range 30000-32767, drawn from `random`.
pub fn service_ports(
    ports: &[ContainerPort],
    random: &mut dyn FnMut() -> u32,
) -> Result<Vec<ServicePort>, GenerateError> {
    let mut used = BTreeSet::new();
    let mut out = Vec::new();
    for p in ports {
        let node_port = (0..100)
            .map(|_| 30000 + (random() % (32767 - 30000 + 1)) as i32)
            .find(|n| used.insert(*n))
            .ok_or(GenerateError::NodePorts)?;
        out.push(ServicePort {
            name: Some(p.container_port.to_string()),
            node_port: Some(node_port),
            port: p.container_port,
            protocol: p.protocol.clone(),
            target_port: Some(IntOrString::Int(p.container_port)),
            ..Default::default()
        });
    }
    Ok(out)
}

/// The NodePort Service selecting the pod: `ports`, or its containers' ports when empty.
pub fn service(
    pod: &Pod,
    ports: Vec<ServicePort>,
    random: &mut dyn FnMut() -> u32,
) -> Result<Service, GenerateError> {
    let ports = if ports.is_empty() {
        let all: Vec<ContainerPort> = pod
            .spec
            .iter()
            .flat_map(|s| &s.containers)
            .flat_map(|c| c.ports.iter().flatten().cloned())
            .collect();
        service_ports(&all, random)?
    } else {
        ports
    };
    let app = pod
        .metadata
        .labels
        .as_ref()
        .and_then(|l| l.get("app"))
        .cloned()
        .unwrap_or_default();
    Ok(Service {
        metadata: ObjectMeta {
            annotations: None,
            ..pod.metadata.clone()
        },
        spec: Some(ServiceSpec {
            ports: Some(ports),
            selector: Some(BTreeMap::from([("app".into(), app)])),
            type_: Some("NodePort".into()),
            ..Default::default()
        }),
        status: None,
    })
}

/// podman's annotations for a volume's driver and options.
pub const DRIVER_ANNOTATION: &str = "volume.podman.io/driver";
const OPTION_ANNOTATIONS: &[(&str, &str)] = &[
    ("o", "volume.podman.io/mount-options"),
    ("device", "volume.podman.io/device"),
    ("type", "volume.podman.io/type"),
    ("UID", "volume.podman.io/uid"),
    ("GID", "volume.podman.io/gid"),
];

/// A claim of 1Gi, ReadWriteOnce, for the volume, its driver and options as annotations.
pub fn claim(v: &Volume, now: &Time) -> PersistentVolumeClaim {
    let mut annotations = BTreeMap::from([(DRIVER_ANNOTATION.to_string(), v.driver.clone())]);
    for (opt, key) in OPTION_ANNOTATIONS {
        if let Some(value) = v.options.get(*opt) {
            annotations.insert(key.to_string(), value.clone());
        }
    }
    // ctl keeps `--uid`/`--gid` beside the options.
    for (id, key) in [
        (v.uid, "volume.podman.io/uid"),
        (v.gid, "volume.podman.io/gid"),
    ] {
        if let Some(id) = id {
            annotations.insert(key.to_string(), id.to_string());
        }
    }
    PersistentVolumeClaim {
        metadata: ObjectMeta {
            name: Some(kube_volume_name(&v.name)),
            labels: (!v.labels.is_empty()).then(|| v.labels.clone()),
            annotations: Some(annotations),
            creation_timestamp: Some(now.clone()),
            ..Default::default()
        },
        spec: Some(PersistentVolumeClaimSpec {
            access_modes: Some(vec!["ReadWriteOnce".into()]),
            resources: Some(VolumeResourceRequirements {
                requests: Some(BTreeMap::from([(
                    "storage".to_string(),
                    Quantity("1Gi".into()),
                )])),
                ..Default::default()
            }),
            ..Default::default()
        }),
        status: None,
    }
}
