//! The documents as ctl's requests: the volumes to make, and per pod its `pod create`
//! request with its init containers and containers. Pure: every refusal happens here,
//! before anything is made.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{ConfigMap, PodSpec, Secret};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use crate::pod::create::PodRequest;
use crate::pod::record::{parse_share, ExitPolicy};

use super::container::{self, CtrPlan, PodContext};
use super::document::{Document, Object};
use super::env::Sources;
use super::fields::{self, Rules};
use super::volumes::{self, VolumeKind, VolumePlan};
use super::{PlayError, PlayOptions, Result};

/// A pod to make.
#[derive(Debug, Clone)]
pub struct PodPlan {
    /// The document it comes from, for messages.
    pub doc: String,
    pub pod: PodRequest,
    /// Run to completion, in order, before `containers` start.
    pub init: Vec<CtrPlan>,
    pub containers: Vec<CtrPlan>,
}

/// Everything a file asks for.
#[derive(Debug, Clone, Default)]
pub struct PlayPlan {
    /// The Secret documents, stored as secrets of their names (podman's playKubeSecret).
    pub secrets: Vec<KubeSecret>,
    pub volumes: Vec<VolumePlan>,
    pub pods: Vec<PodPlan>,
    pub warnings: Vec<String>,
}

/// A Secret document as a stored secret: its YAML is the data, which later plays read
/// back (a secret volume or variable naming a Secret no document defines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KubeSecret {
    pub name: String,
    pub yaml: Vec<u8>,
    pub immutable: bool,
}

/// The Kubernetes Secret a stored secret's data holds, when a play stored it.
pub fn stored_kube_secret(data: &[u8]) -> Option<Secret> {
    serde_norway::from_slice::<Secret>(data)
        .ok()
        .filter(|s| s.metadata.name.is_some())
}

const POD_RULES: Rules = Rules {
    handled: &[
        "containers",
        "initContainers",
        "volumes",
        "restartPolicy",
        "hostNetwork",
        "hostname",
        "hostAliases",
        "securityContext",
        "terminationGracePeriodSeconds",
    ],
    harmless: &[
        "dnsPolicy",
        "serviceAccount",
        "serviceAccountName",
        "automountServiceAccountToken",
        "schedulerName",
        "priority",
        "priorityClassName",
        "preemptionPolicy",
        "nodeName",
        "nodeSelector",
        "affinity",
        "tolerations",
        "topologySpreadConstraints",
        "enableServiceLinks",
        "imagePullSecrets",
        "readinessGates",
    ],
};

const POD_SECURITY_RULES: Rules = Rules {
    handled: &["runAsUser", "runAsGroup", "runAsNonRoot"],
    harmless: &[
        "seLinuxOptions",
        "fsGroup",
        "fsGroupChangePolicy",
        "appArmorProfile",
        "windowsOptions",
    ],
};

/// Fields of a Deployment's, DaemonSet's or Job's spec that only a cluster acts on.
const WORKLOAD_RULES: Rules = Rules {
    handled: &["template", "replicas", "selector"],
    harmless: &[
        "strategy",
        "updateStrategy",
        "minReadySeconds",
        "revisionHistoryLimit",
        "progressDeadlineSeconds",
        "paused",
        "backoffLimit",
        "backoffLimitPerIndex",
        "completions",
        "parallelism",
        "ttlSecondsAfterFinished",
        "activeDeadlineSeconds",
        "completionMode",
        "podFailurePolicy",
        "manualSelector",
        "suspend",
    ],
};

/// The names of the pods the documents make: a Pod's own; `NAME-pod` for a Deployment,
/// DaemonSet or Job, as podman names them (with replicas > 1, `NAME-pod-0`, `NAME-pod-1`…).
pub fn pod_names(docs: &[Document]) -> Vec<String> {
    let mut out = Vec::new();
    for d in docs {
        match &d.object {
            Object::Pod(p) => out.push(name_of(&p.metadata)),
            Object::Deployment(dep) => {
                let replicas = dep.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1);
                out.extend(replica_names(&name_of(&dep.metadata), replicas));
            }
            Object::DaemonSet(ds) => out.push(format!("{}-pod", name_of(&ds.metadata))),
            Object::Job(j) => out.push(format!("{}-pod", name_of(&j.metadata))),
            _ => {}
        }
    }
    out
}

fn replica_names(name: &str, replicas: i32) -> Vec<String> {
    match replicas {
        n if n <= 0 => Vec::new(),
        1 => vec![format!("{name}-pod")],
        n => (0..n).map(|i| format!("{name}-pod-{i}")).collect(),
    }
}

