//! `update`: new cgroup limits, restart policy, environment or healthchecks for an existing
//! container. They are recorded (container.json, and the bundle's config.json that every
//! later start runs); limits are applied to the cgroup at once while the runtime has the
//! container, healthchecks are handed to its monitor, and the environment reaches the main
//! process at its next start (as podman's).

use oci_spec::runtime::LinuxResourcesBuilder;
use serde_json::Value;

use crate::container::health::config::HealthFlags;
use crate::container::health::{settings, update as health_update};
use crate::container::host;
use crate::container::lifecycle::Manager;
use crate::container::limits::LimitChanges;
use crate::container::resources::Resources;
use crate::container::restart::RestartPolicy;
use crate::container::state::Status;
use crate::error::{Error, Result};
use crate::fsutil::atomic_write;

/// What `update` changes; `None`: left as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Update {
    pub limits: LimitChanges,
    pub restart: Option<RestartPolicy>,
    /// `--env`: `KEY=VALUE` set (a `KEY` alone: empty), in order.
    pub env: Vec<String>,
    /// `--unsetenv`: keys removed.
    pub unsetenv: Vec<String>,
    /// `--health-*`, `--no-healthcheck` (None fields: unchanged).
    pub health: HealthFlags,
}

impl Update {
    fn changes_resources(&self) -> bool {
        !self.limits.is_empty()
    }

    fn changes_env(&self) -> bool {
        !self.env.is_empty() || !self.unsetenv.is_empty()
    }

    /// The recorded limits with these changes, checked and resolved as at create time.
    pub fn apply(&self, old: &Resources, swap_accounting: bool) -> Result<Resources> {
        Ok(self.limits.apply(old).resolve(swap_accounting)?)
    }
}

/// The spec's `linux.resources` memory, cpu, pids and block I/O parts for `r` (devices
/// stay).
fn oci_parts(r: &Resources) -> Result<Value> {
    let spec_err = |e: oci_spec::OciSpecError| Error::BadOption(format!("resources: {e}"));
    let built = r
        .to_oci(LinuxResourcesBuilder::default())
        .map_err(spec_err)?
        .build()
        .map_err(spec_err)?;
    serde_json::to_value(built).map_err(|e| Error::BadOption(format!("resources: {e}")))
}

impl Manager {
    /// Records `u` for the container and applies it to a created or running one. A change
    /// the runtime refuses is undone in the record.
    pub fn update(&self, id: &str, u: &Update) -> Result<()> {
        let health_changes = health_update::changes(&u.health);
        if !u.changes_resources() && u.restart.is_none() && !u.changes_env() && !health_changes {
            return Err(Error::BadOption(
                "must provide at least one of resources and restartPolicy to update a \
                 container: invalid argument"
                    .into(),
            ));
        }
        let mut health = u.health.clone();
        if let Some(d) = &health.log_destination {
            health.log_destination = Some(settings::checked_destination(d)?.as_string());
        }
        let mut h = self.hold(id)?;
        if u.changes_resources() && self.ctx.rootless {
            return Err(Error::BadOption(
                "resource limits are not supported for rootless containers: they have no \
                 cgroup of their own"
                    .into(),
            ));
        }
        let live = matches!(h.state.status, Status::Created | Status::Running);
        if live && u.limits.changes_devices() {
            // runc's update sets a cgroup's block I/O weight, not its per-device limits.
            return Err(Error::BadOption(
                "per-device block I/O limits cannot be changed while the container runs: \
                 stop it first (they apply at its next start)"
                    .into(),
            ));
        }
        let old = h.config.clone();
        let res = u.apply(&old.host.resources, host::swap_accounting())?;
        let mut cfg = old.clone();
        cfg.host.resources = res.clone();
        if let Some(p) = &u.restart {
            cfg.restart = *p;
        }
        if health_changes {
            health_update::apply(&mut cfg, &health)?;
        }
        if u.changes_env() {
            cfg.env = updated_env(&cfg.env, &u.env, &u.unsetenv);
        }
        let spec_file = self.containers.dir(h.id()).join("config.json");
        let old_spec = std::fs::read(&spec_file).map_err(|e| Error::io(&spec_file, e))?;
        let parts = oci_parts(&res)?;
        let mut spec: Value =
            serde_json::from_slice(&old_spec).map_err(|e| Error::CorruptRecord {
                id: h.id().to_string(),
                reason: format!("config.json: {e}"),
            })?;
        merge_resources(&mut spec, &parts);
        if u.changes_env() {
            if let Some(p) = spec.get_mut("process").and_then(Value::as_object_mut) {
                p.insert("env".into(), Value::from(cfg.env.clone()));
            }
        }
        let new_spec = serde_json::to_vec_pretty(&spec)
            .map_err(|e| Error::BadOption(format!("config.json: {e}")))?;
        // Recorded first (as podman's), so that no later start runs the old limits.
        atomic_write(&spec_file, &new_spec)?;
        self.containers.write_config(&cfg)?;
        if live && u.changes_resources() {
            let applied = self.runtime_for(&cfg).and_then(|rt| {
                let json = serde_json::to_vec(&parts)
                    .map_err(|e| Error::BadOption(format!("resources: {e}")))?;
                rt.update(h.id(), &json)
            });
            if let Err(e) = applied {
                atomic_write(&spec_file, &old_spec)?;
                self.containers.write_config(&old)?;
                return Err(e);
            }
        }
        if health_changes && live {
            self.reload_health(&cfg);
        }
        self.event("update", &cfg);
        h.config = cfg;
        Ok(())
    }

