//! One Kubernetes container as ctl's create request: image and pull policy, command and
//! args with Kubernetes' entrypoint/cmd meaning, env, ports, limits, security context,
//! mounts, probes.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Container, PodSecurityContext, Probe};

use crate::container::health::config::HealthFlags;
use crate::container::request::CreateRequest;
use crate::image::pull::PullPolicy;

use super::env::{self, Sources};
use super::fields::{self, Rules};
use super::quantity;
use super::volumes::{self, MountPlan, Source};
use super::{PlayError, Result};

/// A container to make in a pod: the request (without its mounts, which need the volume
/// store's paths: [`super::apply`] adds them), its mounts and how its image is found.
#[derive(Debug, Clone, PartialEq)]
pub struct CtrPlan {
    /// The container's name in the YAML.
    pub kube_name: String,
    pub req: CreateRequest,
    pub mounts: Vec<MountPlan>,
    pub pull: PullPolicy,
}

/// What the pod gives each of its containers.
pub struct PodContext<'a> {
    pub doc: &'a str,
    pub pod_name: &'a str,
    pub sources: &'a Sources,
    pub volumes: &'a BTreeMap<String, Source>,
    /// `no`, `always`, `on-failure`.
    pub restart: &'a str,
    pub security: Option<&'a PodSecurityContext>,
    /// The pod's labels `KEY=VALUE`, which podman puts on its containers too.
    pub labels: Vec<String>,
    pub annotations: Vec<String>,
    pub log_driver: Option<ctl_monitor::LogDriver>,
    /// `--log-opt`.
    pub log_opts: &'a [String],
    /// `--publish-all`.
    pub publish_all: bool,
    /// `--no-pod-prefix`.
    pub no_pod_prefix: bool,
    pub create_command: &'a [String],
}

const CONTAINER_RULES: Rules = Rules {
    handled: &[
        "name",
        "image",
        "imagePullPolicy",
        "command",
        "args",
        "env",
        "envFrom",
        "ports",
        "resources",
        "securityContext",
        "volumeMounts",
        "workingDir",
        "livenessProbe",
        "readinessProbe",
        "stdin",
        "tty",
    ],
    harmless: &[
        "terminationMessagePath",
        "terminationMessagePolicy",
        "resizePolicy",
        "stdinOnce",
        "startupProbe",
    ],
};

const SECURITY_RULES: Rules = Rules {
    handled: &[
        "capabilities",
        "privileged",
        "readOnlyRootFilesystem",
        "runAsUser",
        "runAsGroup",
        "runAsNonRoot",
        "allowPrivilegeEscalation",
        "seccompProfile",
    ],
    harmless: &[
        "seLinuxOptions",
        "appArmorProfile",
        "windowsOptions",
        "procMount",
    ],
};

