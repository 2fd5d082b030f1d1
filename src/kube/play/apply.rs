//! Making what a [`PlayPlan`] asks for, through the pod, container and volume code `pod
//! create`, `create` and `volume create` use. Images are found (or pulled) first and host
//! paths checked, so that a refusal leaves nothing; a failure after that removes what this
//! play made, in reverse order.

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;

use crate::container::lifecycle::Manager;
use crate::container::request::CreateRequest;
use crate::error::{Error, IoContext};
use crate::events::Event;
use crate::image::pull::PullPolicy;
use crate::image::store::ImageRecord;
use crate::volume::record::CreateRequest as VolumeRequest;

use super::container::CtrPlan;
use super::plan::{KubeSecret, PlayPlan, PodPlan};
use super::volumes::{MountPlan, Source, VolumeKind};
use super::{PlayError, Result};

/// How the plan is carried out.
pub struct Apply<'a> {
    /// `--replace`: pods (and containers) of the same names are removed first.
    pub replace: bool,
    /// `--start`.
    pub start: bool,
    /// The stored image for a reference under a pull policy (the caller pulls, with its
    /// progress output).
    pub image: &'a dyn Fn(&str, PullPolicy) -> crate::Result<ImageRecord>,
}

/// A pod made: its id, its containers' ids (init containers apart), and the containers
/// that did not start, in podman's words.
#[derive(Debug, Clone, Default)]
pub struct PlayedPod {
    pub id: String,
    pub init: Vec<String>,
    pub containers: Vec<String>,
    pub errors: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct PlayReport {
    /// The ids of the secrets stored from Secret documents.
    pub secrets: Vec<String>,
    /// The PersistentVolumeClaims' volumes this play made.
    pub volumes: Vec<String>,
    pub pods: Vec<PlayedPod>,
    /// What the container plans said (ignored flags and the like).
    pub warnings: Vec<String>,
}

/// What was made so far, removed again when a later step fails.
#[derive(Default)]
struct Made {
    pods: Vec<String>,
    volumes: Vec<String>,
}

impl Manager {
    /// Plays `plan`. An error leaves nothing this play made.
    pub fn kube_play(&self, plan: &PlayPlan, a: &Apply) -> Result<PlayReport> {
        let mut images: BTreeMap<String, ImageRecord> = BTreeMap::new();
        for pod in &plan.pods {
            for c in pod.init.iter().chain(&pod.containers) {
                if !images.contains_key(&c.req.image) {
                    let rec = (a.image)(&c.req.image, c.pull)?;
                    images.insert(c.req.image.clone(), rec);
                }
                check_host_paths(&pod.doc, c)?;
            }
        }
        if a.replace {
            for pod in &plan.pods {
                self.replace(pod)?;
            }
        }
        let mut made = Made::default();
        let mut report = PlayReport::default();
        match self.make_all(plan, a, &images, &mut made, &mut report) {
            Ok(()) => Ok(report),
            Err(e) => {
                self.undo(&made);
                Err(e)
            }
        }
    }

    fn replace(&self, pod: &PodPlan) -> Result<()> {
        let name = pod.pod.name.as_deref().unwrap_or_default();
        match self.pod_remove(name, true, None) {
            Ok(_) | Err(Error::PodNotFound(_)) => {}
            Err(e) => return Err(e.into()),
        }
        for c in pod.init.iter().chain(&pod.containers) {
            if let Some(n) = &c.req.name {
                match self.resolve(n) {
                    Ok(id) => self.remove(&id, true)?,
                    Err(Error::ContainerNotFound(_)) => {}
                    Err(e) => return Err(e.into()),
                }
            }
        }
        Ok(())
    }

    fn make_all(
        &self,
        plan: &PlayPlan,
        a: &Apply,
        images: &BTreeMap<String, ImageRecord>,
        made: &mut Made,
        report: &mut PlayReport,
    ) -> Result<()> {
        for s in &plan.secrets {
            report.secrets.push(self.store_kube_secret(s)?);
        }
        let vols = self.volumes()?;
        for v in &plan.volumes {
            let existed = vols.get(&v.name).is_ok();
            if !existed {
                let req = VolumeRequest {
                    name: Some(v.name.clone()),
                    rootless: self.ctx.rootless,
                    ..Default::default()
                };
                vols.create(&req)?;
                made.volumes.push(v.name.clone());
                self.record_event(Event::volume("create", &v.name));
                if v.kind == VolumeKind::Claim {
                    report.volumes.push(v.name.clone());
                }
            }
            let data = vols.data(&v.name);
            for (path, content, mode) in &v.files {
                let file = data.join(path);
                if let Some(dir) = file.parent() {
                    std::fs::create_dir_all(dir).at(dir)?;
                }
                crate::fsutil::atomic_write(&file, content)?;
                std::fs::set_permissions(&file, std::fs::Permissions::from_mode(*mode))
                    .at(&file)?;
            }
        }
        for pod in &plan.pods {
            let played = self.make_pod(pod, a, images, made, &mut report.warnings)?;
            report.pods.push(played);
        }
        Ok(())
    }

