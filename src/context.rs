//! Settings resolved once, before any work: flag > `CTL_*` variable > config file > default.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::container::rootfs::RootlessOverlay;
use crate::error::{Error, Result};
use crate::image::reference::DEFAULT_REGISTRY;

/// What the command line (or environment) asked for; `None` means "not given".
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub config_file: Option<PathBuf>,
    pub root: Option<PathBuf>,
    pub runroot: Option<PathBuf>,
    pub runtime: Option<String>,
    pub auth_file: Option<PathBuf>,
}

#[derive(Debug, Clone)]
pub struct Context {
    pub rootless: bool,
    pub uid: u32,
    /// Image and container store.
    pub root: PathBuf,
    /// Run state (cleared by a reboot).
    pub runroot: PathBuf,
    pub runtime: String,
    pub search_registries: Vec<String>,
    pub insecure_registries: Vec<String>,
    /// Credentials written by `ctl login`.
    pub auth_file: PathBuf,
    pub home: Option<PathBuf>,
    pub config_file: PathBuf,
    /// Rootless only: how the overlay rootfs is mounted.
    pub rootless_overlay: RootlessOverlay,
    /// systemd's NOTIFY_SOCKET when ctl runs as (part of) a `Type=notify` service.
    pub notify_socket: Option<PathBuf>,
    /// Bridge networking's machine-wide run state (address tables, netavark's and
    /// aardvark-dns's files): bridges are the machine's, whichever store uses them.
    pub network_run_dir: PathBuf,
}

impl Context {
    pub fn resolve(over: Overrides) -> Result<Context> {
        // Inside its user namespace a rootless ctl is root: the namespace says whose it is.
        let (rootless, uid) = match crate::rootless::inside_uid() {
            Some(uid) => (true, uid),
            None => {
                let uid = nix::unistd::geteuid().as_raw();
                (uid != 0, uid)
            }
        };
        let home = std::env::var_os("HOME")
            .filter(|h| !h.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid))
                    .ok()
                    .flatten()
                    .map(|u| u.dir)
            });
        let xdg = |var: &str, fallback: &str| -> PathBuf {
            std::env::var_os(var)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .or_else(|| home.as_ref().map(|h| h.join(fallback)))
                .unwrap_or_else(|| PathBuf::from("/tmp").join(format!("ctl-{uid}")))
        };
        let config_home = xdg("XDG_CONFIG_HOME", ".config");
        let config_file = over.config_file.clone().unwrap_or_else(|| {
            if rootless {
                config_home.join("ctl/ctl.toml")
            } else {
                PathBuf::from("/etc/ctl/ctl.toml")
            }
        });
        let config = Config::load(&config_file)?;
        let rootless_overlay = match config.rootless_overlay.as_deref() {
            None => RootlessOverlay::Auto,
            Some(s) => RootlessOverlay::parse(s).ok_or_else(|| Error::Config {
                path: config_file.clone(),
                reason: format!("rootless-overlay \"{s}\": use auto, native or fuse-overlayfs"),
            })?,
        };
        let (default_root, default_runroot) = if rootless {
            let runtime_dir = std::env::var_os("XDG_RUNTIME_DIR")
                .filter(|v| !v.is_empty())
                .map(|d| PathBuf::from(d).join("ctl"))
                .unwrap_or_else(|| PathBuf::from(format!("/tmp/ctl-{uid}")));
            (
                xdg("XDG_DATA_HOME", ".local/share").join("ctl"),
                runtime_dir,
            )
        } else {
            (PathBuf::from("/var/lib/ctl"), PathBuf::from("/run/ctl"))
        };
        let auth_file = over
            .auth_file
            .or(config.auth_file.clone())
            .unwrap_or_else(|| config_home.join("containers/auth.json"));
        Ok(Context {
            rootless,
            uid,
            root: over.root.or(config.root).unwrap_or(default_root),
            runroot: over
                .runroot
                .or(config.runroot)
                .unwrap_or(default_runroot.clone()),
            runtime: over
                .runtime
                .or(config.runtime)
                .unwrap_or_else(|| "runc".to_string()),
            search_registries: config
                .unqualified_search_registries
                .filter(|r| !r.is_empty())
                .unwrap_or_else(|| vec![DEFAULT_REGISTRY.to_string()]),
            insecure_registries: config.insecure_registries,
            auth_file,
            home,
            config_file,
            rootless_overlay,
            notify_socket: std::env::var_os("NOTIFY_SOCKET")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
            network_run_dir: if rootless {
                default_runroot.join("networks")
            } else {
                PathBuf::from("/run/ctl/networks")
            },
        })
    }

    /// Plain HTTP for registries marked insecure, and for loopback as docker does.
    pub fn is_insecure(&self, registry: &str, host: &str) -> bool {
        self.insecure_registries
            .iter()
            .any(|r| r == registry || r == host)
            || is_loopback(host)
    }

    /// The docker CLI's credentials file, read as a fallback.
    pub fn docker_config(&self) -> Option<PathBuf> {
        if let Some(d) = std::env::var_os("DOCKER_CONFIG") {
            return Some(Path::new(&d).join("config.json"));
        }
        self.home.as_ref().map(|h| h.join(".docker/config.json"))
    }
}

pub fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts_default_to_http() {
        assert!(is_loopback("localhost"));
        assert!(is_loopback("127.0.0.1"));
        assert!(is_loopback("127.3.2.1"));
        assert!(is_loopback("::1"));
        assert!(!is_loopback("10.0.0.1"));
        assert!(!is_loopback("registry.example"));
    }
}