/// `spec.containers[i]` (or `initContainers`) at `at`, as ctl makes it.
pub fn translate(
    p: &PodContext,
    at: &str,
    ctr: &Container,
    init: bool,
    warnings: &mut Vec<String>,
) -> Result<CtrPlan> {
    let doc = p.doc;
    let json = serde_json::to_value(ctr).unwrap_or_default();
    fields::check(doc, at, &json, &CONTAINER_RULES, warnings)?;
    if ctr.name.is_empty() {
        return Err(PlayError::field(doc, format!("{at}.name"), "missing"));
    }
    let Some(image) = ctr.image.clone().filter(|i| !i.is_empty()) else {
        return Err(PlayError::field(doc, format!("{at}.image"), "missing"));
    };
    let pull = match ctr
        .image_pull_policy
        .as_deref()
        .map(str::to_lowercase)
        .as_deref()
    {
        None | Some("") | Some("ifnotpresent") => PullPolicy::Missing,
        Some("always") => PullPolicy::Always,
        Some("never") => PullPolicy::Never,
        Some(other) => {
            return Err(PlayError::field(
                doc,
                format!("{at}.imagePullPolicy"),
                format!("{other:?} is not one of Always, IfNotPresent, Never"),
            ))
        }
    };
    let vars = env::resolve(doc, at, ctr, p.sources, p.pod_name)?;
    let mut req = CreateRequest {
        name: Some(match p.no_pod_prefix {
            true => ctr.name.clone(),
            false => format!("{}-{}", p.pod_name, ctr.name),
        }),
        log_opts: p.log_opts.to_vec(),
        image,
        env: vars.iter().map(|(k, v)| format!("{k}={v}")).collect(),
        workdir: ctr.working_dir.clone().filter(|w| !w.is_empty()),
        labels: p.labels.clone(),
        annotations: p.annotations.clone(),
        restart: if init {
            "no".into()
        } else {
            p.restart.to_string()
        },
        tty: ctr.tty == Some(true),
        interactive: ctr.stdin == Some(true),
        create_command: p.create_command.to_vec(),
        ..Default::default()
    };
    if let Some(d) = p.log_driver {
        req.log_driver = d;
    }
    // Kubernetes' command replaces the image's entrypoint (and drops its cmd); args alone
    // replace only the cmd. `$(VAR)` is expanded in both.
    let expand = |v: &Option<Vec<String>>| -> Option<Vec<String>> {
        v.as_ref()
            .map(|a| a.iter().map(|s| env::expand(s, &vars)).collect())
    };
    if let Some(cmd) = expand(&ctr.command).filter(|c| !c.is_empty()) {
        req.entrypoint = Some(serde_json::to_string(&cmd).unwrap_or_default());
    }
    req.command = expand(&ctr.args).unwrap_or_default();
    for (i, port) in ctr.ports.iter().flatten().enumerate() {
        // podman's getPodPorts: --publish-all publishes a containerPort on itself.
        let host = port.host_port.filter(|h| *h > 0);
        let host =
            host.or((p.publish_all && port.container_port > 0).then_some(port.container_port));
        let Some(host) = host else {
            continue;
        };
        let proto = port.protocol.as_deref().unwrap_or("TCP").to_lowercase();
        if !matches!(proto.as_str(), "tcp" | "udp" | "sctp") {
            return Err(PlayError::field(
                doc,
                format!("{at}.ports[{i}].protocol"),
                format!("{proto:?} is not one of TCP, UDP, SCTP"),
            ));
        }
        let ip = port
            .host_ip
            .as_deref()
            .filter(|h| !h.is_empty())
            .map(|h| format!("{h}:"))
            .unwrap_or_default();
        req.publish
            .push(format!("{ip}{host}:{}/{proto}", port.container_port));
    }
    resources(doc, at, ctr, &mut req, warnings)?;
    security(p, at, ctr, &mut req, warnings)?;
    req.health = probes(doc, at, ctr, warnings);
    if init && req.health.cmd.is_some() {
        return Err(PlayError::field(
            doc,
            at,
            "an init container cannot have a livenessProbe or readinessProbe",
        ));
    }
    let mounts = volumes::mounts(doc, at, ctr, p.volumes)?;
    Ok(CtrPlan {
        kube_name: ctr.name.clone(),
        req,
        mounts,
        pull,
    })
}

fn resources(
    doc: &str,
    at: &str,
    ctr: &Container,
    req: &mut CreateRequest,
    warnings: &mut Vec<String>,
) -> Result<()> {
    let Some(r) = &ctr.resources else {
        return Ok(());
    };
    let bad =
        |field: String, q: &str| PlayError::field(doc, field, format!("{q:?} is not a quantity"));
    for (k, q) in r.limits.iter().flatten() {
        let field = format!("{at}.resources.limits.{k}");
        match k.as_str() {
            "memory" => {
                req.limits.memory = Some(quantity::bytes(&q.0).ok_or_else(|| bad(field, &q.0))?)
            }
            "cpu" => req.limits.cpus = Some(quantity::cpus(&q.0).ok_or_else(|| bad(field, &q.0))?),
            _ => warnings.push(format!("{doc}: {field}: not supported, ignored")),
        }
    }
    for (k, q) in r.requests.iter().flatten() {
        let field = format!("{at}.resources.requests.{k}");
        match k.as_str() {
            "memory" => {
                req.limits.memory_reservation =
                    Some(quantity::bytes(&q.0).ok_or_else(|| bad(field, &q.0))?)
            }
            _ => warnings.push(format!("{doc}: {field}: not supported, ignored")),
        }
    }
    Ok(())
}

