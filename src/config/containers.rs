//! containers.conf (containers.conf(5)): the defaults of new containers that ctl also has,
//! and `[engine] runtime`. Files, in order, each overriding what it sets:
//! `/usr/share/containers/containers.conf`, `/etc/containers/containers.conf`,
//! `/etc/containers/containers.conf.d/*.conf`, for rootless users
//! `/etc/containers/containers.rootless.conf`, `containers.rootless.conf.d/*.conf` and
//! `containers.rootless.conf.d/<UID>/*.conf`, then `$XDG_CONFIG_HOME/containers/containers.conf`
//! and its `.d/*.conf`. `$CONTAINERS_CONF` replaces all of them; `$CONTAINERS_CONF_OVERRIDE`
//! is read last. A string array ending in `{append=true}` appends to what came before (and
//! keeps appending in later files until one says `{append=false}`).
//!
//! Other keys are ignored, as podman ignores keys it does not know.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Value;

use crate::error::{Error, Result};

/// The defaults a new container takes when its flags do not say otherwise. `None`: ctl's
/// own default. Also the `[containers]` table of ctl.toml, which overrides containers.conf
/// key by key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContainerDefaults {
    /// `NAME=VALUE`, or `NAME` to take the host's value; under the image's and the flags'.
    pub env: Option<Vec<String>>,
    /// `NAME=SOFT[:HARD]`, under `--ulimit`.
    pub default_ulimits: Option<Vec<String>>,
    /// resolv.conf's nameservers; `none`: no resolv.conf.
    pub dns_servers: Option<Vec<String>>,
    /// Capability names, with or without `CAP_`.
    pub default_capabilities: Option<Vec<String>>,
    /// 0: no limit.
    pub pids_limit: Option<i64>,
    /// Bytes; negative: no limit.
    pub log_size_max: Option<i64>,
    pub init_path: Option<PathBuf>,
    /// The base of /etc/hosts: a host path, `none` or `image` (`--hosts-file`).
    pub base_hosts_file: Option<String>,
}

impl ContainerDefaults {
    /// `over`'s keys over these.
    pub fn overlay(&mut self, over: &ContainerDefaults) {
        macro_rules! take {
            ($($f:ident),*) => {$(
                if over.$f.is_some() {
                    self.$f = over.$f.clone();
                }
            )*};
        }
        take!(
            env,
            default_ulimits,
            dns_servers,
            default_capabilities,
            pids_limit,
            log_size_max,
            init_path,
            base_hosts_file
        );
    }
}

/// containers.conf as merged from its files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContainersConf {
    pub defaults: ContainerDefaults,
    /// `[engine] runtime`.
    pub runtime: Option<String>,
    /// `[engine.runtimes]`: a runtime's name to the paths where it may be.
    pub runtimes: BTreeMap<String, Vec<String>>,
    /// `[engine] events_logger`: file, journald or none.
    pub events_logger: Option<String>,
    /// `[engine] events_logfile_path`.
    pub events_logfile_path: Option<PathBuf>,
    /// `[engine] events_logfile_max_size`, in bytes (an integer or a size such as "1m").
    pub events_logfile_max_size: Option<u64>,
    /// `[engine] healthcheck_events`: whether each health check is an event.
    pub healthcheck_events: Option<bool>,
    /// The files read, in order.
    pub files: Vec<PathBuf>,
    /// Arrays whose last `{append=...}` said true.
    append: BTreeMap<&'static str, bool>,
}

/// Where the files are looked for.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// `$CONTAINERS_CONF`.
    pub env_file: Option<PathBuf>,
    /// `$CONTAINERS_CONF_OVERRIDE`.
    pub override_file: Option<PathBuf>,
    /// `$XDG_CONFIG_HOME/containers/containers.conf` (or `~/.config/...`).
    pub user_file: Option<PathBuf>,
    /// Rootless: the user's uid.
    pub rootless_uid: Option<u32>,
}

pub const USR_FILE: &str = "/usr/share/containers/containers.conf";
pub const ETC_FILE: &str = "/etc/containers/containers.conf";

impl Sources {
    /// The files to read, in order; missing ones are skipped (but `$CONTAINERS_CONF` must
    /// exist).
    pub fn files(&self) -> Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        if let Some(f) = &self.env_file {
            if !f.exists() {
                return Err(Error::Config {
                    path: f.clone(),
                    reason: "CONTAINERS_CONF file: no such file or directory".into(),
                });
            }
            out.push(f.clone());
        } else {
            out.push(PathBuf::from(USR_FILE));
            out.push(PathBuf::from(ETC_FILE));
            out.extend(crate::image::registries::drop_ins(Path::new(
                "/etc/containers/containers.conf.d",
            ))?);
            if let Some(uid) = self.rootless_uid {
                let base = Path::new("/etc/containers/containers.rootless.conf");
                out.push(base.to_path_buf());
                let d = Path::new("/etc/containers/containers.rootless.conf.d");
                out.extend(crate::image::registries::drop_ins(d)?);
                out.extend(crate::image::registries::drop_ins(
                    &d.join(uid.to_string()),
                )?);
            }
            if let Some(u) = &self.user_file {
                out.push(u.clone());
                let mut d = u.clone().into_os_string();
                d.push(".d");
                out.extend(crate::image::registries::drop_ins(Path::new(&d))?);
            }
        }
        out.extend(self.override_file.clone());
        Ok(out)
    }
}

