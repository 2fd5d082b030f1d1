//! A pod's record, `pod.json`: what `pod create` asked for, written once.

use std::collections::BTreeMap;

use ctl_monitor::time::Timestamp;
use serde::{Deserialize, Serialize};

/// The namespaces a pod shares by default (podman's).
pub const DEFAULT_SHARE: &[&str] = &["ipc", "net", "uts"];

/// The namespaces `--share` may name.
pub const SHAREABLE: &[&str] = &["cgroup", "ipc", "net", "pid", "uts"];

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct PodConfig {
    pub id: String,
    pub name: String,
    pub created: Timestamp,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// The pod's hostname, which members sharing its uts namespace have.
    pub hostname: String,
    /// Shared namespaces, in podman's names (`ipc`, `net`, `uts`, `pid`, `cgroup`).
    pub share: Vec<String>,
    /// The infra container (none with `--infra=false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub infra_id: Option<String>,
    /// `--volume`s every member gets, before its own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volumes: Vec<String>,
    /// `continue` or `stop`: what happens when the last member exits.
    pub exit_policy: ExitPolicy,
    /// The `ctl pod create ...` argv.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub create_command: Vec<String>,
}

impl PodConfig {
    pub fn shares(&self, ns: &str) -> bool {
        self.share.iter().any(|s| s == ns)
    }
}

/// `--exit-policy`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExitPolicy {
    #[default]
    Continue,
    Stop,
}

impl ExitPolicy {
    pub fn parse(s: &str) -> Option<ExitPolicy> {
        match s {
            "continue" => Some(ExitPolicy::Continue),
            "stop" => Some(ExitPolicy::Stop),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ExitPolicy::Continue => "continue",
            ExitPolicy::Stop => "stop",
        }
    }
}

/// `--share` as podman reads it: a comma list, `+ns` adds to the defaults, `none` (or an
/// empty value) shares nothing. Unknown names are refused in podman's words.
pub fn parse_share(v: Option<&str>) -> Result<Vec<String>, String> {
    let Some(v) = v else {
        return Ok(DEFAULT_SHARE.iter().map(|s| s.to_string()).collect());
    };
    if v.is_empty() || v == "none" {
        return Ok(Vec::new());
    }
    let (mut out, list): (Vec<String>, &str) = match v.strip_prefix('+') {
        Some(rest) => (DEFAULT_SHARE.iter().map(|s| s.to_string()).collect(), rest),
        None => (Vec::new(), v),
    };
    for ns in list.split(',') {
        let ns = if ns == "network" { "net" } else { ns };
        if !SHAREABLE.contains(&ns) {
            return Err(format!(
                "namespace {ns:?} is not a valid namespace to share"
            ));
        }
        if !out.iter().any(|o| o == ns) {
            out.push(ns.to_string());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_is_read_as_podman_reads_it() {
        assert_eq!(parse_share(None).unwrap(), ["ipc", "net", "uts"]);
        assert_eq!(parse_share(Some("net")).unwrap(), ["net"]);
        assert_eq!(
            parse_share(Some("+pid")).unwrap(),
            ["ipc", "net", "uts", "pid"]
        );
        assert_eq!(parse_share(Some("network,uts")).unwrap(), ["net", "uts"]);
        assert!(parse_share(Some("none")).unwrap().is_empty());
        assert!(parse_share(Some("")).unwrap().is_empty());
        let e = parse_share(Some("net,mnt")).unwrap_err();
        assert_eq!(e, "namespace \"mnt\" is not a valid namespace to share");
    }

    #[test]
    fn exit_policies_parse_and_print() {
        for p in [ExitPolicy::Continue, ExitPolicy::Stop] {
            assert_eq!(ExitPolicy::parse(p.as_str()), Some(p));
        }
        assert_eq!(ExitPolicy::parse("restart"), None);
    }
}
