//! Creating containers: a request resolved into a plan ([`super::plan`]), an id and a name
//! reserved under the container's lock, then the bundle made ([`super::bundle`]); a
//! failure removes whatever was made. Starting them is in start.rs.

use crate::container::checks;
use crate::container::lifecycle::Manager;
use crate::container::plan::{self, ContainerPlan, Settings};
use crate::container::request::CreateRequest;
use crate::container::rootfs;
use crate::container::store::Containers;
use crate::error::Result;
use crate::image::store::ImageRecord;

impl Manager {
    /// What creating `req` from `image` would make, decided: reads the image's config and
    /// the env files, then resolves (see [`plan::resolve`]). Nothing is made.
    pub fn plan(&self, req: &CreateRequest, image: &ImageRecord) -> Result<ContainerPlan> {
        let blob = self.images.blob(&image.config_digest())?;
        let config = plan::image_config(&blob);
        let env_files = req.read_env_files()?;
        let mut req = req.clone();
        req.image_healthcheck = crate::container::health::config::from_image(&blob);
        if let Some(d) = &req.health.log_destination {
            let checked = crate::container::health::settings::checked_destination(d)?;
            req.health.log_destination = Some(checked.as_string());
        }
        // podman's order: the files' labels, then --label's over them.
        let mut labels = plan::label_file_lines(&req.read_label_files()?);
        labels.append(&mut req.labels);
        req.labels = labels;
        req.inherited_mounts = self.volumes_from(&req.volumes_from)?;
        let settings = Settings::detect(&self.ctx);
        let mut plan = plan::resolve(&req, &config, &env_files, &settings, &Containers::new_id())?;
        plan.extras.requires = self.required_ids(&plan.extras.requires)?;
        Ok(plan)
    }

    /// Creates a container from an image as planned: record, rootfs, bundle. Nothing runs
    /// yet. Returns its id (the plan's).
    pub fn create(&self, image: &ImageRecord, plan: &ContainerPlan) -> Result<String> {
        // What runc would refuse only after the container was made, refused before.
        checks::bind_sources_exist(&plan.mounts)?;
        checks::pidfile_dirs_exist(&[&plan.pidfile, &plan.conmon_pidfile])?;
        // Held until the record names the image: `rmi` waits, then sees this container.
        let _using = self.images.use_lock(false)?;
        self.images.image(&image.id)?;
        let (id, name, _creating) = self.containers.reserve(&plan.id, plan.name.as_deref())?;
        match self.make_bundle(&id, &name, image, plan) {
            Ok(()) => {
                if let Ok(cfg) = self.containers.config(&id) {
                    self.event("create", &cfg);
                }
                Ok(id)
            }
            Err(e) => {
                let merged = self.containers.dir(&id).join("merged");
                let _ = rootfs::unmount(&merged);
                let _ = self.containers.remove(&id, Some(&name));
                Err(e)
            }
        }
    }
}
