//! The container events, as libpod writes them: id, name, image name and labels; the exit
//! code on `died` and `remove`.

use crate::container::lifecycle::{Held, Manager};
use crate::container::store::ContainerConfig;
use crate::events::{Event, EventLog};

impl Manager {
    /// Records `status` for the container (a failure is a warning: the change happened).
    pub(crate) fn event(&self, status: &str, cfg: &ContainerConfig) {
        self.record_event(self.container_event(status, cfg));
    }

    /// [`Manager::event`] with the exit code the state holds (`died`, `remove`).
    pub(crate) fn event_with_exit(&self, status: &str, h: &Held) {
        let mut e = self.container_event(status, &h.config);
        e.exit_code = h.state.exit_code;
        if status == "died" && h.state.oom_killed {
            e.oom_killed = Some(true);
        }
        self.record_event(e);
    }

    pub fn container_event(&self, status: &str, cfg: &ContainerConfig) -> Event {
        Event::container(status, &cfg.id, &cfg.name, &cfg.image_name, &cfg.labels)
    }

    pub fn record_event(&self, e: Event) {
        // A build's RUN containers are its own business, as buildah's are podman's.
        if e.attributes.contains_key(crate::build::BUILD_LABEL) {
            return;
        }
        EventLog::new(&self.ctx.events).record(&e);
    }
}
