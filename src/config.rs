//! The config file (`/etc/ctl/ctl.toml`, `~/.config/ctl/ctl.toml` rootless) and its defaults.
//! No clap types here: flags and `CTL_*` variables are folded in by the context.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

pub mod containers;

pub use containers::ContainerDefaults;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    pub root: Option<PathBuf>,
    pub runroot: Option<PathBuf>,
    pub runtime: Option<String>,
    pub log_level: Option<String>,
    /// Registries tried in order for a name without a registry. Default: docker.io.
    pub unqualified_search_registries: Option<Vec<String>>,
    /// Registries reached over plain HTTP (`host` or `host:port`).
    #[serde(default)]
    pub insecure_registries: Vec<String>,
    /// Where `ctl login` saves credentials.
    pub auth_file: Option<PathBuf>,
    /// Rootless overlay: auto (native, or fuse-overlayfs when the kernel refuses), native,
    /// fuse-overlayfs.
    pub rootless_overlay: Option<String>,
    /// Bridge networks: netavark or native (ctl's own netlink and nftables).
    #[serde(alias = "network_backend")]
    pub network_backend: Option<String>,
    /// Where events go: file (default), journald or none; over containers.conf's.
    #[serde(alias = "events_logger")]
    pub events_logger: Option<String>,
    /// The events file (default `<runroot>/events/events.log`).
    #[serde(alias = "events_logfile_path")]
    pub events_logfile_path: Option<PathBuf>,
    /// Defaults of new containers, with containers.conf's `[containers]` names; each key
    /// given here overrides containers.conf's.
    pub containers: Option<ContainerDefaults>,
}

impl Config {
    /// Reads `path`; a missing file is an empty config.
    pub fn load(path: &Path) -> Result<Config> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(Error::io(path, e)),
        };
        Self::parse(&text).map_err(|reason| Error::Config {
            path: path.to_path_buf(),
            reason,
        })
    }

    /// The reason for an error is one line: where, then what (toml's own message spans
    /// several lines and quotes the file).
    pub fn parse(text: &str) -> std::result::Result<Config, String> {
        toml::from_str(text).map_err(|e| crate::image::registries::one_line(&e, text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_kebab_case_keys() {
        let c = Config::parse(
            "root = \"/x\"\nunqualified-search-registries = [\"quay.io\"]\ninsecure-registries = [\"r:5000\"]\n",
        )
        .unwrap();
        assert_eq!(c.root.as_deref(), Some(Path::new("/x")));
        assert_eq!(c.unqualified_search_registries.unwrap(), ["quay.io"]);
        assert_eq!(c.insecure_registries, ["r:5000"]);
    }

    #[test]
    fn unknown_keys_are_errors() {
        assert!(Config::parse("rot = \"/x\"").unwrap_err().contains("rot"));
    }

    #[test]
    fn syntax_errors_are_one_line_with_their_place() {
        let e = Config::parse("root = \"/x\"\ninsecure-registries = [").unwrap_err();
        assert!(!e.contains('\n'), "{e}");
        assert!(e.starts_with("line 2, column "), "{e}");
        assert!(e.contains("expected `]`"), "{e}");
    }

    #[test]
    fn missing_file_is_empty_config() {
        let c = Config::load(Path::new("/nonexistent/ctl.toml")).unwrap();
        assert!(c.root.is_none());
    }
}