    /// podman's playKubeSecret: a secret of the Secret's name holding its YAML, replacing
    /// one of that name unless that one is immutable.
    fn store_kube_secret(&self, s: &KubeSecret) -> Result<String> {
        use crate::secret::{CreateOptions, SecretError, Secrets};
        let secrets = Secrets::open(&self.ctx.root);
        match secrets.lookup(&s.name) {
            Ok(old) if old.metadata.get("immutable").map(String::as_str) == Some("true") => {
                return Err(PlayError::Document {
                    doc: format!("Secret {:?}", s.name),
                    reason: "cannot remove colliding secret as it is set to immutable".into(),
                })
            }
            Ok(_) | Err(Error::Secret(SecretError::NotFound(_))) => {}
            Err(e) => return Err(e.into()),
        }
        let mut metadata = BTreeMap::new();
        if s.immutable {
            metadata.insert("immutable".to_string(), "true".to_string());
        }
        let opts = CreateOptions {
            driver: "file".into(),
            metadata,
            replace: true,
            ..Default::default()
        };
        let made = secrets.create(&s.name, &s.yaml, opts)?;
        let mut e = Event::new("secret", "create");
        e.id = made.id.clone();
        self.record_event(e);
        Ok(made.id)
    }

    fn make_pod(
        &self,
        pod: &PodPlan,
        a: &Apply,
        images: &BTreeMap<String, ImageRecord>,
        made: &mut Made,
        warnings: &mut Vec<String>,
    ) -> Result<PlayedPod> {
        let id = self.pod_create(&pod.pod, None)?;
        made.pods.push(id.clone());
        let mut played = PlayedPod {
            id: id.clone(),
            ..Default::default()
        };
        for (init, list) in [(true, &pod.init), (false, &pod.containers)] {
            for c in list {
                let image = &images[&c.req.image];
                let mut req = self.with_mounts(c)?;
                let (_, _lock) = self.join_pod(&mut req, &id)?;
                let cplan = self.plan(&req, image)?;
                warnings.extend(cplan.warnings.iter().cloned());
                let cid = self.create(image, &cplan)?;
                if init {
                    played.init.push(cid);
                } else {
                    played.containers.push(cid);
                }
            }
        }
        if a.start {
            self.start_pod(pod, &mut played)?;
        }
        Ok(played)
    }

    /// The infra (a failure, such as a hostPort in use, fails the play), the init
    /// containers one by one to completion, then the containers.
    fn start_pod(&self, pod: &PodPlan, played: &mut PlayedPod) -> Result<()> {
        let r = self.pod_get(&played.id)?;
        if let Some(infra) = &r.config.infra_id {
            self.start(infra).map_err(|e| PlayError::Document {
                doc: pod.doc.clone(),
                reason: format!("starting pod {:?}: {e}", r.config.name),
            })?;
        }
        for id in &played.init {
            let outcome = self
                .start(id)
                .and_then(|()| self.wait(id))
                .map_err(|e| e.to_string())
                .and_then(|code| match code {
                    Some(0) => Ok(()),
                    Some(n) => Err(format!("init container exited with code {n}")),
                    None => Err("init container did not exit".into()),
                });
            if let Err(e) = outcome {
                played.errors.push(format!("starting container {id}: {e}"));
                // The containers wait for every init container, as Kubernetes' do.
                return Ok(());
            }
        }
        for id in &played.containers {
            if let Err(e) = self.start(id) {
                played.errors.push(format!("starting container {id}: {e}"));
            }
        }
        self.pod_event("start", &r.config);
        Ok(())
    }

    /// The request with its mounts as `-v` and `--tmpfs` values.
    fn with_mounts(&self, c: &CtrPlan) -> Result<CreateRequest> {
        let mut req = c.req.clone();
        for m in &c.mounts {
            let MountPlan {
                source,
                sub_path,
                dest,
                read_only,
            } = m;
            let ro = if *read_only { ":ro" } else { "" };
            let join = |base: String| match sub_path {
                Some(s) => format!("{}/{s}", base.trim_end_matches('/')),
                None => base,
            };
            match source {
                Source::Host { path, .. } => req
                    .volumes
                    .push(format!("{}:{dest}{ro}", join(path.clone()))),
                Source::Volume(name) if sub_path.is_none() => {
                    req.volumes.push(format!("{name}:{dest}{ro}"))
                }
                Source::Volume(name) => {
                    let data = self.volumes()?.data(name);
                    req.volumes.push(format!(
                        "{}:{dest}{ro}",
                        join(data.to_string_lossy().into_owned())
                    ));
                }
                Source::Tmpfs => req.tmpfs.push(format!("{dest}{ro}")),
            }
        }
        Ok(req)
    }

    fn undo(&self, made: &Made) {
        for id in made.pods.iter().rev() {
            let _ = self.pod_remove(id, true, None);
        }
        for v in made.volumes.iter().rev() {
            let _ = self.remove_volume(v, true, std::time::Duration::from_secs(0));
        }
    }
}

/// hostPath's type, checked (or the directory made) before anything else is.
fn check_host_paths(doc: &str, c: &CtrPlan) -> Result<()> {
    for m in &c.mounts {
        let Source::Host { path, kind } = &m.source else {
            continue;
        };
        let p = std::path::Path::new(path);
        let bad = |what: &str| PlayError::Document {
            doc: doc.to_string(),
            reason: format!("hostPath {path:?}: {what}"),
        };
        match kind.as_deref() {
            Some("DirectoryOrCreate") => {
                std::fs::create_dir_all(p).map_err(|e| bad(&e.to_string()))?;
            }
            Some("FileOrCreate") => {
                if !p.exists() {
                    std::fs::OpenOptions::new()
                        .create(true)
                        .append(true)
                        .open(p)
                        .map_err(|e| bad(&e.to_string()))?;
                }
            }
            Some("Directory") if !p.is_dir() => return Err(bad("is not a directory")),
            Some("File") if !p.is_file() => return Err(bad("is not a file")),
            Some("Socket") | Some("CharDevice") | Some("BlockDevice") | Some("Directory")
            | Some("File") | None => {}
            Some(other) => return Err(bad(&format!("type {other:?} is not supported"))),
        }
        if !p.exists() {
            return Err(bad("no such file or directory"));
        }
    }
    Ok(())
}
