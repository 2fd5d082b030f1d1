//! `kube down`: the pods a file made (stopped, then removed with their containers), their
//! emptyDir volumes, and with `--force` the volumes of its claims, ConfigMaps and Secrets.

use std::time::Duration;

use crate::container::lifecycle::Manager;
use crate::error::Error;

use super::document::Document;
use super::plan;
use super::Result;

#[derive(Debug, Clone, Default)]
pub struct DownReport {
    pub stopped: Vec<String>,
    pub removed: Vec<String>,
    /// The secrets the file's Secret documents stored.
    pub secrets: Vec<String>,
    pub volumes: Vec<String>,
    /// Failures, one line each; the others still happened.
    pub errors: Vec<String>,
}

impl Manager {
    pub fn kube_down(&self, docs: &[Document], force: bool) -> Result<DownReport> {
        let mut r = DownReport::default();
        for name in plan::pod_names(docs) {
            match self.pod_stop(&name, None) {
                Ok(id) => r.stopped.push(id),
                Err(Error::PodNotFound(_)) => continue,
                Err(e) => r.errors.push(e.to_string()),
            }
            match self.pod_remove(&name, true, None) {
                Ok(id) => r.removed.push(id),
                Err(Error::PodNotFound(_)) => {}
                Err(e) => r.errors.push(e.to_string()),
            }
        }
        // podman's: the Secret documents' secrets go, those already gone ignored.
        let secrets = crate::secret::Secrets::open(&self.ctx.root);
        for name in plan::secret_names(docs) {
            match secrets.remove(&name) {
                Ok(id) => {
                    let mut e = crate::events::Event::new("secret", "remove");
                    e.id = id.clone();
                    self.record_event(e);
                    r.secrets.push(id);
                }
                Err(Error::Secret(crate::secret::SecretError::NotFound(_))) => {}
                Err(e) => r.errors.push(e.to_string()),
            }
        }
        let mut vols = plan::empty_dirs(docs);
        if force {
            vols.extend(plan::volume_names(docs));
        }
        for v in vols {
            match self.remove_volume(&v, false, Duration::from_secs(0)) {
                Ok(()) => r.volumes.push(v),
                Err(Error::VolumeNotFound(_)) => {}
                Err(e) => r.errors.push(e.to_string()),
            }
        }
        Ok(r)
    }
}
