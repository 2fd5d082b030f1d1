//! `ps --filter`, as podman's container filters: values of one key OR (label: AND),
//! different keys AND. Compiling looks up what values name (containers for before and
//! since, networks, images); matching is a pure function of a container's records.

use std::collections::BTreeMap;

use crate::container::restart::RestartPolicy;
use crate::container::state::{State, Status};
use crate::container::store::ContainerConfig;
use crate::image::filter::match_labels;
use crate::network::Mode;
use crate::timetype::Time;

/// containers/common's StringMatchRegexSlice: any of the patterns (Go regular expressions,
/// unanchored) matches; one that does not compile matches nothing.
pub fn regex_any(patterns: &[String], s: &str) -> bool {
    patterns
        .iter()
        .any(|p| regex::Regex::new(p).is_ok_and(|r| r.is_match(s)))
}

/// containers/common's FilterID: a value of hex digits is an id prefix, anything else a
/// regular expression.
pub fn id_matches(values: &[String], id: &str) -> bool {
    values.iter().any(|v| {
        if v.chars().all(|c| c.is_ascii_hexdigit()) {
            id.starts_with(&v.to_lowercase())
        } else {
            regex_any(std::slice::from_ref(v), id)
        }
    })
}

/// What compiling a filter may look up.
pub struct Lookups<'a> {
    /// A container's id and creation time, by name or id.
    pub container: &'a dyn Fn(&str) -> Option<(String, Time)>,
    /// A network's name, by name or id.
    pub network: &'a dyn Fn(&str) -> Option<String>,
    /// An image's id, by name or id.
    pub image: &'a dyn Fn(&str) -> Option<String>,
    /// A pod's id, by name or id.
    pub pod: &'a dyn Fn(&str) -> Option<String>,
    pub now: Time,
    pub local_offset: i64,
}

#[derive(Debug, Clone)]
enum Pred {
    Id(Vec<String>),
    Name(Vec<String>),
    Label(Vec<String>),
    NotLabel(Vec<String>),
    Exited(Vec<i32>),
    Status(Vec<String>),
    Ancestor(Vec<String>, Vec<String>),
    Before(Time),
    Since(Time),
    Volume(Vec<String>),
    /// Health statuses (`none`: no healthcheck).
    Health(Vec<String>),
    Until(Time),
    /// Pod ids.
    Pod(Vec<String>),
    /// Network names, and the ids of containers whose network a `container:X` value names.
    Network(Vec<String>, Vec<String>),
    RestartPolicy(Vec<String>),
    Command(Vec<String>),
    StartOnBoot(bool),
}

/// Compiled `--filter`s.
#[derive(Debug, Clone, Default)]
pub struct ContainerFilter {
    preds: Vec<Pred>,
}

const STATUSES: [&str; 9] = [
    "created",
    "running",
    "stopped",
    "paused",
    "exited",
    "removing",
    "stopping",
    "unknown",
    "initialized",
];

