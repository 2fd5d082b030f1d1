//! `--shm-size`, `--sysctl`, `--tz`, `--umask`, `--oom-score-adj`, `--expose`, `--label-file`:
//! checked as podman checks them.

use std::collections::BTreeMap;

use crate::container::options::parse_size;
use crate::error::{Error, Result};
use crate::network::Mode;

fn bad(msg: String) -> Error {
    Error::BadOption(msg)
}

fn invalid(what: &'static str, value: &str, reason: &str) -> Error {
    Error::InvalidInput {
        what,
        value: value.to_string(),
        reason: reason.into(),
    }
}

/// `--shm-size`: bytes, 0 for no limit.
pub(super) fn shm_size(v: &str) -> Result<u64> {
    Ok(parse_size(v)?)
}

/// IPC sysctls podman lets a container set (pkg/util ValidateSysctls).
const IPC_SYSCTLS: &[&str] = &[
    "kernel.msgmax",
    "kernel.msgmnb",
    "kernel.msgmni",
    "kernel.sem",
    "kernel.shmall",
    "kernel.shmmax",
    "kernel.shmmni",
    "kernel.shm_rmid_forced",
];

/// podman's `ValidateSysctls`, then its refusal of net.* on the host's network.
pub(super) fn sysctls(values: &[String], network: &Mode) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for v in values {
        let parts: Vec<&str> = v.split('=').collect();
        if parts.len() < 2 {
            return Err(bad(format!(
                "{v} is invalid, sysctl values must be in the form of KEY=VALUE"
            )));
        }
        let (k, val) = (parts[0], parts[1]);
        if format!("{}={}", k.trim(), val.trim()) != *v {
            return Err(bad(format!("'{v}' is invalid, extra spaces found")));
        }
        let allowed =
            IPC_SYSCTLS.contains(&k) || ["net.", "fs.mqueue."].iter().any(|p| k.starts_with(p));
        if !allowed {
            return Err(bad(format!("sysctl '{k}' is not allowed")));
        }
        if *network == Mode::Host && k.starts_with("net.") {
            return Err(bad(format!(
                "sysctl {k}={val} can't be set since Network Namespace set to host: invalid argument"
            )));
        }
        out.insert(k.to_string(), val.to_string());
    }
    Ok(out)
}

/// libpod's `WithUmask`: one to four octal digits.
pub(super) fn umask(v: &str) -> Result<u32> {
    let ok = (1..=4).contains(&v.len()) && v.bytes().all(|b| (b'0'..=b'7').contains(&b));
    match ok {
        true => u32::from_str_radix(v, 8).map_err(|e| bad(e.to_string())),
        false => Err(bad(format!("invalid umask string {v}: invalid argument"))),
    }
}

/// `--oom-score-adj`: the kernel's range.
pub(super) fn oom_score_adj(v: i32) -> Result<i32> {
    match (-1000..=1000).contains(&v) {
        true => Ok(v),
        false => Err(invalid(
            "oom-score-adj",
            &v.to_string(),
            "must be between -1000 and 1000",
        )),
    }
}

/// `--tz`: `local` or a zone name as Go's `time.LoadLocation` takes it (relative, no `..`);
/// whether the zone exists is known when the bundle looks for its file.
pub(super) fn timezone(v: &str) -> Result<String> {
    let bad_name = v.is_empty()
        || v.starts_with('/')
        || v.contains('\\')
        || v.split('/').any(|c| c == ".." || c.is_empty());
    match bad_name {
        true => Err(bad("finding timezone: time: invalid location name".into())),
        false => Ok(v.to_string()),
    }
}

/// `--expose PORT[-END][/PROTO]` as the image's ExposedPorts keys (`80/tcp`, `53-54/udp`).
pub(super) fn expose(v: &str) -> Result<String> {
    let (ports, proto) = v.split_once('/').unwrap_or((v, "tcp"));
    let proto = proto.to_ascii_lowercase();
    if !["tcp", "udp"].contains(&proto.as_str()) {
        return Err(invalid("expose", v, "the protocol is tcp or udp"));
    }
    let port = |p: &str| p.parse::<u16>().ok().filter(|p| *p > 0);
    let ok = match ports.split_once('-') {
        Some((a, b)) => matches!((port(a), port(b)), (Some(a), Some(b)) if a <= b),
        None => port(ports).is_some(),
    };
    match ok {
        true => Ok(format!("{ports}/{proto}")),
        false => Err(invalid("expose", v, "a port is 1-65535, a range START-END")),
    }
}

/// The `--label` values a label file gives: its lines, without blank ones and comments.
pub fn label_file_lines(texts: &[String]) -> Vec<String> {
    texts
        .iter()
        .flat_map(|t| t.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

/// One `--device-cgroup-rule "TYPE MAJOR:MINOR ACCESS"`, as podman's
/// parseLinuxResourcesDeviceAccess reads it; `*` (None) is every number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceRule {
    /// a, b or c.
    pub kind: String,
    pub major: Option<i64>,
    pub minor: Option<i64>,
    /// Some of r, w, m.
    pub access: String,
}

pub(super) fn device_rule(v: &str) -> Result<DeviceRule> {
    let parts: Vec<&str> = v.split(' ').collect();
    let [kind, numbers, access] = parts[..] else {
        return Err(bad(format!(
            "invalid device cgroup rule requires type, major:Minor, and access rules: {v:?}"
        )));
    };
    if !["a", "b", "c"].contains(&kind) {
        return Err(bad(format!(
            "invalid device type in device-access-add: {kind}"
        )));
    }
    let number = |n: &str| match n {
        "*" => Ok(None),
        n => n
            .parse::<u32>()
            .map(|n| Some(i64::from(n)))
            .map_err(|_| bad(format!("strconv.ParseUint: parsing {n:?}: invalid syntax"))),
    };
    let (major, minor) = numbers.split_once(':').unwrap_or((numbers, "*"));
    if let Some(c) = access.chars().find(|c| !"rwm".contains(*c)) {
        return Err(bad(format!(
            "invalid device access in device-access-add: {c}"
        )));
    }
    Ok(DeviceRule {
        kind: kind.to_string(),
        major: number(major)?,
        minor: number(minor)?,
        access: access.to_string(),
    })
}

/// `--cgroups`: podman's modes. ctl's monitor never has a cgroup of its own, so
/// `no-conmon` is what `enabled` already is; a container without a cgroup or a split of
/// the caller's cgroup are not made.
pub(super) fn cgroups_mode(v: Option<&str>) -> Result<()> {
    match v {
        None | Some("enabled" | "no-conmon") => Ok(()),
        Some(m @ ("disabled" | "split")) => Err(bad(format!(
            "--cgroups={m} is not supported by ctl: a container always gets a cgroup of its own \
             (use enabled or no-conmon)"
        ))),
        Some(m) => Err(bad(format!("invalid cgroup mode {m:?}: invalid argument"))),
    }
}