    /// Hands the recorded healthchecks to the container's monitor: the settings in the
    /// reload file, then a word on its control fifo. A monitor that is gone has nothing to
    /// reload: its next start reads the record.
    fn reload_health(&self, cfg: &crate::container::store::ContainerConfig) {
        let fifo = self.run_files(&cfg.id).ctl_fifo;
        let file = ctl_monitor::health::args::reload_file(&fifo);
        let args = self.health_args(cfg);
        let body = ctl_monitor::health::args::encode_file(args.as_ref());
        if atomic_write(&file, &body).is_ok() {
            let _ =
                ctl_monitor::wire::send_control(&fifo, ctl_monitor::ControlMessage::ReloadHealth);
        }
    }
}

/// `env` with `set`'s values (each key replaced where it is, new keys appended) and
/// `unset`'s keys removed, as podman's `update --env/--unsetenv`.
pub fn updated_env(env: &[String], set: &[String], unset: &[String]) -> Vec<String> {
    let key = |e: &str| e.split_once('=').map_or(e, |(k, _)| k).to_string();
    let mut out: Vec<String> = env.to_vec();
    for s in set {
        let entry = if s.contains('=') {
            s.clone()
        } else {
            format!("{s}=")
        };
        let k = key(s);
        match out.iter_mut().find(|e| key(e) == k) {
            Some(e) => *e = entry,
            None => out.push(entry),
        }
    }
    out.retain(|e| !unset.contains(&key(e)));
    out
}

/// Puts `parts`' memory, cpu, pids and block I/O into the spec's `linux.resources`, replacing those
/// (a limit no longer asked for goes) and keeping the rest (devices).
fn merge_resources(spec: &mut Value, parts: &Value) {
    let Some(linux) = spec.get_mut("linux").and_then(Value::as_object_mut) else {
        return;
    };
    let res = linux
        .entry("resources")
        .or_insert_with(|| Value::Object(Default::default()));
    let Some(res) = res.as_object_mut() else {
        return;
    };
    for key in ["memory", "cpu", "pids", "blockIO"] {
        match parts.get(key) {
            Some(v) => res.insert(key.to_string(), v.clone()),
            None => res.remove(key),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_is_set_in_place_appended_and_unset() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let env = s(&["PATH=/bin", "A=1", "B=2"]);
        assert_eq!(
            updated_env(&env, &s(&["A=x=y", "C=3", "D"]), &s(&["B"])),
            s(&["PATH=/bin", "A=x=y", "C=3", "D="])
        );
        assert_eq!(updated_env(&env, &[], &s(&["NOPE"])), env);
    }

    #[test]
    fn a_new_memory_limit_gets_its_own_default_swap() {
        let old = Resources {
            memory: Some(64 << 20),
            memory_swap: Some(128 << 20),
            pids_limit: Some(2048),
            ..Default::default()
        };
        let u = Update {
            limits: LimitChanges {
                memory: Some(32 << 20),
                ..Default::default()
            },
            ..Default::default()
        };
        let r = u.apply(&old, true).unwrap();
        assert_eq!(r.memory, Some(32 << 20));
        assert_eq!(r.memory_swap, Some(64 << 20));
        assert_eq!(r.pids_limit, Some(2048));
        // A reservation above the limit is refused as at create time.
        let u = Update {
            limits: LimitChanges {
                memory_reservation: Some(128 << 20),
                ..Default::default()
            },
            ..Default::default()
        };
        assert!(u.apply(&old, true).is_err());
        assert!(!Update::default().changes_resources());
    }

    #[test]
    fn merged_resources_keep_devices_and_drop_what_is_gone() {
        let mut spec = serde_json::json!({"linux": {"resources": {
            "devices": [{"allow": false, "access": "rwm"}],
            "memory": {"limit": 1}, "cpu": {"shares": 5}}}});
        let parts = oci_parts(&Resources {
            pids_limit: Some(10),
            memory: Some(64 << 20),
            ..Default::default()
        })
        .unwrap();
        merge_resources(&mut spec, &parts);
        let res = &spec["linux"]["resources"];
        assert_eq!(res["devices"][0]["access"], "rwm");
        assert_eq!(res["pids"]["limit"], 10);
        assert_eq!(res["memory"]["limit"], 64 << 20);
        assert!(res.get("cpu").is_none());
    }
}
