//! `--requires`: containers started before this one at each of its starts (recursively, as
//! libpod's `startDependencies`), which cannot be removed while it exists
//! ([`crate::container::store::ContainerConfig::dependencies`]).

use crate::container::lifecycle::Manager;
use crate::container::store::ContainerConfig;
use crate::error::{Error, Result};

impl Manager {
    /// `--requires`'s names as ids, refused in podman's words when one is no container.
    pub(crate) fn required_ids(&self, names: &[String]) -> Result<Vec<String>> {
        let mut ids: Vec<String> = Vec::new();
        for n in names {
            let id = self.resolve(n).map_err(|e| match e {
                Error::ContainerNotFound(_) => Error::BadOption(format!(
                    "{n:?} is not a valid container, cannot be used as a dependency: {e}"
                )),
                e => e,
            })?;
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        Ok(ids)
    }

    /// Starts what `cfg` requires that is not running, each after its own requirements.
    /// A requirement removed since (only possible for records written outside ctl) is
    /// skipped, as nothing can start it.
    pub(crate) fn start_requirements(&self, cfg: &ContainerConfig) -> Result<()> {
        for id in &cfg.requires {
            let Ok(c) = self.load(id) else {
                continue;
            };
            if c.state.is_running() {
                continue;
            }
            self.start(id).map_err(|e| {
                Error::BadOption(format!(
                    "starting dependency {} of container {}: {e}",
                    c.config.name, cfg.name
                ))
            })?;
        }
        Ok(())
    }
}
