//! Settings resolved once, before any work: flag > `CTL_*` variable > config file > default.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::containers::{self, ContainersConf};
use crate::config::{Config, ContainerDefaults};
use crate::container::rootfs::RootlessOverlay;
use crate::error::{Error, Result};
use crate::events::{Backend, EventsConfig};
use crate::image::reference::DEFAULT_REGISTRY;
use crate::image::registries::Registries;

/// What the command line (or environment) asked for; `None` means "not given".
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub config_file: Option<PathBuf>,
    pub root: Option<PathBuf>,
    pub runroot: Option<PathBuf>,
    pub runtime: Option<String>,
    pub auth_file: Option<PathBuf>,
    /// `--events-backend`.
    pub events_backend: Option<String>,
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
    /// ctl.toml's `unqualified-search-registries`, else registries.conf's, else docker.io.
    pub search_registries: Vec<String>,
    /// Where the search registries came from, for messages.
    pub search_origin: Option<PathBuf>,
    /// ctl.toml's; registries.conf's `insecure` tables count too.
    pub insecure_registries: Vec<String>,
    /// registries.conf and its drop-ins, or why they could not be read (an error only for
    /// what needs them: resolving and pulling names).
    pub registries: Arc<std::result::Result<Registries, (PathBuf, String)>>,
    /// containers.conf's container defaults with ctl.toml's `[containers]` over them.
    pub container_defaults: ContainerDefaults,
    /// The containers.conf files read, in order.
    pub containers_conf_files: Vec<PathBuf>,
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
    /// The configured bridge backend (CTL_NETWORK_BACKEND over ctl.toml's
    /// `network-backend`); None: the default.
    pub network_backend: Option<crate::network::backend::Kind>,
    /// Where events are recorded.
    pub events: EventsConfig,
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
        let network_backend = match std::env::var("CTL_NETWORK_BACKEND")
            .ok()
            .filter(|v| !v.is_empty())
            .or(config.network_backend.clone())
        {
            None => None,
            Some(s) => {
                Some(
                    crate::network::backend::Kind::parse(&s).ok_or_else(|| Error::Config {
                        path: config_file.clone(),
                        reason: format!("network-backend \"{s}\": use netavark or native"),
                    })?,
                )
            }
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
        let env_path = |var: &str| {
            std::env::var_os(var)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let conf = ContainersConf::load(&containers::Sources {
            env_file: env_path("CONTAINERS_CONF"),
            override_file: env_path("CONTAINERS_CONF_OVERRIDE"),
            user_file: Some(config_home.join("containers/containers.conf")),
            rootless_uid: rootless.then_some(uid),
        })?;
        let mut container_defaults = conf.defaults.clone();
        if let Some(c) = &config.containers {
            container_defaults.overlay(c);
        }
        let cache_aliases = if rootless {
            xdg("XDG_CACHE_HOME", ".cache").join("containers/short-name-aliases.conf")
        } else {
            PathBuf::from("/var/cache/containers/short-name-aliases.conf")
        };
        let registries = Registries::load(
            env_path("CONTAINERS_REGISTRIES_CONF")
                .or_else(|| env_path("REGISTRIES_CONFIG_PATH"))
                .as_deref(),
            home.as_deref(),
            Some(&cache_aliases),
        )
        .map_err(|e| match e {
            Error::Config { path, reason } => (path, reason),
            Error::Io { path, source } => (path, source.to_string()),
            e => (PathBuf::new(), e.to_string()),
        });
        let runroot = over
            .runroot
            .clone()
            .or(config.runroot.clone())
            .unwrap_or(default_runroot.clone());
        let events = events_config(&over.events_backend, &config, &conf, &config_file, &runroot)?;
        let (search_registries, search_origin) = match (
            config
                .unqualified_search_registries
                .filter(|r| !r.is_empty()),
            registries.as_ref().ok().and_then(|r| r.search.clone()),
        ) {
            (Some(r), _) => (r, Some(config_file.clone())),
            (None, Some(r)) => (
                r,
                registries
                    .as_ref()
                    .ok()
                    .and_then(|r| r.search_origin.clone()),
            ),
            (None, None) => (vec![DEFAULT_REGISTRY.to_string()], None),
        };
        let auth_file = over
            .auth_file
            .or(config.auth_file.clone())
            .unwrap_or_else(|| config_home.join("containers/auth.json"));
        Ok(Context {
            rootless,
            uid,
            root: over.root.or(config.root).unwrap_or(default_root),
            runroot,
            runtime: over
                .runtime
                .or(config.runtime)
                .or_else(|| conf.runtime_path())
                .unwrap_or_else(|| "runc".to_string()),
            search_registries,
            search_origin,
            insecure_registries: config.insecure_registries,
            registries: Arc::new(registries),
            container_defaults,
            containers_conf_files: conf.files,
            auth_file,
            home,
            config_file,
            rootless_overlay,
            network_backend,
            notify_socket: std::env::var_os("NOTIFY_SOCKET")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
            network_run_dir: if rootless {
                default_runroot.join("networks")
            } else {
                PathBuf::from("/run/ctl/networks")
            },
            events,
        })
    }

    /// Plain HTTP for registries marked insecure, and for loopback as docker does.
    pub fn is_insecure(&self, registry: &str, host: &str) -> bool {
        self.insecure_registries
            .iter()
            .any(|r| r == registry || r == host)
            || is_loopback(host)
    }

    /// registries.conf as read, or its error.
    pub fn registries(&self) -> Result<&Registries> {
        self.registries
            .as_ref()
            .as_ref()
            .map_err(|(path, reason)| Error::Config {
                path: path.clone(),
                reason: reason.clone(),
            })
    }

    /// The docker CLI's credentials file, read as a fallback.
    pub fn docker_config(&self) -> Option<PathBuf> {
        if let Some(d) = std::env::var_os("DOCKER_CONFIG") {
            return Some(Path::new(&d).join("config.json"));
        }
        self.home.as_ref().map(|h| h.join(".docker/config.json"))
    }
}

/// The events backend: `--events-backend`, else ctl.toml's `events-logger`, else
/// containers.conf's `events_logger`, else the file. journald is kept in the file as well:
/// ctl reads its events back from the file only.
fn events_config(
    flag: &Option<String>,
    config: &Config,
    conf: &ContainersConf,
    config_file: &Path,
    runroot: &Path,
) -> Result<EventsConfig> {
    let (name, origin) = match (flag, &config.events_logger, &conf.events_logger) {
        (Some(f), _, _) => (f.as_str(), None),
        (None, Some(c), _) => (c.as_str(), Some(config_file.to_path_buf())),
        (None, None, Some(c)) => (c.as_str(), conf.files.last().cloned()),
        (None, None, None) => ("file", None),
    };
    let backend = match name {
        "journald" => Backend::File,
        n => Backend::parse(n).ok_or_else(|| Error::Config {
            path: origin.unwrap_or_default(),
            reason: format!("{n:?} is not a valid events backend: use file, journald or none"),
        })?,
    };
    Ok(EventsConfig {
        backend,
        path: config
            .events_logfile_path
            .clone()
            .or_else(|| conf.events_logfile_path.clone())
            .unwrap_or_else(|| runroot.join("events/events.log")),
        max_size: conf
            .events_logfile_max_size
            .unwrap_or(crate::events::DEFAULT_MAX_SIZE),
        health: conf.healthcheck_events.unwrap_or(true),
    })
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
