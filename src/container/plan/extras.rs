//! `--hosts-file`, `--image-volume`, `--personality`, `--cgroup-conf`, `--cgroup-parent` and
//! `--requires`: checked as podman checks them, with podman's words, into [`Extras`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::container::options::Mount;
use crate::error::{Error, Result};

/// These options as given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtrasRequest {
    /// `--hosts-file`: a path, `none` or `image`; `None` or "": containers.conf's.
    pub hosts_file: Option<String>,
    /// `--image-volume`: bind (or anonymous), tmpfs, ignore.
    pub image_volume: Option<String>,
    /// `--personality`: an execution domain, e.g. LINUX32.
    pub personality: Option<String>,
    /// `--cgroup-conf KEY=VALUE`, in order.
    pub cgroup_conf: Vec<String>,
    /// `--cgroup-parent`.
    pub cgroup_parent: Option<String>,
    /// `--requires`: containers by name or id (comma-separated lists taken apart).
    pub requires: Vec<String>,
}

/// The image's `VOLUME`s: anonymous volumes, tmpfs mounts, or nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ImageVolumeMode {
    #[default]
    Anonymous,
    Tmpfs,
    Ignore,
}

/// These options decided.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extras {
    /// The spec's `linux.personality.domain` (`LINUX`, `LINUX32`).
    pub personality: Option<String>,
    /// Files of the container's cgroup (v2) and their values.
    pub cgroup_conf: BTreeMap<String, String>,
    /// The cgroup the container's is made under (absolute, from the hierarchy's root).
    pub cgroup_parent: Option<String>,
    /// `--requires` as given; the store resolves them to ids ([`Extras::required_ids`]).
    pub requires: Vec<String>,
}

fn bad(msg: String) -> Error {
    Error::BadOption(msg)
}

/// podman's `--image-volume` values (`bind` is its CLI's name for anonymous).
pub fn image_volume_mode(v: Option<&str>) -> Result<ImageVolumeMode> {
    match v.map(str::to_ascii_lowercase).as_deref() {
        None | Some("") | Some("bind") | Some("anonymous") => Ok(ImageVolumeMode::Anonymous),
        Some("tmpfs") => Ok(ImageVolumeMode::Tmpfs),
        Some("ignore") => Ok(ImageVolumeMode::Ignore),
        Some(_) => Err(bad(format!(
            "invalid ImageVolumeMode {:?}, value must be one of ignore,tmpfs,anonymous",
            v.unwrap_or_default()
        ))),
    }
}

/// The image's volumes (anonymous ones, as [`super::volumes`] made them) as `mode` says:
/// kept, each a tmpfs (podman's options), or left out.
pub fn apply_image_volume_mode(mode: ImageVolumeMode, volumes: Vec<Mount>) -> Vec<Mount> {
    match mode {
        ImageVolumeMode::Anonymous => volumes,
        ImageVolumeMode::Ignore => Vec::new(),
        ImageVolumeMode::Tmpfs => volumes
            .into_iter()
            .map(|v| Mount::Tmpfs {
                destination: v.destination().to_path_buf(),
                options: ["rprivate", "rw", "nodev", "exec"]
                    .map(String::from)
                    .to_vec(),
            })
            .collect(),
    }
}

/// `--hosts-file` over containers.conf's `base_hosts_file`: `None` is ctl's own base (an
/// empty one; the host's file on the host's network), else `none`, `image` or an absolute
/// path, as podman takes them.
pub fn hosts_file(
    flag: Option<&str>,
    conf: Option<&str>,
    no_hosts: bool,
) -> Result<Option<String>> {
    if no_hosts && flag.is_some() {
        return Err(bad(
            "--no-hosts and --hosts-file cannot be set together".into()
        ));
    }
    let Some(v) = flag
        .filter(|v| !v.is_empty())
        .or(conf.filter(|v| !v.is_empty()))
    else {
        return Ok(None);
    };
    match v {
        "none" | "image" => Ok(Some(v.to_string())),
        p if Path::new(p).is_absolute() => Ok(Some(p.to_string())),
        p => Err(bad(format!(
            "invalid hosts file {p:?}: must be an absolute path, \"none\" or \"image\""
        ))),
    }
}

/// `--personality`: the domains the runtime knows (runc's names, with or without `PER_`).
fn personality(v: &str) -> Result<String> {
    let name = v.to_ascii_uppercase();
    let name = name.strip_prefix("PER_").unwrap_or(&name);
    match name {
        "LINUX" | "LINUX32" => Ok(name.to_string()),
        _ => Err(bad(format!("invalid personality domain {v:?}"))),
    }
}

/// `--cgroup-conf KEY=VALUE`: a later key replaces an earlier one, as podman's map.
fn cgroup_conf(given: &[String]) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for c in given {
        let (k, v) = c
            .split_once('=')
            .ok_or_else(|| bad("--cgroup-conf must be formatted KEY=VALUE".into()))?;
        // A file of the container's own cgroup: no path, no dot-files.
        if k.is_empty() || k.contains('/') || k.starts_with('.') {
            return Err(bad(format!("invalid cgroup-conf key {k:?}")));
        }
        out.insert(k.to_string(), v.to_string());
    }
    Ok(out)
}

