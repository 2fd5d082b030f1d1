//! `pod create`, and a container made in a pod (`create/run --pod`).

use std::collections::BTreeMap;

use ctl_monitor::time::Timestamp;

use crate::container::lifecycle::Manager;
use crate::container::request::CreateRequest;
use crate::error::{Error, Result};
use crate::fsutil::Lock;
use crate::image::store::ImageRecord;
use crate::pod::infra::{self, InfraSpec};
use crate::pod::record::{ExitPolicy, PodConfig};
use crate::pod::store::Pods;

/// What `pod create` asks for, its flags' values.
#[derive(Debug, Clone, Default)]
pub struct PodRequest {
    pub name: Option<String>,
    pub labels: BTreeMap<String, String>,
    pub hostname: Option<String>,
    /// Parsed `--share` ([`crate::pod::record::parse_share`]).
    pub share: Vec<String>,
    /// `--infra` (false: no infra container, nothing shared).
    pub infra: bool,
    pub infra_command: Vec<String>,
    pub infra_name: Option<String>,
    pub network: Option<String>,
    pub publish: Vec<String>,
    pub add_hosts: Vec<String>,
    pub dns: Vec<String>,
    pub volumes: Vec<String>,
    pub exit_policy: ExitPolicy,
    /// `--infra-conmon-pidfile` (absolute).
    pub infra_conmon_pidfile: Option<std::path::PathBuf>,
    pub create_command: Vec<String>,
}

impl Manager {
    pub fn pods(&self) -> Result<Pods> {
        Pods::open(&self.ctx.root)
    }

    /// Makes a pod and its infra container (from `infra_image`, or the default one);
    /// returns the pod's id. A failure leaves nothing.
    pub fn pod_create(
        &self,
        req: &PodRequest,
        infra_image: Option<&ImageRecord>,
    ) -> Result<String> {
        if !req.infra {
            if !req.publish.is_empty() {
                return Err(Error::BadOption(
                    "you must have an infra container to publish port bindings to the host".into(),
                ));
            }
            if req.network.is_some() || !req.add_hosts.is_empty() || !req.dns.is_empty() {
                return Err(Error::BadOption(
                    "cannot set the pod's network options without an infra container".into(),
                ));
            }
        }
        if req.share.iter().any(|s| s == "cgroup") {
            return Err(Error::BadOption(
                "sharing the cgroup namespace is not supported".into(),
            ));
        }
        let pods = self.pods()?;
        let id = Pods::new_id();
        let name = match &req.name {
            Some(n) => n.clone(),
            None => crate::container::names::random_name(),
        };
        let creating = pods.reserve(&id, &name)?;
        let infra_id = if req.infra {
            match self.make_infra(req, &id, &name, infra_image) {
                Ok(i) => Some(i),
                Err(e) => {
                    let _ = pods.remove(&id, Some(&name));
                    return Err(e);
                }
            }
        } else {
            None
        };
        let cfg = PodConfig {
            id: id.clone(),
            name: name.clone(),
            created: Timestamp::now(),
            labels: req.labels.clone(),
            hostname: req.hostname.clone().unwrap_or_else(|| name.clone()),
            share: if req.infra {
                req.share.clone()
            } else {
                Vec::new()
            },
            infra_id: infra_id.clone(),
            volumes: req.volumes.clone(),
            exit_policy: req.exit_policy,
            create_command: req.create_command.clone(),
        };
        if let Err(e) = pods.write(&cfg) {
            if let Some(i) = &infra_id {
                let _ = self.remove(i, true);
            }
            let _ = pods.remove(&id, Some(&name));
            return Err(e);
        }
        drop(creating);
        self.pod_event("create", &cfg);
        Ok(id)
    }

    fn make_infra(
        &self,
        req: &PodRequest,
        id: &str,
        name: &str,
        image: Option<&ImageRecord>,
    ) -> Result<String> {
        let image = match image {
            Some(i) => i.clone(),
            None => self.infra_image()?,
        };
        let spec = InfraSpec {
            name: req
                .infra_name
                .clone()
                .unwrap_or_else(|| format!("{}-infra", &id[..12])),
            image: image
                .names
                .first()
                .cloned()
                .unwrap_or_else(|| image.id.clone()),
            command: req.infra_command.clone(),
            hostname: req.hostname.clone().unwrap_or_else(|| name.to_string()),
            network: req.network.clone(),
            publish: req.publish.clone(),
            add_hosts: req.add_hosts.clone(),
            dns: req.dns.clone(),
            conmon_pidfile: req.infra_conmon_pidfile.clone(),
        };
        let creq = infra::infra_request(&spec, id, &infra::find_catatonit()?);
        let plan = self.plan(&creq, &image)?;
        self.create(&image, &plan)
    }

    /// Makes `req` a member of the pod `pod` (name or id): it joins the namespaces the pod
    /// shares, and gets the pod's volumes. The returned lock (the pod's) is held until the
    /// container is made, so that a `pod rm` sees it.
    pub fn join_pod(&self, req: &mut CreateRequest, pod: &str) -> Result<(PodConfig, Lock)> {
        let pods = self.pods()?;
        let id = pods.resolve(pod)?;
        let lock = pods.lock(&id)?;
        let cfg = pods.config(&id)?;
        if let Some(infra) = &cfg.infra_id {
            let join = format!("container:{infra}");
            if cfg.shares("net") {
                if !req.publish.is_empty() || req.publish_all {
                    return Err(Error::BadOption(
                        "invalid config provided: published or exposed ports must be defined \
                         when the pod is created: network cannot be configured when it is \
                         shared with a pod"
                            .into(),
                    ));
                }
                if req.network.is_some() {
                    return Err(Error::BadOption(
                        "invalid config provided: networks must be defined when the pod is \
                         created: network cannot be configured when it is shared with a pod"
                            .into(),
                    ));
                }
                req.network = Some(join.clone());
            }
            if cfg.shares("uts") {
                if req.hostname.is_some() {
                    return Err(Error::BadOption(
                        "invalid config provided: cannot set hostname when joining the pod UTS \
                         namespace"
                            .into(),
                    ));
                }
                req.uts.get_or_insert(join.clone());
            }
            if cfg.shares("ipc") {
                req.ipc.get_or_insert(join.clone());
            }
            if cfg.shares("pid") {
                req.pid.get_or_insert(join.clone());
            }
        }
        let mut volumes = cfg.volumes.clone();
        volumes.append(&mut req.volumes);
        req.volumes = volumes;
        req.pod = Some(id);
        Ok((cfg, lock))
    }
}