fn name_of(m: &ObjectMeta) -> String {
    m.name.clone().unwrap_or_default()
}

/// The volumes the documents name that `kube down --force` removes: PersistentVolumeClaims',
/// and the claim, ConfigMap and Secret volumes of the pods (podman's down looks only in
/// Pods; ctl's removes what a Deployment, DaemonSet or Job made too).
pub fn volume_names(docs: &[Document]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |n: String| {
        if !out.contains(&n) {
            out.push(n)
        }
    };
    for d in docs {
        match &d.object {
            Object::PersistentVolumeClaim(c) => add(name_of(&c.metadata)),
            Object::Pod(_) | Object::Deployment(_) | Object::DaemonSet(_) | Object::Job(_) => {
                for v in pod_spec(&d.object)
                    .iter()
                    .flat_map(|s| s.volumes.iter().flatten())
                {
                    if let Some(c) = &v.persistent_volume_claim {
                        add(c.claim_name.clone());
                    } else if let Some(c) = &v.config_map {
                        add(c.name.clone());
                    } else if let Some(s) = v.secret.as_ref().and_then(|s| s.secret_name.clone()) {
                        add(s);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The pod spec of a Pod, or of a workload's template.
fn pod_spec(o: &Object) -> Option<&PodSpec> {
    match o {
        Object::Pod(p) => p.spec.as_ref(),
        Object::Deployment(d) => d.spec.as_ref().and_then(|s| s.template.spec.as_ref()),
        Object::DaemonSet(d) => d.spec.as_ref().and_then(|s| s.template.spec.as_ref()),
        Object::Job(j) => j.spec.as_ref().and_then(|s| s.template.spec.as_ref()),
        _ => None,
    }
}

/// The names of the Secret documents.
pub fn secret_names(docs: &[Document]) -> Vec<String> {
    docs.iter()
        .filter_map(|d| match &d.object {
            Object::Secret(s) => Some(name_of(&s.metadata)),
            _ => None,
        })
        .collect()
}

/// The emptyDir volumes of a pod named `pod` (its own: `kube down` always removes them).
pub fn empty_dirs(docs: &[Document]) -> Vec<String> {
    let mut out = Vec::new();
    let names = pod_names(docs);
    let mut names = names.iter();
    for d in docs {
        let (spec, count) = match &d.object {
            Object::Pod(p) => (p.spec.as_ref(), 1),
            Object::Deployment(dep) => (
                dep.spec.as_ref().and_then(|s| s.template.spec.as_ref()),
                dep.spec
                    .as_ref()
                    .and_then(|s| s.replicas)
                    .unwrap_or(1)
                    .max(0),
            ),
            Object::DaemonSet(ds) => (ds.spec.as_ref().and_then(|s| s.template.spec.as_ref()), 1),
            Object::Job(j) => (j.spec.as_ref().and_then(|s| s.template.spec.as_ref()), 1),
            _ => continue,
        };
        for _ in 0..count {
            let Some(pod) = names.next() else { break };
            for v in spec.iter().flat_map(|s| s.volumes.iter().flatten()) {
                if v.empty_dir
                    .as_ref()
                    .is_some_and(|e| e.medium.as_deref() != Some("Memory"))
                {
                    out.push(format!("{pod}-{}", v.name));
                }
            }
        }
    }
    out
}

/// The plan for `docs`, with the ConfigMaps of `--configmap` files.
pub fn plan(docs: &[Document], extra: &[ConfigMap], opts: &PlayOptions) -> Result<PlayPlan> {
    let mut out = PlayPlan::default();
    let mut sources = Sources::default();
    // Secrets stored by earlier plays, under this file's own.
    for s in &opts.stored_secrets {
        sources.add_secret(s);
    }
    for d in docs {
        match &d.object {
            Object::ConfigMap(c) => sources.add_config_map(c),
            Object::Secret(s) => {
                sources.add_secret(s);
                out.secrets.push(KubeSecret {
                    name: name_of(&s.metadata),
                    yaml: serde_norway::to_string(&**s)
                        .unwrap_or_default()
                        .into_bytes(),
                    immutable: s.immutable == Some(true),
                });
            }
            _ => {}
        }
    }
    for c in extra {
        let name = name_of(&c.metadata);
        if sources.config_maps.contains_key(&name) {
            return Err(PlayError::Document {
                doc: format!("ConfigMap {name:?}"),
                reason: "ambiguous configuration: the same config map is present in YAML and in \
                         --configmap"
                    .into(),
            });
        }
        sources.add_config_map(c);
    }
    let names = pod_names(docs);
    let mut names = names.iter();
    for d in docs {
        let doc = d.label.as_str();
        let (meta, spec_json, tmpl_meta, spec, count, job): (_, _, _, _, i32, bool) =
            match &d.object {
                Object::Pod(p) => (&p.metadata, None, &p.metadata, p.spec.as_ref(), 1, false),
                Object::Deployment(dep) => {
                    let s = dep.spec.as_ref();
                    (
                        &dep.metadata,
                        s.map(serde_json::to_value),
                        s.and_then(|s| s.template.metadata.as_ref())
                            .unwrap_or(&dep.metadata),
                        s.and_then(|s| s.template.spec.as_ref()),
                        s.and_then(|s| s.replicas).unwrap_or(1).max(0),
                        false,
                    )
                }
                Object::DaemonSet(ds) => {
                    let s = ds.spec.as_ref();
                    (
                        &ds.metadata,
                        s.map(serde_json::to_value),
                        s.and_then(|s| s.template.metadata.as_ref())
                            .unwrap_or(&ds.metadata),
                        s.and_then(|s| s.template.spec.as_ref()),
                        1,
                        false,
                    )
                }
                Object::Job(j) => {
                    let s = j.spec.as_ref();
                    (
                        &j.metadata,
                        s.map(serde_json::to_value),
                        s.and_then(|s| s.template.metadata.as_ref())
                            .unwrap_or(&j.metadata),
                        s.and_then(|s| s.template.spec.as_ref()),
                        1,
                        true,
                    )
                }
                Object::PersistentVolumeClaim(c) => {
                    add_volume(
                        &mut out.volumes,
                        VolumePlan {
                            name: name_of(&c.metadata),
                            kind: VolumeKind::Claim,
                            files: Vec::new(),
                        },
                    );
                    continue;
                }
                Object::ConfigMap(_) | Object::Secret(_) => continue,
            };
        if let Some(Ok(j)) = spec_json {
            fields::check(doc, "spec", &j, &WORKLOAD_RULES, &mut out.warnings)?;
        }
        let field = if matches!(d.object, Object::Pod(_)) {
            "spec"
        } else {
            "spec.template.spec"
        };
        let Some(spec) = spec else {
            return Err(PlayError::field(doc, field, "missing"));
        };
        let _ = meta;
        for _ in 0..count {
            let Some(name) = names.next() else { break };
            let p = pod_plan(
                doc, field, name, tmpl_meta, spec, job, &sources, opts, &mut out,
            )?;
            out.pods.push(p);
        }
    }
    Ok(out)
}

/// `--publish` over the YAML's hostPorts: a container port (and protocol) given on the
/// command line replaces the YAML's mapping of it, as podman merges them.
pub fn merge_publish(yaml: Vec<String>, cli: &[String]) -> Vec<String> {
    fn target(spec: &str) -> (String, String) {
        let (ports, proto) = spec.split_once('/').unwrap_or((spec, "tcp"));
        let ctr = ports.rsplit(':').next().unwrap_or(ports);
        (ctr.to_string(), proto.to_lowercase())
    }
    let mut out: Vec<String> = yaml
        .into_iter()
        .filter(|y| !cli.iter().any(|c| target(c) == target(y)))
        .collect();
    out.extend(cli.iter().cloned());
    out
}

fn add_volume(vols: &mut Vec<VolumePlan>, v: VolumePlan) {
    match vols.iter_mut().find(|o| o.name == v.name) {
        Some(o) => {
            if o.files.is_empty() {
                o.files = v.files;
            }
        }
        None => vols.push(v),
    }
}

#[allow(clippy::too_many_arguments)]
fn pod_plan(
    doc: &str,
    field: &str,
    name: &str,
    meta: &ObjectMeta,
    spec: &PodSpec,
    job: bool,
    sources: &Sources,
    opts: &PlayOptions,
    out: &mut PlayPlan,
) -> Result<PodPlan> {
    let spec_json = serde_json::to_value(spec).unwrap_or_default();
    fields::check(doc, field, &spec_json, &POD_RULES, &mut out.warnings)?;
    if let Some(sc) = &spec.security_context {
        let j = serde_json::to_value(sc).unwrap_or_default();
        fields::check(
            doc,
            &format!("{field}.securityContext"),
            &j,
            &POD_SECURITY_RULES,
            &mut out.warnings,
        )?;
    }
    let (vols, vol_plans) = volumes::pod_volumes(doc, spec, name, sources)?;
    for v in vol_plans {
        add_volume(&mut out.volumes, v);
    }
    let restart = match spec.restart_policy.as_deref() {
        None | Some("") if job => "no",
        None | Some("") | Some("Always") => "always",
        Some("OnFailure") => "on-failure",
        Some("Never") => "no",
        Some(other) => {
            return Err(PlayError::field(
                doc,
                format!("{field}.restartPolicy"),
                format!("{other:?} is not one of Always, OnFailure, Never"),
            ))
        }
    };
    let labels: BTreeMap<String, String> = meta.labels.clone().unwrap_or_default();
    let ctx = PodContext {
        doc,
        pod_name: name,
        sources,
        volumes: &vols,
        restart,
        security: spec.security_context.as_ref(),
        labels: labels.iter().map(|(k, v)| format!("{k}={v}")).collect(),
        annotations: meta
            .annotations
            .iter()
            .flatten()
            .map(|(k, v)| format!("{k}={v}"))
            .chain(opts.annotations.iter().cloned())
            .collect(),
        log_driver: opts.log_driver,
        log_opts: &opts.log_opts,
        publish_all: opts.publish_all,
        no_pod_prefix: opts.no_pod_prefix,
        create_command: &opts.create_command,
    };
    let mut seen: Vec<String> = Vec::new();
    let mut publish: Vec<String> = Vec::new();
    let mut make = |list: &[k8s_openapi::api::core::v1::Container],
                    key: &str,
                    init: bool,
                    out: &mut PlayPlan|
     -> Result<Vec<CtrPlan>> {
        let mut plans = Vec::new();
        for (i, c) in list.iter().enumerate() {
            let at = format!("{field}.{key}[{i}]");
            if seen.contains(&c.name) {
                return Err(PlayError::field(
                    doc,
                    format!("{at}.name"),
                    format!(
                        "the pod {name:?} is invalid; duplicate container name {:?} detected",
                        c.name
                    ),
                ));
            }
            seen.push(c.name.clone());
            let mut p = container::translate(&ctx, &at, c, init, &mut out.warnings)?;
            // podman's: the pod's grace period is each container's stop timeout.
            if let Some(t) = spec.termination_grace_period_seconds {
                p.req.stop_timeout = Some(t.clamp(0, u32::MAX.into()) as u32);
            }
            for port in std::mem::take(&mut p.req.publish) {
                let host = port
                    .rsplit_once(':')
                    .map(|(h, _)| h.to_string())
                    .unwrap_or_default();
                let proto = port.rsplit_once('/').map(|(_, p)| p).unwrap_or("tcp");
                if publish.iter().any(|o| {
                    o.rsplit_once(':').map(|(h, _)| h) == Some(host.as_str())
                        && o.ends_with(&format!("/{proto}"))
                }) {
                    return Err(PlayError::field(
                        doc,
                        format!("{at}.ports"),
                        format!("hostPort {host}/{proto} is already used by another container of the pod"),
                    ));
                }
                publish.push(port);
            }
            plans.push(p);
        }
        Ok(plans)
    };
    let init = make(
        spec.init_containers.as_deref().unwrap_or_default(),
        "initContainers",
        true,
        out,
    )?;
    if spec.containers.is_empty() {
        return Err(PlayError::field(
            doc,
            format!("{field}.containers"),
            "a pod needs at least one container",
        ));
    }
    let containers = make(&spec.containers, "containers", false, out)?;
    let host_network = spec.host_network == Some(true);
    let publish = if host_network {
        Vec::new()
    } else {
        merge_publish(publish, &opts.publish)
    };
    let pod = PodRequest {
        name: Some(name.to_string()),
        labels,
        hostname: spec.hostname.clone().filter(|h| !h.is_empty()),
        share: parse_share(None).map_err(|e| PlayError::Document {
            doc: doc.into(),
            reason: e,
        })?,
        infra: true,
        network: if host_network {
            Some("host".into())
        } else {
            opts.network.clone()
        },
        publish,
        add_hosts: spec
            .host_aliases
            .iter()
            .flatten()
            .filter_map(|a| {
                let names = a.hostnames.clone().unwrap_or_default();
                (!names.is_empty()).then(|| format!("{}:{}", names.join(";"), a.ip))
            })
            .collect(),
        exit_policy: ExitPolicy::Stop,
        create_command: opts.create_command.clone(),
        ..Default::default()
    };
    Ok(PodPlan {
        doc: doc.to_string(),
        pod,
        init,
        containers,
    })
}
