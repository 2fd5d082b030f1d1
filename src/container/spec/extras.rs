//! `--personality`, `--cgroup-conf` and `--cgroup-parent` laid over a built spec.

use std::path::PathBuf;

use oci_spec::runtime::{LinuxPersonality, LinuxPersonalityDomain, Spec};

use crate::container::plan::Extras;
use crate::error::{Error, Result};

/// `spec` with `extras` applied; `id` names the container's own cgroup under a parent.
/// Rootless containers have no cgroup settings (the plan refuses them there).
pub fn apply(spec: &mut Spec, extras: &Extras, rootless: bool, id: &str) -> Result<()> {
    let Some(linux) = spec.linux_mut() else {
        return Ok(());
    };
    if let Some(p) = &extras.personality {
        let domain = match p.as_str() {
            "LINUX32" => LinuxPersonalityDomain::PerLinux32,
            _ => LinuxPersonalityDomain::PerLinux,
        };
        let mut personality = LinuxPersonality::default();
        personality.set_domain(domain);
        linux.set_personality(Some(personality));
    }
    if rootless {
        return Ok(());
    }
    if let Some(parent) = &extras.cgroup_parent {
        linux.set_cgroups_path(Some(PathBuf::from(parent).join(format!("ctl-{id}"))));
    }
    if !extras.cgroup_conf.is_empty() {
        let resources = linux.resources_mut().as_mut().ok_or_else(|| {
            Error::BadOption("--cgroup-conf: the container has no cgroup settings".into())
        })?;
        let mut unified = resources.unified().clone().unwrap_or_default();
        unified.extend(extras.cgroup_conf.clone());
        resources.set_unified(Some(unified));
    }
    Ok(())
}

/// personality(2)'s value for the domain the bundle's spec asks for; `None`: none asked
/// (or no readable spec, which the runtime will say more about).
pub fn personality_of(bundle: &std::path::Path) -> Option<libc::c_ulong> {
    let text = std::fs::read(bundle.join("config.json")).ok()?;
    let spec: serde_json::Value = serde_json::from_slice(&text).ok()?;
    match spec.pointer("/linux/personality/domain")?.as_str()? {
        // <linux/personality.h>'s PER_LINUX32 and PER_LINUX.
        "LINUX32" => Some(0x0008),
        "LINUX" => Some(0x0000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personality_and_cgroups_land_in_the_spec() {
        let mut spec = Spec::default();
        let extras = Extras {
            personality: Some("LINUX32".into()),
            cgroup_conf: [("memory.high".to_string(), "1073741824".to_string())].into(),
            cgroup_parent: Some("/mine".into()),
            requires: vec![],
        };
        apply(&mut spec, &extras, false, "abc").unwrap();
        let linux = spec.linux().as_ref().unwrap();
        assert_eq!(
            linux.personality().as_ref().unwrap().domain(),
            LinuxPersonalityDomain::PerLinux32
        );
        assert_eq!(
            linux.cgroups_path().as_deref(),
            Some(std::path::Path::new("/mine/ctl-abc"))
        );
        let unified = linux
            .resources()
            .as_ref()
            .unwrap()
            .unified()
            .clone()
            .unwrap();
        assert_eq!(unified["memory.high"], "1073741824");
        let json = serde_json::to_value(&spec).unwrap();
        assert_eq!(json["linux"]["personality"]["domain"], "LINUX32");
    }
}
