//! A volume's record (`volume.json`) and the checks of `volume create`'s options.

use std::collections::BTreeMap;

use ctl_monitor::time::Timestamp;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

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
}

impl Volume {
    /// Has a filesystem of its own (podman's needsMount: options other than copy, nocopy,
    /// uid, gid, size, noquota), mounted on `_data` while a container uses it.
    pub fn needs_mount(&self) -> bool {
        self.options.keys().any(|k| {
            !matches!(
                k.to_ascii_lowercase().as_str(),
                "copy" | "nocopy" | "uid" | "gid" | "size" | "noquota"
            )
        })
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
        for (key, value) in &self.options {
            match key.to_ascii_lowercase().as_str() {
                "copy" | "nocopy" => {}
                "type" | "device" | "o" | "uid" | "gid" | "size" | "inodes" | "noquota" => {
                    return Err(Error::BadOption(format!(
                        "volume option {key}={value}: mounting a filesystem as a volume (type, \
                         device, o) is not supported yet"
                    )))
                }
                _ => {
                    return Err(Error::BadOption(format!(
                        "invalid mount option {key} for driver 'local': invalid argument"
                    )))
                }
            }
        }
        let nocopy = self.options.contains_key("nocopy")
            && self.options.get("copy").is_none_or(|v| v == "false");
        Ok(Volume {
            name,
            driver,
            created_at: Timestamp::now(),
            labels: self.labels.clone(),
            options: self.options.clone(),
            needs_copy_up: !nocopy,
            needs_chown: true,
            anonymous: self.anonymous,
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
        assert!(e(req(&[("type", "tmpfs")]), "v").contains("not supported yet"));
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
