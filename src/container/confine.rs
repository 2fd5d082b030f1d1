//! What confines a container beyond its namespaces, resolved against this host when it is
//! created: cgroup limits with their defaults, the seccomp filter, rlimits, the init binary.

use std::fs;
use std::path::PathBuf;

use oci_spec::runtime::{LinuxSeccomp, PosixRlimit};

use super::host;
use super::options::OptionError;
use super::plan::ContainerPlan;
use super::resources::{self, Resources, DEFAULT_PIDS_LIMIT};
use super::seccomp;
use super::security::Seccomp;
use super::spec::{self, SpecInput};
use crate::error::{Error, Result};

/// The cgroup limits: as asked, checked, with podman's default pids limit where the pids
/// controller is. Rootless containers get no cgroup of their own here.
pub fn resources(o: &ContainerPlan, rootless: bool) -> Result<Resources, OptionError> {
    if rootless {
        if o.resources.any() {
            return Err(OptionError::Invalid {
                what: "resource limits",
                value: "--memory/--cpus/--pids-limit".into(),
                reason: "not supported for rootless containers".into(),
            });
        }
        return Ok(Resources::default());
    }
    let mut r = o.resources.clone().resolve(host::swap_accounting())?;
    if r.pids_limit.is_none() && host::has_controller("pids") {
        r.pids_limit = Some(DEFAULT_PIDS_LIMIT);
    }
    Ok(r)
}

/// Refuses `--ulimit` hard limits above ctl's own when it cannot raise them: the runtime
/// would fail on them less clearly. In a user namespace CAP_SYS_RESOURCE counts for nothing
/// against the host's limits.
pub fn check_ulimits(limits: &[PosixRlimit], rootless: bool) -> Result<(), OptionError> {
    let own_hard = |t| resources::resource_number(t).and_then(host::hard_limit);
    let can_raise = host::can_raise_rlimits() && !rootless;
    resources::check_raise(limits, own_hard, can_raise)
}

/// The host binary `--init` binds into the container.
pub fn init_binary(o: &ContainerPlan) -> Result<Option<PathBuf>> {
    if !o.init {
        return Ok(None);
    }
    let path = match &o.init_path {
        Some(p) => p.clone(),
        None => host::find_init().ok_or_else(|| Error::InvalidInput {
            what: "init",
            value: "--init".into(),
            reason: "no init binary found: install catatonit (or tini-static), or give \
                     --init-path"
                .into(),
        })?,
    };
    if !path.is_file() {
        return Err(Error::InvalidInput {
            what: "init path",
            value: path.display().to_string(),
            reason: "not a file".into(),
        });
    }
    Ok(Some(path))
}

/// The seccomp filter: none when privileged or unconfined; else the built-in or the given
/// profile, for this machine and the container's bounding capabilities.
pub fn seccomp_filter(
    o: &ContainerPlan,
    input: &SpecInput,
) -> Result<Option<LinuxSeccomp>, OptionError> {
    let profile = match &o.security.seccomp {
        _ if o.privileged => return Ok(None),
        Seccomp::Unconfined => return Ok(None),
        Seccomp::Default => seccomp::parse(seccomp::DEFAULT_PROFILE, "built-in")?,
        Seccomp::Profile(p) => {
            let text = fs::read_to_string(p).map_err(|e| OptionError::Invalid {
                what: "seccomp profile",
                value: p.display().to_string(),
                reason: e.to_string(),
            })?;
            seccomp::parse(&text, &p.display().to_string())?
        }
    };
    let target = seccomp::Target {
        arch: seccomp::host_arch(),
        kernel: host::kernel(),
        bounding: spec::cap_sets(input).bounding,
    };
    profile.to_oci(&target).map(Some)
}
