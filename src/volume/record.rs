//! A volume's record (`volume.json`) and the checks of `volume create`'s options.

use std::collections::BTreeMap;

use ctl_monitor::time::Timestamp;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::volume::options::{parse_local, MountSpec};

/// The one driver ctl has.
pub const LOCAL: &str = "local";

/// A volume as recorded; podman's field names.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct Volume {
    pub name: String,
    pub driver: String,
    pub created_at: Timestamp,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    #[serde(default)]
    pub options: BTreeMap<String, String>,
    /// The image's content at the mount point is still to be copied in at the next use
    /// (unless that use says nocopy, or the volume is no longer empty).
    pub needs_copy_up: bool,
    /// `_data` is still to take the owner and mode of the image's directory at first use.
    pub needs_chown: bool,
    /// Made for one container (`-v /path`, the image's `VOLUME`): `rm -v` and `--rm`
    /// remove it with the container.
    #[serde(default)]
    pub anonymous: bool,
    /// The owner `_data` was made with (`--uid`, `o=uid=`).
    #[serde(default, rename = "UID", skip_serializing_if = "Option::is_none")]
    pub uid: Option<u32>,
    #[serde(default, rename = "GID", skip_serializing_if = "Option::is_none")]
    pub gid: Option<u32>,
    /// `volume mount`s not yet undone by `volume unmount`: users that have no record of
    /// their own to count (containers are counted from their records).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub manual_mounts: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Volume {
    /// Has a filesystem of its own (podman's needsMount: options other than copy, nocopy,
    /// uid, gid, size, noquota), mounted on `_data` while a container uses it.
    pub fn needs_mount(&self) -> bool {
        self.mount_spec().is_some()
    }

    /// What is mounted on `_data` while a container uses the volume.
    pub fn mount_spec(&self) -> Option<MountSpec> {
        MountSpec::of(&self.options)
    }
}

/// `volume create` as asked.
#[derive(Debug, Clone, Default)]
pub struct CreateRequest {
    /// None: a random 64-hex name, as podman's.
    pub name: Option<String>,
    /// None: local.
    pub driver: Option<String>,
    pub labels: BTreeMap<String, String>,
    /// `--opt KEY=VALUE`s.
    pub options: BTreeMap<String, String>,
    /// `--ignore`: an existing volume of that name is the answer.
    pub ignore: bool,
    pub anonymous: bool,
    /// `--uid`/`--gid`: `_data`'s owner, not passed to the mount.
    pub uid: Option<u32>,
    pub gid: Option<u32>,
    /// Mounts a user namespace's root cannot make are refused.
    pub rootless: bool,
}

impl CreateRequest {
    /// The record this request makes, or why it cannot be made (podman's words).
    pub fn record(&self, name: String) -> Result<Volume> {
        if !super::valid_name(&name) {
            return Err(Error::BadOption(format!(
                "running volume create option: {}: invalid argument",
                super::NAME_RULE
            )));
        }
        let driver = self.driver.clone().unwrap_or_else(|| LOCAL.into());
        if driver != LOCAL {
            return Err(Error::BadOption(format!(
                "volume {name} uses volume plugin {driver} but it could not be retrieved: no \
                 volume plugin found: ctl has the local driver only"
            )));
        }
        let local = parse_local(&self.options, self.rootless, |p| {
            std::fs::metadata(p).map(drop)
        })?;
        let (uid, gid) = (self.uid.or(local.uid), self.gid.or(local.gid));
        let nocopy = self.options.contains_key("nocopy")
            && self.options.get("copy").is_none_or(|v| v == "false");
        Ok(Volume {
            name,
            driver,
            created_at: Timestamp::now(),
            labels: self.labels.clone(),
            options: local.options,
            needs_copy_up: !nocopy,
            // An owner given is kept: the image's directory does not override it.
            needs_chown: uid.is_none() && gid.is_none(),
            anonymous: self.anonymous,
            uid,
            gid,
            manual_mounts: 0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(opts: &[(&str, &str)]) -> CreateRequest {
        CreateRequest {
            options: opts
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn create_options_as_podman_s_local_driver() {
        let v = req(&[]).record("v".into()).unwrap();
        assert_eq!(
            (v.driver.as_str(), v.needs_copy_up, v.needs_chown),
            ("local", true, true)
        );
        assert!(
            !req(&[("nocopy", "")])
                .record("v".into())
                .unwrap()
                .needs_copy_up
        );
        let e = |r: CreateRequest, name: &str| r.record(name.into()).unwrap_err().to_string();
        assert!(e(req(&[]), "-v").contains("names must match"));
        let tmpfs = req(&[("type", "tmpfs"), ("o", "uid=5")]).record("v".into());
        let tmpfs = tmpfs.unwrap();
        assert!(tmpfs.needs_mount() && !tmpfs.needs_chown);
        assert_eq!(tmpfs.uid, Some(5));
        assert!(e(req(&[("colour", "red")]), "v").contains("invalid mount option colour"));
        let other = CreateRequest {
            driver: Some("nfs".into()),
            ..Default::default()
        };
        assert!(e(other, "v").contains("volume plugin nfs"));
        let json = serde_json::to_value(req(&[]).record("v".into()).unwrap()).unwrap();
        for k in [
            "Name",
            "Driver",
            "CreatedAt",
            "Labels",
            "Options",
            "NeedsCopyUp",
        ] {
            assert!(json.get(k).is_some(), "{k}: {json}");
        }
    }
}
