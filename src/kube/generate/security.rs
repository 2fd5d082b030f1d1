//! A container's security settings as a Kubernetes securityContext, as podman's
//! `generateKubeSecurityContext` writes it: capabilities relative to the default set,
//! privileged, read-only root, no-new-privileges, SELinux labels, unmasked /proc, and the
//! user when it is not the image's.

use k8s_openapi::api::core::v1::{Capabilities, SELinuxOptions, SecurityContext};

use crate::container::caps::{self, CapChanges, DEFAULT_CAPABILITIES};
use crate::container::record::ContainerConfig;

/// Capabilities the container has beyond the defaults (add) and defaults it lacks (drop),
/// as `CAP_*` names; None when it has the defaults.
pub fn cap_add_drop(add: &[String], drop: &[String]) -> Option<Capabilities> {
    let changes = CapChanges::parse(add, drop).ok()?;
    let default = caps::to_mask(DEFAULT_CAPABILITIES);
    let every = caps::to_mask(caps::BY_NUMBER);
    let has = caps::resolve(default, &changes, every, true).bounding;
    let names = |mask: u64| -> Vec<String> {
        caps::from_mask(mask)
            .iter()
            .map(|c| format!("CAP_{c}"))
            .collect()
    };
    // podman lists drops in its default list's order, adds in the container's.
    let dropped: Vec<String> = DEFAULT_CAPABILITIES
        .iter()
        .filter(|c| has & (1 << caps::number(**c)) == 0)
        .map(|c| format!("CAP_{c}"))
        .collect();
    let added = names(has & !default);
    if added.is_empty() && dropped.is_empty() {
        return None;
    }
    Some(Capabilities {
        add: Some(added),
        drop: Some(dropped),
    })
}

/// `--user` as ids when it is numeric (`UID` or `UID:GID`; a lone uid's group is 0, as
/// an unknown uid's is).
pub fn numeric_user(user: &str) -> Option<(i64, i64)> {
    let (u, g) = user.split_once(':').unwrap_or((user, "0"));
    Some((u.parse().ok()?, g.parse().ok()?))
}

/// `--security-opt label=...` as SELinux options (`disable` runs as spc_t).
fn selinux(opts: &[String]) -> Option<SELinuxOptions> {
    let mut out = SELinuxOptions::default();
    let mut any = false;
    for o in opts {
        let Some(label) = o
            .strip_prefix("label=")
            .or_else(|| o.strip_prefix("label:"))
        else {
            continue;
        };
        match label.split_once(':') {
            Some(("type", v)) => out.type_ = Some(v.into()),
            Some(("level", v)) => out.level = Some(v.into()),
            None if label == "disable" => out.type_ = Some("spc_t".into()),
            _ => continue,
        }
        any = true;
    }
    any.then_some(out)
}

fn no_new_privileges(opts: &[String]) -> bool {
    opts.iter().any(|o| {
        matches!(
            o.as_str(),
            "no-new-privileges" | "no-new-privileges=true" | "no-new-privileges:true"
        )
    })
}

/// The securityContext, or None when nothing in it differs from Kubernetes' defaults.
/// `image_user` is the image's User (None: the image is unknown).
pub fn security_context(
    cfg: &ContainerConfig,
    image_user: Option<&str>,
) -> Option<SecurityContext> {
    let h = &cfg.host;
    let mut sc = SecurityContext::default();
    let mut any = false;
    if !h.privileged {
        if let Some(c) = cap_add_drop(&h.cap_add, &h.cap_drop) {
            sc.capabilities = Some(c);
            any = true;
        }
    }
    if let Some(s) = selinux(&h.security_opt) {
        sc.se_linux_options = Some(s);
        any = true;
    }
    if no_new_privileges(&h.security_opt) {
        sc.allow_privilege_escalation = Some(false);
        any = true;
    }
    if h.privileged {
        sc.privileged = Some(true);
        any = true;
    }
    if cfg.read_only {
        sc.read_only_root_filesystem = Some(true);
        any = true;
    }
    // No masked paths: privileged, or `unmask=ALL`.
    if h.privileged
        || h.security_opt
            .iter()
            .any(|o| o == "unmask=ALL" || o == "unmask=all")
    {
        sc.proc_mount = Some("Unmasked".into());
        any = true;
    }
    if !cfg.user.is_empty() && image_user != Some(cfg.user.as_str()) {
        if let Some((uid, gid)) = numeric_user(&cfg.user) {
            sc.run_as_user = Some(uid);
            sc.run_as_group = Some(gid);
            any = true;
        }
    }
    // An image that runs as a non-root uid says so.
    if image_user
        .and_then(|u| u.parse::<i64>().ok())
        .is_some_and(|u| u > 0)
    {
        sc.run_as_non_root = Some(true);
        any = true;
    }
    any.then_some(sc)
}
