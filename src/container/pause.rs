//! Pausing and unpausing a running container: the runtime freezes and thaws its cgroup.
//!
//! The record says `freezer_pending` before the runtime is asked and the outcome after, so
//! a ctl killed in between leaves a record that the next reader settles by asking the
//! runtime ([`crate::container::state::reconcile`]), and `rm -f` thaws it to be sure.

use crate::container::lifecycle::{Held, Manager};
use crate::container::state::Status;
use crate::error::{Error, Result};

impl Manager {
    /// Freezes a running container's processes.
    pub fn pause(&self, id: &str) -> Result<()> {
        let mut h = self.hold(id)?;
        if h.state.status == Status::Running && h.state.paused {
            return Err(Error::StateImproper(format!(
                "{:?} is already paused",
                h.id()
            )));
        }
        if h.state.status != Status::Running {
            return Err(Error::StateImproper(format!(
                "{:?} is not running, can't pause",
                h.state.podman_status()
            )));
        }
        if self.ctx.rootless {
            // Rootless containers run without a cgroup of their own (no linux.cgroupsPath):
            // there is nothing that freezes only them.
            return Err(Error::BadOption(
                "pause is not supported for rootless containers: they have no cgroup of their \
                 own to freeze"
                    .into(),
            ));
        }
        self.set_frozen(&mut h, true)
    }

    /// Thaws a paused container.
    pub fn unpause(&self, id: &str) -> Result<()> {
        let mut h = self.hold(id)?;
        if !h.state.maybe_frozen() {
            return Err(Error::StateImproper(format!(
                "{:?} is not paused, can't unpause",
                h.id()
            )));
        }
        self.set_frozen(&mut h, false)
    }

    /// Records the change as pending, asks the runtime, then records its outcome; a
    /// failure records what the runtime says now.
    pub(crate) fn set_frozen(&self, h: &mut Held, frozen: bool) -> Result<()> {
        let rt = self.runtime_for(&h.config)?;
        h.state.freezer_pending = true;
        self.save(h)?;
        let asked = match frozen {
            true => rt.pause(h.id()),
            false => rt.resume(h.id()),
        };
        match asked {
            Ok(()) => h.state.paused = frozen,
            Err(_) => {
                let now = rt.status(h.id()).ok().flatten();
                h.state.paused = now.as_deref() == Some("paused");
            }
        }
        h.state.freezer_pending = false;
        self.save(h)?;
        if asked.is_ok() {
            self.event(if frozen { "pause" } else { "unpause" }, &h.config);
        }
        asked
    }

    /// Thaws a container that may be frozen, so that a SIGKILL sent to it is delivered
    /// (a frozen cgroup v1 task does not die before it is thawed). Best effort: the runtime
    /// may no longer know the container.
    pub(crate) fn thaw_for_kill(&self, h: &mut Held) {
        if !h.state.maybe_frozen() {
            return;
        }
        if let Ok(rt) = self.runtime_for(&h.config) {
            let _ = rt.resume(h.id());
        }
        h.state.paused = false;
        h.state.freezer_pending = false;
    }
}
