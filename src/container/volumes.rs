//! A container's volumes: made (anonymous ones, named ones missing) and copied up while
//! the container is created, found by their users, removed with `rm -v` and `--rm`.
//!
//! Locks are taken container first, then volumes in name order; `volume rm -f` removes the
//! users before it takes the volume's lock, so the order is never reversed.

use crate::events::Event;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::container::lifecycle::Manager;
use crate::container::options::Mount;
use crate::container::plan::ContainerPlan;
use crate::container::store::MountRecord;
use crate::error::{Error, Result};
use crate::volume::copyup::{self, CopyUp};
use crate::volume::store::Held;
use crate::volume::{CreateRequest, Volumes};

/// A plan whose volume mounts name existing volumes, their locks held until the
/// container's record names them (so `volume rm` waits and then sees the user).
pub(crate) struct Attached {
    pub plan: ContainerPlan,
    _held: Vec<Held>,
    /// Volumes made for this container (anonymous ones, named ones that were missing):
    /// gone again if its creation fails.
    made: Vec<String>,
}

impl Attached {
    /// The creation failed: the volumes made for it go, unless another container took one
    /// meanwhile (its creator holds the lock until its record names the volume).
    pub(crate) fn undo(self, m: &Manager) {
        let Attached { _held, made, .. } = self;
        drop(_held);
        if let Ok(vols) = m.volumes() {
            for name in made {
                if let Ok(h) = vols.hold(&name) {
                    if m.volume_users(&name).is_ok_and(|u| u.is_empty()) {
                        let _ = vols.remove(h);
                    }
                }
            }
        }
    }
}

impl Manager {
    pub fn volumes(&self) -> Result<Volumes> {
        Volumes::open(&self.ctx.root)
    }

    /// Makes each volume the plan mounts (anonymous ones new, named ones when missing, as
    /// podman's), takes their locks, copies the image's content at `merged`'s mount points
    /// into the ones that are new and empty; returns the plan with the volumes' `_data`.
    pub(crate) fn attach_volumes(&self, merged: &Path, plan: &ContainerPlan) -> Result<Attached> {
        let mut out = Attached {
            plan: plan.clone(),
            _held: Vec::new(),
            made: Vec::new(),
        };
        if !plan
            .mounts
            .iter()
            .any(|m| matches!(m, Mount::Volume { .. }))
        {
            return Ok(out);
        }
        let vols = self.volumes()?;
        match self.attach_into(&vols, merged, &mut out) {
            Ok(()) => Ok(out),
            Err(e) => {
                out.undo(self);
                Err(e)
            }
        }
    }

    fn attach_into(&self, vols: &Volumes, merged: &Path, out: &mut Attached) -> Result<()> {
        for m in out.plan.mounts.iter_mut() {
            let Mount::Volume {
                name, anonymous, ..
            } = m
            else {
                continue;
            };
            let req = CreateRequest {
                name: (!*anonymous).then(|| name.clone()),
                ignore: true,
                anonymous: *anonymous,
                ..Default::default()
            };
            let existed = !*anonymous && vols.get(name).is_ok();
            let v = vols.create(&req)?;
            if !existed {
                self.record_event(Event::volume("create", &v.name));
                out.made.push(v.name.clone());
            }
            *name = v.name;
        }
        let mut names: Vec<String> = out
            .plan
            .mounts
            .iter()
            .filter_map(|m| match m {
                Mount::Volume { name, .. } => Some(name.clone()),
                _ => None,
            })
            .collect();
        names.sort();
        names.dedup();
        for name in names {
            out._held.push(vols.hold(&name)?);
        }
        for m in out.plan.mounts.iter_mut() {
            let Mount::Volume {
                name,
                source,
                destination,
                nocopy,
                ..
            } = m
            else {
                continue;
            };
            let h = out
                ._held
                .iter_mut()
                .find(|h| h.volume.name == *name)
                .expect("every volume is held");
            // A volume with a filesystem of its own gets its content once mounted, at the
            // first start (unless another user has it mounted now).
            let data = vols.data(name);
            if !h.volume.needs_mount() || crate::volume::mount::is_mounted(&data) {
                first_use(vols, h, merged, destination, *nocopy)?;
            }
            *source = Some(vols.data(name));
        }
        Ok(())
    }

    /// The containers (id, name) whose records mount volume `name`.
    pub fn volume_users(&self, name: &str) -> Result<Vec<(String, String)>> {
        Ok(self
            .list()?
            .into_iter()
            .flatten()
            .filter(|(cfg, _)| uses(&cfg.mounts, name))
            .map(|(cfg, _)| (cfg.id, cfg.name))
            .collect())
    }

