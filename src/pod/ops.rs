//! The pod verbs: each acts on the pod's containers, found by the pod id their records
//! name. Start: the infra first; stop: the members first, the infra last; remove: the
//! members, the record, then the infra (see [`crate::pod`] for why in that order).

use std::time::Duration;

use crate::container::lifecycle::{Container, Manager};
use crate::container::state::Status;
use crate::container::store::ContainerConfig;
use crate::error::{Error, Result};
use crate::events::Event;
use crate::pod::record::PodConfig;
use crate::pod::status::{pod_status, Member, PodStatus};

/// A pod as `pod ps` and `pod inspect` show it.
#[derive(Debug, Clone)]
pub struct PodReport {
    pub config: PodConfig,
    pub status: PodStatus,
    /// Its containers, the infra first, then the newest first.
    pub containers: Vec<Container>,
}

impl PodReport {
    pub fn infra(&self) -> Option<&Container> {
        self.containers.iter().find(|c| c.config.infra)
    }
}

/// The outcome of a verb over a pod's containers: the first failure, with the container it
/// was about.
fn first_error(errors: Vec<(String, Error)>) -> Result<()> {
    match errors.into_iter().next() {
        None => Ok(()),
        Some((_, e)) => Err(e),
    }
}

impl Manager {
    /// Records a pod event (podman's: Type pod, the pod's id and name).
    pub fn pod_event(&self, status: &str, cfg: &PodConfig) {
        let mut e = Event::new("pod", status);
        e.id = cfg.id.clone();
        e.name = cfg.name.clone();
        self.record_event(e);
    }

    /// Every pod, newest first, with its containers read once.
    pub fn pod_list(&self) -> Result<Vec<PodReport>> {
        let pods = self.pods()?;
        let all: Vec<Container> = self
            .list()?
            .into_iter()
            .filter_map(|l| l.ok())
            .filter(|(cfg, _)| cfg.pod.is_some())
            .map(|(config, state)| Container { config, state })
            .collect();
        let mut out = Vec::new();
        for id in pods.ids()? {
            let config = match pods.config(&id) {
                Ok(c) => c,
                Err(Error::PodNotFound(_)) => continue,
                Err(e) => return Err(e),
            };
            out.push(report(config, &all));
        }
        out.sort_by_key(|r| std::cmp::Reverse(r.config.created));
        Ok(out)
    }

    /// One pod by name, id or id prefix.
    pub fn pod_get(&self, input: &str) -> Result<PodReport> {
        let pods = self.pods()?;
        let id = pods.resolve(input)?;
        let config = pods.config(&id)?;
        let all: Vec<Container> = self
            .list()?
            .into_iter()
            .filter_map(|l| l.ok())
            .filter(|(cfg, _)| cfg.pod.as_deref() == Some(id.as_str()))
            .map(|(config, state)| Container { config, state })
            .collect();
        Ok(report(config, &all))
    }

    /// Before a member starts: its pod's infra runs (the namespaces it joins are the
    /// infra's process's).
    pub(crate) fn start_pod_infra(&self, cfg: &ContainerConfig) -> Result<()> {
        let Some(pod) = cfg.pod.as_deref().filter(|_| !cfg.infra) else {
            return Ok(());
        };
        let Ok(pcfg) = self.pods()?.config(pod) else {
            return Ok(());
        };
        match pcfg.infra_id {
            Some(infra) if infra != cfg.id => self.start(&infra),
            _ => Ok(()),
        }
    }

    /// `pod start`: the infra, then every member that is not running.
    pub fn pod_start(&self, input: &str) -> Result<String> {
        let r = self.pod_get(input)?;
        let mut errors = Vec::new();
        for c in &r.containers {
            if c.state.status == Status::Running {
                continue;
            }
            if let Err(e) = self.start(c.id()) {
                errors.push((c.id().to_string(), e));
                if c.config.infra {
                    break;
                }
            }
        }
        first_error(errors)?;
        self.pod_event("start", &r.config);
        Ok(r.config.id)
    }

    /// `pod stop`: the members, then the infra (`timeout`: each container's own if none).
    pub fn pod_stop(&self, input: &str, timeout: Option<u32>) -> Result<String> {
        let r = self.pod_get(input)?;
        let mut errors = Vec::new();
        let (infra, members): (Vec<&Container>, Vec<&Container>) =
            r.containers.iter().partition(|c| c.config.infra);
        for c in members.into_iter().chain(infra) {
            if !matches!(c.state.status, Status::Running | Status::Created) {
                continue;
            }
            let t = Duration::from_secs(timeout.unwrap_or(c.config.stop_timeout).into());
            match self.stop(c, t) {
                Ok(_) | Err(Error::ContainerNotFound(_)) => {}
                Err(e) => errors.push((c.id().to_string(), e)),
            }
        }
        first_error(errors)?;
        self.pod_event("stop", &r.config);
        Ok(r.config.id)
    }

