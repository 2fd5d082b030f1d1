//! `pod create --exit-policy stop`: once no member of the pod is left running, the pod
//! (its infra) is stopped. As libpod's, it runs in the cleanup of the member that exited,
//! the monitor's exit command: that member's monitor is the only process that sees the
//! exit, so no process of ctl has to outlive the containers to watch them.

use crate::container::lifecycle::Manager;
use crate::container::state::Status;
use crate::container::store::ContainerConfig;
use crate::error::{Error, Result};
use crate::pod::record::ExitPolicy;

impl Manager {
    /// After `exited` (a member) was cleaned up: stops its pod if the pod's policy is
    /// `stop` and every other member has exited. The infra is stopped as
    /// `pod stop` does, recording the pod's `stop` event.
    pub(crate) fn apply_pod_exit_policy(&self, exited: &ContainerConfig) -> Result<()> {
        let Some(pod) = exited.pod.as_deref().filter(|_| !exited.infra) else {
            return Ok(());
        };
        let cfg = match self.pods()?.config(pod) {
            Ok(c) => c,
            // The pod is being removed (or gone): nothing to stop.
            Err(Error::PodNotFound(_)) => return Ok(()),
            Err(e) => return Err(e),
        };
        if cfg.exit_policy != ExitPolicy::Stop {
            return Ok(());
        }
        let r = match self.pod_get(pod) {
            Ok(r) => r,
            Err(Error::PodNotFound(_)) => return Ok(()),
            Err(e) => return Err(e),
        };
        // As libpod's stopIfOnlyInfraRemains: any member not exited keeps the pod, one
        // not started yet too (kube play's containers wait for its init containers).
        let others_alive = r
            .containers
            .iter()
            .any(|c| !c.config.infra && c.id() != exited.id && c.state.status != Status::Exited);
        let infra_running = r.infra().is_some_and(|c| c.state.status == Status::Running);
        if others_alive || !infra_running {
            return Ok(());
        }
        match self.pod_stop(pod, None) {
            Ok(_) | Err(Error::PodNotFound(_)) => Ok(()),
            Err(e) => Err(e),
        }
    }
}