    /// podman's MountCount: how many containers have the volume mounted now (started and
    /// not yet stopped) and `volume mount`s not undone; 0 for a volume that is a plain directory, which is never mounted.
    pub fn volume_mount_count(&self, v: &crate::volume::Volume) -> Result<u32> {
        if !v.needs_mount() {
            return Ok(0);
        }
        Ok(self
            .list()?
            .into_iter()
            .flatten()
            .filter(|(cfg, st)| uses(&cfg.mounts, &v.name) && st.status.is_active())
            .count() as u32
            + v.manual_mounts)
    }

    /// Every volume name some container mounts.
    pub fn volumes_in_use(&self) -> Result<Vec<String>> {
        Ok(self
            .list()?
            .into_iter()
            .flatten()
            .flat_map(|(cfg, _)| cfg.mounts.into_iter().filter_map(|m| m.name))
            .collect())
    }

    /// Removes a volume; one in use only with `force`, which first removes its users (a
    /// running one stopped with `timeout`).
    pub fn remove_volume(&self, name: &str, force: bool, timeout: Duration) -> Result<()> {
        let vols = self.volumes()?;
        vols.get(name)?;
        if force {
            for (id, _) in self.volume_users(name)? {
                if let Ok(c) = self.get(&id) {
                    let _ = self.stop(&c, timeout);
                }
                match self.remove(&id, true) {
                    Ok(()) | Err(Error::ContainerNotFound(_)) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        let h = vols.hold(name)?;
        let users = self.volume_users(name)?;
        if !users.is_empty() {
            return Err(Error::VolumeInUse {
                name: name.to_string(),
                containers: users.into_iter().map(|(id, _)| id).collect(),
            });
        }
        vols.remove(h)?;
        self.record_event(Event::volume("remove", name));
        Ok(())
    }

    /// Removes a container and then its anonymous volumes (`rm -v`).
    pub fn remove_with_volumes(&self, id: &str, force: bool) -> Result<()> {
        let mounts = self.containers.config(id).map(|c| c.mounts).ok();
        self.remove(id, force)?;
        self.remove_anonymous_volumes(mounts.as_deref().unwrap_or_default());
        Ok(())
    }

    /// The anonymous volumes of a removed container go, unless another container mounts
    /// one of them meanwhile (best effort: a failure leaves a dangling volume `volume
    /// prune` removes).
    pub(crate) fn remove_anonymous_volumes(&self, mounts: &[MountRecord]) {
        let Ok(vols) = self.volumes() else { return };
        for name in mounts
            .iter()
            .filter(|m| m.anonymous)
            .filter_map(|m| m.name.as_ref())
        {
            let Ok(h) = vols.hold(name) else { continue };
            if self.volume_users(name).is_ok_and(|u| u.is_empty()) && vols.remove(h).is_ok() {
                self.record_event(Event::volume("remove", name));
            }
        }
    }
}

fn uses(mounts: &[MountRecord], name: &str) -> bool {
    mounts.iter().any(|m| m.name.as_deref() == Some(name))
}

/// A held volume's first use by a container whose rootfs is mounted at `merged`: the
/// image's content at `dest` copied in (unless `nocopy`), `_data` given the image
/// directory's owner; the record unmarked after, never before.
pub(crate) fn first_use(
    vols: &Volumes,
    h: &mut Held,
    merged: &Path,
    dest: &Path,
    nocopy: bool,
) -> Result<()> {
    let (copy, chown) = (h.volume.needs_copy_up && !nocopy, h.volume.needs_chown);
    if !copy && !chown {
        return Ok(());
    }
    let dir = vols.dir(&h.volume.name);
    let copied = match copy {
        true => copyup::copy_up(merged, dest, &dir)?,
        false => CopyUp::Missing,
    };
    if chown && copied != CopyUp::Copied && copyup::is_empty(&dir.join("_data"))? {
        copyup::adopt_owner(merged, dest, &dir.join("_data"))?;
    }
    h.volume.needs_copy_up &= !copy;
    h.volume.needs_chown = false;
    vols.save(h)
}

/// `_data` of a volume mount, for the record.
pub(crate) fn volume_record(
    name: &str,
    anonymous: bool,
    source: &Option<PathBuf>,
    destination: &Path,
    readonly: bool,
) -> MountRecord {
    MountRecord {
        kind: "volume".into(),
        source: source.clone(),
        destination: destination.display().to_string(),
        readonly,
        name: Some(name.to_string()),
        anonymous,
        options: Vec::new(),
        nocopy: false,
    }
}
