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
    /// podman's `registries`: `search`, the registries short names are looked up in, and
    /// each `[[registry]]` of registries.conf by its prefix, in podman's shape.
    pub registries: std::collections::BTreeMap<String, serde_json::Value>,
    pub version: Version,
}

/// podman's `version` object (define.Version: Go's names, in podman's order). ctl is not
/// built with Go: `GoVersion` is empty; the commit and build time are what the build was
/// given (`CTL_GIT_COMMIT`, `CTL_BUILT` in unix seconds), else empty and 0 as podman's.
#[derive(Debug, Clone, Serialize)]
pub struct Version {
    #[serde(rename = "APIVersion")]
    pub api_version: String,
    #[serde(rename = "Version")]
    pub version: String,
    #[serde(rename = "GoVersion")]
    pub go_version: String,
    #[serde(rename = "GitCommit")]
    pub git_commit: String,
    #[serde(rename = "BuiltTime")]
    pub built_time: String,
    #[serde(rename = "Built")]
    pub built: i64,
    #[serde(rename = "OsArch")]
    pub os_arch: String,
    #[serde(rename = "Os")]
    pub os: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Host {
    pub arch: String,
    pub os: String,
    pub hostname: String,
    pub cpus: usize,
    pub mem_total: u64,
    pub mem_free: u64,
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
    /// Why the bridge backend is not the configured one, or what stands in its way.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_backend_note: Option<String>,
    /// The configuration files read, in the order they were read (later ones win):
    /// `ctl` (ctl.toml, over both others), `containersConf`, `registriesConf`.
    pub config_files: std::collections::BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IdMappings {
    pub uidmap: Vec<Mapping>,
    pub gidmap: Vec<Mapping>,
}

/// podman's IDMap, whose JSON names are snake_case.
#[derive(Debug, Serialize)]
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
    pub container_store: ContainerStore,
    pub image_store: ImageStore,
}

#[derive(Debug, Default, Serialize)]
pub struct ContainerStore {
    pub number: usize,
    pub paused: usize,
    pub running: usize,
    pub stopped: usize,
}

#[derive(Debug, Default, Serialize)]
pub struct ImageStore {
    pub number: usize,
}

/// podman's arch names for Rust's.
pub fn go_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        "powerpc64" => "ppc64le",
        "s390x" => "s390x",
        "riscv64" => "riscv64",
        other => other,
    }
}

/// MemTotal and MemAvailable of /proc/meminfo, in bytes.
fn memory() -> (u64, u64) {
    let text = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|r| r.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or(0, |kb| kb * 1024)
    };
    (field("MemTotal:"), field("MemAvailable:"))
}