/// `--cgroup-parent`: a relative path is taken under the hierarchy's root (ctl itself runs
/// in no cgroup of its own that containers would go under).
fn cgroup_parent(v: &str) -> Result<String> {
    let p = PathBuf::from("/").join(v);
    let clean: PathBuf = p.components().collect();
    if v.is_empty() || p.components().any(|c| c == std::path::Component::ParentDir) {
        return Err(bad(format!("invalid cgroup parent {v:?}")));
    }
    Ok(clean.display().to_string())
}

/// The request's options checked. `rootless`: no cgroups of ctl's own to configure;
/// `cgroup_v2`: the unified hierarchy, the only one whose files `--cgroup-conf` writes.
pub fn extras(req: &ExtrasRequest, rootless: bool, cgroup_v2: bool) -> Result<Extras> {
    let cgroup_conf = cgroup_conf(&req.cgroup_conf)?;
    if !cgroup_conf.is_empty() && !cgroup_v2 {
        return Err(bad("--cgroup-conf is only supported on cgroup v2".into()));
    }
    if rootless && (!cgroup_conf.is_empty() || req.cgroup_parent.is_some()) {
        return Err(bad(
            "--cgroup-conf and --cgroup-parent are not supported in rootless mode".into(),
        ));
    }
    Ok(Extras {
        personality: req.personality.as_deref().map(personality).transpose()?,
        cgroup_conf,
        cgroup_parent: req
            .cgroup_parent
            .as_deref()
            .map(cgroup_parent)
            .transpose()?,
        requires: req
            .requires
            .iter()
            .flat_map(|r| r.split(','))
            .filter(|r| !r.is_empty())
            .map(String::from)
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_volume_modes_as_podman_names_them() {
        assert_eq!(image_volume_mode(None).unwrap(), ImageVolumeMode::Anonymous);
        assert_eq!(
            image_volume_mode(Some("bind")).unwrap(),
            ImageVolumeMode::Anonymous
        );
        assert_eq!(
            image_volume_mode(Some("TMPFS")).unwrap(),
            ImageVolumeMode::Tmpfs
        );
        assert_eq!(
            image_volume_mode(Some("ignore")).unwrap(),
            ImageVolumeMode::Ignore
        );
        assert_eq!(
            image_volume_mode(Some("x")).unwrap_err().to_string(),
            "invalid ImageVolumeMode \"x\", value must be one of ignore,tmpfs,anonymous"
        );
    }

    #[test]
    fn image_volumes_become_tmpfs_or_nothing() {
        let vols = vec![Mount::anonymous_volume("/data".into())];
        assert_eq!(
            apply_image_volume_mode(ImageVolumeMode::Anonymous, vols.clone()),
            vols
        );
        assert!(apply_image_volume_mode(ImageVolumeMode::Ignore, vols.clone()).is_empty());
        let t = apply_image_volume_mode(ImageVolumeMode::Tmpfs, vols);
        assert!(
            matches!(&t[..], [Mount::Tmpfs { destination, .. }] if destination == Path::new("/data"))
        );
    }

    #[test]
    fn hosts_file_flag_over_the_configuration() {
        assert_eq!(hosts_file(None, None, false).unwrap(), None);
        assert_eq!(
            hosts_file(None, Some("image"), false).unwrap().as_deref(),
            Some("image")
        );
        assert_eq!(
            hosts_file(Some("/h"), Some("image"), false)
                .unwrap()
                .as_deref(),
            Some("/h")
        );
        assert_eq!(
            hosts_file(Some(""), Some("none"), false)
                .unwrap()
                .as_deref(),
            Some("none")
        );
        assert!(hosts_file(Some("rel/h"), None, false).is_err());
        assert_eq!(
            hosts_file(Some("none"), None, true)
                .unwrap_err()
                .to_string(),
            "--no-hosts and --hosts-file cannot be set together"
        );
        // The configuration's base does not conflict with --no-hosts: there is no file.
        assert_eq!(
            hosts_file(None, Some("image"), true).unwrap().as_deref(),
            Some("image")
        );
    }

    #[test]
    fn personality_cgroup_conf_parent_and_requires() {
        let req = ExtrasRequest {
            personality: Some("linux32".into()),
            cgroup_conf: vec!["memory.high=1000".into(), "memory.high=2000".into()],
            cgroup_parent: Some("machine.slice/x".into()),
            requires: vec!["a,b".into(), "c".into()],
            ..Default::default()
        };
        let e = extras(&req, false, true).unwrap();
        assert_eq!(e.personality.as_deref(), Some("LINUX32"));
        assert_eq!(e.cgroup_conf["memory.high"], "2000");
        assert_eq!(e.cgroup_parent.as_deref(), Some("/machine.slice/x"));
        assert_eq!(e.requires, ["a", "b", "c"]);
        assert!(extras(&req, true, true).is_err());
        assert!(extras(&req, false, false).is_err());
        for (field, value) in [
            ("personality", "LINUX64"),
            ("cgroup-conf", "memory.high"),
            ("cgroup-conf", "../x=1"),
            ("cgroup-parent", "../escape"),
        ] {
            let mut r = ExtrasRequest::default();
            match field {
                "personality" => r.personality = Some(value.into()),
                "cgroup-conf" => r.cgroup_conf = vec![value.into()],
                _ => r.cgroup_parent = Some(value.into()),
            }
            assert!(extras(&r, false, true).is_err(), "{field}={value}");
        }
        assert_eq!(
            cgroup_conf(&["memory.high".into()])
                .unwrap_err()
                .to_string(),
            "--cgroup-conf must be formatted KEY=VALUE"
        );
    }
}