impl ContainerFilter {
    /// Compiles `KEY=VALUE` filters (podman's keys and errors).
    pub fn compile(raw: &[String], look: &Lookups<'_>) -> Result<ContainerFilter, String> {
        let mut by_key: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        let mut order = Vec::new();
        for f in raw {
            let Some((k, v)) = f.split_once('=').filter(|(k, _)| !k.is_empty()) else {
                return Err(format!("invalid filter {f:?}"));
            };
            if !by_key.contains_key(k) {
                order.push(k);
            }
            by_key.entry(k).or_default().push(v.to_string());
        }
        let mut preds = Vec::new();
        for key in order {
            let values = by_key.remove(key).unwrap_or_default();
            let earliest = |values: &[String]| -> Result<Time, String> {
                let mut t: Option<Time> = None;
                for v in values {
                    let (_, created) = (look.container)(v).ok_or_else(|| {
                        format!("no container with name or ID {v:?} found: no such container")
                    })?;
                    t = Some(t.map_or(created, |t: Time| t.min(created)));
                }
                Ok(t.unwrap_or_default())
            };
            preds.push(match key {
                "id" => Pred::Id(values),
                "name" => Pred::Name(values.iter().map(|v| v.replace('/', "")).collect()),
                "label" => Pred::Label(values),
                "label!" => Pred::NotLabel(values),
                "exited" => Pred::Exited(
                    values
                        .iter()
                        .map(|v| {
                            v.parse::<i32>().map_err(|_| {
                                format!(
                                    "exited code out of range {v:?}: strconv.ParseInt: parsing \
                                     {v:?}: invalid syntax"
                                )
                            })
                        })
                        .collect::<Result<_, _>>()?,
                ),
                "status" => {
                    if let Some(bad) = values.iter().find(|v| !STATUSES.contains(&v.as_str())) {
                        return Err(format!("unknown container state: {bad}: invalid argument"));
                    }
                    Pred::Status(values)
                }
                "ancestor" => {
                    let ids = values.iter().filter_map(|v| (look.image)(v)).collect();
                    Pred::Ancestor(values, ids)
                }
                "before" => Pred::Before(earliest(&values)?),
                "since" => Pred::Since(earliest(&values)?),
                "volume" => Pred::Volume(values),
                "health" => Pred::Health(values),
                "until" => {
                    if values.len() != 1 {
                        return Err("specify exactly one timestamp for until".into());
                    }
                    Pred::Until(crate::timetype::filter_time(
                        &values[0],
                        look.now,
                        look.local_offset,
                    )?)
                }
                // podman's: a pod that does not exist matches nothing.
                "pod" => Pred::Pod(values.iter().filter_map(|v| (look.pod)(v)).collect()),
                "network" => {
                    let names = values.iter().filter_map(|v| (look.network)(v)).collect();
                    let ids = values
                        .iter()
                        .filter_map(|v| v.strip_prefix("container:"))
                        .filter_map(|v| (look.container)(v).map(|(id, _)| id))
                        .collect();
                    Pred::Network(names, ids)
                }
                "restart-policy" => {
                    let bad: Vec<&str> = values
                        .iter()
                        .map(String::as_str)
                        .filter(|p| {
                            !matches!(
                                *p,
                                "none" | "no" | "always" | "on-failure" | "unless-stopped"
                            )
                        })
                        .collect();
                    match bad.len() {
                        0 => Pred::RestartPolicy(values),
                        1 => return Err(format!("{} invalid restart policy", bad[0])),
                        _ => return Err(format!("{} invalid restart policies", bad.join(", "))),
                    }
                }
                "command" => Pred::Command(values),
                "should-start-on-boot" => {
                    let mut want = false;
                    for v in &values {
                        want = match v.as_str() {
                            "1" | "t" | "T" | "true" | "TRUE" | "True" => true,
                            "0" | "f" | "F" | "false" | "FALSE" | "False" => false,
                            _ => {
                                return Err(format!(
                                    "strconv.ParseBool: parsing {v:?}: invalid syntax"
                                ))
                            }
                        };
                    }
                    Pred::StartOnBoot(want)
                }
                other => return Err(format!("{other} is an invalid filter")),
            });
        }
        Ok(ContainerFilter { preds })
    }

    pub fn is_empty(&self) -> bool {
        self.preds.is_empty()
    }

    /// A `status` filter is given (podman then lists every container, as docker).
    pub fn has_status(&self) -> bool {
        self.preds.iter().any(|p| matches!(p, Pred::Status(_)))
    }

    /// Whether the container matches every filter; `health` is its health log's status (None: it has
    /// no healthcheck).
    pub fn matches(&self, cfg: &ContainerConfig, st: &State, health: Option<&str>) -> bool {
        self.preds.iter().all(|p| pred(p, cfg, st, health))
    }

    /// A health filter is given: the callers read the health logs for it.
    pub fn has_health(&self) -> bool {
        self.preds.iter().any(|p| matches!(p, Pred::Health(_)))
    }
}

fn labels_match(values: &[String], labels: &BTreeMap<String, String>) -> bool {
    values.iter().all(|v| match_labels(v, labels))
}

fn state_word(st: &State) -> &'static str {
    st.podman_status()
}