fn stores(ctx: &Context) -> (ContainerStore, ImageStore) {
    use crate::container::state::Status;
    let mut containers = ContainerStore::default();
    if let Ok(m) = crate::container::lifecycle::Manager::open(ctx) {
        for (_, st) in m.list().unwrap_or_default().into_iter().flatten() {
            containers.number += 1;
            match st.status {
                Status::Running if st.paused => containers.paused += 1,
                Status::Running => containers.running += 1,
                Status::Exited => containers.stopped += 1,
                _ => {}
            }
        }
    }
    let images = crate::image::store::Store::open(&ctx.root)
        .and_then(|s| s.images())
        .map_or(0, |i| i.len());
    (containers, ImageStore { number: images })
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

fn config_files(ctx: &Context) -> std::collections::BTreeMap<String, Vec<String>> {
    let shown = |f: &std::path::Path| f.display().to_string();
    let registries = match ctx.registries.as_ref() {
        Ok(r) => r.files.iter().map(|f| shown(f)).collect(),
        Err((path, reason)) => vec![format!("{}: {reason}", shown(path))],
    };
    [
        (
            "ctl".to_string(),
            std::iter::once(&ctx.config_file)
                .filter(|f| f.exists())
                .map(|f| shown(f))
                .collect(),
        ),
        (
            "containersConf".to_string(),
            ctx.containers_conf_files.iter().map(|f| shown(f)).collect(),
        ),
        ("registriesConf".to_string(), registries),
    ]
    .into()
}

/// podman's `registries`: the search list, and each `[[registry]]` by its prefix.
fn registries(ctx: &Context) -> std::collections::BTreeMap<String, serde_json::Value> {
    use serde_json::json;
    let mut out = std::collections::BTreeMap::new();
    if let Ok(conf) = ctx.registries.as_ref() {
        for r in &conf.registries {
            let mirrors: Vec<_> = r
                .mirrors
                .iter()
                .map(|m| {
                    json!({"Location": m.location, "Insecure": m.insecure,
                           "PullFromMirror": m.pull_from_mirror})
                })
                .collect();
            out.insert(
                r.prefix.clone(),
                json!({
                    "Prefix": r.prefix,
                    "Location": r.endpoint.location,
                    "Insecure": r.endpoint.insecure,
                    "PullFromMirror": "",
                    "Mirrors": mirrors,
                    "Blocked": r.blocked,
                    "MirrorByDigestOnly": r.mirror_by_digest_only,
                }),
            );
        }
    }
    out.insert("search".into(), json!(ctx.search_registries));
    out
}

/// Gathers the facts; in rootless mode the caller has joined the user namespace already,
/// so the maps read here are the containers' own.
pub fn gather(ctx: &Context) -> Info {
    // Rootless: the user-mode stack; root: the bridge backend.
    let (network_backend, network_backend_note) = if ctx.rootless {
        (crate::network::rootless::backend_name(ctx), None)
    } else {
        let c = crate::network::backend::detect(ctx.network_backend);
        (c.kind.name().to_string(), c.note)
    };
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
    let (mem_total, mem_free) = memory();
    let (container_store, image_store) = stores(ctx);
    Info {
        host: Host {
            arch: go_arch().into(),
            os: std::env::consts::OS.into(),
            hostname: nix::unistd::gethostname()
                .map(|h| h.to_string_lossy().into_owned())
                .unwrap_or_default(),
            cpus: std::thread::available_parallelism().map_or(1, |n| n.get()),
            mem_total,
            mem_free,
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
            network_backend,
            network_backend_note,
            config_files: config_files(ctx),
        },
        store: StoreInfo {
            graph_driver_name: "overlay".into(),
            overlay,
            graph_root: ctx.root.display().to_string(),
            run_root: ctx.runroot.display().to_string(),
            config_file: ctx.config_file.display().to_string(),
            container_store,
            image_store,
        },
        registries: registries(ctx),
        version: self::version(),
    }
}

/// This ctl's version, as podman's `version` reports its own.
pub fn version() -> Version {
    let built = option_env!("CTL_BUILT")
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or(0);
    Version {
        api_version: env!("CARGO_PKG_VERSION").into(),
        version: env!("CARGO_PKG_VERSION").into(),
        go_version: String::new(),
        git_commit: option_env!("CTL_GIT_COMMIT").unwrap_or("").into(),
        built_time: ansic(built),
        built,
        os_arch: format!("{}/{}", std::env::consts::OS, go_arch()),
        os: std::env::consts::OS.into(),
    }
}

/// Go's time.ANSIC layout of a unix time, in UTC: `Thu Jan  1 00:00:00 1970`.
pub fn ansic(secs: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = secs.div_euclid(86400);
    let rem = secs.rem_euclid(86400);
    let (y, m, d) = ctl_monitor::time::civil_from_days(days);
    format!(
        "{} {} {:>2} {:02}:{:02}:{:02} {y}",
        DAYS[days.rem_euclid(7) as usize],
        MONTHS[(m as usize).saturating_sub(1) % 12],
        d,
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_times_are_go_s_ansic() {
        assert_eq!(ansic(0), "Thu Jan  1 00:00:00 1970");
        assert_eq!(ansic(1_589_899_739), "Tue May 19 14:48:59 2020");
        assert_eq!(ansic(1_700_000_000), "Tue Nov 14 22:13:20 2023");
    }

    #[test]
    fn the_version_has_podman_s_fields_in_order() {
        let text = serde_json::to_string(&version()).unwrap();
        let mut keys: Vec<(usize, &str)> = [
            "APIVersion",
            "Version\"",
            "GoVersion",
            "GitCommit",
            "BuiltTime",
            "Built\"",
            "OsArch",
            "Os\"",
        ]
        .iter()
        .map(|k| (text.find(&format!("\"{k}")).expect(k), *k))
        .collect();
        let given: Vec<&str> = keys.iter().map(|(_, k)| *k).collect();
        keys.sort();
        let sorted: Vec<&str> = keys.iter().map(|(_, k)| *k).collect();
        assert_eq!(sorted, given, "{text}");
    }
}
