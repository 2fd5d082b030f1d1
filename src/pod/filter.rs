//! `pod ps --filter`: podman's pod filters. Filters of one key match if any value does;
//! different keys must all match.

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::pod::ops::PodReport;

#[derive(Debug, Clone, Default)]
pub struct PodFilter {
    by_key: BTreeMap<String, Vec<String>>,
}

const KEYS: &[&str] = &[
    "id",
    "name",
    "label",
    "label!",
    "status",
    "ctr-names",
    "ctr-ids",
    "ctr-status",
    "ctr-number",
    "network",
];

const STATUSES: &[&str] = &[
    "stopped", "running", "paused", "exited", "dead", "created", "degraded",
];

impl PodFilter {
    pub fn parse(raw: &[String]) -> Result<PodFilter> {
        let mut f = PodFilter::default();
        for r in raw {
            let Some((k, v)) = r.split_once('=') else {
                return Err(Error::BadOption(format!("invalid filter {r:?}")));
            };
            if !KEYS.contains(&k) {
                return Err(Error::BadOption(format!("{k} is an invalid filter")));
            }
            if k == "status" && !STATUSES.contains(&v) {
                return Err(Error::BadOption(format!(
                    "{v} is not a valid status; valid statuses are {}",
                    STATUSES.join(", ")
                )));
            }
            f.by_key
                .entry(k.to_string())
                .or_default()
                .push(v.to_string());
        }
        Ok(f)
    }

    pub fn matches(&self, r: &PodReport, networks: &[String]) -> bool {
        self.by_key
            .iter()
            .all(|(k, vals)| vals.iter().any(|v| one(k, v, r, networks)))
    }
}

fn label_matches(labels: &BTreeMap<String, String>, v: &str) -> bool {
    match v.split_once('=') {
        Some((k, want)) => labels.get(k).is_some_and(|have| have == want),
        None => labels.contains_key(v),
    }
}

/// podman matches names by regular expression.
fn name_matches(name: &str, pattern: &str) -> bool {
    match regex::Regex::new(pattern) {
        Ok(re) => re.is_match(name),
        Err(_) => name == pattern,
    }
}

fn one(k: &str, v: &str, r: &PodReport, networks: &[String]) -> bool {
    let c = &r.config;
    match k {
        "id" => c.id.starts_with(v),
        "name" => name_matches(&c.name, v),
        "label" => label_matches(&c.labels, v),
        "label!" => !label_matches(&c.labels, v),
        "status" => r.status.as_str().eq_ignore_ascii_case(v),
        "ctr-names" => r.containers.iter().any(|m| name_matches(&m.config.name, v)),
        "ctr-ids" => r.containers.iter().any(|m| m.config.id.starts_with(v)),
        "ctr-status" => r.containers.iter().any(|m| {
            m.state.podman_status() == v
                || (v == "created" && m.state.podman_status() == "initialized")
        }),
        "ctr-number" => v.parse::<usize>().is_ok_and(|n| n == r.containers.len()),
        "network" => networks.iter().any(|n| n == v),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pod::record::PodConfig;
    use crate::pod::status::PodStatus;

    fn report(name: &str, labels: &[(&str, &str)]) -> PodReport {
        PodReport {
            config: PodConfig {
                id: "abcdef".repeat(10) + "0123",
                name: name.into(),
                created: ctl_monitor::time::Timestamp::now(),
                labels: labels
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
                hostname: name.into(),
                share: vec![],
                infra_id: None,
                volumes: vec![],
                exit_policy: Default::default(),
                create_command: vec![],
            },
            status: PodStatus::Degraded,
            containers: vec![],
        }
    }

    fn f(raw: &[&str]) -> PodFilter {
        PodFilter::parse(&raw.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn filters_match_as_podman_s() {
        let r = report("web", &[("app", "shop")]);
        assert!(f(&["name=^we"]).matches(&r, &[]));
        assert!(!f(&["name=^db"]).matches(&r, &[]));
        assert!(f(&["name=db", "name=web"]).matches(&r, &[]));
        assert!(f(&["label=app=shop", "id=abcdef"]).matches(&r, &[]));
        assert!(!f(&["label=app=other"]).matches(&r, &[]));
        assert!(f(&["label!=tier"]).matches(&r, &[]));
        assert!(f(&["status=degraded"]).matches(&r, &[]));
        assert!(!f(&["status=running"]).matches(&r, &[]));
        assert!(f(&["ctr-number=0"]).matches(&r, &[]));
        assert!(f(&["network=podman"]).matches(&r, &["podman".into()]));
        assert!(!f(&["network=podman"]).matches(&r, &[]));
    }

    #[test]
    fn bad_filters_are_refused() {
        for bad in ["colour=red", "status=happy", "name"] {
            assert!(PodFilter::parse(&[bad.to_string()]).is_err(), "{bad}");
        }
    }
}
