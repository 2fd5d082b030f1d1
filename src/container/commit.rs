//! `ctl commit`: a container's changes as a new image, under the container's lock (a
//! running container is committed as it runs; podman pauses it only with `--pause`).

use crate::container::export::{write_layer, write_tree};
use crate::container::lifecycle::Manager;
use crate::error::Result;
use crate::image::commit::{commit, CommitRequest, ContainerSide};
use crate::image::store::ImageRecord;
use crate::image::unpack::UnpackOptions;

impl Manager {
    /// Commits the container `input` names; returns the new image.
    pub fn commit(
        &self,
        input: &str,
        req: &CommitRequest,
        opts: &UnpackOptions,
    ) -> Result<ImageRecord> {
        // Bad changes or a bad name fail before the container is even looked at.
        crate::image::commit::parse_changes(&req.changes)?;
        if let Some(n) = &req.name {
            crate::image::archive::import::import_name(n)?;
        }
        let id = self.resolve(input)?;
        let mut h = self.hold(&id)?;
        // Frozen under the same hold, so nothing thaws it meanwhile; thawed whatever the
        // commit's outcome.
        let freeze = req.pause && h.state.is_running() && !h.state.paused && !self.ctx.rootless;
        if freeze {
            self.set_frozen(&mut h, true)?;
        }
        let made = self.commit_held(&h, req, opts);
        if freeze {
            self.set_frozen(&mut h, false)?;
        }
        let img = made?;
        self.event("commit", &h.config);
        Ok(img)
    }

    fn commit_held(
        &self,
        h: &crate::container::lifecycle::Held,
        req: &CommitRequest,
        opts: &UnpackOptions,
    ) -> Result<ImageRecord> {
        let id = h.id().to_string();
        let c = &h.config;
        let side = ContainerSide {
            entrypoint: c.entrypoint.clone(),
            cmd: c.cmd.clone(),
            env: c.env.clone(),
            labels: c.labels.clone(),
            user: c.user.clone(),
            workdir: c.workdir.clone(),
            volumes: c
                .mounts
                .iter()
                .filter(|m| m.kind == "volume" || m.kind == "bind")
                .map(|m| m.destination.clone())
                .collect(),
            created_by: c.command.join(" "),
        };
        let base = self.images.image(&c.image_id)?;
        if req.squash {
            return self.with_rootfs(h, |root| {
                commit(&self.images, None, &side, req, opts, |w| {
                    write_tree(root, w)
                })
            });
        }
        let (upper, _, _) = self.overlay_dirs(&id);
        commit(&self.images, Some(&base), &side, req, opts, |w| {
            write_layer(&upper, w)
        })
    }
}
