//! `--ipc`, `--pid`, `--uts`, `--cgroupns`, `--device`: parsed as podman parses them
//! (specgen's ParseNamespace, ParseIPCNamespace, ParseCgroupNamespace; ParseDevice).

use std::path::PathBuf;

use crate::error::{Error, Result};

fn bad(msg: String) -> Error {
    Error::BadOption(msg)
}

/// Where a namespace of the container comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum NsMode {
    /// A new one (podman's `private`; `shareable` for IPC).
    #[default]
    Private,
    Host,
    /// `ns:PATH`.
    Path(PathBuf),
    /// `container:NAME|ID`: the running container's.
    Container(String),
    /// `--ipc none`: a new IPC namespace without /dev/shm.
    None,
}

/// The namespaces other than the network's and the user's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NamespacesPlan {
    pub ipc: NsMode,
    pub pid: NsMode,
    pub uts: NsMode,
    /// `None`: the host's default (private on cgroup v2, the host's on v1).
    pub cgroup: Option<NsMode>,
}

/// podman's ParseNamespace and Namespace.validate.
fn parse(v: &str) -> Result<NsMode> {
    let mode = match v {
        "host" => NsMode::Host,
        "private" | "" => NsMode::Private,
        v => match (v.strip_prefix("ns:"), v.strip_prefix("container:")) {
            (Some(""), _) => return Err(bad("namespace mode path requires a value".into())),
            (Some(p), _) => NsMode::Path(p.into()),
            (_, Some("")) => return Err(bad("namespace mode container requires a value".into())),
            (_, Some(c)) => NsMode::Container(c.into()),
            _ => return Err(bad(format!("unrecognized namespace mode {v} passed"))),
        },
    };
    Ok(mode)
}

fn ipc(v: &str) -> Result<NsMode> {
    match v {
        "shareable" | "" => Ok(NsMode::Private),
        "none" => Ok(NsMode::None),
        v => parse(v),
    }
}

/// On cgroup v1 every value means the host's, as podman's.
fn cgroupns(v: &str, v2: bool) -> Result<NsMode> {
    match (v, v2) {
        (_, false) | ("host", _) => Ok(NsMode::Host),
        ("private" | "", true) => Ok(NsMode::Private),
        (v, true) => Err(bad(format!(
            "unrecognized cgroup namespace mode {v} passed"
        ))),
    }
}

pub(super) fn namespaces(
    ipc_flag: Option<&str>,
    pid: Option<&str>,
    uts: Option<&str>,
    cgroup: Option<&str>,
    cgroup_v2: bool,
) -> Result<NamespacesPlan> {
    Ok(NamespacesPlan {
        ipc: ipc_flag.map(ipc).transpose()?.unwrap_or_default(),
        pid: pid.map(parse).transpose()?.unwrap_or_default(),
        uts: uts.map(parse).transpose()?.unwrap_or_default(),
        cgroup: cgroup.map(|c| cgroupns(c, cgroup_v2)).transpose()?,
    })
}

/// One `--device HOST[:CONTAINER][:PERMISSIONS]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceRequest {
    pub host: PathBuf,
    pub container: PathBuf,
    /// Some of r, w, m.
    pub access: String,
}

fn valid_mode(m: &str) -> bool {
    !m.is_empty()
        && m.chars().all(|c| "rwm".contains(c))
        && m.chars().collect::<std::collections::HashSet<_>>().len() == m.len()
}

/// podman's ParseDevice.
pub(super) fn device(v: &str) -> Result<DeviceRequest> {
    let parts: Vec<&str> = v.split(':').collect();
    let mut access = "rwm".to_string();
    let mut dst = "";
    match parts.len() {
        1..=3 => {}
        _ => return Err(bad(format!("invalid device specification: {v}"))),
    }
    if parts.len() == 3 {
        if parts[2].is_empty() {
            return Err(bad(format!(
                "empty device mode in device specification: {v}"
            )));
        }
        if !valid_mode(parts[2]) {
            return Err(bad(format!(
                "invalid device mode {:?} in device {v:?}",
                parts[2]
            )));
        }
        access = parts[2].into();
    }
    if parts.len() >= 2 {
        if valid_mode(parts[1]) {
            access = parts[1].into();
        } else if !parts[1].is_empty() && !parts[1].starts_with('/') {
            return Err(bad(format!(
                "invalid device mode {:?} in device {v:?}",
                parts[1]
            )));
        } else {
            dst = parts[1];
        }
    }
    let src = parts[0];
    Ok(DeviceRequest {
        host: src.into(),
        container: if dst.is_empty() { src } else { dst }.into(),
        access,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_as_podman_parses_them() {
        for (v, src, dst, perm) in [
            ("/dev/foo", "/dev/foo", "/dev/foo", "rwm"),
            ("/dev/foo:/dev/bar", "/dev/foo", "/dev/bar", "rwm"),
            ("/dev/foo:/dev/bar:rw", "/dev/foo", "/dev/bar", "rw"),
            ("/dev/foo:rw", "/dev/foo", "/dev/foo", "rw"),
            ("/dev/foo::rw", "/dev/foo", "/dev/foo", "rw"),
            ("/dev/foo:", "/dev/foo", "/dev/foo", "rwm"),
        ] {
            let d = device(v).unwrap();
            assert_eq!(
                (d.host.to_str(), d.container.to_str(), d.access.as_str()),
                (Some(src), Some(dst), perm),
                "{v}"
            );
        }
        for (v, want) in [
            (
                "/dev/fuse::",
                "empty device mode in device specification: /dev/fuse::",
            ),
            (
                "/dev/fuse:invalid",
                r#"invalid device mode "invalid" in device "/dev/fuse:invalid""#,
            ),
            (
                "/dev/fuse:/path:xyz",
                r#"invalid device mode "xyz" in device "/dev/fuse:/path:xyz""#,
            ),
            (
                "/dev/fuse:rrw",
                r#"invalid device mode "rrw" in device "/dev/fuse:rrw""#,
            ),
            (
                "/dev/fuse:a:b:c",
                "invalid device specification: /dev/fuse:a:b:c",
            ),
        ] {
            assert_eq!(device(v).unwrap_err().to_string(), want);
        }
    }
}
