//! `ctl rename`: a new name for a container in any state, under its lock.
//!
//! The record first notes the new name as one it may hold, then the new name is taken
//! (symlink(2): one winner), then the record says it (noting the old one), then the old
//! name is freed. A ctl killed between those steps leaves a container with a name too many,
//! which resolves to it and which its removal frees; never a container without a name.

use crate::container::lifecycle::Manager;
use crate::container::store::validate_name;
use crate::error::Result;

impl Manager {
    /// Renames the container `input` names to `new` (a leading `/` dropped, as podman's).
    pub fn rename(&self, input: &str, new: &str) -> Result<()> {
        let new = new.trim_start_matches('/');
        validate_name(new)?;
        let id = self.resolve(input)?;
        let mut h = self.hold(&id)?;
        let old = h.config.name.clone();
        if old == new {
            return Ok(());
        }
        h.config.other_names = vec![new.to_string()];
        self.containers.write_config(&h.config)?;
        if let Err(e) = self.containers.take_name_again(new, &id) {
            h.config.other_names.clear();
            let _ = self.containers.write_config(&h.config);
            return Err(e);
        }
        h.config.name = new.to_string();
        h.config.other_names = vec![old.clone()];
        self.containers.write_config(&h.config)?;
        self.containers.release_name(&old, &id);
        self.event("rename", &h.config);
        Ok(())
    }
}