fn security(
    p: &PodContext,
    at: &str,
    ctr: &Container,
    req: &mut CreateRequest,
    warnings: &mut Vec<String>,
) -> Result<()> {
    let doc = p.doc;
    let mut uid = p.security.and_then(|s| s.run_as_user);
    let mut gid = p.security.and_then(|s| s.run_as_group);
    let mut non_root = p.security.and_then(|s| s.run_as_non_root);
    if let Some(s) = &ctr.security_context {
        let json = serde_json::to_value(s).unwrap_or_default();
        fields::check(
            doc,
            &format!("{at}.securityContext"),
            &json,
            &SECURITY_RULES,
            warnings,
        )?;
        uid = s.run_as_user.or(uid);
        gid = s.run_as_group.or(gid);
        non_root = s.run_as_non_root.or(non_root);
        req.privileged = s.privileged == Some(true);
        req.read_only = s.read_only_root_filesystem == Some(true);
        if let Some(c) = &s.capabilities {
            req.cap_add = c.add.clone().unwrap_or_default();
            req.cap_drop = c.drop.clone().unwrap_or_default();
        }
        if s.allow_privilege_escalation == Some(false) {
            req.security_opt.push("no-new-privileges".into());
        }
        if let Some(sp) = &s.seccomp_profile {
            match sp.type_.as_str() {
                "Unconfined" => req.security_opt.push("seccomp=unconfined".into()),
                "RuntimeDefault" => {}
                other => {
                    return Err(PlayError::field(
                        doc,
                        format!("{at}.securityContext.seccompProfile.type"),
                        format!("{other:?} is not supported (RuntimeDefault and Unconfined are)"),
                    ))
                }
            }
        }
    }
    if non_root == Some(true) && uid == Some(0) {
        return Err(PlayError::field(
            doc,
            format!("{at}.securityContext.runAsNonRoot"),
            "runAsUser is 0",
        ));
    }
    req.user = match (uid, gid) {
        (Some(u), Some(g)) => Some(format!("{u}:{g}")),
        (Some(u), None) => Some(u.to_string()),
        (None, Some(g)) => Some(format!("0:{g}")),
        (None, None) => None,
    };
    Ok(())
}

/// The liveness probe (else the readiness probe) of type exec, as `--health-*` flags.
fn probes(doc: &str, at: &str, ctr: &Container, warnings: &mut Vec<String>) -> HealthFlags {
    let mut chosen: Option<&Probe> = None;
    for (name, probe) in [
        ("livenessProbe", &ctr.liveness_probe),
        ("readinessProbe", &ctr.readiness_probe),
    ] {
        let Some(probe) = probe else { continue };
        if probe.exec.is_none() {
            warnings.push(format!(
                "{doc}: {at}.{name}: only exec probes become healthchecks, ignored"
            ));
        } else if chosen.is_some() {
            warnings.push(format!(
                "{doc}: {at}.{name}: the livenessProbe is the healthcheck, ignored"
            ));
        } else {
            chosen = Some(probe);
        }
    }
    let Some(probe) = chosen else {
        return HealthFlags::default();
    };
    let cmd: Vec<String> = std::iter::once("CMD".to_string())
        .chain(
            probe
                .exec
                .iter()
                .flat_map(|e| e.command.iter().flatten().cloned()),
        )
        .collect();
    let secs =
        |v: Option<i32>, default: i32| format!("{}s", v.filter(|n| *n > 0).unwrap_or(default));
    HealthFlags {
        cmd: Some(serde_json::to_string(&cmd).unwrap_or_default()),
        interval: Some(secs(probe.period_seconds, 10)),
        timeout: Some(secs(probe.timeout_seconds, 1)),
        start_period: Some(format!(
            "{}s",
            probe.initial_delay_seconds.unwrap_or(0).max(0)
        )),
        retries: Some(probe.failure_threshold.filter(|n| *n > 0).unwrap_or(3) as u32),
        ..Default::default()
    }
}