impl ContainersConf {
    /// Reads the files `sources` names.
    pub fn load(sources: &Sources) -> Result<ContainersConf> {
        let mut conf = ContainersConf::default();
        for path in sources.files()? {
            match std::fs::read_to_string(&path) {
                Ok(text) => conf.apply(&text, &path)?,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(&path, e)),
            }
        }
        Ok(conf)
    }

    /// One more file's text over what was read before it.
    pub fn apply(&mut self, text: &str, path: &Path) -> Result<()> {
        let err = |reason: String| Error::Config {
            path: path.to_path_buf(),
            reason,
        };
        let v: toml::Table =
            toml::from_str(text).map_err(|e| err(crate::image::registries::one_line(&e, text)))?;
        if let Some(c) = v.get("containers") {
            let c = c
                .as_table()
                .ok_or_else(|| err("[containers] is not a table".into()))?;
            let d = &mut self.defaults;
            for (key, slot) in [
                ("env", &mut d.env),
                ("default_ulimits", &mut d.default_ulimits),
                ("dns_servers", &mut d.dns_servers),
                ("default_capabilities", &mut d.default_capabilities),
            ] {
                if let Some(value) = c.get(key) {
                    let (values, append) =
                        string_array(value).map_err(|r| err(format!("{key}: {r}")))?;
                    let append = match append {
                        Some(a) => {
                            self.append.insert(key, a);
                            a
                        }
                        None => self.append.get(key).copied().unwrap_or(false),
                    };
                    if !append {
                        *slot = Some(values);
                    } else if let Some(old) = slot.as_mut() {
                        old.extend(values);
                    } else if key == "default_capabilities" {
                        let mut all: Vec<String> = crate::container::caps::DEFAULT_CAPABILITIES
                            .iter()
                            .map(|c| c.to_string())
                            .collect();
                        all.extend(values);
                        *slot = Some(all);
                    } else {
                        *slot = Some(values);
                    }
                }
            }
            for (key, slot) in [
                ("pids_limit", &mut d.pids_limit),
                ("log_size_max", &mut d.log_size_max),
            ] {
                if let Some(value) = c.get(key) {
                    *slot = Some(
                        value
                            .as_integer()
                            .ok_or_else(|| err(format!("{key}: not an integer")))?,
                    );
                }
            }
            if let Some(value) = c.get("init_path") {
                let s = value
                    .as_str()
                    .ok_or_else(|| err("init_path: not a string".into()))?;
                d.init_path = (!s.is_empty()).then(|| PathBuf::from(s));
            }
            if let Some(value) = c.get("base_hosts_file") {
                let s = value
                    .as_str()
                    .ok_or_else(|| err("base_hosts_file: not a string".into()))?;
                d.base_hosts_file = (!s.is_empty()).then(|| s.to_string());
            }
        }
        if let Some(e) = v.get("engine") {
            let e = e
                .as_table()
                .ok_or_else(|| err("[engine] is not a table".into()))?;
            if let Some(r) = e.get("runtime") {
                let s = r
                    .as_str()
                    .ok_or_else(|| err("runtime: not a string".into()))?;
                self.runtime = (!s.is_empty()).then(|| s.to_string());
            }
            if let Some(v) = e.get("events_logger") {
                let s = v
                    .as_str()
                    .ok_or_else(|| err("events_logger: not a string".into()))?;
                self.events_logger = Some(s.to_string());
            }
            if let Some(v) = e.get("events_logfile_path") {
                let s = v
                    .as_str()
                    .ok_or_else(|| err("events_logfile_path: not a string".into()))?;
                self.events_logfile_path = (!s.is_empty()).then(|| PathBuf::from(s));
            }
            if let Some(v) = e.get("healthcheck_events") {
                self.healthcheck_events = Some(
                    v.as_bool()
                        .ok_or_else(|| err("healthcheck_events: not a boolean".into()))?,
                );
            }
            if let Some(v) = e.get("events_logfile_max_size") {
                let size = match v {
                    Value::Integer(n) => u64::try_from(*n).ok(),
                    Value::String(s) => crate::container::options::parse_size(s).ok(),
                    _ => None,
                };
                self.events_logfile_max_size = Some(size.ok_or_else(|| {
                    err("events_logfile_max_size: not a size (bytes, or e.g. \"1m\")".into())
                })?);
            }
            if let Some(rs) = e.get("runtimes").and_then(Value::as_table) {
                for (name, paths) in rs {
                    let (paths, _) =
                        string_array(paths).map_err(|r| err(format!("runtimes.{name}: {r}")))?;
                    self.runtimes.insert(name.clone(), paths);
                }
            }
        }
        self.files.push(path.to_path_buf());
        Ok(())
    }

    /// The runtime to use when neither a flag nor ctl.toml names one: `[engine] runtime`,
    /// as the first existing path `[engine.runtimes]` lists for it, else as named.
    pub fn runtime_path(&self) -> Option<String> {
        let name = self.runtime.as_ref()?;
        let found = self
            .runtimes
            .get(name)
            .into_iter()
            .flatten()
            .find(|p| Path::new(p).is_file());
        Some(found.cloned().unwrap_or_else(|| name.clone()))
    }
}

/// A string array, maybe ending in an `{append=BOOL}` table, as containers/common reads it.
fn string_array(v: &Value) -> std::result::Result<(Vec<String>, Option<bool>), String> {
    let items = v.as_array().ok_or("not an array")?;
    let mut values = Vec::new();
    let mut append = None;
    for item in items {
        match item {
            Value::String(s) => values.push(s.clone()),
            Value::Table(t) => {
                for (k, v) in t {
                    match (k.as_str(), v) {
                        ("append", Value::Boolean(b)) => append = Some(*b),
                        ("append", _) => return Err("unable to cast append to bool".into()),
                        _ => return Err(format!("unsupported key \"{k}\" in map")),
                    }
                }
            }
            other => {
                return Err(format!(
                    "unsupported item in attributed string slice: {other}"
                ))
            }
        }
    }
    Ok((values, append))
}

#[cfg(test)]
#[path = "containers_tests.rs"]
mod tests;
