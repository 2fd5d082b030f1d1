//! Containers that join another's namespaces (`--ipc/--pid/--uts/--network container:X`).
//! The namespace is X's running process's, so its path is looked up again at every start
//! (X may have restarted with another pid since); and X cannot be removed while a
//! container depends on it (podman's `rm` refuses; `--depend` and `--all` remove the
//! dependents first).

use std::path::PathBuf;

use serde_json::Value;

/// The containers joining each container's namespaces: target id → (id, name) of each.
pub type Joined = std::collections::BTreeMap<String, Vec<(String, String)>>;

use crate::container::lifecycle::Manager;
use crate::container::store::ContainerConfig;
use crate::error::{Error, Result};
use crate::fsutil::atomic_write;
use crate::network::Mode;

/// Points the spec's namespaces of the given OCI types (`ipc`, `network`, ...) at `paths`.
/// Returns whether anything changed.
pub fn set_namespace_paths(spec: &mut Value, paths: &[(&str, PathBuf)]) -> bool {
    let Some(list) = spec
        .pointer_mut("/linux/namespaces")
        .and_then(Value::as_array_mut)
    else {
        return false;
    };
    let mut changed = false;
    for ns in list.iter_mut() {
        let Some(kind) = ns.get("type").and_then(Value::as_str) else {
            continue;
        };
        if let Some((_, path)) = paths.iter().find(|(k, _)| *k == kind) {
            let path = Value::from(path.display().to_string());
            if ns.get("path") != Some(&path) {
                ns["path"] = path;
                changed = true;
            }
        }
    }
    changed
}

impl Manager {
    /// The current paths of the namespaces `cfg` joins, by OCI type; an error naming the
    /// container that is not running.
    fn joined_paths(&self, cfg: &ContainerConfig) -> Result<Vec<(&'static str, PathBuf)>> {
        let mut wanted: Vec<(&'static str, &str, &str)> = Vec::new();
        for (kind, target) in &cfg.joins {
            let oci = match kind.as_str() {
                "ipc" => "ipc",
                "pid" => "pid",
                "uts" => "uts",
                _ => continue,
            };
            wanted.push((oci, kind, target));
        }
        if let Mode::Container(target) = &cfg.network {
            wanted.push(("network", "network", target));
        }
        let mut out = Vec::new();
        for (oci, kind, target) in wanted {
            let t = self.load(target).map_err(|e| match e {
                Error::ContainerNotFound(_) => Error::BadOption(format!(
                    "cannot join the {kind} namespace of container {target}: it was removed"
                )),
                e => e,
            })?;
            if oci == "network" && t.config.network == Mode::Host {
                continue;
            }
            let pid = match (t.state.is_running(), t.state.pid) {
                (true, Some(pid)) => pid,
                _ => {
                    return Err(Error::BadOption(format!(
                        "cannot join the {kind} namespace of container {}: the container is \
                         not running",
                        t.config.name
                    )))
                }
            };
            let path = if oci == "network" && !t.config.networks.is_empty() {
                self.netns_path(&t.config.id)
            } else {
                let file = if oci == "network" { "net" } else { oci };
                PathBuf::from(format!("/proc/{pid}/ns/{file}"))
            };
            out.push((oci, path));
        }
        Ok(out)
    }

    /// Before a start: the spec joins the current processes of the containers it depends
    /// on. The caller holds the container's lock.
    pub(crate) fn refresh_joins(&self, cfg: &ContainerConfig) -> Result<()> {
        if cfg.dependencies().is_empty() {
            return Ok(());
        }
        let paths = self.joined_paths(cfg)?;
        let file = self.containers.dir(&cfg.id).join("config.json");
        let bad = |reason: String| Error::CorruptRecord {
            id: cfg.id.clone(),
            reason,
        };
        let text = std::fs::read(&file).map_err(|e| bad(e.to_string()))?;
        let mut spec: Value = serde_json::from_slice(&text).map_err(|e| bad(e.to_string()))?;
        if set_namespace_paths(&mut spec, &paths) {
            let json = serde_json::to_vec_pretty(&spec).map_err(|e| bad(e.to_string()))?;
            atomic_write(&file, &json)?;
        }
        Ok(())
    }

    /// The containers that join a namespace of `id`, as (id, name). The store is read once
    /// per command; a container removed since then is left out. (One joining it later than
    /// that is not seen, as no check outside its creator's lock can see it either.)
    pub fn dependents(&self, id: &str) -> Result<Vec<(String, String)>> {
        if self.joined.get().is_none() {
            let mut map = Joined::new();
            for other in self.containers.ids()? {
                // Unreadable or half-made records depend on nothing that can be told.
                if let Ok(cfg) = self.containers.config(&other) {
                    for target in cfg.dependencies() {
                        map.entry(target.to_string())
                            .or_default()
                            .push((cfg.id.clone(), cfg.name.clone()));
                    }
                }
            }
            let _ = self.joined.set(map);
        }
        let listed = self.joined.get().and_then(|m| m.get(id));
        Ok(listed
            .into_iter()
            .flatten()
            .filter(|(dep, _)| dep != id && self.containers.dir(dep).is_dir())
            .cloned()
            .collect())
    }

    /// `ids` with every container depending on them (recursively) before the container it
    /// depends on: the order `rm --depend` removes them in.
    pub fn with_dependents_first(&self, ids: &[String]) -> Vec<String> {
        fn visit(m: &Manager, id: &str, out: &mut Vec<String>, seen: &mut Vec<String>) {
            if seen.iter().any(|s| s == id) {
                return;
            }
            seen.push(id.to_string());
            for (dep, _) in m.dependents(id).unwrap_or_default() {
                visit(m, &dep, out, seen);
            }
            out.push(id.to_string());
        }
        let (mut out, mut seen) = (Vec::new(), Vec::new());
        for id in ids {
            visit(self, id, &mut out, &mut seen);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn namespace_paths_are_replaced_by_type() {
        let mut spec = json!({"linux": {"namespaces": [
            {"type": "mount"},
            {"type": "ipc", "path": "/proc/10/ns/ipc"},
            {"type": "network", "path": "/run/ctl/netns/x"},
        ]}});
        let paths = [
            ("ipc", PathBuf::from("/proc/42/ns/ipc")),
            ("network", PathBuf::from("/run/ctl/netns/x")),
        ];
        assert!(set_namespace_paths(&mut spec, &paths));
        assert_eq!(spec["linux"]["namespaces"][1]["path"], "/proc/42/ns/ipc");
        assert_eq!(spec["linux"]["namespaces"][0], json!({"type": "mount"}));
        assert!(!set_namespace_paths(&mut spec, &paths));
        assert!(!set_namespace_paths(&mut json!({}), &paths));
    }
}