fn pred(p: &Pred, cfg: &ContainerConfig, st: &State, health: Option<&str>) -> bool {
    let created = Some(crate::timetype::of(cfg.created));
    match p {
        Pred::Id(v) => id_matches(v, &cfg.id),
        Pred::Name(v) => regex_any(v, &cfg.name),
        Pred::Label(v) => labels_match(v, &cfg.labels),
        Pred::NotLabel(v) => !labels_match(v, &cfg.labels),
        Pred::Exited(codes) => {
            st.status == Status::Exited && st.exit_code.is_some_and(|c| codes.contains(&c))
        }
        Pred::Status(v) => v.iter().any(|v| {
            let v = if v == "stopped" { "exited" } else { v.as_str() };
            v == state_word(st)
        }),
        Pred::Ancestor(values, ids) => {
            let untagged = cfg.image_name.strip_suffix(":latest");
            ids.contains(&cfg.image_id)
                || values.iter().any(|v| cfg.image_id.contains(v.as_str()))
                || regex_any(values, &cfg.image_name)
                || untagged.is_some_and(|n| regex_any(values, n))
        }
        Pred::Before(t) => created.is_some_and(|c| c < *t),
        Pred::Since(t) => created.is_some_and(|c| c > *t),
        Pred::Until(t) => created.is_some_and(|c| c < *t),
        Pred::Volume(values) => values.iter().any(|v| {
            let (source, dest) = v.split_once(':').unwrap_or((v, ""));
            cfg.mounts.iter().any(|m| {
                if dest.is_empty() {
                    // A volume's name, or any mount's destination.
                    m.destination == source || m.name.as_deref() == Some(source)
                } else if let Some(name) = &m.name {
                    m.destination == dest && name == source
                } else {
                    m.destination == dest
                        && m.source.as_deref() == Some(std::path::Path::new(source))
                }
            })
        }),
        Pred::Health(v) => v
            .iter()
            .any(|v| Some(v.as_str()) == health.or(Some("none"))),
        Pred::Pod(ids) => cfg.pod.as_ref().is_some_and(|p| ids.contains(p)),
        Pred::Network(names, ids) => match &cfg.network {
            Mode::Container(of) => ids.contains(of),
            _ => cfg.networks.iter().any(|n| names.contains(n)),
        },
        Pred::RestartPolicy(v) => v.iter().any(|p| {
            matches!(
                (&cfg.restart, p.as_str()),
                (RestartPolicy::No, "no" | "none")
                    | (RestartPolicy::OnFailure { .. }, "on-failure")
                    | (RestartPolicy::Always, "always")
                    | (RestartPolicy::UnlessStopped, "unless-stopped")
            )
        }),
        Pred::Command(v) => cfg.command.first().is_some_and(|c| regex_any(v, c)),
        // podman's ShouldStartOnBoot: never a container that was not started yet.
        Pred::StartOnBoot(want) => {
            let boots = !matches!(st.status, Status::Configured | Status::Created)
                && cfg.restart.starts_at_boot(st.stopped_by_user);
            boots == *want
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn record(name: &str, created: &str, extra: serde_json::Value) -> (ContainerConfig, State) {
        let mut v = json!({
            "id": format!("{name:0>64}"),
            "name": name,
            "image_id": "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210",
            "image_name": "docker.io/library/busybox:latest",
            "created": created,
            "command": ["sleep", "100"],
            "env": [],
            "labels": {},
            "mounts": [],
            "hostname": name,
            "user": "",
            "workdir": "/",
            "network": "bridge",
            "networks": ["ctl"],
            "stop_signal": 15,
            "stop_timeout": 10,
            "auto_remove": false,
            "read_only": false,
            "terminal": false,
            "stdin": false,
            "log": {"driver": "k8s-file", "path": "/x/ctr.log", "max_size": 0, "max_files": 1},
            "runtime": "runc",
        });
        for (k, x) in extra.as_object().unwrap() {
            v[k] = x.clone();
        }
        let cfg: ContainerConfig = serde_json::from_value(v).expect("a record");
        let mut st = State::new();
        st.status = Status::Running;
        (cfg, st)
    }

    fn set() -> Vec<(ContainerConfig, State)> {
        vec![
            record(
                "a",
                "2026-01-01T00:00:00Z",
                json!({"mounts": [{"kind": "bind", "source": "/srv", "destination": "/data",
                                   "readonly": false}],
                       "restart": {"name": "always"}, "labels": {"tier": "web"}}),
            ),
            record(
                "b",
                "2026-01-02T00:00:00Z",
                json!({"networks": ["app"], "restart": {"name": "on-failure", "max": 3}}),
            ),
            record(
                "c",
                "2026-01-03T00:00:00Z",
                json!({"network": format!("container:{:0>64}", "a"), "networks": []}),
            ),
        ]
    }

    fn names(filters: &[&str]) -> Result<Vec<String>, String> {
        let set = set();
        let container = |v: &str| {
            set.iter()
                .find(|(c, _)| c.name == v || c.id.starts_with(v))
                .map(|(c, _)| (c.id.clone(), crate::timetype::of(c.created)))
        };
        let network = |v: &str| ["ctl", "app"].contains(&v).then(|| v.to_string());
        let image = |_: &str| None;
        let look = Lookups {
            container: &container,
            network: &network,
            image: &image,
            pod: &image,
            now: crate::timetype::parse_rfc3339("2026-01-04T00:00:00Z").unwrap(),
            local_offset: 0,
        };
        let raw: Vec<String> = filters.iter().map(|s| s.to_string()).collect();
        let f = ContainerFilter::compile(&raw, &look)?;
        Ok(set
            .iter()
            // "a" has a healthcheck, and is healthy.
            .filter(|(c, s)| f.matches(c, s, (c.name == "a").then_some("healthy")))
            .map(|(c, _)| c.name.clone())
            .collect())
    }

    #[test]
    fn should_start_on_boot_is_podman_s() {
        let none = |_: &str| None;
        let look = Lookups {
            container: &|_: &str| None,
            network: &none,
            image: &none,
            pod: &none,
            now: crate::timetype::parse_rfc3339("2026-01-04T00:00:00Z").unwrap(),
            local_offset: 0,
        };
        let f = ContainerFilter::compile(&["should-start-on-boot=true".into()], &look).unwrap();
        let boots = |policy: &str, status: Status, stopped_by_user: bool| {
            let (cfg, mut st) = record(
                "x",
                "2026-01-01T00:00:00Z",
                json!({"restart": {"name": policy}}),
            );
            st.status = status;
            st.stopped_by_user = stopped_by_user;
            f.matches(&cfg, &st, None)
        };
        assert!(boots("always", Status::Exited, true));
        assert!(boots("unless-stopped", Status::Exited, false));
        assert!(!boots("unless-stopped", Status::Exited, true));
        assert!(!boots("always", Status::Configured, false));
        assert!(!boots("no", Status::Exited, false));
    }

    #[test]
    fn filters_as_podman_s() {
        let ok = |f: &[&str]| names(f).unwrap();
        assert_eq!(ok(&["before=c"]), ["a", "b"]);
        assert_eq!(ok(&["before=c", "before=b"]), ["a"]);
        assert_eq!(ok(&["since=a"]), ["b", "c"]);
        assert_eq!(ok(&["since=a", "before=c"]), ["b"]);
        assert_eq!(ok(&["network=app"]), ["b"]);
        assert_eq!(ok(&["network=ctl", "network=app"]), ["a", "b"]);
        assert_eq!(ok(&["network=container:a"]), ["c"]);
        assert_eq!(ok(&["network=nosuch"]), Vec::<String>::new());
        assert_eq!(ok(&["volume=/data"]), ["a"]);
        assert_eq!(ok(&["volume=/srv:/data"]), ["a"]);
        assert_eq!(ok(&["volume=/other:/data"]), Vec::<String>::new());
        assert_eq!(ok(&["health=healthy"]), ["a"]);
        assert_eq!(ok(&["health=none"]), ["b", "c"]);
        assert_eq!(
            ok(&["health=unhealthy", "health=starting"]),
            Vec::<String>::new()
        );
        assert_eq!(ok(&["restart-policy=always"]), ["a"]);
        assert_eq!(ok(&["restart-policy=on-failure"]), ["b"]);
        assert_eq!(ok(&["restart-policy=no"]), ["c"]);
        assert_eq!(
            ok(&["restart-policy=none", "restart-policy=always"]),
            ["a", "c"]
        );
        assert_eq!(ok(&["until=2026-01-02T12:00:00Z"]), ["a", "b"]);
        assert_eq!(ok(&["until=60h"]), ["a"]);
        assert_eq!(ok(&["label=tier=web"]), ["a"]);
        assert_eq!(ok(&["label!=tier"]), ["b", "c"]);
        assert_eq!(ok(&["should-start-on-boot=true"]), ["a"]);
        assert_eq!(ok(&["status=running", "name=b"]), ["b"]);
        // Regular expressions, as podman's: name, id (unless hex), command.
        assert_eq!(ok(&["name=^[ab]$"]), ["a", "b"]);
        assert_eq!(ok(&["name=["]), Vec::<String>::new());
        assert_eq!(ok(&["id=0+c$"]), ["c"]);
        assert_eq!(ok(&["id=0000"]), ["a", "b", "c"]);
        assert_eq!(ok(&["command=^sle+p$"]), ["a", "b", "c"]);
    }

    #[test]
    fn bad_filters_are_podman_s_errors() {
        assert_eq!(names(&["nokey"]).unwrap_err(), "invalid filter \"nokey\"");
        assert_eq!(names(&["=x"]).unwrap_err(), "invalid filter \"=x\"");
        assert_eq!(
            names(&["color=red"]).unwrap_err(),
            "color is an invalid filter"
        );
        assert_eq!(
            names(&["before=nosuch"]).unwrap_err(),
            "no container with name or ID \"nosuch\" found: no such container"
        );
        assert_eq!(
            names(&["restart-policy=sometimes"]).unwrap_err(),
            "sometimes invalid restart policy"
        );
        assert_eq!(
            names(&["restart-policy=x", "restart-policy=y"]).unwrap_err(),
            "x, y invalid restart policies"
        );
        assert_eq!(
            names(&["until=1h", "until=2h"]).unwrap_err(),
            "specify exactly one timestamp for until"
        );
        assert!(names(&["status=sleeping"]).is_err());
    }
}
