//! `ctl info`: what this ctl runs with, as data (the CLI formats it).

use serde::Serialize;

use crate::context::Context;
use crate::rootless::idmap::{current_maps, IdMap};
use crate::runtime::Runtime;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Info {
    pub host: Host,
    pub store: StoreInfo,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Host {
    pub rootless: bool,
    pub uid: u32,
    pub id_mappings: IdMappings,
    pub kernel: String,
    pub cgroup_version: String,
    pub cgroup_manager: String,
    /// Whether resource limits (--memory, --cpus, --pids-limit) can be applied.
    pub cgroup_limits: bool,
    pub oci_runtime: OciRuntime,
    pub network_backend: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IdMappings {
    pub uidmap: Vec<Mapping>,
    pub gidmap: Vec<Mapping>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Mapping {
    pub container_id: u32,
    pub host_id: u32,
    pub size: u32,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OciRuntime {
    pub name: String,
    pub path: String,
    pub version: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoreInfo {
    pub graph_driver_name: String,
    /// Rootless: "native (userxattr)" or the fuse-overlayfs path; rootful: "native".
    pub overlay: String,
    pub graph_root: String,
    pub run_root: String,
    pub config_file: String,
}

fn mappings(m: &[IdMap]) -> Vec<Mapping> {
    m.iter()
        .map(|m| Mapping {
            container_id: m.inside,
            host_id: m.outside,
            size: m.count,
        })
        .collect()
}

/// "v2" on the unified hierarchy, else "v1".
pub fn cgroup_version() -> &'static str {
    if std::path::Path::new("/sys/fs/cgroup/cgroup.controllers").exists() {
        "v2"
    } else {
        "v1"
    }
}

/// Gathers the facts; in rootless mode the caller has joined the user namespace already,
/// so the maps read here are the containers' own.
pub fn gather(ctx: &Context) -> Info {
    let (uids, gids) = current_maps();
    let rt = Runtime::resolve(&ctx.runtime, &ctx.runroot);
    let version = rt
        .as_ref()
        .ok()
        .and_then(|r| {
            std::process::Command::new(&r.path)
                .arg("--version")
                .output()
                .ok()
        })
        .map(|o| {
            let text = String::from_utf8_lossy(&o.stdout);
            text.lines().next().unwrap_or_default().to_string()
        })
        .unwrap_or_default();
    let overlay = if !ctx.rootless {
        "native".to_string()
    } else {
        match ctx.rootless_overlay {
            crate::container::rootfs::RootlessOverlay::Fuse => "fuse-overlayfs".into(),
            crate::container::rootfs::RootlessOverlay::Native => "native (userxattr)".into(),
            crate::container::rootfs::RootlessOverlay::Auto => {
                "native (userxattr), fuse-overlayfs if refused".into()
            }
        }
    };
    Info {
        host: Host {
            rootless: ctx.rootless,
            uid: ctx.uid,
            id_mappings: IdMappings {
                uidmap: mappings(&uids),
                gidmap: mappings(&gids),
            },
            kernel: std::fs::read_to_string("/proc/sys/kernel/osrelease")
                .map(|s| s.trim().to_string())
                .unwrap_or_default(),
            cgroup_version: cgroup_version().into(),
            cgroup_manager: "cgroupfs".into(),
            // Without a delegated cgroup (systemd's user@.service on cgroup v2) a rootless
            // runtime may not write any controller.
            cgroup_limits: !ctx.rootless,
            oci_runtime: OciRuntime {
                name: ctx.runtime.clone(),
                path: rt
                    .as_ref()
                    .map(|r| r.path.display().to_string())
                    .unwrap_or_default(),
                version,
            },
            network_backend: crate::network::rootless::backend_name(ctx),
        },
        store: StoreInfo {
            graph_driver_name: "overlay".into(),
            overlay,
            graph_root: ctx.root.display().to_string(),
            run_root: ctx.runroot.display().to_string(),
            config_file: ctx.config_file.display().to_string(),
        },
    }
}