    /// `pod restart`: stopped, then started.
    pub fn pod_restart(&self, input: &str) -> Result<String> {
        self.pod_stop(input, None)?;
        let id = self.pod_start(input)?;
        Ok(id)
    }

    /// `pod kill`: `signal` to every running container of the pod, the members first.
    pub fn pod_kill(&self, input: &str, signal: i32) -> Result<String> {
        let r = self.pod_get(input)?;
        let running: Vec<&Container> = r
            .containers
            .iter()
            .filter(|c| c.state.status == Status::Running)
            .collect();
        if running.is_empty() {
            return Err(Error::BadOption(format!(
                "no containers in pod {} are running",
                r.config.id
            )));
        }
        let mut errors = Vec::new();
        let (infra, members): (Vec<&Container>, Vec<&Container>) =
            running.into_iter().partition(|c| c.config.infra);
        for c in members.into_iter().chain(infra) {
            if let Err(e) = self.kill(c, signal) {
                errors.push((c.id().to_string(), e));
            }
        }
        first_error(errors)?;
        self.pod_event("kill", &r.config);
        Ok(r.config.id)
    }

    /// `pod pause` / `pod unpause`: every running container of the pod.
    pub fn pod_pause(&self, input: &str, pause: bool) -> Result<String> {
        let r = self.pod_get(input)?;
        let mut errors = Vec::new();
        for c in &r.containers {
            if c.state.status != Status::Running || c.state.paused == pause {
                continue;
            }
            let done = if pause {
                self.pause(c.id())
            } else {
                self.unpause(c.id())
            };
            if let Err(e) = done {
                errors.push((c.id().to_string(), e));
            }
        }
        first_error(errors)?;
        self.pod_event(if pause { "pause" } else { "unpause" }, &r.config);
        Ok(r.config.id)
    }

    /// `pod rm`: the members (running ones only with `force`, killed after `timeout`), the
    /// record, then the infra container. Under the pod's lock: no member is added
    /// meanwhile.
    pub fn pod_remove(&self, input: &str, force: bool, timeout: Option<u32>) -> Result<String> {
        let pods = self.pods()?;
        let id = pods.resolve(input)?;
        let lock = pods.lock(&id)?;
        let r = self.pod_get(&id)?;
        let only_infra = r.containers.iter().all(|c| c.config.infra);
        let force = force || only_infra;
        if !force {
            if let Some(c) = r
                .containers
                .iter()
                .find(|c| c.state.status == Status::Running)
            {
                return Err(Error::PodRemove {
                    id: id.clone(),
                    reason: Error::RemoveRunning {
                        id: c.id().to_string(),
                        state: c.state.podman_status(),
                    }
                    .to_string(),
                });
            }
        }
        let (infra, members): (Vec<&Container>, Vec<&Container>) =
            r.containers.iter().partition(|c| c.config.infra);
        let ids: Vec<String> = members.iter().map(|c| c.id().to_string()).collect();
        for mid in self.with_dependents_first(&ids) {
            if let Some(t) = timeout.filter(|_| force) {
                if let Ok(c) = self.load(&mid) {
                    if c.state.status == Status::Running {
                        let _ = self.stop(&c, Duration::from_secs(t.into()));
                    }
                }
            }
            match self.remove(&mid, force) {
                Ok(()) | Err(Error::ContainerNotFound(_)) => {}
                Err(e) => {
                    return Err(Error::PodRemove {
                        id,
                        reason: e.to_string(),
                    })
                }
            }
        }
        pods.remove(&id, Some(&r.config.name))?;
        drop(lock);
        for c in infra {
            match self.remove(c.id(), true) {
                Ok(()) | Err(Error::ContainerNotFound(_)) => {}
                Err(e) => return Err(e),
            }
        }
        self.pod_event("remove", &r.config);
        Ok(id)
    }

    /// The infra container of a pod that exists is removed only with its pod.
    pub(crate) fn refuse_infra_removal(&self, cfg: &ContainerConfig) -> Result<()> {
        let Some(pod) = cfg.pod.as_deref().filter(|_| cfg.infra) else {
            return Ok(());
        };
        match self.pods()?.config(pod) {
            Ok(p) if p.infra_id.as_deref() == Some(cfg.id.as_str()) => Err(Error::InfraRemove {
                id: cfg.id.clone(),
                pod: pod.to_string(),
            }),
            _ => Ok(()),
        }
    }
}

fn report(config: PodConfig, all: &[Container]) -> PodReport {
    let mut containers: Vec<Container> = all
        .iter()
        .filter(|c| c.config.pod.as_deref() == Some(config.id.as_str()))
        .cloned()
        .collect();
    containers.sort_by(|a, b| {
        b.config
            .infra
            .cmp(&a.config.infra)
            .then(b.config.created.cmp(&a.config.created))
    });
    let members: Vec<Member> = containers
        .iter()
        .map(|c| Member::of(c.state.status, c.state.maybe_frozen()))
        .collect();
    PodReport {
        status: pod_status(&members),
        config,
        containers,
    }
}
